//! From an optimized control-flow graph to a code object
//! (`Python/assemble.c` and the end of `flowgraph.c`): the locals laid
//! out with their cells and free variables, jump directions and offsets,
//! `EXTENDED_ARG`, inline caches, the line table and the exception table.

use crate::Ident;
use crate::code::{CodeObject, instr_size, write_instr};
use crate::exception_table::{Handler, encode_exception_table, entries_from_handlers};
use crate::flowgraph::{self, Cfg, CfgInstr, has_target};
use crate::instr::{InstrSeq, Loc};
use crate::linetable::LineTableWriter;
use crate::opcode::*;
use crate::pool::ConstPool;
use crate::timings::{Stage, timed};
use rustc_hash::FxHashSet;

/// What the code generator knows of a finished unit (its instructions
/// apart, so that their storage can serve the next unit).
pub struct UnitCode {
    pub consts: ConstPool,
    pub names: Vec<Ident>,
    pub varnames: Vec<Ident>,
    pub cellvars: Vec<Ident>,
    pub freevars: Vec<Ident>,
    pub fasthidden: FxHashSet<Ident>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// Parameters, `*args` and `**kwargs` included (always bound).
    pub nparams: usize,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    pub flags: u32,
}

/// The code object of a unit. `cfg` is the graph of the previous unit:
/// its storage is reused.
pub fn make_code(unit: UnitCode, seq: &InstrSeq, filename: &str, cfg: &mut Cfg) -> CodeObject {
    timed(Stage::MakeCode, || assemble(unit, seq, filename, cfg))
}

fn assemble(unit: UnitCode, seq: &InstrSeq, filename: &str, cfg: &mut Cfg) -> CodeObject {
    let mut unit = unit;
    let mut consts = std::mem::take(&mut unit.consts);
    timed(Stage::Load, || cfg.load(seq));
    flowgraph::optimize(cfg, &mut consts, unit.varnames.len(), unit.nparams);
    let stacksize = timed(Stage::StackDepth, || cfg.stackdepth());
    let localsplus = timed(Stage::LocalsPlus, || prepare_localsplus(&unit, cfg));
    flowgraph::finish(cfg);
    timed(Stage::Assemble, || {
        write_code(unit, consts, stacksize, localsplus, filename, cfg)
    })
}

/// Lay the graph out and write the code object: `co_code` with its jump
/// offsets, the line table and the exception table.
fn write_code(
    unit: UnitCode,
    consts: ConstPool,
    stacksize: u32,
    (localsplusnames, localspluskinds): (Vec<Ident>, Vec<u8>),
    filename: &str,
    cfg: &mut Cfg,
) -> CodeObject {
    // Lay the blocks out, then point each jump at its target's
    // instruction index (in `target`) and give it its direction.
    let order = cfg.layout();
    let mut first_index = vec![u32::MAX; cfg.blocks.len()];
    let mut count = 0;
    for &b in &order {
        first_index[b as usize] = count;
        count += cfg.blocks[b].instrs.len() as u32;
    }
    // An empty block's index is that of the next instruction.
    for &b in order.iter().rev() {
        if cfg.blocks[b].instrs.is_empty() {
            first_index[b as usize] = cfg.blocks[b]
                .next
                .map_or(count, |n| first_index[n as usize]);
        }
    }
    let mut flat: Vec<CfgInstr> = Vec::with_capacity(count as usize);
    for &b in &order {
        for &instr in &cfg.blocks[b].instrs {
            let k = flat.len() as u32;
            let mut instr = instr;
            instr.target = if has_target(instr.op) {
                instr.target.map(|t| first_index[t as usize])
            } else {
                None
            };
            if let Some(t) = instr.target {
                instr.op = match instr.op {
                    Opcode::Jump if t > k => Opcode::JumpForward,
                    Opcode::Jump => Opcode::JumpBackward,
                    Opcode::JumpNoInterrupt if t > k => Opcode::JumpForward,
                    Opcode::JumpNoInterrupt => Opcode::JumpBackwardNoInterrupt,
                    op => op,
                };
                // Until offsets are known a jump's argument is its
                // target's index, as in CPython (it sizes the first layout).
                instr.arg = t;
            }
            flat.push(instr);
        }
    }
    // Offsets in code units, recomputed until the EXTENDED_ARGs settle.
    // `resolve_jump_offsets`: lay out, point each jump at its target
    // (relative to the instruction after it), until no size changes.
    let mut offsets = vec![0u32; flat.len() + 1];
    loop {
        let mut total = 0;
        for (k, i) in flat.iter().enumerate() {
            offsets[k] = total;
            total += instr_size(i.op, i.arg);
        }
        offsets[flat.len()] = total;
        let mut changed = false;
        for (k, i) in flat.iter_mut().enumerate() {
            let Some(t) = i.target else {
                continue;
            };
            let size = offsets[k + 1] - offsets[k];
            i.arg = offsets[k + 1].abs_diff(offsets[t as usize]);
            changed |= instr_size(i.op, i.arg) != size;
        }
        if !changed {
            break;
        }
    }
    // Two bytes a code unit, caches left zero.
    let mut code = vec![0u8; 2 * offsets[flat.len()] as usize];
    let mut lines = LineTableWriter::with_capacity(unit.firstlineno as i32, 2 * flat.len());
    for (k, i) in flat.iter().enumerate() {
        write_instr(&mut code[2 * offsets[k] as usize..], i.op, i.arg);
        lines.push(i.loc, offsets[k + 1] - offsets[k]);
    }
    let handlers = flat.iter().enumerate().map(|(k, i)| {
        let handler = i.except.map(|h| {
            let block = &cfg.blocks[h];
            Handler {
                target: offsets[first_index[h as usize] as usize],
                // A handler no path reaches keeps the least depth it can have.
                startdepth: block.startdepth.max(1 + i32::from(block.preserve_lasti)) as u32,
                preserve_lasti: block.preserve_lasti,
            }
        });
        (handler, offsets[k + 1] - offsets[k])
    });
    // Without a SETUP_* no instruction has a handler: the table is empty.
    let exceptiontable = if cfg.has_handlers {
        encode_exception_table(&entries_from_handlers(handlers))
    } else {
        Vec::new()
    };
    cfg.recycle(order);
    CodeObject {
        argcount: unit.argcount + unit.posonlyargcount,
        posonlyargcount: unit.posonlyargcount,
        kwonlyargcount: unit.kwonlyargcount,
        stacksize,
        flags: unit.flags,
        code,
        consts: consts.into_vec(),
        names: unit.names,
        localsplusnames,
        localspluskinds,
        filename: filename.to_string(),
        name: unit.name,
        qualname: unit.qualname,
        firstlineno: unit.firstlineno as i32,
        linetable: lines.finish(),
        exceptiontable,
    }
}

