//! What CPython 3.13's AST optimizer (`Python/ast_opt.c`) does before code
//! generation, recorded beside the AST instead of rewriting it: constant
//! folding of operators, tuples and subscripts, `__debug__`, `not` of an
//! `is`/`in` test, and literal lists and sets iterated over or tested with
//! `in`. The code generator asks [`Folded::get`] for each expression.

use crate::constant::Constant;
use molt_ast::visit::{Visitor, walk_expr};
use molt_ast::{CmpOperator, Expr, ExprContext, Name, Operator, Stmt, UnaryOperator};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use rustc_hash::FxHashMap;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

/// What an expression compiles to instead of itself.
#[derive(Debug, Clone)]
pub enum Fold {
    /// A constant.
    Constant(Constant),
    /// `not (a is b)` and friends: the comparison with its operator
    /// inverted.
    InvertedCompare,
    /// A list iterated over or tested with `in`: built as a tuple.
    ListAsTuple,
    /// `'...%s...' % (a, b)`: compiled as the f-string it equals
    /// (`optimize_format`).
    Format(Vec<FormatPart>),
}

/// A piece of a `%`-format compiled as an f-string.
#[derive(Debug, Clone)]
pub enum FormatPart {
    Literal(String),
    /// The `index`th element of the operand tuple, converted with `s`,
    /// `r` or `a`, with an optional format spec (`>5`, `.3`).
    Value {
        index: usize,
        conversion: char,
        spec: Option<String>,
    },
}

/// The folds of one module, by expression address (the AST must not move
/// while they are used).
#[derive(Debug, Default)]
pub struct Folded {
    folds: FxHashMap<usize, Fold>,
    /// The `.generic_base` name each generic class passes to its base
    /// list, by class address.
    generic_bases: FxHashMap<usize, Expr>,
}

impl Folded {
    pub fn of(module: &molt_ast::Mod) -> Folded {
        let mut folder = Folder::default();
        match module {
            molt_ast::Mod::Module(m) => folder.visit_stmts(&m.body),
            molt_ast::Mod::Interactive(m) => folder.visit_stmts(&m.body),
            molt_ast::Mod::Expression(e) => folder.visit_expr(&e.body),
            molt_ast::Mod::FunctionType(_) => {}
        }
        folder.folded
    }

    pub fn get(&self, e: &Expr) -> Option<&Fold> {
        if self.folds.is_empty() {
            return None;
        }
        self.folds.get(&(e as *const Expr as usize))
    }

    /// The hidden `.generic_base` argument of a generic class.
    pub fn generic_base(&self, class: &molt_ast::ClassDef) -> &Expr {
        &self.generic_bases[&(class as *const molt_ast::ClassDef as usize)]
    }
}

#[derive(Default)]
struct Folder {
    folded: Folded,
}

