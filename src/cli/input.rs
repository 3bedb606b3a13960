//! Reading a file argument: a path, or `-` for stdin.

use std::io::Read;
use std::path::Path;

/// Bytes of a file argument and the name to show for it.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub is_stdin: bool,
}

/// Read `path`, or stdin for `-`; on failure, a message saying which file
/// and why.
pub fn read(path: &Path) -> Result<Input, String> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("<stdin>: {e}"))?;
        return Ok(Input {
            name: "<stdin>".into(),
            bytes,
            is_stdin: true,
        });
    }
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => Ok(Input {
            name,
            bytes,
            is_stdin: false,
        }),
        Err(e) => Err(format!("{name}: {e}")),
    }
}
