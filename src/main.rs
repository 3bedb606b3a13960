//! The `molt` binary.

fn main() -> std::process::ExitCode {
    pymolt::cli::run()
}
