//! RON text → typed data, with every failure turned into a [`Diagnostic`]
//! that names the file, line, column and field path.

use super::codes;
use super::diagnostic::{Diagnostic, suggest};
use super::lex;
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
    /// Byte offset of each line's start, built on first use: locating a
    /// problem is then a binary search, not a count from the top of the file.
    lines: std::sync::OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
            lines: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let col = self.text[starts[line - 1]..offset].chars().count() + 1;
        (line, col)
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(end, |(b, _)| start + b)
    }

    /// Reads a file, refusing oversized or non-UTF-8 input with a diagnostic.
    /// Reads at most one byte past the limit, so a pipe or device cannot
    /// make the loader allocate without bound.
    pub fn read(path: &std::path::Path) -> Result<Source, Diagnostic> {
        use std::io::Read;
        let shown = path.display().to_string();
        if let Some(text) = unsaved(path) {
            let text = text
                .strip_prefix('\u{feff}')
                .map_or(text.clone(), str::to_string);
            return Ok(Source::new(shown, text));
        }
        let cannot = |e: &dyn std::fmt::Display| {
            Diagnostic::new(codes::CANNOT_READ, format!("cannot read `{shown}`: {e}"))
                .at(&shown, 0, 0, 1)
        };
        if path.is_dir() {
            return Err(Diagnostic::new(
                codes::CANNOT_READ,
                format!("`{shown}` is a directory, not a scenario file"),
            )
            .at(&shown, 0, 0, 1));
        }
        let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| cannot(&e))?;
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::new(
                codes::TOO_LARGE,
                format!("`{shown}` is larger than the limit of {MAX_FILE_BYTES} bytes"),
            )
            .at(&shown, 0, 0, 1));
        }
        // A UTF-8 byte-order mark (Windows Notepad writes one) is not RON: skip it,
        // rather than report "expected an object" at 1:1 of a file that looks right.
        if bytes.starts_with(b"\xef\xbb\xbf") {
            bytes.drain(..3);
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let lossy = Source::new("", String::from_utf8_lossy(e.as_bytes()));
            let (line, col) = lossy.line_col(e.utf8_error().valid_up_to());
            Diagnostic::new(codes::SYNTAX, "file is not valid UTF-8").at(&shown, line, col, 1)
        })?;
        Ok(Source::new(shown, text))
    }

    /// 1-based line and column of the first occurrence of `needle`, searching from `after`.
    pub fn find(&self, needle: &str, after: usize) -> Option<(usize, usize, usize)> {
        let start = after.min(self.text.len());
        let pos = self.text.get(start..)?.find(needle)? + start;
        let (l, c) = self.line_col(pos);
        Some((l, c, pos))
    }

    /// The text of a 1-based line.
    pub fn line(&self, n: usize) -> &str {
        self.text.lines().nth(n.saturating_sub(1)).unwrap_or("")
    }
}

thread_local! {
    /// Texts read instead of the files at their paths: an editor's unsaved buffers.
    static UNSAVED: std::cell::RefCell<std::collections::BTreeMap<std::path::PathBuf, String>> =
        const { std::cell::RefCell::new(std::collections::BTreeMap::new()) };
}

/// `path` made absolute and without `.` or `..`, without touching the disk
/// (an unsaved buffer's file may not exist): the key of [`with_unsaved`].
pub fn normal(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn unsaved(path: &std::path::Path) -> Option<String> {
    UNSAVED.with(|u| {
        let u = u.borrow();
        if u.is_empty() {
            return None;
        }
        u.get(&normal(path)).cloned()
    })
}

/// Runs `f` with [`Source::read`] taking the texts given (keyed by [`normal`]
/// paths) instead of the files on disk: the language server checks what is
/// in the editor, through the same loader and checks as `pact validate`.
pub fn with_unsaved<R>(
    texts: std::collections::BTreeMap<std::path::PathBuf, String>,
    f: impl FnOnce() -> R,
) -> R {
    let before = UNSAVED.with(|u| u.replace(texts));
    let out = f();
    UNSAVED.with(|u| u.replace(before));
    out
}

/// `"x"`: how an id is written in a file, the needle to search for.
pub fn quoted(id: &str) -> String {
    format!("\"{id}\"")
}

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        // The limit a modder reads is in brackets ([`lex::too_deep`]); ron counts
        // about two levels a bracket (`not(` is an enum and its content), so
        // its own limit only stands behind that one.
        .with_recursion_limit(4 * MAX_DEPTH)
}

