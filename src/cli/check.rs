//! `molt check` and `molt fix`: run the rules over files and directories,
//! report matches, show or apply their fixes.

use super::Outcome;
use super::input::{decode, parse_failure, read};
use crate::codemod::config::Config;
use crate::codemod::diff::unified;
use crate::codemod::discover::{Filter, discover};
use crate::codemod::fix::{Fixed, allowed, check_compiles, check_tree, fix_tree, may_match};
use crate::codemod::write::write_atomically;
use crate::diagnostics::Failure;
use crate::rules::{self, Match, Rule, Safety, Version};
use molt_syntax::{LineIndex, parse};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Options shared by `check` and `fix`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (default: `.`); `-` reads stdin.
    paths: Vec<PathBuf>,
    /// Show the fixes as a unified diff instead of applying them.
    #[arg(long)]
    diff: bool,
    /// How to print matches.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    output_format: Format,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Also load the rules in this file or directory (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rule_paths: Vec<PathBuf>,
    /// The oldest Python the code must run on: `3.9` or `py39`
    /// (default: `requires-python` from pyproject.toml, else 3.10).
    #[arg(long)]
    target_version: Option<String>,
    /// Process only files matching this glob (default `*.py`; repeatable).
    #[arg(long)]
    include: Vec<String>,
    /// Skip files matching this glob (repeatable).
    #[arg(long)]
    exclude: Vec<String>,
    /// Also apply fixes that keep behaviour only for the expected inputs.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Also list the matches molt leaves alone, and why.
    #[arg(long)]
    show_skips: bool,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    no_progress: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Github,
}

/// Which command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    Fix,
}

/// Everything a run needs, resolved from flags and pyproject.toml.
struct Run {
    rules: Vec<Rule>,
    /// File globs: `--include`/`--exclude` with `[tool.molt]`'s.
    include: Vec<String>,
    exclude: Vec<String>,
    target: Version,
    unsafe_fixes: bool,
    mode: Mode,
    diff: bool,
}

/// One match, placed.
#[derive(Clone)]
struct Finding {
    rule: usize,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    outcome: rules::Outcome,
}

/// What happened to one file.
struct Report {
    name: String,
    findings: Vec<Finding>,
    /// Whether fixing changed the text, and the fixes per rule.
    changed: bool,
    applied: Vec<usize>,
    /// The text before and after, kept only where shown (`--diff`, stdin).
    original: String,
    fixed: Option<Fixed>,
    /// Matches left after fixing (`fix` only).
    remaining: Vec<Finding>,
    /// Why the fixed text was thrown away (it does not compile where the
    /// original did): the file is left as it was.
    refused: Option<String>,
}

impl Report {
    /// The matches to show: those left after fixing when files were
    /// fixed, else those found.
    fn shown(&self, run: &Run) -> &[Finding] {
        if run.mode == Mode::Fix && !run.diff {
            &self.remaining
        } else {
            &self.findings
        }
    }
}

