//! `co_linetable`, CPython 3.13's table of source locations: written from
//! the location of every instruction as the assembler writes it, and read
//! back as `co_lines()` and `co_positions()` read it.
//!
//! The format (CPython's `Objects/locations.md`): a sequence of entries,
//! each covering 1 to 8 code units. The first byte of an entry has its top
//! bit set, a 4-bit code and the length minus one; what follows depends on
//! the code: the short forms (codes 0-9: same line, column group and a
//! byte of column and width), the one-line forms (10-12: line delta 0-2,
//! column and end column bytes), no columns (13: a signed line delta), the
//! long form (14: signed line delta, end-line delta, column + 1 and end
//! column + 1) and no location (15). Numbers are varints of 6-bit chunks,
//! least significant first, bit 6 meaning "more follows"; signed ones keep
//! the sign in their lowest bit.

/// A source location of the compiler (the code generator's [`Loc`]).
pub use crate::instr::Loc as SourceLocation;

/// CPython's `NO_LOCATION`: instructions the compiler made up.
pub const NO_LOCATION: SourceLocation = SourceLocation::NONE;

const SHORT0: u8 = 0;
const ONE_LINE0: u8 = 10;
const NO_COLUMNS: u8 = 13;
const LONG: u8 = 14;
const NONE: u8 = 15;

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 64 {
        out.push(64 | (value & 63) as u8);
        value >>= 6;
    }
    out.push(value as u8);
}

fn write_signed_varint(out: &mut Vec<u8>, value: i32) {
    let unsigned = if value < 0 {
        (value.unsigned_abs() << 1) | 1
    } else {
        (value as u32) << 1
    };
    write_varint(out, unsigned);
}

/// An entry's first byte: its code and its length in code units (1 to 8).
fn first_byte(code: u8, units: u32) -> u8 {
    0x80 | (code << 3) | (units - 1) as u8
}

/// Writes `co_linetable` as the assembler does, instruction by instruction.
#[derive(Debug)]
pub struct LineTableWriter {
    bytes: Vec<u8>,
    /// The line deltas are relative to this: the last line written.
    lineno: i32,
    /// The location being accumulated, and how many code units it covers.
    pending: SourceLocation,
    pending_units: u32,
}

impl LineTableWriter {
    /// A table for a code object whose `co_firstlineno` is `firstlineno`.
    pub fn new(firstlineno: i32) -> LineTableWriter {
        LineTableWriter::with_capacity(firstlineno, 0)
    }

    /// A table with room for `bytes` bytes (the assembler gives it two per
    /// instruction: most entries take two or three bytes, and neighbours
    /// share).
    pub fn with_capacity(firstlineno: i32, bytes: usize) -> LineTableWriter {
        LineTableWriter {
            bytes: Vec::with_capacity(bytes),
            lineno: firstlineno,
            pending: NO_LOCATION,
            pending_units: 0,
        }
    }

    /// The next instruction: its location, and its size in code units
    /// (its `EXTENDED_ARG` prefixes and `CACHE` entries included).
    /// Neighbours with the same location share entries.
    pub fn push(&mut self, location: SourceLocation, units: u32) {
        if location != self.pending {
            self.flush();
            self.pending = location;
        }
        self.pending_units += units;
    }

    /// The finished table.
    pub fn finish(mut self) -> Vec<u8> {
        self.flush();
        self.bytes
    }

    fn flush(&mut self) {
        let mut units = std::mem::take(&mut self.pending_units);
        while units > 8 {
            self.entry(self.pending, 8);
            units -= 8;
        }
        if units > 0 {
            self.entry(self.pending, units);
        }
    }

    fn start(&mut self, code: u8, units: u32) {
        self.bytes.push(first_byte(code, units));
    }

    /// One entry of 1 to 8 code units, in the shortest form CPython picks.
    fn entry(&mut self, loc: SourceLocation, units: u32) {
        if loc.lineno < 0 {
            self.start(NONE, units);
            return;
        }
        let line_delta = loc.lineno - self.lineno;
        let (column, end_column) = (loc.col_offset, loc.end_col_offset);
        if column < 0 || end_column < 0 {
            if loc.end_lineno == loc.lineno || loc.end_lineno == -1 {
                self.start(NO_COLUMNS, units);
                write_signed_varint(&mut self.bytes, line_delta);
                self.lineno = loc.lineno;
                return;
            }
        } else if loc.end_lineno == loc.lineno {
            // The short forms, most entries, are written whole.
            if line_delta == 0 && column < 80 && end_column >= column && end_column - column < 16 {
                self.bytes.extend_from_slice(&[
                    first_byte(SHORT0 + (column >> 3) as u8, units),
                    (((column & 7) << 4) | (end_column - column)) as u8,
                ]);
                return;
            }
            if (0..3).contains(&line_delta) && column < 128 && end_column < 128 {
                self.bytes.extend_from_slice(&[
                    first_byte(ONE_LINE0 + line_delta as u8, units),
                    column as u8,
                    end_column as u8,
                ]);
                self.lineno = loc.lineno;
                return;
            }
        }
        self.start(LONG, units);
        write_signed_varint(&mut self.bytes, line_delta);
        write_varint(&mut self.bytes, (loc.end_lineno - loc.lineno) as u32);
        write_varint(&mut self.bytes, (loc.col_offset + 1) as u32);
        write_varint(&mut self.bytes, (loc.end_col_offset + 1) as u32);
        self.lineno = loc.lineno;
    }
}

