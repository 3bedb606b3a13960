//! Exception handlers: which blocks are handlers, and which handler
//! protects each instruction (`mark_except_handlers`,
//! `label_exception_targets`).

use super::{Cfg, is_block_push, nop};
use crate::opcode::Opcode;

impl Cfg {
    pub(super) fn mark_except_handlers(&mut self) {
        let mut walk = self.walk();
        while let Some(id) = walk.next(self) {
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
    pub(super) fn label_exception_targets(&mut self) {
        self.clear_visited();
        let mut todo = self.worklist();
        todo.push(self.entry);
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
        self.recycle(todo);
    }
}
