//! The scenario format reference (`pact schema`, docs/scenario-format.md).
//!
//! Meanings, units and defaults are written by hand in `table.rs`; the
//! field and value names are checked against the serde types themselves:
//! deserialising an object with a bogus field makes ron list every real
//! field (`NoSuchStructField { expected }`), a bogus value every real value
//! (`NoSuchEnumVariant { expected }`). A test compares the two, so the
//! reference cannot drift from the engine.

mod table;

pub use table::{CHOICES, OBJECTS, SCRIPTS};

use super::codes;
use serde::de::DeserializeOwned;

/// One field of an object.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: &'static str,
    pub unit: &'static str,
    /// Empty: the field is required.
    pub default: &'static str,
    pub meaning: &'static str,
}

/// `Field` in one line of the table.
pub const fn f(
    name: &'static str,
    ty: &'static str,
    unit: &'static str,
    default: &'static str,
    meaning: &'static str,
) -> Field {
    Field {
        name,
        ty,
        unit,
        default,
        meaning,
    }
}

/// An object written `(field: value, ...)`.
#[derive(Clone, Copy, Debug)]
pub struct Object {
    pub name: &'static str,
    pub about: &'static str,
    pub fields: &'static [Field],
    /// The field names serde knows, in declaration order.
    pub probe: fn() -> Vec<&'static str>,
}

/// A fixed set of values written as bare words (`steppe`, `in_force`).
#[derive(Clone, Copy, Debug)]
pub struct Choice {
    pub name: &'static str,
    pub about: &'static str,
    pub values: &'static [(&'static str, &'static str)],
    pub probe: fn() -> Vec<&'static str>,
}

/// One form of a scripted value (a condition, an effect, a history measure).
#[derive(Clone, Copy, Debug)]
pub struct Form {
    pub name: &'static str,
    /// How it is written, e.g. `flag("name")`.
    pub example: &'static str,
    pub meaning: &'static str,
    /// Named fields, for forms written `name(field: value, ...)`.
    pub fields: &'static [Field],
    /// The field names serde knows for this form (empty for positional forms).
    pub probe: fn() -> Vec<&'static str>,
}

/// A family of forms: conditions, effects, history measures, scopes.
#[derive(Clone, Copy, Debug)]
pub struct Script {
    pub name: &'static str,
    pub about: &'static str,
    pub forms: &'static [Form],
    pub probe: fn() -> Vec<&'static str>,
}

/// The names ron lists when `text` names something `T` does not have.
pub fn expected<T: DeserializeOwned>(text: &str) -> Vec<&'static str> {
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    match opts.from_str::<T>(text) {
        Err(e) => match e.code {
            ron::Error::NoSuchStructField { expected, .. }
            | ron::Error::NoSuchEnumVariant { expected, .. } => expected.to_vec(),
            _ => Vec::new(),
        },
        Ok(_) => Vec::new(),
    }
}

/// Field names of a struct.
pub fn fields<T: DeserializeOwned>() -> Vec<&'static str> {
    expected::<T>("(schema_probe: 0)")
}

/// Value names of an enum.
pub fn variants<T: DeserializeOwned>() -> Vec<&'static str> {
    expected::<T>("schema_probe")
}

/// No fields to probe (a positional form).
pub fn none() -> Vec<&'static str> {
    Vec::new()
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn anchor(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

fn field_table(out: &mut String, fields: &[Field]) {
    out.push_str("| field | type | unit | default | meaning |\n|---|---|---|---|---|\n");
    for x in fields {
        let default = if x.default.is_empty() {
            "**required**".to_string()
        } else {
            format!("`{}`", x.default)
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            x.name,
            cell(x.ty),
            cell(x.unit),
            cell(&default),
            cell(x.meaning)
        ));
    }
}

/// The whole reference, as Markdown.
pub fn markdown() -> String {
    let mut out = String::from(HEADER);
    out.push_str("\n## Objects\n\n");
    for o in OBJECTS {
        out.push_str(&format!("### {}\n\n{}\n\n", o.name, o.about));
        field_table(&mut out, o.fields);
        out.push('\n');
    }
    out.push_str("## Values\n\nWritten as bare words, e.g. `terrain: steppe`.\n\n");
    for c in CHOICES {
        out.push_str(&format!(
            "### {}\n\n{}\n\n| value | meaning |\n|---|---|\n",
            c.name, c.about
        ));
        for (v, m) in c.values {
            out.push_str(&format!("| `{v}` | {} |\n", cell(m)));
        }
        out.push('\n');
    }
    out.push_str("## Scripting\n\n");
    for s in SCRIPTS {
        out.push_str(&format!("### {}\n\n{}\n\n", s.name, s.about));
        for form in s.forms {
            out.push_str(&format!(
                "#### `{}`\n\n`{}` — {}\n\n",
                form.name, form.example, form.meaning
            ));
            if !form.fields.is_empty() {
                field_table(&mut out, form.fields);
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
            anchor(c.code),
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
    let rows = [
        ("file size", format!("{} bytes", parse::MAX_FILE_BYTES)),
        ("nesting depth", parse::MAX_DEPTH.to_string()),
        ("factions", MAX_FACTIONS.to_string()),
        ("regions", MAX_REGIONS.to_string()),
        ("factions × regions", MAX_STRENGTH_CELLS.to_string()),
        ("links", MAX_LINKS.to_string()),
        ("formation types", MAX_FORMATION_TYPES.to_string()),
        (
            "formations (at the start and spawned)",
            MAX_FORMATIONS.to_string(),
        ),
        ("treaties", MAX_TREATIES.to_string()),
        ("events", MAX_EVENTS.to_string()),
        ("decisions", MAX_DECISIONS.to_string()),
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
    ];
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
[mod manifest](#mod-manifest-modron) and overlay files.
";

const LIMITS: &str = "
## Limits

The loader refuses larger inputs with an error (`E008`, `E009`, `E034`,
`E035`, `E036`, `E037`) rather than run out of memory or time.

";
