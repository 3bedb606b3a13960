//! `match` statements (PEP 634), compiled as CPython 3.13's
//! `compiler_match` and its `compiler_pattern_*` helpers do.
//!
//! Each case matches its pattern against a copy of the subject. A pattern
//! leaves the values it captures on the stack, below whatever it still
//! needs (`on_top` items); they are stored only once the whole pattern has
//! matched. A failing check jumps to one of the `fail_pop` labels: the
//! label at index `n` pops `n` items and falls through to the label at
//! `n - 1`, so every failure cleans the stack up in one shared tail.

use super::{CResult, Compiler};
use crate::constant::Constant;
use crate::instr::{Label, Loc};
use crate::opcode::*;
use molt_ast::{
    CmpOperator, Expr, ExprContext, MatchAs, MatchClass, MatchMapping, MatchOr, MatchSequence,
    Operator, Pattern,
};
use num_bigint::BigInt;
use num_traits::FromPrimitive;

/// `pattern_context`: the state threaded through one case's pattern.
#[derive(Debug, Default)]
struct PatternContext {
    /// The names captured so far, in the order their values sit on the
    /// stack (the first one deepest).
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here (it is not where it
    /// would make later cases or alternatives unreachable).
    allow_irrefutable: bool,
    /// `fail_pop[n]`: where to jump on failure with `n` items to pop.
    fail_pop: Vec<Label>,
    /// Items on the stack above the captured values that must be kept
    /// while the current sub-pattern is matched.
    on_top: usize,
}

/// `WILDCARD_CHECK`: `_`.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        p,
        Pattern::MatchAs(MatchAs {
            pattern: None,
            name: None,
            ..
        })
    )
}

/// `WILDCARD_STAR_CHECK`: `*_`.
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

fn loc_of(p: &Pattern) -> Loc {
    Loc::of(p.loc())
}

