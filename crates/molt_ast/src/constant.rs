//! Constant values of the AST and their Python `repr`.

use molt_syntax::pyrepr::push_str_repr;
use num_bigint::BigInt;

/// The value of a `Constant` node (and of an `Interpolation`'s `str`).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    /// An imaginary literal (`2j`): the AST has no other complex constants.
    Complex {
        real: f64,
        imag: f64,
    },
    Str(String),
    /// A string with lone surrogates (`'\ud800'`), as code points.
    StrWithSurrogates(Vec<u32>),
    Bytes(Vec<u8>),
}

impl Value {
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Python's `repr` of the value.
    pub fn repr(&self) -> String {
        match self {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_repr(*f, true),
            Value::Complex { real, imag } => {
                if *real == 0.0 && real.is_sign_positive() {
                    format!("{}j", float_repr(*imag, false))
                } else {
                    let sign = if imag.is_sign_negative() { "" } else { "+" };
                    format!(
                        "({}{sign}{}j)",
                        float_repr(*real, false),
                        float_repr(*imag, false)
                    )
                }
            }
            Value::Str(s) => {
                let mut out = String::new();
                push_str_repr(&mut out, s);
                out
            }
            Value::StrWithSurrogates(points) => {
                let mut out = String::new();
                molt_syntax::pyrepr::push_code_points_repr(&mut out, points.iter().copied());
                out
            }
            Value::Bytes(b) => bytes_repr(b),
        }
    }
}

/// `repr(float)` (`add_dot_0`) or the parts of `repr(complex)` (without).
pub fn float_repr(x: f64, add_dot_0: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Shortest digits that round-trip, as Python's repr uses.
    let sci = format!("{x:e}");
    let (mantissa, exponent) = sci.split_once('e').expect("LowerExp has an exponent");
    let exponent: i32 = exponent.parse().expect("an integer exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() {
        "0".to_string()
    } else {
        round_half_even(x, digits)
    };
    let digits = digits.as_str();
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            let whole = format!("{digits}{}", "0".repeat(point as usize - digits.len()));
            if add_dot_0 {
                format!("{whole}.0")
            } else {
                whole
            }
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{body}")
    } else {
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let esign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{}{rest}e{esign}{:02}", &digits[..1], exponent.abs())
    }
}

/// Python's shortest repr breaks an exact tie between two shortest digit
/// strings towards the even one; Rust's may pick the odd one.
fn round_half_even(x: f64, digits: &str) -> String {
    let n = digits.len();
    let last = digits.as_bytes()[n - 1] - b'0';
    if last.is_multiple_of(2) {
        return digits.to_string();
    }
    // The exact decimal expansion, well past the shortest digits.
    let exact = format!("{:.*e}", n - 1 + 25, x.abs());
    let exact: String = exact
        .split('e')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| *c != '.')
        .collect();
    let tail = &exact[n.min(exact.len())..];
    if !(tail.starts_with('5') && tail[1..].bytes().all(|b| b == b'0')) {
        return digits.to_string();
    }
    let truncated = &exact[..n];
    let mut other = digits.as_bytes().to_vec();
    if truncated == digits {
        if last == 9 {
            return digits.to_string();
        }
        other[n - 1] += 1;
    } else {
        other[n - 1] -= 1;
    }
    let other = String::from_utf8(other).expect("ASCII digits");
    // Next to a power of two the interval that rounds to `x` is lopsided:
    // the even neighbour may not read back as `x` (2**-24 prints as
    // 5.960464477539063e-08), and then it is not a candidate.
    let exponent = format!("{:e}", x.abs());
    let exponent = exponent.split_once('e').map_or("0", |(_, e)| e);
    let candidate = format!("{}.{}e{exponent}", &other[..1], &other[1..]);
    if candidate.parse::<f64>() == Ok(x.abs()) {
        other
    } else {
        digits.to_string()
    }
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python_prints_them() {
        for (x, want) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123.456, "123.456"),
            (-2.5, "-2.5"),
            (1e300, "1e+300"),
            (f64::INFINITY, "inf"),
            ("1429035198630573.2".parse().unwrap(), "1429035198630573.2"),
            (2f64.powi(-24), "5.960464477539063e-08"),
        ] {
            assert_eq!(float_repr(x, true), want);
        }
        assert_eq!(
            Value::Complex {
                real: 0.0,
                imag: 2.0
            }
            .repr(),
            "2j"
        );
        assert_eq!(
            Value::Complex {
                real: 0.0,
                imag: 1.5e20
            }
            .repr(),
            "1.5e+20j"
        );
        assert_eq!(bytes_repr(b"a'\x00\xff"), "b\"a'\\x00\\xff\"");
    }
}
