//! Running rules over a codebase: discovery, fixing a file's text,
//! diffs, configuration and atomic write-back.

pub mod config;
pub mod diff;
pub mod discover;
pub mod fix;
pub mod write;
