//! `cargo xtask codegen [--check]`: regenerate (or check) the generated files.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => xtask::codegen(xtask::Mode::Write),
        ["codegen", "--check"] => xtask::codegen(xtask::Mode::Check),
        _ => Err("usage: cargo xtask codegen [--check]".to_string()),
    };
    if let Err(e) = result {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}
