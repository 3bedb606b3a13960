//! The final layout: cold blocks (exception handlers) moved to the end,
//! the stack depth, pseudo-instructions made real, backward conditional
//! jumps normalized.

use super::{
    BlockId, Blocks, Cfg, CfgInstr, has_target, is_block_push, is_scope_exit,
    is_unconditional_jump, nop,
};
use crate::instr::Loc;
use crate::opcode::Opcode;

impl Cfg {
    pub(super) fn mark_warm(&mut self) {
        self.clear_visited();
        let mut stack = self.worklist();
        stack.push(self.entry);
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
        self.recycle(stack);
    }

    pub(super) fn mark_cold(&mut self) {
        self.mark_warm();
        self.clear_visited();
        let mut stack = self.worklist();
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
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
        self.recycle(stack);
    }

    pub(super) fn push_cold_blocks_to_end(&mut self) {
        if self.blocks[self.entry].next.is_none() {
            return;
        }
        self.mark_cold();
        let order = self.order();
        for &b in &order {
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
        self.recycle(order);
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
        for b in self.blocks.iter_mut() {
            b.startdepth = i32::MIN;
        }
        let mut stack = self.worklist();
        let mut maxdepth = 0;
        let push = |blocks: &mut Blocks, b: BlockId, depth: i32, stack: &mut Vec<BlockId>| {
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
                let effect = super::fallthrough_effect(i.op, i.arg);
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
        self.recycle(stack);
        // CPython's code objects never have a stack of 0: a unit that is
        // only `RETURN_CONST` gets 1, as the oracle's do (checked on every
        // code object of its standard library by tests/dis_printer.rs).
        maxdepth.max(1) as u32
    }

    pub(super) fn convert_pseudo_ops(&mut self) {
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
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
    pub(super) fn normalize_jumps(&mut self) {
        self.clear_visited();
        let order = self.order();
        for &b in &order {
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
        self.recycle(order);
    }

    /// The optimized blocks in layout order, for the assembler (give it
    /// back with `recycle`).
    pub fn layout(&mut self) -> Vec<BlockId> {
        self.order()
    }
}
