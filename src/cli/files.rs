//! Reading and writing the front end's own files: saves, replays, policies.

use pact::scenario::parse::{Source, parse};
use pact::scenario::{Diagnostic, LoadError, Loaded};
use pact::sim::save::{FileHash, SAVE_FORMAT, content_hash};
use serde::de::DeserializeOwned;
use std::io::Write;
use std::path::Path;

/// Writes a file so that an interruption never leaves a half-written one in
/// its place: a temporary file in the same folder, flushed, then renamed over.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("pact".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Reads and parses a RON file of the front end's, with located diagnostics.
pub fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<(T, Source), LoadError> {
    let src = Source::read(path).map_err(|d| LoadError {
        diagnostics: vec![d],
        sources: vec![],
    })?;
    match parse::<T>(&src) {
        Ok(v) => Ok((v, src)),
        Err(d) => Err(LoadError {
            diagnostics: vec![d],
            sources: vec![src],
        }),
    }
}

/// Refuses a save or replay written by a newer pact.
pub fn check_format(format: u32, src: &Source) -> Result<(), LoadError> {
    if format <= SAVE_FORMAT {
        return Ok(());
    }
    let (l, c, _) = src.find("format", 0).unwrap_or((1, 1, 0));
    let d = Diagnostic::new(
        pact::scenario::codes::NEWER_FORMAT,
        format!(
            "`{}` has format {format}; this pact reads up to {SAVE_FORMAT}",
            src.path
        ),
    )
    .at(&src.path, l, c, 6)
    .hint("upgrade pact to read it");
    Err(LoadError {
        diagnostics: vec![d],
        sources: vec![src.clone()],
    })
}

/// Hashes of every file a scenario was built from.
pub fn hashes(loaded: &Loaded) -> Vec<FileHash> {
    loaded
        .sources
        .iter()
        .map(|s| FileHash {
            path: s.path.clone(),
            hash: content_hash(&s.text),
        })
        .collect()
}

/// Checks that the files a run used are unchanged; names the first that is not.
pub fn verify(recorded: &[FileHash], loaded: &Loaded) -> Result<(), String> {
    let now = hashes(loaded);
    for r in recorded {
        match now.iter().find(|n| n.path == r.path) {
            Some(n) if n.hash == r.hash => {}
            Some(n) => {
                return Err(format!(
                    "scenario file `{}` has changed since it was recorded (content hash {} now {}); the run cannot be reproduced",
                    r.path, r.hash, n.hash
                ));
            }
            None => {
                return Err(format!(
                    "scenario file `{}` is no longer part of the scenario",
                    r.path
                ));
            }
        }
    }
    Ok(())
}
