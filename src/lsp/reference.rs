//! The format reference `pact schema` prints, looked up at a place in a file:
//! which object the place is in, its fields and their meaning, type, bounds
//! and default, and the values a field takes. It is the JSON Schema derived
//! from the scenario types, walked along the brackets open at the place.

use super::syntax::{Frame, Owner};
use crate::scenario::schema;
use serde_json::{Map, Value};

/// The definitions of the scenario, overlay and manifest formats.
pub struct Reference {
    defs: Map<String, Value>,
}

/// What the text at a frame is, in the schema.
#[derive(Clone, Copy)]
struct Shape<'a> {
    schema: &'a Value,
    /// The parentheses of a one-value form (`flag("x")`, `spawn((...))`): hold that value.
    wraps: bool,
}

/// The document a file is: `Scenario`, `Overlay` or `Manifest`.
pub fn root_for(path: &std::path::Path, text: &str) -> &'static str {
    let keys = super::syntax::top_level_keys(text);
    if path
        .file_name()
        .is_some_and(|n| n == crate::scenario::mods::MANIFEST)
    {
        "Manifest"
    } else if [
        "base", "add", "replace", "remove", "choose", "offers", "triggers",
    ]
    .iter()
    .any(|k| keys.contains(k))
    {
        "Overlay"
    } else {
        "Scenario"
    }
}

impl Default for Reference {
    fn default() -> Self {
        Self::new()
    }
}

impl Reference {
    pub fn new() -> Self {
        let root = schema::schema().to_value();
        Reference {
            defs: schema::definitions(&root),
        }
    }

    /// `s` without "or null" and with `$ref`s followed.
    fn deref<'a>(&'a self, s: &'a Value) -> &'a Value {
        let mut s = schema::non_null(s);
        for _ in 0..8 {
            let Some(name) = s["$ref"].as_str() else {
                break;
            };
            match self.defs.get(name.trim_start_matches("#/$defs/")) {
                Some(d) => s = schema::non_null(d),
                None => break,
            }
        }
        s
    }

    /// The schema a value written next in `f` (shape `shape`) has.
    fn slot<'a>(&'a self, f: &Frame, shape: Shape<'a>) -> Option<&'a Value> {
        let s = shape.schema;
        if shape.wraps {
            return Some(s);
        }
        if let Some(k) = &f.key {
            return s["properties"].get(k.as_str());
        }
        if let Some(items) = s["prefixItems"].as_array() {
            return items.get(f.index);
        }
        if s.get("items").is_some() {
            return Some(&s["items"]);
        }
        Some(s)
    }

    /// The variant `name` of an enum schema: its inner schema.
    fn variant<'a>(&'a self, s: &'a Value, name: &str) -> Option<&'a Value> {
        let s = self.deref(s);
        let forms = s["oneOf"].as_array().or_else(|| s["anyOf"].as_array())?;
        forms
            .iter()
            .find_map(|f| self.deref(f)["properties"].get(name))
    }

