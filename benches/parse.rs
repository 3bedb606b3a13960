//! Parse and print back the oracle's standard library and test suite:
//! `cargo bench --bench parse`. Reports MB/s for parse + print on one core.

mod common;

use common::{corpus, stdlib_group};
use criterion::{Criterion, criterion_group, criterion_main};
use molt_syntax::parse;

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let nodes: usize = texts.iter().map(|t| parse(t).tree.node_count()).sum();
    let mut group = stdlib_group(c, texts.len(), bytes, &format!("{nodes} nodes"));
    group.bench_function("parse_and_print", |b| {
        b.iter(|| {
            let mut printed = 0;
            for text in &texts {
                let parsed = parse(text);
                printed += parsed.tree.root().text().len();
            }
            assert_eq!(printed, bytes);
            printed
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
