//! Stage three of the four CPython runs: from the AST to code objects.
//!
//! The symbol table decides where every name lives (`symtable`), code
//! generation turns each scope into instructions (`codegen`), and the
//! instruction set, code objects and their printing follow CPython 3.13
//! (`opcode`, `code`, `dis`), so that `molt dis` prints what
//! `python3.13 -m dis` prints.

pub mod error;
pub mod symtable;

pub use error::CompileError;
