//! `molt check`, `molt fix` and `molt rules` as users run them: every flag,
//! output format and exit code, files written atomically with their
//! encoding, BOM, line endings and permissions kept, and rule files tested
//! or refused with a diagnostic at the place of the mistake.

mod common;

use common::{Scratch, molt_in};
use std::path::Path;
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn project() -> Scratch {
    let s = Scratch::new("check-cli");
    let write = |name: &str, text: &str| {
        let path = s.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("a.py", "x = 1\nprint('%s items' % (x,))\n");
    write("pkg/b.py", "def f(t):\n    return '%s' % t\n");
    write("pkg/c.py", "n = '%d' % (3,) + '%.2f' % (v,)\n");
    s
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn rule_tests_pass_for_the_built_in_rules_and_the_engine_suite() {
    let dir = Path::new(ROOT);
    for args in [
        &["rules", "test"][..],
        &["rules", "test", "rules"],
        &["rules", "test", "tests/data/rules"],
    ] {
        let out = molt_in(dir, args, b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stdout(&out));
        let last = stdout(&out).lines().last().unwrap_or_default().to_string();
        assert!(last.ends_with(" passed, 0 failed"), "{args:?}: {last}");
        let passed: usize = last.split_whitespace().next().unwrap().parse().unwrap();
        assert!(passed >= 50, "{args:?}: {last}");
    }
    let out = molt_in(dir, &["rules", "list"], b"");
    assert!(stdout(&out).starts_with("printf-to-fstring\tinfo\t"));
}

#[test]
fn a_failing_rule_test_is_reported() {
    let s = Scratch::new("rule-fail");
    std::fs::write(
        s.path().join("r.yaml"),
        "id: r\nmessage: m\nrule:\n  pattern: foo($X)\nfix: bar($X)\ntests:\n  invalid:\n    - {code: 'foo(1)', fixed: 'baz(1)'}\n    - {code: 'foo(2)', fixed: 'bar(2)'}\n  valid:\n    - 'foo(3)'\n",
    )
    .unwrap();
    let out = molt_in(s.path(), &["rules", "test", "r.yaml"], b"");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("FAIL r (r.yaml): `foo(1)`: expected\n  baz(1)\ngot\n  bar(1)"),
        "{text}"
    );
    assert!(text.contains("`foo(3)` must not match"), "{text}");
    assert!(text.ends_with("1 passed, 2 failed\n"), "{text}");
}

#[test]
fn broken_rule_files_are_diagnostics_at_the_place() {
    let s = Scratch::new("rule-broken");
    let cases: &[(&str, &str, &str)] = &[
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X)\nfixx: bar($X)\n",
            "unknown field `fixx`",
            "r.yaml:5:1",
        ),
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X)\nwhere:\n  X:\n    regex: 'a(b'\n",
            "bad regex",
            "r.yaml:7:13",
        ),
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X\n",
            "the pattern does not parse as Python",
            "r.yaml:4:12",
        ),
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X)\nfix: bar($Y)\n",
            "the fix uses $Y, which the rule never binds",
            "r.yaml:5:10",
        ),
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X)\nfix: bar('$X')\n",
            "has a metavariable inside a string literal",
            "r.yaml:5:6",
        ),
        (
            "id: r\nmessage: m\nrule:\n  kind: Cal\n",
            "`Cal` is not a node kind",
            "r.yaml:4:9",
        ),
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X)\ntransform:\n  N: nope($X)\nfix: $N\n",
            "unknown transform `nope`",
            "r.yaml:6:6",
        ),
        (
            "id: r\nmessage: m\nseverity: fatal\nrule:\n  pattern: foo($X)\n",
            "unknown variant `fatal`",
            "r.yaml:3:11",
        ),
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X)\nwhere:\n  Y:\n    regex: a\n",
            "`where` constrains $Y, which the rule never captures",
            "r.yaml:6:3",
        ),
        (
            "id: r\nmessage: m\nrule:\n  pattern: foo($X)\nfix: bar($X)\nimports: ['import os as o']\n",
            "is not `import a.b` or `from a import b`",
            "r.yaml:6:12",
        ),
    ];
    for (yaml, message, place) in cases {
        std::fs::write(s.path().join("r.yaml"), yaml).unwrap();
        let out = molt_in(s.path(), &["rules", "test", "r.yaml"], b"");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{yaml}\n{err}");
        assert!(
            err.contains(message),
            "{yaml}\nexpected {message:?} in\n{err}"
        );
        assert!(err.contains(place), "{yaml}\nexpected {place:?} in\n{err}");
        assert!(!err.contains("panicked"), "{err}");
        // `check --rules` refuses the same file the same way.
        let out = molt_in(s.path(), &["check", "--rules", "r.yaml", "."], b"");
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(message));
    }
}

