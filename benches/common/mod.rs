//! What the benchmarks share: the corpus they run over.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput};
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

/// The group every benchmark reports in: the whole corpus is one sample,
/// ten samples, throughput in `bytes` of source. `what` says what the
/// corpus holds, on stderr.
pub fn stdlib_group<'a>(
    c: &'a mut Criterion,
    files: usize,
    bytes: usize,
    what: &str,
) -> BenchmarkGroup<'a, WallTime> {
    eprintln!(
        "corpus: {files} files, {:.1} MB, {what}",
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("stdlib");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group
}
