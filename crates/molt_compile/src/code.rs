//! Code objects as CPython 3.13 lays them out: what the compiler makes of
//! each scope, what `dis` prints and what the VM will run.
//!
//! `code` is `co_code` byte for byte: two bytes (opcode, argument) per code
//! unit, `EXTENDED_ARG` prefixes for arguments above 255, and the inline
//! `CACHE` units of each instruction as zeros. Locals, cells and free
//! variables share one array (`localsplusnames`), told apart by
//! `localspluskinds`, from which `co_varnames`, `co_cellvars` and
//! `co_freevars` are derived as CPython derives them.

use crate::Ident;
use crate::constant::Constant;
use crate::exception_table::{ExceptionTableEntry, decode_exception_table};
use crate::linetable::{SourceLocation, co_lines, co_positions};
use crate::opcode::Opcode;

pub use crate::opcode::{
    CO_ASYNC_GENERATOR, CO_COROUTINE, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_HIDDEN, CO_FAST_LOCAL,
    CO_GENERATOR, CO_ITERABLE_COROUTINE, CO_NESTED, CO_NEWLOCALS, CO_NOFREE, CO_OPTIMIZED,
    CO_VARARGS, CO_VARKEYWORDS, CODE_FLAGS,
};

/// A code object (`types.CodeType`), with the fields of CPython 3.13's.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    /// `CO_*` flags (`crate::opcode::CODE_FLAGS`), future flags included.
    pub flags: u32,
    /// `co_code`.
    pub code: Vec<u8>,
    pub consts: Vec<Constant>,
    /// `co_names`: globals, attributes and imported names.
    pub names: Vec<Ident>,
    /// Locals (arguments first), then cells that are not arguments, then
    /// free variables; the argument of `LOAD_FAST`, `LOAD_DEREF`, ...
    pub localsplusnames: Vec<Ident>,
    /// One `CO_FAST_*` kind per name of `localsplusnames`.
    pub localspluskinds: Vec<u8>,
    pub filename: String,
    pub name: String,
    pub qualname: String,
    pub firstlineno: i32,
    /// `co_linetable` (see `crate::linetable`).
    pub linetable: Vec<u8>,
    /// `co_exceptiontable` (see `crate::exception_table`).
    pub exceptiontable: Vec<u8>,
}

/// One instruction of `co_code`, as `dis` walks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instruction {
    /// Byte offset of the instruction itself (after its `EXTENDED_ARG`s,
    /// which are instructions of their own).
    pub offset: u32,
    /// The opcode byte; `None` in `op` when the byte is not an opcode.
    pub byte: u8,
    pub op: Option<Opcode>,
    /// The argument with its `EXTENDED_ARG` prefixes applied; `None` for
    /// instructions without one.
    pub arg: Option<i32>,
}

/// How many `EXTENDED_ARG` prefixes an argument needs.
fn prefixes(oparg: u32) -> u32 {
    match oparg {
        0..=0xff => 0,
        0x100..=0xffff => 1,
        0x1_0000..=0xff_ffff => 2,
        _ => 3,
    }
}

/// How many code units an instruction takes in `co_code`: its
/// `EXTENDED_ARG` prefixes, itself and its caches (`_PyCompile_InstrSize`).
pub fn instr_size(op: Opcode, oparg: u32) -> u32 {
    prefixes(oparg) + 1 + op.cache_entries()
}

// `CACHE` units are written as zero bytes.
const _: () = assert!(Opcode::Cache.number() == 0);

/// Writes an instruction at the start of `code` as the assembler lays it
/// out: `EXTENDED_ARG` prefixes for the high bytes of `oparg`, the
/// instruction with the low byte, then its `CACHE` units, left as the
/// zeros they already are (the assembler zeroes all of `co_code` at once,
/// then writes each instruction at its offset). `op` must be a real
/// instruction.
pub fn write_instr(code: &mut [u8], op: Opcode, oparg: u32) {
    debug_assert!(!op.is_pseudo(), "{} is a pseudo-instruction", op.name());
    let n = prefixes(oparg) as usize;
    for k in 0..n {
        code[2 * k] = Opcode::ExtendedArg.number() as u8;
        code[2 * k + 1] = (oparg >> (8 * (n - k))) as u8;
    }
    code[2 * n] = op.number() as u8;
    code[2 * n + 1] = oparg as u8;
}

