//! Arbitrary bytes, and mutations of valid Python (the corpus), into the
//! parser: nothing may panic or loop, and the tree prints its input.
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run parse` (from the project root).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    molt_syntax::fuzz_parse(data);
});