/// `co_linetable` for instructions given as (location, size in code units).
pub fn encode_linetable(
    firstlineno: i32,
    instructions: impl IntoIterator<Item = (SourceLocation, u32)>,
) -> Vec<u8> {
    let mut writer = LineTableWriter::new(firstlineno);
    for (location, units) in instructions {
        writer.push(location, units);
    }
    writer.finish()
}

/// One entry of a table: how many code units it covers and where they
/// come from. `location` is `None` for "no location"; columns are `-1`
/// when the entry has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineTableEntry {
    pub units: u32,
    pub location: Option<SourceLocation>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    fn varint(&mut self) -> u32 {
        let mut b = self.byte();
        let mut value = u32::from(b & 63);
        let mut shift = 0;
        while b & 64 != 0 {
            b = self.byte();
            shift += 6;
            value |= u32::from(b & 63).wrapping_shl(shift);
        }
        value
    }

    fn signed_varint(&mut self) -> i32 {
        let v = self.varint();
        if v & 1 != 0 {
            -((v >> 1) as i32)
        } else {
            (v >> 1) as i32
        }
    }
}

/// The entries of `co_linetable`, with their locations resolved (lines
/// accumulate from `firstlineno` as CPython reads them).
pub fn decode_linetable(bytes: &[u8], firstlineno: i32) -> Vec<LineTableEntry> {
    let mut r = Reader { bytes, pos: 0 };
    let mut line = firstlineno;
    let mut entries = Vec::new();
    while r.pos < bytes.len() {
        let first = r.byte();
        let code = (first >> 3) & 15;
        let units = u32::from(first & 7) + 1;
        let location = match code {
            NONE => None,
            NO_COLUMNS => {
                line += r.signed_varint();
                Some(SourceLocation::new(line, line, -1, -1))
            }
            LONG => {
                line += r.signed_varint();
                let end_line = line + r.varint() as i32;
                let col = r.varint() as i32 - 1;
                let end_col = r.varint() as i32 - 1;
                Some(SourceLocation::new(line, end_line, col, end_col))
            }
            10..=12 => {
                line += i32::from(code - ONE_LINE0);
                let col = i32::from(r.byte());
                let end_col = i32::from(r.byte());
                Some(SourceLocation::new(line, line, col, end_col))
            }
            _ => {
                let second = i32::from(r.byte());
                let col = i32::from(code) * 8 + (second >> 4);
                Some(SourceLocation::new(line, line, col, col + (second & 15)))
            }
        };
        entries.push(LineTableEntry { units, location });
    }
    entries
}

/// `co_lines()`: (start byte offset, end byte offset, line) ranges, with
/// neighbours of the same line merged; `None` where there is no line.
pub fn co_lines(bytes: &[u8], firstlineno: i32) -> Vec<(u32, u32, Option<i32>)> {
    let mut out: Vec<(u32, u32, Option<i32>)> = Vec::new();
    let mut offset = 0;
    for entry in decode_linetable(bytes, firstlineno) {
        let end = offset + 2 * entry.units;
        let line = entry.location.map(|l| l.lineno);
        match out.last_mut() {
            Some(last) if last.2 == line => last.1 = end,
            _ => out.push((offset, end, line)),
        }
        offset = end;
    }
    out
}

/// `co_positions()`: the location of every code unit (`None` parts are
/// CPython's `None`s).
pub fn co_positions(bytes: &[u8], firstlineno: i32) -> Vec<Option<SourceLocation>> {
    let mut out = Vec::new();
    for entry in decode_linetable(bytes, firstlineno) {
        for _ in 0..entry.units {
            out.push(entry.location);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip() {
        let locs = [
            (SourceLocation::new(0, 1, 0, 0), 1),
            (SourceLocation::new(1, 1, 0, 5), 3),
            (SourceLocation::new(1, 1, 4, 90), 12),
            (SourceLocation::new(3, 3, 100, 110), 1),
            (SourceLocation::new(2, 7, -1, -1), 2),
            (SourceLocation::new(2, 2, -1, -1), 2),
            (NO_LOCATION, 1),
            (SourceLocation::new(900, 901, 3, 2000), 1),
        ];
        let bytes = encode_linetable(1, locs);
        let entries = decode_linetable(&bytes, 1);
        let again = encode_linetable(
            1,
            entries
                .iter()
                .map(|e| (e.location.unwrap_or(NO_LOCATION), e.units)),
        );
        assert_eq!(bytes, again);
        assert_eq!(entries[0].location, Some(SourceLocation::new(0, 1, 0, 0)));
        assert_eq!(entries.iter().map(|e| e.units).sum::<u32>(), 23);
        assert_eq!(co_lines(&bytes, 1)[0], (0, 2, Some(0)));
    }
}
