//! The operational AI (issue 13): a faction whose controller is `ai` gathers
//! force before it attacks, goes for what is worth most, covers threatened
//! ground (by rail from afar), leaves what cannot be held, explains itself in
//! the chronicle, and leaves alone the formations someone else commands.

use pact::scenario::{self, Controller, Scenario};
use pact::sim::catalog::Catalog;
use pact::sim::chronicle::Kind;
use pact::sim::command::Order;
use pact::sim::roster::Roster;
use pact::sim::state::Location;
use pact::sim::{Setup, Simulation};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A small war on a small map, from 1 July 1945: Red (west) against Blue (east).
///
/// ```text
/// rear ==rail 1,500 km== hub -- left --- town -- city
///                          \            /  (fort as given)
///                           -- right ---
///                                \-- village
/// blue_rear ==rail 1,500 km== city
/// ```
fn scenario(town_fort: f64, formations: &str) -> Arc<Scenario> {
    let text = format!(
        r#"(
    meta: (name: "Ops", description: "AI test", start: "1945-07-01", end: "1945-09-30", format: 1, outcomes: []),
    factions: [
        (id: "red", name: "Red", at_war_with: ["blue"]),
        (id: "blue", name: "Blue"),
    ],
    regions: [
        (id: "rear", name: "Rear", lat: 50.0, lon: 100.0, terrain: plain, owner: "red", depot: true),
        (id: "hub", name: "Hub", lat: 50.0, lon: 110.0, terrain: plain, owner: "red", depot: true),
        (id: "left", name: "Left", lat: 51.0, lon: 111.0, terrain: plain, owner: "red", depot: true),
        (id: "right", name: "Right", lat: 49.0, lon: 111.0, terrain: plain, owner: "red", depot: true),
        (id: "town", name: "Town", lat: 50.0, lon: 112.0, terrain: plain, owner: "blue", fort: {town_fort:?}),
        (id: "village", name: "Village", lat: 48.0, lon: 112.0, terrain: plain, owner: "blue", value: 0.1),
        (id: "city", name: "City", lat: 50.0, lon: 113.0, terrain: plain, owner: "blue", value: 5.0, depot: true),
        (id: "blue_rear", name: "Blue Rear", lat: 50.0, lon: 125.0, terrain: plain, owner: "blue", depot: true),
    ],
    links: [
        (from: "rear", to: "hub", kind: rail, length_km: 1500.0),
        (from: "hub", to: "left", kind: road, length_km: 60.0),
        (from: "hub", to: "right", kind: road, length_km: 60.0),
        (from: "left", to: "town", kind: road, length_km: 60.0),
        (from: "right", to: "town", kind: road, length_km: 60.0),
        (from: "right", to: "village", kind: road, length_km: 60.0),
        (from: "town", to: "city", kind: road, length_km: 80.0),
        (from: "city", to: "blue_rear", kind: rail, length_km: 1500.0),
    ],
    formation_types: [
        (id: "rifle", name: "Rifle division", arm: infantry, trains: 10, speed_km: 25.0, division: true),
        (id: "hq", name: "Headquarters", arm: headquarters, trains: 2, speed_km: 25.0),
        (id: "foot", name: "Slow infantry", arm: infantry, trains: 10, speed_km: 5.0, division: true),
    ],
    formations: [{formations}],
)"#
    );
    match scenario::load_source(scenario::parse::Source::new("ops.ron", text)) {
        Ok(l) => Arc::new(l.scenario),
        Err(e) => panic!("the test scenario does not load:\n{e}"),
    }
}

fn div(id: &str, faction: &str, at: &str, men: f64) -> String {
    format!(
        r#"(id: "{id}", name: "{id}", faction: "{faction}", type: "rifle", location: "{at}", men: {men:?}, quality: 0.5, parent: "{faction}_hq"),"#
    )
}

