//! Numeric scenario parameters named by a dotted path, e.g.
//! `params.fronts.moscow.attacker_power` or `params.combat.weights.1`.
//!
//! The scenario is serialised to a `serde_json::Value`, the number is set
//! there and the value is deserialised back: every numeric field is reachable
//! without a hand-kept table, and the type checks of the scenario format
//! (integers stay integers, unknown fields stay errors) still apply.

use crate::scenario::Scenario;
use crate::scenario::diagnostic::nearest;
use serde_json::{Number, Value};

/// One step into a JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A path resolved against a scenario: where the number is and what kind it is.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamPath {
    /// The path as the user wrote it (aliases unexpanded), for column names and messages.
    pub spelled: String,
    steps: Vec<Step>,
    /// The field holds an integer (`u32` and the like): values are rounded.
    pub integer: bool,
    /// The value in the base scenario, if it has one (absent optional fields have none).
    pub current: Option<f64>,
}

/// `decisions.<d>.weights.<o>` is short for `decisions.<d>.options.<o>.weight`.
fn expand_alias(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["decisions", d, "weights", o] => format!("decisions.{d}.options.{o}.weight"),
        _ => path.to_string(),
    }
}

/// The element of an array a segment names: the one whose `id` is the segment, else by index.
fn element(items: &[Value], seg: &str) -> Option<usize> {
    items
        .iter()
        .position(|v| v.get("id").and_then(Value::as_str) == Some(seg))
        .or_else(|| seg.parse::<usize>().ok().filter(|&i| i < items.len()))
}

/// The name a path uses for an array element: its `id` when it has one.
fn element_name(item: &Value, index: usize) -> String {
    item.get("id")
        .and_then(Value::as_str)
        .map_or_else(|| index.to_string(), str::to_string)
}

/// Resolves a path against a scenario's JSON form; unknown paths get the nearest valid ones.
pub fn resolve(root: &Value, path: &str) -> Result<ParamPath, String> {
    let expanded = expand_alias(path);
    let mut steps = Vec::new();
    let mut here = root;
    for seg in expanded.split('.') {
        let next = match here {
            Value::Object(map) => map.get(seg).map(|v| (Step::Key(seg.to_string()), v)),
            Value::Array(items) => element(items, seg).map(|i| (Step::Index(i), &items[i])),
            _ => None,
        };
        let Some((step, v)) = next else {
            return Err(unknown(root, path, here, seg));
        };
        steps.push(step);
        here = v;
    }
    let (integer, current) = match here {
        Value::Number(n) => (n.is_i64() || n.is_u64(), n.as_f64()),
        // An absent optional number (e.g. a link's own rail capacity): settable, type checked on use.
        Value::Null => (false, None),
        other => {
            return Err(format!(
                "`{path}` is {}, not a number; --vary sets numeric parameters only",
                kind(other)
            ));
        }
    };
    Ok(ParamPath {
        spelled: path.to_string(),
        steps,
        integer,
        current,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a group of fields",
    }
}

/// The error for a segment that names nothing: nearest whole paths, else what `here` holds.
fn unknown(root: &Value, path: &str, here: &Value, seg: &str) -> String {
    let all = numeric_paths(root);
    let near = nearest(path, all.iter().map(String::as_str));
    let hint = if !near.is_empty() {
        let list: Vec<String> = near.iter().map(|p| format!("`{p}`")).collect();
        format!("nearest valid paths: {}", list.join(", "))
    } else {
        let children: Vec<String> = match here {
            Value::Object(map) => map.keys().cloned().collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| element_name(v, i))
                .collect(),
            _ => Vec::new(),
        };
        let shown: Vec<&str> = children.iter().take(12).map(String::as_str).collect();
        let near_seg = nearest(seg, children.iter().map(String::as_str));
        match near_seg.first() {
            Some(n) => format!("did you mean `{n}` instead of `{seg}`?"),
            None if shown.is_empty() => "it goes deeper than the scenario does".to_string(),
            None => format!("valid here: {}", shown.join(", ")),
        }
    };
    format!("unknown parameter path `{path}`: {hint}")
}

