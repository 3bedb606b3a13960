//! The code generator's output for one scope: a flat list of instructions
//! whose jumps name labels, as CPython's instruction sequence has them,
//! before the control-flow graph is built.

use crate::opcode::Opcode;

/// Where an instruction comes from, as CPython records it: 1-based lines,
/// UTF-8 byte columns; `-1` everywhere for an artificial instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub line: i32,
    pub end_line: i32,
    pub col: i32,
    pub end_col: i32,
}

impl Loc {
    /// An artificial instruction's location (`NO_LOCATION`).
    pub const NONE: Loc = Loc {
        line: -1,
        end_line: -1,
        col: -1,
        end_col: -1,
    };

    pub fn of(loc: molt_ast::Location) -> Loc {
        Loc {
            line: loc.lineno as i32,
            end_line: loc.end_lineno as i32,
            col: loc.col_offset as i32,
            end_col: loc.end_col_offset as i32,
        }
    }

    /// `location_is_after`: this location starts after `other` ends.
    pub fn is_after(self, other: Loc) -> bool {
        self.line > other.end_line || (self.line == other.end_line && self.col > other.end_col)
    }
}

/// A jump target, resolved to an instruction index when it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label(pub u32);

/// One instruction; a jump's (or block push's) argument is its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instr {
    pub op: Opcode,
    pub arg: u32,
    pub loc: Loc,
}

/// The instructions of a scope in emission order, and where each label
/// was placed.
#[derive(Debug, Default)]
pub struct InstrSeq {
    pub instrs: Vec<Instr>,
    /// `labels[l]`: the index of the instruction label `l` names.
    pub labels: Vec<Option<usize>>,
}

impl InstrSeq {
    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// The label names the next instruction emitted.
    pub fn use_label(&mut self, label: Label) {
        self.labels[label.0 as usize] = Some(self.instrs.len());
    }

    pub fn push(&mut self, op: Opcode, arg: u32, loc: Loc) {
        self.instrs.push(Instr { op, arg, loc });
    }

    /// Insert before the instruction at `pos`, moving the labels that
    /// name later instructions along.
    pub fn insert(&mut self, pos: usize, op: Opcode, arg: u32, loc: Loc) {
        self.instrs.insert(pos, Instr { op, arg, loc });
        for at in self.labels.iter_mut().flatten() {
            if *at >= pos {
                *at += 1;
            }
        }
    }
}