impl Folder {
    fn visit_stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.visit_stmt(s);
        }
    }

    fn set(&mut self, e: &Expr, fold: Fold) {
        self.folded.folds.insert(e as *const Expr as usize, fold);
    }

    /// The constant an (already visited) expression is.
    fn value(&self, e: &Expr) -> Option<Constant> {
        match self.folded.get(e) {
            Some(Fold::Constant(c)) => Some(c.clone()),
            Some(_) => None,
            None => match e {
                Expr::Constant(c) => Some(Constant::from(c.value.clone())),
                _ => None,
            },
        }
    }

    /// `fold_iter`: a list or set literal that is only iterated over.
    fn fold_iter(&mut self, e: &Expr) {
        match e {
            Expr::List(l) if !has_starred(&l.elts) => {
                let items: Option<Vec<Constant>> = l.elts.iter().map(|x| self.value(x)).collect();
                match items {
                    Some(items) => self.set(e, Fold::Constant(Constant::Tuple(items))),
                    None => self.set(e, Fold::ListAsTuple),
                }
            }
            Expr::Set(s) => {
                let items: Option<Vec<Constant>> = s.elts.iter().map(|x| self.value(x)).collect();
                if let Some(items) = items {
                    self.set(e, Fold::Constant(frozenset(items)));
                }
            }
            _ => {}
        }
    }

    fn fold(&mut self, e: &Expr) {
        match e {
            Expr::UnaryOp(u) => match self.value(&u.operand) {
                Some(v) => {
                    if let Some(r) = unary(u.op, &v) {
                        self.set(e, Fold::Constant(r));
                    }
                }
                None => {
                    if u.op == UnaryOperator::Not
                        && let Expr::Compare(c) = &*u.operand
                        && c.ops.len() == 1
                        && matches!(
                            c.ops[0],
                            CmpOperator::Is
                                | CmpOperator::IsNot
                                | CmpOperator::In
                                | CmpOperator::NotIn
                        )
                    {
                        self.set(e, Fold::InvertedCompare);
                    }
                }
            },
            Expr::BinOp(b) => {
                if b.op == Operator::Mod
                    && let Some(Constant::Str(format)) = self.value(&b.left)
                    && let Expr::Tuple(t) = &*b.right
                    && self.folded.get(&b.right).is_none()
                    && !has_starred(&t.elts)
                {
                    if let Some(parts) = optimize_format(&format, t.elts.len()) {
                        self.set(e, Fold::Format(parts));
                    }
                    return;
                }
                if let (Some(l), Some(r)) = (self.value(&b.left), self.value(&b.right))
                    && let Some(v) = binary(b.op, &l, &r)
                {
                    self.set(e, Fold::Constant(v));
                }
            }
            Expr::Tuple(t) if t.ctx == ExprContext::Load => {
                let items: Option<Vec<Constant>> = t.elts.iter().map(|x| self.value(x)).collect();
                if let Some(items) = items {
                    self.set(e, Fold::Constant(Constant::Tuple(items)));
                }
            }
            Expr::Subscript(s) if s.ctx == ExprContext::Load => {
                if let (Some(v), Some(i)) = (self.value(&s.value), self.value(&s.slice))
                    && let Some(r) = subscript(&v, &i)
                {
                    self.set(e, Fold::Constant(r));
                }
            }
            Expr::Name(Name { id, ctx, .. }) if id == "__debug__" && *ctx == ExprContext::Load => {
                self.set(e, Fold::Constant(Constant::Bool(true)));
            }
            Expr::Compare(c) => {
                if let (Some(op), Some(last)) = (c.ops.last(), c.comparators.last())
                    && matches!(op, CmpOperator::In | CmpOperator::NotIn)
                {
                    self.fold_iter(last);
                }
            }
            Expr::ListComp(molt_ast::ListComp { generators, .. })
            | Expr::SetComp(molt_ast::SetComp { generators, .. })
            | Expr::DictComp(molt_ast::DictComp { generators, .. })
            | Expr::GeneratorExp(molt_ast::GeneratorExp { generators, .. }) => {
                for g in generators {
                    self.fold_iter(&g.iter);
                }
            }
            _ => {}
        }
    }
}

impl Visitor for Folder {
    fn visit_expr(&mut self, e: &Expr) {
        walk_expr(self, e);
        self.fold(e);
    }

    fn visit_stmt(&mut self, s: &Stmt) {
        molt_ast::visit::walk_stmt(self, s);
        match s {
            Stmt::For(f) => self.fold_iter(&f.iter),
            Stmt::AsyncFor(f) => self.fold_iter(&f.iter),
            Stmt::ClassDef(c) if !c.type_params.is_empty() => {
                let name = Expr::Name(Name {
                    id: ".generic_base".into(),
                    ctx: ExprContext::Load,
                    loc: c.loc,
                });
                self.folded
                    .generic_bases
                    .insert(c as *const molt_ast::ClassDef as usize, name);
            }
            _ => {}
        }
    }
}

fn has_starred(elts: &[Expr]) -> bool {
    elts.iter().any(|e| matches!(e, Expr::Starred(_)))
}

// ---- evaluation, as the objects' own methods would do it ----

/// A number, after bool-to-int promotion.
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn num(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(u8::from(*b)))),
        Constant::Int(i) => Some(Num::Int(i.clone())),
        Constant::Float(f) => Some(Num::Float(*f)),
        Constant::Complex { real, imag } => Some(Num::Complex(*real, *imag)),
        _ => None,
    }
}

fn int_to_float(i: &BigInt) -> Option<f64> {
    // Exact below 2**53; larger values would need CPython's rounding.
    let f = i.to_f64()?;
    (f.abs() < 9007199254740992.0).then_some(f)
}

