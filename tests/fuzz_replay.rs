//! Replays the fuzz target's corpus and every saved crash input (see
//! `fuzz/`): what once broke the tokenizer stays fixed.

use std::path::Path;

#[test]
fn fuzz_corpus_and_regressions_replay_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["corpus/tokenize", "regressions/tokenize"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("reading a fuzz input");
            molt_syntax::fuzz_check(&data);
            count += 1;
        }
    }
    assert!(
        count >= 8,
        "only {count} fuzz inputs found under {}",
        root.display()
    );
}
