//! `pact validate --format sarif` and `--format github`: the outputs CI reads.

use crate::common::pact;
use serde_json::Value;

fn sarif(args: &[&str], code: i32) -> Value {
    let out = pact()
        .args(["validate", "--format", "sarif"])
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is one JSON document")
}

#[test]
fn sarif_has_the_structure_sarif_2_1_0_requires() {
    let log = sarif(&["tests/bad/unknown_region.ron"], 1);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "pact");
    let rules = driver["rules"].as_array().expect("rules is an array");
    assert_eq!(rules.len(), 1, "one rule per code used: {rules:?}");
    assert_eq!(rules[0]["id"], "E012");
    assert!(
        rules[0]["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("region id")
    );
    let results = runs[0]["results"].as_array().expect("results is an array");
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "E012");
    assert_eq!(r["ruleIndex"], 0);
    assert_eq!(r["level"], "error");
    let text = r["message"]["text"].as_str().unwrap();
    assert!(text.contains("unknown region `bordr`"), "{text}");
    assert!(text.contains("did you mean `border`?"), "{text}");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "tests/bad/unknown_region.ron"
    );
    // `"bordr"` at 36:80, seven characters: the end column is the one after it.
    assert_eq!(loc["region"]["startLine"], 36);
    assert_eq!(loc["region"]["startColumn"], 80);
    assert_eq!(loc["region"]["endColumn"], 87);
}

#[test]
fn sarif_of_clean_files_has_an_empty_run_and_warnings_are_warnings() {
    let log = sarif(&["tests/data/mini.ron"], 0);
    assert_eq!(log["runs"][0]["results"], Value::Array(vec![]));
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"],
        Value::Array(vec![])
    );
    let log = sarif(&["tests/corpus/flag_never_set.ron"], 0);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["level"] == "warning"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "W050"));
    // Every result's rule is among the rules, at the index it gives.
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    sarif(&["tests/corpus/flag_never_set.ron", "--deny-warnings"], 1);
}

#[test]
fn github_format_annotates_the_offending_line() {
    let out = pact()
        .args([
            "validate",
            "--format",
            "github",
            "tests/bad/unknown_region.ron",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with(
            "::error file=tests/bad/unknown_region.ron,line=36,col=80,title=E012 unknown-region::unknown region `bordr`"
        ),
        "{out}"
    );
    // The hint is on a second line of the message, escaped as GitHub wants.
    assert!(
        lines[0].contains("%0Ahint: did you mean `border`?"),
        "{out}"
    );
    let out = pact()
        .args([
            "validate",
            "--format",
            "github",
            "tests/corpus/flag_never_set.ron",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.lines().all(|l| l.starts_with("::warning file=")),
        "{out}"
    );
    assert!(out.contains("title=W050 flag-never-set::"), "{out}");
}

#[test]
fn github_and_sarif_keep_the_exit_status_for_bad_input() {
    for format in ["sarif", "github"] {
        pact()
            .args(["validate", "--format", format, "no/such/file.ron"])
            .assert()
            .code(2);
    }
}

/// Every subcommand that prints JSON takes `--json`: `validate` took only
/// `--format json` where `run`, `compare`, `sweep` and `battles` take `--json`.
#[test]
fn validate_takes_json_as_the_other_subcommands_do() {
    let out = |format: &[&str]| {
        pact()
            .arg("validate")
            .args(format)
            .arg("tests/bad/unknown_region.ron")
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone()
    };
    let json = out(&["--json"]);
    assert_eq!(json, out(&["--format", "json"]));
    let v: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v[0]["code"], "E012");
}
