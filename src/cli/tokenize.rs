//! `molt tokenize`: the token stream, printed as `python -m tokenize` prints it.

use super::{Outcome, input};
use crate::diagnostics::{SourceError, emit};
use molt_syntax::python_tokenize::{Listing, TokenizeError, format};
use molt_syntax::{Mode, Source, lex};
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

pub fn run(args: &Args) -> Outcome {
    let mut stdout = std::io::stdout().lock();
    let mut out = String::new();
    let mut outcome = Outcome::Ok;
    for file in &args.files {
        out.clear();
        if !listing(file, args, &mut out) {
            outcome = Outcome::Error;
        }
        match stdout.write_all(out.as_bytes()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return outcome,
            Err(e) => {
                eprintln!("molt: error: writing the tokens: {e}");
                return Outcome::Error;
            }
        }
    }
    let _ = stdout.flush();
    outcome
}

/// Append the listing of one file to `out`; on an error, print a
/// diagnostic and return false.
fn listing(file: &Path, args: &Args, out: &mut String) -> bool {
    let input = match input::read(file) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("molt: error: {message}");
            return false;
        }
    };
    // The compiler decodes files by its own rules: check those first.
    if args.strict && !input.is_stdin && !strict_check(&input.bytes, &input.name, None) {
        return false;
    }
    let listing = if input.is_stdin {
        match std::str::from_utf8(&input.bytes) {
            Ok(text) => Listing::from_stdin_text(text),
            Err(e) => {
                let at = e.valid_up_to();
                let text = String::from_utf8_lossy(&input.bytes);
                emit(SourceError::new(
                    "SyntaxError",
                    format!(
                        "'utf-8' codec can't decode byte 0x{:02x} in position {at}",
                        input.bytes[at]
                    ),
                    &input.name,
                    &text,
                    at..at + 1,
                ));
                return false;
            }
        }
    } else {
        match Listing::from_bytes(&input.bytes, &input.name) {
            Ok(listing) => listing,
            Err(e) => {
                let text = String::from_utf8_lossy(
                    input
                        .bytes
                        .strip_prefix(molt_syntax::source::BOM)
                        .unwrap_or(&input.bytes),
                );
                emit(tokenize_error(e, &input.name, &text));
                return false;
            }
        }
    };
    if args.strict
        && input.is_stdin
        && !strict_check(&input.bytes, &input.name, Some(&listing.text))
    {
        return false;
    }
    let tokens = match listing.tokens() {
        Ok(tokens) => tokens,
        Err(e) => {
            emit(tokenize_error(e, &input.name, &listing.text));
            return false;
        }
    };
    format(out, listing.encoding.as_deref(), &tokens, args.exact);
    true
}

/// The compiler's view: decode as `compile()` does and lex strictly.
fn strict_check(bytes: &[u8], name: &str, stdin_text: Option<&String>) -> bool {
    let source = match stdin_text {
        Some(text) => Source::from_text(text.clone()),
        None => match Source::decode(bytes) {
            Ok(source) => source,
            Err(e) => {
                let text = String::from_utf8_lossy(bytes);
                emit(SourceError::new(
                    "SyntaxError",
                    e.message(name),
                    name,
                    &text,
                    e.range(),
                ));
                return false;
            }
        },
    };
    match lex(source.text(), Mode::Compile).error {
        None => true,
        Some(e) => {
            emit(SourceError::new(
                e.kind.name(),
                e.message,
                name,
                source.text(),
                e.range.as_usize(),
            ));
            false
        }
    }
}

fn tokenize_error(e: TokenizeError, name: &str, text: &str) -> SourceError {
    let error = SourceError::new(e.kind.name(), e.message, name, text, e.range.as_usize());
    match e.location {
        Some((line, col)) => error.with_help(format!(
            "python -m tokenize reports this at {name}:{line}:{col}"
        )),
        None => error,
    }
}
