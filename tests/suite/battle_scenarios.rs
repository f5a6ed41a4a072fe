//! The two small battle scenarios, Lake Khasan (1938) and Khalkhin Gol (1939):
//! they load clean, run to their end the same way for the same seed, are
//! listed, and their outcomes come out of movement, supply and combat.

use crate::common::pact;
use pact::report::compare::{compare, measure_run};
use pact::scenario::{self, HistoryMeasure, LossKind, Scenario};
use pact::sim::Simulation;
use predicates::prelude::*;
use std::path::Path;
use std::sync::Arc;

const KHASAN: &str = "scenarios/khasan_1938.ron";
const KHALKHIN_GOL: &str = "scenarios/khalkhin_gol_1939.ron";

fn load(path: &str) -> Arc<Scenario> {
    match scenario::load_path(Path::new(path)) {
        Ok(l) => Arc::new(l.scenario),
        Err(e) => panic!("{path} has problems:\n{e}"),
    }
}

fn run(s: &Arc<Scenario>, seed: u64) -> Simulation {
    let mut sim = Simulation::new(
        s.clone(),
        &pact::sim::Setup {
            seed,
            ..Default::default()
        },
    );
    sim.run_to_end();
    sim
}

#[test]
fn both_battles_validate_with_no_warnings() {
    pact()
        .args(["validate", KHASAN, KHALKHIN_GOL, "--deny-warnings"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 files checked: 0 errors, 0 warnings",
        ));
}

#[test]
fn both_battles_run_to_their_end_the_same_way_for_a_seed() {
    for path in [KHASAN, KHALKHIN_GOL] {
        let s = load(path);
        let (a, b) = (run(&s, 7), run(&s, 7));
        assert!(a.finished(), "{path} reaches its last day");
        assert_eq!(a.checksum(), b.checksum(), "{path} is deterministic");
        assert_eq!(a.ledger(), b.ledger(), "{path} is deterministic");
        // Both sides fight and lose men: the battle happens on the map.
        for side in ["ussr", "japan"] {
            let l = a.ledger().losses.get(side).copied().unwrap_or_default();
            assert!(l.killed > 0.0, "{path}: {side} loses men in combat");
        }
    }
}

#[test]
fn pact_list_shows_both_battles() {
    pact()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("khasan_1938.ron"))
        .stdout(predicate::str::contains("1938-07-29 to 1938-08-11"))
        .stdout(predicate::str::contains("khalkhin_gol_1939.ron"))
        .stdout(predicate::str::contains("1939-05-11 to 1939-09-16"));
}

/// Zhukov's offensive is only a dated order: whether the pincers close on
/// Nomonhan with the 23rd Division still inside, and whether the Japanese
/// east of the river are destroyed, is decided by the fighting.
#[test]
fn khalkhin_gol_offensive_encircles_and_destroys_the_japanese_east_of_the_river() {
    let s = load(KHALKHIN_GOL);
    let seeds: Vec<u64> = (1..=6).collect();
    let mut closed = 0;
    for &seed in &seeds {
        let sim = run(&s, seed);
        let l = sim.ledger();
        let encircled = l.outcome("encircled");
        let cleared = l.outcome("east_bank_cleared");
        if let (Some(e), Some(c)) = (encircled, cleared) {
            assert!(e <= c, "the pocket closes before it is destroyed");
            // The pincers close at Nomonhan, taken by movement and combat, not by the script.
            let cap = l
                .captures
                .iter()
                .find(|c| c.region == "nomonhan" && c.faction == "ussr");
            assert!(
                cap.is_some_and(|c| !c.scripted),
                "seed {seed}: Nomonhan taken in the field"
            );
            closed += 1;
        }
        // Men cut off east of the river lay down their arms: Japan loses prisoners.
        if encircled.is_some() {
            assert!(
                l.losses["japan"].captured > 0.0,
                "seed {seed}: the pocket yields prisoners"
            );
        }
    }
    assert!(
        closed * 2 > seeds.len(),
        "encircled and destroyed in {closed} of {} seeds",
        seeds.len()
    );
}

/// At Khasan the Japanese take the hills and the 39th Rifle Corps retakes them
/// before the ceasefire in most seeds; the `losses` points are measured.
#[test]
fn khasan_hills_change_hands_by_combat_and_losses_are_compared() {
    let s = load(KHASAN);
    let seeds = [1, 2, 3, 4];
    let runs: Vec<_> = seeds.iter().map(|&seed| measure_run(&s, seed)).collect();
    let table = compare(&s, &seeds, &runs);
    let row = |id: &str| table.rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(row("changkufeng_lost").reached, seeds.len());
    assert_eq!(row("changkufeng_lost").by, "model");
    assert!(row("changkufeng_retaken").reached * 2 > seeds.len());
    // Every losses point is measured in every seed, from the ledger.
    for p in &s.history {
        if let HistoryMeasure::Losses { faction, kind, .. } = &p.measure {
            assert_eq!(row(&p.id).reached, seeds.len(), "{}", p.id);
            let sim = run(&s, 1);
            let l = sim.ledger().losses[faction.as_str()];
            let want = match kind {
                LossKind::Killed => l.killed,
                LossKind::Wounded => l.wounded,
                LossKind::Captured => l.captured,
                LossKind::Casualties => l.killed + l.wounded + l.captured,
            };
            assert_eq!(
                runs[0].values[s.history.iter().position(|x| x.id == p.id).unwrap()],
                Some(want)
            );
        }
    }
}

#[test]
fn a_losses_point_on_an_unknown_faction_is_an_error() {
    let text = std::fs::read_to_string(KHASAN).unwrap().replace(
        "losses(faction: \"japan\", kind: killed",
        "losses(faction: \"japn\", kind: killed",
    );
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("k.ron");
    std::fs::write(&f, text).unwrap();
    pact()
        .arg("validate")
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("E010"));
}
