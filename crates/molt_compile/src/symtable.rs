//! Symbol tables (being written).
