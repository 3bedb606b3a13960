//! The disassembler: prints a code object as `python3.13 -m dis` does
//! (`dis.dis(code)` with its default options): a line-number column,
//! `L1:` labels on jump targets and handler boundaries, arguments resolved
//! to names, constants and operators, the exception table, then every
//! nested code object in `co_consts` order, recursively.
//!
//! Object addresses are the one difference: molt prints `0x0000`.

use crate::code::{CodeObject, Instruction};
use crate::opcode::{CMP_OP, FUNCTION_ATTR_FLAGS, INTRINSIC_1, INTRINSIC_2, NB_OPS, Opcode};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// Width of the opcode name column, as `dis._OPNAME_WIDTH`.
const OPNAME_WIDTH: usize = 20;
/// Width of the argument column, as `dis._OPARG_WIDTH`.
const OPARG_WIDTH: usize = 5;
/// What the line column shows for an instruction without a line.
const NO_LINENO: &str = "  --";

/// `dis.dis(code)`: the code object, then the code objects among its
/// constants, recursively.
pub fn dis(code: &CodeObject) -> String {
    let mut out = String::new();
    dis_recursive(code, &mut out);
    out
}

fn dis_recursive(code: &CodeObject, out: &mut String) {
    disassemble(code, out);
    for constant in &code.consts {
        if let crate::constant::Constant::Code(inner) = constant {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", inner.repr());
            dis_recursive(inner, out);
        }
    }
}

/// `dis.disassemble(code)`: one code object, without the nested ones.
pub fn disassemble(code: &CodeObject, out: &mut String) {
    // Where lines start: the start of every `co_lines()` range.
    let linestarts: HashMap<u32, Option<i32>> = code
        .lines()
        .into_iter()
        .map(|(start, _, line)| (start, line))
        .collect();
    let exceptions = code.exception_entries();
    let instructions = code.instructions();

    let mut labels: BTreeSet<u32> = instructions
        .iter()
        .filter(|i| i.arg.is_some())
        .filter_map(CodeObject::jump_target)
        .collect();
    for e in &exceptions {
        labels.extend([2 * e.start, 2 * e.end, 2 * e.target]);
    }
    let labels: HashMap<u32, usize> = labels
        .into_iter()
        .enumerate()
        .map(|(i, offset)| (offset, i + 1))
        .collect();
    let label_width = 4 + labels.len().to_string().len();
    let lineno_width = lineno_width(&linestarts);

    let mut line: Option<i32> = None;
    for instr in &instructions {
        let starts_line = linestarts.get(&instr.offset);
        if let Some(start) = starts_line {
            line = *start;
        }
        if lineno_width > 0 && starts_line.is_some() && instr.offset > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::with_capacity(6);
        if lineno_width > 0 {
            fields.push(match (starts_line, line) {
                (Some(_), Some(n)) => format!("{n:>lineno_width$}"),
                (Some(_), None) => format!("{NO_LINENO:>lineno_width$}"),
                (None, _) => " ".repeat(lineno_width),
            });
        }
        fields.push(match labels.get(&instr.offset) {
            Some(label) => format!("{:>label_width$}", format!("L{label}:")),
            None => " ".repeat(label_width),
        });
        fields.push("   ".into());
        let name = match instr.op {
            Some(op) => op.name().to_string(),
            None => format!("<{}>", instr.byte),
        };
        fields.push(format!("{name:<OPNAME_WIDTH$}"));
        if let Some(arg) = instr.arg {
            let width = OPARG_WIDTH.saturating_sub(name.len().saturating_sub(OPNAME_WIDTH));
            fields.push(format!("{arg:>width$}"));
            let argrepr = argrepr(code, instr, arg, &labels);
            if !argrepr.is_empty() {
                fields.push(format!("({argrepr})"));
            }
        }
        let text = fields.join(" ");
        out.push_str(text.trim_end());
        out.push('\n');
    }

    if !exceptions.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &exceptions {
            let label = |offset: u32| labels[&(2 * offset)];
            let _ = writeln!(
                out,
                "  L{} to L{} -> L{} [{}]{}",
                label(e.start),
                label(e.end),
                label(e.target),
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
}

/// The width of the line column (0: none), as `dis._get_lineno_width`
/// computes it; line 0 does not count, as there.
fn lineno_width(linestarts: &HashMap<u32, Option<i32>>) -> usize {
    let max = linestarts
        .values()
        .filter_map(|l| *l)
        .filter(|l| *l != 0)
        .max();
    let Some(max) = max else {
        return 0;
    };
    let width = 3.max(max.to_string().len());
    if width < NO_LINENO.len() && linestarts.values().any(Option::is_none) {
        NO_LINENO.len()
    } else {
        width
    }
}

/// What `dis` prints in parentheses after an argument.
fn argrepr(
    code: &CodeObject,
    instr: &Instruction,
    arg: i32,
    labels: &HashMap<u32, usize>,
) -> String {
    let Some(op) = instr.op else {
        return String::new();
    };
    let name = |i: i32| -> String {
        usize::try_from(i)
            .ok()
            .and_then(|i| code.names.get(i))
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let local = |i: i32| code.varname_from_oparg(i).unwrap_or_default().to_string();
    let table = |t: &[&str], i: i32| -> String {
        usize::try_from(i)
            .ok()
            .and_then(|i| t.get(i))
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    let with_bit = |base: String, bit: bool, suffix: &str| {
        if bit && !base.is_empty() {
            format!("{base} + {suffix}")
        } else {
            base
        }
    };
    if op.has_const() {
        return usize::try_from(arg)
            .ok()
            .and_then(|i| code.consts.get(i))
            .map(|c| c.repr())
            .unwrap_or_default();
    }
    if op.has_name() {
        return match op {
            Opcode::LoadGlobal => with_bit(name(arg >> 1), arg & 1 != 0, "NULL"),
            Opcode::LoadAttr => with_bit(name(arg >> 1), arg & 1 != 0, "NULL|self"),
            Opcode::LoadSuperAttr => with_bit(name(arg >> 2), arg & 1 != 0, "NULL|self"),
            _ => name(arg),
        };
    }
    if op.has_jump() || op.has_exc() {
        return match CodeObject::jump_target(instr).and_then(|t| labels.get(&t)) {
            Some(label) => format!("to L{label}"),
            None => String::new(),
        };
    }
    match op {
        Opcode::LoadFastLoadFast | Opcode::StoreFastLoadFast | Opcode::StoreFastStoreFast => {
            return format!("{}, {}", local(arg >> 4), local(arg & 15));
        }
        _ if op.has_local() || op.has_free() => return local(arg),
        _ if op.has_compare() => {
            let cmp = table(CMP_OP, arg >> 5);
            return if arg & 16 != 0 {
                format!("bool({cmp})")
            } else {
                cmp
            };
        }
        Opcode::ConvertValue => return table(&["", "str", "repr", "ascii"], arg),
        Opcode::SetFunctionAttribute => {
            let flags: Vec<&str> = FUNCTION_ATTR_FLAGS
                .iter()
                .enumerate()
                .filter(|(i, _)| arg & (1 << i) != 0)
                .map(|(_, s)| *s)
                .collect();
            return flags.join(", ");
        }
        Opcode::BinaryOp => {
            return usize::try_from(arg)
                .ok()
                .and_then(|i| NB_OPS.get(i))
                .map(|(_, sym)| sym.to_string())
                .unwrap_or_default();
        }
        Opcode::CallIntrinsic1 => return table(INTRINSIC_1, arg),
        Opcode::CallIntrinsic2 => return table(INTRINSIC_2, arg),
        _ => {}
    }
    String::new()
}
