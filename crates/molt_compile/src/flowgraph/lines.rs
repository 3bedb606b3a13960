//! Line numbers for the instructions the compiler made up: exits
//! without a line are duplicated per predecessor, then lines flow to the
//! instructions that have none (PEP 626).

use super::{BlockId, Cfg};
use crate::instr::Loc;

impl Cfg {
    pub(super) fn is_exit_or_eval_check_without_lineno(&self, b: BlockId) -> bool {
        let block = &self.blocks[b];
        (block.exits_scope() || block.has_eval_break()) && block.has_no_lineno()
    }

    pub(super) fn duplicate_exits_without_lineno(&mut self) {
        let order = self.order();
        for &b in &order {
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
        self.recycle(order);
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
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

    pub(super) fn propagate_line_numbers(&mut self) {
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            let mut prev = Loc::NONE;
            for i in &mut self.blocks[b].instrs {
                if i.loc.lineno == -1 {
                    i.loc = prev;
                } else {
                    prev = i.loc;
                }
            }
            if self.blocks[b].has_fallthrough()
                && let Some(next) = self.blocks[b].next
                && self.blocks[next].predecessors == 1
                && let Some(first) = self.blocks[next].instrs.first_mut()
                && first.loc.lineno == -1
            {
                first.loc = prev;
            }
            if last.op.has_jump() {
                let target = last.target.expect("target");
                if self.blocks[target].predecessors == 1
                    && let Some(first) = self.blocks[target].instrs.first_mut()
                    && first.loc.lineno == -1
                {
                    first.loc = prev;
                }
            }
        }
    }

    pub(super) fn resolve_line_numbers(&mut self) {
        // Both steps act only on instructions without a line.
        let all_placed = (self.blocks.iter()).all(|b| b.instrs.iter().all(|i| i.loc.lineno >= 0));
        if all_placed {
            return;
        }
        self.duplicate_exits_without_lineno();
        self.propagate_line_numbers();
    }
}
