//! The peephole optimizations of one block (`optimize_basic_block`):
//! constant conditions and returns, `is None` jumps, jump threading,
//! booleans, tuples of constants, and `SWAP` runs.

use super::{BlockId, Cfg, CfgInstr, has_target, nop, stores_to, swappable};
use crate::constant::Constant;
use crate::opcode::Opcode;
use crate::pool::ConstPool;
use crate::timings::{Stage, timed};

impl Cfg {
    /// `jump_thread`: jump straight to where the target jump goes.
    pub(super) fn jump_thread(
        &mut self,
        b: BlockId,
        k: usize,
        target: CfgInstr,
        op: Opcode,
    ) -> bool {
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

    pub(super) fn optimize_basic_block(&mut self, b: BlockId, consts: &mut ConstPool) {
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
                        && self.blocks[b].instrs[k + 1].loc.lineno == inst.loc.lineno
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
    pub(super) fn optimize_load_const(
        &mut self,
        b: BlockId,
        k: usize,
        index: u32,
        consts: &mut ConstPool,
    ) {
        let len = self.blocks[b].instrs.len();
        if k + 1 >= len {
            return;
        }
        let value = consts.get(index);
        let next = self.blocks[b].instrs[k + 1];
        match next.op {
            Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue => {
                let is_true = value.is_truthy();
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
                let truthy = value.is_truthy();
                let index = consts.add(Constant::Bool(truthy));
                nop(&mut self.blocks[b].instrs[k]);
                let n = &mut self.blocks[b].instrs[k + 1];
                n.op = Opcode::LoadConst;
                n.arg = index;
            }
            _ => {}
        }
    }

    /// `LOAD_CONST`s then `BUILD_TUPLE n` becomes one tuple constant.
    pub(super) fn fold_tuple_of_constants(&mut self, b: BlockId, k: usize, consts: &mut ConstPool) {
        // 3.13 folds tuples of any length whose items are loaded by the
        // instructions right before (a NOP between them stops it).
        let n = self.blocks[b].instrs[k].arg as usize;
        if k < n {
            return;
        }
        let loads = &self.blocks[b].instrs[k - n..k];
        if !loads.iter().all(|i| i.op == Opcode::LoadConst) {
            return;
        }
        let items = loads.iter().map(|i| consts.get(i.arg).clone()).collect();
        for i in &mut self.blocks[b].instrs[k - n..k] {
            nop(i);
        }
        let index = consts.add(Constant::Tuple(items));
        let i = &mut self.blocks[b].instrs[k];
        i.op = Opcode::LoadConst;
        i.arg = index;
    }

    /// `swaptimize`: a run of `SWAP`s replaced by the fewest that do the
    /// same.
    pub(super) fn swaptimize(&mut self, b: BlockId, ix: &mut usize) {
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

    pub(super) fn next_swappable(&self, b: BlockId, i: usize, lineno: i32) -> Option<usize> {
        let instrs = &self.blocks[b].instrs;
        let mut i = i + 1;
        while i < instrs.len() {
            let instr = &instrs[i];
            if lineno >= 0 && instr.loc.lineno != lineno {
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
    pub(super) fn apply_static_swaps(&mut self, b: BlockId, i: isize) {
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
            let lineno = self.blocks[b].instrs[j].loc.lineno;
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

    pub(super) fn optimize(&mut self, consts: &mut ConstPool) {
        timed(Stage::InlineSmallBlocks, || {
            self.inline_small_or_no_lineno_blocks()
        });
        timed(Stage::RemoveUnreachable, || self.remove_unreachable());
        timed(Stage::LineNumbers, || self.resolve_line_numbers());
        timed(Stage::Peepholes, || {
            let mut walk = self.walk();
            while let Some(b) = walk.next(self) {
                self.optimize_basic_block(b, consts);
            }
        });
        timed(Stage::NopsAndPairs, || {
            self.remove_redundant_nops_and_pairs()
        });
        timed(Stage::RemoveUnreachable, || self.remove_unreachable());
        timed(Stage::NopsAndJumps, || {
            self.remove_redundant_nops_and_jumps()
        });
    }
}
