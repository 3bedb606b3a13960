//! Arbitrary bytes into the decoder, both lexer modes and the tokenize
//! view: nothing may panic, and the tokens must tile the text.
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run tokenize` (from the project root).

#![no_main]

use libfuzzer_sys::fuzz_target;
use molt_syntax::fuzz_check;

fuzz_target!(|data: &[u8]| {
    fuzz_check(data);
});
