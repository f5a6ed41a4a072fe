//! Where a file may name another file. A mod's manifest lists its files and
//! an overlay names its `base`; both are data from whoever wrote them, so a
//! name must not lead pact to read, and quote in an error, a file the user
//! never gave it (`/etc/passwd`, `../../.ssh/config`, a symlink out).
//!
//! The rule (docs/modding.md): the name is relative and names a `.ron` file
//! (a symlink too must lead to one); a mod's files and its manifest must
//! also be inside the mod's folder, with `..` and symlinks resolved.

use std::path::{Component, Path, PathBuf};

/// `dir.join(name)` if `name` may be read under the rule above, with `root`
/// (if any) the folder it must stay in; otherwise why not. A file that does
/// not exist is returned as is: reading it reports it missing, quoting nothing.
pub fn confine(root: Option<&Path>, dir: &Path, name: &str) -> Result<PathBuf, String> {
    let rel = Path::new(name);
    if rel.has_root() || rel.is_absolute() {
        return Err(format!(
            "`{name}` is an absolute path; name a file relative to its folder"
        ));
    }
    if rel.extension().is_none_or(|e| e != "ron") {
        return Err(format!("`{name}` is not a `.ron` file"));
    }
    let path = dir.join(rel);
    // `Path::parent` of a bare file name is the empty path: the current folder.
    let here = |p: &Path| {
        if p.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            p.to_path_buf()
        }
    };
    let real = here(&path).canonicalize();
    if let Ok(real) = &real
        && real.extension().is_none_or(|e| e != "ron")
    {
        return Err(format!(
            "`{name}` leads to `{}`, not a `.ron` file",
            real.display()
        ));
    }
    let Some(root) = root else {
        return Ok(path);
    };
    // `..` that climbs above the root, whether or not the file is there.
    let mut depth = dir
        .strip_prefix(root)
        .map_or(0, |d| d.components().count() as i64);
    for c in rel.components() {
        depth += match c {
            Component::ParentDir => -1,
            Component::Normal(_) => 1,
            _ => 0,
        };
        if depth < 0 {
            return Err(format!("`{name}` leads outside `{}`", root.display()));
        }
    }
    let (Ok(real_root), Ok(real)) = (here(root).canonicalize(), real) else {
        return Ok(path);
    };
    if real.starts_with(&real_root) {
        Ok(path)
    } else {
        Err(format!(
            "`{name}` leads outside `{}` (to `{}`)",
            root.display(),
            real.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        let root = Path::new("scenarios/mods/kurils_expanded");
        assert!(confine(Some(root), root, "map.ron").is_ok());
        for bad in [
            "/etc/passwd.ron",
            "../../../etc/hostname.ron",
            "../../historical.ron",
        ] {
            let e = confine(Some(root), root, bad).unwrap_err();
            assert!(e.contains(bad), "{e}");
        }
        assert!(
            confine(Some(root), root, "notes.txt")
                .unwrap_err()
                .contains("not a `.ron` file")
        );
        assert!(
            confine(Some(root), root, "missing.ron").is_ok(),
            "reported missing by the reader"
        );
    }
}
