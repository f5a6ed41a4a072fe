//! The format reference agrees with the engine's types: every field and
//! value the table documents exists, and every one that exists is documented
//! (ron lists the real names when asked for a bogus one). And the committed
//! docs/scenario-format.md is exactly what `pact schema` prints.

use pact::scenario::schema::{CHOICES, OBJECTS, SCRIPTS};

#[test]
fn every_object_lists_exactly_its_fields() {
    let mut wrong = Vec::new();
    for o in OBJECTS {
        let real = (o.probe)();
        let documented: Vec<&str> = o.fields.iter().map(|f| f.name).collect();
        if real.is_empty() || real != documented {
            wrong.push(format!(
                "{}: types {real:?}, reference {documented:?}",
                o.name
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn every_value_list_is_complete() {
    let mut wrong = Vec::new();
    for c in CHOICES {
        let real = (c.probe)();
        let documented: Vec<&str> = c.values.iter().map(|v| v.0).collect();
        if real.is_empty() || real != documented {
            wrong.push(format!(
                "{}: types {real:?}, reference {documented:?}",
                c.name
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn every_scripted_form_and_its_fields_are_documented() {
    let mut wrong = Vec::new();
    for s in SCRIPTS {
        let real = (s.probe)();
        let documented: Vec<&str> = s.forms.iter().map(|f| f.name).collect();
        if real.is_empty() || real != documented {
            wrong.push(format!(
                "{}: types {real:?}, reference {documented:?}",
                s.name
            ));
        }
        for form in s.forms {
            let real = (form.probe)();
            let documented: Vec<&str> = form.fields.iter().map(|f| f.name).collect();
            if real != documented {
                wrong.push(format!(
                    "{}: types {real:?}, reference {documented:?}",
                    form.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_committed_reference_is_current() {
    let committed = std::fs::read_to_string("docs/scenario-format.md").unwrap_or_default();
    let generated = pact::scenario::schema::markdown();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or(
                committed.lines().count().min(generated.lines().count()),
                |n| n,
            );
        panic!(
            "docs/scenario-format.md is out of date (first difference at line {}); \
             run `cargo run -- schema > docs/scenario-format.md`",
            line + 1
        );
    }
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
