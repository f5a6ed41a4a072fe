//! Completion: inside a string, the ids of the kind the field names (only
//! regions in a `location`); after `field:`, the values and forms it takes;
//! elsewhere in an object, the fields it has and are not yet given.

use super::ids::{self, Kind, Role};
use super::reference::{Reference, root_for};
use super::syntax::{Tok, cursor, inner};
use super::text::Lines;
use super::workspace::Workspace;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, TextEdit,
};
use std::collections::BTreeMap;
use std::path::Path;

/// Ids of a kind in the files checked with a file, with the name of each (the
/// last definition's). Flags are offered wherever they are set or read.
pub fn ids_of(ws: &Workspace, path: &Path, kind: Kind) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for f in ws.files_for(path) {
        let names: BTreeMap<usize, &str> = f
            .index
            .definitions
            .iter()
            .map(|d| (d.occurrence, d.field("name").unwrap_or_default()))
            .collect();
        for (i, o) in f.index.occurrences.iter().enumerate() {
            if o.kind != kind || (o.role == Role::Use && !kind.is_name()) {
                continue;
            }
            let name = names.get(&i).copied().unwrap_or_default();
            let entry = out.entry(o.id.clone()).or_insert_with(String::new);
            if !name.is_empty() {
                *entry = name.to_string();
            }
        }
    }
    out
}

/// The ids to offer for a kind at a place: a decision's options are those of
/// the decision named there, offered by their own name.
fn candidates(
    ws: &Workspace,
    path: &Path,
    kind: Kind,
    stack: &[super::syntax::Frame],
) -> BTreeMap<String, String> {
    let all = ids_of(ws, path, kind);
    if kind != Kind::Option {
        return all;
    }
    let Some(decision) = ids::decision_of(stack) else {
        return BTreeMap::new();
    };
    let prefix = format!("{decision}/");
    all.into_iter()
        .filter_map(|(id, name)| Some((id.strip_prefix(&prefix)?.to_string(), name)))
        .collect()
}

/// [`candidates`] as completions, each with the edit `write` makes of its id,
/// and its name (or, without one, its kind) beside it.
fn id_items(
    ws: &Workspace,
    path: &Path,
    kind: Kind,
    stack: &[super::syntax::Frame],
    write: impl Fn(&str) -> Option<CompletionTextEdit>,
) -> Vec<CompletionItem> {
    let items = candidates(ws, path, kind, stack).into_iter();
    items
        .map(|(id, name)| CompletionItem {
            label: id.clone(),
            kind: Some(CompletionItemKind::VALUE),
            detail: Some(if name.is_empty() {
                kind.name().to_string()
            } else {
                name
            }),
            text_edit: write(&id),
            filter_text: Some(id),
            ..Default::default()
        })
        .collect()
}

fn edit(lines: &Lines, start: usize, end: usize, new: String) -> Option<CompletionTextEdit> {
    Some(CompletionTextEdit::Edit(TextEdit::new(
        lines.range(start, end),
        new,
    )))
}

fn docs(text: String) -> Option<Documentation> {
    (!text.is_empty()).then_some(Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text,
    }))
}

/// The completions at a byte offset of a file.
pub fn complete(
    ws: &Workspace,
    r: &Reference,
    path: &Path,
    text: &str,
    offset: usize,
) -> Vec<CompletionItem> {
    let lines = Lines::new(text);
    let c = cursor(text, offset);
    if c.in_comment {
        return Vec::new();
    }
    let root = root_for(path, text);
    // Inside a string: ids of the kind the place expects, or nothing.
    if let Some(t) = c.token.filter(|t| t.tok == Tok::Str) {
        let (s, e) = inner(text, &t);
        if offset < s || offset > e {
            return Vec::new();
        }
        let Some(kind) = ids::expected(&c.stack) else {
            return Vec::new();
        };
        return id_items(ws, path, kind, &c.stack, |id| {
            edit(&lines, s, e, id.to_string())
        });
    }
    // A word being written, or none.
    let (start, end) = match c.token {
        Some(t) if t.tok == Tok::Ident => (t.start, t.end),
        Some(_) => return Vec::new(),
        None => (offset, offset),
    };
    let after_colon = c.before.is_some_and(|b| b.tok == Tok::Colon);
    if !after_colon && let Some(obj) = r.object(root, &c.stack) {
        let given = c.stack.last().map(|f| f.given.clone()).unwrap_or_default();
        return r
            .fields(obj)
            .into_iter()
            .filter(|(n, _, _)| !given.iter().any(|g| g == n))
            .map(|(name, about, required)| CompletionItem {
                label: name.to_string(),
                kind: Some(CompletionItemKind::FIELD),
                detail: Some(if required {
                    "required".to_string()
                } else {
                    "optional".to_string()
                }),
                documentation: docs(about),
                text_edit: edit(&lines, start, end, format!("{name}: ")),
                filter_text: Some(name.to_string()),
                ..Default::default()
            })
            .collect();
    }
    // A value: an id in quotes, or one of the words or forms the field takes.
    if let Some(kind) = ids::expected(&c.stack) {
        let quoted = |id: &str| edit(&lines, start, end, format!("\"{id}\""));
        return id_items(ws, path, kind, &c.stack, quoted);
    }
    let Some(expected) = r.expected(root, &c.stack) else {
        return Vec::new();
    };
    r.words(expected)
        .into_iter()
        .map(|(word, about, form)| CompletionItem {
            label: word.clone(),
            kind: Some(if form {
                CompletionItemKind::FUNCTION
            } else {
                CompletionItemKind::ENUM_MEMBER
            }),
            documentation: docs(about),
            insert_text_format: form.then_some(InsertTextFormat::SNIPPET),
            text_edit: edit(
                &lines,
                start,
                end,
                if form {
                    format!("{word}($1)")
                } else {
                    word.clone()
                },
            ),
            filter_text: Some(word),
            ..Default::default()
        })
        .collect()
}
