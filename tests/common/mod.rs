//! Helpers shared by the integration tests.
#![allow(dead_code)]

use pact::scenario::{self, Scenario};
use pact::sim::{Setup, Simulation};
use std::path::Path;
use std::sync::Arc;

pub fn load(path: &str) -> Arc<Scenario> {
    match scenario::load_path(Path::new(path)) {
        Ok(l) => Arc::new(l.scenario),
        Err(e) => panic!("{path} does not load:\n{e}"),
    }
}

pub fn mini() -> Arc<Scenario> {
    load("tests/data/mini.ron")
}

/// A simulation of a scenario with a seed and default controllers.
pub fn sim(s: &Arc<Scenario>, seed: u64) -> Simulation {
    Simulation::new(
        s.clone(),
        &Setup {
            seed,
            ..Setup::default()
        },
    )
}

pub fn pact() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("pact").expect("binary built")
}

/// Runs a `pact` command that prints JSON: it must succeed (else its stderr is
/// shown), and its standard output is parsed.
pub fn json_of(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.output().expect("pact runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the output is JSON")
}

/// What a player should never read in `text`: a scenario id where the object
/// has a name (`japan`, `su45_15a`, `far_east`; any word joined by `_`), or a count of one with a
/// plural noun ("1 formations"). Ids are matched as whole words, case and
/// all, so "Japan" and prose that happens to share a word with an id in
/// capitals pass.
pub fn wording_faults(s: &Scenario, text: &str) -> Vec<String> {
    let mut named: Vec<(&str, &str)> = Vec::new();
    named.extend(s.factions.iter().map(|f| (f.id.as_str(), f.name.as_str())));
    named.extend(s.regions.iter().map(|r| (r.id.as_str(), r.name.as_str())));
    named.extend(
        s.formations
            .iter()
            .map(|f| (f.id.as_str(), f.name.as_str())),
    );
    // Treaties', decisions' and events' ids may be plain words ("pact",
    // "broadcast"): only those of several words joined by `_` are unmistakable.
    let joined = |id: &str| id.contains('_');
    named.extend(
        s.treaties
            .iter()
            .map(|t| (t.id.as_str(), t.name.as_str()))
            .filter(|x| joined(x.0)),
    );
    named.extend(
        s.decisions
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_str()))
            .filter(|x| joined(x.0)),
    );
    named.extend(
        s.events
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .filter(|x| joined(x.0)),
    );
    named.extend(s.meta.outcomes.iter().map(|o| (o.as_str(), "")));
    let theatres = s.regions.iter().map(|r| r.theatre.as_str());
    let ids: std::collections::BTreeSet<&str> = named
        .iter()
        .filter(|(id, name)| id != name)
        .map(|(id, _)| *id)
        .chain(theatres.filter(|t| t.contains('_')))
        .collect();
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut faults: Vec<String> = words
        .iter()
        // snake_case is an id whatever it names (spawned formations too).
        .filter(|w| ids.contains(*w) || w.contains('_'))
        .map(|w| format!("id `{w}`"))
        .collect();
    for pair in words.windows(2) {
        let noun = pair[1];
        let plural = noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss");
        if pair[0] == "1" && plural && noun.chars().all(|c| c.is_ascii_lowercase()) {
            faults.push(format!("`1 {noun}`"));
        }
    }
    faults
}
