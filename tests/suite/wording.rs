//! What a player reads in the chronicle (issue 18): names, not scenario ids,
//! and no "1 formations", in every bundled scenario and with the operational
//! AI on both sides, where other code writes the lines.

use crate::common::*;
use pact::scenario::Controller;
use pact::sim::{Setup, Simulation};

fn faults_of(file: &str, controllers: &[(&str, Controller)]) -> Vec<String> {
    let s = load(file);
    let setup = Setup {
        seed: 1,
        controllers: (controllers.iter())
            .map(|(f, c)| (f.to_string(), *c))
            .collect(),
        ..Setup::default()
    };
    let mut sim = Simulation::new(s.clone(), &setup);
    sim.run_to_end();
    sim.chronicle()
        .iter()
        .flat_map(|e| {
            wording_faults(&s, &e.text)
                .into_iter()
                .map(move |f| format!("{file} {}: {f} in \"{}\"", e.date, e.text))
        })
        .collect()
}

#[test]
fn the_chronicle_names_things_in_every_bundled_scenario() {
    let mut faults = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("scenarios")
        .expect("the scenarios folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for path in files {
        faults.extend(faults_of(&path.to_string_lossy(), &[]));
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_operational_ai_names_things_too() {
    let ai = Controller::Ai;
    let mut faults = faults_of("scenarios/historical.ron", &[("ussr", ai), ("japan", ai)]);
    faults.extend(faults_of(
        "scenarios/kantokuen_1941.ron",
        &[("ussr", ai), ("japan", ai)],
    ));
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_checker_finds_ids_and_bad_plurals() {
    let s = load("scenarios/historical.ron");
    assert_eq!(
        wording_faults(&s, "Empire of Japan takes Harbin"),
        Vec::<String>::new()
    );
    assert_eq!(wording_faults(&s, "at the start japan"), vec!["id `japan`"]);
    assert_eq!(
        wording_faults(&s, "theatre far_east"),
        vec!["id `far_east`"]
    );
    assert_eq!(
        wording_faults(&s, "1 formations of Japan"),
        vec!["`1 formations`"]
    );
    assert!(wording_faults(&s, "1 formation, 21 formations, 1,000 men").is_empty());
}