fn as_float(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => int_to_float(i),
        Num::Float(f) => Some(*f),
        Num::Complex(..) => None,
    }
}

fn as_complex(n: &Num) -> Option<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Some((*r, *i)),
        other => as_float(other).map(|f| (f, 0.0)),
    }
}

/// A float result: `+`, `-`, `*` and `/` give infinities and NaNs
/// without an error, as C arithmetic does.
fn float(f: f64) -> Option<Constant> {
    Some(Constant::Float(f))
}

fn complex(real: f64, imag: f64) -> Option<Constant> {
    Some(Constant::Complex { real, imag })
}

fn bits(i: &BigInt) -> u64 {
    i.bits()
}

fn unary(op: UnaryOperator, v: &Constant) -> Option<Constant> {
    if op == UnaryOperator::Not {
        return Some(Constant::Bool(!v.is_truthy()));
    }
    let n = num(v)?;
    match (op, n) {
        (UnaryOperator::USub, Num::Int(i)) => Some(Constant::Int(-i)),
        (UnaryOperator::USub, Num::Float(f)) => Some(Constant::Float(-f)),
        (UnaryOperator::USub, Num::Complex(r, i)) => Some(Constant::Complex { real: -r, imag: -i }),
        (UnaryOperator::UAdd, Num::Int(i)) => Some(Constant::Int(i)),
        (UnaryOperator::UAdd, Num::Float(f)) => Some(Constant::Float(f)),
        (UnaryOperator::UAdd, Num::Complex(r, i)) => Some(Constant::Complex { real: r, imag: i }),
        (UnaryOperator::Invert, Num::Int(i)) => Some(Constant::Int(-i - 1)),
        _ => None,
    }
}

fn sequence_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.chars().count()),
        Constant::StrWithSurrogates(p) => Some(p.len()),
        Constant::Bytes(b) => Some(b.len()),
        Constant::Tuple(t) => Some(t.len()),
        _ => None,
    }
}

/// Items in a tuple, nested tuples counted (`const_folding_check_complexity`).
fn complexity_ok(c: &Constant, limit: i64) -> i64 {
    let mut limit = limit;
    if let Constant::Tuple(items) = c {
        limit -= items.len() as i64;
        for item in items {
            if limit < 0 {
                break;
            }
            limit = complexity_ok(item, limit);
        }
    }
    limit
}

fn repeat(seq: &Constant, n: &BigInt) -> Option<Constant> {
    let size = sequence_len(seq)?;
    let count = if n.is_negative() { 0 } else { n.to_usize()? };
    if let Some(per_item) = std::num::NonZeroUsize::new(size) {
        let limit = if matches!(seq, Constant::Tuple(_)) {
            MAX_COLLECTION_SIZE
        } else {
            MAX_STR_SIZE
        };
        if n.is_negative() || count > limit / per_item {
            return None;
        }
        if let Constant::Tuple(_) = seq
            && count > 0
            && complexity_ok(seq, (MAX_TOTAL_ITEMS / count) as i64) < 0
        {
            return None;
        }
    }
    Some(match seq {
        Constant::Str(s) => Constant::Str(s.repeat(count)),
        Constant::StrWithSurrogates(p) => Constant::StrWithSurrogates(p.repeat(count)),
        Constant::Bytes(b) => Constant::Bytes(b.repeat(count)),
        Constant::Tuple(t) => {
            Constant::Tuple(t.iter().cloned().cycle().take(t.len() * count).collect())
        }
        _ => return None,
    })
}

fn concat(l: &Constant, r: &Constant) -> Option<Constant> {
    match (l, r) {
        (Constant::Str(a), Constant::Str(b)) => Some(Constant::Str(format!("{a}{b}"))),
        (Constant::Bytes(a), Constant::Bytes(b)) => Some(Constant::Bytes([&a[..], b].concat())),
        (Constant::Tuple(a), Constant::Tuple(b)) => {
            Some(Constant::Tuple(a.iter().chain(b).cloned().collect()))
        }
        _ => None,
    }
}

