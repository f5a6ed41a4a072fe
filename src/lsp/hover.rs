//! Hover: a field's meaning from the format reference, a value's meaning,
//! and for an id what it names with its key facts.

use super::ids::{Kind, Role};
use super::navigate;
use super::reference::{Reference, root_for};
use super::syntax::{Tok, cursor};
use super::workspace::Workspace;
use std::path::Path;

/// Fields worth showing first for each kind (the rest follow as written).
fn key_fields(k: Kind) -> &'static [&'static str] {
    match k {
        Kind::Region => &["terrain", "owner", "theatre", "fort", "depot", "value"],
        Kind::Formation => &["faction", "type", "men", "location", "posture", "quality"],
        Kind::Faction => &["controller"],
        Kind::Treaty => &["status", "signed", "in_force", "term_years"],
        Kind::Decision => &["faction", "historical"],
        _ => &[],
    }
}

/// The kind of id a field's value names, to show the named object's name beside it.
fn named_kind(field: &str) -> Option<Kind> {
    match field {
        "owner" | "faction" => Some(Kind::Faction),
        "location" => Some(Kind::Region),
        "type" => Some(Kind::FormationType),
        "parent" => Some(Kind::Formation),
        _ => None,
    }
}

/// What an id names: kind, name and key facts, from its definition.
pub fn id_facts(ws: &Workspace, path: &Path, kind: Kind, id: &str) -> String {
    let shown = match (kind, id.split_once('/')) {
        (Kind::Option, Some((decision, option))) => format!("{option}` of decision `{decision}"),
        _ => id.to_string(),
    };
    if kind.is_name() {
        let all = navigate::occurrences(ws, kind, id);
        let set = all.iter().filter(|(_, o)| o.role != Role::Use).count();
        let read = all.len() - set;
        let (set_in, read_in) = if kind == Kind::Flag {
            ("set in", "read or cleared in")
        } else {
            ("regions in it:", "other mentions:")
        };
        return format!(
            "**{} `{id}`**\n\n{set_in} {set}, {read_in} {read} (in the files known with it)",
            kind.name()
        );
    }
    let Some(def) = navigate::defined(ws, path, kind, id) else {
        let known = super::complete::ids_of(ws, path, kind);
        let near = crate::scenario::diagnostic::nearest(id, known.keys().map(String::as_str));
        let hint = match near.first() {
            Some(n) => format!(" Did you mean `{}`?", n.rsplit('/').next().unwrap_or(n)),
            None => String::new(),
        };
        return format!(
            "**{} `{shown}`**\n\nNo {} has this id.{hint}",
            kind.name(),
            kind.name()
        );
    };
    let mut out = format!("**{} `{shown}`**", kind.name());
    if let Some(name) = def.field("name") {
        out.push_str(&format!(" — {name}"));
    }
    out.push_str("\n\n");
    let mut listed: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    let fields = key_fields(kind);
    let ordered = fields
        .iter()
        .filter_map(|f| def.fields.iter().find(|(k, _)| k == f))
        .chain(
            def.fields
                .iter()
                .filter(|(k, _)| !fields.contains(&k.as_str())),
        );
    for (k, v) in ordered {
        if matches!(k.as_str(), "id" | "name" | "allow" | "description")
            || listed.contains(&k.as_str())
        {
            continue;
        }
        listed.push(k.as_str());
        let named = named_kind(k)
            .and_then(|nk| navigate::defined(ws, path, nk, v))
            .and_then(|d| d.field("name"));
        match named {
            Some(n) => lines.push(format!("- {k}: `{v}` ({n})")),
            None => lines.push(format!("- {k}: `{v}`")),
        }
        if lines.len() >= 12 {
            break;
        }
    }
    out.push_str(&lines.join("\n"));
    let uses = navigate::references(ws, kind, id, false).len();
    out.push_str(&format!(
        "\n\n{uses} use{} in the files known with it (base, overlays, mods)",
        if uses == 1 { "" } else { "s" }
    ));
    out
}

/// The hover text at a byte offset of a file, if anything there has one.
pub fn hover(
    ws: &Workspace,
    r: &Reference,
    path: &Path,
    text: &str,
    offset: usize,
) -> Option<(String, usize, usize)> {
    let c = cursor(text, offset);
    let t = c.token?;
    match t.tok {
        Tok::Str => {
            let o = navigate::at(ws, path, offset)?;
            Some((id_facts(ws, path, o.kind, &o.id), o.start, o.end))
        }
        Tok::Ident => {
            let word = &text[t.start..t.end];
            let root = root_for(path, text);
            if c.after.is_some_and(|a| a.tok == Tok::Colon) {
                let obj = r.object(root, &c.stack)?;
                return Some((r.field_doc(obj, word)?, t.start, t.end));
            }
            let expected = r.expected(root, &c.stack)?;
            let (w, about, form) = r.words(expected).into_iter().find(|(w, _, _)| w == word)?;
            let shown = if form { format!("{w}(…)") } else { w };
            Some((format!("**`{shown}`**\n\n{about}"), t.start, t.end))
        }
        _ => None,
    }
}
