//! pymolt: the layer of molt that users touch — the `molt` command line
//! and its diagnostics — over the pipeline crates under `crates/`.

pub mod cli;
pub mod codemod;
pub mod diagnostics;
pub mod rules;

pub use molt_syntax as syntax;