#[test]
fn check_reports_matches_with_their_place_and_exits_1() {
    let s = project();
    let out = molt_in(s.path(), &["check"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "./a.py:2:7: info[printf-to-fstring] `%` formatting can be an f-string [fix]\n"
        ),
        "{text}"
    );
    assert!(text.contains("./pkg/c.py:1:5: "), "{text}");
    assert!(text.contains("[unsafe fix: --unsafe-fixes]"), "{text}");
    assert!(
        !text.contains("left alone:"),
        "skips are hidden by default: {text}"
    );
    assert!(
        text.ends_with(
            "\n      1  a single operand that is not a literal may be a tuple at run time\n"
        ),
        "the summary counts the reasons: {text}"
    );
    assert!(text.contains("3 matches in 2 of 3 files: 2 fixable with `molt fix`, 1 more with `--unsafe-fixes`; 1 left alone"), "{text}");
    let skips = stdout(&molt_in(s.path(), &["check", "--show-skips"], b""));
    assert!(
        skips.contains(
            "./pkg/b.py:2:12: info[printf-to-fstring] left alone: a single operand that is not a literal may be a tuple at run time (`t`: write `% (t,)` to format it as one value)"
        ),
        "{skips}"
    );
    // Nothing was written.
    assert_eq!(
        std::fs::read_to_string(s.path().join("a.py")).unwrap(),
        "x = 1\nprint('%s items' % (x,))\n"
    );
    // A clean tree exits 0.
    let out = molt_in(s.path(), &["check", "--ignore", "printf-to-fstring"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn check_output_formats() {
    let s = project();
    let out = molt_in(s.path(), &["check", "--output-format", "json", "a.py"], b"");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let first = &json[0];
    assert_eq!(first["path"], "a.py");
    assert_eq!(first["rule"], "printf-to-fstring");
    assert_eq!(first["line"], 2);
    assert_eq!(first["column"], 7);
    assert_eq!(first["end_column"], 24);
    assert_eq!(first["fix"]["replacement"], "f'{x!s} items'");
    assert_eq!(first["fix"]["safety"], "safe");

    let out = molt_in(
        s.path(),
        &["check", "--output-format", "github", "a.py"],
        b"",
    );
    assert_eq!(
        stdout(&out),
        "::notice file=a.py,line=2,col=7,endLine=2,endColumn=24,title=molt (printf-to-fstring)::`%25` formatting can be an f-string [fix]\n"
    );
}

#[test]
fn check_diff_shows_what_fix_would_do_without_writing() {
    let s = project();
    let out = molt_in(s.path(), &["check", "--diff", "a.py"], b"");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with("--- a.py\n+++ a.py\n@@ -1,2 +1,2 @@\n x = 1\n-print('%s items' % (x,))\n+print(f'{x!s} items')\n"),
        "{text}"
    );
    assert!(!text.contains("\x1b["), "no colour when not a terminal");
    assert_eq!(
        std::fs::read_to_string(s.path().join("a.py")).unwrap(),
        "x = 1\nprint('%s items' % (x,))\n"
    );
}

#[test]
fn selection_and_target_version_flags() {
    let s = project();
    std::fs::write(s.path().join("q.py"), "y = '%s' % (d['k'],)\n").unwrap();
    let out = molt_in(s.path(), &["check", "--select", "nope"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no rule has the id `nope`"));
    let out = molt_in(s.path(), &["check", "--target-version", "3.x"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a Python version"));
    // Before 3.12 the quote is switched; from 3.12 it may be reused.
    let diff = |args: &[&str]| stdout(&molt_in(s.path(), args, b""));
    assert!(diff(&["check", "--diff", "q.py"]).contains("+y = f\"{d['k']!s}\""));
    assert!(
        diff(&["check", "--diff", "--target-version", "py312", "q.py"])
            .contains("+y = f'{d['k']!s}'")
    );
    assert!(
        diff(&["check", "--diff", "--target-version", "3.12", "q.py"])
            .contains("+y = f'{d['k']!s}'")
    );
    // f-strings need 3.6: an older target turns the rule off.
    let out = molt_in(s.path(), &["check", "--target-version", "3.5", "q.py"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // The default target comes from requires-python.
    std::fs::write(
        s.path().join("pyproject.toml"),
        "[project]\nname = 'p'\nrequires-python = '>=3.12'\n",
    )
    .unwrap();
    assert!(diff(&["check", "--diff", "q.py"]).contains("+y = f'{d['k']!s}'"));
    // [tool.molt] settings, and a refusal of unknown keys.
    std::fs::write(
        s.path().join("pyproject.toml"),
        "[tool.molt]\ntarget-version = '3.12'\nexclude = ['pkg']\n",
    )
    .unwrap();
    let text = diff(&["check"]);
    assert!(!text.contains("pkg/"), "{text}");
    assert!(text.contains("./q.py:1:5"), "{text}");
    std::fs::write(
        s.path().join("pyproject.toml"),
        "[tool.molt]\ntarget = '3.12'\n",
    )
    .unwrap();
    let out = molt_in(s.path(), &["check"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown field `target`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn include_exclude_and_gitignore() {
    let s = project();
    std::fs::write(s.path().join("gen.py"), "g = '%s' % (1,)\n").unwrap();
    std::fs::write(s.path().join("tool.pyw"), "g = '%s' % (1,)\n").unwrap();
    std::fs::write(s.path().join(".gitignore"), "gen.py\n").unwrap();
    let files = |args: &[&str]| {
        let out = molt_in(s.path(), args, b"");
        let mut names: Vec<String> = stdout(&out)
            .lines()
            .filter_map(|l| l.split(':').next())
            .filter(|n| n.starts_with("./"))
            .map(str::to_string)
            .collect();
        names.dedup();
        names
    };
    assert_eq!(files(&["check"]), ["./a.py", "./pkg/c.py"]);
    assert_eq!(files(&["check", "--exclude", "pkg"]), ["./a.py"]);
    assert_eq!(files(&["check", "--exclude", "*.py"]), Vec::<String>::new());
    assert_eq!(files(&["check", "--include", "*.pyw"]), ["./tool.pyw"]);
    // A file named on the command line is taken even if ignored.
    let out = molt_in(s.path(), &["check", "gen.py"], b"");
    assert_eq!(out.status.code(), Some(1));
    let out = molt_in(s.path(), &["check", "missing.py"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.py: No such file or directory"));
}

#[test]
fn stdin_to_stdout() {
    let s = Scratch::new("stdin");
    let out = molt_in(s.path(), &["fix", "-"], b"a = '%r' % (b,)\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "a = f'{b!r}'\n");
    assert!(
        stderr(&out).contains("fixed 1 matches in 1 files"),
        "{}",
        stderr(&out)
    );
    let out = molt_in(s.path(), &["fix", "-"], b"a = 1\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "a = 1\n");
    let out = molt_in(s.path(), &["check", "-"], b"a = '%r' % (b,)\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("<stdin>:1:5: info[printf-to-fstring]"));
    // Invalid input: the text comes back unchanged, with a diagnostic.
    let out = molt_in(s.path(), &["fix", "-"], b"a = '%s' % (\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "a = '%s' % (\n");
    assert!(
        stderr(&out).contains("'(' was never closed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fix_writes_files_keeping_encoding_bom_newlines_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("fix-bytes");
    let dir = s.path();
    std::fs::write(dir.join("crlf.py"), b"a = 1\r\nb = '%s' % (a,)\r\n").unwrap();
    std::fs::write(
        dir.join("bom.py"),
        b"\xef\xbb\xbfb = '%s \xc3\xa9' % (a,)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("latin1.py"),
        b"# -*- coding: latin-1 -*-\nb = '%s \xe9' % (a,)\n",
    )
    .unwrap();
    std::fs::write(dir.join("mode.py"), "b = '%s' % (a,)\n").unwrap();
    std::fs::set_permissions(dir.join("mode.py"), std::fs::Permissions::from_mode(0o751)).unwrap();
    std::fs::write(dir.join("bad.py"), "b = '%s' % (a,)\nc = (\n").unwrap();
    let out = molt_in(dir, &["fix", "."], b"");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a file did not parse: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("bad.py"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.join("crlf.py")).unwrap(),
        b"a = 1\r\nb = f'{a!s}'\r\n"
    );
    assert_eq!(
        std::fs::read(dir.join("bom.py")).unwrap(),
        b"\xef\xbb\xbfb = f'{a!s} \xc3\xa9'\n"
    );
    assert_eq!(
        std::fs::read(dir.join("latin1.py")).unwrap(),
        b"# -*- coding: latin-1 -*-\nb = f'{a!s} \xe9'\n"
    );
    let mode = std::fs::metadata(dir.join("mode.py"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o751);
    assert_eq!(
        std::fs::read_to_string(dir.join("bad.py")).unwrap(),
        "b = '%s' % (a,)\nc = (\n",
        "a file that does not parse is left alone"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".molt-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Idempotent: a second run changes nothing.
    std::fs::remove_file(dir.join("bad.py")).unwrap();
    let out = molt_in(dir, &["fix", "."], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("fixed 0 matches in 0 files"));
}

#[test]
fn fix_applies_unsafe_fixes_only_when_asked_and_nested_ones_in_passes() {
    let s = project();
    let dir = s.path();
    std::fs::write(dir.join("nested.py"), "s = '%s' % ('%d' % (1,),)\n").unwrap();
    let out = molt_in(dir, &["fix", "pkg/c.py", "nested.py"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .contains("fixed 3 matches in 2 files (printf-to-fstring: 3); 1 matches remain"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("pkg/c.py")).unwrap(),
        "n = '3' + '%.2f' % (v,)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("nested.py")).unwrap(),
        "s = f\"{'1'!s}\"\n"
    );
    let out = molt_in(dir, &["fix", "--unsafe-fixes", "pkg/c.py"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.join("pkg/c.py")).unwrap(),
        "n = '3' + f'{v:.2f}'\n"
    );
}

#[test]
fn the_pre_commit_hook_file_declares_molt() {
    let hooks = std::fs::read_to_string(Path::new(ROOT).join(".pre-commit-hooks.yaml")).unwrap();
    let parsed: serde_yaml::Value = serde_yaml::from_str(&hooks).unwrap();
    let ids: Vec<&str> = parsed
        .as_sequence()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["molt-fix", "molt-check"]);
}

#[test]
fn fix_follows_symlinks_and_refuses_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("fix-links");
    let dir = s.path();
    std::fs::write(dir.join("real.py"), "b = '%s' % (a,)\n").unwrap();
    std::os::unix::fs::symlink("real.py", dir.join("link.py")).unwrap();
    let out = molt_in(dir, &["fix", "link.py"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(dir.join("link.py"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("real.py")).unwrap(),
        "b = f'{a!s}'\n"
    );

    std::fs::write(dir.join("ro.py"), "b = '%s' % (a,)\n").unwrap();
    std::fs::set_permissions(dir.join("ro.py"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = molt_in(dir, &["fix", "ro.py"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ro.py: writing: the file is read-only; left unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ro.py")).unwrap(),
        "b = '%s' % (a,)\n"
    );
}

#[test]
fn settings_come_from_the_checked_project() {
    let s = Scratch::new("config-place");
    let project = s.path().join("proj");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("pyproject.toml"),
        "[project]\nrequires-python = '>=3.12'\n",
    )
    .unwrap();
    std::fs::write(project.join("q.py"), "y = '%s' % (d['k'],)\n").unwrap();
    // Run from outside the project: its requires-python still applies.
    let out = molt_in(s.path(), &["check", "--diff", "proj/q.py"], b"");
    assert!(
        stdout(&out).contains("+y = f'{d['k']!s}'"),
        "{}",
        stdout(&out)
    );
    let out = molt_in(s.path(), &["check", "--diff", "proj"], b"");
    assert!(
        stdout(&out).contains("+y = f'{d['k']!s}'"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_syntax_error_on_a_very_long_line_is_reported_in_words() {
    let s = Scratch::new("long-line");
    let line = format!("x = '%s' % (a,) + {} + )\n", "1 + ".repeat(20_000));
    std::fs::write(s.path().join("long.py"), line).unwrap();
    let out = molt_in(s.path(), &["check", "long.py"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("long.py:1:"), "{err}");
    assert!(err.contains("SyntaxError"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
