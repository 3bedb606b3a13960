//! Replays the fuzz targets' corpora and every saved crash input (see
//! `fuzz/`): what once broke the tokenizer, the parser, the AST or the
//! compiler stays fixed.

use std::path::Path;

/// A fuzz target: its name, the corpora it runs (its own first: the
/// compile target starts from the AST target's), and its body.
type Target = (&'static str, &'static [&'static str], fn(&[u8]));

#[test]
fn fuzz_corpus_and_regressions_replay_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let targets: [Target; 4] = [
        ("tokenize", &["tokenize"], molt_syntax::fuzz_check),
        ("parse", &["parse"], molt_syntax::fuzz_parse),
        ("ast", &["ast"], molt_ast::fuzz_lower),
        ("compile", &["compile", "ast"], molt_compile::fuzz_compile),
    ];
    for (target, corpora, check) in targets {
        let mut count = 0;
        let dirs = corpora
            .iter()
            .map(|c| root.join("corpus").join(c))
            .chain([root.join("regressions").join(target)]);
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("a directory entry").path();
                let data = std::fs::read(&path).expect("reading a fuzz input");
                // Deeply nested inputs need the stack the CLI gives its threads.
                std::thread::Builder::new()
                    .stack_size(pymolt::cli::STACK_SIZE)
                    .spawn(move || check(&data))
                    .expect("spawning")
                    .join()
                    .unwrap_or_else(|_| panic!("{} fails the {target} target", path.display()));
                count += 1;
            }
        }
        assert!(
            count >= 8,
            "only {count} {target} inputs under {}",
            root.display()
        );
    }
}
