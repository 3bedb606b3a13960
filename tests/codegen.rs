//! Generated tables must match what `cargo xtask codegen` makes from the
//! oracle now: a stale table fails here.

#[test]
fn generated_files_are_fresh() {
    if let Err(stale) = xtask::codegen(xtask::Mode::Check) {
        panic!("{stale}");
    }
}