fn binary(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    match op {
        Operator::Add => {
            if let Some(c) = concat(l, r) {
                return Some(c);
            }
            arith(
                l,
                r,
                |a, b| Some(a + b),
                |a, b| float(a + b),
                |a, b| complex(a.0 + b.0, a.1 + b.1),
            )
        }
        Operator::Sub => arith(
            l,
            r,
            |a, b| Some(a - b),
            |a, b| float(a - b),
            |a, b| complex(a.0 - b.0, a.1 - b.1),
        ),
        Operator::Mult => {
            match (l, r) {
                (Constant::Int(_) | Constant::Bool(_), s) if sequence_len(s).is_some() => {
                    let Some(Num::Int(n)) = num(l) else {
                        return None;
                    };
                    return repeat(s, &n);
                }
                (s, Constant::Int(_) | Constant::Bool(_)) if sequence_len(s).is_some() => {
                    let Some(Num::Int(n)) = num(r) else {
                        return None;
                    };
                    return repeat(s, &n);
                }
                _ => {}
            }
            arith(
                l,
                r,
                |a, b| {
                    if !a.is_zero() && !b.is_zero() && bits(&a) + bits(&b) > MAX_INT_SIZE {
                        return None;
                    }
                    Some(a * b)
                },
                |a, b| float(a * b),
                |a, b| complex(a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0),
            )
        }
        Operator::Div => {
            let (a, b) = (num(l)?, num(r)?);
            if matches!(a, Num::Complex(..)) || matches!(b, Num::Complex(..)) {
                let (a, b) = (as_complex(&a)?, as_complex(&b)?);
                return complex_div(a, b);
            }
            let (a, b) = (as_float(&a)?, as_float(&b)?);
            if b == 0.0 {
                return None;
            }
            float(a / b)
        }
        Operator::FloorDiv | Operator::Mod => {
            let (a, b) = (num(l)?, num(r)?);
            match (a, b) {
                (Num::Int(a), Num::Int(b)) => {
                    if b.is_zero() {
                        return None;
                    }
                    let (q, m) = floor_divmod(&a, &b);
                    Some(Constant::Int(if op == Operator::FloorDiv { q } else { m }))
                }
                (Num::Complex(..), _) | (_, Num::Complex(..)) => None,
                (a, b) => {
                    let (a, b) = (as_float(&a)?, as_float(&b)?);
                    if b == 0.0 {
                        return None;
                    }
                    let (q, m) = float_divmod(a, b);
                    float(if op == Operator::FloorDiv { q } else { m })
                }
            }
        }
        Operator::Pow => {
            let (a, b) = (num(l)?, num(r)?);
            match (a, b) {
                (Num::Int(a), Num::Int(b)) => {
                    if b.is_negative() {
                        if a.is_zero() {
                            return None;
                        }
                        let (x, y) = (int_to_float(&a)?, int_to_float(&b)?);
                        return float(x.powf(y));
                    }
                    if !a.is_zero() && b.is_positive() {
                        let e = b.to_u64()?;
                        if bits(&a) > MAX_INT_SIZE / e {
                            return None;
                        }
                    }
                    let e = b.to_u32()?;
                    Some(Constant::Int(num_traits::pow(a, e as usize)))
                }
                (a @ Num::Complex(..), b) | (a, b @ Num::Complex(..)) => {
                    complex_pow(as_complex(&a)?, as_complex(&b)?)
                }
                (a, b) => {
                    let (x, y) = (as_float(&a)?, as_float(&b)?);
                    if x == 0.0 && y < 0.0 {
                        return None;
                    }
                    if x < 0.0 && y.fract() != 0.0 {
                        return None;
                    }
                    let r = x.powf(y);
                    // `**` raises OverflowError where C's pow overflows.
                    (r.is_finite() || !x.is_finite() || !y.is_finite())
                        .then_some(())
                        .and_then(|()| float(r))
                }
            }
        }
        Operator::LShift | Operator::RShift => {
            let (Num::Int(a), Num::Int(b)) = (num(l)?, num(r)?) else {
                return None;
            };
            if b.is_negative() {
                return None;
            }
            if op == Operator::LShift {
                if !a.is_zero() && !b.is_zero() {
                    let w = b.to_u64()?;
                    if w > MAX_INT_SIZE || bits(&a) > MAX_INT_SIZE - w {
                        return None;
                    }
                }
                let w = b.to_usize()?;
                Some(Constant::Int(a << w))
            } else {
                let w = b.to_u64().unwrap_or(u64::MAX).min(1 << 20) as usize;
                Some(Constant::Int(a >> w))
            }
        }
        Operator::BitOr | Operator::BitXor | Operator::BitAnd => {
            if let (Constant::Bool(a), Constant::Bool(b)) = (l, r) {
                return Some(Constant::Bool(match op {
                    Operator::BitOr => a | b,
                    Operator::BitXor => a ^ b,
                    _ => a & b,
                }));
            }
            let (Num::Int(a), Num::Int(b)) = (num(l)?, num(r)?) else {
                return None;
            };
            Some(Constant::Int(match op {
                Operator::BitOr => a | b,
                Operator::BitXor => a ^ b,
                _ => a & b,
            }))
        }
        Operator::MatMult => None,
    }
}

