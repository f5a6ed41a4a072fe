//! Broken scenarios: one clear message with file and line:column, exit status 2, never a panic.

use crate::common::pact;
use predicates::prelude::*;

/// Each broken file: the code and the line:column the message must name.
const CASES: &[(&str, &str, &str)] = &[
    ("syntax.ron", "E001", ":8:9"),
    ("unknown_field.ron", "E002", ":10:9"),
    ("unknown_region.ron", "E012", ":36:80"),
    ("unknown_faction.ron", "E010", ":21:83"),
    ("unknown_formation.ron", "E015", ":50:149"),
    ("unknown_event.ron", "E018", ":55:67"),
    ("negative_men.ron", "E020", ":36:90"),
    ("end_before_start.ron", "E023", ":8:9"),
];

#[test]
fn each_broken_scenario_is_refused_with_file_line_and_column() {
    for (file, code, at) in CASES {
        let path = format!("tests/bad/{file}");
        let out = pact()
            .args(["run", &path])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains(code), "{file}: expected {code} in\n{err}");
        assert!(
            err.contains(&format!("{path}{at}")),
            "{file}: expected {path}{at} in\n{err}"
        );
        assert!(!err.contains("panicked"), "{file} panicked");
    }
}

#[test]
fn missing_file_is_a_clear_error() {
    pact()
        .args(["run", "tests/bad/does_not_exist.ron"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read `tests/bad/does_not_exist.ron`",
        ));
}

#[test]
fn hints_name_the_nearest_id() {
    pact()
        .args(["run", "tests/bad/unknown_region.ron"])
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `border`?"));
}
