//! Generators for molt's tables.
//!
//! Facts that CPython owns (which characters are printable, which start an
//! identifier, what each single-byte codec maps bytes to) are read from the
//! oracle interpreter by `py/tables.py` and written as Rust source. A test
//! runs [`codegen`] in [`Mode::Check`], so a stale table fails the suite.

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
    for (path, text) in tables::generate()? {
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
