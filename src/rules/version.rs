//! Python versions, as rules and `--target-version` spell them.

use std::fmt;

/// A Python version `major.minor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u8, pub u8);

impl Version {
    /// The oldest CPython still supported upstream: the default target.
    pub const DEFAULT: Version = Version(3, 10);

    /// Parse `3.10`, `py310` (Ruff's spelling) or `310`.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim();
        if let Some((major, minor)) = text.split_once('.') {
            return Some(Version(major.parse().ok()?, minor.parse().ok()?));
        }
        let digits = text.strip_prefix("py").unwrap_or(text);
        if digits.len() >= 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Version(
                digits[..1].parse().ok()?,
                digits[1..].parse().ok()?,
            ));
        }
        None
    }

    /// The oldest version a `requires-python` specifier allows
    /// (`>=3.9`, `>=3.8,<4`, `~=3.11`, `==3.12.*`); `None` when it names
    /// no lower bound.
    pub fn from_requires_python(spec: &str) -> Option<Version> {
        spec.split(',')
            .filter_map(|clause| {
                let clause = clause.trim();
                let rest = clause
                    .strip_prefix(">=")
                    .or_else(|| clause.strip_prefix("~="))
                    .or_else(|| clause.strip_prefix("=="))
                    .or_else(|| clause.strip_prefix('>'))?;
                let mut parts = rest.trim().split('.');
                let major = parts.next()?.trim().parse().ok()?;
                let minor = parts.next().unwrap_or("0").trim().parse().ok()?;
                Some(Version(major, minor))
            })
            .min()
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::Version;

    #[test]
    fn spellings() {
        assert_eq!(Version::parse("3.10"), Some(Version(3, 10)));
        assert_eq!(Version::parse("py39"), Some(Version(3, 9)));
        assert_eq!(Version::parse("py312"), Some(Version(3, 12)));
        assert_eq!(Version::parse("three"), None);
        assert_eq!(
            Version::from_requires_python(">=3.8, <4"),
            Some(Version(3, 8))
        );
        assert_eq!(
            Version::from_requires_python("~=3.11.2"),
            Some(Version(3, 11))
        );
        assert_eq!(Version::from_requires_python("<4"), None);
    }
}
