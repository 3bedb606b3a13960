//! Expressions (`compiler_visit_expr`), and conditions compiled as jumps
//! (`compiler_jump_if`).

use super::stmt::{binary_op, is_two_element_slice};
use super::{CResult, Compiler, STACK_USE_GUIDELINE};
use crate::constant::Constant;
use crate::fold::Fold;
use crate::instr::{Label, Loc};
use crate::opcode::*;
use molt_ast::{BoolOperator, CmpOperator, Expr, ExprContext, UnaryOperator};

/// Where an expression with `fold` is after CPython's AST optimizer:
/// `not (a in b)` became the comparison `a not in b`, with the
/// comparison's place.
fn located(fold: Option<&Fold>, e: &Expr) -> Loc {
    match (fold, e) {
        (Some(Fold::InvertedCompare), Expr::UnaryOp(u)) => Loc::of(u.operand.loc()),
        _ => Loc::of(e.loc()),
    }
}

impl<'a> Compiler<'a> {
    /// The constant an expression is after CPython's AST optimizer
    /// (a literal, or what constant folding made of it).
    pub(super) fn constant_of(&self, e: &Expr) -> Option<Constant> {
        match self.folded.get(e) {
            Some(Fold::Constant(c)) => Some(c.clone()),
            Some(Fold::InvertedCompare | Fold::ListAsTuple | Fold::Format(_)) => None,
            None => match e {
                Expr::Constant(c) => Some(Constant::from(c.value.clone())),
                _ => None,
            },
        }
    }

    /// Where an expression is after CPython's AST optimizer (see
    /// `located`).
    pub(super) fn folded_loc(&self, e: &Expr) -> Loc {
        located(self.folded.get(e), e)
    }

