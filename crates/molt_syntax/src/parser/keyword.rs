//! Keywords as the parser tests them: each NAME token's keyword is looked
//! up once, when the parser is made, so that the grammar compares small
//! integers where it would compare strings at every turn (`not`, `in`,
//! `if`, `lambda`, ... are asked about at every expression).

macro_rules! keywords {
    (
        hard { $( $hv:ident $ht:literal; )* }
        soft { $( $sv:ident $st:literal; )* }
    ) => {
        /// A keyword, hard (`keyword.kwlist`) or soft (`keyword.softkwlist`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Kw {
            /// A NAME that is no keyword, or a token that is no NAME.
            NotKeyword,
            $( $hv, )*
            $( $sv, )*
        }

        impl Kw {
            /// The keyword a NAME token's text spells.
            pub(crate) fn of(text: &str) -> Kw {
                match text {
                    $( $ht => Kw::$hv, )*
                    $( $st => Kw::$sv, )*
                    _ => Kw::NotKeyword,
                }
            }

            /// A keyword that can never be a name.
            pub(crate) fn is_hard(self) -> bool {
                matches!(self, $( Kw::$hv )|*)
            }
        }
    };
}

keywords! {
    hard {
        False "False";
        None "None";
        True "True";
        And "and";
        As "as";
        Assert "assert";
        Async "async";
        Await "await";
        Break "break";
        Class "class";
        Continue "continue";
        Def "def";
        Del "del";
        Elif "elif";
        Else "else";
        Except "except";
        Finally "finally";
        For "for";
        From "from";
        Global "global";
        If "if";
        Import "import";
        In "in";
        Is "is";
        Lambda "lambda";
        Nonlocal "nonlocal";
        Not "not";
        Or "or";
        Pass "pass";
        Raise "raise";
        Return "return";
        Try "try";
        While "while";
        With "with";
        Yield "yield";
    }
    soft {
        Match "match";
        Case "case";
        Type "type";
        Underscore "_";
    }
}

/// Python's hard keywords (`keyword.kwlist`).
pub fn is_keyword(text: &str) -> bool {
    Kw::of(text).is_hard()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_and_soft() {
        assert_eq!(Kw::of("lambda"), Kw::Lambda);
        assert!(is_keyword("nonlocal") && is_keyword("None"));
        assert_eq!(Kw::of("match"), Kw::Match);
        assert!(!Kw::Match.is_hard() && !is_keyword("match"));
        assert_eq!(Kw::of("print"), Kw::NotKeyword);
        assert!(!is_keyword("Lambda") && !is_keyword(""));
    }
}