/// Parses a RON document into `T`; the error carries file, line:column, field path and a hint.
pub fn parse<T: DeserializeOwned>(src: &Source) -> Result<T, Diagnostic> {
    if src.text.len() > MAX_FILE_BYTES {
        return Err(
            Diagnostic::new(codes::TOO_LARGE, "file exceeds the size limit").at(&src.path, 0, 0, 1),
        );
    }
    // serde gives no position for a value it accepted, so NaN and infinities
    // (which ron reads as floats) are found in the text, where they are written.
    if let Some((pos, token)) = lex::first_non_finite(&src.text) {
        let (line, col) = src.line_col(pos);
        return Err(Diagnostic::new(
            codes::NOT_FINITE,
            format!("`{token}` is not a finite number"),
        )
        .hint("write an ordinary number, e.g. 0.0 or 1000000.0")
        .at(&src.path, line, col, token.chars().count()));
    }
    if let Some(pos) = lex::too_deep(&src.text, MAX_DEPTH) {
        let (line, col) = src.line_col(pos);
        return Err(Diagnostic::new(
            codes::TOO_DEEP,
            format!("nesting deeper than {MAX_DEPTH} levels of brackets"),
        )
        .at(&src.path, line, col, 1));
    }
    let opts = options();
    let start = || ron::de::Deserializer::from_str_with_options(&src.text, &opts);
    let mut de = match start() {
        Ok(de) => de,
        Err(e) => return Err(from_spanned(src, e, None)),
    };
    // Read untracked first: keeping the path costs a fifth of the reading,
    // and is wanted only to say where a value was refused.
    if let Ok(v) = T::deserialize(&mut de) {
        return match de.end() {
            Ok(()) => Ok(v),
            Err(e) => Err(from_spanned(src, de.span_error(e), None)),
        };
    }
    let mut de = match start() {
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
            Diagnostic::new(
                codes::UNKNOWN_FIELD,
                format!("unknown field `{found}` in {outer}"),
            )
            .hint(suggest(found, expected.iter().copied()))
        }
        E::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("this object");
            Diagnostic::new(
                codes::MISSING_FIELD,
                format!("missing field `{field}` in {outer}"),
            )
        }
        E::DuplicateStructField { field, .. } => Diagnostic::new(
            codes::DUPLICATE_FIELD,
            format!("field `{field}` is given twice"),
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => Diagnostic::new(codes::UNKNOWN_VARIANT, format!("unknown value `{found}`"))
            .hint(suggest(&snake(found), expected.iter().copied())),
        E::ExpectedFloat
        | E::ExpectedInteger
        | E::ExpectedBoolean
        | E::ExpectedString
        | E::ExpectedStringEnd
        | E::ExpectedArray
        | E::ExpectedStructLike
        | E::ExpectedNamedStructLike(_)
        | E::ExpectedUnit
        | E::ExpectedChar
        | E::ExpectedOption => Diagnostic::new(codes::WRONG_TYPE, expected(&e.code)),
        E::InvalidValueForType { expected, found } => Diagnostic::new(
            codes::WRONG_TYPE,
            format!("expected {expected}, found {found}"),
        ),
        E::Message(m) if m.starts_with("invalid date") => {
            Diagnostic::new(codes::BAD_DATE, m.clone())
        }
        E::Message(m) => Diagnostic::new(codes::WRONG_TYPE, m.clone()),
        E::ExceededRecursionLimit => Diagnostic::new(
            codes::TOO_DEEP,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ),
        other => Diagnostic::new(codes::SYNTAX, format!("RON syntax error: {other}")),
    };
    // A file cut short fails where its text stops: say so, rather than only
    // what the parser expected next.
    let at = src.offset(e.span.end.line.max(1), e.span.end.col.max(1));
    let cut = at >= src.text.trim_end().len() || matches!(e.code, E::Eof | E::ExpectedStringEnd);
    let d = if cut && d.code != codes::TOO_DEEP.code {
        let end = if src.text.trim().is_empty() {
            "the file is empty"
        } else {
            "the file ends here: is it truncated?"
        };
        let message = format!("{}; {end}", d.message);
        Diagnostic { message, ..d }
    } else {
        d
    };
    let d = d.at(&src.path, line.max(1), col.max(1), len);
    match path {
        Some(p) if p != "." && !p.is_empty() => d.path(p.trim_end_matches(".?").to_string()),
        _ => d,
    }
}

