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
    /// `items` by [`hash`].
    index: FxHashMap<u64, Vec<u32>>,
}

impl ConstPool {
    /// The index of `value`, added when new.
    pub fn add(&mut self, value: Constant) -> u32 {
        let key = hash(&value);
        if let Some(candidates) = self.index.get(&key)
            && let Some(&i) = candidates
                .iter()
                .find(|&&i| same(&self.items[i as usize], &value))
        {
            return i;
        }
        let i = self.items.len() as u32;
        self.items.push(value);
        self.index.entry(key).or_default().push(i);
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
        self.index.clear();
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
