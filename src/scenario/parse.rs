//! RON text → typed data, with every failure turned into a [`Diagnostic`]
//! that names the file, line, column and field path.

use super::diagnostic::{Diagnostic, suggest};
use serde::de::DeserializeOwned;

/// Largest file the loader reads; a scenario is a few hundred KiB at most.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting accepted (conditions nest; 64 is far beyond any real one).
pub const MAX_DEPTH: usize = 64;

/// A file's name and text, kept for diagnostics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: String,
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Reads a file, refusing oversized or non-UTF-8 input with a diagnostic.
    pub fn read(path: &std::path::Path) -> Result<Source, Diagnostic> {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| {
            Diagnostic::error("E000", "cannot-read", format!("cannot read `{shown}`: {e}"))
                .at(&shown, 0, 0, 1)
        })?;
        if meta.is_dir() {
            return Err(Diagnostic::error(
                "E000",
                "cannot-read",
                format!("`{shown}` is a directory, not a scenario file"),
            )
            .at(&shown, 0, 0, 1));
        }
        if meta.len() as usize > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                "E009",
                "too-large",
                format!(
                    "`{shown}` is {} bytes; the limit is {MAX_FILE_BYTES}",
                    meta.len()
                ),
            )
            .at(&shown, 0, 0, 1));
        }
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error("E000", "cannot-read", format!("cannot read `{shown}`: {e}"))
                .at(&shown, 0, 0, 1)
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            Diagnostic::error("E001", "syntax", "file is not valid UTF-8").at(&shown, line, col, 1)
        })?;
        Ok(Source::new(shown, text))
    }

    /// 1-based line and column of the first occurrence of `needle`, searching from `after`.
    pub fn find(&self, needle: &str, after: usize) -> Option<(usize, usize, usize)> {
        let start = after.min(self.text.len());
        let pos = self.text.get(start..)?.find(needle)? + start;
        let (l, c) = line_col(&self.text, pos);
        Some((l, c, pos))
    }

    /// The text of a 1-based line.
    pub fn line(&self, n: usize) -> &str {
        self.text.lines().nth(n.saturating_sub(1)).unwrap_or("")
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_DEPTH)
}

/// Parses a RON document into `T`; the error carries file, line:column, field path and a hint.
pub fn parse<T: DeserializeOwned>(src: &Source) -> Result<T, Diagnostic> {
    if src.text.len() > MAX_FILE_BYTES {
        return Err(
            Diagnostic::error("E009", "too-large", "file exceeds the size limit")
                .at(&src.path, 0, 0, 1),
        );
    }
    let opts = options();
    let mut de = match ron::de::Deserializer::from_str_with_options(&src.text, &opts) {
        Ok(de) => de,
        Err(e) => return Err(from_spanned(src, e, None)),
    };
    let result = serde_path_to_error::deserialize::<_, T>(&mut de);
    match result {
        Ok(v) => match de.end() {
            Ok(()) => Ok(v),
            Err(e) => Err(from_spanned(src, de.span_error(e), None)),
        },
        Err(e) => {
            let path = e.path().to_string();
            let spanned = de.span_error(e.into_inner());
            Err(from_spanned(src, spanned, Some(path)))
        }
    }
}

fn from_spanned(src: &Source, e: ron::error::SpannedError, path: Option<String>) -> Diagnostic {
    use ron::Error as E;
    let (line, col) = (e.span.start.line, e.span.start.col);
    let len = if e.span.end.line == e.span.start.line {
        e.span.end.col.saturating_sub(e.span.start.col)
    } else {
        1
    };
    let d = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer.as_deref().unwrap_or("this object");
            Diagnostic::error(
                "E002",
                "unknown-field",
                format!("unknown field `{found}` in {outer}"),
            )
            .hint(suggest(found, expected.iter().copied()))
        }
        E::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("this object");
            Diagnostic::error(
                "E003",
                "missing-field",
                format!("missing field `{field}` in {outer}"),
            )
        }
        E::DuplicateStructField { field, .. } => Diagnostic::error(
            "E003",
            "duplicate-field",
            format!("field `{field}` is given twice"),
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => Diagnostic::error(
            "E006",
            "unknown-variant",
            format!("unknown value `{found}`"),
        )
        .hint(suggest(&snake(found), expected.iter().copied())),
        E::InvalidValueForType { expected, found } => Diagnostic::error(
            "E004",
            "wrong-type",
            format!("expected {expected}, found {found}"),
        ),
        E::Message(m) if m.starts_with("invalid date") => {
            Diagnostic::error("E005", "bad-date", m.clone())
        }
        E::Message(m) => Diagnostic::error("E004", "wrong-type", m.clone()),
        E::ExceededRecursionLimit => Diagnostic::error(
            "E009",
            "too-deep",
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ),
        other => Diagnostic::error("E001", "syntax", format!("RON syntax error: {other}")),
    };
    let d = d.at(&src.path, line.max(1), col.max(1), len);
    match path {
        Some(p) if p != "." && !p.is_empty() => d.path(p.trim_end_matches(".?").to_string()),
        _ => d,
    }
}

/// `InForce` → `in_force`: the file spelling of a Rust variant name.
pub fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct S {
        name: String,
        men: f64,
    }

    #[test]
    fn unknown_field_has_position_path_and_hint() {
        let src = Source::new("t.ron", "(\n  name: \"a\",\n  menn: 3,\n)");
        let d = parse::<S>(&src).unwrap_err();
        assert_eq!((d.code, d.line, d.column), ("E002", 3, 3));
        assert_eq!(d.hint.as_deref(), Some("did you mean `men`?"));
    }

    #[test]
    fn syntax_error_has_position() {
        let src = Source::new("t.ron", "(\n  name: \"a\"\n  men: 3,\n)");
        let d = parse::<S>(&src).unwrap_err();
        assert_eq!(d.code, "E001");
        assert_eq!(d.line, 3);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let d = parse::<serde_json::Value>(&Source::new("t.ron", text)).unwrap_err();
        assert_eq!(d.code, "E009");
    }
}
