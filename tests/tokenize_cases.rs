//! Hand-written tokenizer cases, each compared with the oracle during the
//! test: `python -m tokenize` listings (and refusals) for the tokenize view,
//! `compile()` errors for the strict lexer. Cases that only Python 3.14
//! knows (t-strings, incompatible prefixes) are checked against the
//! oracle's f-string listing or the 3.14 documentation, as marked.

mod common;

use common::{first_difference, molt_tokenize, oracle_tokenize, run_driver};
use molt_oracle::oracle;
use molt_syntax::{Mode, lex};
use std::path::PathBuf;

/// Sources whose `tokenize` listing (or refusal) must equal the oracle's.
const LISTINGS: &[&str] = &[
    // Layout: indentation, tabs, form feeds, blank and comment lines.
    "if x:\n    y = 1\n\n    # c\n  # d\nz\n",
    "def f():\n\tif x:\n        \ty\n",
    "if x:\n\x0c    y\n",
    "x = 1\n\n  y\n",
    "class A:\n    def f(self):\n        pass\n\n\n",
    "if a:\n  if b:\n    c\nd\n",
    // Line endings and the end of the file.
    "x = 1\r\ny = 2\r\n",
    "x = (1,\r\n     2)\r\n# c\r\n",
    "x = 1",
    "# only a comment",
    "",
    "\n\n",
    "x = 1\n    ",
    "if x:\n    y",
    // Line joining.
    "x = 1 + \\\n    2\n",
    "if x:\n    y = [1,\n2,\n        3]\n",
    "x = \\\r\n 1\r\n",
    // Names and numbers.
    "λ = ñandú_1 + _x\n",
    "x = 1_000 + 0x_FF + 0o17 + 0b1_0 + 1.5e-3j + .5 + 5. + 1E10 + 0 + 00 + 1j\n",
    "x = 1if y else 2\n",
    "x = 0_0 + 1e+5 + 1_0.0_1e1_0\n",
    "x = 1abc\n",
    "x = 0123\n",
    // Strings of every prefix.
    "x = 'a' \"b\" r'\\c' b'd' rb'e' BR'f' Rb\"g\" u'h' U\"i\" '''j\n''' \"\"\"k\"\"\"\n",
    "x = 'it\\'s' \"\\\"\" '\\\\'\n",
    "x = '''a\r\nb'''\n",
    "x = 'a\\\nb'\n",
    // Operators, exact types, oddities.
    "a //= b ** c @ d -> e := f != g <= h >> 1 << 2 ... ~x ^ y | z & w % v\n",
    "a <> b\n",
    "a $ b ? c ! d\n",
    "f(*args, **kw)[1:2, ::3]{a: b}\n",
    // f-strings.
    "f'a{b}c'\n",
    "f\"{x!r:>{width}}\"\n",
    "f'{x:{y}{{z}}}'\n",
    "f'{{}} {{x}} }}{{'\n",
    "f'{x=}' f'{x = !r:^20}'\n",
    "f'{\"nested\" + f\"{'deep'}\"}'\n",
    "f'''{\nx\n+ 1:>10\n}'''\n",
    "f\"\"\"a\n{b}\nc{{\n}}d\"\"\"\n",
    "f'\\N{BULLET} {x}' rf'\\N{x}' fr'{x}\\{{'\n",
    "f'{x:%H:%M}' f'{a[1:2]}' f'{lambda: 1}'\n",
    "f'{x # comment\n}'\n",
    "f'{x:{y:{z}}}'\n",
    "f'{x!s}' F'{y!a}' Rf'{z}' fR'{w}'\n",
    "f'{f'{f'{1}'}'}'\n",
    "f'{x:\n}'\n",
    "f'a\\{b}c'\n",
    // Errors the tokenize module reports.
    "x = 'abc\n",
    "x = 'abc\\'\n",
    "x = '''abc\n\n",
    "x = (1,\n",
    "x = (\n\\",
    "x = \\ y\n",
    "x = 1 \\",
    "if x:\n    y\n  z\n",
    "if x:\n\ty\n        z\n",
    "x = 'a' \x01\n",
    "x = 1\n y\x00 = 2\n",
    "f'{'\n",
    "f'abc\n",
    "f'''abc\n",
    "f'{x'\n",
    "f'}'\n",
    "f'{x:{{'\n",
    "f'{{{{{{{{{'\n",
    "f'{1:{2:{3:{4}}}}}'\n",
    // Decoding as `tokenize.detect_encoding` does.
    "\u{feff}x = 1\n",
    "# -*- coding: latin-1 -*-\nx = 'é'\n",
    "# coding: utf8\nx = 1\n",
    "#!/usr/bin/env python\n# vim: set fileencoding=ascii :\nx = 1\n",
    "# coding: uft-8\n",
    "\u{feff}# coding: latin-1\n",
];

/// Sources whose strict lexing error must be what `compile()` reports.
const COMPILE_ERRORS: &[&str] = &[
    "x = 1abc\n",
    "x = 0x\n",
    "x = 0xg\n",
    "x = 0o8\n",
    "x = 0o\n",
    "x = 0b2\n",
    "x = 0b12\n",
    "x = 0123\n",
    "x = 1_\n",
    "x = 1__0\n",
    "x = 1e\n",
    "x = 1e+\n",
    "x = 1.5j_\n",
    "x = €\n",
    "x€ = 1\n",
    "x = a\u{200b}b\n",
    "x = 1)\n",
    "x = [1)\n",
    "x = [1,\n2)\n",
    "x = (1,\n",
    "foo(\n  [1,\n",
    "x = 'abc\n",
    "x = '''abc\n\n",
    "if x:\n    y\n  z\n",
    "if x:\n\ty\n        z\n",
    "x = \\ y\n",
    "x = 'a' \x01\n",
    "f'{'\n",
    "f'abc\n",
    "f'''abc\n",
    "f'}'\n",
    "f'{)}'\n",
    "f'{x!r:{{'\n",
    "f'{1:{2:{3:{4}}}}}'\n",
    "f\"{'''\n'''}\" f'{\n",
];

