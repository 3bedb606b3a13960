//! Operator precedence of CST expressions, and the precedence a position
//! in the tree demands, so that filling a template parenthesizes a capture
//! exactly when it would otherwise bind differently (`$A * 2` with
//! `$A = x + 1` is `(x + 1) * 2`).

use molt_syntax::{NodeKind, SyntaxNode};

/// Binding strength, weakest first (as in CPython's grammar).
pub const TUPLE: u8 = 0;
pub const NAMED: u8 = 1;
pub const LAMBDA: u8 = 2;
pub const IF_EXP: u8 = 3;
pub const OR: u8 = 4;
pub const AND: u8 = 5;
pub const NOT: u8 = 6;
pub const COMPARE: u8 = 7;
pub const BIT_OR: u8 = 8;
pub const UNARY: u8 = 14;
pub const POWER: u8 = 15;
pub const AWAIT: u8 = 16;
pub const ATOM: u8 = 17;

fn binary(operator: &str) -> u8 {
    match operator {
        "|" => BIT_OR,
        "^" => 9,
        "&" => 10,
        "<<" | ">>" => 11,
        "+" | "-" => 12,
        "**" => POWER,
        _ => 13, // * / // % @
    }
}

/// The first significant token directly under `node` (the operator of a
/// unary or boolean expression, an opening parenthesis).
pub fn operator(node: SyntaxNode<'_>) -> &str {
    let tree = node.tree();
    node.child_tokens()
        .find(|&(_, kind)| !kind.is_trivia())
        .map_or("", |(i, _)| tree.token_text(i))
}

/// How strongly an expression node binds.
pub fn of(node: SyntaxNode<'_>) -> u8 {
    match node.kind() {
        NodeKind::Tuple => {
            if operator(node) == "(" {
                ATOM
            } else {
                TUPLE
            }
        }
        NodeKind::Yield | NodeKind::YieldFrom => TUPLE,
        NodeKind::NamedExpr | NodeKind::Starred => NAMED,
        NodeKind::Lambda => LAMBDA,
        NodeKind::IfExp => IF_EXP,
        NodeKind::BoolOp => {
            if operator(node) == "or" {
                OR
            } else {
                AND
            }
        }
        NodeKind::Unary => {
            if operator(node) == "not" {
                NOT
            } else {
                UNARY
            }
        }
        NodeKind::Compare => COMPARE,
        NodeKind::Binary => binary(operator(node)),
        NodeKind::Await => AWAIT,
        // `1 .real` needs a space or parentheses: treat an integer as
        // binding less than an attribute's base needs.
        NodeKind::Number if !node.text().contains(['.', 'e', 'E', 'j', 'J', 'x', 'X']) => AWAIT,
        _ => ATOM,
    }
}

/// The weakest precedence an expression may have at `node`'s place
/// without parentheses. Unknown places ask for an atom: a redundant pair
/// of parentheses is never wrong.
pub fn required(node: SyntaxNode<'_>) -> u8 {
    let Some(parent) = node.parent() else {
        return TUPLE;
    };
    let position = parent
        .children()
        .filter(SyntaxNode::is_expression)
        .position(|c| c.id() == node.id())
        .unwrap_or(0);
    match parent.kind() {
        NodeKind::Module
        | NodeKind::ExprStmt
        | NodeKind::Assign
        | NodeKind::AugAssign
        | NodeKind::Return
        | NodeKind::Paren
        | NodeKind::For
        | NodeKind::Yield => TUPLE,
        NodeKind::Binary => {
            let op = binary(operator(parent));
            match (op == POWER, position == 0) {
                (true, true) => AWAIT,
                (true, false) => UNARY,
                (false, true) => op,
                (false, false) => op + 1,
            }
        }
        NodeKind::Compare => BIT_OR,
        // `a or b` needs operands that bind tighter than `or`; `not x`
        // and `-x` take operands as strong as themselves.
        NodeKind::BoolOp => of(parent) + 1,
        NodeKind::Unary => of(parent),
        NodeKind::Attribute | NodeKind::Call | NodeKind::Await => ATOM,
        NodeKind::Subscript => {
            if position == 0 {
                ATOM
            } else {
                NAMED
            }
        }
        NodeKind::IfExp => {
            if position == 2 {
                IF_EXP
            } else {
                OR
            }
        }
        NodeKind::Starred => BIT_OR,
        NodeKind::Arguments | NodeKind::If | NodeKind::Elif | NodeKind::While => NAMED,
        NodeKind::Interpolation => IF_EXP,
        NodeKind::ForClause | NodeKind::IfClause => OR,
        NodeKind::Lambda
        | NodeKind::NamedExpr
        | NodeKind::Keyword
        | NodeKind::List
        | NodeKind::Set
        | NodeKind::Tuple
        | NodeKind::DictItem
        | NodeKind::ListComp
        | NodeKind::SetComp
        | NodeKind::DictComp
        | NodeKind::Generator
        | NodeKind::Assert
        | NodeKind::Raise
        | NodeKind::WithItem
        | NodeKind::Del
        | NodeKind::Slice
        | NodeKind::AnnAssign => LAMBDA,
        _ => ATOM,
    }
}
