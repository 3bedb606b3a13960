//! The README's main job on `examples/legacy`: `molt check --diff` shows
//! exactly what the README shows, and after `molt fix` (safe fixes, then
//! unsafe ones too) the project prints the same report, byte for byte,
//! under the oracle and under the local `python3`.

mod common;

use common::Scratch;
use molt_oracle::{Oracle, local_python3, oracle};
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "__pycache__" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn report(python: &Oracle, dir: &Path) -> Vec<u8> {
    // Not isolated (`-I` would leave the current directory off the path).
    let out = Command::new(&python.path)
        .args(["-B", "-m", "inventory"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        python.path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn molt(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_molt"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_readme_shows_what_check_diff_prints() {
    let (code, out) = molt(Path::new(ROOT), &["check", "--diff", "examples/legacy"]);
    assert_eq!(code, Some(1));
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let start = readme
        .find("<!-- legacy-diff -->\n```diff\n")
        .expect("the README shows the diff");
    let shown = &readme[start + "<!-- legacy-diff -->\n```diff\n".len()..];
    let shown = &shown[..shown.find("```\n").unwrap()];
    assert_eq!(
        shown, out,
        "update the README's output of `molt check --diff examples/legacy`"
    );
}

#[test]
fn fixing_the_legacy_project_keeps_its_output() {
    let pythons = [oracle().clone(), local_python3()];
    let scratch = Scratch::new("legacy");
    let dir = scratch.path().join("legacy");
    copy_dir(&Path::new(ROOT).join("examples/legacy"), &dir);
    let before: Vec<Vec<u8>> = pythons.iter().map(|p| report(p, &dir)).collect();
    assert!(before[0].len() > 500);
    let original = std::fs::read(dir.join("inventory/report.py")).unwrap();
    for flags in [&["fix", "."][..], &["fix", "--unsafe-fixes", "."]] {
        let (code, out) = molt(&dir, flags);
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains("fixed "), "{out}");
        for (python, expected) in pythons.iter().zip(&before) {
            assert_eq!(
                &report(python, &dir),
                expected,
                "{flags:?} changed the output under {}",
                python.path.display()
            );
        }
    }
    assert_ne!(
        std::fs::read(dir.join("inventory/report.py")).unwrap(),
        original
    );
    // Nothing left to fix: the second run is quiet.
    let (code, out) = molt(&dir, &["fix", "--unsafe-fixes", "."]);
    assert!(out.contains("\nfixed 0 matches in 0 files"), "{out}");
    assert_eq!(
        code,
        Some(1),
        "the match kept for its comment remains: {out}"
    );
}
