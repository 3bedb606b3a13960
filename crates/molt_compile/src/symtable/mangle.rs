//! Private name mangling (`_Py_Mangle`, `_Py_MaybeMangle`): inside class
//! `C`, `__spam` means `_C__spam`. The symbol table stores mangled names,
//! and the code generator mangles the same way when it looks them up.

use crate::Ident;
use rustc_hash::FxHashSet;
use std::borrow::Cow;

/// `__name` inside class `private` becomes `_private__name` (the class's
/// leading underscores stripped). Dunder names (`__x__`), dotted names,
/// names without two leading underscores and classes named only with
/// underscores are left alone.
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> Cow<'a, str> {
    let Some(private) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") {
        return Cow::Borrowed(name);
    }
    // CPython reads the two last code points; `__` alone ends in `__` too.
    if name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{stripped}{name}"))
}

/// `_Py_MaybeMangle`: in the type parameter scopes of a generic class only
/// the type parameters' names are mangled (`mangled` is their set);
/// elsewhere (`None`) every private name is.
pub fn maybe_mangle<'a>(
    private: Option<&str>,
    mangled: Option<&FxHashSet<Ident>>,
    name: &'a str,
) -> Cow<'a, str> {
    if let Some(set) = mangled
        && !set.contains(name)
    {
        return Cow::Borrowed(name);
    }
    mangle(private, name)
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn mangles_as_cpython() {
        assert_eq!(mangle(Some("C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("__C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("___"), "__x"), "__x");
        assert_eq!(mangle(Some("C"), "__x__"), "__x__");
        assert_eq!(mangle(Some("C"), "__"), "__");
        assert_eq!(mangle(Some("C"), "_x"), "_x");
        assert_eq!(mangle(Some("C"), "__a.b"), "__a.b");
        assert_eq!(mangle(None, "__x"), "__x");
    }
}
