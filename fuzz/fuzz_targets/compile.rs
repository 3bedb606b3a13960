//! Valid Python (the AST target's corpus, mutated) through the symbol
//! table, code generation, the flow-graph passes, assembly and `dis`:
//! errors are fine, panics are not. Run, from `fuzz/`, with the stack the
//! CLI gives its workers (deep nesting recurses, and more so with ASan):
//! `ulimit -s unlimited; RUSTC_BOOTSTRAP=1 cargo fuzz run compile corpus/compile corpus/ast`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    molt_compile::fuzz_compile(data);
});
