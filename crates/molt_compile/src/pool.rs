//! The constants of one code unit as CPython's compiler keeps them: in
//! order of first use, each value once (`_PyCode_ConstantKey`: `1`, `1.0`
//! and `True` are three constants, `0.0` and `-0.0` two, a NaN never
//! equal to another), found by a hash of its value.

use crate::constant::Constant;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// `co_consts` while it is being built.
#[derive(Debug, Default)]
pub struct ConstPool {
    items: Vec<Constant>,
    /// The last item added with each [`hash`]; `earlier[i]` is the item
    /// added before item `i` with the same hash (`NONE` for none). A chain
    /// through the items, so a new constant costs no allocation of its own.
    last: FxHashMap<u64, u32>,
    earlier: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl ConstPool {
    /// The index of `value`, added when new.
    pub fn add(&mut self, value: Constant) -> u32 {
        let key = hash(&value);
        let mut at = self.last.get(&key).copied().unwrap_or(NONE);
        while at != NONE {
            if same(&self.items[at as usize], &value) {
                return at;
            }
            at = self.earlier[at as usize];
        }
        let i = self.items.len() as u32;
        self.items.push(value);
        self.earlier.push(self.last.insert(key, i).unwrap_or(NONE));
        i
    }

    pub fn get(&self, i: u32) -> &Constant {
        &self.items[i as usize]
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Keep the constants `used` says are used, in order; the new index
    /// of each old one (`u32::MAX` for the dropped).
    pub fn retain(&mut self, used: &[bool]) -> Vec<u32> {
        let mut map = vec![u32::MAX; self.items.len()];
        let old = std::mem::take(&mut self.items);
        self.last.clear();
        self.earlier.clear();
        for (i, c) in old.into_iter().enumerate() {
            if used[i] {
                map[i] = self.add(c);
            }
        }
        map
    }

    pub fn into_vec(self) -> Vec<Constant> {
        self.items
    }
}

/// Whether CPython's constant cache makes two constants one. Code objects
/// compiled twice from the same source (a `while` test is compiled at the
/// top and the bottom of its loop) are one.
fn same(a: &Constant, b: &Constant) -> bool {
    let has_nan = |c: &Constant| match c {
        Constant::Float(f) => f.is_nan(),
        Constant::Complex { real, imag } => real.is_nan() || imag.is_nan(),
        _ => false,
    };
    match (a, b) {
        (Constant::Code(x), Constant::Code(y)) => x == y,
        _ => !has_nan(a) && a.is_same(b),
    }
}

/// A hash of a constant's value that agrees with [`same`] (floats by
/// their bits, code objects by name and first line).
fn hash(c: &Constant) -> u64 {
    fn feed(c: &Constant, h: &mut rustc_hash::FxHasher) {
        std::mem::discriminant(c).hash(h);
        match c {
            Constant::None | Constant::Ellipsis => {}
            Constant::Bool(b) => b.hash(h),
            Constant::Int(i) => i.hash(h),
            Constant::Float(f) => f.to_bits().hash(h),
            Constant::Complex { real, imag } => (real.to_bits(), imag.to_bits()).hash(h),
            Constant::Str(s) => s.hash(h),
            Constant::StrWithSurrogates(p) => p.hash(h),
            Constant::Bytes(b) => b.hash(h),
            Constant::Tuple(items) => {
                items.len().hash(h);
                for item in items {
                    feed(item, h);
                }
            }
            // Equal sets in any order: only their size.
            Constant::FrozenSet(items) => items.len().hash(h),
            Constant::Code(code) => (&code.name, code.firstlineno).hash(h),
        }
    }
    let mut h = rustc_hash::FxHasher::default();
    feed(c, &mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `co_consts` of `(1, 1.0, True, 0.0, -0.0, nan, nan, 'a', 1)`
    /// holds in CPython: equal values that differ in type or sign stay
    /// apart, NaNs never merge, repeats find their first place, also
    /// after unused constants are dropped.
    #[test]
    fn constants_merge_as_cpythons_do() {
        let values = || {
            vec![
                Constant::Int(1.into()),
                Constant::Float(1.0),
                Constant::Bool(true),
                Constant::Float(0.0),
                Constant::Float(-0.0),
                Constant::Float(f64::NAN),
                Constant::Float(f64::NAN),
                Constant::Str("a".into()),
                Constant::Int(1.into()),
            ]
        };
        let mut pool = ConstPool::default();
        let got: Vec<u32> = values().into_iter().map(|c| pool.add(c)).collect();
        assert_eq!(got, [0, 1, 2, 3, 4, 5, 6, 7, 0]);
        let map = pool.retain(&[true, false, true, true, true, true, true, true]);
        assert_eq!(map, [0, u32::MAX, 1, 2, 3, 4, 5, 6]);
        assert_eq!(pool.add(Constant::Str("a".into())), 6);
        assert_eq!(pool.add(Constant::Float(1.0)), 7);
    }
}
