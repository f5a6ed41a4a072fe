//! The scenario format reference (`pact schema`, docs/scenario-format.md).
//!
//! Everything about the format is derived from the serde types themselves:
//! `schemars` reads their `///` comments, serde names and defaults (from
//! `Default` and the `default` functions) into a JSON Schema, and the
//! Markdown here is rendered from that schema. Only the header, the limits
//! and the diagnostic codes are written here.

use super::codes;
use serde_json::{Map, Value};

/// The JSON Schema of a scenario file, with overlays' and mod manifests' in its `$defs`.
pub fn schema() -> schemars::Schema {
    let mut generator = schemars::SchemaGenerator::default();
    // Overlay and Manifest are not reachable from Scenario: naming them puts them in `$defs`.
    generator.subschema_for::<super::overlay::Overlay>();
    generator.subschema_for::<super::mods::Manifest>();
    generator.into_root_schema_for::<super::Scenario>()
}

/// [`schema`] as pretty-printed JSON.
pub fn json() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a schema is plain JSON");
    text.push('\n');
    text
}

/// The Markdown sections the types fall into.
const SECTIONS: [&str; 3] = ["Objects", "Values", "Scripting"];

/// The documents a modder writes: everything else is reached from them.
const ROOTS: [&str; 3] = ["Scenario", "Overlay", "Manifest"];

/// What a definition is written as.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// `(field: value, ...)`.
    Object,
    /// A bare word.
    Value,
    /// Forms such as `flag("go")` or `var(name: ..., ...)`.
    Script,
}

fn kind(def: &Value) -> Kind {
    if def.get("properties").is_some() {
        Kind::Object
    } else if variants(def).iter().all(|v| v.get("properties").is_none()) {
        Kind::Value
    } else {
        Kind::Script
    }
}

/// An enum's variants: the `oneOf` forms, or one per word of a plain `enum`.
pub(crate) fn variants(def: &Value) -> Vec<Value> {
    let words = |v: &Value| -> Vec<Value> {
        v["enum"].as_array().map_or_else(Vec::new, |ws| {
            ws.iter()
                .map(|w| serde_json::json!({ "const": w, "description": v["description"] }))
                .collect()
        })
    };
    match def["oneOf"].as_array() {
        Some(forms) => forms
            .iter()
            .flat_map(|f| {
                if f.get("enum").is_some() {
                    words(f)
                } else {
                    vec![f.clone()]
                }
            })
            .collect(),
        None => words(def),
    }
}

/// Every definition by name, the top-level Scenario included.
pub(crate) fn definitions(root: &Value) -> Map<String, Value> {
    let mut defs = root["$defs"].as_object().cloned().unwrap_or_default();
    let mut scenario = root.as_object().cloned().unwrap_or_default();
    for key in ["$defs", "$schema", "title"] {
        scenario.remove(key);
    }
    defs.insert("Scenario".into(), Value::Object(scenario));
    defs
}

/// An object's fields: the required ones in the order written, then the rest by name.
pub(crate) fn fields(def: &Value) -> Vec<(&str, &Value, bool)> {
    let props = def["properties"].as_object();
    let required: Vec<&str> = def["required"]
        .as_array()
        .map_or_else(Vec::new, |r| r.iter().filter_map(Value::as_str).collect());
    let mut out: Vec<(&str, &Value, bool)> = required
        .iter()
        .filter_map(|&n| props?.get(n).map(|s| (n, s, true)))
        .collect();
    for (n, s) in props.into_iter().flatten() {
        if !required.contains(&n.as_str()) {
            out.push((n, s, false));
        }
    }
    out
}

/// Definition names in reading order: the roots, then what they name, breadth first.
fn reading_order(defs: &Map<String, Value>) -> Vec<String> {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) if o.get("properties").is_some() => {
                for (_, s, _) in fields(v) {
                    refs(s, out);
                }
            }
            Value::Object(o) => {
                if let Some(name) = o.get("$ref").and_then(Value::as_str) {
                    out.push(name.trim_start_matches("#/$defs/").to_string());
                }
                o.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut order: Vec<String> = Vec::new();
    for root in ROOTS {
        let mut i = order.len();
        order.push(root.to_string());
        while i < order.len() {
            let mut found = Vec::new();
            refs(&defs[&order[i]], &mut found);
            for name in found {
                if !order.contains(&name) && defs.contains_key(&name) {
                    order.push(name);
                }
            }
            i += 1;
        }
    }
    order
}

fn anchor(name: &str) -> String {
    let a = name.to_lowercase().replace(' ', "-");
    // GitHub numbers a heading that repeats an earlier one (`## Objects`).
    if SECTIONS.iter().any(|s| s.to_lowercase() == a) {
        format!("{a}-1")
    } else {
        a
    }
}