fn write_cases(sources: &[&str]) -> (common::Scratch, Vec<PathBuf>) {
    let dir = common::Scratch::new("tokenize_cases");
    let paths = sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let path = dir.path().join(format!("case{i:03}.py"));
            std::fs::write(&path, source.as_bytes()).expect("writing a case");
            path
        })
        .collect();
    (dir, paths)
}

#[test]
fn listings_and_refusals_match_the_oracle() {
    let (_dir, paths) = write_cases(LISTINGS);
    let expected = oracle_tokenize(&paths, false);
    let mut failures = Vec::new();
    for ((source, path), expected) in LISTINGS.iter().zip(&paths).zip(&expected) {
        let name = path.display().to_string();
        let mut actual = molt_tokenize(source.as_bytes(), &name, false);
        actual["path"] = expected["path"].clone();
        if &actual != expected {
            let detail = match (expected["plain"].as_str(), actual["plain"].as_str()) {
                (Some(e), Some(a)) if e != a => first_difference(e, a),
                _ => format!("oracle: {expected}\n  molt:   {actual}"),
            };
            failures.push(format!("{source:?}: {detail}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn strict_errors_match_compile() {
    let input: Vec<String> = COMPILE_ERRORS
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    let expected = run_driver(oracle(), "compile_errors.py", &[], &input);
    let mut failures = Vec::new();
    for (source, expected) in COMPILE_ERRORS.iter().zip(&expected) {
        assert!(
            expected.get("ok").is_none(),
            "{source:?} compiles; not a useful case"
        );
        let actual = match lex(source, Mode::Compile).error {
            Some(e) => serde_json::json!({
                "type": e.kind.name(), "msg": e.message, "lineno": e.line, "offset": e.offset,
            }),
            None => serde_json::json!({"ok": true}),
        };
        if &actual != expected {
            failures.push(format!(
                "{source:?}:\n  oracle: {expected}\n  molt:   {actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Python 3.14 reads `t'...'` as a template string (PEP 750), tokenized
/// exactly as an f-string with TSTRING_* names. The oracle (3.13) has no
/// t-strings, so the expected listing is the oracle's listing of the same
/// source with `f` for `t`, renamed.
const T_STRINGS: &[(&str, &str)] = &[
    ("t'a{b}c'\n", "f'a{b}c'\n"),
    ("t\"{x!r:>{w}}\"\n", "f\"{x!r:>{w}}\"\n"),
    ("rt'{x}\\{{' Tr'{y}'\n", "rf'{x}\\{{' Fr'{y}'\n"),
    ("T'''{\nx\n}'''\n", "F'''{\nx\n}'''\n"),
    ("t'{t'{1}'}' + t'{x=}'\n", "f'{f'{1}'}' + f'{x=}'\n"),
];

#[test]
fn t_strings_tokenize_as_f_strings_do() {
    let fsources: Vec<&str> = T_STRINGS.iter().map(|(_, f)| *f).collect();
    let (_dir, paths) = write_cases(&fsources);
    let expected = oracle_tokenize(&paths, false);
    for (((tsource, _), path), expected) in T_STRINGS.iter().zip(&paths).zip(&expected) {
        let listing = expected["plain"]
            .as_str()
            .expect("the oracle tokenizes the f-string form");
        let renamed: String = listing
            .lines()
            .map(|line| {
                let line = line.replace("FSTRING_", "TSTRING_");
                if line.contains("TSTRING_START") {
                    line.replace('f', "t").replace('F', "T")
                } else {
                    line
                }
            })
            .map(|line| line + "\n")
            .collect();
        let actual = molt_tokenize(tsource.as_bytes(), &path.display().to_string(), false);
        let actual = actual["plain"]
            .as_str()
            .unwrap_or_else(|| panic!("{tsource:?}: {actual}"));
        assert_eq!(
            actual,
            renamed,
            "{tsource:?}: {}",
            first_difference(&renamed, actual)
        );
    }
}

/// Python 3.14 rejects string prefixes that cannot go together (3.13
/// tokenized `ub''` as a name and a string); the message names the pair,
/// and t-string errors say "t-string" (3.14 documentation, `Parser/lexer`).
#[test]
fn python_314_prefix_and_t_string_errors() {
    for (source, message, offset) in [
        ("x = ub'a'\n", "'u' and 'b' prefixes are incompatible", 5),
        ("x = bf'a'\n", "'b' and 'f' prefixes are incompatible", 5),
        ("x = ft'a'\n", "'f' and 't' prefixes are incompatible", 5),
        ("x = tb'a'\n", "'b' and 't' prefixes are incompatible", 5),
        ("x = Rt'{'\n", "t-string: expecting '}'", 9),
        (
            "x = t'abc\n",
            "unterminated t-string literal (detected at line 1)",
            5,
        ),
    ] {
        for mode in [Mode::Tokenize, Mode::Compile] {
            let error = lex(source, mode)
                .error
                .unwrap_or_else(|| panic!("{source:?} lexes"));
            assert_eq!(
                (error.message.as_str(), error.line, error.offset),
                (message, 1, offset),
                "{source:?}"
            );
        }
    }
}