impl CodeObject {
    fn names_of(&self, kind: u8) -> Vec<&str> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, k)| *k & kind != 0)
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// `co_varnames`.
    pub fn varnames(&self) -> Vec<&str> {
        self.names_of(CO_FAST_LOCAL)
    }

    /// `co_cellvars` (arguments that are cells included).
    pub fn cellvars(&self) -> Vec<&str> {
        self.names_of(CO_FAST_CELL)
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> Vec<&str> {
        self.names_of(CO_FAST_FREE)
    }

    /// `co_nlocals`.
    pub fn nlocals(&self) -> usize {
        self.localspluskinds
            .iter()
            .filter(|k| *k & CO_FAST_LOCAL != 0)
            .count()
    }

    /// The name an argument of a local or free-variable instruction
    /// refers to (`co._varname_from_oparg`).
    pub fn varname_from_oparg(&self, oparg: i32) -> Option<&str> {
        usize::try_from(oparg)
            .ok()
            .and_then(|i| self.localsplusnames.get(i))
            .map(Ident::as_str)
    }

    /// `repr(code)`, with the address CPython prints given as `address`.
    pub fn repr_at(&self, address: &str) -> String {
        format!(
            "<code object {} at {address}, file \"{}\", line {}>",
            self.name, self.filename, self.firstlineno
        )
    }

    /// `repr(code)`; molt has no addresses and prints `0x0000`.
    pub fn repr(&self) -> String {
        self.repr_at("0x0000")
    }

    /// `co_lines()`: byte ranges and their line (`None`: no line).
    pub fn lines(&self) -> Vec<(u32, u32, Option<i32>)> {
        co_lines(&self.linetable, self.firstlineno)
    }

    /// `co_positions()`: the location of every code unit.
    pub fn positions(&self) -> Vec<Option<SourceLocation>> {
        co_positions(&self.linetable, self.firstlineno)
    }

    /// The entries of the exception table.
    pub fn exception_entries(&self) -> Vec<ExceptionTableEntry> {
        decode_exception_table(&self.exceptiontable)
    }

    /// The instructions of `co_code`, inline caches skipped, as `dis`'s
    /// `_unpack_opargs` finds them.
    pub fn instructions(&self) -> Vec<Instruction> {
        let mut out = Vec::new();
        let mut extended: i64 = 0;
        let mut caches = 0;
        for (i, unit) in self.code.chunks(2).enumerate() {
            if caches > 0 {
                caches -= 1;
                continue;
            }
            let byte = unit[0];
            let op = Opcode::from_u8(byte);
            caches = op.map_or(0, Opcode::cache_entries);
            let arg = if op.is_some_and(Opcode::has_arg) {
                let arg = i64::from(unit.get(1).copied().unwrap_or(0)) | extended;
                extended = if op == Some(Opcode::ExtendedArg) {
                    // The argument is a C int: it wraps as CPython's does.
                    i64::from((arg << 8) as i32)
                } else {
                    0
                };
                Some(arg as i32)
            } else {
                extended = 0;
                None
            };
            out.push(Instruction {
                offset: 2 * i as u32,
                byte,
                op,
                arg,
            });
        }
        out
    }

    /// The byte offset an instruction jumps to (as `dis` computes it),
    /// if it jumps.
    pub fn jump_target(instr: &Instruction) -> Option<u32> {
        let op = instr.op?;
        if !op.has_jump() {
            return None;
        }
        let arg = i64::from(instr.arg?);
        let arg = if op.is_backward_jump() { -arg } else { arg };
        let target = i64::from(instr.offset) + 2 + 2 * arg + 2 * i64::from(op.cache_entries());
        u32::try_from(target).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends an instruction to `code`, caches included.
    fn emit_instr(code: &mut Vec<u8>, op: Opcode, oparg: u32) {
        let at = code.len();
        code.resize(at + 2 * instr_size(op, oparg) as usize, 0);
        write_instr(&mut code[at..], op, oparg);
    }

    #[test]
    fn instructions_are_laid_out_as_cpython_lays_them_out() {
        let mut code = Vec::new();
        emit_instr(&mut code, Opcode::Resume, 0);
        emit_instr(&mut code, Opcode::LoadGlobal, 0x1_2345);
        emit_instr(&mut code, Opcode::ReturnValue, 0);
        assert_eq!(
            code.len() as u32,
            2 * (1 + instr_size(Opcode::LoadGlobal, 0x1_2345) + 1)
        );
        assert_eq!(&code[2..8], &[71, 0x01, 71, 0x23, 91, 0x45]);
        let co = CodeObject {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 1,
            flags: 0,
            code,
            consts: vec![],
            names: vec![],
            localsplusnames: vec![],
            localspluskinds: vec![],
            filename: "f.py".into(),
            name: "<module>".into(),
            qualname: "<module>".into(),
            firstlineno: 1,
            linetable: vec![],
            exceptiontable: vec![],
        };
        let ops: Vec<_> = co.instructions().iter().map(|i| (i.op, i.arg)).collect();
        assert_eq!(
            ops,
            [
                (Some(Opcode::Resume), Some(0)),
                (Some(Opcode::ExtendedArg), Some(0x01)),
                (Some(Opcode::ExtendedArg), Some(0x123)),
                (Some(Opcode::LoadGlobal), Some(0x1_2345)),
                (Some(Opcode::ReturnValue), None),
            ]
        );
    }
}