/// Red's front in the rear with divisions r1, r2... where listed (region,
/// men); Blue's front where given with divisions b1, b2...
fn forces(red: &[(&str, f64)], blue_hq: &str, blue: &[(&str, f64)]) -> String {
    let divs = |faction: &str, tag: &str, list: &[(&str, f64)]| {
        let all = list.iter().enumerate();
        all.map(|(i, (at, men))| div(&format!("{tag}{}", i + 1), faction, at, *men))
            .collect::<String>()
    };
    [
        hq("red", "rear"),
        divs("red", "r", red),
        hq("blue", blue_hq),
        divs("blue", "b", blue),
    ]
    .concat()
}

fn hq(faction: &str, at: &str) -> String {
    format!(
        r#"(id: "{faction}_hq", name: "{faction} Front", faction: "{faction}", type: "hq", location: "{at}", men: 100.0, quality: 0.5, posture: garrison),"#
    )
}

fn start(s: &Arc<Scenario>, controllers: &[(&str, Controller)]) -> Simulation {
    let setup = Setup {
        seed: 1,
        controllers: controllers
            .iter()
            .map(|(f, c)| (f.to_string(), *c))
            .collect(),
        ..Setup::default()
    };
    Simulation::new(s.clone(), &setup)
}

fn run(s: &Arc<Scenario>, controllers: &[(&str, Controller)], days: u32) -> Simulation {
    let mut sim = start(s, controllers);
    for _ in 0..days {
        sim.step();
    }
    sim
}

/// Where each formation stood (region id) or was headed, day by day.
fn track(
    s: &Arc<Scenario>,
    controllers: &[(&str, Controller)],
    days: u32,
) -> Vec<BTreeMap<String, String>> {
    let mut sim = start(s, controllers);
    (0..days)
        .map(|_| {
            sim.step();
            places(&sim)
        })
        .collect()
}

/// Each formation's region: where it stands, or `>x` where it marches to, or `=x` by rail.
fn places(sim: &Simulation) -> BTreeMap<String, String> {
    let w = sim.world();
    let cat = w.resource::<Catalog>();
    let roster = w.resource::<Roster>();
    let mut out = BTreeMap::new();
    for e in roster.entities() {
        let (Some(info), Some(loc)) = (
            w.get::<pact::sim::state::FormationInfo>(e),
            w.get::<Location>(e),
        ) else {
            continue;
        };
        let at = match loc {
            Location::At(r) => cat.region_id(*r).to_string(),
            Location::March(m) => format!(">{}", cat.region_id(m.to)),
            Location::Rail(t) => format!("={}", cat.region_id(t.to)),
        };
        out.insert(info.id.clone(), at);
    }
    out
}

fn owner(sim: &Simulation, region: &str) -> String {
    let w = sim.world();
    let cat = w.resource::<Catalog>();
    let r = cat.region(region).expect("region");
    let f = w.resource::<pact::sim::state::Control>().0[r];
    cat.faction_id(f).to_string()
}

const AI: Controller = Controller::Ai;
const HISTORICAL: Controller = Controller::Historical;

