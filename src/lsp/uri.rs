//! File paths to `file://` URIs and back (RFC 8089, percent-encoded UTF-8).

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The path of a `file://` URI; `None` for other schemes or a malformed one.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///x` (empty host) or `file://localhost/x`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = decode(rest)?;
    let path = String::from_utf8(bytes).ok()?;
    // Windows: `/C:/x` is `C:/x`.
    let path = match path.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() && cfg!(windows) => path[1..].to_string(),
        _ => path,
    };
    Some(PathBuf::from(path))
}

fn decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `file://` URI of a path (made absolute).
pub fn from_path(path: &Path) -> Option<Uri> {
    let abs = std::path::absolute(path).ok()?;
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            b':' if cfg!(windows) => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_uris() {
        let p = Path::new("/tmp/a dir/ü.ron");
        let u = from_path(p).expect("a URI");
        assert_eq!(u.as_str(), "file:///tmp/a%20dir/%C3%BC.ron");
        assert_eq!(to_path(&u).as_deref(), Some(p));
        let other = Uri::from_str("untitled:Untitled-1").expect("a URI");
        assert_eq!(to_path(&other), None);
        let bad = Uri::from_str("file:///x%ZZ").ok();
        assert!(bad.is_none_or(|b| to_path(&b).is_none()));
    }
}
