//! Removing what does nothing: unreachable blocks, small exits inlined
//! into the jumps to them, NOPs without a line of their own, jumps to
//! the next block, unused constants.

use super::{BlockId, Cfg, has_target, is_unconditional_jump, nop};
use crate::opcode::Opcode;
use crate::pool::ConstPool;

impl Cfg {
    pub(super) fn remove_unreachable(&mut self) {
        for b in self.blocks.iter_mut() {
            b.predecessors = 0;
        }
        self.clear_visited();
        let mut stack = self.worklist();
        stack.push(self.entry);
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
        self.recycle(stack);
        let mut walk = self.walk();
        while let Some(id) = walk.next(self) {
            if self.blocks[id].predecessors == 0 {
                self.blocks[id].instrs.clear();
                self.blocks[id].except_handler = false;
            }
        }
    }

    pub(super) fn inline_small_or_no_lineno_blocks(&mut self) {
        loop {
            let mut changed = false;
            let mut walk = self.walk();
            while let Some(b) = walk.next(self) {
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

    /// `basicblock_remove_redundant_nops`: drop the NOPs that carry no
    /// line of their own, in place.
    pub(super) fn remove_redundant_nops_in(&mut self, b: BlockId) -> usize {
        if !self.blocks[b].instrs.iter().any(|i| i.op == Opcode::Nop) {
            return 0;
        }
        // The location of the first real instruction of the next block,
        // for a NOP that ends this one.
        let next_line = self.next_nonempty(self.blocks[b].next).and_then(|n| {
            self.blocks[n]
                .instrs
                .iter()
                .find(|i| !(i.op == Opcode::Nop && i.loc.lineno < 0))
                .map(|i| i.loc.lineno)
        });
        let instrs = &mut self.blocks[b].instrs;
        let len = instrs.len();
        let mut dest = 0;
        let mut prev_lineno = -1;
        for src in 0..len {
            let instr = instrs[src];
            let lineno = instr.loc.lineno;
            if instr.op == Opcode::Nop {
                if lineno < 0 || prev_lineno == lineno {
                    continue;
                }
                if src + 1 < len {
                    let next_lineno = instrs[src + 1].loc.lineno;
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

    pub(super) fn remove_redundant_nops(&mut self) -> usize {
        let mut removed = 0;
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            removed += self.remove_redundant_nops_in(b);
        }
        removed
    }

    pub(super) fn remove_redundant_nops_and_pairs(&mut self) {
        loop {
            let mut done = true;
            let mut prev: Option<(BlockId, usize)> = None;
            let mut walk = self.walk();
            while let Some(b) = walk.next(self) {
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

    pub(super) fn remove_redundant_jumps(&mut self) -> usize {
        let mut changes = 0;
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
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

    pub(super) fn remove_redundant_nops_and_jumps(&mut self) {
        loop {
            let nops = self.remove_redundant_nops();
            let jumps = self.remove_redundant_jumps();
            if nops + jumps == 0 {
                break;
            }
        }
    }

    /// `remove_unused_consts`: the first constant (a docstring's place)
    /// always stays.
    pub(super) fn remove_unused_consts(&mut self, consts: &mut ConstPool) {
        if consts.is_empty() {
            return;
        }
        let mut used = vec![false; consts.len()];
        used[0] = true;
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            for i in &self.blocks[b].instrs {
                if i.op.has_const() {
                    used[i.arg as usize] = true;
                }
            }
        }
        if used.iter().all(|u| *u) {
            return;
        }
        let map = consts.retain(&used);
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            for i in &mut self.blocks[b].instrs {
                if i.op.has_const() {
                    i.arg = map[i.arg as usize];
                }
            }
        }
    }
}
