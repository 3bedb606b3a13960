//! The control-flow graph of one code unit and the optimizations CPython
//! 3.13 makes on it (`Python/flowgraph.c`): exception handler labelling,
//! small exit block inlining, jump threading, peepholes on constants and
//! booleans, dead code removal, unused constants, `LOAD_FAST_CHECK`,
//! superinstructions, cold blocks moved to the end, line numbers for
//! artificial instructions, stack depth.

// The peepholes keep the shape of CPython's switch, one arm per opcode.
#![allow(clippy::collapsible_match)]

mod cleanup;
mod handlers;
mod layout;
mod lines;
mod locals;
mod peephole;

use crate::instr::{InstrSeq, Loc};
use crate::opcode::Opcode;
use crate::pool::ConstPool;
use crate::timings::{Stage, timed};

/// A block's index in its graph: 32 bits, so that an instruction (which
/// names its jump target and its handler) stays small.
pub type BlockId = u32;

/// The blocks of a graph, indexed by `BlockId`.
#[derive(Debug, Default)]
pub struct Blocks(Vec<Block>);

impl std::ops::Index<BlockId> for Blocks {
    type Output = Block;
    fn index(&self, b: BlockId) -> &Block {
        &self.0[b as usize]
    }
}

impl std::ops::IndexMut<BlockId> for Blocks {
    fn index_mut(&mut self, b: BlockId) -> &mut Block {
        &mut self.0[b as usize]
    }
}

impl std::ops::Deref for Blocks {
    type Target = Vec<Block>;
    fn deref(&self) -> &Vec<Block> {
        &self.0
    }
}

impl std::ops::DerefMut for Blocks {
    fn deref_mut(&mut self) -> &mut Vec<Block> {
        &mut self.0
    }
}

/// An instruction in the graph: jumps and block pushes name their target
/// block; `except` is the handler in effect where it runs.
#[derive(Debug, Clone, Copy)]
pub struct CfgInstr {
    pub op: Opcode,
    pub arg: u32,
    pub loc: Loc,
    pub target: Option<BlockId>,
    pub except: Option<BlockId>,
}

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub instrs: Vec<CfgInstr>,
    /// The next block in layout order (fall-through when the last
    /// instruction allows it).
    pub next: Option<BlockId>,
    /// A jump targets this block.
    pub labelled: bool,
    pub startdepth: i32,
    pub predecessors: u32,
    pub visited: bool,
    pub except_handler: bool,
    pub preserve_lasti: bool,
    pub cold: bool,
    pub warm: bool,
    unsafe_locals: u64,
    except_stack: Option<Vec<BlockId>>,
}

/// What the flow graph asks of an instruction, a bit each (CPython's
/// `IS_BLOCK_PUSH`, `IS_SCOPE_EXIT_OPCODE`, ... macros), read from a table
/// made at compile time: most passes ask of every instruction.
const BLOCK_PUSH: u8 = 1;
const TARGET: u8 = 2;
const SCOPE_EXIT: u8 = 4;
const UNCONDITIONAL_JUMP: u8 = 8;
const UNBINDS_LOCAL: u8 = 16;

const FLOW: [u8; 1 << 9] = {
    let mut table = [0u8; 1 << 9];
    let mut i = 0;
    while i < crate::opcode::ALL_OPCODES.len() {
        let op = crate::opcode::ALL_OPCODES[i];
        let mut flags = 0;
        // The block pushes are the handler setups (`opcode.hasexc`).
        if op.has_exc() {
            flags |= BLOCK_PUSH | TARGET;
        }
        if op.has_jump() {
            flags |= TARGET;
        }
        if matches!(
            op,
            Opcode::ReturnValue | Opcode::ReturnConst | Opcode::RaiseVarargs | Opcode::Reraise
        ) {
            flags |= SCOPE_EXIT;
        }
        if matches!(
            op,
            Opcode::Jump
                | Opcode::JumpNoInterrupt
                | Opcode::JumpForward
                | Opcode::JumpBackward
                | Opcode::JumpBackwardNoInterrupt
        ) {
            flags |= UNCONDITIONAL_JUMP;
        }
        // After these a local may be unbound.
        if matches!(
            op,
            Opcode::DeleteFast | Opcode::LoadFastAndClear | Opcode::StoreFastMaybeNull
        ) {
            flags |= UNBINDS_LOCAL;
        }
        table[op as usize] = flags;
        i += 1;
    }
    table
};

