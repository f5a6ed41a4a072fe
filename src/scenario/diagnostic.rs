//! Problems found in scenario files, with a stable code and an exact place.

use super::codes::Code;
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file. Lines and columns are 1-based; 0 when unknown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `E012`.
    pub code: &'static str,
    /// Stable name, e.g. `unknown-region`.
    pub name: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Length of the offending text on its line, for the marker (at least 1).
    #[serde(skip)]
    pub len: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Field path within the file, e.g. `formations[12].men`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A warning the object's `allow` list silences: not shown, only counted.
    #[serde(skip)]
    pub suppressed: bool,
}

impl Diagnostic {
    /// A problem of kind `code`; warning or error as the code says.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.code,
            name: code.name,
            severity: if code.is_warning() {
                Severity::Warning
            } else {
                Severity::Error
            },
            file: String::new(),
            line: 0,
            column: 0,
            len: 1,
            message: shorten(message.into()),
            hint: None,
            path: None,
            suppressed: false,
        }
    }

    pub fn at(mut self, file: &str, line: usize, column: usize, len: usize) -> Self {
        self.file = file.to_string();
        self.line = line;
        self.column = column;
        self.len = len.max(1);
        self
    }

    /// Adds a hint; an empty one is none.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        let hint = shorten(hint.into());
        self.hint = (!hint.is_empty()).then_some(hint);
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line > 0 {
            write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        } else if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        write!(f, "{sev}[{} {}]: {}", self.code, self.name, self.message)?;
        if let Some(p) = &self.path {
            write!(f, " (at `{p}`)")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// Longest message or hint kept, in characters: messages quote the text they
/// found, and a hostile file's "word" can be megabytes long.
const MAX_MESSAGE_CHARS: usize = 1000;

/// `text`, cut after [`MAX_MESSAGE_CHARS`] characters with a note of how much was left out.
fn shorten(text: String) -> String {
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => text,
        Some((cut, _)) => format!(
            "{}… ({} more characters)",
            &text[..cut],
            text[cut..].chars().count()
        ),
    }
}

/// The closest candidates to a misspelt name, for "did you mean" hints.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// A "did you mean" hint, or a list of valid names when nothing is close.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let near = nearest(word, candidates.clone());
    if let Some(first) = near.first() {
        format!("did you mean `{first}`?")
    } else {
        // A struct's fields are all shown; a long list of ids is cut, and says so.
        const SHOWN: usize = 24;
        let all: Vec<&str> = candidates.into_iter().collect();
        let mut text = format!(
            "expected one of: {}",
            all[..all.len().min(SHOWN)].join(", ")
        );
        if all.len() > SHOWN {
            text.push_str(&format!(" … and {} more", all.len() - SHOWN));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name() {
        assert_eq!(
            suggest("harbinn", ["hailar", "harbin", "mukden"]),
            "did you mean `harbin`?"
        );
        assert!(suggest("zzz", ["hailar", "harbin"]).starts_with("expected one of: hailar"));
    }

    /// A list was cut at 12 without a word: a formation's later fields
    /// (`parent`, `axis`, `spread`, `allow`) were never shown.
    #[test]
    fn a_list_of_choices_is_whole_or_says_how_many_it_leaves_out() {
        let names: Vec<String> = (0..30).map(|i| format!("field{i}")).collect();
        let few = suggest("zzz", names[..17].iter().map(String::as_str));
        assert!(few.ends_with("field16"), "{few}");
        let many = suggest("zzz", names.iter().map(String::as_str));
        assert!(many.ends_with("field23 … and 6 more"), "{many}");
    }
}
