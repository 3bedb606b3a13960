//! The runnable examples (`cargo run --example ...`), run as users run
//! them and checked against the oracle where it has an answer.

mod common;

use molt_oracle::oracle;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_molt"))
        .with_file_name("examples")
        .join(name)
}

fn run(mut command: Command, stdin: &str) -> String {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("running an example");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writing stdin");
    let out = child.wait_with_output().expect("waiting");
    assert!(out.status.success(), "{command:?} failed");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn python(script: &str) -> String {
    let mut command = oracle().command();
    command.args(["-c", script]);
    run(command, "")
}

/// The seed's AddToMul, done by CPython with `ast.NodeTransformer` and
/// `ast.unparse`, gives what molt's CST transformer gives; and molt keeps
/// comments and spacing that `ast.unparse` would lose.
#[test]
fn add_to_mul_matches_the_seed_and_keeps_everything_else() {
    let seed = python(
        "import ast\n\
         class AddToMul(ast.NodeTransformer):\n\
         \x20   def visit_BinOp(self, node):\n\
         \x20       self.generic_visit(node)\n\
         \x20       if isinstance(node.op, ast.Add): node.op = ast.Mult()\n\
         \x20       return node\n\
         print(ast.unparse(AddToMul().visit(ast.parse('x = 3 + 4 + 5'))))\n",
    );
    assert_eq!(run(Command::new(example("add_to_mul")), ""), seed);
    let source = "x = 3 + 4 + 5  # a sum\r\n\ndef f(a,  b):\n    return a+b  # keep me\n\ns = 'a + b' + t\nx += 1\n";
    let want = "x = 3 * 4 * 5  # a sum\r\n\ndef f(a,  b):\n    return a*b  # keep me\n\ns = 'a + b' * t\nx += 1\n";
    let mut command = Command::new(example("add_to_mul"));
    command.arg("-");
    assert_eq!(run(command, source), want);
}

/// The names the example finds are the names CPython's `tokenize` and
/// `ast` find.
#[test]
fn find_names_agrees_with_tokenize_and_ast() {
    let ours = run(Command::new(example("find_names")), "");
    let theirs = python(
        "import ast, io, keyword, tokenize\n\
         src = 'total = price * quantity\\nif total > limit:\\n    del total\\n'\n\
         toks = [t.string for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.NAME and not keyword.iskeyword(t.string)]\n\
         print('tokens: ' + ' '.join(toks))\n\
         names = [f'{n.id}:{type(n.ctx).__name__}' for n in ast.walk(ast.parse(src)) if isinstance(n, ast.Name)]\n\
         print('ast: ' + ' '.join(sorted(names)))\n",
    );
    let mut lines: Vec<String> = ours.lines().map(str::to_string).collect();
    // ast.walk is breadth-first; compare the AST names as a sorted list.
    let mut names: Vec<&str> = lines[1].trim_start_matches("ast: ").split(' ').collect();
    names.sort();
    lines[1] = format!("ast: {}", names.join(" "));
    assert_eq!(lines.join("\n") + "\n", theirs);
}

#[test]
fn trace_walks_every_stage() {
    let out = run(Command::new(example("trace")), "");
    assert!(out.starts_with("1. tokens: 6"), "{out}");
    assert!(out.contains("2. CST: 7 nodes"), "{out}");
    assert!(
        out.contains("3. AST: 4 statements and expressions"),
        "{out}"
    );
}
