//! Node kinds of the concrete syntax tree: one table, from which the enum,
//! the names and the list of kinds are derived.

macro_rules! node_kinds {
    ( $( $group:literal { $( $kind:ident ),* $(,)? } )* ) => {
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

            /// The group the kind belongs to (`statement`, `expression`, ...).
            pub const fn group(self) -> &'static str {
                match self {
                    $( $( NodeKind::$kind => $group, )* )*
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
    "module" { Module, Error }
    "statement" {
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
    "import" { DottedName, Alias, ImportNames }
    "expression" {
        Name, Number, Constant, Ellipsis, Strings, String, FString, TString,
        Paren, Tuple, List, Dict, Set, ListComp, SetComp, DictComp, Generator,
        Starred, Attribute, Subscript, Slice, Call,
        Binary, Unary, BoolOp, Compare, Lambda, IfExp, NamedExpr,
        Await, Yield, YieldFrom,
    }
    // Parts of expressions that are not expressions themselves.
    "part" {
        Interpolation, FormatSpec, Conversion, DictItem, DoubleStarItem,
        ForClause, IfClause, Arguments, Keyword,
    }

    "parameter" { Parameters, Parameter, TypeParams, TypeParam, WithItem }
    "pattern" {
        MatchValue, MatchSingleton, MatchCapture, MatchWildcard, MatchSequence,
        MatchMapping, MatchMappingItem, MatchClass, MatchKeyword, MatchStar,
        MatchAs, MatchOr, MatchGroup,
    }
}
