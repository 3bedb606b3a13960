//! The compiler's stages one at a time over the oracle's standard library
//! and test suite, on one core: `cargo bench --bench compile`. Each stage
//! starts from the previous stage's output, made once before timing, so
//! the figures say where `molt compile`'s time goes (parsing alone is
//! `--bench parse`).

mod common;

use common::corpus;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use molt_ast::Mod;
use molt_ast::lower::lower;
use molt_compile::symtable::SymbolTable;
use molt_syntax::{Input, parse};

/// The binary's allocator: the compiler's figures depend on it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let trees: Vec<_> = texts
        .iter()
        .map(|t| parse(t))
        .filter(|p| p.error.is_none())
        .map(|p| p.tree)
        .collect();
    let modules: Vec<Mod> = trees
        .iter()
        .filter_map(|t| lower(t, Input::Exec).ok())
        .collect();
    let bytes: usize = trees.iter().map(|t| t.text().len()).sum();
    eprintln!(
        "corpus: {} files parse, {} lower, {:.1} MB",
        trees.len(),
        modules.len(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("stdlib");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("lower", |b| {
        b.iter(|| {
            trees
                .iter()
                .filter(|t| lower(t, Input::Exec).is_ok())
                .count()
        })
    });
    group.bench_function("symtable", |b| {
        b.iter(|| {
            modules
                .iter()
                .filter(|m| SymbolTable::build(m, "<bench>").is_ok())
                .count()
        })
    });
    // Symbol table, folding, code generation, flow graph and assembly.
    group.bench_function("compile_from_ast", |b| {
        b.iter(|| {
            modules
                .iter()
                .filter(|m| molt_compile::compile_module(m, "<bench>").is_ok())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
