//! The lossless concrete syntax tree.

mod dump;
mod kind;
mod tree;

pub use kind::NodeKind;
pub(crate) use tree::TreeBuilder;
pub use tree::{Child, NodeId, SyntaxNode, SyntaxTree};