#[test]
fn an_attack_waits_until_its_force_is_gathered_then_goes_in_together() {
    // One red division against the Blue Guard is 1.1:1, three are 3.3:1.
    let forces = forces(
        &[("left", 10000.0), ("right", 10000.0), ("hub", 10000.0)],
        "city",
        &[("town", 9000.0)],
    );
    let s = scenario(0.0, &forces);
    let days = track(&s, &[("red", AI), ("blue", HISTORICAL)], 20);
    let entering = |d: &BTreeMap<String, String>, id: &str| {
        d.get(id).is_some_and(|p| p == "town" || p == ">town")
    };
    let first = days
        .iter()
        .position(|d| ["r1", "r2", "r3"].iter().any(|id| entering(d, id)))
        .expect("red attacks the town within 20 days");
    // r3 had to come up from the hub first: nobody went in alone before it.
    assert!(
        first >= 2,
        "the attack went in on day {first}, before r3 could arrive"
    );
    for id in ["r1", "r2", "r3"] {
        assert!(
            entering(&days[first], id),
            "{id} did not go in with the others on day {first}: {:?}",
            days[first]
        );
    }
    let sim = run(&s, &[("red", AI), ("blue", HISTORICAL)], 30);
    assert_eq!(
        owner(&sim, "town"),
        "red",
        "the gathered attack takes the town"
    );
    // It says so, by its command's name.
    assert!(
        sim.chronicle().iter().any(|e| e.kind == Kind::Plan
            && e.text
                .starts_with("red Front: main effort towards Town, odds 3.")),
        "no main-effort line: {:#?}",
        sim.chronicle()
            .iter()
            .filter(|e| e.kind == Kind::Plan)
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_force_too_weak_to_attack_does_not() {
    // Two red divisions against 9,000 in works (fort 1) are far below 3:1: no attack.
    let forces = forces(
        &[("left", 10000.0), ("right", 10000.0)],
        "city",
        &[("town", 9000.0)],
    );
    let s = scenario(1.0, &forces);
    let sim = run(&s, &[("red", AI), ("blue", HISTORICAL)], 30);
    assert!(
        !sim.chronicle()
            .iter()
            .any(|e| e.text.starts_with("Battle for Town")),
        "an attack at poor odds was made"
    );
    assert_eq!(owner(&sim, "town"), "blue");
    // The empty village next door is still worth taking.
    assert_eq!(owner(&sim, "village"), "red");
}

#[test]
fn the_ai_goes_for_what_is_worth_most() {
    // One division next to two empty enemy regions: the town, with the city
    // behind it, is worth more than the village.
    let forces = forces(&[("right", 10000.0)], "blue_rear", &[]);
    let s = scenario(0.0, &forces);
    let days = track(&s, &[("red", AI), ("blue", HISTORICAL)], 1);
    assert_eq!(days[0]["r1"], ">town", "{:?}", days[0]);
}

#[test]
fn a_threatened_region_draws_reserves_by_rail_from_afar() {
    // Red's divisions march 5 km a day: twelve days from the town, time for
    // a reserve to come 1,500 km by rail and 80 km on foot (about six).
    let forces = forces(
        &[("left", 20000.0), ("right", 20000.0)],
        "city",
        &[("town", 9000.0), ("blue_rear", 9000.0)],
    )
    .replace(
        r#"faction: "red", type: "rifle""#,
        r#"faction: "red", type: "foot""#,
    );
    let s = scenario(0.0, &forces);
    // Red holds (historical: no plan); Blue's AI sees 40,000 next to the town.
    let days = track(&s, &[("red", HISTORICAL), ("blue", AI)], 1);
    assert!(
        days[0]["b2"].starts_with('='),
        "the reserve did not entrain: {:?}",
        days[0]
    );
    let sim = run(&s, &[("red", HISTORICAL), ("blue", AI)], 1);
    assert!(
        sim.chronicle().iter().any(|e| e.kind == Kind::Transfer
            && e.text
                .starts_with("b2 ordered by rail from Blue Rear to City")),
        "{:#?}",
        sim.chronicle()
    );
    // Without the AI, the reserve stays where it is.
    let still = track(&s, &[("red", HISTORICAL), ("blue", HISTORICAL)], 1);
    assert_eq!(still[0]["b2"], "blue_rear");
}

#[test]
fn no_reserve_is_sent_where_it_would_come_too_late() {
    // The same threat, but Red's divisions are two and a half days from the
    // town: the reserve would arrive after the battle, so it stays.
    let forces = forces(
        &[("left", 20000.0), ("right", 20000.0)],
        "city",
        &[("town", 9000.0), ("blue_rear", 9000.0)],
    );
    let s = scenario(0.0, &forces);
    let days = track(&s, &[("red", HISTORICAL), ("blue", AI)], 1);
    assert_eq!(days[0]["b2"], "blue_rear", "{:?}", days[0]);
}

#[test]
fn a_position_that_cannot_be_held_is_left_but_works_are_held() {
    let forces = forces(
        &[("left", 30000.0), ("right", 30000.0)],
        "blue_rear",
        &[("town", 5000.0)],
    );
    // Open ground: 60,000 against 5,000 with no help in reach and one way
    // out (the city), which it takes before it is cut.
    let open = scenario(0.0, &forces);
    let days = track(&open, &[("red", HISTORICAL), ("blue", AI)], 1);
    assert_eq!(days[0]["b1"], ">city", "{:?}", days[0]);
    let sim = run(&open, &[("red", HISTORICAL), ("blue", AI)], 1);
    assert!(
        sim.chronicle()
            .iter()
            .any(|e| e.kind == Kind::Plan && e.text.starts_with("Town is given up")),
        "{:#?}",
        sim.chronicle()
    );
    // In fortified works it stays.
    let works = scenario(1.0, &forces);
    let days = track(&works, &[("red", HISTORICAL), ("blue", AI)], 1);
    assert_eq!(days[0]["b1"], "town");
}

#[test]
fn formations_with_orders_of_their_own_are_not_the_ais_to_move() {
    let forces = forces(&[("right", 10000.0), ("left", 10000.0)], "blue_rear", &[]);
    let s = scenario(0.0, &forces);
    let mut sim = start(&s, &[("red", AI)]);
    sim.give_order("red", "r1", &Order::Hold)
        .expect("hold is a valid order");
    for _ in 0..10 {
        sim.step();
    }
    let now = places(&sim);
    assert_eq!(
        now["r1"], "right",
        "the AI moved a formation ordered to hold"
    );
    assert_ne!(now["r2"], "left", "the AI did not move the free formation");
}

#[test]
fn the_ai_plays_the_same_way_for_the_same_seed() {
    let forces = forces(
        &[("left", 10000.0), ("right", 10000.0), ("hub", 10000.0)],
        "city",
        &[("town", 9000.0), ("blue_rear", 9000.0)],
    );
    let s = scenario(0.0, &forces);
    let a = run(&s, &[("red", AI), ("blue", AI)], 60);
    let b = run(&s, &[("red", AI), ("blue", AI)], 60);
    assert_eq!(a.chronicle(), b.chronicle());
    assert_eq!(a.daily_checksums(), b.daily_checksums());
    assert!(a.chronicle().iter().any(|e| e.kind == Kind::Plan));
}

/// A formation ordered to hold digs in: after `params.combat.dig_in_days` in
/// place its defence is a prepared one (field works), so the first day of the
/// same attack costs the attacker more and the defender less.
#[test]
fn a_formation_holding_long_enough_digs_in() {
    let forces = forces(
        &[("left", 30000.0), ("right", 30000.0)],
        "city",
        &[("town", 9000.0)],
    );
    let open = scenario(0.0, &forces);
    let first_day = |dig_in_days: u32| {
        let mut s = (*open).clone();
        s.params.combat.dig_in_days = dig_in_days;
        let mut sim = start(&Arc::new(s), &[("red", AI), ("blue", HISTORICAL)]);
        sim.give_order("blue", "b1", &Order::Hold)
            .expect("hold is a valid order");
        let men = |sim: &Simulation, f: &str| {
            let l = &sim.ledger().losses;
            l.get(f).map_or(0.0, |x| x.killed + x.wounded + x.captured)
        };
        // The attack arrives on the third day (60 km at 25 km a day).
        for _ in 0..10 {
            sim.step();
            if men(&sim, "red") > 0.0 {
                return (men(&sim, "red"), men(&sim, "blue"));
            }
        }
        panic!("no battle was fought");
    };
    let (red_dug, blue_dug) = first_day(0);
    let (red_open, blue_open) = first_day(365);
    assert!(red_dug > red_open, "attacker {red_dug} against {red_open}");
    assert!(
        blue_dug < blue_open,
        "defender {blue_dug} against {blue_open}"
    );
}
