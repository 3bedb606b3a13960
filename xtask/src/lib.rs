//! Generators for molt's tables.
//!
//! Facts that CPython owns (which characters are printable, which start an
//! identifier, what each single-byte codec maps bytes to) are read from the
//! oracle interpreter by `py/tables.py` and written as Rust source. A test
//! runs [`codegen`] in [`Mode::Check`], so a stale table fails the suite.

mod ast;
mod opcodes;
mod tables;

use std::path::{Path, PathBuf};

/// Write the files, or only check that they are up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

/// Regenerates every generated file, or checks them.
pub fn codegen(mode: Mode) -> Result<(), String> {
    let mut stale = Vec::new();
    let mut files = tables::generate()?;
    files.extend(ast::generate(&oracle_json("xtask/py/ast_spec.py")?));
    files.extend(opcodes::generate(&oracle_json("xtask/py/opcode_spec.py")?));
    for (path, text) in files {
        let full = root().join(&path);
        let current = std::fs::read_to_string(&full).unwrap_or_default();
        if current == text {
            continue;
        }
        match mode {
            Mode::Write => {
                std::fs::write(&full, text).map_err(|e| format!("{}: {e}", full.display()))?;
                eprintln!("updated {path}");
            }
            Mode::Check => stale.push(path),
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated files are stale: {}; run `cargo xtask codegen`",
            stale.join(", ")
        ))
    }
}

/// Run a script of `xtask/py/` under the oracle and read its JSON output.
pub(crate) fn oracle_json(script: &str) -> Result<serde_json::Value, String> {
    let oracle = molt_oracle::find()?;
    let script = root().join(script);
    let out = oracle
        .command()
        .arg(&script)
        .output()
        .map_err(|e| format!("running {}: {e}", oracle.path.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}
