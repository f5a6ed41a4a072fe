//! Number ranges, declared once on the types (`#[schemars(range(...))]`): the
//! reference prints them and this walk enforces them, so the two cannot
//! disagree. Each object is serialised and walked beside its schema; a number
//! whose schema has a `minimum` or `maximum` outside it is reported at its
//! field. Ranges that depend on another value (wounded after killed) and
//! tuples, which the schema cannot bound, stay with their kind's own checks.

use super::Reporter;
use crate::scenario::kinds::{EachKind, ObjectKind, each_kind};
use crate::scenario::schema;
use serde::Serialize;
use serde_json::{Map, Value};
use std::sync::OnceLock;

pub fn check(r: &mut Reporter) {
    struct Objects<'r, 'a>(&'r mut Reporter<'a>);
    impl EachKind for Objects<'_, '_> {
        fn kind<K: ObjectKind>(&mut self) {
            let r = &mut *self.0;
            let item = &root()["properties"][K::SECTION]["items"];
            for (i, x) in K::list(r.s).iter().enumerate() {
                r.enter_object::<K>(i);
                walk(r, K::SECTION, &value(x), item);
            }
        }
    }
    each_kind(&mut Objects(r));
    // The params' fronts and estimates are objects of their own, reported one by one.
    let p = &r.s.params;
    let mut params = value(p);
    if let Value::Object(fields) = &mut params {
        fields.remove("fronts");
        fields.remove("intelligence");
    }
    r.enter_section("params");
    walk(r, "params", &params, &def("Params"));
    for (i, f) in p.fronts.iter().enumerate() {
        r.enter_param("fronts", i, Some(&f.id));
        walk(r, "fronts", &value(f), &def("AbstractFront"));
    }
    for (i, e) in p.intelligence.estimates.iter().enumerate() {
        r.enter_param("estimates", i, None);
        walk(r, "estimates", &value(e), &def("Estimate"));
    }
}

/// The scenario's schema, built once.
fn root() -> &'static Value {
    static ROOT: OnceLock<Value> = OnceLock::new();
    ROOT.get_or_init(|| schema::schema().to_value())
}

fn def(name: &str) -> Value {
    serde_json::json!({ "$ref": format!("#/$defs/{name}") })
}

fn value(x: &impl Serialize) -> Value {
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_value(x).unwrap_or_default()
}

/// The schema itself, past `$ref`s and "or null".
fn resolve(s: &Value) -> &Value {
    let s = schema::non_null(s);
    match s["$ref"].as_str() {
        Some(r) => resolve(&root()["$defs"][r.trim_start_matches("#/$defs/")]),
        None => s,
    }
}

/// The schema of field `key` of an object: a struct's property, or that of
/// the enum form (`oneOf`) the key names.
fn property<'s>(s: &'s Value, key: &str) -> Option<&'s Value> {
    let fields = |s: &'s Value| {
        s["properties"]
            .as_object()
            .and_then(|p: &Map<_, _>| p.get(key))
    };
    fields(s).or_else(|| {
        let forms = s["oneOf"].as_array().or(s["anyOf"].as_array())?;
        forms.iter().find_map(|f| fields(resolve(f)))
    })
}

/// Checks every number in `v` against the bounds of its schema `s`; `field`
/// names where it stands (a list's elements stand at the list's field).
fn walk(r: &mut Reporter, field: &str, v: &Value, s: &Value) {
    let s = resolve(s);
    match v {
        Value::Number(n) => {
            let (lo, hi) = (s["minimum"].as_f64(), s["maximum"].as_f64());
            if let (Some(x), true) = (n.as_f64(), lo.is_some() || hi.is_some()) {
                r.range(
                    field,
                    x,
                    lo.unwrap_or(f64::NEG_INFINITY),
                    hi.unwrap_or(f64::INFINITY),
                );
            }
        }
        Value::Object(fields) => {
            for (key, x) in fields {
                if let Some(p) = property(s, key) {
                    walk(r, key, x, p);
                }
            }
        }
        Value::Array(items) => {
            let tuple = s["prefixItems"].as_array();
            for (i, x) in items.iter().enumerate() {
                let item = tuple.map_or(&s["items"], |t| t.get(i).unwrap_or(&Value::Null));
                walk(r, field, x, item);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::scenario::parse::{Source, parse};

    /// Copies of `v` with one bounded number moved past its bound, and that
    /// number's field (first elements of lists only: one object a kind).
    fn past_bounds(v: &Value, s: &Value, field: &str, out: &mut Vec<(String, Value)>) {
        let s = resolve(s);
        match v {
            Value::Number(_) => {
                let past = match (s["minimum"].as_f64(), s["maximum"].as_f64()) {
                    (_, Some(hi)) => hi + 1.0,
                    (Some(lo), None) if lo > 0.0 || s["type"] != "integer" => lo - 1.0,
                    _ => return,
                };
                out.push((field.to_string(), serde_json::json!(past)));
            }
            Value::Object(fields) => {
                for (key, x) in fields {
                    let Some(p) = property(s, key) else { continue };
                    let mut inner = Vec::new();
                    past_bounds(x, p, key, &mut inner);
                    out.extend(inner.into_iter().map(|(f, y)| {
                        let mut copy = fields.clone();
                        copy.insert(key.clone(), y);
                        (f, Value::Object(copy))
                    }));
                }
            }
            Value::Array(items) if !items.is_empty() => {
                let item = s["prefixItems"].get(0).unwrap_or(&s["items"]);
                let mut inner = Vec::new();
                past_bounds(&items[0], item, field, &mut inner);
                out.extend(inner.into_iter().map(|(f, y)| {
                    let mut copy = items.clone();
                    copy[0] = y;
                    (f, Value::Array(copy))
                }));
            }
            _ => {}
        }
    }

    /// Every bound the reference prints is enforced: in the bundled campaign,
    /// each bounded number of each kind's first object, moved past its bound,
    /// is reported as out of range at its own field.
    #[test]
    fn every_bound_in_the_reference_is_enforced() {
        let path = "scenarios/historical.ron";
        let text = std::fs::read_to_string(path).unwrap();
        let src = Source::new(path, text);
        let s: Scenario = parse(&src).unwrap();
        let mut cases = Vec::new();
        past_bounds(&value(&s), root(), "", &mut cases);
        let mut tested = 0;
        for (field, broken) in cases {
            // A value its type cannot hold (256 for a u8) is refused by the parser instead.
            let Ok(broken) = serde_json::from_value::<Scenario>(broken) else {
                continue;
            };
            tested += 1;
            let found = crate::scenario::check::check(&broken, std::slice::from_ref(&src));
            assert!(
                found
                    .iter()
                    .any(|d| d.code == "E020" && d.message.starts_with(&format!("`{field}` is"))),
                "`{field}` past its bound is not reported: {:?}",
                found.iter().map(|d| &d.message).collect::<Vec<_>>()
            );
        }
        assert!(tested >= 50, "only {tested} bounded numbers tested");
    }
}
