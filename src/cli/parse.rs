//! `molt parse`: parse files and directories, report what does not parse.

use super::{Outcome, input};
use crate::diagnostics::Failure;
use molt_syntax::parse;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Parse Python files (every `*.py` below a directory), print a diagnostic
/// for each file that does not parse, and a summary line.
///
/// Directories are walked as ripgrep walks them: hidden files and what
/// `.gitignore` ignores are skipped. Exit status 0 only when every file
/// parsed (and, with --roundtrip, printed back unchanged).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and directories; `-` reads stdin.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Also check that each tree prints back its file byte for byte, and
    /// list the files where it does not.
    #[arg(long)]
    roundtrip: bool,
}

/// What became of one file.
enum Verdict {
    Parsed,
    /// The reprinted bytes differ from the file.
    Changed(String),
    Failed(Failure),
}

pub fn run(args: &Args) -> Outcome {
    let files = match discover(&args.paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("molt: error: {message}");
            return Outcome::Error;
        }
    };
    let verdicts: Vec<Verdict> = files
        .par_iter()
        .map(|file| check(file, args.roundtrip))
        .collect();
    let (mut errors, mut changed) = (0, 0);
    for verdict in verdicts {
        match verdict {
            Verdict::Parsed => {}
            Verdict::Changed(name) => {
                changed += 1;
                println!("{name}: does not round-trip");
            }
            Verdict::Failed(failure) => {
                errors += 1;
                failure.emit();
            }
        }
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut summary = format!(
        "{}, {}",
        plural(files.len(), "file"),
        plural(errors, "error")
    );
    if args.roundtrip {
        summary.push_str(&format!(", {} not round-tripped", changed));
    }
    println!("{summary}");
    if errors > 0 || changed > 0 {
        Outcome::Error
    } else {
        Outcome::Ok
    }
}

/// Every file to parse, in a stable order.
pub(crate) fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path == Path::new("-") || !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).build() {
            let entry = entry.map_err(|e| e.to_string())?;
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            if is_file && entry.path().extension().is_some_and(|e| e == "py") {
                found.push(entry.into_path());
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn check(file: &Path, roundtrip: bool) -> Verdict {
    let input = match input::read(file) {
        Ok(input) => input,
        Err(message) => return Verdict::Failed(Failure::Message(message)),
    };
    let source = match input::decode(&input) {
        Ok(source) => source,
        Err(failure) => return Verdict::Failed(failure),
    };
    let parsed = parse(source.text());
    if let Some(e) = parsed.error {
        return Verdict::Failed(input::parse_failure(&input.name, source.text(), e));
    }
    if roundtrip && source.encode(parsed.tree.root().text()).as_deref() != Ok(&input.bytes[..]) {
        return Verdict::Changed(input.name);
    }
    Verdict::Parsed
}