/// `EFFECT[op]` when an opcode's stack effect (falling through) depends on
/// its argument, or CPython gives it none.
const VARIES: i8 = i8::MIN;

/// Arguments that tell apart every way an effect depends on its argument
/// (`oparg`, its low bit, `oparg == 3`, its high byte): equal effects for
/// all of them make an effect fixed (checked for every argument up to
/// 2^16 by a test).
const PROBES: [i32; 10] = [0, 1, 2, 3, 4, 7, 255, 256, 257, 512];

/// Each opcode's stack effect when it falls through and does not depend on
/// its argument, read from a table made at compile time: the stack depth
/// pass asks it of every instruction.
const EFFECT: [i8; 1 << 9] = {
    let mut table = [VARIES; 1 << 9];
    let mut i = 0;
    while i < crate::opcode::ALL_OPCODES.len() {
        let op = crate::opcode::ALL_OPCODES[i];
        let mut fixed = op.stack_effect(0, false);
        let mut k = 1;
        while k < PROBES.len() {
            match (fixed, op.stack_effect(PROBES[k], false)) {
                (Some(a), Some(b)) if a == b => {}
                _ => fixed = None,
            }
            k += 1;
        }
        if let Some(effect) = fixed {
            table[op as usize] = effect as i8;
        }
        i += 1;
    }
    table
};

/// The stack effect of `op` with `arg` when it falls through.
#[inline]
pub(crate) fn fallthrough_effect(op: Opcode, arg: u32) -> i32 {
    match EFFECT[op as usize] {
        VARIES => op.stack_effect(arg as i32, false).unwrap_or(0),
        effect => i32::from(effect),
    }
}

#[inline]
fn flow(op: Opcode, bit: u8) -> bool {
    FLOW[op as usize] & bit != 0
}

pub fn is_block_push(op: Opcode) -> bool {
    flow(op, BLOCK_PUSH)
}

pub fn has_target(op: Opcode) -> bool {
    flow(op, TARGET)
}

pub fn is_scope_exit(op: Opcode) -> bool {
    flow(op, SCOPE_EXIT)
}

pub fn is_unconditional_jump(op: Opcode) -> bool {
    flow(op, UNCONDITIONAL_JUMP)
}

/// An instruction after which a local may be unbound.
fn unbinds_local(op: Opcode) -> bool {
    flow(op, UNBINDS_LOCAL)
}

fn is_terminator(op: Opcode) -> bool {
    op.has_jump() || is_scope_exit(op)
}

#[derive(Debug, Default)]
pub struct Cfg {
    pub blocks: Blocks,
    pub entry: BlockId,
    /// A `SETUP_*` or `POP_BLOCK` is in the unit (a `try`, a `with`, ...).
    /// Without one no instruction has a handler, and the passes that
    /// place handlers and move cold blocks would change nothing.
    pub has_handlers: bool,
    /// A `DELETE_FAST`, `LOAD_FAST_AND_CLEAR` or `STORE_FAST_MAYBE_NULL` is
    /// in the unit: something may unbind a local.
    unbinds_locals: bool,
    spare: Spare,
}

/// Storage a graph is done with, kept for the next: a compiler makes one
/// graph per code unit (tens of thousands for a large project), each with
/// an instruction list per block and a dozen block lists for its passes.
#[derive(Debug, Default)]
struct Spare {
    instrs: Vec<Vec<CfgInstr>>,
    blocks: Vec<Vec<BlockId>>,
}

