//! The compiler's stages one at a time over the oracle's standard library
//! and test suite, on one core: `cargo bench --bench compile`. Each stage
//! starts from the previous stage's output, made once before timing, so
//! the figures say where `molt compile`'s time goes (parsing alone is
//! `--bench parse`).

mod common;

use common::{corpus, stdlib_group};
use criterion::{Criterion, criterion_group, criterion_main};
use molt_ast::Mod;
use molt_ast::lower::lower;
use molt_compile::symtable::SymbolTable;
use molt_syntax::{Input, parse};

/// The binary's allocator: the compiler's figures depend on it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How many of `items` a stage takes without an error.
fn count_ok<T, R, E>(items: &[T], stage: impl Fn(&T) -> Result<R, E>) -> usize {
    items.iter().filter(|i| stage(i).is_ok()).count()
}

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
    let what = format!("{} of them lower", modules.len());
    let mut group = stdlib_group(c, trees.len(), bytes, &what);
    group.bench_function("lower", |b| {
        b.iter(|| count_ok(&trees, |t| lower(t, Input::Exec)))
    });
    group.bench_function("symtable", |b| {
        b.iter(|| count_ok(&modules, |m| SymbolTable::build(m, "<bench>")))
    });
    // Symbol table, folding, code generation, flow graph and assembly.
    group.bench_function("compile_from_ast", |b| {
        b.iter(|| count_ok(&modules, |m| molt_compile::compile_module(m, "<bench>")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