    pub(super) fn expr(&mut self, e: &'a Expr) -> CResult {
        let fold = self.folded.get(e);
        let loc = located(fold, e);
        match fold {
            Some(Fold::Constant(c)) => {
                let c = c.clone();
                self.load_const(c, loc);
                return Ok(());
            }
            Some(Fold::InvertedCompare) => {
                let Expr::UnaryOp(u) = e else {
                    unreachable!("only `not` of a comparison is inverted")
                };
                let Expr::Compare(cmp) = &*u.operand else {
                    unreachable!("only `not` of a comparison is inverted")
                };
                self.expr(&cmp.left)?;
                self.expr(&cmp.comparators[0])?;
                self.compare_op(invert(cmp.ops[0]), loc);
                return Ok(());
            }
            Some(Fold::Format(parts)) => {
                let Expr::BinOp(b) = e else {
                    unreachable!("only `%` is compiled as an f-string")
                };
                let Expr::Tuple(t) = &*b.right else {
                    unreachable!("the operands are a tuple")
                };
                return self.format_parts(parts, &t.elts, loc);
            }
            Some(Fold::ListAsTuple) => {
                let Expr::List(l) = e else {
                    unreachable!("only lists are built as tuples")
                };
                return self.starunpack(
                    &refs(&l.elts),
                    0,
                    [Opcode::BuildList, Opcode::ListAppend, Opcode::ListExtend],
                    true,
                    loc,
                );
            }
            None => {}
        }
        match e {
            Expr::NamedExpr(n) => {
                self.expr(&n.value)?;
                self.emit(Opcode::Copy, 1, loc);
                self.expr(&n.target)?;
            }
            Expr::BoolOp(b) => self.bool_op(b.op, &b.values, loc)?,
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Opcode::BinaryOp, binary_op(b.op), loc);
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                match u.op {
                    UnaryOperator::UAdd => {
                        self.emit(Opcode::CallIntrinsic1, INTRINSIC_UNARY_POSITIVE, loc)
                    }
                    UnaryOperator::Not => {
                        self.op(Opcode::ToBool, loc);
                        self.op(Opcode::UnaryNot, loc);
                    }
                    UnaryOperator::Invert => self.op(Opcode::UnaryInvert, loc),
                    UnaryOperator::USub => self.op(Opcode::UnaryNegative, loc),
                }
            }
            Expr::Lambda(l) => self.lambda(l, loc)?,
            Expr::IfExp(i) => {
                let [end, next] = self.new_labels();
                self.jump_if(&i.test, next, false)?;
                self.expr(&i.body)?;
                self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
                self.use_label(next);
                self.expr(&i.orelse)?;
                self.use_label(end);
            }
            Expr::Dict(d) => self.dict(d, loc)?,
            Expr::Set(s) => self.starunpack(
                &refs(&s.elts),
                0,
                [Opcode::BuildSet, Opcode::SetAdd, Opcode::SetUpdate],
                false,
                loc,
            )?,
            Expr::GeneratorExp(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                self.comprehension(e, loc)?
            }
            Expr::Yield(y) => {
                if !self.table().is_function_like() {
                    return Err(self.error("'yield' outside function", loc));
                }
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None, loc),
                }
                self.yield_value(loc);
            }
            Expr::YieldFrom(y) => {
                if !self.table().is_function_like() {
                    return Err(self.error("'yield from' outside function", loc));
                }
                if self.unit().scope_type == super::ScopeType::AsyncFunction {
                    return Err(self.error("'yield from' inside async function", loc));
                }
                self.expr(&y.value)?;
                self.op(Opcode::GetYieldFromIter, loc);
                self.load_const(Constant::None, loc);
                self.yield_from(loc, false);
            }
            Expr::Await(a) => {
                if !self.table().is_function_like() {
                    return Err(self.error("'await' outside function", loc));
                }
                if !matches!(
                    self.unit().scope_type,
                    super::ScopeType::AsyncFunction | super::ScopeType::Comprehension
                ) {
                    return Err(self.error("'await' outside async function", loc));
                }
                self.expr(&a.value)?;
                self.emit(Opcode::GetAwaitable, 0, loc);
                self.await_value(loc);
            }
            Expr::Compare(c) => self.compare(c, loc)?,
            Expr::Call(c) => self.call(c, loc)?,
            Expr::Constant(c) => self.load_const(Constant::from(c.value.clone()), loc),
            Expr::JoinedStr(j) => self.joined_str(&j.values, loc)?,
            Expr::TemplateStr(t) => self.joined_str(&t.values, loc)?,
            Expr::FormattedValue(f) => {
                self.formatted_value(&f.value, f.conversion, f.format_spec.as_deref(), loc)?
            }
            Expr::Interpolation(i) => {
                self.formatted_value(&i.value, i.conversion, i.format_spec.as_deref(), loc)?
            }
            Expr::Attribute(a) => {
                if a.ctx == ExprContext::Load && self.load_super_attr(a, loc)? {
                    return Ok(());
                }
                self.expr(&a.value)?;
                let at = self.attr_loc(loc, a);
                match a.ctx {
                    ExprContext::Load => self.op_name(Opcode::LoadAttr, &a.attr, at),
                    ExprContext::Store => {
                        self.note_static_attribute(a);
                        self.op_name(Opcode::StoreAttr, &a.attr, at)
                    }
                    ExprContext::Del => self.op_name(Opcode::DeleteAttr, &a.attr, at),
                }
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                if is_two_element_slice(&s.slice) && s.ctx != ExprContext::Del {
                    self.slice_parts(&s.slice)?;
                    let op = if s.ctx == ExprContext::Load {
                        Opcode::BinarySlice
                    } else {
                        Opcode::StoreSlice
                    };
                    self.op(op, loc);
                } else {
                    self.expr(&s.slice)?;
                    let op = match s.ctx {
                        ExprContext::Load => Opcode::BinarySubscr,
                        ExprContext::Store => Opcode::StoreSubscr,
                        ExprContext::Del => Opcode::DeleteSubscr,
                    };
                    self.op(op, loc);
                }
            }
            Expr::Starred(s) => {
                return Err(match s.ctx {
                    ExprContext::Store => {
                        self.error("starred assignment target must be in a list or tuple", loc)
                    }
                    _ => self.error("can't use starred expression here", loc),
                });
            }
            Expr::Slice(_) => {
                let n = self.slice_parts(e)?;
                self.emit(Opcode::BuildSlice, n, loc);
            }
            Expr::Name(n) => self.name_op(&n.id, n.ctx, loc)?,
            Expr::List(l) => self.sequence(&l.elts, l.ctx, false, loc)?,
            Expr::Tuple(t) => self.sequence(&t.elts, t.ctx, true, loc)?,
        }
        Ok(())
    }

    /// A list or tuple display: built, unpacked into as a target, or its
    /// items deleted.
    fn sequence(&mut self, elts: &'a [Expr], ctx: ExprContext, tuple: bool, loc: Loc) -> CResult {
        match ctx {
            ExprContext::Store => self.assignment_helper(elts, loc),
            ExprContext::Load => self.starunpack(
                &refs(elts),
                0,
                [Opcode::BuildList, Opcode::ListAppend, Opcode::ListExtend],
                tuple,
                loc,
            ),
            ExprContext::Del => elts.iter().try_for_each(|elt| self.expr(elt)),
        }
    }

    /// `update_start_location_to_match_attr`: an attribute on a later line
    /// than its expression starts is located at the attribute's name.
    pub(super) fn attr_loc(&self, loc: Loc, a: &molt_ast::Attribute) -> Loc {
        let mut loc = loc;
        let end_line = a.loc.end_lineno as i32;
        if loc.lineno != end_line {
            loc.lineno = end_line;
            let len = a.attr.chars().count() as i32;
            let end_col = a.loc.end_col_offset as i32;
            if len <= end_col {
                loc.col_offset = end_col - len;
            } else {
                loc.col_offset = -1;
                loc.end_col_offset = -1;
            }
            loc.end_lineno = loc.end_lineno.max(loc.lineno);
            if loc.lineno == loc.end_lineno {
                loc.end_col_offset = loc.end_col_offset.max(loc.col_offset);
            }
        }
        loc
    }

    /// `self.X = ...` in a method records `X` for the class's
    /// `__static_attributes__`.
    fn note_static_attribute(&mut self, a: &molt_ast::Attribute) {
        let Expr::Name(n) = &*a.value else {
            return;
        };
        if n.id != "self" {
            return;
        }
        let attr = a.attr.clone();
        let enclosing = self.units.len() - 1;
        for unit in self.units[..enclosing].iter_mut().rev() {
            if let Some(set) = &mut unit.static_attributes {
                set.insert(attr);
                return;
            }
        }
    }

    /// The bounds of a slice pushed for `BINARY_SLICE`/`BUILD_SLICE`;
    /// how many were pushed.
    pub(super) fn slice_parts(&mut self, e: &'a Expr) -> CResult<u32> {
        let Expr::Slice(s) = e else {
            unreachable!("a slice")
        };
        let loc = Loc::of(e.loc());
        let mut n = 2;
        for part in [&s.lower, &s.upper] {
            match part {
                Some(p) => self.expr(p)?,
                None => self.load_const(Constant::None, loc),
            }
        }
        if let Some(step) = &s.step {
            n += 1;
            self.expr(step)?;
        }
        Ok(n)
    }

    fn bool_op(&mut self, op: BoolOperator, values: &'a [Expr], loc: Loc) -> CResult {
        let jump = match op {
            BoolOperator::And => Opcode::PopJumpIfFalse,
            BoolOperator::Or => Opcode::PopJumpIfTrue,
        };
        let end = self.new_label();
        let (last, rest) = values.split_last().expect("a boolean operation has values");
        for value in rest {
            self.expr(value)?;
            self.emit(Opcode::Copy, 1, loc);
            self.op(Opcode::ToBool, loc);
            self.jump(jump, end, loc);
            self.op(Opcode::PopTop, loc);
        }
        self.expr(last)?;
        self.use_label(end);
        Ok(())
    }

    fn compare(&mut self, c: &'a molt_ast::Compare, loc: Loc) -> CResult {
        self.expr(&c.left)?;
        let n = c.ops.len() - 1;
        if n == 0 {
            self.expr(&c.comparators[0])?;
            self.compare_op(c.ops[0], loc);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n {
            self.expr(&c.comparators[i])?;
            self.emit(Opcode::Swap, 2, loc);
            self.emit(Opcode::Copy, 2, loc);
            self.compare_op(c.ops[i], loc);
            self.emit(Opcode::Copy, 1, loc);
            self.op(Opcode::ToBool, loc);
            self.jump(Opcode::PopJumpIfFalse, cleanup, loc);
            self.op(Opcode::PopTop, loc);
        }
        self.expr(&c.comparators[n])?;
        self.compare_op(c.ops[n], loc);
        let end = self.new_label();
        self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
        self.use_label(cleanup);
        self.emit(Opcode::Swap, 2, loc);
        self.op(Opcode::PopTop, loc);
        self.use_label(end);
        Ok(())
    }

    /// `compiler_addcompare`: `COMPARE_OP` carries the comparison in its
    /// top bits and the mask of outcomes that make it true in the low four.
    pub(super) fn compare_op(&mut self, op: CmpOperator, loc: Loc) {
        let (cmp, mask) = match op {
            CmpOperator::Lt => (0, 2),
            CmpOperator::LtE => (1, 2 | 8),
            CmpOperator::Eq => (2, 8),
            CmpOperator::NotEq => (3, 1 | 2 | 4),
            CmpOperator::Gt => (4, 4),
            CmpOperator::GtE => (5, 4 | 8),
            CmpOperator::Is => return self.emit(Opcode::IsOp, 0, loc),
            CmpOperator::IsNot => return self.emit(Opcode::IsOp, 1, loc),
            CmpOperator::In => return self.emit(Opcode::ContainsOp, 0, loc),
            CmpOperator::NotIn => return self.emit(Opcode::ContainsOp, 1, loc),
        };
        self.emit(Opcode::CompareOp, (cmp << 5) | mask, loc);
    }

    /// `compiler_jump_if`: jump to `next` when `e` is `cond`, without
    /// building the boolean where the structure allows.
    pub(super) fn jump_if(&mut self, e: &'a Expr, next: Label, cond: bool) -> CResult {
        if self.folded.get(e).is_none() {
            match e {
                Expr::UnaryOp(u) if u.op == UnaryOperator::Not => {
                    return self.jump_if(&u.operand, next, !cond);
                }
                Expr::BoolOp(b) => {
                    let cond2 = b.op == BoolOperator::Or;
                    let next2 = if cond2 != cond {
                        self.new_label()
                    } else {
                        next
                    };
                    let (last, rest) = b.values.split_last().expect("values");
                    for value in rest {
                        self.jump_if(value, next2, cond2)?;
                    }
                    self.jump_if(last, next, cond)?;
                    if next2 != next {
                        self.use_label(next2);
                    }
                    return Ok(());
                }
                Expr::IfExp(i) => {
                    let [end, next2] = self.new_labels();
                    self.jump_if(&i.test, next2, false)?;
                    self.jump_if(&i.body, next, cond)?;
                    self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
                    self.use_label(next2);
                    self.jump_if(&i.orelse, next, cond)?;
                    self.use_label(end);
                    return Ok(());
                }
                Expr::Compare(c) if c.ops.len() > 1 => {
                    let eloc = Loc::of(c.loc);
                    let cleanup = self.new_label();
                    self.expr(&c.left)?;
                    let n = c.ops.len() - 1;
                    for i in 0..n {
                        self.expr(&c.comparators[i])?;
                        self.emit(Opcode::Swap, 2, eloc);
                        self.emit(Opcode::Copy, 2, eloc);
                        self.compare_op(c.ops[i], eloc);
                        self.op(Opcode::ToBool, eloc);
                        self.jump(Opcode::PopJumpIfFalse, cleanup, eloc);
                    }
                    self.expr(&c.comparators[n])?;
                    self.compare_op(c.ops[n], eloc);
                    self.op(Opcode::ToBool, eloc);
                    let jump = if cond {
                        Opcode::PopJumpIfTrue
                    } else {
                        Opcode::PopJumpIfFalse
                    };
                    self.jump(jump, next, eloc);
                    let end = self.new_label();
                    self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
                    self.use_label(cleanup);
                    self.op(Opcode::PopTop, eloc);
                    if !cond {
                        self.jump(Opcode::JumpNoInterrupt, next, Loc::NONE);
                    }
                    self.use_label(end);
                    return Ok(());
                }
                _ => {}
            }
        }
        let eloc = self.folded_loc(e);
        self.expr(e)?;
        self.op(Opcode::ToBool, eloc);
        let jump = if cond {
            Opcode::PopJumpIfTrue
        } else {
            Opcode::PopJumpIfFalse
        };
        self.jump(jump, next, eloc);
        Ok(())
    }

    /// `starunpack_helper`: a list, set or tuple display (`ops` are the
    /// build, add and extend instructions), `pushed` items already on the
    /// stack.
    pub(super) fn starunpack(
        &mut self,
        elts: &[&'a Expr],
        pushed: u32,
        ops: [Opcode; 3],
        tuple: bool,
        loc: Loc,
    ) -> CResult {
        let [build, add, extend] = ops;
        let n = elts.len();
        if n > 2 {
            let constants: Option<Vec<Constant>> =
                elts.iter().map(|e| self.constant_of(e)).collect();
            if let Some(items) = constants {
                if tuple && pushed == 0 {
                    self.load_const(Constant::Tuple(items), loc);
                } else {
                    let folded = if add == Opcode::SetAdd {
                        crate::fold::frozenset(items)
                    } else {
                        Constant::Tuple(items)
                    };
                    self.emit(build, pushed, loc);
                    self.load_const(folded, loc);
                    self.emit(extend, 1, loc);
                    if tuple {
                        self.emit(Opcode::CallIntrinsic1, INTRINSIC_LIST_TO_TUPLE, loc);
                    }
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !seen_star && !big {
            for &elt in elts {
                self.expr(elt)?;
            }
            let build = if tuple { Opcode::BuildTuple } else { build };
            self.emit(build, n as u32 + pushed, loc);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed, loc);
            built = true;
        }
        for (i, &elt) in elts.iter().enumerate() {
            if let Expr::Starred(s) = elt {
                if !built {
                    self.emit(build, i as u32 + pushed, loc);
                    built = true;
                }
                self.expr(&s.value)?;
                self.emit(extend, 1, loc);
            } else {
                self.expr(elt)?;
                if built {
                    self.emit(add, 1, loc);
                }
            }
        }
        if tuple {
            self.emit(Opcode::CallIntrinsic1, INTRINSIC_LIST_TO_TUPLE, loc);
        }
        Ok(())
    }

    /// `assignment_helper`: unpack into the targets of a tuple or list.
    pub(super) fn assignment_helper(&mut self, elts: &'a [Expr], loc: Loc) -> CResult {
        self.unpack_helper(elts, loc)?;
        for elt in elts {
            match elt {
                Expr::Starred(s) => self.expr(&s.value)?,
                _ => self.expr(elt)?,
            }
        }
        Ok(())
    }

    pub(super) fn unpack_helper(&mut self, elts: &[Expr], loc: Loc) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt, Expr::Starred(_)) {
                if seen_star {
                    return Err(self.error("multiple starred expressions in assignment", loc));
                }
                if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                    return Err(
                        self.error("too many expressions in star-unpacking assignment", loc)
                    );
                }
                self.emit(Opcode::UnpackEx, (i + ((n - i - 1) << 8)) as u32, loc);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit(Opcode::UnpackSequence, n as u32, loc);
        }
        Ok(())
    }

    fn dict(&mut self, d: &'a molt_ast::Dict, loc: Loc) -> CResult {
        let n = d.values.len();
        let mut elements = 0;
        let mut have_dict = false;
        for i in 0..n {
            if d.keys[i].is_none() {
                if elements > 0 {
                    self.subdict(d, i - elements, i, loc)?;
                    if have_dict {
                        self.emit(Opcode::DictUpdate, 1, loc);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Opcode::BuildMap, 0, loc);
                    have_dict = true;
                }
                self.expr(&d.values[i])?;
                self.emit(Opcode::DictUpdate, 1, loc);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(d, i - elements, i + 1, loc)?;
                if have_dict {
                    self.emit(Opcode::DictUpdate, 1, loc);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(d, n - elements, n, loc)?;
            if have_dict {
                self.emit(Opcode::DictUpdate, 1, loc);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Opcode::BuildMap, 0, loc);
        }
        Ok(())
    }

    fn subdict(&mut self, d: &'a molt_ast::Dict, begin: usize, end: usize, loc: Loc) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let keys: Option<Vec<Constant>> = d.keys[begin..end]
                .iter()
                .map(|k| k.as_ref().and_then(|k| self.constant_of(k)))
                .collect();
            if let Some(keys) = keys {
                for value in &d.values[begin..end] {
                    self.expr(value)?;
                }
                self.load_const(Constant::Tuple(keys), loc);
                self.emit(Opcode::BuildConstKeyMap, n as u32, loc);
                return Ok(());
            }
        }
        if big {
            self.emit(Opcode::BuildMap, 0, loc);
        }
        for i in begin..end {
            self.expr(d.keys[i].as_ref().expect("not an unpacking"))?;
            self.expr(&d.values[i])?;
            if big {
                self.emit(Opcode::MapAdd, 1, loc);
            }
        }
        if !big {
            self.emit(Opcode::BuildMap, n as u32, loc);
        }
        Ok(())
    }

    fn joined_str(&mut self, values: &'a [Expr], loc: Loc) -> CResult {
        let n = values.len();
        if n > STACK_USE_GUIDELINE {
            self.load_const(Constant::Str(String::new()), loc);
            self.op_name(Opcode::LoadMethod, "join", loc);
            self.emit(Opcode::BuildList, 0, loc);
            for value in values {
                self.expr(value)?;
                self.emit(Opcode::ListAppend, 1, loc);
            }
            self.emit(Opcode::Call, 1, loc);
            return Ok(());
        }
        for value in values {
            self.expr(value)?;
        }
        if n > 1 {
            self.emit(Opcode::BuildString, n as u32, loc);
        } else if n == 0 {
            self.load_const(Constant::Str(String::new()), loc);
        }
        Ok(())
    }

    /// A `%`-format compiled as the f-string it equals.
    fn format_parts(
        &mut self,
        parts: &[crate::fold::FormatPart],
        operands: &'a [Expr],
        loc: Loc,
    ) -> CResult {
        use crate::fold::FormatPart;
        let big = parts.len() > STACK_USE_GUIDELINE;
        if big {
            self.load_const(Constant::Str(String::new()), loc);
            self.op_name(Opcode::LoadMethod, "join", loc);
            self.emit(Opcode::BuildList, 0, loc);
        }
        for part in parts {
            match part {
                FormatPart::Literal(text) => {
                    self.load_const(Constant::Str(text.clone()), Loc::NONE)
                }
                FormatPart::Value {
                    index,
                    conversion,
                    spec,
                } => {
                    let value = &operands[*index];
                    let vloc = Loc::of(value.loc());
                    self.expr(value)?;
                    let convert = match conversion {
                        's' => 1,
                        'r' => 2,
                        _ => 3,
                    };
                    self.emit(Opcode::ConvertValue, convert, vloc);
                    match spec {
                        Some(spec) => {
                            self.load_const(Constant::Str(spec.clone()), Loc::NONE);
                            self.op(Opcode::FormatWithSpec, vloc);
                        }
                        None => self.op(Opcode::FormatSimple, vloc),
                    }
                }
            }
            if big {
                self.emit(Opcode::ListAppend, 1, loc);
            }
        }
        if big {
            self.emit(Opcode::Call, 1, loc);
            return Ok(());
        }
        match parts.len() {
            0 => self.load_const(Constant::Str(String::new()), loc),
            1 => {}
            n => self.emit(Opcode::BuildString, n as u32, loc),
        }
        Ok(())
    }

    fn formatted_value(
        &mut self,
        value: &'a Expr,
        conversion: i64,
        spec: Option<&'a Expr>,
        loc: Loc,
    ) -> CResult {
        self.expr(value)?;
        let convert = match u8::try_from(conversion).map(char::from) {
            Ok('s') => Some(1),
            Ok('r') => Some(2),
            Ok('a') => Some(3),
            _ => None,
        };
        if let Some(c) = convert {
            self.emit(Opcode::ConvertValue, c, loc);
        }
        match spec {
            Some(spec) => {
                self.expr(spec)?;
                self.op(Opcode::FormatWithSpec, loc);
            }
            None => self.op(Opcode::FormatSimple, loc),
        }
        Ok(())
    }

    /// `ADDOP_YIELD`: yield the value on the stack.
    pub(super) fn yield_value(&mut self, loc: Loc) {
        let table = self.table();
        if table.generator && table.coroutine {
            self.emit(Opcode::CallIntrinsic1, INTRINSIC_ASYNC_GEN_WRAP, loc);
        }
        self.emit(Opcode::YieldValue, 0, loc);
        self.emit(Opcode::Resume, 1, loc);
    }

    /// `compiler_add_yield_from`: delegate to the awaitable or iterator
    /// on the stack until it is exhausted.
    pub(super) fn yield_from(&mut self, loc: Loc, is_await: bool) {
        let [send, fail, exit] = self.new_labels();
        self.use_label(send);
        self.jump(Opcode::Send, exit, loc);
        self.jump(Opcode::SetupFinally, fail, loc);
        self.emit(Opcode::YieldValue, 1, loc);
        self.op(Opcode::PopBlock, Loc::NONE);
        self.emit(Opcode::Resume, if is_await { 3 } else { 2 }, loc);
        self.jump(Opcode::JumpNoInterrupt, send, loc);
        self.use_label(fail);
        self.op(Opcode::CleanupThrow, loc);
        self.use_label(exit);
        self.op(Opcode::EndSend, loc);
    }
}

/// The comparison `not (a OP b)` compiles to.
fn invert(op: CmpOperator) -> CmpOperator {
    match op {
        CmpOperator::Is => CmpOperator::IsNot,
        CmpOperator::IsNot => CmpOperator::Is,
        CmpOperator::In => CmpOperator::NotIn,
        CmpOperator::NotIn => CmpOperator::In,
        other => other,
    }
}

/// A slice of expressions as references (displays and calls take both).
pub(super) fn refs(exprs: &[Expr]) -> Vec<&Expr> {
    exprs.iter().collect()
}
