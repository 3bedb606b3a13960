//! The `molt` binary.

/// molt allocates many small short-lived objects (tokens, tree nodes,
/// instructions): mimalloc serves them much faster than the system's
/// allocator. Its v2 series (see Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pymolt::cli::run()
}