/// Every numeric leaf of a scenario, as paths (array elements by id where they have one).
pub fn numeric_paths(root: &Value) -> Vec<String> {
    fn walk(v: &Value, prefix: &str, out: &mut Vec<String>) {
        let join = |name: &str| {
            if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}.{name}")
            }
        };
        match v {
            Value::Number(_) => out.push(prefix.to_string()),
            Value::Object(map) => map.iter().for_each(|(k, c)| walk(c, &join(k), out)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, c)| walk(c, &join(&element_name(c, i)), out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(root, "", &mut out);
    out
}

impl ParamPath {
    /// Whether two paths name the same field (e.g. an alias and its long form).
    pub fn same_field(&self, other: &ParamPath) -> bool {
        self.steps == other.steps
    }

    /// The number stored for `x`: rounded to an integer for integer fields.
    pub fn number(&self, x: f64) -> Number {
        if self.integer {
            Number::from(x.round() as i64)
        } else {
            Number::from_f64(x).unwrap_or_else(|| Number::from(0))
        }
    }

    /// Sets the value this path names (the path must come from `resolve` on the same shape).
    pub fn set(&self, root: &mut Value, x: f64) {
        let mut here = root;
        for step in &self.steps {
            here = match step {
                Step::Key(k) => &mut here[k.as_str()],
                Step::Index(i) => &mut here[*i],
            };
        }
        *here = Value::Number(self.number(x));
    }
}

/// The scenario as a JSON value, the form paths act on.
pub fn to_value(s: &Scenario) -> Value {
    serde_json::to_value(s).expect("a scenario always serialises")
}

/// A copy of the base scenario with each path set to its value, type checked by deserialising.
pub fn apply(base: &Value, settings: &[(&ParamPath, f64)]) -> Result<Scenario, String> {
    let mut v = base.clone();
    for (p, x) in settings {
        p.set(&mut v, *x);
    }
    serde_path_to_error::deserialize(v).map_err(|e| {
        let names: Vec<String> = settings
            .iter()
            .map(|(p, x)| format!("{}={}", p.spelled, p.number(*x)))
            .collect();
        format!(
            "the scenario does not accept {}: {} (at `{}`)",
            names.join(", "),
            e.inner(),
            e.path()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "params": {"rail": {"km_per_day": 800.0, "loading_days": 1},
                       "fronts": [{"id": "moscow", "attacker_power": 2.0}],
                       "combat": {"weights": [1.0, 40.0]}},
            "decisions": [{"id": "d", "options": [{"id": "yes", "weight": 1.0}]}],
            "meta": {"name": "x"}
        })
    }

    #[test]
    fn resolves_keys_ids_indices_and_the_weight_alias() {
        let v = sample();
        let p = resolve(&v, "params.rail.km_per_day").unwrap();
        assert_eq!((p.integer, p.current), (false, Some(800.0)));
        assert!(resolve(&v, "params.rail.loading_days").unwrap().integer);
        assert_eq!(
            resolve(&v, "params.fronts.moscow.attacker_power")
                .unwrap()
                .current,
            Some(2.0)
        );
        assert_eq!(
            resolve(&v, "params.fronts.0.attacker_power")
                .unwrap()
                .current,
            Some(2.0)
        );
        assert_eq!(
            resolve(&v, "params.combat.weights.1").unwrap().current,
            Some(40.0)
        );
        let w = resolve(&v, "decisions.d.weights.yes").unwrap();
        assert_eq!(w.spelled, "decisions.d.weights.yes");
        let mut v2 = v.clone();
        w.set(&mut v2, 3.5);
        assert_eq!(v2["decisions"][0]["options"][0]["weight"], 3.5);
    }

    #[test]
    fn unknown_and_non_numeric_paths_say_what_is_valid() {
        let v = sample();
        let e = resolve(&v, "params.rail.km_per_dya").unwrap_err();
        assert!(e.contains("`params.rail.km_per_day`"), "{e}");
        let e = resolve(&v, "meta.name").unwrap_err();
        assert!(e.contains("is text, not a number"), "{e}");
        let e = resolve(&v, "params.zzzzzzzzzzzzzzzzzzzzzzz").unwrap_err();
        assert!(e.contains("valid here: combat, fronts, rail"), "{e}");
    }

    #[test]
    fn integer_fields_receive_rounded_integers() {
        let mut v = sample();
        let p = resolve(&v, "params.rail.loading_days").unwrap();
        p.set(&mut v, 2.6);
        assert_eq!(v["params"]["rail"]["loading_days"], json!(3));
    }
}
