//! Tokenizer throughput over the oracle's standard library and test suite:
//! `cargo bench --bench tokenize`. Reports MB/s for the lexer alone and for
//! the full `python -m tokenize` listing, and tokens/s for the lexer.

mod common;

use common::{corpus, stdlib_group};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use molt_syntax::python_tokenize::{Listing, format};
use molt_syntax::{Mode, lex};

fn lex_all(texts: &[String]) -> usize {
    texts
        .iter()
        .map(|text| lex(text, Mode::Tokenize).tokens.len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let tokens: usize = texts
        .iter()
        .map(|text| {
            lex(text, Mode::Tokenize)
                .tokens
                .iter()
                .filter(|(t, _)| t.kind.cpython_number().is_some())
                .count()
        })
        .sum();
    let mut group = stdlib_group(c, texts.len(), bytes, &format!("{tokens} CPython tokens"));
    group.bench_function("lex", |b| b.iter(|| lex_all(&texts)));
    group.bench_function("listing", |b| {
        b.iter(|| {
            let mut out = String::new();
            for text in &texts {
                let listing = Listing::from_stdin_text(text);
                if let Ok(tokens) = listing.tokens() {
                    out.clear();
                    format(&mut out, None, &tokens, false);
                }
            }
            out.len()
        })
    });
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("lex_tokens", |b| b.iter(|| lex_all(&texts)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
