//! The control-flow graph of one code unit and the optimizations CPython
//! 3.13 makes on it (`Python/flowgraph.c`): exception handler labelling,
//! small exit block inlining, jump threading, peepholes on constants and
//! booleans, dead code removal, unused constants, `LOAD_FAST_CHECK`,
//! superinstructions, cold blocks moved to the end, line numbers for
//! artificial instructions, stack depth.

// The peepholes keep the shape of CPython's switch, one arm per opcode.
#![allow(clippy::collapsible_match)]

use crate::constant::Constant;
use crate::instr::{InstrSeq, Loc};
use crate::opcode::Opcode;

pub type BlockId = usize;

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

pub fn is_block_push(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::SetupFinally | Opcode::SetupCleanup | Opcode::SetupWith
    )
}

pub fn has_target(op: Opcode) -> bool {
    op.has_jump() || is_block_push(op)
}

pub fn is_scope_exit(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::ReturnValue | Opcode::ReturnConst | Opcode::RaiseVarargs | Opcode::Reraise
    )
}

pub fn is_unconditional_jump(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::Jump
            | Opcode::JumpNoInterrupt
            | Opcode::JumpForward
            | Opcode::JumpBackward
            | Opcode::JumpBackwardNoInterrupt
    )
}

fn is_terminator(op: Opcode) -> bool {
    op.has_jump() || is_scope_exit(op)
}

#[derive(Debug, Default)]
pub struct Cfg {
    pub blocks: Vec<Block>,
    pub entry: BlockId,
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
        self.instrs.iter().all(|i| i.loc.line < 0)
    }
}

fn nop(instr: &mut CfgInstr) {
    instr.op = Opcode::Nop;
    instr.arg = 0;
    instr.target = None;
}

impl Cfg {
    /// `_PyCfg_FromInstructionSequence`: a block starts at every jump
    /// target and after every jump or exit.
    pub fn from_seq(seq: &InstrSeq) -> Cfg {
        let n = seq.instrs.len();
        let mut is_target = vec![false; n + 1];
        let resolve = |label: u32| seq.labels[label as usize].expect("labels are placed");
        for instr in &seq.instrs {
            if has_target(instr.op) {
                is_target[resolve(instr.arg)] = true;
            }
        }
        let mut cfg = Cfg::default();
        cfg.blocks.push(Block::default());
        let mut current = 0;
        let mut block_at = vec![usize::MAX; n + 1];
        let mut pending_label = false;
        for (i, instr) in seq.instrs.iter().enumerate() {
            if is_target[i] {
                pending_label = true;
            }
            let terminated = cfg.blocks[current]
                .last()
                .is_some_and(|l| is_terminator(l.op));
            let needs_new = terminated
                || (pending_label
                    && (!cfg.blocks[current].instrs.is_empty() || cfg.blocks[current].labelled));
            if needs_new {
                cfg.blocks.push(Block::default());
                let b = cfg.blocks.len() - 1;
                cfg.blocks[current].next = Some(b);
                current = b;
            }
            if pending_label {
                cfg.blocks[current].labelled = true;
                pending_label = false;
            }
            if cfg.blocks[current].instrs.is_empty() {
                block_at[i] = current;
            }
            cfg.blocks[current].instrs.push(CfgInstr {
                op: instr.op,
                arg: instr.arg,
                loc: instr.loc,
                target: None,
                except: None,
            });
        }
        // Jump arguments name instruction indexes; each starts a block.
        let mut b = Some(0);
        while let Some(id) = b {
            for k in 0..cfg.blocks[id].instrs.len() {
                let instr = cfg.blocks[id].instrs[k];
                if has_target(instr.op) {
                    let at = resolve(instr.arg);
                    let target = block_at[at];
                    debug_assert!(target != usize::MAX);
                    cfg.blocks[id].instrs[k].target = Some(target);
                }
            }
            b = cfg.blocks[id].next;
        }
        cfg
    }

    fn order(&self) -> Vec<BlockId> {
        let mut out = Vec::new();
        let mut b = Some(self.entry);
        while let Some(id) = b {
            out.push(id);
            b = self.blocks[id].next;
        }
        out
    }

    fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block::default());
        self.blocks.len() - 1
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
        for b in &mut self.blocks {
            b.visited = false;
        }
    }

    // ---- exception handlers ----

    fn mark_except_handlers(&mut self) {
        for id in self.order() {
            for k in 0..self.blocks[id].instrs.len() {
                let i = self.blocks[id].instrs[k];
                if is_block_push(i.op) {
                    self.blocks[i.target.expect("target")].except_handler = true;
                }
            }
        }
    }

    /// `label_exception_targets`: which handler each instruction is
    /// protected by, following the `SETUP_*`/`POP_BLOCK` pairs along
    /// every path.
    fn label_exception_targets(&mut self) {
        self.clear_visited();
        let mut todo = vec![self.entry];
        self.blocks[self.entry].visited = true;
        self.blocks[self.entry].except_stack = Some(Vec::new());
        while let Some(b) = todo.pop() {
            let mut stack = self.blocks[b].except_stack.take().expect("a stack");
            let mut handler = stack.last().copied();
            let mut last_yield_depth: i32 = -1;
            for k in 0..self.blocks[b].instrs.len() {
                let instr = self.blocks[b].instrs[k];
                if is_block_push(instr.op) {
                    let target = instr.target.expect("target");
                    if !self.blocks[target].visited {
                        self.blocks[target].except_stack = Some(stack.clone());
                        self.blocks[target].visited = true;
                        todo.push(target);
                    }
                    if matches!(instr.op, Opcode::SetupWith | Opcode::SetupCleanup) {
                        self.blocks[target].preserve_lasti = true;
                    }
                    stack.push(target);
                    handler = Some(target);
                } else if instr.op == Opcode::PopBlock {
                    stack.pop();
                    handler = stack.last().copied();
                    nop(&mut self.blocks[b].instrs[k]);
                } else if instr.op.has_jump() {
                    self.blocks[b].instrs[k].except = handler;
                    let target = instr.target.expect("target");
                    if !self.blocks[target].visited {
                        self.blocks[target].except_stack = Some(stack.clone());
                        self.blocks[target].visited = true;
                        todo.push(target);
                    }
                } else if instr.op == Opcode::YieldValue {
                    self.blocks[b].instrs[k].except = handler;
                    last_yield_depth = stack.len() as i32;
                } else if instr.op == Opcode::Resume {
                    self.blocks[b].instrs[k].except = handler;
                    if instr.arg != 0 {
                        if last_yield_depth == 1 {
                            self.blocks[b].instrs[k].arg |= 4;
                        }
                        last_yield_depth = -1;
                    }
                } else {
                    self.blocks[b].instrs[k].except = handler;
                }
            }
            if self.blocks[b].has_fallthrough()
                && let Some(next) = self.blocks[b].next
                && !self.blocks[next].visited
            {
                self.blocks[next].except_stack = Some(stack);
                self.blocks[next].visited = true;
                todo.push(next);
            }
        }
    }

    // ---- reachability ----

    fn remove_unreachable(&mut self) {
        for b in &mut self.blocks {
            b.predecessors = 0;
        }
        self.clear_visited();
        let mut stack = vec![self.entry];
        self.blocks[self.entry].predecessors = 1;
        self.blocks[self.entry].visited = true;
        while let Some(b) = stack.pop() {
            if self.blocks[b].has_fallthrough()
                && let Some(next) = self.blocks[b].next
            {
                if !self.blocks[next].visited {
                    self.blocks[next].visited = true;
                    stack.push(next);
                }
                self.blocks[next].predecessors += 1;
            }
            for k in 0..self.blocks[b].instrs.len() {
                let i = self.blocks[b].instrs[k];
                if has_target(i.op) {
                    let t = i.target.expect("target");
                    if !self.blocks[t].visited {
                        self.blocks[t].visited = true;
                        stack.push(t);
                    }
                    self.blocks[t].predecessors += 1;
                }
            }
        }
        for id in self.order() {
            if self.blocks[id].predecessors == 0 {
                self.blocks[id].instrs.clear();
                self.blocks[id].except_handler = false;
            }
        }
    }

    // ---- inlining small exits ----

    fn inline_small_or_no_lineno_blocks(&mut self) {
        loop {
            let mut changed = false;
            for b in self.order() {
                let Some(last) = self.blocks[b].last().copied() else {
                    continue;
                };
                if !is_unconditional_jump(last.op) {
                    continue;
                }
                let target = last.target.expect("target");
                let small_exit =
                    self.blocks[target].exits_scope() && self.blocks[target].instrs.len() <= 4;
                let no_lineno =
                    self.blocks[target].has_no_lineno() && !self.blocks[target].has_fallthrough();
                if small_exit || no_lineno {
                    let removed = last.op;
                    let n = self.blocks[b].instrs.len();
                    nop(&mut self.blocks[b].instrs[n - 1]);
                    let copied = self.blocks[target].instrs.clone();
                    self.blocks[b].instrs.extend(copied);
                    if no_lineno {
                        let last = self.blocks[b].instrs.last_mut().expect("copied");
                        if is_unconditional_jump(last.op) && removed == Opcode::Jump {
                            last.op = Opcode::Jump;
                        }
                    }
                    self.blocks[target].predecessors =
                        self.blocks[target].predecessors.saturating_sub(1);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    // ---- line numbers ----

    fn is_exit_or_eval_check_without_lineno(&self, b: BlockId) -> bool {
        let block = &self.blocks[b];
        (block.exits_scope() || block.has_eval_break()) && block.has_no_lineno()
    }

    fn duplicate_exits_without_lineno(&mut self) {
        for b in self.order() {
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            if !last.op.has_jump() {
                continue;
            }
            let Some(target) = self.next_nonempty(last.target) else {
                continue;
            };
            if self.is_exit_or_eval_check_without_lineno(target)
                && self.blocks[target].predecessors > 1
            {
                let new = self.new_block();
                let mut copy = self.blocks[target].instrs.clone();
                copy[0].loc = last.loc;
                self.blocks[new].instrs = copy;
                self.blocks[new].labelled = true;
                let n = self.blocks[b].instrs.len();
                self.blocks[b].instrs[n - 1].target = Some(new);
                self.blocks[target].predecessors -= 1;
                self.blocks[new].predecessors = 1;
                self.blocks[new].next = self.blocks[target].next;
                self.blocks[target].next = Some(new);
            }
        }
        for b in self.order() {
            if self.blocks[b].has_fallthrough()
                && !self.blocks[b].instrs.is_empty()
                && let Some(next) = self.blocks[b].next
                && self.is_exit_or_eval_check_without_lineno(next)
            {
                let loc = self.blocks[b].last().expect("not empty").loc;
                self.blocks[next].instrs[0].loc = loc;
            }
        }
    }

    fn propagate_line_numbers(&mut self) {
        for b in self.order() {
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            let mut prev = Loc::NONE;
            for i in &mut self.blocks[b].instrs {
                if i.loc.line == -1 {
                    i.loc = prev;
                } else {
                    prev = i.loc;
                }
            }
            if self.blocks[b].has_fallthrough()
                && let Some(next) = self.blocks[b].next
                && self.blocks[next].predecessors == 1
                && let Some(first) = self.blocks[next].instrs.first_mut()
                && first.loc.line == -1
            {
                first.loc = prev;
            }
            if last.op.has_jump() {
                let target = last.target.expect("target");
                if self.blocks[target].predecessors == 1
                    && let Some(first) = self.blocks[target].instrs.first_mut()
                    && first.loc.line == -1
                {
                    first.loc = prev;
                }
            }
        }
    }

    fn resolve_line_numbers(&mut self) {
        self.duplicate_exits_without_lineno();
        self.propagate_line_numbers();
    }

    // ---- peepholes ----

    /// `jump_thread`: jump straight to where the target jump goes.
    fn jump_thread(&mut self, b: BlockId, k: usize, target: CfgInstr, op: Opcode) -> bool {
        let inst = self.blocks[b].instrs[k];
        if inst.target == target.target {
            return false;
        }
        nop(&mut self.blocks[b].instrs[k]);
        self.blocks[b].instrs.push(CfgInstr {
            op,
            arg: 0,
            loc: target.loc,
            target: target.target,
            // CPython's new instruction has no handler recorded.
            except: None,
        });
        true
    }

    fn optimize_basic_block(&mut self, b: BlockId, consts: &mut Vec<Constant>) {
        let mut k = 0;
        // The constant the last `LOAD_CONST` loaded, while a `COPY 1` of it
        // counts as loading it again.
        let mut loaded: Option<u32> = None;
        while k < self.blocks[b].instrs.len() {
            let inst = self.blocks[b].instrs[k];
            let copy_of_const = inst.op == Opcode::Copy && inst.arg == 1 && loaded.is_some();
            if copy_of_const {
                self.optimize_load_const(b, k, loaded.expect("checked"), consts);
            }
            if !copy_of_const {
                loaded = (inst.op == Opcode::LoadConst).then_some(inst.arg);
            }
            let len = self.blocks[b].instrs.len();
            let next_op = (k + 1 < len).then(|| self.blocks[b].instrs[k + 1].op);
            let target_first = inst
                .target
                .filter(|_| has_target(inst.op))
                .and_then(|t| self.blocks[t].instrs.first().copied());
            let target_op = target_first.map(|t| t.op);
            match inst.op {
                Opcode::LoadConst => {
                    self.optimize_load_const(b, k, inst.arg, consts);
                }
                Opcode::BuildTuple => {
                    if next_op == Some(Opcode::UnpackSequence)
                        && self.blocks[b].instrs[k + 1].arg == inst.arg
                    {
                        match inst.arg {
                            1 => {
                                nop(&mut self.blocks[b].instrs[k]);
                                nop(&mut self.blocks[b].instrs[k + 1]);
                                k += 1;
                                continue;
                            }
                            2 | 3 => {
                                nop(&mut self.blocks[b].instrs[k]);
                                self.blocks[b].instrs[k + 1].op = Opcode::Swap;
                                k += 1;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    self.fold_tuple_of_constants(b, k, consts);
                }
                Opcode::PopJumpIfNotNone
                | Opcode::PopJumpIfNone
                | Opcode::PopJumpIfFalse
                | Opcode::PopJumpIfTrue => {
                    if target_op == Some(Opcode::Jump)
                        && self.jump_thread(b, k, target_first.expect("a target"), inst.op)
                    {
                        continue;
                    }
                }
                // A jump to a `JUMP` becomes a `JUMP` (it keeps the eval
                // breaker check); to a `JUMP_NO_INTERRUPT`, keeps its kind.
                Opcode::Jump | Opcode::JumpNoInterrupt => {
                    let op = match target_op {
                        Some(Opcode::Jump) => Some(Opcode::Jump),
                        Some(Opcode::JumpNoInterrupt) => Some(inst.op),
                        _ => None,
                    };
                    if let Some(op) = op
                        && self.jump_thread(b, k, target_first.expect("a target"), op)
                    {
                        continue;
                    }
                }
                Opcode::StoreFast => {
                    if next_op == Some(Opcode::StoreFast)
                        && self.blocks[b].instrs[k + 1].arg == inst.arg
                        && self.blocks[b].instrs[k + 1].loc.line == inst.loc.line
                    {
                        self.blocks[b].instrs[k].op = Opcode::PopTop;
                        self.blocks[b].instrs[k].arg = 0;
                    }
                }
                Opcode::Swap => {
                    if inst.arg == 1 {
                        nop(&mut self.blocks[b].instrs[k]);
                    }
                }
                Opcode::LoadGlobal => {
                    if next_op == Some(Opcode::PushNull) && inst.arg & 1 == 0 {
                        self.blocks[b].instrs[k].arg |= 1;
                        nop(&mut self.blocks[b].instrs[k + 1]);
                    }
                }
                Opcode::CompareOp => {
                    if next_op == Some(Opcode::ToBool) {
                        nop(&mut self.blocks[b].instrs[k]);
                        let n = &mut self.blocks[b].instrs[k + 1];
                        n.op = Opcode::CompareOp;
                        n.arg = inst.arg | 16;
                        k += 1;
                        continue;
                    }
                }
                Opcode::ContainsOp | Opcode::IsOp => {
                    if next_op == Some(Opcode::ToBool) {
                        nop(&mut self.blocks[b].instrs[k]);
                        let n = &mut self.blocks[b].instrs[k + 1];
                        n.op = inst.op;
                        n.arg = inst.arg;
                        k += 1;
                        continue;
                    }
                    if next_op == Some(Opcode::UnaryNot) {
                        nop(&mut self.blocks[b].instrs[k]);
                        let n = &mut self.blocks[b].instrs[k + 1];
                        n.op = inst.op;
                        n.arg = inst.arg ^ 1;
                        k += 1;
                        continue;
                    }
                }
                Opcode::ToBool => {
                    if next_op == Some(Opcode::ToBool) {
                        nop(&mut self.blocks[b].instrs[k]);
                        k += 1;
                        continue;
                    }
                }
                Opcode::UnaryNot => {
                    if next_op == Some(Opcode::ToBool) {
                        nop(&mut self.blocks[b].instrs[k]);
                        self.blocks[b].instrs[k + 1].op = Opcode::UnaryNot;
                        k += 1;
                        continue;
                    }
                    if next_op == Some(Opcode::UnaryNot) {
                        nop(&mut self.blocks[b].instrs[k]);
                        nop(&mut self.blocks[b].instrs[k + 1]);
                        k += 1;
                        continue;
                    }
                }
                _ => {}
            }
            k += 1;
        }
        let mut k = 0;
        while k < self.blocks[b].instrs.len() {
            if self.blocks[b].instrs[k].op == Opcode::Swap {
                self.swaptimize(b, &mut k);
                self.apply_static_swaps(b, k as isize);
            }
            k += 1;
        }
    }

    /// The 3.13 `LOAD_CONST` peepholes: constant conditions, `is None`
    /// tests, `TO_BOOL` of a constant, and `RETURN_CONST`.
    fn optimize_load_const(
        &mut self,
        b: BlockId,
        k: usize,
        index: u32,
        consts: &mut Vec<Constant>,
    ) {
        let len = self.blocks[b].instrs.len();
        if k + 1 >= len {
            return;
        }
        let value = consts[index as usize].clone();
        let next = self.blocks[b].instrs[k + 1];
        match next.op {
            Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue => {
                let is_true = truthy(&value);
                nop(&mut self.blocks[b].instrs[k]);
                let jump_if_true = next.op == Opcode::PopJumpIfTrue;
                if is_true == jump_if_true {
                    self.blocks[b].instrs[k + 1].op = Opcode::Jump;
                } else {
                    nop(&mut self.blocks[b].instrs[k + 1]);
                }
            }
            Opcode::IsOp => {
                if !matches!(value, Constant::None) || k + 2 >= len {
                    return;
                }
                let mut j = k + 2;
                if self.blocks[b].instrs[j].op == Opcode::ToBool {
                    nop(&mut self.blocks[b].instrs[j]);
                    if k + 3 >= len {
                        return;
                    }
                    j = k + 3;
                }
                let mut invert = next.arg != 0;
                match self.blocks[b].instrs[j].op {
                    Opcode::PopJumpIfFalse => invert = !invert,
                    Opcode::PopJumpIfTrue => {}
                    _ => return,
                }
                nop(&mut self.blocks[b].instrs[k]);
                nop(&mut self.blocks[b].instrs[k + 1]);
                self.blocks[b].instrs[j].op = if invert {
                    Opcode::PopJumpIfNotNone
                } else {
                    Opcode::PopJumpIfNone
                };
            }
            Opcode::ReturnValue => {
                nop(&mut self.blocks[b].instrs[k]);
                let n = &mut self.blocks[b].instrs[k + 1];
                n.op = Opcode::ReturnConst;
                n.arg = index;
            }
            Opcode::ToBool => {
                let index = add_const(consts, Constant::Bool(truthy(&value)));
                nop(&mut self.blocks[b].instrs[k]);
                let n = &mut self.blocks[b].instrs[k + 1];
                n.op = Opcode::LoadConst;
                n.arg = index;
            }
            _ => {}
        }
    }

    /// `LOAD_CONST`s then `BUILD_TUPLE n` becomes one tuple constant.
    fn fold_tuple_of_constants(&mut self, b: BlockId, k: usize, consts: &mut Vec<Constant>) {
        let n = self.blocks[b].instrs[k].arg as usize;
        if n > 30 {
            return;
        }
        let mut found = Vec::new();
        let mut pos = k;
        while found.len() < n && pos > 0 {
            pos -= 1;
            let i = self.blocks[b].instrs[pos];
            if i.op == Opcode::Nop {
                continue;
            }
            if i.op != Opcode::LoadConst {
                return;
            }
            found.push(pos);
        }
        if found.len() < n {
            return;
        }
        found.reverse();
        let items = found
            .iter()
            .map(|&p| consts[self.blocks[b].instrs[p].arg as usize].clone())
            .collect();
        for &p in &found {
            nop(&mut self.blocks[b].instrs[p]);
        }
        let index = add_const(consts, Constant::Tuple(items));
        let i = &mut self.blocks[b].instrs[k];
        i.op = Opcode::LoadConst;
        i.arg = index;
    }

    /// `swaptimize`: a run of `SWAP`s replaced by the fewest that do the
    /// same.
    fn swaptimize(&mut self, b: BlockId, ix: &mut usize) {
        let instrs = &mut self.blocks[b].instrs;
        let start = *ix;
        let mut depth = instrs[start].arg as usize;
        let mut len = 0;
        let mut more = false;
        let limit = instrs.len() - start;
        loop {
            len += 1;
            if len >= limit {
                break;
            }
            let op = instrs[start + len].op;
            if op == Opcode::Swap {
                depth = depth.max(instrs[start + len].arg as usize);
                more = true;
            } else if op != Opcode::Nop {
                break;
            }
        }
        if !more {
            return;
        }
        let mut stack: Vec<isize> = (0..depth as isize).collect();
        for i in 0..len {
            if instrs[start + i].op == Opcode::Swap {
                let oparg = instrs[start + i].arg as usize;
                stack.swap(0, oparg - 1);
            }
        }
        let mut current = len as isize - 1;
        const VISITED: isize = -1;
        for i in 0..depth {
            if stack[i] == VISITED || stack[i] == i as isize {
                continue;
            }
            let mut j = i;
            loop {
                if j != 0 {
                    let at = &mut instrs[start + current as usize];
                    at.op = Opcode::Swap;
                    at.arg = j as u32 + 1;
                    at.target = None;
                    current -= 1;
                }
                if stack[j] == VISITED {
                    break;
                }
                let next_j = stack[j] as usize;
                stack[j] = VISITED;
                j = next_j;
            }
        }
        while current >= 0 {
            nop(&mut instrs[start + current as usize]);
            current -= 1;
        }
        *ix += len - 1;
    }

    fn next_swappable(&self, b: BlockId, i: usize, lineno: i32) -> Option<usize> {
        let instrs = &self.blocks[b].instrs;
        let mut i = i + 1;
        while i < instrs.len() {
            let instr = &instrs[i];
            if lineno >= 0 && instr.loc.line != lineno {
                return None;
            }
            if instr.op == Opcode::Nop {
                i += 1;
                continue;
            }
            if swappable(instr.op) {
                return Some(i);
            }
            return None;
        }
        None
    }

    /// `apply_static_swaps`: swap the instructions that consume the
    /// values instead of the values.
    fn apply_static_swaps(&mut self, b: BlockId, i: isize) {
        let mut i = i;
        while i >= 0 {
            let swap = self.blocks[b].instrs[i as usize];
            if swap.op != Opcode::Swap {
                if swap.op == Opcode::Nop || swappable(swap.op) {
                    i -= 1;
                    continue;
                }
                return;
            }
            let Some(j) = self.next_swappable(b, i as usize, -1) else {
                return;
            };
            let mut k = j;
            let lineno = self.blocks[b].instrs[j].loc.line;
            for _ in 1..swap.arg {
                match self.next_swappable(b, k, lineno) {
                    Some(next) => k = next,
                    None => return,
                }
            }
            let instrs = &self.blocks[b].instrs;
            let (sj, sk) = (stores_to(&instrs[j]), stores_to(&instrs[k]));
            if sj.is_some() || sk.is_some() {
                if sj == sk {
                    return;
                }
                for instr in &instrs[j + 1..k] {
                    let s = stores_to(instr);
                    if s.is_some() && (s == sj || s == sk) {
                        return;
                    }
                }
            }
            nop(&mut self.blocks[b].instrs[i as usize]);
            self.blocks[b].instrs.swap(j, k);
            i -= 1;
        }
    }

    /// `basicblock_remove_redundant_nops`: drop the NOPs that carry no
    /// line of their own, in place.
    fn remove_redundant_nops_in(&mut self, b: BlockId) -> usize {
        if !self.blocks[b].instrs.iter().any(|i| i.op == Opcode::Nop) {
            return 0;
        }
        // The location of the first real instruction of the next block,
        // for a NOP that ends this one.
        let next_line = self.next_nonempty(self.blocks[b].next).and_then(|n| {
            self.blocks[n]
                .instrs
                .iter()
                .find(|i| !(i.op == Opcode::Nop && i.loc.line < 0))
                .map(|i| i.loc.line)
        });
        let instrs = &mut self.blocks[b].instrs;
        let len = instrs.len();
        let mut dest = 0;
        let mut prev_lineno = -1;
        for src in 0..len {
            let instr = instrs[src];
            let lineno = instr.loc.line;
            if instr.op == Opcode::Nop {
                if lineno < 0 || prev_lineno == lineno {
                    continue;
                }
                if src + 1 < len {
                    let next_lineno = instrs[src + 1].loc.line;
                    if next_lineno == lineno {
                        continue;
                    }
                    if next_lineno < 0 {
                        // The next instruction takes over the location.
                        instrs[src + 1].loc = instr.loc;
                        continue;
                    }
                } else if next_line == Some(lineno) {
                    continue;
                }
            }
            instrs[dest] = instr;
            dest += 1;
            prev_lineno = lineno;
        }
        instrs.truncate(dest);
        len - dest
    }

    fn remove_redundant_nops(&mut self) -> usize {
        self.order()
            .into_iter()
            .map(|b| self.remove_redundant_nops_in(b))
            .sum()
    }

    fn remove_redundant_nops_and_pairs(&mut self) {
        loop {
            let mut done = true;
            let mut prev: Option<(BlockId, usize)> = None;
            for b in self.order() {
                self.remove_redundant_nops_in(b);
                if self.blocks[b].labelled {
                    prev = None;
                }
                for k in 0..self.blocks[b].instrs.len() {
                    let instr = self.blocks[b].instrs[k];
                    if instr.op == Opcode::PopTop
                        && let Some((pb, pk)) = prev
                    {
                        let p = self.blocks[pb].instrs[pk];
                        if p.op == Opcode::LoadConst || (p.op == Opcode::Copy && p.arg == 1) {
                            nop(&mut self.blocks[pb].instrs[pk]);
                            nop(&mut self.blocks[b].instrs[k]);
                            done = false;
                        }
                    }
                    prev = Some((b, k));
                }
                let last_is_jump = self.blocks[b].last().is_some_and(|i| i.op.has_jump());
                if last_is_jump || !self.blocks[b].has_fallthrough() {
                    prev = None;
                }
            }
            if done {
                break;
            }
        }
    }

    fn remove_redundant_jumps(&mut self) -> usize {
        let mut changes = 0;
        for b in self.order() {
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            if is_unconditional_jump(last.op) {
                let target = self.next_nonempty(last.target);
                let next = self.next_nonempty(self.blocks[b].next);
                if target == next {
                    changes += 1;
                    let n = self.blocks[b].instrs.len();
                    nop(&mut self.blocks[b].instrs[n - 1]);
                }
            }
        }
        changes
    }

    fn remove_redundant_nops_and_jumps(&mut self) {
        loop {
            let nops = self.remove_redundant_nops();
            let jumps = self.remove_redundant_jumps();
            if nops + jumps == 0 {
                break;
            }
        }
    }

    fn optimize(&mut self, consts: &mut Vec<Constant>) {
        self.inline_small_or_no_lineno_blocks();
        self.remove_unreachable();
        self.resolve_line_numbers();
        for b in self.order() {
            self.optimize_basic_block(b, consts);
        }
        self.remove_redundant_nops_and_pairs();
        self.remove_unreachable();
        self.remove_redundant_nops_and_jumps();
    }

    /// `remove_unused_consts`: the first constant (a docstring's place)
    /// always stays.
    fn remove_unused_consts(&mut self, consts: &mut Vec<Constant>) {
        if consts.is_empty() {
            return;
        }
        let mut used = vec![false; consts.len()];
        used[0] = true;
        for b in self.order() {
            for i in &self.blocks[b].instrs {
                if i.op.has_const() {
                    used[i.arg as usize] = true;
                }
            }
        }
        if used.iter().all(|u| *u) {
            return;
        }
        let mut map = vec![u32::MAX; consts.len()];
        let mut kept = Vec::new();
        for (i, c) in consts.drain(..).enumerate() {
            if used[i] {
                map[i] = kept.len() as u32;
                kept.push(c);
            }
        }
        *consts = kept;
        for b in self.order() {
            for i in &mut self.blocks[b].instrs {
                if i.op.has_const() {
                    i.arg = map[i.arg as usize];
                }
            }
        }
    }

    /// `add_checks_for_loads_of_uninitialized_variables`: `LOAD_FAST`
    /// becomes `LOAD_FAST_CHECK` where the local may be unbound.
    fn add_checks_for_uninitialized(&mut self, nlocals: usize, nparams: usize) {
        if nlocals == 0 {
            return;
        }
        let mut nlocals = nlocals;
        if nlocals > 64 {
            self.fast_scan_many_locals(nlocals);
            nlocals = 64;
        }
        self.clear_visited();
        for b in &mut self.blocks {
            b.unsafe_locals = 0;
        }
        let mut stack = Vec::new();
        let mut start_mask = 0u64;
        for i in nparams..nlocals {
            start_mask |= 1 << i;
        }
        self.maybe_push(self.entry, start_mask, &mut stack);
        for b in self.order() {
            self.scan_block_for_locals(b, &mut stack);
        }
        while let Some(b) = stack.pop() {
            self.blocks[b].visited = false;
            self.scan_block_for_locals(b, &mut stack);
        }
    }

    fn maybe_push(&mut self, b: BlockId, mask: u64, stack: &mut Vec<BlockId>) {
        let both = self.blocks[b].unsafe_locals | mask;
        if self.blocks[b].unsafe_locals != both {
            self.blocks[b].unsafe_locals = both;
            if !self.blocks[b].visited {
                stack.push(b);
                self.blocks[b].visited = true;
            }
        }
    }

    fn scan_block_for_locals(&mut self, b: BlockId, stack: &mut Vec<BlockId>) {
        let mut mask = self.blocks[b].unsafe_locals;
        for k in 0..self.blocks[b].instrs.len() {
            let instr = self.blocks[b].instrs[k];
            if let Some(e) = instr.except {
                self.maybe_push(e, mask, stack);
            }
            if instr.arg >= 64 {
                continue;
            }
            let bit = 1u64 << instr.arg;
            match instr.op {
                Opcode::DeleteFast | Opcode::LoadFastAndClear | Opcode::StoreFastMaybeNull => {
                    mask |= bit
                }
                Opcode::StoreFast | Opcode::LoadFastCheck => mask &= !bit,
                Opcode::LoadFast => {
                    if mask & bit != 0 {
                        self.blocks[b].instrs[k].op = Opcode::LoadFastCheck;
                    }
                    mask &= !bit;
                }
                _ => {}
            }
        }
        if self.blocks[b].has_fallthrough()
            && let Some(next) = self.blocks[b].next
        {
            self.maybe_push(next, mask, stack);
        }
        if let Some(last) = self.blocks[b].last().copied()
            && last.op.has_jump()
        {
            self.maybe_push(last.target.expect("target"), mask, stack);
        }
    }

    fn fast_scan_many_locals(&mut self, nlocals: usize) {
        let mut states = vec![0usize; nlocals - 64];
        let mut blocknum = 0;
        for b in self.order() {
            blocknum += 1;
            for i in &mut self.blocks[b].instrs {
                let arg = i.arg as usize;
                if arg < 64 {
                    continue;
                }
                match i.op {
                    Opcode::DeleteFast | Opcode::LoadFastAndClear | Opcode::StoreFastMaybeNull => {
                        states[arg - 64] = blocknum - 1
                    }
                    Opcode::StoreFast => states[arg - 64] = blocknum,
                    Opcode::LoadFast => {
                        if states[arg - 64] != blocknum {
                            i.op = Opcode::LoadFastCheck;
                        }
                        states[arg - 64] = blocknum;
                    }
                    _ => {}
                }
            }
        }
    }

    fn insert_superinstructions(&mut self) {
        for b in self.order() {
            let instrs = &mut self.blocks[b].instrs;
            for k in 0..instrs.len() {
                let next = instrs.get(k + 1).map(|i| i.op);
                let sup = match (instrs[k].op, next) {
                    (Opcode::LoadFast, Some(Opcode::LoadFast)) => Opcode::LoadFastLoadFast,
                    (Opcode::StoreFast, Some(Opcode::LoadFast)) => Opcode::StoreFastLoadFast,
                    (Opcode::StoreFast, Some(Opcode::StoreFast)) => Opcode::StoreFastStoreFast,
                    _ => continue,
                };
                let (l1, l2) = (instrs[k].loc.line, instrs[k + 1].loc.line);
                if l1 >= 0 && l2 >= 0 && l1 != l2 {
                    continue;
                }
                if instrs[k].arg >= 16 || instrs[k + 1].arg >= 16 {
                    continue;
                }
                instrs[k].arg = (instrs[k].arg << 4) | instrs[k + 1].arg;
                instrs[k].op = sup;
                nop(&mut instrs[k + 1]);
            }
        }
        self.remove_redundant_nops();
    }

    fn mark_warm(&mut self) {
        self.clear_visited();
        let mut stack = vec![self.entry];
        self.blocks[self.entry].visited = true;
        while let Some(b) = stack.pop() {
            self.blocks[b].warm = true;
            if self.blocks[b].has_fallthrough()
                && let Some(next) = self.blocks[b].next
                && !self.blocks[next].visited
            {
                self.blocks[next].visited = true;
                stack.push(next);
            }
            for k in 0..self.blocks[b].instrs.len() {
                let i = self.blocks[b].instrs[k];
                if i.op.has_jump() {
                    let t = i.target.expect("target");
                    if !self.blocks[t].visited {
                        self.blocks[t].visited = true;
                        stack.push(t);
                    }
                }
            }
        }
    }

    fn mark_cold(&mut self) {
        self.mark_warm();
        self.clear_visited();
        let mut stack = Vec::new();
        for b in self.order() {
            if self.blocks[b].except_handler {
                self.blocks[b].visited = true;
                stack.push(b);
            }
        }
        while let Some(b) = stack.pop() {
            self.blocks[b].cold = true;
            if self.blocks[b].has_fallthrough()
                && let Some(next) = self.blocks[b].next
                && !self.blocks[next].warm
                && !self.blocks[next].visited
            {
                self.blocks[next].visited = true;
                stack.push(next);
            }
            if let Some(last) = self.blocks[b].last().copied()
                && last.op.has_jump()
            {
                let t = last.target.expect("target");
                if !self.blocks[t].warm && !self.blocks[t].visited {
                    self.blocks[t].visited = true;
                    stack.push(t);
                }
            }
        }
    }

    fn push_cold_blocks_to_end(&mut self) {
        if self.blocks[self.entry].next.is_none() {
            return;
        }
        self.mark_cold();
        for b in self.order() {
            if self.blocks[b].cold
                && self.blocks[b].has_fallthrough()
                && let Some(next) = self.blocks[b].next
                && self.blocks[next].warm
            {
                let jump = self.new_block();
                self.blocks[next].labelled = true;
                self.blocks[jump].instrs.push(CfgInstr {
                    op: Opcode::JumpNoInterrupt,
                    arg: 0,
                    loc: Loc::NONE,
                    target: Some(next),
                    except: None,
                });
                self.blocks[jump].cold = true;
                self.blocks[jump].next = Some(next);
                self.blocks[jump].predecessors = 1;
                self.blocks[b].next = Some(jump);
            }
        }
        let order = self.order();
        let (warm, cold): (Vec<BlockId>, Vec<BlockId>) =
            order.into_iter().partition(|&b| !self.blocks[b].cold);
        if cold.is_empty() {
            return;
        }
        let all: Vec<BlockId> = warm.into_iter().chain(cold).collect();
        for w in all.windows(2) {
            self.blocks[w[0]].next = Some(w[1]);
        }
        self.blocks[*all.last().expect("blocks")].next = None;
        self.remove_redundant_nops_and_jumps();
    }

    /// `calculate_stackdepth`: the deepest the stack gets on any path.
    pub fn stackdepth(&mut self) -> u32 {
        for b in &mut self.blocks {
            b.startdepth = i32::MIN;
        }
        let mut stack = Vec::new();
        let mut maxdepth = 0;
        let push = |blocks: &mut Vec<Block>, b: BlockId, depth: i32, stack: &mut Vec<BlockId>| {
            if blocks[b].startdepth < depth && blocks[b].startdepth < 100 {
                blocks[b].startdepth = depth;
                stack.push(b);
            }
        };
        push(&mut self.blocks, self.entry, 0, &mut stack);
        while let Some(b) = stack.pop() {
            let mut depth = self.blocks[b].startdepth;
            let mut next = self.blocks[b].next;
            for k in 0..self.blocks[b].instrs.len() {
                let i = self.blocks[b].instrs[k];
                let effect = i.op.stack_effect(i.arg as i32, false).unwrap_or(0);
                let new_depth = depth + effect;
                maxdepth = maxdepth.max(depth);
                if has_target(i.op) && i.op != Opcode::EndAsyncFor {
                    let jump_effect = i.op.stack_effect(i.arg as i32, true).unwrap_or(0);
                    let target_depth = depth + jump_effect;
                    maxdepth = maxdepth.max(target_depth);
                    push(
                        &mut self.blocks,
                        i.target.expect("target"),
                        target_depth,
                        &mut stack,
                    );
                }
                depth = new_depth;
                if is_unconditional_jump(i.op) || is_scope_exit(i.op) {
                    next = None;
                    break;
                }
            }
            if let Some(n) = next {
                push(&mut self.blocks, n, depth, &mut stack);
            }
        }
        maxdepth.max(0) as u32
    }

    fn convert_pseudo_ops(&mut self) {
        for b in self.order() {
            for i in &mut self.blocks[b].instrs {
                if is_block_push(i.op) {
                    nop(i);
                } else if i.op == Opcode::LoadClosure {
                    i.op = Opcode::LoadFast;
                } else if i.op == Opcode::StoreFastMaybeNull {
                    i.op = Opcode::StoreFast;
                }
            }
        }
        self.remove_redundant_nops_and_jumps();
    }

    /// `normalize_jumps`: a conditional jump backwards becomes the
    /// reversed jump forwards over an unconditional jump back.
    fn normalize_jumps(&mut self) {
        self.clear_visited();
        for b in self.order() {
            self.blocks[b].visited = true;
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            let reversed = match last.op {
                Opcode::PopJumpIfNotNone => Opcode::PopJumpIfNone,
                Opcode::PopJumpIfNone => Opcode::PopJumpIfNotNone,
                Opcode::PopJumpIfFalse => Opcode::PopJumpIfTrue,
                Opcode::PopJumpIfTrue => Opcode::PopJumpIfFalse,
                _ => continue,
            };
            let target = last.target.expect("target");
            if !self.blocks[target].visited {
                continue;
            }
            let back = self.new_block();
            self.blocks[back].instrs.push(CfgInstr {
                op: Opcode::Jump,
                arg: 0,
                loc: last.loc,
                target: Some(target),
                except: None,
            });
            self.blocks[back].startdepth = self.blocks[target].startdepth;
            self.blocks[back].cold = self.blocks[b].cold;
            self.blocks[back].visited = true;
            self.blocks[back].next = self.blocks[b].next;
            let n = self.blocks[b].instrs.len();
            let next = self.blocks[b].next;
            let i = &mut self.blocks[b].instrs[n - 1];
            i.op = reversed;
            i.target = next;
            if let Some(next) = next {
                self.blocks[next].labelled = true;
            }
            self.blocks[b].next = Some(back);
        }
    }

    /// The optimized blocks in layout order, for the assembler.
    pub fn layout(&self) -> Vec<BlockId> {
        self.order()
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

fn truthy(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Ellipsis | Constant::Code(_) => true,
        Constant::Int(i) => i.bits() != 0,
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::StrWithSurrogates(p) => !p.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
    }
}

/// Whether CPython's constant cache makes two constants one: as
/// `Constant::is_same`, except that a NaN (a new object each time it is
/// computed, unequal to itself) is never merged.
pub fn same_constant(a: &Constant, b: &Constant) -> bool {
    let has_nan = |c: &Constant| match c {
        Constant::Float(f) => f.is_nan(),
        Constant::Complex { real, imag } => real.is_nan() || imag.is_nan(),
        _ => false,
    };
    !has_nan(a) && a.is_same(b)
}

/// A constant's index, appended when new (CPython's `add_const`).
pub fn add_const(consts: &mut Vec<Constant>, value: Constant) -> u32 {
    if let Some(i) = consts.iter().position(|c| same_constant(c, &value)) {
        return i as u32;
    }
    consts.push(value);
    consts.len() as u32 - 1
}

/// Everything `_PyCfg_OptimizeCodeUnit` and
/// `_PyCfg_OptimizedCfgToInstructionSequence` do, up to the layout.
pub fn optimize(cfg: &mut Cfg, consts: &mut Vec<Constant>, nlocals: usize, nparams: usize) {
    cfg.mark_except_handlers();
    cfg.label_exception_targets();
    cfg.optimize(consts);
    cfg.remove_unused_consts(consts);
    cfg.add_checks_for_uninitialized(nlocals, nparams);
    cfg.insert_superinstructions();
    cfg.push_cold_blocks_to_end();
    cfg.resolve_line_numbers();
}

/// After the stack depth and the locals are settled: pseudo-instructions
/// replaced and jumps normalized.
pub fn finish(cfg: &mut Cfg) {
    cfg.convert_pseudo_ops();
    cfg.normalize_jumps();
}
