//! Ids across files: where one is defined, every place it is used, renaming
//! it everywhere, and the outline of a file's objects.

use super::ids::{Kind, Role};
use super::syntax::{Definition, Occurrence};
use super::text::Lines;
use super::uri;
use super::workspace::{File, Workspace};
use lsp_types::{DocumentSymbol, Location, SymbolKind, TextEdit, Uri};
use std::collections::HashMap;
use std::path::Path;

/// The id at a place of a file.
pub fn at<'a>(ws: &'a Workspace, path: &Path, offset: usize) -> Option<&'a Occurrence> {
    let f = ws.files().into_iter().find(|f| f.path == path)?;
    f.index.at(offset)
}

/// The URI to name a file by: the editor's, if it is open.
pub fn uri_of(ws: &Workspace, path: &Path) -> Option<Uri> {
    match ws.open.get(path) {
        Some(d) => Some(d.uri.clone()),
        None => uri::from_path(path),
    }
}

fn location(ws: &Workspace, f: &File, o: &Occurrence) -> Option<Location> {
    Some(Location::new(
        uri_of(ws, &f.path)?,
        Lines::new(&f.text).range(o.start, o.end),
    ))
}

/// Every occurrence of an id of a kind, in every file known.
pub fn occurrences<'a>(ws: &'a Workspace, kind: Kind, id: &str) -> Vec<(&'a File, &'a Occurrence)> {
    let mut out = Vec::new();
    for f in ws.files() {
        for o in &f.index.occurrences {
            if o.kind == kind && o.id == id {
                out.push((f, o));
            }
        }
    }
    out
}

/// Where an id is defined (its replacements in overlays if the base is not known).
pub fn definition(ws: &Workspace, kind: Kind, id: &str) -> Vec<Location> {
    let all = occurrences(ws, kind, id);
    let pick = |role: Role| -> Vec<Location> {
        all.iter()
            .filter(|(_, o)| o.role == role)
            .filter_map(|(f, o)| location(ws, f, o))
            .collect()
    };
    let found = pick(Role::Define);
    if found.is_empty() {
        pick(Role::Redefine)
    } else {
        found
    }
}

/// The object an id names in the files checked with `path`: the last
/// definition read (an overlay's replacement wins).
pub fn defined<'a>(ws: &'a Workspace, path: &Path, kind: Kind, id: &str) -> Option<&'a Definition> {
    let mut found = None;
    for f in ws.files_for(path) {
        for d in &f.index.definitions {
            if let Some(o) = f.index.occurrences.get(d.occurrence)
                && o.kind == kind
                && o.id == id
            {
                found = Some(d);
            }
        }
    }
    found
}

pub fn references(ws: &Workspace, kind: Kind, id: &str, declarations: bool) -> Vec<Location> {
    occurrences(ws, kind, id)
        .into_iter()
        .filter(|(_, o)| declarations || o.role == Role::Use)
        .filter_map(|(f, o)| location(ws, f, o))
        .collect()
}

/// The file a string at `offset` names, if it is an overlay's `base` or one
/// of a manifest's `files`, and it exists (under the rule the loader follows).
pub fn named_file(path: &Path, text: &str, offset: usize) -> Option<std::path::PathBuf> {
    use super::syntax::{Owner, Tok, cursor, inner};
    let c = cursor(text, offset);
    let t = c.token.filter(|t| t.tok == Tok::Str)?;
    let top = c.stack.last()?;
    let depth = c.stack.len();
    let names_file = (depth == 2 && top.key.as_deref() == Some("base"))
        || (depth == 3 && top.open == b'[' && top.owner == Owner::Key("files".into()));
    if !names_file {
        return None;
    }
    let (s, e) = inner(text, &t);
    let dir = path.parent()?;
    let file = crate::scenario::confine::confine(None, dir, &text[s..e]).ok()?;
    file.is_file().then_some(file)
}

/// Whether a new id can be written as is between quotes.
pub fn valid_id(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name
            .chars()
            .any(|c| c == '"' || c == '\\' || c.is_control())
}

/// Edits renaming an id in every file that writes it.
// lsp-types keys a WorkspaceEdit's changes by `Uri`, whose parsed form is cached
// inside it; the cache never changes what the key hashes or compares as.
#[allow(clippy::mutable_key_type)]
pub fn rename(ws: &Workspace, kind: Kind, id: &str, new: &str) -> HashMap<Uri, Vec<TextEdit>> {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (f, o) in occurrences(ws, kind, id) {
        let Some(u) = uri_of(ws, &f.path) else {
            continue;
        };
        let range = Lines::new(&f.text).range(o.start, o.end);
        changes
            .entry(u)
            .or_default()
            .push(TextEdit::new(range, new.to_string()));
    }
    changes
}

fn symbol_kind(k: Kind) -> SymbolKind {
    match k {
        Kind::Faction => SymbolKind::CLASS,
        Kind::Region => SymbolKind::NAMESPACE,
        Kind::FormationType => SymbolKind::STRUCT,
        Kind::Formation => SymbolKind::OBJECT,
        Kind::Treaty => SymbolKind::INTERFACE,
        Kind::Event => SymbolKind::EVENT,
        Kind::Decision => SymbolKind::ENUM,
        Kind::History => SymbolKind::CONSTANT,
        Kind::Option => SymbolKind::ENUM_MEMBER,
        Kind::Flag => SymbolKind::KEY,
        Kind::Theatre => SymbolKind::PACKAGE,
    }
}

/// The outline of a file: its objects, under their section.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
pub fn symbols(text: &str, f: &super::syntax::Index) -> Vec<DocumentSymbol> {
    let lines = Lines::new(text);
    let mut sections: Vec<(Kind, Vec<DocumentSymbol>, usize, usize)> = Vec::new();
    for d in &f.definitions {
        let Some(o) = f.occurrences.get(d.occurrence) else {
            continue;
        };
        // Flags and theatres are named in many places, not defined once: not in the outline.
        if o.kind.is_name() {
            continue;
        }
        let sym = DocumentSymbol {
            name: o.id.clone(),
            detail: d.field("name").map(str::to_string),
            kind: symbol_kind(o.kind),
            tags: None,
            deprecated: None,
            range: lines.range(d.start.min(o.start), d.end.max(o.end)),
            selection_range: lines.range(o.start, o.end),
            children: None,
        };
        match sections.iter_mut().find(|s| s.0 == o.kind) {
            Some(s) => {
                s.1.push(sym);
                s.2 = s.2.min(d.start);
                s.3 = s.3.max(d.end);
            }
            None => sections.push((o.kind, vec![sym], d.start, d.end)),
        }
    }
    sections
        .into_iter()
        .map(|(k, children, start, end)| DocumentSymbol {
            name: k.section().to_string(),
            detail: Some(format!("{} {}", children.len(), k.name())),
            kind: SymbolKind::ARRAY,
            tags: None,
            deprecated: None,
            range: lines.range(start, end),
            selection_range: lines.range(start, start),
            children: Some(children),
        })
        .collect()
}
