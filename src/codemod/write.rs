//! Writing a file atomically: a temporary file beside it, with the
//! original's permissions, renamed over it. An interrupted run leaves the
//! old file or the new one, never half of one.

use std::io::Write;
use std::path::Path;

///
/// A symbolic link is followed: the file it points at is replaced, the link
/// stays. A read-only file is refused, as an editor would.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = &std::fs::canonicalize(path)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)?.permissions();
    if permissions.readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; left unchanged",
        ));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".molt-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().set_permissions(permissions)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
