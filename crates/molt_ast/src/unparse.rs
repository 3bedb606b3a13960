//! `ast.unparse`, as CPython 3.13 writes it: the same precedence rules,
//! parentheses, quote choices and spacing (`Lib/ast.py`'s `_Unparser`).

use crate::*;
use molt_syntax::pyrepr::push_code_points_repr;
use molt_syntax::unicode::is_printable;

/// Operator precedence, loosest first (CPython's `_Precedence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    NamedExpr,
    Tuple,
    Yield,
    Test,
    Or,
    And,
    Not,
    Cmp,
    Bor,
    Bxor,
    Band,
    Shift,
    Arith,
    Term,
    Factor,
    Power,
    Await,
    Atom,
}

impl Prec {
    fn next(self) -> Prec {
        use Prec::*;
        match self {
            NamedExpr => Tuple,
            Tuple => Yield,
            Yield => Test,
            Test => Or,
            Or => And,
            And => Not,
            Not => Cmp,
            Cmp => Bor,
            Bor => Bxor,
            Bxor => Band,
            Band => Shift,
            Shift => Arith,
            Arith => Term,
            Term => Factor,
            Factor => Power,
            Power => Await,
            Await | Atom => Atom,
        }
    }
}

const SINGLE_QUOTES: [&str; 2] = ["'", "\""];
const MULTI_QUOTES: [&str; 2] = ["\"\"\"", "'''"];
const ALL_QUOTES: [&str; 4] = ["'", "\"", "\"\"\"", "'''"];
/// An overflowing literal for infinity (`1e` + (max_10_exp + 1)).
const INFSTR: &str = "1e309";

/// `ast.unparse(module)`.
pub fn unparse(module: &Module) -> String {
    let mut u = Unparser::default();
    u.body_with_docstring(&module.body);
    u.out
}

/// `ast.unparse(expression)`.
pub fn unparse_expr(expr: &Expr) -> String {
    let mut u = Unparser::default();
    u.expr(expr, Prec::Test);
    u.out
}

#[derive(Default)]
struct Unparser {
    out: String,
    indent: usize,
    in_try_star: bool,
}

