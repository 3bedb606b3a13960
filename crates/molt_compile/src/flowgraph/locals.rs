//! Locals: `LOAD_FAST_CHECK` where a local may be unbound, and the
//! superinstructions that load or store two locals at once.

use super::{BlockId, Cfg, nop, unbinds_local};
use crate::opcode::Opcode;

impl Cfg {
    /// `add_checks_for_loads_of_uninitialized_variables`: `LOAD_FAST`
    /// becomes `LOAD_FAST_CHECK` where the local may be unbound.
    pub(super) fn add_checks_for_uninitialized(&mut self, nlocals: usize, nparams: usize) {
        // Parameters are always bound: without other locals, and without
        // an instruction that unbinds one, no load can find one unbound.
        let all_params = nlocals == nparams && nlocals <= 64 && !self.unbinds_locals;
        if nlocals == 0 || all_params {
            return;
        }
        let mut nlocals = nlocals;
        if nlocals > 64 {
            self.fast_scan_many_locals(nlocals);
            nlocals = 64;
        }
        self.clear_visited();
        for b in self.blocks.iter_mut() {
            b.unsafe_locals = 0;
        }
        let mut stack = self.worklist();
        let mut start_mask = 0u64;
        for i in nparams..nlocals {
            start_mask |= 1 << i;
        }
        self.maybe_push(self.entry, start_mask, &mut stack);
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            self.scan_block_for_locals(b, &mut stack);
        }
        while let Some(b) = stack.pop() {
            self.blocks[b].visited = false;
            self.scan_block_for_locals(b, &mut stack);
        }
        self.recycle(stack);
    }

    pub(super) fn maybe_push(&mut self, b: BlockId, mask: u64, stack: &mut Vec<BlockId>) {
        let both = self.blocks[b].unsafe_locals | mask;
        if self.blocks[b].unsafe_locals != both {
            self.blocks[b].unsafe_locals = both;
            if !self.blocks[b].visited {
                stack.push(b);
                self.blocks[b].visited = true;
            }
        }
    }

    pub(super) fn scan_block_for_locals(&mut self, b: BlockId, stack: &mut Vec<BlockId>) {
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
                op if unbinds_local(op) => mask |= bit,
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

    pub(super) fn fast_scan_many_locals(&mut self, nlocals: usize) {
        let mut states = vec![0usize; nlocals - 64];
        let mut blocknum = 0;
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            blocknum += 1;
            for i in &mut self.blocks[b].instrs {
                let arg = i.arg as usize;
                if arg < 64 {
                    continue;
                }
                match i.op {
                    op if unbinds_local(op) => states[arg - 64] = blocknum - 1,
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

    pub(super) fn insert_superinstructions(&mut self) {
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            let instrs = &mut self.blocks[b].instrs;
            for k in 0..instrs.len() {
                let next = instrs.get(k + 1).map(|i| i.op);
                let sup = match (instrs[k].op, next) {
                    (Opcode::LoadFast, Some(Opcode::LoadFast)) => Opcode::LoadFastLoadFast,
                    (Opcode::StoreFast, Some(Opcode::LoadFast)) => Opcode::StoreFastLoadFast,
                    (Opcode::StoreFast, Some(Opcode::StoreFast)) => Opcode::StoreFastStoreFast,
                    _ => continue,
                };
                let (l1, l2) = (instrs[k].loc.lineno, instrs[k + 1].loc.lineno);
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
}
