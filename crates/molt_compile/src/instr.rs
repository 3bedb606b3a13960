//! The code generator's output for one scope: a flat list of instructions
//! whose jumps name labels, as CPython's instruction sequence has them,
//! before the control-flow graph is built.

use crate::opcode::Opcode;

/// Where an instruction comes from, as CPython records it (`location`):
/// 1-based lines, UTF-8 byte columns; `-1` everywhere for an artificial
/// instruction. The line table is written from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Loc {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col_offset: i32,
    pub end_col_offset: i32,
}

impl Loc {
    /// An artificial instruction's location (`NO_LOCATION`).
    pub const NONE: Loc = Loc::new(-1, -1, -1, -1);

    pub const fn new(lineno: i32, end_lineno: i32, col_offset: i32, end_col_offset: i32) -> Loc {
        Loc {
            lineno,
            end_lineno,
            col_offset,
            end_col_offset,
        }
    }

    pub fn of(loc: molt_ast::Location) -> Loc {
        Loc {
            lineno: loc.lineno as i32,
            end_lineno: loc.end_lineno as i32,
            col_offset: loc.col_offset as i32,
            end_col_offset: loc.end_col_offset as i32,
        }
    }

    /// The AST's form of the location (absent parts as 0).
    pub fn to_ast(self) -> molt_ast::Location {
        let part = |n: i32| n.max(0) as u32;
        molt_ast::Location {
            lineno: part(self.lineno),
            col_offset: part(self.col_offset),
            end_lineno: part(self.end_lineno),
            end_col_offset: part(self.end_col_offset),
        }
    }

    /// `location_is_after`: this location starts after `other` ends.
    pub fn is_after(self, other: Loc) -> bool {
        self.lineno > other.end_lineno
            || (self.lineno == other.end_lineno && self.col_offset > other.end_col_offset)
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

    /// Empty, its storage kept.
    pub fn clear(&mut self) {
        self.instrs.clear();
        self.labels.clear();
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
