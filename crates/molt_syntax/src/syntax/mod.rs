//! The lossless concrete syntax tree.

mod dump;
mod kind;
pub mod nodes;

mod tree;

pub use kind::NodeKind;
pub(crate) use tree::TreeBuilder;
pub use tree::{Child, NodeId, SyntaxNode, SyntaxTree};
