//! The `molt` binary as users run it: output, exit codes and diagnostics,
//! compared with the oracle's `python -m tokenize` where it has an answer.

mod common;

use common::{Scratch, output_with_stdin};
use molt_oracle::oracle;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn molt(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run(Command::new(env!("CARGO_BIN_EXE_molt")).args(args), stdin)
}

fn run(command: &mut Command, stdin: Option<&[u8]>) -> Output {
    output_with_stdin(command, stdin.unwrap_or_default())
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn tokenize_prints_what_the_oracle_prints() {
    for file in ["hello.py", "tour.py"] {
        let path = example(file);
        let path = path.to_str().expect("UTF-8 path");
        for flags in [&[][..], &["-e"][..]] {
            let ours = molt(&[&["tokenize"], flags, &[path]].concat(), None);
            let theirs = run(
                oracle()
                    .command()
                    .args(["-m", "tokenize"])
                    .args(flags)
                    .arg(path),
                None,
            );
            assert!(
                theirs.status.success(),
                "the oracle failed: {}",
                text(&theirs.stderr)
            );
            assert_eq!(ours.status.code(), Some(0), "{}", text(&ours.stderr));
            assert_eq!(text(&ours.stdout), text(&theirs.stdout), "{file} {flags:?}");
        }
    }
}

#[test]
fn tokenize_reads_stdin() {
    let source = b"x = f'{a!r}'\r\nif x:\n\ty = 1\n";
    let ours = molt(&["tokenize", "-e", "-"], Some(source));
    let theirs = run(
        oracle().command().args(["-m", "tokenize", "-e"]),
        Some(source),
    );
    assert!(
        theirs.status.success(),
        "the oracle failed: {}",
        text(&theirs.stderr)
    );
    assert_eq!(ours.status.code(), Some(0), "{}", text(&ours.stderr));
    assert_eq!(text(&ours.stdout), text(&theirs.stdout));
}

#[test]
fn errors_are_diagnostics_with_exit_status_2() {
    let scratch = Scratch::new("cli");
    for (source, strict, message, place) in [
        (
            &b"x = (1,\n"[..],
            false,
            "unexpected EOF in multi-line statement",
            ":1:",
        ),
        (
            b"if x:\n    y\n  z\n",
            false,
            "unindent does not match any outer indentation level",
            ":3:",
        ),
        (b"s = '''abc\n", false, "EOF in multi-line string", ":1:5"),
        (
            b"# coding: uft-8\nx = 1\n",
            false,
            "unknown encoding for",
            "",
        ),
        (b"x = 1abc\n", true, "invalid decimal literal", ":1:5"),
        (b"x = 1)\n", true, "unmatched ')'", ""),
        (
            b"x = \xff\n",
            true,
            "Non-UTF-8 code starting with '\\xff'",
            "",
        ),
    ] {
        let path = scratch.path().join("bad.py");
        std::fs::write(&path, source).expect("writing");
        let path = path.to_str().expect("UTF-8 path");
        let args: &[&str] = if strict {
            &["tokenize", "--strict", path]
        } else {
            &["tokenize", path]
        };
        let out = molt(args, None);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{source:?}: {stderr}");
        assert!(stderr.contains(message), "{source:?}: {stderr}");
        assert!(
            stderr.contains(&format!("{path}{place}")),
            "{source:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn unreadable_files_and_bad_arguments_exit_2() {
    let out = molt(&["tokenize", "/nonexistent/molt.py"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/molt.py"));
    let out = molt(&["tokenize"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = molt(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("tokenize"));
}

#[test]
fn the_token_types_example_prints_the_seed_listing() {
    let exe = Path::new(env!("CARGO_BIN_EXE_molt"))
        .with_file_name("examples")
        .join("token_types");
    let script = "import io, tokenize\n\
        for tok in tokenize.generate_tokens(io.StringIO('abc  +  xyz').readline):\n\
        \x20   print(f'{tok.type:2d} {tokenize.tok_name[tok.type]:10s} {tok.string!r}')\n";
    let theirs = run(oracle().command().args(["-c", script]), None);
    let ours = run(&mut Command::new(&exe), None);
    assert_eq!(
        ours.status.code(),
        Some(0),
        "{}: {}",
        exe.display(),
        text(&ours.stderr)
    );
    assert_eq!(text(&ours.stdout), text(&theirs.stdout));
}

#[test]
fn ast_and_unparse_print_what_the_oracle_prints() {
    let path = example("tour.py");
    let path = path.to_str().expect("UTF-8 path");
    for (args, script) in [
        (
            vec!["ast", "--indent", "2", path],
            "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1],'rb').read()), indent=2))",
        ),
        (
            vec!["unparse", path],
            "import ast,sys; print(ast.unparse(ast.parse(open(sys.argv[1],'rb').read())))",
        ),
    ] {
        let ours = molt(&args, None);
        let theirs = run(oracle().command().args(["-c", script, path]), None);
        assert_eq!(ours.status.code(), Some(0), "{}", text(&ours.stderr));
        assert_eq!(text(&ours.stdout), text(&theirs.stdout), "{args:?}");
    }
}
