//! The `molt` binary.

/// molt allocates many small short-lived objects (tokens, tree nodes,
/// instructions): mimalloc serves them much faster than the system's
/// allocator. Its v2 series, without transparent huge pages: over the
/// standard library as fast as v3 with huge pages, with a fifth less
/// memory, and big files no longer stall on huge-page faults (1.5x).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pymolt::cli::run()
}
