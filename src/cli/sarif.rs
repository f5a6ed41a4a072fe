//! `pact validate --format sarif`: SARIF 2.1.0, the format code-scanning
//! services (GitHub code scanning, GitLab, Azure DevOps) read.

use pact::scenario::{Diagnostic, Severity, codes};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One SARIF log with one run: a rule for each code reported, a result for each diagnostic.
pub fn sarif(diags: &[Diagnostic]) -> Value {
    let mut used: Vec<&'static str> = diags.iter().map(|d| d.code).collect();
    used.sort_unstable();
    used.dedup();
    let rules: Vec<Value> = used.iter().map(|&c| rule(c)).collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| result(d, used.binary_search(&d.code).unwrap_or(0)))
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pact",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            // pact counts columns in characters, not UTF-16 code units (SARIF's default).
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule(code: &str) -> Value {
    let Some(c) = codes::find(code) else {
        return json!({ "id": code, "shortDescription": { "text": code } });
    };
    json!({
        "id": c.code,
        "name": c.name,
        "shortDescription": { "text": c.summary },
        "help": { "text": format!("{} {}: {} See `pact schema`, section Diagnostics.", c.code, c.name, c.summary) },
        "defaultConfiguration": {
            "level": if c.is_warning() { "warning" } else { "error" }
        },
    })
}

/// The message as the terminal shows it: text, field path, then the hint.
pub fn full_message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(p) = &d.path {
        text.push_str(&format!(" (at `{p}`)"));
    }
    if let Some(h) = &d.hint {
        text.push_str(&format!("\nhint: {h}"));
    }
    text
}

fn result(d: &Diagnostic, rule_index: usize) -> Value {
    let mut locations = Vec::new();
    if !d.file.is_empty() {
        let mut physical = json!({ "artifactLocation": { "uri": uri(&d.file) } });
        if d.line > 0 {
            physical["region"] = json!({
                "startLine": d.line,
                "startColumn": d.column.max(1),
                // Exclusive, as SARIF counts it: the column after the marked text.
                "endColumn": d.column.max(1) + d.len.max(1),
            });
        }
        locations.push(json!({ "physicalLocation": physical }));
    }
    json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": full_message(d) },
        "locations": locations,
    })
}

/// A file name as a URI reference: relative names stay relative (to the
/// repository root, where CI runs), absolute ones become `file://` URIs.
pub fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut out = String::new();
    for b in slashed.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    let out = out.strip_prefix("./").map(str::to_string).unwrap_or(out);
    if slashed.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_and_relative_stays_relative() {
        assert_eq!(uri("scenarios/a b.ron"), "scenarios/a%20b.ron");
        assert_eq!(uri("./x.ron"), "x.ron");
        assert_eq!(uri("/tmp/ü.ron"), "file:///tmp/%C3%BC.ron");
    }
}
