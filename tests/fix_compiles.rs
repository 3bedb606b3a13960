//! `molt fix` compiles every rewritten file before writing it: a fix whose
//! result CPython would refuse at compile time (here a rule that turns a
//! call into `return` at module level) leaves the file untouched and says
//! why, in the oracle's words; a file that did not compile before is not
//! held to it; and the same rule's fixes elsewhere are still written.

mod common;

use common::{Scratch, molt_in, output_with_stdin};
use molt_oracle::oracle;

const RULE: &str = "id: stop-to-return\nmessage: \"`stop(x)` is a return\"\nrule:\n  pattern: stop($X)\nfix: return $X\n";

/// What the oracle's `compile(text, "<fixed>", "exec")` raises: the
/// message and the line.
fn oracle_refusal(text: &str) -> (String, u64) {
    let script = "import sys, json\ntry:\n    compile(sys.stdin.read(), '<fixed>', 'exec')\n    print(json.dumps(None))\nexcept SyntaxError as e:\n    print(json.dumps([e.msg, e.lineno]))\n";
    let out = output_with_stdin(oracle().command().args(["-c", script]), text.as_bytes());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("oracle JSON");
    assert!(
        !value.is_null(),
        "the oracle compiles {text:?}: the test needs a text it refuses"
    );
    (
        value[0].as_str().expect("message").to_string(),
        value[1].as_u64().expect("line"),
    )
}

#[test]
fn a_fix_that_does_not_compile_leaves_the_file_alone_and_says_why() {
    let s = Scratch::new("fix-compiles");
    let dir = s.path();
    std::fs::write(dir.join("r.yaml"), RULE).unwrap();
    let module_level = "x = 1\nstop(x)\n";
    let in_function = "def f(x):\n    stop(x)\n";
    std::fs::write(dir.join("module_level.py"), module_level).unwrap();
    std::fs::write(dir.join("in_function.py"), in_function).unwrap();

    let out = molt_in(dir, &["fix", "--rules", "r.yaml", "."], b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // The fix would make `return x` at module level: untouched.
    assert_eq!(
        std::fs::read_to_string(dir.join("module_level.py")).unwrap(),
        module_level
    );
    let (message, line) = oracle_refusal("x = 1\nreturn x\n");
    let reason = format!(
        "module_level.py: left unchanged: the fixed text (stop-to-return) does not compile: SyntaxError: {message} (line {line} of the fixed text)"
    );
    assert!(stderr.contains(&reason), "expected {reason:?} in\n{stderr}");
    // Inside a function the same fix compiles, and is written.
    assert_eq!(
        std::fs::read_to_string(dir.join("in_function.py")).unwrap(),
        "def f(x):\n    return x\n"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("fixed 1 matches in 1 files (stop-to-return: 1); 1 matches remain"),
        "{stdout}"
    );

    // `--diff` shows no fix that `fix` would refuse, and says why.
    let out = molt_in(
        dir,
        &["check", "--diff", "--rules", "r.yaml", "module_level.py"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("+return"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("left unchanged"));

    // From stdin, the text comes back as it was.
    let out = molt_in(dir, &["fix", "--rules", "r.yaml", "-"], b"stop(1)\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "stop(1)\n");
    let (message, _) = oracle_refusal("return 1\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains(&message));
}

#[test]
fn a_file_that_did_not_compile_is_not_held_to_it() {
    let s = Scratch::new("fix-compiles");
    let dir = s.path();
    std::fs::write(dir.join("r.yaml"), RULE).unwrap();
    // `nonlocal` at module level: CPython refuses the file before and after.
    let before = "nonlocal q\nstop(1)\n";
    oracle_refusal(before);
    std::fs::write(dir.join("bad.py"), before).unwrap();
    let out = molt_in(dir, &["fix", "--rules", "r.yaml", "bad.py"], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("bad.py")).unwrap(),
        "nonlocal q\nreturn 1\n"
    );
}
