//! Behaviour of the engine's mechanics on the small test scenario.

use crate::common::*;
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
fn a_rail_capacity_effect_speeds_the_dispatch_from_its_day() {
    // The mini scenario's 30 trains leave at 10 a day (2–4 June); raised to 30
    // a day the day before, all leave on 2 June and arrive two days sooner.
    let mut raised = (*mini()).clone();
    raised.events.push(
        ron::from_str(
            r#"#![enable(implicit_some)]
            (id: "raise", name: "Line raised", trigger: (from: "1941-05-31", until: "1941-05-31"),
                effects: [rail_capacity(line: ["depot", "west"], trains: 30.0)])"#,
        )
        .unwrap(),
    );
    let mut sim = sim(&std::sync::Arc::new(raised), 1);
    sim.run_until(d("1941-07-01"));
    let t = &sim.ledger().transfers[0];
    assert_eq!(t.departed, Some(d("1941-06-02")));
    assert_eq!(t.arrived, Some(d("1941-06-07")));
    let capacity = sim.world().resource::<pact::sim::state::RailCapacity>();
    assert_eq!(capacity.0.values().copied().collect::<Vec<_>>(), [30.0]);
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
        pact::sim::catalog::FactionIx(0),
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

/// The fuel scenario, run to `until` with one case of its setup decision.
fn fuel_case(case: &str, until: &str) -> Simulation {
    let s = load("tests/data/fuel.ron");
    let mut setup = Setup {
        seed: 1,
        ..Setup::default()
    };
    setup.choices.insert("setup".into(), case.into());
    let mut sim = Simulation::new(s, &setup);
    sim.run_until(d(until));
    sim
}

fn supply_and_place(sim: &Simulation, id: &str) -> (f64, pact::sim::state::Location) {
    let w = sim.world();
    let e = w
        .resource::<pact::sim::roster::Roster>()
        .get(id)
        .expect("formation");
    (
        w.get::<pact::sim::state::Supply>(e).unwrap().0,
        w.get::<pact::sim::state::Location>(e).unwrap().clone(),
    )
}

#[test]
fn halted_motorised_formations_beyond_reach_keep_their_fuel() {
    use pact::sim::state::Location;
    let sim = fuel_case("halt", "1941-08-10");
    let (tank, at) = supply_and_place(&sim, "t1");
    assert!(matches!(at, Location::At(_)), "{at:?}");
    assert!(
        (tank - 1.0).abs() < 1e-9,
        "fuel is burnt by marching: {tank}"
    );
    // Troops on foot beyond reach still eat up what they carry.
    let (rifle, _) = supply_and_place(&sim, "r1");
    assert!(rifle < 0.5, "rifle division beyond reach drains: {rifle}");
}

#[test]
fn a_tank_column_stops_on_the_road_where_its_fuel_runs_out() {
    use pact::sim::state::Location;
    let sim = fuel_case("march", "1941-08-12");
    let (tank, at) = supply_and_place(&sim, "t1");
    // 400 km at 100 km a day, slowed by the resistance ahead (default 0.7), and
    // 0.3 of supply a day's march: fuel for 3⅓ days, 233 km.
    match at {
        Location::March(m) => {
            assert!(
                (m.done_km - 700.0 / 3.0).abs() < 1e-6,
                "{} of {}",
                m.done_km,
                m.total_km
            );
        }
        other => panic!("stuck on the road, not {other:?}"),
    }
    assert!(tank < 1e-6, "tanks dry: {tank}");
    assert!(sim.ledger().captured("town", "red").is_none());
}

#[test]
fn a_tank_column_short_of_fuel_waits_for_it_before_setting_off() {
    use pact::sim::state::Location;
    // 0.4 is less than a day's march (0.3) over the halt reserve (0.15): it waits, and keeps it.
    let sim = fuel_case("short", "1941-08-10");
    let (tank, at) = supply_and_place(&sim, "t1");
    assert!(matches!(at, Location::At(_)), "waits where it is: {at:?}");
    assert!((tank - 0.4).abs() < 1e-9, "{tank}");
    // Fuel flown in on 5 Aug sets it off.
    let sim = fuel_case("airlift", "1941-08-06");
    let (_, at) = supply_and_place(&sim, "t1");
    assert!(matches!(at, Location::March { .. }), "{at:?}");
}

#[test]
fn a_tank_column_burns_fuel_within_reach_and_its_columns_refill_it() {
    // t2 leaves the depot on the war day (2 Aug): 40 km at 100 km a day burns
    // 0.12, and at the halt, within reach, the columns bring up 0.1.
    let sim = fuel_case("march", "1941-08-02");
    let (t2, _) = supply_and_place(&sim, "t2");
    assert!((t2 - 0.98).abs() < 1e-9, "{t2}");
}

/// Issue 12: formations committed to an abstract front take the defending side's
/// share of its fighting, booked under the front and not on the map: the 16th
/// Army sent west in 1941 does not stand whole at Moscow in December.
#[test]
fn formations_at_an_abstract_front_take_its_losses() {
    use pact::sim::state::{Location, Strength};
    let s = load("scenarios/historical.ron");
    let mut run = sim(&s, 1);
    run.run_until(d("1941-12-01"));
    let w = run.world();
    let roster = w.resource::<pact::sim::roster::Roster>();
    let front = s
        .regions
        .iter()
        .position(|r| r.id == "moscow_front")
        .unwrap();
    let start = |id: &str| s.formations.iter().find(|f| f.id == id).map(|f| f.men);
    let mut checked = 0;
    for e in roster.entities() {
        let info = w.get::<pact::sim::state::FormationInfo>(e).unwrap();
        let at = w.get::<Location>(e).and_then(|l| l.region());
        if at.map(usize::from) != Some(front) {
            continue;
        }
        let Some(men) = start(&info.id) else { continue };
        let now = w.get::<Strength>(e).unwrap().men;
        assert!(
            now < men,
            "{} stands whole at the front: {now} of {men}",
            info.id
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} formations at the front");
    let booked = &run.ledger().front_losses["moscow"];
    assert!(booked.killed > 0.0 && booked.wounded > 0.0);
}

/// The modding guide's `border.ron` with the USSR played: its decision is
/// offered on 8 August only. It used to be decided by history that same day,
/// before the player was asked; an answer given after the day now counts,
/// and in time for the event of 9 August that reads its flag.
#[test]
fn a_decision_offered_for_one_day_is_asked_and_its_answer_counts() {
    let s = load("docs/examples/border.ron");
    let played = |answer: Option<usize>| {
        let mut setup = Setup {
            seed: 1,
            ..Setup::default()
        };
        setup.controllers.insert("ussr".into(), Controller::Player);
        let mut sim = Simulation::new(s.clone(), &setup);
        while sim.waiting().is_empty() && !sim.finished() {
            sim.step();
        }
        assert_eq!(sim.last_day(), d("1945-08-08"), "asked on its one day");
        assert!(
            sim.ledger().decisions.is_empty(),
            "not decided before asked"
        );
        if let Some(o) = answer {
            sim.answer(sim.waiting()[0], o);
        }
        sim.run_to_end();
        let taken = sim.ledger().decisions[0].clone();
        let war = sim
            .chronicle()
            .iter()
            .any(|e| e.to_string().contains("The USSR declares war"));
        (taken.option, taken.date, war)
    };
    assert_eq!(played(Some(1)), ("no".into(), d("1945-08-09"), false));
    assert_eq!(played(Some(0)), ("yes".into(), d("1945-08-09"), true));
    // Unanswered (the window closed): history's choice, the day after.
    assert_eq!(played(None), ("yes".into(), d("1945-08-09"), true));
}
