//! Print the CST of a file: `cargo run -p molt_syntax --example cst -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8");
    let parse = molt_syntax::parse(&text);
    print!("{}", parse.tree.dump(false));
    if let Some(e) = parse.error {
        eprintln!("{}:{}:{}: {}", path, e.line, e.offset, e.message);
    }
    assert_eq!(parse.tree.root().text(), text, "round trip");
}
