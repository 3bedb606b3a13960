//! The `molt` command line: one file per subcommand.

mod ast;
mod check;
mod compile;
mod cst;
mod dis;
mod input;
mod parse;
mod rules;
mod symtable;
mod tokenize;
mod trace;
mod unparse;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// molt: modernize Python codebases without losing a byte.
#[derive(Debug, Parser)]
#[command(name = "molt", version, about, long_about = None)]
#[command(after_help = "Exit status: 0 success, 1 findings, 2 errors.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Tokenize(tokenize::Args),
    Parse(parse::Args),
    Cst(cst::Args),
    Ast(ast::Args),
    Unparse(unparse::Args),
    Symtable(symtable::Args),
    Dis(dis::Args),
    Compile(compile::Args),
    Trace(trace::Args),
    /// Report what the rules match; `--diff` shows the fixes.
    Check(check::Args),
    /// Apply the rules' fixes in place.
    Fix(check::Args),
    /// Test or list rules.
    Rules(rules::Args),
}

/// Stack for the threads that parse (virtual memory; used only by deeply
/// nested input).
pub const STACK_SIZE: usize = 256 << 20;

/// What a command found: the exit status it maps to.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went well (exit 0).
    Ok,
    /// The command found something to report or change (exit 1).
    Findings,
    /// Bad input or a failure (exit 2).
    Error,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Ok => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        })
    }
}

/// What `molt dis` prints for a source text (for tests and tools).
pub fn dis_source(name: &str, text: &str) -> Result<String, String> {
    dis::compile(name, text)
        .map(|code| molt_compile::dis::dis(&code))
        .map_err(|e| format!("{e:?}"))
}

/// Parse the arguments and run the command.
pub fn run() -> ExitCode {
    crate::diagnostics::install_handler();
    // The parser recurses as deeply as CPython's allows (6,000 levels):
    // give the worker threads room for that.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build_global();

    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Every stage recurses as deeply as the code nests: the command runs
    // on a thread with the workers' stack (rayon runs a batch of one file
    // on the calling thread).
    let outcome = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("molt".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || dispatch(cli.command))
            .map(|thread| thread.join())
    });
    match outcome {
        Ok(Ok(outcome)) => outcome.into(),
        Ok(Err(_)) => ExitCode::from(2),
        Err(e) => {
            eprintln!("molt: error: starting the worker thread: {e}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(command: Command) -> Outcome {
    match command {
        Command::Tokenize(args) => tokenize::run(&args),
        Command::Parse(args) => parse::run(&args),
        Command::Cst(args) => cst::run(&args),
        Command::Ast(args) => ast::run(&args),
        Command::Unparse(args) => unparse::run(&args),
        Command::Symtable(args) => symtable::run(&args),
        Command::Dis(args) => dis::run(&args),
        Command::Compile(args) => compile::run(&args),
        Command::Trace(args) => trace::run(&args),
        Command::Check(args) => check::run(&args, check::Mode::Check),
        Command::Fix(args) => check::run(&args, check::Mode::Fix),
        Command::Rules(args) => rules::run(&args),
    }
}

/// Print `text` on stdout; a closed pipe (`molt ast f.py | head`) ends the
/// output quietly.
pub(crate) fn print_out(text: &str) -> Outcome {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Outcome::Ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Ok,
        Err(e) => {
            eprintln!("molt: error: writing the output: {e}");
            Outcome::Error
        }
    }
}