impl Block {
    fn last(&self) -> Option<&CfgInstr> {
        self.instrs.last()
    }

    fn no_fallthrough(&self) -> bool {
        self.last()
            .is_some_and(|i| is_scope_exit(i.op) || is_unconditional_jump(i.op))
    }

    fn has_fallthrough(&self) -> bool {
        !self.no_fallthrough()
    }

    /// An instruction that checks the eval breaker (a `JUMP` may become
    /// `JUMP_BACKWARD`).
    fn has_eval_break(&self) -> bool {
        self.instrs.iter().any(|i| {
            matches!(
                i.op,
                Opcode::Jump
                    | Opcode::JumpBackward
                    | Opcode::Call
                    | Opcode::CallKw
                    | Opcode::CallFunctionEx
                    | Opcode::Resume
            )
        })
    }

    fn exits_scope(&self) -> bool {
        self.last().is_some_and(|i| is_scope_exit(i.op))
    }

    fn has_no_lineno(&self) -> bool {
        self.instrs.iter().all(|i| i.loc.lineno < 0)
    }
}

fn nop(instr: &mut CfgInstr) {
    instr.op = Opcode::Nop;
    instr.arg = 0;
    instr.target = None;
}

impl Cfg {
    /// `_PyCfg_FromInstructionSequence`: a block starts at every jump
    /// target and after every jump or exit. The graph this one held is
    /// dropped, and its storage reused.
    pub fn load(&mut self, seq: &InstrSeq) {
        for block in self.blocks.drain(..) {
            let mut instrs = block.instrs;
            instrs.clear();
            self.spare.instrs.push(instrs);
        }
        let n = seq.instrs.len();
        let resolve = |label: u32| seq.labels[label as usize].expect("labels are placed");
        let mut is_target = vec![false; n + 1];
        let mut has_handlers = false;
        let mut unbinds_locals = false;
        for instr in &seq.instrs {
            if has_target(instr.op) {
                is_target[resolve(instr.arg)] = true;
            }
            has_handlers |= is_block_push(instr.op) || instr.op == Opcode::PopBlock;
            unbinds_locals |= unbinds_local(instr.op);
        }
        // Where each block starts, and the block that starts at each
        // instruction (jumps name instruction indexes).
        let mut starts = vec![0];
        let mut block_at = vec![BlockId::MAX; n + 1];
        block_at[0] = 0;
        for i in 1..n {
            if is_target[i] || is_terminator(seq.instrs[i - 1].op) {
                block_at[i] = starts.len() as BlockId;
                starts.push(i);
            }
        }
        let count = starts.len();
        self.blocks.reserve(count);
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(n);
            let mut instrs = self.spare.instrs.pop().unwrap_or_default();
            instrs.extend(seq.instrs[start..end].iter().map(|instr| CfgInstr {
                op: instr.op,
                arg: instr.arg,
                loc: instr.loc,
                target: has_target(instr.op).then(|| {
                    let target = block_at[resolve(instr.arg)];
                    debug_assert!(target != BlockId::MAX, "jumps land on block starts");
                    target
                }),
                except: None,
            }));
            self.blocks.push(Block {
                instrs,
                next: (k + 1 < count).then_some(k as BlockId + 1),
                labelled: is_target[start],
                ..Block::default()
            });
        }
        self.entry = 0;
        self.has_handlers = has_handlers;
        self.unbinds_locals = unbinds_locals;
    }

    /// The blocks in layout order, walked without borrowing the graph:
    /// for passes that change blocks but not their order (the others take
    /// the order first, with `order`).
    fn walk(&self) -> Walk {
        Walk(Some(self.entry))
    }

    /// The blocks in layout order, as it is now (give it back with
    /// `recycle`).
    fn order(&mut self) -> Vec<BlockId> {
        let mut out = self.worklist();
        let mut b = Some(self.entry);
        while let Some(id) = b {
            out.push(id);
            b = self.blocks[id].next;
        }
        out
    }

    /// An empty list of blocks that holds every block without growing:
    /// for orders and depth-first work lists (each block is in one at most
    /// once, or a few times). Give it back with `recycle`.
    fn worklist(&mut self) -> Vec<BlockId> {
        let mut list = self.spare.blocks.pop().unwrap_or_default();
        list.clear();
        list.reserve(self.blocks.len());
        list
    }

    /// Keep a list from `worklist`, `order` or `layout` for the next one.
    pub fn recycle(&mut self, list: Vec<BlockId>) {
        self.spare.blocks.push(list);
    }

    fn new_block(&mut self) -> BlockId {
        let instrs = self.spare.instrs.pop().unwrap_or_default();
        self.blocks.push(Block {
            instrs,
            ..Block::default()
        });
        (self.blocks.len() - 1) as BlockId
    }

    fn next_nonempty(&self, b: Option<BlockId>) -> Option<BlockId> {
        let mut b = b;
        while let Some(id) = b {
            if !self.blocks[id].instrs.is_empty() {
                return Some(id);
            }
            b = self.blocks[id].next;
        }
        None
    }

    fn clear_visited(&mut self) {
        for b in self.blocks.iter_mut() {
            b.visited = false;
        }
    }
}

