//! Validator diagnostics as LSP diagnostics: the same code, message and
//! place, the place turned from line and character column into UTF-16.

use super::text::Lines;
use crate::scenario::{Diagnostic, Severity};
use lsp_types::{DiagnosticSeverity, NumberOrString};

/// The hint's "did you mean" suggestion, if it has one.
pub fn suggestion(hint: &str) -> Option<&str> {
    let rest = hint.strip_prefix("did you mean `")?;
    rest.split_once("`?").map(|(s, _)| s)
}

/// One diagnostic in `text` (the text it was found in). `located` is false
/// for problems with no place of their own, shown at the start of the file.
pub fn to_lsp(d: &Diagnostic, text: &str, located: bool) -> lsp_types::Diagnostic {
    let range = if located {
        Lines::new(text).range_of_columns(d.line, d.column, d.len)
    } else {
        lsp_types::Range::default()
    };
    let mut message = d.message.clone();
    if let Some(p) = &d.path {
        message.push_str(&format!(" (at `{p}`)"));
    }
    if let Some(h) = &d.hint {
        message.push_str(&format!("\nhint: {h}"));
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: None,
        source: Some("pact".into()),
        message,
        related_information: None,
        tags: None,
        data: Some(serde_json::json!({
            "name": d.name,
            "hint": d.hint,
            "path": d.path,
        })),
    }
}