fn arith(
    l: &Constant,
    r: &Constant,
    ints: impl Fn(BigInt, BigInt) -> Option<BigInt>,
    floats: impl Fn(f64, f64) -> Option<Constant>,
    complexes: impl Fn((f64, f64), (f64, f64)) -> Option<Constant>,
) -> Option<Constant> {
    let (a, b) = (num(l)?, num(r)?);
    match (&a, &b) {
        (Num::Int(x), Num::Int(y)) => ints(x.clone(), y.clone()).map(Constant::Int),
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            complexes(as_complex(&a)?, as_complex(&b)?)
        }
        _ => floats(as_float(&a)?, as_float(&b)?),
    }
}

/// Python's `//` and `%` on ints: the quotient rounded down.
fn floor_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    use num_integer::Integer;
    a.div_mod_floor(b)
}

/// Python's `divmod` on floats (`float_divmod`).
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0_f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `_Py_c_quot`: complex division as CPython does it.
fn complex_div(a: (f64, f64), b: (f64, f64)) -> Option<Constant> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        complex((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom)
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        complex((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom)
    } else {
        None
    }
}

/// `complex.__pow__`: integer exponents up to 100 by repeated squaring
/// (`c_powi`), others through polar form (`_Py_c_pow`).
fn complex_pow(a: (f64, f64), b: (f64, f64)) -> Option<Constant> {
    let mul = |x: (f64, f64), y: (f64, f64)| (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0);
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let powu = |mut x: (f64, f64), n: u64| {
            let mut r = (1.0, 0.0);
            let mut mask = 1u64;
            while mask > 0 && n >= mask {
                if n & mask != 0 {
                    r = mul(r, x);
                }
                mask <<= 1;
                x = mul(x, x);
            }
            r
        };
        if n > 0 {
            powu(a, n as u64)
        } else {
            let p = powu(a, n.unsigned_abs());
            match complex_div((1.0, 0.0), p)? {
                Constant::Complex { real, imag } => (real, imag),
                _ => return None,
            }
        }
    } else if b == (0.0, 0.0) {
        (1.0, 0.0)
    } else if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    (r.0.is_finite() && r.1.is_finite()).then_some(Constant::Complex {
        real: r.0,
        imag: r.1,
    })
}

fn subscript(v: &Constant, i: &Constant) -> Option<Constant> {
    let Some(Num::Int(index)) = num(i) else {
        return None;
    };
    if matches!(i, Constant::Float(_) | Constant::Complex { .. }) {
        return None;
    }
    let len = sequence_len(v)? as i64;
    let mut k = index.to_i64()?;
    if k < 0 {
        k += len;
    }
    if k < 0 || k >= len {
        return None;
    }
    let k = k as usize;
    Some(match v {
        Constant::Str(s) => Constant::Str(s.chars().nth(k)?.to_string()),
        Constant::Bytes(b) => Constant::Int(b[k].into()),
        Constant::Tuple(t) => t[k].clone(),
        _ => return None,
    })
}