/// A position in the layout order (see `Cfg::walk`).
struct Walk(Option<BlockId>);

impl Walk {
    fn next(&mut self, cfg: &Cfg) -> Option<BlockId> {
        let b = self.0?;
        self.0 = cfg.blocks[b].next;
        Some(b)
    }
}

fn swappable(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::StoreFast | Opcode::StoreFastMaybeNull | Opcode::PopTop
    )
}

fn stores_to(i: &CfgInstr) -> Option<u32> {
    matches!(i.op, Opcode::StoreFast | Opcode::StoreFastMaybeNull).then_some(i.arg)
}

/// Everything `_PyCfg_OptimizeCodeUnit` and
/// `_PyCfg_OptimizedCfgToInstructionSequence` do, up to the layout.
pub fn optimize(cfg: &mut Cfg, consts: &mut ConstPool, nlocals: usize, nparams: usize) {
    if cfg.has_handlers {
        timed(Stage::HandlerLabels, || {
            cfg.mark_except_handlers();
            cfg.label_exception_targets();
        });
    }
    cfg.optimize(consts);
    timed(Stage::UnusedConsts, || cfg.remove_unused_consts(consts));
    timed(Stage::UninitializedChecks, || {
        cfg.add_checks_for_uninitialized(nlocals, nparams)
    });
    timed(Stage::Superinstructions, || cfg.insert_superinstructions());
    if cfg.has_handlers {
        timed(Stage::ColdBlocks, || cfg.push_cold_blocks_to_end());
    }
    timed(Stage::LineNumbers, || cfg.resolve_line_numbers());
}

/// After the stack depth and the locals are settled: pseudo-instructions
/// replaced and jumps normalized.
pub fn finish(cfg: &mut Cfg) {
    timed(Stage::PseudoOps, || cfg.convert_pseudo_ops());
    timed(Stage::NormalizeJumps, || cfg.normalize_jumps());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table's fixed effects are the effect for every argument up to
    /// 2^16 (EXTENDED_ARG's first two bytes), and the varying ones fall
    /// back to `stack_effect` itself.
    #[test]
    fn fixed_effects_hold_for_every_argument() {
        let mut fixed = 0;
        for op in crate::opcode::ALL_OPCODES {
            if EFFECT[op as usize] != VARIES {
                fixed += 1;
            }
            for arg in 0..=u16::MAX as u32 {
                let want = op.stack_effect(arg as i32, false).unwrap_or(0);
                assert_eq!(fallthrough_effect(op, arg), want, "{op:?} {arg}");
            }
        }
        // Most opcodes have one effect whatever their argument.
        assert!(fixed > 100, "{fixed}");
    }
}