    /// The shape of each frame of the stack (the root's is the document's).
    fn shapes<'a>(&'a self, root: &str, stack: &[Frame]) -> Vec<Option<Shape<'a>>> {
        let mut out: Vec<Option<Shape<'a>>> = Vec::with_capacity(stack.len());
        for (i, f) in stack.iter().enumerate() {
            let shape = if i == 0 {
                self.defs.get(root).map(|schema| Shape {
                    schema,
                    wraps: true,
                })
            } else {
                let parent = out[i - 1].and_then(|p| self.slot(&stack[i - 1], p));
                parent.and_then(|slot| match &f.owner {
                    Owner::Call(c) => {
                        let inner = self.variant(slot, c)?;
                        let tuple = inner.get("prefixItems").is_some();
                        let inline = inner.get("properties").is_some();
                        Some(Shape {
                            schema: if tuple || inline {
                                inner
                            } else {
                                self.deref(inner)
                            },
                            wraps: !tuple && !inline,
                        })
                    }
                    _ => Some(Shape {
                        schema: self.deref(slot),
                        wraps: false,
                    }),
                })
            };
            out.push(shape);
        }
        out
    }

    /// The object (with fields) the innermost frame is.
    pub fn object(&self, root: &str, stack: &[Frame]) -> Option<&Value> {
        let shape = (*self.shapes(root, stack).last()?)?;
        (shape.schema.get("properties").is_some() && !shape.wraps).then_some(shape.schema)
    }

    /// The schema of the value to be written next in the innermost frame.
    pub fn expected(&self, root: &str, stack: &[Frame]) -> Option<&Value> {
        let shape = (*self.shapes(root, stack).last()?)?;
        let top = stack.last()?;
        self.slot(top, shape).map(|s| self.deref(s))
    }

    /// Hover text for field `name` of `object`: type, bounds, default and meaning.
    pub fn field_doc(&self, object: &Value, name: &str) -> Option<String> {
        let s = object["properties"].get(name)?;
        let required = object["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x == name));
        let default = match s.get("default") {
            _ if required => "required".to_string(),
            Some(v) => format!("default `{}`", schema::ron(v, s)),
            None => "default `none`".to_string(),
        };
        let mut about = schema::about(s).to_string();
        if about.is_empty() {
            about = schema::about(self.deref(s)).to_string();
        }
        Some(format!(
            "**`{name}`**: {}{} — {default}\n\n{about}",
            schema::ty(s, false),
            schema::bounds(s)
        ))
    }

    /// Fields of an object: (name, one-line meaning).
    pub fn fields<'a>(&self, object: &'a Value) -> Vec<(&'a str, String, bool)> {
        schema::fields(object)
            .into_iter()
            .map(|(n, s, req)| {
                let mut about = schema::about(s).to_string();
                if about.is_empty() {
                    about = schema::about(self.deref(s)).to_string();
                }
                (n, format!("{} — {about}", schema::ty(s, false)), req)
            })
            .collect()
    }

    /// The words (plain values and forms) a value of schema `s` may be: (word, meaning, is a form).
    pub fn words(&self, s: &Value) -> Vec<(String, String, bool)> {
        let s = self.deref(s);
        if s["type"] == "boolean" {
            return vec![
                ("true".into(), String::new(), false),
                ("false".into(), String::new(), false),
            ];
        }
        schema::variants(s)
            .iter()
            .filter_map(|v| {
                let about = schema::about(v).to_string();
                if let Some(w) = v["const"].as_str() {
                    return Some((w.to_string(), about, false));
                }
                let (name, _) = v["properties"].as_object()?.iter().next()?;
                Some((name.clone(), about, true))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::syntax::cursor;

    #[test]
    fn fields_are_found_along_the_brackets() {
        let r = Reference::new();
        let text = "(regions: [(id: \"a\", terrain: ";
        let c = cursor(text, text.len());
        let obj = r.object("Scenario", &c.stack).expect("a region");
        assert!(r.field_doc(obj, "owner").unwrap().contains("Faction id"));
        let words = r.words(r.expected("Scenario", &c.stack).expect("terrain"));
        assert!(words.iter().any(|(w, _, _)| w == "steppe"), "{words:?}");
        let text = "(events: [(id: \"e\", effects: [rail_transfer(formation: \"f\", ";
        let c = cursor(text, text.len());
        let obj = r.object("Scenario", &c.stack).expect("a form's fields");
        assert!(r.field_doc(obj, "to").unwrap().contains("Region id"));
        let text = "(events: [(id: \"e\", effects: [spawn((id: \"x\", ";
        let c = cursor(text, text.len());
        let obj = r.object("Scenario", &c.stack).expect("a formation");
        assert!(r.field_doc(obj, "location").is_some());
        let text = "(add: (regions: [(";
        let c = cursor(text, text.len());
        let obj = r
            .object("Overlay", &c.stack)
            .expect("a region in an overlay");
        assert!(r.field_doc(obj, "terrain").is_some());
    }
}
