//! Valid Python (the corpus, mutated) through lowering, `ast.dump` and
//! `unparse`: nothing may panic, and what unparse writes must parse again
//! to the same AST. Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run ast`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    molt_ast::fuzz_lower(data);
});
