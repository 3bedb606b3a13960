//! `molt tokenize`: the token stream, printed as `python -m tokenize` prints it.

use super::{Outcome, input};
use crate::diagnostics::{Failure, SourceError};
use molt_syntax::python_tokenize::{Listing, TokenizeError, format};
use molt_syntax::{Mode, Source, lex};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Print the tokens of a Python file, exactly as `python -m tokenize` does.
///
/// Each line shows a token's start and end (`line,column`, columns in
/// characters), its type and the repr of its text. The stream is Python
/// 3.14's: PEP 701 f-strings (FSTRING_START/MIDDLE/END) and PEP 750
/// t-strings (TSTRING_*).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python files to read (`-` for stdin); their listings follow
    /// one another.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Name operators by their exact type (LPAR, PLUS, ...) instead of OP.
    #[arg(short, long)]
    exact: bool,
    /// Also reject what CPython's compiler rejects at this stage (`1abc`,
    /// `0123`, `€` in a name, unmatched brackets), as `compile()` would.
    #[arg(long)]
    strict: bool,
}

/// Files are listed in parallel, a batch at a time, and printed in order.
const BATCH: usize = 64;

pub fn run(args: &Args) -> Outcome {
    let compute = |batch: &[PathBuf]| -> Vec<Result<String, Failure>> {
        batch.par_iter().map(|file| listing(file, args)).collect()
    };
    let stdout = std::io::stdout();
    let mut outcome = Outcome::Ok;
    let mut batches = args.files.chunks(BATCH);
    let mut ready = batches.next().map(compute).unwrap_or_default();
    loop {
        // Print one batch while the next one is computed.
        let next = batches.next();
        let (printed, computed) = rayon::join(|| print(&stdout, ready), || next.map(compute));
        match printed {
            Ok(true) => {}
            Ok(false) => outcome = Outcome::Error,
            Err(()) => return Outcome::Error,
        }
        match computed {
            Some(results) => ready = results,
            None => break,
        }
    }
    let _ = stdout.lock().flush();
    outcome
}

/// Print listings and failures in order; `Ok(false)` if there were
/// failures, `Err` if stdout broke.
fn print(stdout: &std::io::Stdout, results: Vec<Result<String, Failure>>) -> Result<bool, ()> {
    let mut stdout = stdout.lock();
    let mut all_ok = true;
    for result in results {
        match result {
            Ok(text) => match stdout.write_all(text.as_bytes()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Err(()),
                Err(e) => {
                    eprintln!("molt: error: writing the tokens: {e}");
                    return Err(());
                }
            },
            Err(failure) => {
                let _ = stdout.flush();
                failure.emit();
                all_ok = false;
            }
        }
    }
    Ok(all_ok)
}

/// The listing of one file.
fn listing(file: &Path, args: &Args) -> Result<String, Failure> {
    let input = input::read(file).map_err(Failure::Message)?;
    listing_of(&input, args.exact, args.strict)
}

/// What `molt tokenize [-e] [--strict]` prints for a file's bytes (read
/// as `python -m tokenize` reads stdin when they came from stdin).
pub(crate) fn listing_of(
    input: &input::Input,
    exact: bool,
    strict: bool,
) -> Result<String, Failure> {
    let listing = if input.is_stdin {
        let text = std::str::from_utf8(&input.bytes).map_err(|e| {
            let at = e.valid_up_to();
            let message = format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {at}",
                input.bytes[at]
            );
            let shown = String::from_utf8_lossy(&input.bytes);
            SourceError::new("SyntaxError", message, &input.name, &shown, at..at + 1)
        })?;
        let listing = Listing::from_stdin_text(text);
        if strict {
            strict_check(Source::from_text(text), &input.name)?;
        }
        listing
    } else {
        // The compiler decodes files by its own rules: check those first.
        if strict {
            strict_check(input::decode(input)?, &input.name)?;
        }
        Listing::from_bytes(&input.bytes, &input.name).map_err(|e| {
            let body = input
                .bytes
                .strip_prefix(molt_syntax::source::BOM)
                .unwrap_or(&input.bytes);
            tokenize_error(e, &input.name, &String::from_utf8_lossy(body))
        })?
    };
    let tokens = listing
        .tokens()
        .map_err(|e| tokenize_error(e, &input.name, &listing.text))?;
    let mut out = String::new();
    format(&mut out, listing.encoding.as_deref(), &tokens, exact);
    Ok(out)
}

/// The compiler's view: lex strictly.
fn strict_check(source: Source, name: &str) -> Result<(), Failure> {
    match lex(source.text(), Mode::Compile).error {
        None => Ok(()),
        Some(e) => Err(SourceError::new(
            e.kind.name(),
            e.message,
            name,
            source.text(),
            e.range.as_usize(),
        )
        .into()),
    }
}

fn tokenize_error(e: TokenizeError, name: &str, text: &str) -> Failure {
    let error = SourceError::new(e.kind.name(), e.message, name, text, e.range.as_usize());
    match e.location {
        Some((line, col)) => error.with_help(format!(
            "python -m tokenize reports this at {name}:{line}:{col}"
        )),
        None => error,
    }
    .into()
}
