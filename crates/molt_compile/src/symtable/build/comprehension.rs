//! Comprehensions and named expressions in the first pass: the outermost
//! iterable is visited outside the comprehension's scope, the rest inside;
//! a named expression in a comprehension binds in the enclosing function
//! or module, and may not rebind an iteration variable.

use super::{Builder, Result};
use crate::CompileError;
use crate::symtable::{
    BlockKey, Comprehension, DEF_COMP_ITER, DEF_GLOBAL, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM,
    TableKind,
};
use molt_ast::{Comprehension as Generator, Expr, Location};

/// `symtable_raise_if_annotation_block`'s and the named expression
/// checks' wording for each kind of annotation scope.
const NAMED_EXPR_COMP_IN_CLASS: &str =
    "assignment expression within a comprehension cannot be used in a class body";
const NAMED_EXPR_COMP_IN_TYPEVAR_BOUND: &str =
    "assignment expression within a comprehension cannot be used in a TypeVar bound";
const NAMED_EXPR_COMP_IN_TYPEALIAS: &str =
    "assignment expression within a comprehension cannot be used in a type alias";
const NAMED_EXPR_COMP_IN_TYPEPARAM: &str = "assignment expression within a comprehension cannot be used within the definition of a generic";

impl Builder {
    pub(super) fn visit_named_expr(&mut self, n: &molt_ast::NamedExpr) -> Result<()> {
        if self.tables[self.cur()].comp_iter_expr > 0 {
            return Err(CompileError::new(
                "assignment expression cannot be used in a comprehension iterable expression",
                n.loc,
            ));
        }
        if self.tables[self.cur()].comprehension != Comprehension::None {
            // Inside a comprehension: the target binds in the enclosing
            // function or module.
            let Expr::Name(target) = &*n.target else {
                unreachable!("a named expression's target is a Name");
            };
            self.extend_named_expr_scope(&target.id, target.loc)?;
        }
        self.visit_expr(&n.value)?;
        self.visit_expr(&n.target)
    }

    /// `symtable_extend_namedexpr_scope`: bind a comprehension's named
    /// expression target in the nearest function or the module.
    fn extend_named_expr_scope(&mut self, name: &str, loc: Location) -> Result<()> {
        for i in (0..self.stack.len()).rev() {
            let ste = self.stack[i];
            let table = &self.tables[ste];
            if table.comprehension != Comprehension::None {
                let flags = self.lookup_in(ste, name);
                if flags & DEF_COMP_ITER != 0 && flags & DEF_LOCAL != 0 {
                    return Err(CompileError::new(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{name}'"
                        ),
                        loc,
                    ));
                }
                continue;
            }
            match table.kind {
                TableKind::Function => {
                    let flag = if self.lookup_in(ste, name) & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(name, flag, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(name, DEF_LOCAL, ste, loc);
                }
                TableKind::Module => {
                    self.add_def(name, DEF_GLOBAL, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(name, DEF_GLOBAL, ste, loc);
                }
                TableKind::Class => return Err(CompileError::new(NAMED_EXPR_COMP_IN_CLASS, loc)),
                TableKind::TypeParameters => {
                    return Err(CompileError::new(NAMED_EXPR_COMP_IN_TYPEPARAM, loc));
                }
                TableKind::TypeAlias => {
                    return Err(CompileError::new(NAMED_EXPR_COMP_IN_TYPEALIAS, loc));
                }
                TableKind::TypeVariable => {
                    return Err(CompileError::new(NAMED_EXPR_COMP_IN_TYPEVAR_BOUND, loc));
                }
                TableKind::Annotation => {}
            }
        }
        unreachable!("the module is at the bottom of the stack")
    }

    /// A later `for` clause of a comprehension, inside its scope.
    fn visit_generator(&mut self, g: &Generator) -> Result<()> {
        self.cur_mut().comp_iter_target = true;
        self.visit_expr(&g.target)?;
        self.cur_mut().comp_iter_target = false;
        self.cur_mut().comp_iter_expr += 1;
        self.visit_expr(&g.iter)?;
        self.cur_mut().comp_iter_expr -= 1;
        self.visit_exprs(&g.ifs)?;
        if g.is_async != 0 {
            self.cur_mut().coroutine = true;
        }
        Ok(())
    }

    /// `symtable_handle_comprehension`: the outermost iterable in the
    /// current scope, the rest in the comprehension's own.
    pub(super) fn visit_comprehension(&mut self, c: Comp<'_>) -> Result<()> {
        let is_generator = c.kind == Comprehension::Generator;
        let outermost = &c.generators[0];
        self.cur_mut().comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.cur_mut().comp_iter_expr -= 1;
        self.enter_block(c.name, TableKind::Function, c.key, c.loc);
        self.cur_mut().comprehension = c.kind;
        if outermost.is_async != 0 {
            self.cur_mut().coroutine = true;
        }
        // The outermost iterator is the implicit argument `.0`.
        let here = self.tables[self.cur()].location;
        self.add_def(".0", DEF_PARAM, here)?;
        self.cur_mut().comp_iter_target = true;
        self.visit_expr(&outermost.target)?;
        self.cur_mut().comp_iter_target = false;
        self.visit_exprs(&outermost.ifs)?;
        for g in &c.generators[1..] {
            self.visit_generator(g)?;
        }
        if let Some(value) = c.value {
            self.visit_expr(value)?;
        }
        self.visit_expr(c.elt)?;
        let table = self.cur_mut();
        table.generator = is_generator;
        let is_async = table.coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur_mut().coroutine = true;
        }
        Ok(())
    }
}

/// What the four comprehensions share, for `visit_comprehension`.
pub(super) struct Comp<'a> {
    pub(super) name: &'static str,
    pub(super) kind: Comprehension,
    pub(super) generators: &'a [Generator],
    /// The element (the key of a dict comprehension).
    pub(super) elt: &'a Expr,
    /// A dict comprehension's value (visited before the key).
    pub(super) value: Option<&'a Expr>,
    pub(super) key: BlockKey,
    pub(super) loc: Location,
}
