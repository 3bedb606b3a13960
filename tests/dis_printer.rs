//! molt's `dis` printer, line table and exception table against the
//! oracle's, independent of molt's code generator: the oracle compiles
//! every file of its standard library and test suite
//! (`tests/oracle/code_objects.py`), molt rebuilds each code object tree
//! from the JSON and must print exactly what `dis.dis(code)` printed
//! (addresses aside). For every code object, molt's decoders must read
//! `co_positions()` and `co_lines()` as CPython does, and its encoders must
//! write back CPython's `co_linetable` and `co_exceptiontable` byte for
//! byte from the decoded entries.
//!
//! The same trees then check molt's compiler beyond what `dis` shows: each
//! file compiled by molt must give the oracle's code objects field by
//! field, `co_stacksize`, `co_flags`, `co_linetable` (columns included)
//! and `co_qualname` among them.

mod common;

use common::code_objects::{Answer, Digest, code_difference, code_object};
use molt_compile::code::CodeObject;
use molt_compile::constant::Constant;
use molt_compile::dis::dis;
use molt_compile::exception_table::encode_exception_table;
use molt_compile::linetable::{NO_LOCATION, decode_linetable, encode_linetable};
use molt_oracle::{local_python3, oracle, stdlib_files};
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

fn digest(text: &str) -> Digest {
    (crc32fast::hash(text.as_bytes()), text.len())
}

fn opt(x: Option<i32>) -> String {
    x.map_or("N".into(), |x| x.to_string())
}

/// Every code object of a tree, outermost first (the order the digests
/// were collected in).
fn walk<'a>(code: &'a CodeObject, out: &mut Vec<&'a CodeObject>) {
    out.push(code);
    fn consts<'a>(c: &'a Constant, out: &mut Vec<&'a CodeObject>) {
        match c {
            Constant::Code(code) => walk(code, out),
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                items.iter().for_each(|c| consts(c, out))
            }
            _ => {}
        }
    }
    code.consts.iter().for_each(|c| consts(c, out));
}

/// What is wrong with molt's reading or writing of one code object's
/// tables, if anything.
fn check_tables(code: &CodeObject, (positions, lines): (Digest, Digest)) -> Option<String> {
    let entries = decode_linetable(&code.linetable, code.firstlineno);
    let units = entries.iter().map(|e| e.units).sum::<u32>() as usize;
    if units * 2 != code.code.len() {
        return Some(format!(
            "{}: the line table covers {units} code units",
            code.name
        ));
    }
    let again = encode_linetable(
        code.firstlineno,
        entries
            .iter()
            .map(|e| (e.location.unwrap_or(NO_LOCATION), e.units)),
    );
    if again != code.linetable {
        return Some(format!(
            "{}: the line table is written differently",
            code.name
        ));
    }
    if encode_exception_table(&code.exception_entries()) != code.exceptiontable {
        return Some(format!(
            "{}: the exception table is written differently",
            code.name
        ));
    }
    let text: Vec<String> = code
        .positions()
        .iter()
        .map(|p| match p {
            None => "N N N N".into(),
            Some(l) => {
                let part = |x: i32| opt((x >= 0).then_some(x));
                format!(
                    "{} {} {} {}",
                    l.lineno,
                    part(l.end_lineno),
                    part(l.col_offset),
                    part(l.end_col_offset)
                )
            }
        })
        .collect();
    if digest(&text.join(";")) != positions {
        return Some(format!("{}: co_positions() differs", code.name));
    }
    let text: Vec<String> = code
        .lines()
        .iter()
        .map(|(start, end, line)| format!("{start} {end} {}", opt(*line)))
        .collect();
    if digest(&text.join(";")) != lines {
        return Some(format!("{}: co_lines() differs", code.name));
    }
    None
}

#[test]
fn oracle_stdlib_disassembles_as_the_oracle_does() {
    on_a_big_stack(stdlib_files(&oracle().stdlib()), "3.13 stdlib");
}

#[test]
fn local_stdlib_compiled_by_the_oracle_disassembles_as_the_oracle_does() {
    on_a_big_stack(stdlib_files(&local_python3().stdlib()), "3.11 stdlib");
}

#[test]
fn pypi_corpus_disassembles_as_the_oracle_does() {
    on_a_big_stack(stdlib_files(&common::pypi_site_packages()), "PyPI corpus");
}

