//! Names in insertion order, each once, with a value: how CPython's
//! compiler keeps a table's symbols and a code unit's `co_names` (dicts).
//! Most scopes hold a handful of names, so a name is found by a scan while
//! there are few, and through a hash index built once there are more.

use crate::Ident;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone)]
pub struct OrderedNames<T> {
    /// Each name with its value and its `fingerprint` (a scan compares
    /// fingerprints before names).
    entries: Vec<(Ident, T, u32)>,
    /// The position of each name, kept once there are more than `SCAN`.
    index: FxHashMap<Ident, u32>,
}

impl<T> Default for OrderedNames<T> {
    fn default() -> Self {
        OrderedNames {
            entries: Vec::new(),
            index: FxHashMap::default(),
        }
    }
}

impl<T> OrderedNames<T> {
    /// Up to this many names, a scan finds a name faster than hashing it
    /// (over the standard library 32 beat 8, 16 and 64).
    const SCAN: usize = 32;

    /// The position of `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        if self.entries.len() <= Self::SCAN {
            let print = fingerprint(name);
            (self.entries.iter()).position(|(n, _, p)| *p == print && n == name)
        } else {
            self.index.get(name).map(|&i| i as usize)
        }
    }

    pub fn get(&self, name: &str) -> Option<&T> {
        self.position(name).map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.position(name).map(|i| &mut self.entries[i].1)
    }

    /// Set `name`'s value, appending it when new; its position.
    pub fn insert(&mut self, name: &str, value: T) -> usize {
        if let Some(i) = self.position(name) {
            self.entries[i].1 = value;
            return i;
        }
        let i = self.entries.len();
        self.entries
            .push((Ident::from(name), value, fingerprint(name)));
        if self.entries.len() > Self::SCAN {
            if self.index.is_empty() {
                self.index = (self.entries.iter().map(|(n, ..)| n.clone()))
                    .zip(0..)
                    .collect();
            } else {
                self.index.insert(Ident::from(name), i as u32);
            }
        }
        i
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The value at `position`.
    pub fn at(&self, position: usize) -> &T {
        &self.entries[position].1
    }

    pub fn at_mut(&mut self, position: usize) -> &mut T {
        &mut self.entries[position].1
    }

    /// The name at `position`.
    pub fn name(&self, position: usize) -> &Ident {
        &self.entries[position].0
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Ident, &T)> {
        self.entries.iter().map(|(n, v, _)| (n, v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Ident, &mut T)> {
        self.entries.iter_mut().map(|(n, v, _)| (&*n, v))
    }

    /// The names, in order.
    pub fn into_names(self) -> Vec<Ident> {
        self.entries.into_iter().map(|(n, ..)| n).collect()
    }
}

/// The length and three of the bytes of a name: names that differ mostly
/// differ here, and comparing two of these costs no call to `memcmp`.
fn fingerprint(name: &str) -> u32 {
    let b = name.as_bytes();
    match b.len() {
        0 => 0,
        n => {
            (n as u32) << 24
                | u32::from(b[0]) << 16
                | u32::from(b[n / 2]) << 8
                | u32::from(b[n - 1])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers below and above the scan limit, insertion order
    /// kept, a second insert replacing the value in place.
    #[test]
    fn scan_and_index_agree() {
        let mut names = OrderedNames::default();
        for i in 0..40 {
            assert_eq!(names.insert(&format!("n{i}"), i), i);
            for j in 0..=i {
                assert_eq!(names.position(&format!("n{j}")), Some(j), "{i} {j}");
            }
            assert_eq!(names.position("missing"), None);
        }
        assert_eq!(names.insert("n3", 100), 3);
        assert_eq!(names.get("n3"), Some(&100));
        assert_eq!(names.len(), 40);
        let order: Vec<String> = names.into_names().iter().map(|n| n.to_string()).collect();
        assert_eq!(order[39], "n39");
    }

    /// Names with the same fingerprint stay apart.
    #[test]
    fn equal_fingerprints_are_compared_in_full() {
        assert_eq!(fingerprint("axxxb"), fingerprint("ayxyb"));
        let mut names = OrderedNames::default();
        assert_eq!(names.insert("axxxb", 1), 0);
        assert_eq!(names.insert("ayxyb", 2), 1);
        assert_eq!(names.get("axxxb"), Some(&1));
        assert_eq!(names.get("ayxyb"), Some(&2));
        assert_eq!(names.position("azxzb"), None);
    }
}
