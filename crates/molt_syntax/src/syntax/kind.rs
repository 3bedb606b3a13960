//! Node kinds of the concrete syntax tree: one table, from which the enum,
//! the names and the list of kinds are derived.

macro_rules! node_kinds {
    ( $( $group:ident { $( $kind:ident ),* $(,)? } )* ) => {
        /// The group of a node kind: what the lowering asks of nearly every
        /// child, so an enum to compare, not a name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum NodeGroup {
            $( $group, )*
        }

        /// The kind of a CST node.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum NodeKind {
            $( $( $kind, )* )*
        }

        impl NodeKind {
            /// Every kind, in table order.
            pub const ALL: &'static [NodeKind] = &[ $( $( NodeKind::$kind, )* )* ];

            /// The kind's name as written in the table (`FunctionDef`).
            pub const fn name(self) -> &'static str {
                match self {
                    $( $( NodeKind::$kind => stringify!($kind), )* )*
                }
            }

            /// The group the kind belongs to (statement, expression, ...).
            pub const fn group(self) -> NodeGroup {
                match self {
                    $( $( NodeKind::$kind => NodeGroup::$group, )* )*
                }
            }

            /// The kind called `name`, as [`NodeKind::name`] spells it.
            pub fn from_name(name: &str) -> Option<NodeKind> {
                match name {
                    $( $( stringify!($kind) => Some(NodeKind::$kind), )* )*
                    _ => None,
                }
            }
        }
    };
}

node_kinds! {
    Module { Module, Error }
    Statement {
        // A line of simple statements with its `;`s and NEWLINE.
        SimpleStatements,
        ExprStmt, Assign, AugAssign, AnnAssign, TypeAlias,
        Pass, Break, Continue, Return, Raise, Global, Nonlocal, Del, Assert,
        Import, ImportFrom,
        If, Elif, Else, While, For, Try, ExceptHandler, Finally, With,
        FunctionDef, ClassDef, Decorator, Match, Case,
        // The body of a compound statement: an indented block, or simple
        // statements on the same line.
        Block,
    }
    Import { DottedName, Alias, ImportNames }
    Expression {
        Name, Number, Constant, Ellipsis, Strings, String, FString, TString,
        Paren, Tuple, List, Dict, Set, ListComp, SetComp, DictComp, Generator,
        Starred, Attribute, Subscript, Slice, Call,
        Binary, Unary, BoolOp, Compare, Lambda, IfExp, NamedExpr,
        Await, Yield, YieldFrom,
    }
    // Parts of expressions that are not expressions themselves.
    Part {
        Interpolation, FormatSpec, Conversion, DictItem, DoubleStarItem,
        ForClause, IfClause, Arguments, Keyword,
    }

    Parameter { Parameters, Parameter, TypeParams, TypeParam, WithItem }
    Pattern {
        MatchValue, MatchSingleton, MatchCapture, MatchWildcard, MatchSequence,
        MatchMapping, MatchMappingItem, MatchClass, MatchKeyword, MatchStar,
        MatchAs, MatchOr, MatchGroup,
    }
}
