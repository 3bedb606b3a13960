//! Settings from `pyproject.toml`: `[tool.molt]`, and the default target
//! version from `[project] requires-python`.

use crate::rules::Version;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `[tool.molt]`: the same settings as the command-line flags.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ToolMolt {
    pub target_version: Option<String>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Extra rule directories, relative to the `pyproject.toml`.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub unsafe_fixes: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
struct PyProject {
    project: Option<Project>,
    tool: Option<Tool>,
}

#[derive(Debug, Default, Deserialize)]
struct Project {
    #[serde(rename = "requires-python")]
    requires_python: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Tool {
    molt: Option<ToolMolt>,
}

/// What `pyproject.toml` says, and where it is.
#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub tool: ToolMolt,
    /// The oldest version `requires-python` allows.
    pub requires_python: Option<Version>,
}

impl Config {
    /// Read the nearest `pyproject.toml` at or above `start`; an error
    /// message for one that does not parse.
    pub fn discover(start: &Path) -> Result<Config, String> {
        let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
        for dir in start.ancestors() {
            let path = dir.join("pyproject.toml");
            if path.is_file() {
                return Config::read(&path);
            }
        }
        Ok(Config::default())
    }

    fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let parsed: PyProject =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let requires_python = parsed
            .project
            .and_then(|p| p.requires_python)
            .and_then(|r| Version::from_requires_python(&r));
        let mut tool = parsed.tool.and_then(|t| t.molt).unwrap_or_default();
        let base = path.parent().unwrap_or(Path::new("."));
        tool.rules = tool.rules.iter().map(|r| base.join(r)).collect();
        Ok(Config {
            path: Some(path.to_path_buf()),
            tool,
            requires_python,
        })
    }
}