/// molt's compiler recurses as deeply as the code nests.
fn on_a_big_stack(files: Vec<std::path::PathBuf>, label: &'static str) {
    std::thread::Builder::new()
        .stack_size(pymolt::cli::STACK_SIZE)
        .spawn(move || printer_and_compiler_against_the_oracle(&files, label))
        .expect("spawning")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

fn printer_and_compiler_against_the_oracle(files: &[std::path::PathBuf], label: &str) {
    let input: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    let mut child = oracle()
        .command()
        .arg(common::driver("code_objects.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("running the oracle");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));

    let (mut same, mut codes, mut refused, mut wrong) = (0, 0, 0, Vec::new());
    let (mut compiled_same, mut compiled_wrong) = (0, Vec::new());
    let mut lines = stdout.lines();
    for path in files {
        let line = lines
            .next()
            .expect("an answer per file")
            .expect("driver output");
        let answer: Answer = serde_json::from_str(&line).expect("driver JSON");
        let name = path.display();
        let (Some(json), Some(want)) = (answer.code, answer.dis) else {
            assert!(answer.error.is_some(), "{name}: no answer");
            refused += 1;
            continue;
        };
        let mut digests = Vec::new();
        let code = code_object(json, &mut digests);
        let mut all = Vec::new();
        walk(&code, &mut all);
        assert_eq!(
            all.len(),
            digests.len(),
            "{name}: the tree is walked in order"
        );
        codes += all.len();
        if let Some(why) = all
            .iter()
            .zip(digests)
            .find_map(|(code, digests)| check_tables(code, digests))
        {
            wrong.push(format!("{name}: {why}"));
        } else if digest(&dis(&code)) != want {
            wrong.push(format!("{name}: the listing differs"));
        } else {
            same += 1;
        }
        let bytes = std::fs::read(path).expect("reading");
        let source = molt_syntax::Source::decode(&bytes).expect("the oracle decoded it");
        match pymolt::codemod::compile::compile_source(source.text(), &name.to_string()) {
            Ok(molt) => match code_difference(&molt, &code) {
                Some(why) => compiled_wrong.push(format!("{name}: {why}")),
                None => compiled_same += 1,
            },
            Err(e) => compiled_wrong.push(format!("{name}: molt refused it: {e}")),
        }
    }
    writer
        .join()
        .expect("writer thread")
        .expect("writing to the driver");
    assert!(
        child.wait().expect("the driver").success(),
        "the driver failed"
    );
    eprintln!(
        "{label}: {same} files ({codes} code objects) disassemble as the oracle's, {} differ, {refused} refused by the oracle",
        wrong.len()
    );
    eprintln!(
        "{label}: {compiled_same} files compile with molt to the oracle's code objects, {} differ",
        compiled_wrong.len()
    );
    for w in compiled_wrong.iter().take(30) {
        eprintln!("  {w}");
    }
    assert!(
        same + wrong.len() >= files.len() * 9 / 10,
        "only {} of {} files compared",
        same + wrong.len(),
        files.len()
    );
    assert!(
        compiled_wrong.is_empty(),
        "{} files compile to code objects other than the oracle's:\n{}",
        compiled_wrong.len(),
        compiled_wrong.join("\n")
    );
    assert!(
        wrong.is_empty(),
        "{} files differ (compare `python3.13 -m dis FILE`):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The generated stack effects are CPython's: `dis.stack_effect` for every
/// instruction, argument and branch (the generator checked its formulas
/// too; this checks the Rust that came out).
#[test]
fn stack_effects_are_the_oracles() {
    let script = "import dis, json, opcode\n\
        out = {}\n\
        for name, op in opcode.opmap.items():\n\
        \x20   args = range(300) if op in opcode.hasarg else [None]\n\
        \x20   row = []\n\
        \x20   for arg in args:\n\
        \x20       for jump in (False, True):\n\
        \x20           try:\n\
        \x20               row.append(dis.stack_effect(op, arg, jump=jump))\n\
        \x20           except ValueError:\n\
        \x20               row.append(None)\n\
        \x20   out[name] = row\n\
        print(json.dumps(out))";
    let output = oracle()
        .command()
        .args(["-c", script])
        .output()
        .expect("running the oracle");
    assert!(output.status.success(), "the oracle failed");
    let effects: std::collections::HashMap<String, Vec<Option<i32>>> =
        serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(effects.len(), molt_compile::opcode::ALL_OPCODES.len());
    for op in molt_compile::opcode::ALL_OPCODES {
        let want = &effects[op.name()];
        let args = if op.has_arg() { 0..300 } else { 0..1 };
        let got: Vec<Option<i32>> = args
            .flat_map(|arg| [false, true].map(|jump| op.stack_effect(arg, jump)))
            .collect();
        assert_eq!(&got, want, "{}", op.name());
    }
}