/// The schema without its "may be null" (an optional field's `none` is its default).
pub(crate) fn non_null(s: &Value) -> &Value {
    match s["anyOf"].as_array() {
        Some(alts) => alts
            .iter()
            .find(|a| a["type"] != "null")
            .map_or(s, non_null),
        None => s,
    }
}

/// How a value of schema `s` is written: `number`, `list of [Region](#region)`, `(number, number)`.
pub(crate) fn ty(s: &Value, link: bool) -> String {
    let s = non_null(s);
    if let Some(r) = s["$ref"].as_str() {
        let name = r.trim_start_matches("#/$defs/");
        return if link {
            format!("[{name}](#{})", anchor(name))
        } else {
            name.to_string()
        };
    }
    let t = match &s["type"] {
        Value::Array(ts) => ts
            .iter()
            .find(|t| *t != "null")
            .cloned()
            .unwrap_or_default(),
        t => t.clone(),
    };
    match t.as_str().unwrap_or_default() {
        "string" if s["format"] == "date" => "date".into(),
        "boolean" => "bool".into(),
        "array" => match s["prefixItems"].as_array() {
            Some(items) => format!(
                "({})",
                items
                    .iter()
                    .map(|i| ty(i, link))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => format!("list of {}", ty(&s["items"], link)),
        },
        other => other.to_string(),
    }
}

/// The bounds the checks enforce, e.g. `0 to 3`, `≥ 0`, `at most 64`.
pub(crate) fn bounds(s: &Value) -> String {
    let s = non_null(s);
    let num = |k: &str| s[k].as_f64().map(|x| x.to_string());
    match (num("minimum"), num("maximum"), num("maxItems")) {
        (Some(lo), Some(hi), _) => format!(", {lo} to {hi}"),
        (Some(lo), None, _) => format!(", ≥ {lo}"),
        (None, Some(hi), _) => format!(", ≤ {hi}"),
        (None, None, Some(n)) if s["prefixItems"].is_null() => format!(", at most {n}"),
        _ => String::new(),
    }
}

/// A default as it would be written in RON.
pub(crate) fn ron(v: &Value, s: &Value) -> String {
    let s = non_null(s);
    match v {
        Value::Null => "none".into(),
        Value::String(w) if s.get("$ref").is_some() => w.clone(),
        Value::Array(items) => {
            let tuple = s["prefixItems"].as_array();
            let text: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, x)| ron(x, tuple.map_or(&s["items"], |t| &t[i])))
                .collect();
            match tuple {
                Some(_) => format!("({})", text.join(", ")),
                None => format!("[{}]", text.join(", ")),
            }
        }
        Value::Object(_) => "()".into(),
        other => other.to_string(),
    }
}

/// Text fit for a table cell: one line, no stray column bars.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

pub(crate) fn about(def: &Value) -> &str {
    def["description"].as_str().unwrap_or_default()
}

fn field_table(out: &mut String, def: &Value) {
    out.push_str("| field | type | default | meaning |\n|---|---|---|---|\n");
    for (name, s, required) in fields(def) {
        let default = match s.get("default") {
            _ if required => "**required**".to_string(),
            Some(v) => format!("`{}`", ron(v, s)),
            None => "`none`".to_string(),
        };
        out.push_str(&format!(
            "| `{name}` | {}{} | {} | {} |\n",
            cell(&ty(s, true)),
            bounds(s),
            cell(&default),
            cell(about(s))
        ));
    }
}

/// One scripted form: how it is written, what it means, its named fields.
fn form(out: &mut String, f: &Value) {
    let Some((name, inner)) = f["properties"].as_object().and_then(|p| p.iter().next()) else {
        let word = f["const"].as_str().unwrap_or_default();
        out.push_str(&format!(
            "#### `{word}`\n\n`{word}` — {}\n\n",
            cell(about(f))
        ));
        return;
    };
    let args = if inner.get("properties").is_some() {
        fields(inner)
            .iter()
            .map(|(n, s, _)| format!("{n}: {}", ty(s, false)))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        ty(inner, false)
            .trim_start_matches('(')
            .trim_end_matches(')')
            .to_string()
    };
    out.push_str(&format!(
        "#### `{name}`\n\n`{name}({args})` — {}\n\n",
        cell(about(f))
    ));
    if inner.get("properties").is_some() {
        field_table(out, inner);
        out.push('\n');
    }
}

