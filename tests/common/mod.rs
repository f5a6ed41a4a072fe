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
