//! Running rules over a codebase: discovery, fixing a file's text,
//! compiling what a fix made, diffs, configuration and atomic write-back.

pub mod compile;
pub mod config;
pub mod diff;
pub mod discover;
pub mod fix;
pub mod write;
