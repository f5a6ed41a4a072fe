//! Quick fixes: a diagnostic's "did you mean" hint applied to its text.

use super::diagnostics::suggestion;
use super::text::Lines;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};
use serde_json::Value;

/// One fix for each diagnostic (of those the client sends) whose hint names the nearest word.
#[allow(clippy::mutable_key_type)] // WorkspaceEdit's `Uri` keys: see `navigate::rename`.
pub fn quick_fixes(
    uri: &Uri,
    text: &str,
    diagnostics: Vec<lsp_types::Diagnostic>,
) -> Vec<CodeActionOrCommand> {
    let lines = Lines::new(text);
    let mut out = Vec::new();
    for d in diagnostics {
        let hint = d
            .data
            .as_ref()
            .and_then(|v| v.get("hint"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(word) = suggestion(hint) else {
            continue;
        };
        let (a, b) = (lines.offset(d.range.start), lines.offset(d.range.end));
        let Some(old) = text.get(a.min(b)..b.max(a)) else {
            continue;
        };
        // An id is marked with its quotes; a field name or a value without.
        let new = if old.starts_with('"') {
            format!("\"{word}\"")
        } else {
            word.to_string()
        };
        let edit = WorkspaceEdit {
            changes: Some(
                [(uri.clone(), vec![TextEdit::new(d.range, new)])]
                    .into_iter()
                    .collect(),
            ),
            ..Default::default()
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Change to `{word}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d]),
            edit: Some(edit),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    out
}
