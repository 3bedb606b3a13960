//! `co_exceptiontable`, CPython 3.13's table of exception handlers: which
//! range of code units each handler protects, where it starts, the stack
//! depth to unwind to and whether the offset of the raising instruction is
//! pushed (`lasti`). Written as the assembler writes it, read as
//! `dis._parse_exception_table` reads it.
//!
//! Each entry is four numbers (start, length, target, depth * 2 + lasti),
//! counted in code units; each number is written most significant 6-bit
//! chunk first, bit 6 meaning "more follows", and the first byte of an
//! entry carries bit 7 so that entries can be found by scanning.

/// One handler: code units `start..end` jump to `target` when they raise.
/// `depth` is the stack depth the handler starts from (below any values
/// it pushes); `lasti` pushes the offset of the raising instruction too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExceptionTableEntry {
    /// In code units (bytes / 2).
    pub start: u32,
    /// In code units, exclusive.
    pub end: u32,
    /// In code units.
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

fn write_item(out: &mut Vec<u8>, value: u32, mut mark: u8) {
    debug_assert!(value < 1 << 30);
    for shift in [24, 18, 12, 6] {
        if value >= 1 << shift {
            out.push(((value >> shift) & 63) as u8 | 64 | mark);
            mark = 0;
        }
    }
    out.push((value & 63) as u8 | mark);
}

/// Appends one entry to `out`.
pub fn write_entry(out: &mut Vec<u8>, entry: &ExceptionTableEntry) {
    write_item(out, entry.start, 128);
    write_item(out, entry.end - entry.start, 0);
    write_item(out, entry.target, 0);
    write_item(out, (entry.depth << 1) | u32::from(entry.lasti), 0);
}

/// `co_exceptiontable` for `entries`, in order.
pub fn encode_exception_table(entries: &[ExceptionTableEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in entries {
        write_entry(&mut out, entry);
    }
    out
}

/// The handler protecting an instruction, as the compiler knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Handler {
    /// Where the handler starts, in code units.
    pub target: u32,
    /// The stack depth at the handler's start, the values the unwinding
    /// pushes included (CPython's `h_startdepth`).
    pub startdepth: u32,
    /// Whether the offset of the raising instruction is pushed too.
    pub preserve_lasti: bool,
}

/// The entries for instructions given in order as (their handler, their
/// size in code units), as the assembler makes them: a run of instructions
/// with the same handler target is one entry, unprotected ones none, and
/// the depth recorded is the depth below what the unwinding pushes.
pub fn entries_from_handlers(
    instructions: impl IntoIterator<Item = (Option<Handler>, u32)>,
) -> Vec<ExceptionTableEntry> {
    let mut entries = Vec::new();
    let mut current: Option<(Handler, u32)> = None;
    let mut offset = 0;
    let close = |entries: &mut Vec<ExceptionTableEntry>, (h, start): (Handler, u32), end| {
        entries.push(ExceptionTableEntry {
            start,
            end,
            target: h.target,
            depth: h.startdepth - 1 - u32::from(h.preserve_lasti),
            lasti: h.preserve_lasti,
        });
    };
    for (handler, units) in instructions {
        if handler.map(|h| h.target) != current.map(|(h, _)| h.target) {
            if let Some(open) = current {
                close(&mut entries, open, offset);
            }
            current = handler.map(|h| (h, offset));
        }
        offset += units;
    }
    if let Some(open) = current {
        close(&mut entries, open, offset);
    }
    entries
}

/// The entries of `co_exceptiontable`; a truncated last entry is dropped,
/// as `dis` drops it.
pub fn decode_exception_table(bytes: &[u8]) -> Vec<ExceptionTableEntry> {
    let mut it = bytes.iter().copied();
    let mut item = || -> Option<u32> {
        let mut b = it.next()?;
        let mut value = u32::from(b & 63);
        while b & 64 != 0 {
            b = it.next()?;
            value = (value << 6) | u32::from(b & 63);
        }
        Some(value)
    };
    let mut entries = Vec::new();
    loop {
        let (Some(start), Some(length), Some(target), Some(dl)) = (item(), item(), item(), item())
        else {
            return entries;
        };
        entries.push(ExceptionTableEntry {
            start,
            end: start + length,
            target,
            depth: dl >> 1,
            lasti: dl & 1 != 0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip() {
        let entries = [
            ExceptionTableEntry {
                start: 2,
                end: 10,
                target: 12,
                depth: 1,
                lasti: false,
            },
            ExceptionTableEntry {
                start: 100,
                end: 5000,
                target: 300_000,
                depth: 3,
                lasti: true,
            },
        ];
        let handler = |target, startdepth, preserve_lasti| {
            Some(Handler {
                target,
                startdepth,
                preserve_lasti,
            })
        };
        let made = entries_from_handlers([
            (None, 2),
            (handler(12, 2, false), 3),
            (handler(12, 2, false), 5),
            (None, 90),
            (handler(300_000, 5, true), 4900),
        ]);
        assert_eq!(made, entries);
        let bytes = encode_exception_table(&entries);
        assert_eq!(&bytes[..4], &[0x82, 8, 12, 2]);
        assert_eq!(decode_exception_table(&bytes), entries);
    }
}
