//! pymolt: the layer of molt that users touch — the `molt` command line
//! and its diagnostics — over the pipeline crates under `crates/`.

pub mod cli;
pub mod diagnostics;

pub use molt_syntax as syntax;
