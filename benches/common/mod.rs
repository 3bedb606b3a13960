//! What the benchmarks share: the corpus they run over.

use molt_syntax::Source;

/// The decoded text of every file of the oracle's standard library and
/// test suite (the files the compiler can decode).
pub fn corpus() -> Vec<String> {
    let oracle = molt_oracle::oracle();
    molt_oracle::stdlib_files(&oracle.stdlib())
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .filter_map(|bytes| Source::decode(&bytes).ok())
        .map(Source::into_text)
        .collect()
}
