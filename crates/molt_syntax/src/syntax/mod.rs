//! The lossless concrete syntax tree.

mod dump;
mod edit;
mod kind;
pub mod nodes;

mod tree;

pub use edit::{EditError, Edits, indentation_at};
pub use kind::{NodeGroup, NodeKind};
pub(crate) use tree::TreeBuilder;
pub use tree::{Child, NodeId, SyntaxNode, SyntaxTree};
