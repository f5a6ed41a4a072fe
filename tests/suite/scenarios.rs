//! The bundled scenarios, mods and examples load and pass every check:
//! no errors, and no warnings except those their `allow` lists accept.

use pact::scenario;
use std::path::{Path, PathBuf};

#[test]
fn historical_scenario_loads_clean() {
    let loaded = scenario::load_path(Path::new("scenarios/historical.ron"));
    if let Err(e) = &loaded {
        panic!("historical.ron has problems:\n{e}");
    }
}

fn ron_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

fn assert_clean(report: &scenario::Report, what: &str) {
    let shown: Vec<String> = report.shown().map(|d| d.to_string()).collect();
    assert!(shown.is_empty(), "{what}:\n{}", shown.join("\n"));
}

#[test]
fn every_bundled_scenario_validates_without_errors_or_warnings() {
    let files = ron_files("scenarios");
    assert!(files.len() >= 6);
    assert_clean(&scenario::validate(&files, &[]), "scenarios/");
}

#[test]
fn the_bundled_mod_validates_clean_on_every_scenario_and_runs() {
    // The mod changes the Kurils: every scenario on the 1941–45 map (the small
    // battles of 1938–39 have no Kurils to change).
    let files: Vec<PathBuf> = ron_files("scenarios")
        .into_iter()
        .filter(|f| {
            scenario::load_path(f)
                .is_ok_and(|l| l.scenario.regions.iter().any(|r| r.id == "paramushiro"))
        })
        .collect();
    assert!(files.len() >= 6);
    let kurils = [PathBuf::from("scenarios/mods/kurils_expanded")];
    assert_clean(&scenario::validate(&files, &kurils), "kurils_expanded");
    let l = scenario::load_with_mods(Path::new("scenarios/historical.ron"), &kurils).unwrap();
    assert!(l.scenario.regions.iter().any(|r| r.id == "urup"));
    let mut sim = pact::sim::Simulation::new(std::sync::Arc::new(l.scenario), &Default::default());
    sim.run_to_end();
    // The new garrisons lay down their arms with the last pockets, 1 Sep 1945 (W-KUR).
    assert!(
        sim.chronicle()
            .iter()
            .any(|e| e.to_string().contains("Urup garrison")),
        "the Urup garrison appears"
    );
}

#[test]
fn the_guide_examples_validate_clean() {
    let report = scenario::validate(
        &[PathBuf::from("docs/examples/border.ron")],
        &[PathBuf::from("docs/examples/late_offensive")],
    );
    assert_clean(&report, "docs/examples");
}
