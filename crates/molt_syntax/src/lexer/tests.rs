//! Hand-written lexer tests; the corpus tests live in the root package.
