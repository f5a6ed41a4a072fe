//! Behaviour of the engine's mechanics on the small test scenario.

mod common;
use common::*;
use pact::date::Date;
use pact::scenario::{Controller, TreatyStatus};
use pact::sim::state::{Control, Treaties};
use pact::sim::{Setup, Simulation};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn treaty_is_signed_ratified_then_violated_by_the_declaring_party() {
    let s = mini();
    let mut sim = sim(&s, 1);
    sim.run_until(d("1941-05-01"));
    let t = &sim.world().resource::<Treaties>().0[0];
    assert_eq!(t.status, TreatyStatus::InForce);
    assert_eq!(t.expires, Some(d("1946-04-25")));
    sim.run_until(d("1941-08-09"));
    let t = &sim.world().resource::<Treaties>().0[0];
    assert_eq!(t.status, TreatyStatus::Violated);
    assert_eq!(t.history.last().unwrap().2.as_deref(), Some("red"));
}

#[test]
fn rail_transfer_takes_loading_dispatch_and_travel_time() {
    let s = mini();
    let mut sim = sim(&s, 1);
    sim.run_until(d("1941-07-01"));
    let t = &sim.ledger().transfers[0];
    assert_eq!(t.formation, "r1");
    // 30 trains at 10 a day: dispatched 2–4 June after a day's loading, then 4000 km at 800 km a day.
    assert_eq!(t.departed, Some(d("1941-06-02")));
    assert_eq!(t.arrived, Some(d("1941-06-09")));
    assert_eq!(
        (t.from_theatre.as_str(), t.to_theatre.as_str()),
        ("east", "west")
    );
}

#[test]
fn offensive_takes_ground_and_both_sides_lose_men() {
    let s = mini();
    let mut sim = sim(&s, 1);
    sim.run_to_end();
    let town = sim.ledger().captured("town", "red");
    assert!(
        town.is_some_and(|t| t > d("1941-08-09")),
        "town taken after the declaration: {town:?}"
    );
    let losses = &sim.ledger().losses;
    assert!(losses["red"].killed > 0.0 && losses["blue"].killed > 0.0);
    assert_eq!(
        sim.world().resource::<Control>().0[3],
        0,
        "town held by red"
    );
}

#[test]
fn a_decision_option_changes_the_course() {
    let s = mini();
    let mut setup = Setup {
        seed: 1,
        ..Setup::default()
    };
    setup.choices.insert("attack".into(), "no".into());
    let mut sim = Simulation::new(s.clone(), &setup);
    sim.run_to_end();
    assert!(sim.ledger().captures.is_empty(), "no war without the flag");
    assert_eq!(sim.ledger().decisions[0].option, "no");
    assert_eq!(sim.ledger().decisions[0].controller, "policy");
}

#[test]
fn a_fixed_choice_holds_whoever_controls_the_faction() {
    let s = mini();
    for controller in [Controller::Ai, Controller::Player] {
        let mut setup = Setup {
            seed: 3,
            ..Setup::default()
        };
        setup.controllers.insert("red".into(), controller);
        setup.choices.insert("attack".into(), "no".into());
        let mut sim = Simulation::new(s.clone(), &setup);
        sim.run_until(d("1941-08-02"));
        assert!(sim.waiting().is_empty(), "{controller:?}: nobody is asked");
        let taken = &sim.ledger().decisions[0];
        assert_eq!(
            (taken.option.as_str(), taken.controller.as_str()),
            ("no", "policy"),
            "{controller:?}"
        );
    }
}

#[test]
fn ai_controller_is_not_a_constant() {
    let s = mini();
    let mut options = std::collections::BTreeSet::new();
    for seed in 0..20 {
        let mut setup = Setup {
            seed,
            ..Setup::default()
        };
        setup.controllers.insert("red".into(), Controller::Ai);
        let mut sim = Simulation::new(s.clone(), &setup);
        sim.run_until(d("1941-08-02"));
        options.insert(sim.ledger().decisions[0].option.clone());
    }
    assert_eq!(
        options.len(),
        2,
        "equal weights must give both options over 20 seeds"
    );
}

#[test]
fn abstract_front_outcome_depends_on_reserves() {
    // Without the division sent west the front is weaker: it ends closer to the objective.
    let s = mini();
    let mut with = sim(&s, 5);
    with.run_to_end();
    let mut no = (*s).clone();
    no.events.retain(|e| e.id != "transfer");
    let no = std::sync::Arc::new(no);
    let mut without = sim(&no, 5);
    without.run_to_end();
    let dist =
        |sim: &Simulation| sim.world().resource::<pact::sim::state::Fronts>().0[0].distance_km;
    assert!(
        dist(&with) > dist(&without),
        "{} vs {}",
        dist(&with),
        dist(&without)
    );
}