/// The whole reference, as Markdown.
pub fn markdown() -> String {
    let root = schema().to_value();
    let defs = definitions(&root);
    let order = reading_order(&defs);
    let mut out = String::from(HEADER);
    for (section, k) in SECTIONS
        .iter()
        .zip([Kind::Object, Kind::Value, Kind::Script])
    {
        out.push_str(&format!("\n## {section}\n\n"));
        if k == Kind::Value {
            out.push_str("Written as bare words, e.g. `terrain: steppe`.\n\n");
        }
        for name in order.iter().filter(|n| kind(&defs[n.as_str()]) == k) {
            let def = &defs[name.as_str()];
            out.push_str(&format!("### {name}\n\n{}\n\n", about(def)));
            match k {
                Kind::Object => field_table(&mut out, def),
                Kind::Value => {
                    out.push_str("| value | meaning |\n|---|---|\n");
                    for v in variants(def) {
                        let word = v["const"].as_str().unwrap_or_default();
                        out.push_str(&format!("| `{word}` | {} |\n", cell(about(&v))));
                    }
                }
                Kind::Script => variants(def).iter().for_each(|f| form(&mut out, f)),
            }
            if k != Kind::Script {
                out.push('\n');
            }
        }
    }
    out.push_str(LIMITS);
    out.push_str(&limits());
    out.push_str(
        "\n## Diagnostics\n\nEvery problem `pact validate` reports has one of these codes. \
         `E` codes are errors (the scenario does not load); `W` codes are warnings, \
         which an object's `allow: [\"W050\"]` (code or name) silences for that object.\n\n\
         | code | name | meaning |\n|---|---|---|\n",
    );
    for c in codes::ALL {
        out.push_str(&format!(
            "| <a id=\"{}\"></a>`{}` | `{}` | {} |\n",
            c.code.to_lowercase(),
            c.code,
            c.name,
            cell(c.summary)
        ));
    }
    out
}

fn limits() -> String {
    use super::check::*;
    use super::{MAX_OVERLAY_DEPTH, mods, parse};
    use crate::scenario::kinds::{EachKind, ObjectKind, each_kind};
    /// One row for each kind the engine limits, from the kinds list.
    struct Kinds(Vec<(String, String)>);
    impl EachKind for Kinds {
        fn kind<K: ObjectKind>(&mut self) {
            if let Some(max) = K::MAX {
                self.0.push((K::SECTION.replace('_', " "), max.to_string()));
            }
        }
    }
    let mut kinds = Kinds(Vec::new());
    each_kind(&mut kinds);
    let rows = [
        (
            "file size".into(),
            format!("{} bytes", parse::MAX_FILE_BYTES),
        ),
        ("nesting depth".into(), parse::MAX_DEPTH.to_string()),
    ]
    .into_iter()
    .chain(kinds.0)
    .chain(
        [
            ("factions × regions", MAX_STRENGTH_CELLS.to_string()),
            ("flags and variables", MAX_FLAGS.to_string()),
            ("period", format!("{MAX_YEARS} years")),
            ("perception lag", format!("{MAX_LAG_DAYS} days")),
            ("overlays on each other", MAX_OVERLAY_DEPTH.to_string()),
            ("mods loaded", mods::MAX_MODS.to_string()),
            ("files in a mod", mods::MAX_MOD_FILES.to_string()),
            (
                "mod files together",
                format!("{} bytes", mods::MAX_MOD_BYTES),
            ),
        ]
        .map(|(what, max)| (what.to_string(), max)),
    );
    let mut out = String::from("| what | at most |\n|---|---|\n");
    for (what, max) in rows {
        out.push_str(&format!("| {what} | {max} |\n"));
    }
    out
}

const HEADER: &str = "# Scenario format reference

<!-- Generated by `pact schema`; do not edit by hand. tests/schema.rs fails when
     this file and the engine's types disagree: run
     `cargo run -- schema > docs/scenario-format.md` after changing them. -->

A scenario is one [RON](https://github.com/ron-rs/ron) file: an object
`( ... )` whose fields are the sections below. Ids are strings (`\"harbin\"`)
that other objects refer to; dates are strings `\"YYYY-MM-DD\"`; numbers may be
written `12000` or `12000.0` but never `NaN` or `inf`. Every object refuses
fields it does not have, so a misspelt field is an error with its line and
column, never silently ignored. `pact validate` checks all of it; see
[Diagnostics](#diagnostics) for every code it reports and `docs/modding.md`
for a walk-through.

An **overlay** (a what-if scenario, or a mod's file) changes a scenario
instead of copying it: see [Overlay](#overlay). A **mod** is a folder with a
[mod manifest](#manifest) and overlay files.
";

const LIMITS: &str = "
## Limits

The loader refuses larger inputs with an error (`E008`, `E009`, `E034`,
`E035`, `E036`, `E037`) rather than run out of memory or time.

";
