//! Lowering: from the CST to the AST, with CPython's semantics.