/// `optimize_format`: the parts of a `%`-format whose conversions are all
/// `%s`, `%r` or `%a` (with width and precision), one per operand.
fn optimize_format(format: &str, operands: usize) -> Option<Vec<FormatPart>> {
    let chars: Vec<char> = format.chars().collect();
    let mut parts = Vec::new();
    let mut pos = 0;
    let mut used = 0;
    loop {
        // A literal run, `%%` read as `%`.
        let start = pos;
        let mut literal = String::new();
        while pos < chars.len() {
            if chars[pos] != '%' {
                literal.push(chars[pos]);
                pos += 1;
            } else if pos + 1 < chars.len() && chars[pos + 1] == '%' {
                literal.push('%');
                pos += 2;
            } else {
                break;
            }
        }
        if pos > start {
            parts.push(FormatPart::Literal(literal));
        }
        if pos >= chars.len() {
            break;
        }
        if used >= operands {
            return None;
        }
        pos += 1;
        let (conversion, spec) = simple_format_arg(&chars, &mut pos)?;
        parts.push(FormatPart::Value {
            index: used,
            conversion,
            spec,
        });
        used += 1;
    }
    (used == operands).then_some(parts)
}

/// `simple_format_arg_parse` and `parse_format`: flags, a width and a
/// precision of at most two digits each, then `s`, `r` or `a`.
fn simple_format_arg(chars: &[char], pos: &mut usize) -> Option<(char, Option<String>)> {
    let mut next = || {
        let c = chars.get(*pos).copied();
        *pos += 1;
        c
    };
    let mut ljust = false;
    let mut ch = next()?;
    while matches!(ch, '-' | '+' | ' ' | '#' | '0') {
        ljust |= ch == '-';
        ch = next()?;
    }
    let mut width: Option<u32> = None;
    if ch.is_ascii_digit() {
        let mut w = 0;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            w = w * 10 + ch.to_digit(10)?;
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
        width = Some(w);
    }
    let mut precision: Option<u32> = None;
    if ch == '.' {
        ch = next()?;
        let mut p = 0;
        if ch.is_ascii_digit() {
            let mut digits = 0;
            while ch.is_ascii_digit() {
                p = p * 10 + ch.to_digit(10)?;
                ch = next()?;
                digits += 1;
                if digits >= 3 {
                    return None;
                }
            }
        }
        precision = Some(p);
    }
    if !matches!(ch, 's' | 'r' | 'a') {
        return None;
    }
    let mut spec = String::new();
    if !ljust && width.is_some_and(|w| w > 0) {
        spec.push('>');
    }
    if let Some(w) = width {
        spec.push_str(&w.to_string());
    }
    if let Some(p) = precision {
        spec.push_str(&format!(".{p}"));
    }
    Some((ch, (!spec.is_empty()).then_some(spec)))
}

/// A frozenset constant, its elements in the order of their reprs: the
/// order CPython shows follows randomized string hashing, so molt picks
/// one that does not change.
pub fn frozenset(items: Vec<Constant>) -> Constant {
    let mut keyed: Vec<(String, Constant)> = Vec::with_capacity(items.len());
    for item in items {
        if !keyed.iter().any(|(_, c)| py_eq(c, &item)) {
            keyed.push((item.repr(), item));
        }
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Constant::FrozenSet(keyed.into_iter().map(|(_, c)| c).collect())
}

/// `==` between constants as Python sees it (`1 == 1.0 == True`), for the
/// elements a set keeps.
fn py_eq(a: &Constant, b: &Constant) -> bool {
    match (num(a), num(b)) {
        (Some(x), Some(y)) => match (x, y) {
            (Num::Int(i), Num::Int(j)) => i == j,
            (Num::Complex(r, i), other) | (other, Num::Complex(r, i)) => {
                i == 0.0 && num_eq_float(&other, r)
            }
            (Num::Float(f), other) | (other, Num::Float(f)) => num_eq_float(&other, f),
        },
        (None, None) => match (a, b) {
            (Constant::Tuple(x), Constant::Tuple(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
            }
            _ => a.is_same(b),
        },
        _ => false,
    }
}

fn num_eq_float(n: &Num, f: f64) -> bool {
    match n {
        Num::Int(i) => {
            f.fract() == 0.0
                && f.is_finite()
                && num_bigint::BigInt::from(f as i128) == *i
                && f.abs() < 1e38
        }
        Num::Float(g) => *g == f,
        Num::Complex(r, i) => *i == 0.0 && *r == f,
    }
}