pub fn run(args: &Args, mode: Mode) -> Outcome {
    let run = match prepare(args, mode) {
        Ok(run) => run,
        Err(failure) => {
            failure.emit();
            return Outcome::Error;
        }
    };
    if args.paths.len() == 1 && args.paths[0] == Path::new("-") {
        return run_stdin(&run, args);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let filter = match Filter::new(&run.include, &run.exclude) {
        Ok(filter) => filter,
        Err(message) => {
            eprintln!("molt: error: {message}");
            return Outcome::Error;
        }
    };
    let (files, problems) = discover(&paths, &filter);
    for problem in &problems {
        eprintln!("molt: error: {problem}");
    }
    let progress =
        (!args.no_progress && std::io::stderr().is_terminal() && files.len() > 50).then(|| {
            let bar = indicatif::ProgressBar::new(files.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
    let results: Vec<Result<Report, Failure>> = files
        .par_iter()
        .map(|path| {
            let result = process(&run, path);
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            result
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let outcome = print_results(&run, args, results);
    if problems.is_empty() {
        outcome
    } else {
        Outcome::Error
    }
}

/// Resolve flags and the `pyproject.toml` nearest to the first path (the
/// project being checked, wherever molt runs from).
fn prepare(args: &Args, mode: Mode) -> Result<Run, Failure> {
    let start = match args.paths.first() {
        Some(p) if p.as_os_str() != "-" && p.is_file() => {
            p.parent().unwrap_or(Path::new(".")).to_path_buf()
        }
        Some(p) if p.as_os_str() != "-" => p.clone(),
        _ => PathBuf::from("."),
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let config = Config::discover(&start).map_err(Failure::Message)?;
    let include = if args.include.is_empty() {
        config.tool.include.clone()
    } else {
        args.include.clone()
    };
    let mut exclude = config.tool.exclude.clone();
    exclude.extend(args.exclude.iter().cloned());
    let target = match args
        .target_version
        .as_deref()
        .or(config.tool.target_version.as_deref())
    {
        Some(text) => Version::parse(text).ok_or_else(|| {
            Failure::Message(format!(
                "`{text}` is not a Python version (write 3.9 or py39)"
            ))
        })?,
        None => config.requires_python.unwrap_or(Version::DEFAULT),
    };
    let mut all = rules::load::builtin();
    for path in config.tool.rules.iter().chain(&args.rule_paths) {
        all.extend(rules::load::load_path(path)?);
    }
    let select = if args.select.is_empty() {
        &config.tool.select
    } else {
        &args.select
    };
    let ignore: Vec<&String> = config.tool.ignore.iter().chain(&args.ignore).collect();
    for id in select.iter().chain(ignore.iter().copied()) {
        if !all.iter().any(|r| r.id == *id) {
            return Err(Failure::Message(format!("no rule has the id `{id}`")));
        }
    }
    let rules = all
        .into_iter()
        .filter(|r| select.is_empty() || select.contains(&r.id))
        .filter(|r| !ignore.contains(&&r.id))
        .collect();
    Ok(Run {
        rules,
        include,
        exclude,
        target,
        unsafe_fixes: args.unsafe_fixes || config.tool.unsafe_fixes.unwrap_or(false),
        mode,
        diff: args.diff,
    })
}

/// Check or fix one file; write it back when fixing.
fn process(run: &Run, path: &Path) -> Result<Report, Failure> {
    let input = read(path).map_err(Failure::Message)?;
    let source = decode(&input)?;
    let mut report = analyze(run, &input.name, source.text())?;
    if let Some(fixed) = &report.fixed
        && run.mode == Mode::Fix
        && !run.diff
        && report.changed
    {
        let bytes = source.encode(fixed.text()).map_err(|c| {
            Failure::Message(format!(
                "{}: the fixed text has {c:?}, which the file's encoding cannot hold; left unchanged",
                input.name
            ))
        })?;
        write_atomically(path, &bytes)
            .map_err(|e| Failure::Message(format!("{}: writing: {e}", input.name)))?;
    }
    if !run.diff {
        // Hold no file's text beyond its own processing.
        report.original = String::new();
        report.fixed = None;
    }
    Ok(report)
}

/// Run the rules over one file's text: its matches, and its fixed text
/// when the run fixes or shows a diff. Writes nothing.
fn analyze(run: &Run, name: &str, text: &str) -> Result<Report, Failure> {
    let mut report = Report {
        name: name.to_string(),
        findings: Vec::new(),
        changed: false,
        applied: Vec::new(),
        original: text.to_string(),
        fixed: None,
        remaining: Vec::new(),
        refused: None,
    };
    // A file no rule can match is not even parsed.
    if !may_match(&run.rules, text, run.target) {
        return Ok(report);
    }
    let parsed = parse(text);
    if let Some(error) = parsed.error {
        return Err(parse_failure(name, text, error));
    }
    let matches = check_tree(&run.rules, &parsed.tree, run.target);
    let has_fix = matches.iter().any(
        |m| matches!(&m.outcome, rules::Outcome::Fix { safety, .. } if allowed(*safety, run.unsafe_fixes)),
    );
    if !(has_fix && (run.mode == Mode::Fix || run.diff)) {
        report.findings = place(text, matches);
        if run.mode == Mode::Fix {
            report.remaining = std::mem::take(&mut report.findings);
        }
        return Ok(report);
    }
    report.findings = place(text, matches.clone());
    let fixed = fix_tree(
        &run.rules,
        parsed.tree,
        matches,
        run.target,
        run.unsafe_fixes,
    );
    if fixed.text() != text
        && let Err(e) = check_compiles(text, fixed.text(), name)
    {
        // Leave the file as it was: its matches stay, unfixed.
        let rules: Vec<&str> = (fixed.applied.iter().enumerate())
            .filter(|(_, n)| **n > 0)
            .map(|(i, _)| run.rules[i].id.as_str())
            .collect();
        report.refused = Some(format!(
            "{name}: left unchanged: the fixed text ({}) does not compile: {}: {} (line {} of the fixed text)",
            rules.join(", "),
            e.kind,
            e.message,
            e.line
        ));
        if run.mode == Mode::Fix {
            report.remaining = report.findings.clone();
        }
        return Ok(report);
    }
    report.remaining = place(fixed.text(), fixed.remaining.clone());
    report.changed = fixed.text() != text;
    report.applied = fixed.applied.clone();
    report.fixed = Some(fixed);
    Ok(report)
}

fn place(text: &str, matches: Vec<Match>) -> Vec<Finding> {
    let index = LineIndex::new(text);
    matches
        .into_iter()
        .map(|m| {
            let (line, column) = index.line_char_col(text, m.range.start);
            let (end_line, end_column) = index.line_char_col(text, m.range.end);
            Finding {
                rule: m.rule,
                line,
                column: column + 1,
                end_line,
                end_column: end_column + 1,
                outcome: m.outcome,
            }
        })
        .collect()
}

fn run_stdin(run: &Run, args: &Args) -> Outcome {
    let input = match read(Path::new("-")) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("molt: error: {message}");
            return Outcome::Error;
        }
    };
    let source = match decode(&input) {
        Ok(source) => source,
        Err(failure) => {
            failure.emit();
            return Outcome::Error;
        }
    };
    let result = analyze(run, &input.name, source.text());
    match (run.mode, result) {
        (_, Err(failure)) => {
            if let Ok(text) = std::str::from_utf8(&input.bytes)
                && run.mode == Mode::Fix
                && !run.diff
            {
                super::print_out(text);
            }
            failure.emit();
            Outcome::Error
        }
        (Mode::Fix, Ok(report)) if !run.diff => {
            let text = report
                .fixed
                .as_ref()
                .map_or(report.original.as_str(), |f| f.text());
            let bytes = source.encode(text).unwrap_or_else(|_| input.bytes.clone());
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(&bytes);
            let changed = report.changed;
            let mut out = String::new();
            summary_fix(run, std::slice::from_ref(&report), &mut out);
            eprint!("{out}");
            if let Some(why) = &report.refused {
                eprintln!("molt: error: {why}");
                Outcome::Error
            } else if changed {
                Outcome::Findings
            } else {
                Outcome::Ok
            }
        }
        (_, Ok(report)) => print_results(run, args, vec![Ok(report)]),
    }
}

fn print_results(run: &Run, args: &Args, results: Vec<Result<Report, Failure>>) -> Outcome {
    let mut failed = false;
    let mut out = String::new();
    let mut reports = Vec::new();
    for result in results {
        match result {
            Ok(report) => {
                if let Some(why) = &report.refused {
                    failed = true;
                    eprintln!("molt: error: {why}");
                }
                reports.push(report);
            }
            Err(failure) => {
                failed = true;
                failure.emit();
            }
        }
    }
    let color = std::io::stdout().is_terminal();
    fn listed<'r>(run: &Run, args: &Args, r: &'r Report) -> Vec<&'r Finding> {
        r.shown(run)
            .iter()
            .filter(|f| args.show_skips || !matches!(f.outcome, rules::Outcome::Skipped(_)))
            .collect()
    }
    match args.output_format {
        Format::Json => {
            let items: Vec<serde_json::Value> = reports
                .iter()
                .flat_map(|r| {
                    listed(run, args, r)
                        .into_iter()
                        .map(move |f| json_finding(run, r, f))
                })
                .collect();
            out.push_str(&serde_json::to_string_pretty(&items).unwrap_or_default());
            out.push('\n');
        }
        Format::Github => {
            for r in &reports {
                for f in listed(run, args, r) {
                    out.push_str(&github_finding(run, r, f));
                }
            }
        }
        Format::Text => {
            for r in &reports {
                if run.diff
                    && let Some(fixed) = &r.fixed
                    && fixed.text() != r.original
                {
                    out.push_str(&unified(&r.name, &r.original, fixed.text(), color));
                }
            }
            for r in &reports {
                for f in listed(run, args, r) {
                    if run.diff && matches!(f.outcome, rules::Outcome::Fix { .. }) {
                        continue;
                    }
                    out.push_str(&text_finding(run, r, f));
                }
            }
            if run.mode == Mode::Fix && !run.diff {
                summary_fix(run, &reports, &mut out);
            } else {
                summary_check(&reports, &mut out);
            }
        }
    }
    let status = super::print_out(&out);
    if failed || status == Outcome::Error {
        return Outcome::Error;
    }
    let findings = reports.iter().any(|r| {
        r.shown(run)
            .iter()
            .any(|f| !matches!(f.outcome, rules::Outcome::Skipped(_)))
    });
    let changed = run.mode == Mode::Fix && !run.diff && reports.iter().any(|r| r.changed);
    if findings || changed {
        Outcome::Findings
    } else {
        Outcome::Ok
    }
}

fn describe(run: &Run, f: &Finding) -> String {
    let rule = &run.rules[f.rule];
    match &f.outcome {
        rules::Outcome::Fix { safety, .. } => match safety {
            Safety::Safe => format!("{} [fix]", rule.message),
            Safety::Unsafe if run.unsafe_fixes => format!("{} [unsafe fix]", rule.message),
            Safety::Unsafe => format!("{} [unsafe fix: --unsafe-fixes]", rule.message),
        },
        rules::Outcome::Report => rule.message.clone(),
        rules::Outcome::ReportWithoutFix(why) => format!("{} [no fix: {why}]", rule.message),
        rules::Outcome::Skipped(why) => format!("left alone: {why}"),
    }
}

fn text_finding(run: &Run, r: &Report, f: &Finding) -> String {
    let rule = &run.rules[f.rule];
    format!(
        "{}:{}:{}: {}[{}] {}\n",
        r.name,
        f.line,
        f.column,
        rule.severity.name(),
        rule.id,
        describe(run, f)
    )
}

fn github_finding(run: &Run, r: &Report, f: &Finding) -> String {
    let rule = &run.rules[f.rule];
    let level = match rule.severity {
        rules::Severity::Error => "error",
        rules::Severity::Warning => "warning",
        rules::Severity::Info => "notice",
    };
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title=molt ({})::{}\n",
        escape(&r.name).replace(',', "%2C").replace(':', "%3A"),
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        rule.id,
        escape(&describe(run, f))
    )
}

fn json_finding(run: &Run, r: &Report, f: &Finding) -> serde_json::Value {
    let rule = &run.rules[f.rule];
    let (fix, skipped) = match &f.outcome {
        rules::Outcome::Fix { text, safety } => (
            serde_json::json!({ "replacement": text, "safety": safety.name() }),
            serde_json::Value::Null,
        ),
        rules::Outcome::ReportWithoutFix(why) | rules::Outcome::Skipped(why) => (
            serde_json::Value::Null,
            serde_json::Value::String(why.clone()),
        ),
        rules::Outcome::Report => (serde_json::Value::Null, serde_json::Value::Null),
    };
    let skipped_key = if matches!(f.outcome, rules::Outcome::Skipped(_)) {
        "skipped"
    } else {
        "no_fix"
    };
    serde_json::json!({
        "path": r.name,
        "rule": rule.id,
        "severity": rule.severity.name(),
        "message": rule.message,
        "note": rule.note,
        "url": rule.url,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "fix": fix,
        skipped_key: skipped,
    })
}

fn summary_check(reports: &[Report], out: &mut String) {
    let (mut found, mut safe, mut unsafe_, mut skipped, mut files) = (0, 0, 0, 0, 0);
    for r in reports {
        let mut any = false;
        for f in &r.findings {
            match &f.outcome {
                rules::Outcome::Skipped(_) => skipped += 1,
                outcome => {
                    found += 1;
                    any = true;
                    match outcome {
                        rules::Outcome::Fix {
                            safety: Safety::Safe,
                            ..
                        } => safe += 1,
                        rules::Outcome::Fix { .. } => unsafe_ += 1,
                        _ => {}
                    }
                }
            }
        }
        files += usize::from(any);
    }
    out.push_str(&format!(
        "{found} matches in {files} of {} files: {safe} fixable with `molt fix`, {unsafe_} more with `--unsafe-fixes`; {skipped} left alone (`--show-skips` says why)\n",
        reports.len()
    ));
    skip_reasons(reports.iter().flat_map(|r| &r.findings), out);
}

/// The commonest reasons for leaving code alone, with their counts (the
/// part of each reason before its details in parentheses).
fn skip_reasons<'r>(findings: impl Iterator<Item = &'r Finding>, out: &mut String) {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for f in findings {
        if let rules::Outcome::Skipped(why) = &f.outcome {
            let key = why.split(" (").next().unwrap_or(why).to_string();
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (reason, n) in counts.iter().take(5) {
        out.push_str(&format!("  {n:>5}  {reason}\n"));
    }
    if counts.len() > 5 {
        let rest: usize = counts[5..].iter().map(|(_, n)| n).sum();
        out.push_str(&format!("  {rest:>5}  other reasons\n"));
    }
}

fn summary_fix(run: &Run, reports: &[Report], out: &mut String) {
    let mut per_rule = vec![0usize; run.rules.len()];
    let mut changed = 0;
    let mut skipped = 0;
    let mut remaining = 0;
    for r in reports {
        for (i, n) in r.applied.iter().enumerate() {
            per_rule[i] += n;
        }
        changed += usize::from(r.changed);
        for f in &r.remaining {
            match f.outcome {
                rules::Outcome::Skipped(_) => skipped += 1,
                _ => remaining += 1,
            }
        }
    }
    let total: usize = per_rule.iter().sum();
    out.push_str(&format!("fixed {total} matches in {changed} files"));
    let by_rule: Vec<String> = per_rule
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| format!("{}: {n}", run.rules[i].id))
        .collect();
    if !by_rule.is_empty() {
        out.push_str(&format!(" ({})", by_rule.join(", ")));
    }
    out.push_str(&format!(
        "; {remaining} matches remain; {skipped} left alone (`--show-skips` says why)\n"
    ));
    skip_reasons(reports.iter().flat_map(|r| &r.remaining), out);
}
