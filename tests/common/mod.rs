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