/// `prepare_localsplus`: cells and free variables placed after the
/// locals (a parameter that is a cell keeps its place), the prefix
/// instructions that make cells and copy free variables, and the
/// arguments of the instructions that name them.
fn prepare_localsplus(unit: &UnitCode, cfg: &mut Cfg) -> (Vec<Ident>, Vec<u8>) {
    let nlocals = unit.varnames.len();
    let ncells = unit.cellvars.len();
    let nfree = unit.freevars.len();
    // Where each cell and free variable ends up.
    let mut fixed: Vec<usize> = (0..ncells + nfree).map(|i| nlocals + i).collect();
    for (i, name) in unit.cellvars.iter().enumerate() {
        if let Some(v) = unit.varnames.iter().position(|n| n == name) {
            fixed[i] = v;
        }
    }
    // The prefix.
    let entry = cfg.entry;
    let mut prefix: Vec<CfgInstr> = Vec::new();
    let plain = |op, arg, loc| CfgInstr {
        op,
        arg,
        loc,
        target: None,
        except: None,
    };
    if nfree > 0 {
        prefix.push(plain(Opcode::CopyFreeVars, nfree as u32, Loc::NONE));
    }
    let mut by_offset: Vec<(usize, usize)> = (0..ncells).map(|i| (fixed[i], i)).collect();
    by_offset.sort();
    for (_, i) in by_offset {
        prefix.push(plain(Opcode::MakeCell, i as u32, Loc::NONE));
    }
    if unit.flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0 {
        let line = unit.firstlineno as i32;
        let loc = Loc::new(line, line, -1, -1);
        prefix.push(plain(Opcode::ReturnGenerator, 0, loc));
        prefix.push(plain(Opcode::PopTop, 0, loc));
    }
    if !prefix.is_empty() {
        cfg.blocks[entry].instrs.splice(0..0, prefix);
    }
    // Drop the cells that are parameters from the numbering.
    let mut dropped = 0;
    for (i, slot) in fixed.iter_mut().enumerate() {
        if *slot == i + nlocals {
            *slot -= dropped;
        } else {
            dropped += 1;
        }
    }
    // Most units have neither cells nor free variables: nothing to renumber.
    if !fixed.is_empty() {
        let order = cfg.layout();
        for &b in &order {
            for instr in &mut cfg.blocks[b].instrs {
                if matches!(
                    instr.op,
                    Opcode::MakeCell
                        | Opcode::LoadClosure
                        | Opcode::LoadDeref
                        | Opcode::StoreDeref
                        | Opcode::DeleteDeref
                        | Opcode::LoadFromDictOrDeref
                ) {
                    instr.arg = fixed[instr.arg as usize] as u32;
                }
            }
        }
        cfg.recycle(order);
    }
    let total = nlocals + ncells + nfree - dropped;
    let mut names = vec![Ident::default(); total];
    let mut kinds = vec![0u8; total];
    for (i, name) in unit.varnames.iter().enumerate() {
        let mut kind = CO_FAST_LOCAL;
        if unit.fasthidden.contains(name) {
            kind |= CO_FAST_HIDDEN;
        }
        if unit.cellvars.contains(name) {
            kind |= CO_FAST_CELL;
        }
        names[i] = name.clone();
        kinds[i] = kind;
    }
    for (i, name) in unit.cellvars.iter().enumerate() {
        if unit.varnames.contains(name) {
            continue;
        }
        names[fixed[i]] = name.clone();
        kinds[fixed[i]] = CO_FAST_CELL;
    }
    for (j, name) in unit.freevars.iter().enumerate() {
        let at = fixed[ncells + j];
        names[at] = name.clone();
        kinds[at] = CO_FAST_FREE;
    }
    (names, kinds)
}