impl<'a> Compiler<'a> {
    /// `compiler_match_inner`: the subject is evaluated once and copied for
    /// every case but the last; a trailing `case _:` (with more cases
    /// before it) needs no copy and no pattern code at all.
    pub(super) fn match_stmt(&mut self, m: &'a molt_ast::Match, _loc: Loc) -> CResult {
        self.expr(&m.subject)?;
        let end = self.new_label();
        let ncases = m.cases.len();
        let last = &m.cases[ncases - 1];
        let has_default = is_wildcard(&last.pattern) && ncases > 1;
        let mut pc = PatternContext::default();
        let compiled = ncases - usize::from(has_default);
        for (i, case) in m.cases[..compiled].iter().enumerate() {
            let ploc = loc_of(&case.pattern);
            let copies = i != compiled - 1;
            if copies {
                self.emit(Opcode::Copy, 1, ploc);
            }
            pc.stores.clear();
            // Irrefutable cases must be either guarded, last, or both.
            pc.allow_irrefutable = case.guard.is_some() || i == ncases - 1;
            pc.fail_pop.clear();
            pc.on_top = 0;
            self.pattern(&case.pattern, &mut pc)?;
            debug_assert_eq!(pc.on_top, 0);
            // A match: store the captured values, which are on the stack.
            for name in std::mem::take(&mut pc.stores) {
                self.name_op(&name, ExprContext::Store, ploc)?;
            }
            if let Some(guard) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let fail = pc.fail_pop[0];
                self.jump_if(guard, fail, false)?;
            }
            // Done with the subject.
            if copies {
                self.op(Opcode::PopTop, ploc);
            }
            self.stmts(&case.body)?;
            self.jump(Opcode::Jump, end, Loc::NONE);
            // The cleanup of a failed match is located at its pattern, not
            // at the last line of the body.
            self.emit_and_reset_fail_pop(&mut pc, ploc);
        }
        if has_default {
            let ploc = loc_of(&last.pattern);
            if ncases == 1 {
                self.op(Opcode::PopTop, ploc);
            } else {
                // Line coverage for the default case, which has no code.
                self.op(Opcode::Nop, ploc);
            }
            if let Some(guard) = &last.guard {
                self.jump_if(guard, end, false)?;
            }
            self.stmts(&last.body)?;
        }
        self.use_label(end);
        Ok(())
    }

    /// `compiler_pattern`.
    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let loc = loc_of(p);
        match p {
            Pattern::MatchValue(v) => {
                let value = &*v.value;
                // The parser lets only these through; a built AST may not.
                if self.constant_of(value).is_none() && !matches!(value, Expr::Attribute(_)) {
                    return Err(self.error(
                        "patterns may only match literals and attribute lookups",
                        loc,
                    ));
                }
                self.expr(value)?;
                self.compare_op(CmpOperator::Eq, loc);
                self.op(Opcode::ToBool, loc);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(Constant::from(s.value.clone()), loc);
                self.compare_op(CmpOperator::Is, loc);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
            }
            Pattern::MatchSequence(s) => self.pattern_sequence(s, pc, loc)?,
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc, loc)?,
            Pattern::MatchClass(c) => self.pattern_class(c, pc, loc)?,
            Pattern::MatchStar(s) => self.store_name(s.name.as_deref(), pc, loc)?,
            Pattern::MatchAs(a) => self.pattern_as(a, pc, loc)?,
            Pattern::MatchOr(o) => self.pattern_or(o, pc, loc)?,
        }
        Ok(())
    }

    /// `compiler_pattern_subpattern`: a pattern inside another, where an
    /// irrefutable pattern makes nothing unreachable.
    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    /// `ensure_fail_pop`: failure labels for up to `n` items to pop.
    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() <= n {
            let label = self.new_label();
            pc.fail_pop.push(label);
        }
    }

    /// `jump_to_fail_pop`: on failure, pop what is on top and what was
    /// captured so far.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Opcode, loc: Loc) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops], loc);
    }

    /// `emit_and_reset_fail_pop`: the chain of `POP_TOP`s the failure
    /// labels name, deepest first.
    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext, loc: Loc) {
        let Some((&first, rest)) = pc.fail_pop.split_first() else {
            return;
        };
        for &label in rest.iter().rev() {
            self.use_label(label);
            self.op(Opcode::PopTop, loc);
        }
        self.use_label(first);
        pc.fail_pop.clear();
    }

    /// `pattern_helper_rotate`: move the top item `count - 1` places down
    /// (3.10's `ROT_N`), as `SWAP`s the optimizer later simplifies.
    fn rotate(&mut self, count: usize, loc: Loc) {
        for n in (2..=count).rev() {
            self.emit(Opcode::Swap, n as u32, loc);
        }
    }

    /// `pattern_helper_store_name`: keep a captured value (or pop it, for
    /// `_`) below the items still in use.
    fn store_name(&mut self, name: Option<&str>, pc: &mut PatternContext, loc: Loc) -> CResult {
        let Some(name) = name else {
            self.op(Opcode::PopTop, loc);
            return Ok(());
        };
        if name == "__debug__" {
            return Err(self.error("cannot assign to __debug__", loc));
        }
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.duplicate_store(name, loc));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1, loc);
        pc.stores.push(name.to_string());
        Ok(())
    }

    fn duplicate_store(&self, name: &str, loc: Loc) -> crate::CompileError {
        self.error(
            format!(
                "multiple assignments to name {} in pattern",
                Constant::Str(name.to_string()).repr()
            ),
            loc,
        )
    }

    /// `compiler_pattern_as`: `_`, a capture, or `P as name`.
    fn pattern_as(&mut self, a: &'a MatchAs, pc: &mut PatternContext, loc: Loc) -> CResult {
        let Some(inner) = &a.pattern else {
            if !pc.allow_irrefutable {
                return Err(match &a.name {
                    Some(name) => self.error(
                        format!(
                            "name capture {} makes remaining patterns unreachable",
                            Constant::Str(name.to_string()).repr()
                        ),
                        loc,
                    ),
                    None => self.error("wildcard makes remaining patterns unreachable", loc),
                });
            }
            return self.store_name(a.name.as_deref(), pc, loc);
        };
        // A copy of the subject to store if the inner pattern matches.
        pc.on_top += 1;
        self.emit(Opcode::Copy, 1, loc);
        self.pattern(inner, pc)?;
        pc.on_top -= 1;
        self.store_name(a.name.as_deref(), pc, loc)
    }

    /// `compiler_pattern_sequence`: `MATCH_SEQUENCE`, a length check, then
    /// the items by unpacking, or by subscripting when a `*_` makes the
    /// middle irrelevant.
    fn pattern_sequence(
        &mut self,
        s: &'a MatchSequence,
        pc: &mut PatternContext,
        loc: Loc,
    ) -> CResult {
        let patterns = &s.patterns;
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if matches!(p, Pattern::MatchStar(_)) {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern", loc));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        // The subject stays on top through the type and length checks.
        pc.on_top += 1;
        self.op(Opcode::MatchSequence, loc);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
        match star {
            None => {
                self.op(Opcode::GetLen, loc);
                self.load_const(Constant::Int(BigInt::from(size)), loc);
                self.compare_op(CmpOperator::Eq, loc);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
            }
            Some(_) if size > 1 => {
                self.op(Opcode::GetLen, loc);
                self.load_const(Constant::Int(BigInt::from(size - 1)), loc);
                self.compare_op(CmpOperator::GtE, loc);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
            }
            Some(_) => {}
        }
        // Whatever comes next consumes the subject.
        pc.on_top -= 1;
        if only_wildcard {
            // [] / [_] / [_, _] / [*_] / [_, *_] / ...
            self.op(Opcode::PopTop, loc);
            Ok(())
        } else if star_wildcard {
            let star = star.expect("a starred wildcard is a star");
            self.sequence_subscr(patterns, star, pc, loc)
        } else {
            self.sequence_unpack(patterns, pc, loc)
        }
    }

    /// `pattern_unpack_helper`: `UNPACK_SEQUENCE`, or `UNPACK_EX` around
    /// the starred item.
    fn pattern_unpack(&mut self, patterns: &[Pattern], loc: Loc) -> CResult {
        let n = patterns.len();
        let mut seen_star = false;
        for (i, p) in patterns.iter().enumerate() {
            if !matches!(p, Pattern::MatchStar(_)) {
                continue;
            }
            if seen_star {
                return Err(self.error("multiple starred expressions in sequence pattern", loc));
            }
            if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                return Err(self.error(
                    "too many expressions in star-unpacking sequence pattern",
                    loc,
                ));
            }
            self.emit(Opcode::UnpackEx, (i + ((n - i - 1) << 8)) as u32, loc);
            seen_star = true;
        }
        if !seen_star {
            self.emit(Opcode::UnpackSequence, n as u32, loc);
        }
        Ok(())
    }

    /// `pattern_helper_sequence_unpack`: unpack the subject, then match
    /// the items from the first.
    fn sequence_unpack(
        &mut self,
        patterns: &'a [Pattern],
        pc: &mut PatternContext,
        loc: Loc,
    ) -> CResult {
        self.pattern_unpack(patterns, loc)?;
        // The unpacked items wait on the stack for their turn.
        pc.on_top += patterns.len();
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    /// `pattern_helper_sequence_subscr`: with a `*_`, subscript only the
    /// items that matter (from the end by a nonnegative index, which every
    /// sequence supports).
    fn sequence_subscr(
        &mut self,
        patterns: &'a [Pattern],
        star: usize,
        pc: &mut PatternContext,
        loc: Loc,
    ) -> CResult {
        // The subject stays for the subscripts.
        pc.on_top += 1;
        let size = patterns.len();
        for (i, p) in patterns.iter().enumerate() {
            if is_wildcard(p) || i == star {
                continue;
            }
            self.emit(Opcode::Copy, 1, loc);
            if i < star {
                self.load_const(Constant::Int(BigInt::from(i)), loc);
            } else {
                self.op(Opcode::GetLen, loc);
                self.load_const(Constant::Int(BigInt::from(size - i)), loc);
                self.emit(Opcode::BinaryOp, super::stmt::binary_op(Operator::Sub), loc);
            }
            self.op(Opcode::BinarySubscr, loc);
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 1;
        self.op(Opcode::PopTop, loc);
        Ok(())
    }

    /// `validate_kwd_attrs`: keyword attribute names are assignable and
    /// distinct; errors point at the sub-pattern, as the AST has no node
    /// for the name.
    fn validate_kwd_attrs(&self, attrs: &[crate::Ident], patterns: &[Pattern]) -> CResult {
        for (i, attr) in attrs.iter().enumerate() {
            if attr == "__debug__" {
                return Err(self.error("cannot assign to __debug__", loc_of(&patterns[i])));
            }
            if let Some(j) = (i + 1..attrs.len()).find(|&j| attrs[j] == *attr) {
                return Err(self.error(
                    format!("attribute name repeated in class pattern: {attr}"),
                    loc_of(&patterns[j]),
                ));
            }
        }
        Ok(())
    }

    /// `compiler_pattern_class`: `MATCH_CLASS` gives the attributes as a
    /// tuple (or `None`), which is unpacked and matched item by item.
    fn pattern_class(&mut self, c: &'a MatchClass, pc: &mut PatternContext, loc: Loc) -> CResult {
        let nargs = c.patterns.len();
        let nattrs = c.kwd_attrs.len();
        if nattrs != c.kwd_patterns.len() {
            return Err(self.error(
                format!(
                    "kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern",
                    c.kwd_patterns.len()
                ),
                loc,
            ));
        }
        if nargs + nattrs > i32::MAX as usize {
            return Err(self.error("too many sub-patterns in class pattern", loc));
        }
        if nattrs > 0 {
            self.validate_kwd_attrs(&c.kwd_attrs, &c.kwd_patterns)?;
        }
        self.expr(&c.cls)?;
        let names = c
            .kwd_attrs
            .iter()
            .map(|a| Constant::Str(a.to_string()))
            .collect();
        self.load_const(Constant::Tuple(names), loc);
        self.emit(Opcode::MatchClass, nargs as u32, loc);
        self.emit(Opcode::Copy, 1, loc);
        self.load_const(Constant::None, loc);
        self.emit(Opcode::IsOp, 1, loc);
        // The tuple of attributes (or None) is on top.
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
        self.emit(Opcode::UnpackSequence, (nargs + nattrs) as u32, loc);
        pc.on_top = pc.on_top + nargs + nattrs - 1;
        for p in c.patterns.iter().chain(&c.kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(p) {
                self.op(Opcode::PopTop, loc);
                continue;
            }
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    /// `compiler_pattern_mapping`: `MATCH_MAPPING`, a length check, then
    /// `MATCH_KEYS` with the keys as a tuple; `**rest` is a copy of the
    /// subject with those keys deleted.
    fn pattern_mapping(
        &mut self,
        m: &'a MatchMapping,
        pc: &mut PatternContext,
        loc: Loc,
    ) -> CResult {
        let size = m.keys.len();
        if size != m.patterns.len() {
            return Err(self.error(
                format!(
                    "keys ({size}) / patterns ({}) length mismatch in mapping pattern",
                    m.patterns.len()
                ),
                loc,
            ));
        }
        // The subject stays on top through the type and length checks.
        pc.on_top += 1;
        self.op(Opcode::MatchMapping, loc);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
        if size == 0 && m.rest.is_none() {
            // `{}`: done; pop the subject.
            pc.on_top -= 1;
            self.op(Opcode::PopTop, loc);
            return Ok(());
        }
        if size > 0 {
            self.op(Opcode::GetLen, loc);
            self.load_const(Constant::Int(BigInt::from(size)), loc);
            self.compare_op(CmpOperator::GtE, loc);
            self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
        }
        if size > i32::MAX as usize {
            return Err(self.error("too many sub-patterns in mapping pattern", loc));
        }
        // The keys are literals (checked for duplicates) or attributes.
        let mut seen: Vec<Constant> = Vec::new();
        for key in &m.keys {
            if let Some(value) = self.constant_of(key) {
                if seen.iter().any(|s| py_eq(s, &value)) {
                    return Err(self.error(
                        format!("mapping pattern checks duplicate key ({})", value.repr()),
                        loc,
                    ));
                }
                seen.push(value);
            } else if !matches!(key, Expr::Attribute(_)) {
                return Err(self.error(
                    "mapping pattern keys may only match literals and attribute lookups",
                    loc,
                ));
            }
            self.expr(key)?;
        }
        self.emit(Opcode::BuildTuple, size as u32, loc);
        self.op(Opcode::MatchKeys, loc);
        // The tuple of keys and the tuple of values (or None) are on top.
        pc.on_top += 2;
        self.emit(Opcode::Copy, 1, loc);
        self.load_const(Constant::None, loc);
        self.emit(Opcode::IsOp, 1, loc);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse, loc);
        self.emit(Opcode::UnpackSequence, size as u32, loc);
        pc.on_top = pc.on_top + size - 1;
        for p in &m.patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        // A match: what follows consumes the keys and the subject.
        pc.on_top -= 2;
        match &m.rest {
            Some(rest) => {
                // rest = dict(subject); del rest[key] for each key.
                self.emit(Opcode::BuildMap, 0, loc); // subject, keys, {}
                self.emit(Opcode::Swap, 3, loc); // {}, keys, subject
                self.emit(Opcode::DictUpdate, 2, loc); // rest, keys
                self.emit(Opcode::UnpackSequence, size as u32, loc); // rest, key...
                for left in (1..=size).rev() {
                    self.emit(Opcode::Copy, 1 + left as u32, loc); // rest, key..., rest
                    self.emit(Opcode::Swap, 2, loc); // rest, key..., rest, key
                    self.op(Opcode::DeleteSubscr, loc); // rest, key...
                }
                self.store_name(Some(rest), pc, loc)?;
            }
            None => {
                self.op(Opcode::PopTop, loc); // the keys
                self.op(Opcode::PopTop, loc); // the subject
            }
        }
        Ok(())
    }

    /// `compiler_pattern_or`: each alternative matches a copy of the
    /// subject with failure labels of its own; all must bind the same
    /// names, and the captures of each are rotated into the order of the
    /// first's before joining.
    fn pattern_or(&mut self, o: &'a MatchOr, pc: &mut PatternContext, loc: Loc) -> CResult {
        let end = self.new_label();
        let size = o.patterns.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_allow = pc.allow_irrefutable;
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in o.patterns.iter().enumerate() {
            let aloc = loc_of(alt);
            pc.stores = Vec::new();
            // An irrefutable alternative must be last, if allowed at all.
            pc.allow_irrefutable = i == size - 1 && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Opcode::Copy, 1, aloc);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(control) if control.len() != nstores => {
                    return Err(self.error("alternative patterns bind different names", loc));
                }
                Some(control) => {
                    // Reorder the captures on the stack (and in `stores`)
                    // to the control's order.
                    for icontrol in (0..nstores).rev() {
                        let name = &control[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(
                                self.error("alternative patterns bind different names", loc)
                            );
                        };
                        if icontrol != istores {
                            debug_assert!(istores < icontrol);
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            pc.stores.splice(at..at, rotated);
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1, aloc);
                            }
                        }
                    }
                }
            }
            self.jump(Opcode::Jump, end, aloc);
            self.emit_and_reset_fail_pop(pc, aloc);
        }
        pc.stores = old_stores;
        pc.fail_pop = old_fail_pop;
        pc.allow_irrefutable = old_allow;
        pc.on_top = old_on_top;
        // No alternative matched: pop the remaining copy and fail.
        self.op(Opcode::PopTop, loc);
        self.jump_to_fail_pop(pc, Opcode::Jump, loc);
        self.use_label(end);
        let control = control.expect("an or-pattern has alternatives");
        // Between the new captures and their place: the other new
        // captures, the copy of the subject, what is on top, and the
        // earlier captures.
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots, loc);
            if pc.stores.contains(&name) {
                return Err(self.duplicate_store(&name, loc));
            }
            pc.stores.push(name);
        }
        // Pop the copy of the subject.
        self.op(Opcode::PopTop, loc);
        Ok(())
    }
}