/// What a value should have looked like, in a modder's words.
fn expected(e: &ron::Error) -> String {
    use ron::Error as E;
    match e {
        E::ExpectedFloat => "expected a number, e.g. 12000.0".into(),
        E::ExpectedInteger => "expected a whole number, e.g. 36".into(),
        E::ExpectedBoolean => "expected `true` or `false`".into(),
        E::ExpectedString | E::ExpectedStringEnd => "expected text in double quotes".into(),
        E::ExpectedArray => "expected a list in brackets: `[...]`".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "expected an object in parentheses: `(...)`".into()
        }
        other => format!("wrong kind of value: {other}"),
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
    fn line_and_column_round_trip_through_offsets() {
        let src = Source::new("t.ron", "ab\nçd\n\nx");
        for (off, lc) in [
            (0, (1, 1)),
            (3, (2, 1)),
            (5, (2, 2)),
            (7, (3, 1)),
            (8, (4, 1)),
        ] {
            assert_eq!(src.line_col(off), lc, "offset {off}");
            assert_eq!(src.offset(lc.0, lc.1), off);
        }
        assert_eq!(src.line_col(99), (4, 2));
    }

    #[test]
    fn unsaved_texts_stand_in_for_files_while_given() {
        let path = std::path::Path::new("no/such/dir/../file.ron");
        let texts = [(normal(path), "\u{feff}(a: 1)".to_string())].into();
        let read = with_unsaved(texts, || Source::read(path));
        assert_eq!(read.map(|s| s.text), Ok("(a: 1)".to_string()));
        assert!(Source::read(path).is_err(), "the disk again afterwards");
    }

    #[test]
    fn nan_and_infinity_are_refused_where_written() {
        let src = Source::new("t.ron", "(\n  name: \"NaN inf\",\n  men: -inf,\n)");
        let d = parse::<S>(&src).unwrap_err();
        assert_eq!((d.code, d.line, d.column), ("E026", 3, 8));
        let src = Source::new("t.ron", "(name: \"a\", men: 1e999)");
        assert_eq!(parse::<S>(&src).unwrap_err().code, "E026");
    }

    /// The limit counts brackets, as a modder does: 64 levels were about 26 `not(`.
    #[test]
    fn the_nesting_limit_is_the_number_of_brackets() {
        let nested = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        assert!(parse::<serde_json::Value>(&Source::new("t.ron", nested(MAX_DEPTH))).is_ok());
        let d =
            parse::<serde_json::Value>(&Source::new("t.ron", nested(MAX_DEPTH + 1))).unwrap_err();
        assert_eq!((d.code, d.line, d.column), ("E008", 1, MAX_DEPTH + 1));
    }

    /// A file cut short says so where it stops (it only said what was expected next).
    #[test]
    fn a_truncated_file_is_called_truncated() {
        for text in [
            "(\n  name: \"a\",\n  men: 3",
            "(\n  name: \"ab",
            "(\n  name: \"a\",\n",
        ] {
            let d = parse::<S>(&Source::new("t.ron", text)).unwrap_err();
            assert!(d.message.contains("truncated"), "{text:?}: {}", d.message);
        }
        let d = parse::<S>(&Source::new("t.ron", "(\n  name: 3,\n  men: 3,\n)")).unwrap_err();
        assert!(!d.message.contains("truncated"), "{}", d.message);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let d = parse::<serde_json::Value>(&Source::new("t.ron", text)).unwrap_err();
        assert_eq!(d.code, "E008");
    }
}
