//! Finding the Python files to process: paths given on the command line,
//! directories walked with `.gitignore` respected, `--include` and
//! `--exclude` globs applied.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// Which files to take.
#[derive(Debug)]
pub struct Filter {
    include: GlobSet,
    exclude: GlobSet,
}

impl Filter {
    /// Build the globs; an error message for a bad glob. With no include
    /// glob, `*.py` files are taken.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, String> {
        let build = |globs: &[String]| -> Result<GlobSet, String> {
            let mut set = GlobSetBuilder::new();
            for g in globs {
                // A bare name (`build`) also matches anything under it.
                for pattern in [
                    g.clone(),
                    format!("**/{g}"),
                    format!("**/{g}/**"),
                    format!("{g}/**"),
                ] {
                    set.add(Glob::new(&pattern).map_err(|e| format!("bad glob `{g}`: {e}"))?);
                }
            }
            set.build().map_err(|e| e.to_string())
        };
        let include = if include.is_empty() {
            build(&["*.py".to_string()])?
        } else {
            build(include)?
        };
        Ok(Filter {
            include,
            exclude: build(exclude)?,
        })
    }

    fn excluded(&self, path: &Path) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.exclude.is_match(path)
    }
}

/// The files under `paths`, sorted, and the problems met on the way (an
/// unreadable directory, a missing path), which do not stop the walk. A
/// file named explicitly is taken unless excluded; a directory contributes
/// the files the globs include.
pub fn discover(paths: &[PathBuf], filter: &Filter) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        if root.is_file() {
            if !filter.excluded(root) {
                files.push(root.clone());
            }
            continue;
        }
        if !root.exists() {
            problems.push(format!("{}: No such file or directory", root.display()));
            continue;
        }
        for entry in ignore::WalkBuilder::new(root)
            .hidden(true)
            .require_git(false)
            .build()
        {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file())
                && filter.include.is_match(path)
                && !filter.excluded(path)
            {
                files.push(path.to_path_buf());
            }
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}