/// Whether two constant mapping keys are equal as Python compares them
/// (so `1`, `1.0` and `True` are one key, as are `0.0` and `-0.0`).
fn py_eq(a: &Constant, b: &Constant) -> bool {
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.eq(&y),
        (None, None) => match (a, b) {
            (Constant::Str(s), Constant::StrWithSurrogates(p))
            | (Constant::StrWithSurrogates(p), Constant::Str(s)) => {
                s.chars().map(u32::from).eq(p.iter().copied())
            }
            _ => a.is_same(b),
        },
        _ => false,
    }
}

/// A numeric constant as a real and an imaginary part, the real one exact
/// for integers.
enum Number {
    Int(BigInt),
    Complex(f64, f64),
}

fn number(c: &Constant) -> Option<Number> {
    Some(match c {
        Constant::Bool(b) => Number::Int(BigInt::from(u8::from(*b))),
        Constant::Int(i) => Number::Int(i.clone()),
        Constant::Float(f) => Number::Complex(*f, 0.0),
        Constant::Complex { real, imag } => Number::Complex(*real, *imag),
        _ => return None,
    })
}

impl Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (Number::Complex(r1, i1), Number::Complex(r2, i2)) => r1 == r2 && i1 == i2,
            (Number::Int(i), Number::Complex(r, im)) | (Number::Complex(r, im), Number::Int(i)) => {
                *im == 0.0 && r.fract() == 0.0 && BigInt::from_f64(*r).is_some_and(|r| r == *i)
            }
        }
    }
}
