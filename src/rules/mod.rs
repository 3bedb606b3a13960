//! YAML rewrite rules: the schema, patterns with metavariables, the
//! structural matcher, precedence-aware fix templates, built-in
//! transforms, imports, and the tests kept inside rule files.

pub mod imports;
pub mod load;
pub mod matcher;
pub mod pattern;
pub mod precedence;
pub mod rule;
pub mod schema;
pub mod template;
pub mod transform;
pub mod version;

pub use rule::{FileContext, Match, Outcome, Rule};
pub use schema::{Safety, Severity};
pub use version::Version;
