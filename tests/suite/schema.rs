//! The format reference is derived from the types: the committed
//! docs/scenario-format.md is exactly what `pact schema` prints (types,
//! defaults and meanings), every field and value carries a meaning, and
//! `pact schema --format json` is the JSON Schema an editor reads.

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn the_committed_reference_is_current() {
    let committed = std::fs::read_to_string("docs/scenario-format.md").unwrap_or_default();
    let generated = pact::scenario::schema::markdown();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(committed.lines().count().min(generated.lines().count()));
        panic!(
            "docs/scenario-format.md is out of date (first difference at line {}: {:?}); \
             run `cargo run --release --no-default-features -- schema > docs/scenario-format.md`",
            line + 1,
            generated.lines().nth(line)
        );
    }
}

/// Every place in the schema a modder needs a meaning for, and what is missing.
/// `form`: `v` is a scripted form, whose one property is only its name.
fn undocumented(v: &Value, at: &str, form: bool, out: &mut Vec<String>) {
    let documented = |s: &Value| {
        s["description"]
            .as_str()
            .is_some_and(|d| !d.trim().is_empty())
    };
    match v {
        Value::Object(o) => {
            if let Some(props) = o.get("properties").and_then(Value::as_object) {
                for (name, s) in props {
                    if !form && !documented(s) {
                        out.push(format!("{at}.{name}"));
                    }
                }
            }
            let forms = o.get("oneOf").and_then(Value::as_array);
            for (i, f) in forms.into_iter().flatten().enumerate() {
                if !documented(f) {
                    out.push(format!("{at}.oneOf[{i}] {f}"));
                }
                undocumented(f, &format!("{at}.oneOf[{i}]"), true, out);
            }
            // Enum values without a `///` are lumped into one undocumented `enum`.
            if o.contains_key("enum") && !documented(v) {
                out.push(format!("{at}: values {}", o["enum"]));
            }
            for (k, x) in o.iter().filter(|(k, _)| *k != "oneOf") {
                undocumented(x, &format!("{at}.{k}"), false, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                undocumented(x, &format!("{at}[{i}]"), false, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_and_value_has_a_meaning() {
    let schema = pact::scenario::schema::schema().to_value();
    let mut missing = Vec::new();
    undocumented(&schema, "#", false, &mut missing);
    for (name, def) in schema["$defs"].as_object().expect("definitions") {
        if def["description"]
            .as_str()
            .is_none_or(|d| d.trim().is_empty())
        {
            missing.push(format!("{name} (the type)"));
        }
    }
    assert!(
        missing.is_empty(),
        "write a `///` comment for:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_check_finds_an_undocumented_field() {
    let mut missing = Vec::new();
    let bare = serde_json::json!({
        "properties": { "men": { "type": "number", "description": "Men." }, "tanks": { "type": "number" } },
        "oneOf": [{ "const": "a", "description": "A." }, { "const": "b" }],
    });
    undocumented(&bare, "#", false, &mut missing);
    assert_eq!(missing.len(), 2, "{missing:?}");
}

#[test]
fn schema_json_is_a_json_schema_of_a_scenario() {
    let out = Command::cargo_bin("pact")
        .unwrap()
        .args(["schema", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(v["$schema"].as_str().unwrap().contains("json-schema.org"));
    let fields: Vec<&str> = v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for f in [
        "meta",
        "factions",
        "regions",
        "links",
        "formation_types",
        "params",
        "history",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert_eq!(
        v["additionalProperties"], false,
        "misspelt fields are refused"
    );
    for def in ["Overlay", "Manifest", "Condition", "Effect"] {
        assert!(v["$defs"][def].is_object(), "{def} missing");
    }
    // Defaults come from the types' `Default`s.
    assert_eq!(
        v["$defs"]["RailParams"]["properties"]["km_per_day"]["default"],
        800.0
    );
}

#[test]
fn schema_refuses_an_unknown_format() {
    Command::cargo_bin("pact")
        .unwrap()
        .args(["schema", "--format", "yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("possible values: markdown, json"));
}

#[test]
fn every_diagnostic_code_is_documented() {
    let text = pact::scenario::schema::markdown();
    for c in pact::scenario::codes::ALL {
        assert!(
            text.contains(&format!("`{}` | `{}`", c.code, c.name)),
            "{}",
            c.code
        );
    }
}
