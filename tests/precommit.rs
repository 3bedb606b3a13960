//! molt as a pre-commit hook, through the real `pre-commit` (from PyPI, in
//! a throwaway environment) on a temporary git repository: the hook fixes
//! the staged files and fails the commit when it changed them, then passes.
//!
//! The hook is taken from `.pre-commit-hooks.yaml` (its id, name, entry,
//! file types) and declared as a `local` hook running the molt built by
//! this test run, so that pre-commit does not rebuild molt with cargo.

mod common;

use common::{Scratch, venv};
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .expect("git is installed");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn molt_fix_runs_as_a_pre_commit_hook() {
    let env = venv("pre-commit", "tests/data/precommit-requirements.txt");
    let hooks_file = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(hooks_file).unwrap()).unwrap();
    let hook = hooks
        .as_sequence()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "molt-fix")
        .expect("a molt-fix hook");
    let entry = hook["entry"].as_str().unwrap();
    let args = entry.strip_prefix("molt ").expect("the entry runs molt");
    let types: Vec<&str> = hook["types"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();

    let repo = Scratch::new("pre-commit-repo");
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.email", "molt@example.com"]);
    git(dir, &["config", "user.name", "molt"]);
    let config = format!(
        "repos:\n- repo: local\n  hooks:\n  - id: {}\n    name: {}\n    entry: {} {args}\n    language: system\n    types: {types:?}\n",
        hook["id"].as_str().unwrap(),
        hook["name"].as_str().unwrap(),
        env!("CARGO_BIN_EXE_molt"),
    );
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).unwrap();
    std::fs::write(dir.join("app.py"), "print('%s and %r' % (a, b))\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "'%s' % (a,)\n").unwrap();
    git(dir, &["add", "."]);

    let pre_commit = |args: &[&str]| {
        Command::new(env.join("bin/pre-commit"))
            .args(args)
            .current_dir(dir)
            .env("PRE_COMMIT_HOME", dir.join(".cache"))
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("running pre-commit")
    };
    let first = pre_commit(&["run", "--all-files"]);
    let out = String::from_utf8_lossy(&first.stdout);
    assert_eq!(first.status.code(), Some(1), "{out}");
    assert!(out.contains("molt fix"), "{out}");
    assert!(out.contains("Failed"), "{out}");
    assert!(out.contains("files were modified by this hook"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("app.py")).unwrap(),
        "print(f'{a!s} and {b!r}')\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "'%s' % (a,)\n",
        "only Python files are given to the hook"
    );
    git(dir, &["add", "."]);
    let second = pre_commit(&["run", "--all-files"]);
    let out = String::from_utf8_lossy(&second.stdout);
    assert_eq!(second.status.code(), Some(0), "{out}");
    assert!(out.contains("Passed"), "{out}");
}
