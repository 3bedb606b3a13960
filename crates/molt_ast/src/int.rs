//! Python ints as constants hold them: inline when they fit in 64 bits
//! (nearly every literal in real code), a `BigInt` otherwise. A file has
//! thousands of int literals, and the compiler copies each into its
//! constant pool; a `BigInt` allocates for every non-zero value.

use num_bigint::BigInt;
use std::fmt;

/// An int. Values that fit in an `i64` are always `Small`, so that equal
/// values have equal representations (and hashes).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Int(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Small(i64),
    Big(BigInt),
}

impl Int {
    /// The value as a `BigInt` (a copy).
    pub fn to_bigint(&self) -> BigInt {
        match &self.0 {
            Repr::Small(i) => BigInt::from(*i),
            Repr::Big(b) => b.clone(),
        }
    }

    /// The value, if it fits in an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        match self.0 {
            Repr::Small(i) => Some(i),
            Repr::Big(_) => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.0 == Repr::Small(0)
    }
}

impl From<BigInt> for Int {
    fn from(b: BigInt) -> Int {
        match i64::try_from(&b) {
            Ok(i) => Int(Repr::Small(i)),
            Err(_) => Int(Repr::Big(b)),
        }
    }
}

/// Integer types every value of which fits in an `i64`.
macro_rules! from_small {
    ($($t:ty),*) => {$(
        impl From<$t> for Int {
            fn from(i: $t) -> Int {
                Int(Repr::Small(i64::from(i)))
            }
        }
    )*};
}

from_small!(i8, i16, i32, i64, u8, u16, u32);

impl From<u64> for Int {
    fn from(i: u64) -> Int {
        match i64::try_from(i) {
            Ok(i) => Int(Repr::Small(i)),
            Err(_) => Int(Repr::Big(BigInt::from(i))),
        }
    }
}

impl From<usize> for Int {
    fn from(i: usize) -> Int {
        Int::from(i as u64)
    }
}

/// Decimal digits, with an optional sign.
impl std::str::FromStr for Int {
    type Err = num_bigint::ParseBigIntError;

    fn from_str(s: &str) -> Result<Int, Self::Err> {
        match s.parse::<i64>() {
            Ok(i) => Ok(Int::from(i)),
            Err(_) => s.parse::<BigInt>().map(Int::from),
        }
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small(i) => fmt::Display::fmt(i, f),
            Repr::Big(b) => fmt::Display::fmt(b, f),
        }
    }
}

/// Like `Display`, as `BigInt`'s `Debug` prints.
impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_representation_per_value() {
        let big = BigInt::parse_bytes(b"123456789012345678901234567890", 10).unwrap();
        assert_eq!(Int::from(big.clone()).to_bigint(), big);
        assert_eq!(Int::from(big.clone()).to_i64(), None);
        assert_eq!(Int::from(BigInt::from(-5)), Int::from(-5i64));
        assert_eq!(Int::from(u64::MAX).to_bigint(), BigInt::from(u64::MAX));
        assert_eq!(Int::from(i64::MAX as u64), Int::from(i64::MAX));
        assert_eq!(Int::from(big).to_string(), "123456789012345678901234567890");
        assert_eq!(format!("{:?}", Int::from(-7i64)), "-7");
        assert!(Int::from(0u32).is_zero() && !Int::from(1u32).is_zero());
        assert_eq!("-12".parse::<Int>().unwrap(), Int::from(-12i64));
        let digits = "-99999999999999999999";
        assert_eq!(digits.parse::<Int>().unwrap().to_string(), digits);
    }
}
