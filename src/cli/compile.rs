//! `molt compile`: compile files and directories as CPython's `compile()`
//! does, and report every file it would refuse.

use super::{Outcome, input};
use crate::codemod::compile::compile_source;
use crate::codemod::discover::{Filter, discover};
use crate::diagnostics::Failure;
use molt_compile::timings::{self, Stage, Timing, timed};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Compile Python files (every `*.py` below a directory) as CPython 3.13's
/// `compile()` does, and report each file it would refuse.
///
/// Each refused file gets CPython's message (SyntaxError,
/// IndentationError, ...) at CPython's line and column, with a caret,
/// as `compile(source, path, "exec")` raises it. Parse errors, AST
/// errors, symbol table errors (`nonlocal` at module level, ...) and code
/// generator errors (`'return' outside function`, ...) all count; as
/// CPython stops at a file's first error, so does molt.
///
/// Directories are walked in parallel as `molt check` walks them (hidden
/// files and what `.gitignore` ignores are skipped). A summary line
/// `N files, N errors` ends the report on stderr (a path that cannot be
/// read counts as a file with an error). Nothing is written.
/// Exit status 0 when every file compiled, 2 otherwise (and for unreadable
/// files or undecodable bytes).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and directories; `-` reads stdin.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Also print where the time went on stderr: the time of each stage
    /// and of each flow-graph pass, summed over threads and files.
    #[arg(long)]
    timings: bool,
}

pub fn run(args: &Args) -> Outcome {
    let stdin = Path::new("-");
    let roots: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_path() != stdin)
        .cloned()
        .collect();
    let filter = Filter::new(&[], &[]).expect("the default globs are valid");
    let (mut files, problems) = if roots.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        discover(&roots, &filter)
    };
    if roots.len() < args.paths.len() {
        files.insert(0, stdin.to_path_buf());
    }
    if args.timings {
        timings::enable();
    }
    let failures: Vec<Option<Failure>> = files
        .par_iter()
        .map(|file| compile_file(file).err())
        .collect();
    // A path that cannot be read counts as a file, with its error.
    let total = files.len() + problems.len();
    let mut errors = problems.len();
    for problem in problems {
        eprintln!("molt: error: {problem}");
    }
    for failure in failures.into_iter().flatten() {
        errors += 1;
        failure.emit();
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if args.timings {
        eprint!("{}", timings_table(&timings::report()));
    }
    eprintln!("{}, {}", plural(total, "file"), plural(errors, "error"));
    if errors == 0 {
        Outcome::Ok
    } else {
        Outcome::Error
    }
}

/// Read, decode and compile one file (`-`: stdin); its first error as a
/// diagnostic.
pub(crate) fn compile_file(path: &Path) -> Result<molt_compile::code::CodeObject, Failure> {
    let (file, source) = timed(Stage::Read, || {
        let file = input::read(path).map_err(Failure::Message)?;
        let source = input::decode(&file)?;
        Ok::<_, Failure>((file, source))
    })?;
    let text = source.text();
    compile_source(text, &file.name).map_err(|e| input::compile_failure(&file.name, text, e))
}

/// The `--timings` table: each stage's time and share, the flow graph's
/// passes indented under code generation, and the total.
fn timings_table(report: &[Timing]) -> String {
    let total: f64 = report.iter().map(|t| t.time.as_secs_f64()).sum();
    let mut out = String::from(
        "where the time went (each stage's time summed over threads and files; timing adds about 6% to the run):\n",
    );
    for t in report {
        let ms = t.time.as_secs_f64() * 1e3;
        let share = 100.0 * t.time.as_secs_f64() / total.max(f64::MIN_POSITIVE);
        let indent = if t.pass { "    " } else { "  " };
        let name = format!("{indent}{}", t.name);
        out += &format!("{name:<32}{ms:>10.1} ms {share:>5.1}%\n");
    }
    out += &format!("{:<32}{:>10.1} ms\n", "  total", total * 1e3);
    out
}