impl Unparser {
    fn write(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn fill(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
    }

    fn maybe_newline(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    fn block(&mut self, body: &[Stmt]) {
        self.write(":");
        self.indent += 1;
        for s in body {
            self.stmt(s);
        }
        self.indent -= 1;
    }

    fn docstring(body: &[Stmt]) -> Option<&Constant> {
        match body.first() {
            Some(Stmt::Expr(ExprStmt { value, .. })) => match &**value {
                Expr::Constant(c)
                    if matches!(c.value, Value::Str(_) | Value::StrWithSurrogates(_)) =>
                {
                    Some(c)
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn body_with_docstring(&mut self, body: &[Stmt]) {
        match Self::docstring(body) {
            Some(doc) => {
                self.fill("");
                if doc.kind.as_deref() == Some("u") {
                    self.write("u");
                }
                let points = code_points(&doc.value);
                let (text, quotes) = str_literal_helper(&points, &MULTI_QUOTES, false);
                let q = quotes[0];
                self.write(&format!("{q}{text}{q}"));
                for s in &body[1..] {
                    self.stmt(s);
                }
            }
            None => {
                for s in body {
                    self.stmt(s);
                }
            }
        }
    }

    fn block_with_docstring(&mut self, body: &[Stmt]) {
        self.write(":");
        self.indent += 1;
        self.body_with_docstring(body);
        self.indent -= 1;
    }

    fn comma_list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.write(", ");
            }
            f(self, item);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) => {
                self.fill("");
                self.expr(&e.value, Prec::Yield);
            }
            Stmt::Import(i) => {
                self.fill("import ");
                self.comma_list(&i.names, |u, a| u.alias(a));
            }
            Stmt::ImportFrom(i) => {
                self.fill("from ");
                self.write(&".".repeat(i.level.unwrap_or(0) as usize));
                if let Some(m) = &i.module {
                    self.write(m);
                }
                self.write(" import ");
                self.comma_list(&i.names, |u, a| u.alias(a));
            }
            Stmt::Assign(a) => {
                self.fill("");
                for t in &a.targets {
                    self.expr(t, Prec::Tuple);
                    self.write(" = ");
                }
                self.expr(&a.value, Prec::Test);
            }
            Stmt::AugAssign(a) => {
                self.fill("");
                self.expr(&a.target, Prec::Test);
                self.write(&format!(" {}= ", binop(a.op).0));
                self.expr(&a.value, Prec::Test);
            }
            Stmt::AnnAssign(a) => {
                self.fill("");
                let parens = a.simple == 0 && matches!(*a.target, Expr::Name(_));
                if parens {
                    self.write("(");
                }
                self.expr(&a.target, Prec::Test);
                if parens {
                    self.write(")");
                }
                self.write(": ");
                self.expr(&a.annotation, Prec::Test);
                if let Some(v) = &a.value {
                    self.write(" = ");
                    self.expr(v, Prec::Test);
                }
            }
            Stmt::Return(r) => {
                self.fill("return");
                if let Some(v) = &r.value {
                    self.write(" ");
                    self.expr(v, Prec::Test);
                }
            }
            Stmt::Pass(_) => self.fill("pass"),
            Stmt::Break(_) => self.fill("break"),
            Stmt::Continue(_) => self.fill("continue"),
            Stmt::Delete(d) => {
                self.fill("del ");
                self.comma_list(&d.targets, |u, t| u.expr(t, Prec::Test));
            }
            Stmt::Assert(a) => {
                self.fill("assert ");
                self.expr(&a.test, Prec::Test);
                if let Some(m) = &a.msg {
                    self.write(", ");
                    self.expr(m, Prec::Test);
                }
            }
            Stmt::Global(g) => {
                self.fill("global ");
                self.write(&g.names.join(", "));
            }
            Stmt::Nonlocal(g) => {
                self.fill("nonlocal ");
                self.write(&g.names.join(", "));
            }
            Stmt::Raise(r) => {
                self.fill("raise");
                if let Some(e) = &r.exc {
                    self.write(" ");
                    self.expr(e, Prec::Test);
                    if let Some(c) = &r.cause {
                        self.write(" from ");
                        self.expr(c, Prec::Test);
                    }
                }
            }
            Stmt::Try(t) => self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody, false),
            Stmt::TryStar(t) => self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody, true),
            Stmt::ClassDef(c) => {
                self.maybe_newline();
                for d in &c.decorator_list {
                    self.fill("@");
                    self.expr(d, Prec::Test);
                }
                self.fill(&format!("class {}", c.name));
                self.type_params(&c.type_params);
                if !c.bases.is_empty() || !c.keywords.is_empty() {
                    self.write("(");
                    self.comma_list(&c.bases, |u, b| u.expr(b, Prec::Test));
                    if !c.bases.is_empty() && !c.keywords.is_empty() {
                        self.write(", ");
                    }
                    self.comma_list(&c.keywords, |u, k| u.keyword(k));
                    self.write(")");
                }
                self.block_with_docstring(&c.body);
            }
            Stmt::FunctionDef(f) => self.function(
                f.decorator_list.as_slice(),
                "def",
                &f.name,
                &f.type_params,
                &f.args,
                f.returns.as_deref(),
                &f.body,
            ),
            Stmt::AsyncFunctionDef(f) => self.function(
                f.decorator_list.as_slice(),
                "async def",
                &f.name,
                &f.type_params,
                &f.args,
                f.returns.as_deref(),
                &f.body,
            ),
            Stmt::TypeAlias(t) => {
                self.fill("type ");
                self.expr(&t.name, Prec::Test);
                self.type_params(&t.type_params);
                self.write(" = ");
                self.expr(&t.value, Prec::Test);
            }
            Stmt::For(f) => self.for_stmt("for ", &f.target, &f.iter, &f.body, &f.orelse),
            Stmt::AsyncFor(f) => {
                self.for_stmt("async for ", &f.target, &f.iter, &f.body, &f.orelse)
            }
            Stmt::If(i) => {
                self.fill("if ");
                self.expr(&i.test, Prec::Test);
                self.block(&i.body);
                let mut orelse = &i.orelse;
                while let [Stmt::If(inner)] = orelse.as_slice() {
                    self.fill("elif ");
                    self.expr(&inner.test, Prec::Test);
                    self.block(&inner.body);
                    orelse = &inner.orelse;
                }
                if !orelse.is_empty() {
                    self.fill("else");
                    self.block(orelse);
                }
            }
            Stmt::While(w) => {
                self.fill("while ");
                self.expr(&w.test, Prec::Test);
                self.block(&w.body);
                if !w.orelse.is_empty() {
                    self.fill("else");
                    self.block(&w.orelse);
                }
            }
            Stmt::With(w) => {
                self.fill("with ");
                self.comma_list(&w.items, |u, i| u.with_item(i));
                self.block(&w.body);
            }
            Stmt::AsyncWith(w) => {
                self.fill("async with ");
                self.comma_list(&w.items, |u, i| u.with_item(i));
                self.block(&w.body);
            }
            Stmt::Match(m) => {
                self.fill("match ");
                self.expr(&m.subject, Prec::Test);
                self.write(":");
                self.indent += 1;
                for case in &m.cases {
                    self.fill("case ");
                    self.pattern(&case.pattern, Prec::Test);
                    if let Some(g) = &case.guard {
                        self.write(" if ");
                        self.expr(g, Prec::Test);
                    }
                    self.block(&case.body);
                }
                self.indent -= 1;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn function(
        &mut self,
        decorators: &[Expr],
        keyword: &str,
        name: &str,
        type_params: &[TypeParam],
        args: &Arguments,
        returns: Option<&Expr>,
        body: &[Stmt],
    ) {
        self.maybe_newline();
        for d in decorators {
            self.fill("@");
            self.expr(d, Prec::Test);
        }
        self.fill(&format!("{keyword} {name}"));
        self.type_params(type_params);
        self.write("(");
        self.arguments(args);
        self.write(")");
        if let Some(r) = returns {
            self.write(" -> ");
            self.expr(r, Prec::Test);
        }
        self.block_with_docstring(body);
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        star: bool,
    ) {
        let outer = std::mem::replace(&mut self.in_try_star, star);
        self.fill("try");
        self.block(body);
        for h in handlers {
            self.fill(if self.in_try_star {
                "except*"
            } else {
                "except"
            });
            if let Some(t) = &h.type_ {
                self.write(" ");
                self.expr(t, Prec::Test);
            }
            if let Some(n) = &h.name {
                self.write(" as ");
                self.write(n);
            }
            self.block(&h.body);
        }
        if !orelse.is_empty() {
            self.fill("else");
            self.block(orelse);
        }
        if !finalbody.is_empty() {
            self.fill("finally");
            self.block(finalbody);
        }
        self.in_try_star = outer;
    }

    fn for_stmt(
        &mut self,
        keyword: &str,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) {
        self.fill(keyword);
        self.expr(target, Prec::Tuple);
        self.write(" in ");
        self.expr(iter, Prec::Test);
        self.block(body);
        if !orelse.is_empty() {
            self.fill("else");
            self.block(orelse);
        }
    }

    fn type_params(&mut self, params: &[TypeParam]) {
        if params.is_empty() {
            return;
        }
        self.write("[");
        self.comma_list(params, |u, p| match p {
            TypeParam::TypeVar(t) => {
                u.write(&t.name);
                if let Some(b) = &t.bound {
                    u.write(": ");
                    u.expr(b, Prec::Test);
                }
                if let Some(d) = &t.default_value {
                    u.write(" = ");
                    u.expr(d, Prec::Test);
                }
            }
            TypeParam::TypeVarTuple(t) => {
                u.write(&format!("*{}", t.name));
                if let Some(d) = &t.default_value {
                    u.write(" = ");
                    u.expr(d, Prec::Test);
                }
            }
            TypeParam::ParamSpec(t) => {
                u.write(&format!("**{}", t.name));
                if let Some(d) = &t.default_value {
                    u.write(" = ");
                    u.expr(d, Prec::Test);
                }
            }
        });
        self.write("]");
    }

    fn alias(&mut self, a: &Alias) {
        self.write(&a.name);
        if let Some(asname) = &a.asname {
            self.write(&format!(" as {asname}"));
        }
    }

    fn with_item(&mut self, item: &Withitem) {
        self.expr(&item.context_expr, Prec::Test);
        if let Some(v) = &item.optional_vars {
            self.write(" as ");
            self.expr(v, Prec::Test);
        }
    }

    fn keyword(&mut self, k: &Keyword) {
        match &k.arg {
            None => self.write("**"),
            Some(arg) => {
                self.write(arg);
                self.write("=");
            }
        }
        self.expr(&k.value, Prec::Test);
    }

    fn arg(&mut self, a: &Arg) {
        self.write(&a.arg);
        if let Some(ann) = &a.annotation {
            self.write(": ");
            self.expr(ann, Prec::Test);
        }
    }

    fn arguments(&mut self, args: &Arguments) {
        let mut first = true;
        let all: Vec<&Arg> = args.posonlyargs.iter().chain(&args.args).collect();
        let missing = all.len() - args.defaults.len();
        for (index, a) in all.iter().enumerate() {
            if !first {
                self.write(", ");
            }
            first = false;
            self.arg(a);
            if index >= missing {
                self.write("=");
                self.expr(&args.defaults[index - missing], Prec::Test);
            }
            if index + 1 == args.posonlyargs.len() {
                self.write(", /");
            }
        }
        if args.vararg.is_some() || !args.kwonlyargs.is_empty() {
            if !first {
                self.write(", ");
            }
            first = false;
            self.write("*");
            if let Some(v) = &args.vararg {
                self.write(&v.arg);
                if let Some(ann) = &v.annotation {
                    self.write(": ");
                    self.expr(ann, Prec::Test);
                }
            }
        }
        for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            self.write(", ");
            self.arg(a);
            if let Some(d) = d {
                self.write("=");
                self.expr(d, Prec::Test);
            }
        }
        if let Some(k) = &args.kwarg {
            if !first {
                self.write(", ");
            }
            self.write(&format!("**{}", k.arg));
            if let Some(ann) = &k.annotation {
                self.write(": ");
                self.expr(ann, Prec::Test);
            }
        }
    }

    /// Write `e` where the context binds at `prec`: parenthesized if `e`
    /// binds more loosely.
    fn parens(&mut self, needed: bool, f: impl FnOnce(&mut Self)) {
        if needed {
            self.write("(");
        }
        f(self);
        if needed {
            self.write(")");
        }
    }

    fn expr(&mut self, e: &Expr, prec: Prec) {
        match e {
            Expr::Name(n) => self.write(&n.id),
            Expr::Constant(c) => {
                if matches!(c.value, Value::Ellipsis) {
                    self.write("...");
                } else {
                    if c.kind.as_deref() == Some("u") {
                        self.write("u");
                    }
                    self.constant(&c.value);
                }
            }
            Expr::NamedExpr(n) => self.parens(prec > Prec::NamedExpr, |u| {
                u.expr(&n.target, Prec::Atom);
                u.write(" := ");
                u.expr(&n.value, Prec::Atom);
            }),
            Expr::Await(a) => self.parens(prec > Prec::Await, |u| {
                u.write("await ");
                u.expr(&a.value, Prec::Atom);
            }),
            Expr::Yield(y) => self.parens(prec > Prec::Yield, |u| {
                u.write("yield");
                if let Some(v) = &y.value {
                    u.write(" ");
                    u.expr(v, Prec::Atom);
                }
            }),
            Expr::YieldFrom(y) => self.parens(prec > Prec::Yield, |u| {
                u.write("yield from ");
                u.expr(&y.value, Prec::Atom);
            }),
            Expr::List(l) => {
                self.write("[");
                self.comma_list(&l.elts, |u, e| u.expr(e, Prec::Test));
                self.write("]");
            }
            Expr::ListComp(c) => self.comprehension("[", &c.elt, None, &c.generators, "]"),
            Expr::GeneratorExp(c) => self.comprehension("(", &c.elt, None, &c.generators, ")"),
            Expr::SetComp(c) => self.comprehension("{", &c.elt, None, &c.generators, "}"),
            Expr::DictComp(c) => {
                self.comprehension("{", &c.key, Some(&c.value), &c.generators, "}")
            }
            Expr::IfExp(i) => self.parens(prec > Prec::Test, |u| {
                u.expr(&i.body, Prec::Test.next());
                u.write(" if ");
                u.expr(&i.test, Prec::Test.next());
                u.write(" else ");
                u.expr(&i.orelse, Prec::Test);
            }),
            Expr::Set(s) => {
                if s.elts.is_empty() {
                    self.write("{*()}");
                } else {
                    self.write("{");
                    self.comma_list(&s.elts, |u, e| u.expr(e, Prec::Test));
                    self.write("}");
                }
            }
            Expr::Dict(d) => {
                self.write("{");
                let pairs: Vec<(&Option<Expr>, &Expr)> = d.keys.iter().zip(&d.values).collect();
                self.comma_list(&pairs, |u, (k, v)| match k {
                    None => {
                        u.write("**");
                        u.expr(v, Prec::Bor);
                    }
                    Some(k) => {
                        u.expr(k, Prec::Test);
                        u.write(": ");
                        u.expr(v, Prec::Test);
                    }
                });
                self.write("}");
            }
            Expr::Tuple(t) => self.parens(t.elts.is_empty() || prec > Prec::Tuple, |u| {
                u.items_view(&t.elts)
            }),
            Expr::UnaryOp(un) => {
                let (op, op_prec) = match un.op {
                    UnaryOperator::Not => ("not", Prec::Not),
                    UnaryOperator::Invert => ("~", Prec::Factor),
                    UnaryOperator::UAdd => ("+", Prec::Factor),
                    UnaryOperator::USub => ("-", Prec::Factor),
                };
                self.parens(prec > op_prec, |u| {
                    u.write(op);
                    if op_prec != Prec::Factor {
                        u.write(" ");
                    }
                    u.expr(&un.operand, op_prec);
                });
            }
            Expr::BinOp(b) => {
                let (op, op_prec) = binop(b.op);
                let (left, right) = if op == "**" {
                    (op_prec.next(), op_prec)
                } else {
                    (op_prec, op_prec.next())
                };
                self.parens(prec > op_prec, |u| {
                    u.expr(&b.left, left);
                    u.write(&format!(" {op} "));
                    u.expr(&b.right, right);
                });
            }
            Expr::Compare(c) => self.parens(prec > Prec::Cmp, |u| {
                u.expr(&c.left, Prec::Cmp.next());
                for (op, right) in c.ops.iter().zip(&c.comparators) {
                    u.write(&format!(" {} ", cmpop(*op)));
                    u.expr(right, Prec::Cmp.next());
                }
            }),
            Expr::BoolOp(b) => {
                let (op, mut op_prec) = match b.op {
                    BoolOperator::And => ("and", Prec::And),
                    BoolOperator::Or => ("or", Prec::Or),
                };
                self.parens(prec > op_prec, |u| {
                    for (i, v) in b.values.iter().enumerate() {
                        if i > 0 {
                            u.write(&format!(" {op} "));
                        }
                        op_prec = op_prec.next();
                        u.expr(v, op_prec);
                    }
                });
            }
            Expr::Attribute(a) => {
                self.expr(&a.value, Prec::Atom);
                // `3.real` would not parse: `3 .real` (bools are ints too).
                if let Expr::Constant(Constant {
                    value: Value::Int(_) | Value::Bool(_),
                    ..
                }) = &*a.value
                {
                    self.write(" ");
                }
                self.write(".");
                self.write(&a.attr);
            }
            Expr::Call(c) => {
                self.expr(&c.func, Prec::Atom);
                self.write("(");
                self.comma_list(&c.args, |u, a| u.expr(a, Prec::Test));
                if !c.args.is_empty() && !c.keywords.is_empty() {
                    self.write(", ");
                }
                self.comma_list(&c.keywords, |u, k| u.keyword(k));
                self.write(")");
            }
            Expr::Subscript(s) => {
                self.expr(&s.value, Prec::Atom);
                self.write("[");
                match &*s.slice {
                    Expr::Tuple(t) if !t.elts.is_empty() => self.items_view(&t.elts),
                    slice => self.expr(slice, Prec::Test),
                }
                self.write("]");
            }
            Expr::Starred(s) => {
                self.write("*");
                self.expr(&s.value, Prec::Bor);
            }
            Expr::Slice(s) => {
                if let Some(l) = &s.lower {
                    self.expr(l, Prec::Test);
                }
                self.write(":");
                if let Some(up) = &s.upper {
                    self.expr(up, Prec::Test);
                }
                if let Some(st) = &s.step {
                    self.write(":");
                    self.expr(st, Prec::Test);
                }
            }
            Expr::Lambda(l) => self.parens(prec > Prec::Test, |u| {
                u.write("lambda");
                let mut inner = Unparser::default();
                inner.arguments(&l.args);
                if !inner.out.is_empty() {
                    u.write(" ");
                    u.write(&inner.out);
                }
                u.write(": ");
                u.expr(&l.body, Prec::Test);
            }),
            Expr::JoinedStr(j) => self.joined_str("f", &j.values),
            Expr::TemplateStr(t) => self.joined_str("t", &t.values),
            Expr::FormattedValue(f) => {
                self.formatted_value(&f.value, None, f.conversion, f.format_spec.as_deref())
            }
            Expr::Interpolation(i) => {
                let text = code_points(&i.str)
                    .iter()
                    .filter_map(|&p| char::from_u32(p))
                    .collect::<String>();
                self.formatted_value(
                    &i.value,
                    Some(&text),
                    i.conversion,
                    i.format_spec.as_deref(),
                )
            }
        }
    }

    fn items_view(&mut self, items: &[Expr]) {
        if items.len() == 1 {
            self.expr(&items[0], Prec::Test);
            self.write(",");
        } else {
            self.comma_list(items, |u, e| u.expr(e, Prec::Test));
        }
    }

    fn comprehension(
        &mut self,
        open: &str,
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[Comprehension],
        close: &str,
    ) {
        self.write(open);
        self.expr(elt, Prec::Test);
        if let Some(v) = value {
            self.write(": ");
            self.expr(v, Prec::Test);
        }
        for g in generators {
            self.write(if g.is_async != 0 {
                " async for "
            } else {
                " for "
            });
            self.expr(&g.target, Prec::Tuple);
            self.write(" in ");
            self.expr(&g.iter, Prec::Test.next());
            for cond in &g.ifs {
                self.write(" if ");
                self.expr(cond, Prec::Test.next());
            }
        }
        self.write(close);
    }

    fn constant(&mut self, value: &Value) {
        let text = match value {
            Value::Float(_) | Value::Complex { .. } => value
                .repr()
                .replace("inf", INFSTR)
                .replace("nan", &format!("({INFSTR}-{INFSTR})")),
            _ => value.repr(),
        };
        self.write(&text);
    }

    fn pattern(&mut self, p: &Pattern, prec: Prec) {
        match p {
            Pattern::MatchValue(v) => self.expr(&v.value, Prec::Test),
            Pattern::MatchSingleton(s) => self.constant(&s.value),
            Pattern::MatchSequence(s) => {
                self.write("[");
                self.comma_list(&s.patterns, |u, p| u.pattern(p, Prec::Test));
                self.write("]");
            }
            Pattern::MatchStar(s) => self.write(&format!("*{}", s.name.as_deref().unwrap_or("_"))),
            Pattern::MatchMapping(m) => {
                self.write("{");
                let pairs: Vec<(&Expr, &Pattern)> = m.keys.iter().zip(&m.patterns).collect();
                self.comma_list(&pairs, |u, (k, p)| {
                    u.expr(k, Prec::Test);
                    u.write(": ");
                    u.pattern(p, Prec::Test);
                });
                if let Some(rest) = &m.rest {
                    if !m.keys.is_empty() {
                        self.write(", ");
                    }
                    self.write(&format!("**{rest}"));
                }
                self.write("}");
            }
            Pattern::MatchClass(c) => {
                self.expr(&c.cls, Prec::Atom);
                self.write("(");
                self.comma_list(&c.patterns, |u, p| u.pattern(p, Prec::Test));
                if !c.kwd_attrs.is_empty() {
                    if !c.patterns.is_empty() {
                        self.write(", ");
                    }
                    let pairs: Vec<(&crate::Ident, &Pattern)> =
                        c.kwd_attrs.iter().zip(&c.kwd_patterns).collect();
                    self.comma_list(&pairs, |u, (a, p)| {
                        u.write(&format!("{a}="));
                        u.pattern(p, Prec::Test);
                    });
                }
                self.write(")");
            }
            Pattern::MatchAs(a) => match (&a.name, &a.pattern) {
                (None, _) => self.write("_"),
                (Some(name), None) => self.write(name),
                (Some(name), Some(inner)) => self.parens(prec > Prec::Test, |u| {
                    u.pattern(inner, Prec::Bor);
                    u.write(&format!(" as {name}"));
                }),
            },
            Pattern::MatchOr(o) => self.parens(prec > Prec::Bor, |u| {
                for (i, p) in o.patterns.iter().enumerate() {
                    if i > 0 {
                        u.write(" | ");
                    }
                    u.pattern(p, Prec::Bor.next());
                }
            }),
        }
    }

    /// An f-string (or, in 3.14, a t-string), choosing quotes that can
    /// hold every part.
    fn joined_str(&mut self, prefix: &str, values: &[Expr]) {
        self.write(prefix);
        // Each part, written as the inside of an f-string.
        let parts: Vec<(String, bool, Vec<u32>)> = values
            .iter()
            .map(|v| {
                let mut u = Unparser::default();
                u.fstring_inner(v, false);
                let constant = matches!(v, Expr::Constant(_));
                // A constant's text with braces doubled, as code points (it
                // may hold lone surrogates).
                let points = match v {
                    Expr::Constant(c) => code_points(&c.value)
                        .into_iter()
                        .flat_map(|p| {
                            if p == u32::from('{') || p == u32::from('}') {
                                vec![p, p]
                            } else {
                                vec![p]
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                (u.out, constant, points)
            })
            .collect();
        let mut quote_types: Vec<&str> = ALL_QUOTES.to_vec();
        let mut new_parts = Vec::new();
        let mut fallback = false;
        for (value, constant, points) in &parts {
            if *constant {
                let (escaped, new_quotes) = str_literal_helper(points, &quote_types, true);
                if new_quotes.iter().all(|q| !quote_types.contains(q)) {
                    fallback = true;
                    break;
                }
                quote_types = new_quotes;
                new_parts.push(escaped);
            } else {
                if value.contains('\n') {
                    quote_types.retain(|q| MULTI_QUOTES.contains(q));
                }
                new_parts.push(value.clone());
            }
        }
        if fallback {
            quote_types = vec!["'''"];
            new_parts.clear();
            for (value, constant, points) in &parts {
                if *constant {
                    let mut r = String::new();
                    let points: Vec<u32> = std::iter::once(u32::from('"'))
                        .chain(points.iter().copied())
                        .collect();
                    push_code_points_repr(&mut r, points.iter().copied());
                    new_parts.push(r[2..r.len() - 1].to_string());
                } else {
                    new_parts.push(value.clone());
                }
            }
        }
        let q = quote_types[0];
        self.write(&format!("{q}{}{q}", new_parts.concat()));
    }

    fn fstring_inner(&mut self, e: &Expr, format_spec: bool) {
        match e {
            Expr::JoinedStr(j) => {
                for v in &j.values {
                    self.fstring_inner(v, format_spec);
                }
            }
            Expr::Constant(c) => {
                let text: String = code_points(&c.value)
                    .iter()
                    .filter_map(|&p| char::from_u32(p))
                    .collect();
                let mut value = text.replace('{', "{{").replace('}', "}}");
                if format_spec {
                    value = value
                        .replace('\\', "\\\\")
                        .replace('\'', "\\'")
                        .replace('"', "\\\"")
                        .replace('\n', "\\n");
                }
                self.write(&value);
            }
            Expr::FormattedValue(_) | Expr::Interpolation(_) => self.expr(e, Prec::Test),
            _ => {}
        }
    }

    /// `{value!c:spec}`; an interpolation shows its expression as written.
    fn formatted_value(
        &mut self,
        value: &Expr,
        text: Option<&str>,
        conversion: i64,
        spec: Option<&Expr>,
    ) {
        self.write("{");
        let expr = match text {
            Some(text) => text.to_string(),
            None => {
                let mut inner = Unparser::default();
                inner.expr(value, Prec::Test.next());
                inner.out
            }
        };
        if expr.starts_with('{') {
            self.write(" ");
        }
        self.write(&expr);
        if conversion != -1 {
            self.write(&format!(
                "!{}",
                char::from_u32(conversion as u32).unwrap_or('?')
            ));
        }
        if let Some(spec) = spec {
            self.write(":");
            self.fstring_inner(spec, true);
        }
        self.write("}");
    }
}

fn code_points(value: &Value) -> Vec<u32> {
    match value {
        Value::Str(s) => s.chars().map(u32::from).collect(),
        Value::StrWithSurrogates(p) => p.clone(),
        _ => Vec::new(),
    }
}

/// `_str_literal_helper`: the escaped text and the quotes that can hold it,
/// best first.
fn str_literal_helper<'q>(
    string: &[u32],
    quote_types: &[&'q str],
    escape_special_whitespace: bool,
) -> (String, Vec<&'q str>) {
    let mut escaped = String::new();
    for &p in string {
        let c = char::from_u32(p);
        match c {
            Some(c @ ('\n' | '\t')) if !escape_special_whitespace => escaped.push(c),
            Some(c) if c != '\\' && is_printable(c) => escaped.push(c),
            Some('\\') => escaped.push_str("\\\\"),
            Some('\t') => escaped.push_str("\\t"),
            Some('\n') => escaped.push_str("\\n"),
            Some('\r') => escaped.push_str("\\r"),
            _ if p < 0x100 => escaped.push_str(&format!("\\x{p:02x}")),
            _ if p < 0x10000 => escaped.push_str(&format!("\\u{p:04x}")),
            _ => escaped.push_str(&format!("\\U{p:08x}")),
        }
    }
    let mut possible: Vec<&'q str> = quote_types.to_vec();
    if escaped.contains('\n') {
        possible.retain(|q| MULTI_QUOTES.contains(q));
    }
    possible.retain(|q| !escaped.contains(q));
    if possible.is_empty() {
        let mut r = String::new();
        push_code_points_repr(&mut r, string.iter().copied());
        let first = &r[..1];
        let quote = quote_types
            .iter()
            .copied()
            .find(|q| q.contains(first))
            .unwrap_or(if first == "'" { "'" } else { "\"" });
        return (r[1..r.len() - 1].to_string(), vec![quote]);
    }
    if let Some(last) = escaped.chars().last() {
        // Prefer quotes that do not end like the text (stable sort).
        possible.sort_by_key(|q| q.starts_with(last));
        if possible[0].starts_with(last) {
            escaped.pop();
            escaped.push('\\');
            escaped.push(last);
        }
    }
    let _ = SINGLE_QUOTES;
    (escaped, possible)
}

fn binop(op: Operator) -> (&'static str, Prec) {
    match op {
        Operator::Add => ("+", Prec::Arith),
        Operator::Sub => ("-", Prec::Arith),
        Operator::Mult => ("*", Prec::Term),
        Operator::MatMult => ("@", Prec::Term),
        Operator::Div => ("/", Prec::Term),
        Operator::Mod => ("%", Prec::Term),
        Operator::FloorDiv => ("//", Prec::Term),
        Operator::LShift => ("<<", Prec::Shift),
        Operator::RShift => (">>", Prec::Shift),
        Operator::BitOr => ("|", Prec::Bor),
        Operator::BitXor => ("^", Prec::Bxor),
        Operator::BitAnd => ("&", Prec::Band),
        Operator::Pow => ("**", Prec::Power),
    }
}

fn cmpop(op: CmpOperator) -> &'static str {
    match op {
        CmpOperator::Eq => "==",
        CmpOperator::NotEq => "!=",
        CmpOperator::Lt => "<",
        CmpOperator::LtE => "<=",
        CmpOperator::Gt => ">",
        CmpOperator::GtE => ">=",
        CmpOperator::Is => "is",
        CmpOperator::IsNot => "is not",
        CmpOperator::In => "in",
        CmpOperator::NotIn => "not in",
    }
}
