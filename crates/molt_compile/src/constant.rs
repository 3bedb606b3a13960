//! The constants a code object holds (`co_consts`) and their Python `repr`,
//! which `dis` prints as `LOAD_CONST`'s argument.
//!
//! Scalars are the AST's values (`molt_ast::Value`, whose reprs are reused);
//! the compiler adds tuples and frozensets (folded from literals) and
//! nested code objects.

use crate::code::CodeObject;
use molt_ast::Value;
use num_bigint::BigInt;
use std::sync::Arc;

/// One entry of `co_consts`.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(String),
    /// A string with lone surrogates (`'\ud800'`), as code points.
    StrWithSurrogates(Vec<u32>),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    /// The elements in the order `repr` shows them (for CPython, its hash
    /// order; any order is the same set).
    FrozenSet(Vec<Constant>),
    Code(Arc<CodeObject>),
}

impl From<Value> for Constant {
    fn from(value: Value) -> Constant {
        match value {
            Value::None => Constant::None,
            Value::Bool(b) => Constant::Bool(b),
            Value::Ellipsis => Constant::Ellipsis,
            Value::Int(i) => Constant::Int(i),
            Value::Float(f) => Constant::Float(f),
            Value::Complex { real, imag } => Constant::Complex { real, imag },
            Value::Str(s) => Constant::Str(s),
            Value::StrWithSurrogates(points) => Constant::StrWithSurrogates(points),
            Value::Bytes(b) => Constant::Bytes(b),
        }
    }
}

impl Constant {
    /// Python's `repr`, as `dis` prints it.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    fn write_repr(&self, out: &mut String) {
        match self {
            Constant::None => out.push_str("None"),
            Constant::Bool(true) => out.push_str("True"),
            Constant::Bool(false) => out.push_str("False"),
            Constant::Ellipsis => out.push_str("Ellipsis"),
            Constant::Int(i) => out.push_str(&i.to_string()),
            Constant::Float(f) => out.push_str(&Value::Float(*f).repr()),
            Constant::Complex { real, imag } => out.push_str(
                &Value::Complex {
                    real: *real,
                    imag: *imag,
                }
                .repr(),
            ),
            Constant::Str(s) => molt_syntax::pyrepr::push_str_repr(out, s),
            Constant::StrWithSurrogates(points) => {
                molt_syntax::pyrepr::push_code_points_repr(out, points.iter().copied())
            }
            Constant::Bytes(b) => out.push_str(&Value::Bytes(b.clone()).repr()),
            Constant::Tuple(items) => {
                out.push('(');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Constant::FrozenSet(items) => {
                if items.is_empty() {
                    out.push_str("frozenset()");
                    return;
                }
                out.push_str("frozenset({");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                out.push_str("})");
            }
            Constant::Code(code) => out.push_str(&code.repr()),
        }
    }

    /// `bool(value)`: what `if` and `not` make of the constant.
    pub fn is_truthy(&self) -> bool {
        match self {
            Constant::None => false,
            Constant::Bool(b) => *b,
            Constant::Ellipsis | Constant::Code(_) => true,
            Constant::Int(i) => i.sign() != num_bigint::Sign::NoSign,
            Constant::Float(f) => *f != 0.0,
            Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
            Constant::Str(s) => !s.is_empty(),
            Constant::StrWithSurrogates(p) => !p.is_empty(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
        }
    }

    /// Whether two constants are the same for CPython's constant cache
    /// (`_PyCode_ConstantKey`): of the same type and equal, floats compared
    /// bit for bit (so `0.0` and `-0.0` differ, and `1` is not `1.0` or
    /// `True`), containers element by element.
    pub fn is_same(&self, other: &Constant) -> bool {
        use Constant::*;
        match (self, other) {
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex { real, imag }, Complex { real: r2, imag: i2 }) => {
                real.to_bits() == r2.to_bits() && imag.to_bits() == i2.to_bits()
            }
            (Tuple(a), Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.is_same(y))
            }
            (FrozenSet(a), FrozenSet(b)) => {
                a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| x.is_same(y)))
            }
            (Code(a), Code(b)) => Arc::ptr_eq(a, b),
            _ => std::mem::discriminant(self) == std::mem::discriminant(other) && self == other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_are_pythons() {
        let one = Constant::Int(1.into());
        assert_eq!(Constant::Tuple(vec![one.clone()]).repr(), "(1,)");
        assert_eq!(Constant::Tuple(vec![]).repr(), "()");
        assert_eq!(
            Constant::Tuple(vec![one.clone(), Constant::Str("a".into()), Constant::None]).repr(),
            "(1, 'a', None)"
        );
        assert_eq!(
            Constant::FrozenSet(vec![one.clone()]).repr(),
            "frozenset({1})"
        );
        assert_eq!(Constant::FrozenSet(vec![]).repr(), "frozenset()");
        assert_eq!(Constant::Float(-0.0).repr(), "-0.0");
        assert_eq!(Constant::Bytes(b"\x00'".to_vec()).repr(), "b\"\\x00'\"");
        assert_eq!(
            Constant::StrWithSurrogates(vec![0xd800]).repr(),
            "'\\ud800'"
        );
        assert!(!Constant::Float(0.0).is_same(&Constant::Float(-0.0)));
        assert!(!Constant::Int(1.into()).is_same(&Constant::Bool(true)));
        assert!(one.is_same(&Constant::Int(1.into())));
    }
}
