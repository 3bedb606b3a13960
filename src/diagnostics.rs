//! Diagnostics for people: a message in CPython's words, the file, line and
//! column, and a caret under the place, rendered by miette.

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;

/// An error at a place in a file.
#[derive(Debug)]
pub struct SourceError {
    /// The exception CPython would raise (`SyntaxError`, `TabError`, ...).
    pub kind: &'static str,
    pub message: String,
    pub source: NamedSource<String>,
    pub span: SourceSpan,
    pub help: Option<String>,
}

impl SourceError {
    pub fn new(
        kind: &'static str,
        message: impl Into<String>,
        file: &str,
        text: &str,
        span: std::ops::Range<usize>,
    ) -> SourceError {
        let end = span.end.min(text.len());
        let start = span.start.min(end);
        SourceError {
            kind,
            message: message.into(),
            source: NamedSource::new(file, text.to_string()),
            span: (start..end).into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> SourceError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for SourceError {}

impl Diagnostic for SourceError {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("here".into()),
            self.span,
        ))))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

/// Why a file could not be handled: a plain message (an unreadable file)
/// or an error at a place in it.
#[derive(Debug)]
pub enum Failure {
    Message(String),
    Source(Box<SourceError>),
}

impl From<SourceError> for Failure {
    fn from(error: SourceError) -> Failure {
        Failure::Source(Box::new(error))
    }
}

impl Failure {
    /// Print it on stderr.
    pub fn emit(self) {
        match self {
            Failure::Message(message) => eprintln!("molt: error: {message}"),
            Failure::Source(error) if error.too_wide() => {
                // miette cannot render columns beyond 65,535: say the place
                // in words instead of drawing it.
                let text = error.source.inner();
                let at = error.span.offset().min(text.len());
                let line = text[..at].matches('\n').count() + 1;
                let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
                eprintln!(
                    "molt: error: {}:{line}:{column}: {}: {}",
                    error.source.name(),
                    error.kind,
                    error.message
                );
            }
            Failure::Source(error) => emit(*error),
        }
    }
}

impl SourceError {
    /// Is the line under the span too long to draw?
    fn too_wide(&self) -> bool {
        let text = self.source.inner();
        let at = self.span.offset().min(text.len());
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        end - start > 10_000
    }
}

/// Print a diagnostic on stderr.
pub fn emit(error: impl Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(error));
}

/// Render diagnostics without wrapping lines, so paths and places stay
/// whole (and greppable).
pub fn install_handler() {
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
    }));
}
