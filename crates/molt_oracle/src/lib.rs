//! The oracle: the newest CPython on this machine, which molt treats as the
//! specification.
//!
//! Tests, benchmarks and code generators all ask this crate for it, so that
//! one rule decides which interpreter is the truth:
//!
//! 1. `MOLT_ORACLE_PYTHON`, when set, names it (and must run);
//! 2. otherwise the newest `python3.N` with `N >= 12` found on `PATH` or under
//!    `~/.pyenv/versions/*/bin` that actually runs (pyenv shims that point at
//!    an inactive version are skipped).
//!
//! Without an oracle, [`oracle`] panics with instructions: a test that needs
//! CPython fails loudly, it never skips.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// A CPython interpreter and its version.
#[derive(Debug, Clone)]
pub struct Oracle {
    pub path: PathBuf,
    pub version: (u32, u32, u32),
}

impl Oracle {
    /// `3.13.0`.
    pub fn version_string(&self) -> String {
        let (a, b, c) = self.version;
        format!("{a}.{b}.{c}")
    }

    /// A command that runs this interpreter, isolated from the user's
    /// environment (`-I`: no user site-packages, no `PYTHON*` variables).
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(&self.path);
        cmd.arg("-I");
        cmd
    }

    /// The directory of this interpreter's standard library.
    pub fn stdlib(&self) -> PathBuf {
        stdlib_of(&self.path)
            .unwrap_or_else(|| panic!("{} did not report its stdlib", self.path.display()))
    }
}

/// The oracle, found once per process. Panics, with a message that says how
/// to point molt at one, when there is none.
pub fn oracle() -> &'static Oracle {
    static ORACLE: OnceLock<Oracle> = OnceLock::new();
    ORACLE.get_or_init(|| match find() {
        Ok(o) => o,
        Err(why) => panic!(
            "\n\nNo oracle CPython: {why}\n\
             molt's tests compare against a real CPython 3.12 or newer.\n\
             Install one (e.g. `pyenv install 3.13`) or set MOLT_ORACLE_PYTHON=/path/to/python3.13.\n"
        ),
    })
}

/// The local `python3` (3.11 on these machines), whose standard library is
/// the second corpus. Panics when there is none.
pub fn local_python3() -> Oracle {
    let path = which("python3").expect("python3 is not on PATH");
    let version = version_of(&path).expect("python3 does not run");
    Oracle { path, version }
}

/// Finds the oracle without panicking.
pub fn find() -> Result<Oracle, String> {
    if let Some(path) = std::env::var_os("MOLT_ORACLE_PYTHON") {
        let path = PathBuf::from(path);
        return match version_of(&path) {
            Some(version) => Ok(Oracle { path, version }),
            None => Err(format!(
                "MOLT_ORACLE_PYTHON={} does not run as a Python interpreter",
                path.display()
            )),
        };
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    for minor in 12..=30 {
        if let Some(p) = which(&format!("python3.{minor}")) {
            candidates.push(p);
        }
    }
    if let Some(home) = std::env::var_os("HOME") {
        let versions = Path::new(&home).join(".pyenv/versions");
        if let Ok(entries) = std::fs::read_dir(&versions) {
            for entry in entries.flatten() {
                let bin = entry.path().join("bin");
                for minor in 12..=30 {
                    let p = bin.join(format!("python3.{minor}"));
                    if p.is_file() {
                        candidates.push(p);
                    }
                }
            }
        }
    }
    candidates
        .into_iter()
        .filter_map(|path| version_of(&path).map(|version| Oracle { path, version }))
        .filter(|o| o.version >= (3, 12, 0))
        .max_by_key(|o| o.version)
        .ok_or_else(|| "no python3.12 or newer on PATH or under ~/.pyenv/versions".to_string())
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn version_of(path: &Path) -> Option<(u32, u32, u32)> {
    let out = Command::new(path)
        .args(["-I", "-c", "import sys; print(*sys.version_info[:3])"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut parts = text.split_whitespace().map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

fn stdlib_of(path: &Path) -> Option<PathBuf> {
    let out = Command::new(path)
        .args([
            "-I",
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(text.trim()))
}

/// Every `.py` file of a standard library (its `test/` package included,
/// `site-packages` left out), sorted, so corpus runs are reproducible.
pub fn stdlib_files(stdlib: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![stdlib.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                let name = entry.file_name();
                if name != "site-packages" && name != "__pycache__" {
                    stack.push(path);
                }
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
