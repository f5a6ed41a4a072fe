//! Orders as data (issue 13): a formation ordered somewhere goes there; every
//! order is checked when given and refused with a reason; orders files are
//! read as hostile input; saves and replays reproduce an ordered run exactly.

use crate::common::*;
use pact::date::Date;
use pact::scenario::Posture;
use pact::sim::Simulation;
use pact::sim::catalog::Catalog;
use pact::sim::command::{DatedOrder, FormationOrder, Order, Refusal, Standing};
use pact::sim::roster::Roster;
use pact::sim::save::SimState;
use pact::sim::state::{FormationPosture, Location, Supply};
use predicates::prelude::*;
use std::path::Path;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn order(date: &str, formation: &str, order: Order) -> DatedOrder {
    DatedOrder {
        date: day(date),
        faction: None,
        formation: formation.to_string(),
        order,
    }
}

/// Where formation `id` stands, by region id (None: on the march, on a train or gone).
fn region_of(sim: &Simulation, id: &str) -> Option<String> {
    let w = sim.world();
    let e = w.resource::<Roster>().get(id)?;
    let r = w.get::<Location>(e)?.region()?;
    Some(w.resource::<Catalog>().region_id(r).to_string())
}

fn location_of(sim: &Simulation, id: &str) -> Location {
    let w = sim.world();
    let e = w
        .resource::<Roster>()
        .get(id)
        .expect("formation in the field");
    w.get::<Location>(e).expect("a location").clone()
}

fn standing_of(sim: &Simulation, id: &str) -> Option<Standing> {
    let w = sim.world();
    let e = w.resource::<Roster>().get(id)?;
    w.get::<FormationOrder>(e)?.0
}

fn chronicle_has(sim: &Simulation, needle: &str) -> bool {
    sim.chronicle().iter().any(|e| e.text.contains(needle))
}

#[test]
fn a_formation_ordered_to_move_goes_there_and_holds() {
    let s = mini();
    // Unordered, 2nd Rifle stands at the border all spring.
    let mut idle = sim(&s, 1);
    idle.run_until(day("1941-05-31"));
    assert_eq!(region_of(&idle, "r2").as_deref(), Some("border"));

    let mut run = sim(&s, 1);
    run.queue_orders([order("1941-04-20", "r2", Order::MoveTo("depot".into()))]);
    run.run_until(day("1941-04-20"));
    assert!(
        matches!(location_of(&run, "r2"), Location::March { .. }),
        "on the march the day it is ordered"
    );
    run.run_until(day("1941-05-31"));
    assert_eq!(region_of(&run, "r2").as_deref(), Some("depot"));
    assert!(matches!(
        standing_of(&run, "r2"),
        Some(Standing::Hold { .. })
    ));
    assert!(chronicle_has(&run, "2nd Rifle ordered to move to Depot"));
    assert!(chronicle_has(&run, "2nd Rifle reaches Depot as ordered"));
}

#[test]
fn hold_keeps_an_attacking_formation_off_its_plan() {
    let s = mini();
    // Without an order, 2nd Rifle (posture attack) leaves the border once the war starts.
    let mut plan = sim(&s, 1);
    plan.run_until(day("1941-09-15"));
    assert_ne!(region_of(&plan, "r2").as_deref(), Some("border"));

    let mut held = sim(&s, 1);
    held.queue_orders([order("1941-05-01", "r2", Order::Hold)]);
    held.run_until(day("1941-09-15"));
    assert_eq!(region_of(&held, "r2").as_deref(), Some("border"));
    let w = held.world();
    let e = w.resource::<Roster>().get("r2").unwrap();
    assert_eq!(w.get::<FormationPosture>(e).unwrap().0, Posture::Defend);
}

#[test]
fn attack_sends_a_defender_onto_enemy_ground() {
    let s = mini();
    // Blue has no offensive plan: unordered, its line division stays in the city.
    let mut idle = sim(&s, 1);
    idle.run_until(day("1941-08-13"));
    assert_eq!(region_of(&idle, "b2").as_deref(), Some("city"));

    let mut run = sim(&s, 1);
    run.run_until(day("1941-08-12"));
    run.give_order("blue", "b2", &Order::Attack("border".into()))
        .expect("an attack on enemy ground at war");
    let cat = run.world().resource::<Catalog>().clone();
    let w = run.world();
    let e = w.resource::<Roster>().get("b2").unwrap();
    assert_eq!(w.get::<FormationPosture>(e).unwrap().0, Posture::Attack);
    assert_eq!(
        standing_of(&run, "b2"),
        Some(Standing::Attack(cat.region("border").unwrap()))
    );
    run.step();
    assert!(
        matches!(location_of(&run, "b2"), Location::March(m) if m.to == cat.region("town").unwrap()),
        "marching on the border by way of the town"
    );
}

#[test]
fn rail_order_entrains_a_single_formation() {
    let s = mini();
    let mut run = sim(&s, 1);
    run.give_order("red", "r2", &Order::RailTo("depot".into()))
        .expect("a rail line over own ground");
    assert!(matches!(location_of(&run, "r2"), Location::Rail(_)));
    run.run_until(day("1941-05-31"));
    assert_eq!(region_of(&run, "r2").as_deref(), Some("depot"));
    assert!(chronicle_has(&run, "2nd Rifle arrives at Depot by rail"));
}

#[test]
fn impossible_orders_are_refused_with_a_reason() {
    let s = mini();
    let mut run = sim(&s, 1);
    let refuse = |run: &mut Simulation, faction: &str, id: &str, o: Order| {
        run.give_order(faction, id, &o)
            .expect_err("the order is impossible")
    };
    assert_eq!(
        refuse(&mut run, "red", "r9", Order::Hold),
        Refusal::UnknownFormation("r9".into())
    );
    assert_eq!(
        refuse(&mut run, "red", "r2", Order::MoveTo("atlantis".into())),
        Refusal::UnknownRegion("atlantis".into())
    );
    let r = refuse(&mut run, "blue", "r2", Order::Hold);
    assert!(matches!(r, Refusal::NotYours { .. }), "{r}");
    // Blue's town is not Red's to walk into, nor to attack before a war.
    let r = refuse(&mut run, "red", "r2", Order::MoveTo("town".into()));
    assert!(r.to_string().contains("its side does not hold it"), "{r}");
    let r = refuse(&mut run, "red", "r2", Order::Attack("town".into()));
    assert!(r.to_string().contains("not held by an enemy at war"), "{r}");
    // No railway through Red's ground reaches the town.
    let r = refuse(&mut run, "red", "r2", Order::RailTo("town".into()));
    assert!(matches!(r, Refusal::NoRail { .. }), "{r}");
    assert!(r.to_string().contains("no rail link"), "{r}");
    // Refused orders change nothing.
    assert_eq!(standing_of(&run, "r2"), None);
    assert_eq!(region_of(&run, "r2").as_deref(), Some("border"));
}

#[test]
fn a_motorised_formation_without_fuel_does_not_set_off() {
    let s = load("tests/data/fuel.ron");
    let mut run = sim(&s, 1);
    let e = run.world().resource::<Roster>().get("t1").unwrap();
    run.world_mut().get_mut::<Supply>(e).unwrap().0 = 0.05;
    let r = run
        .give_order("red", "t1", &Order::MoveTo("near".into()))
        .unwrap_err();
    assert!(matches!(r, Refusal::NoFuel { .. }), "{r}");
    assert_eq!(
        r.to_string(),
        "1st Tank (t1) has fuel for 5% and needs 45% to set off"
    );
    // Refuelled, the same order is taken.
    run.world_mut().get_mut::<Supply>(e).unwrap().0 = 1.0;
    run.give_order("red", "t1", &Order::MoveTo("near".into()))
        .expect("fuel for the first leg");
}

#[test]
fn checking_an_order_changes_nothing() {
    let s = mini();
    let mut run = sim(&s, 1);
    let before = run.checksum();
    let ok = run
        .check_order("red", "r2", &Order::RailTo("depot".into()))
        .expect("a rail line over own ground");
    assert_eq!(ok.posture, Posture::Attack, "rail keeps the posture");
    assert!(
        ok.text.contains("ordered to go by rail to Depot"),
        "{}",
        ok.text
    );
    assert_eq!(
        run.check_order("red", "r2", &Order::MoveTo("town".into()))
            .map(|_| ()),
        run.give_order("red", "r2", &Order::MoveTo("town".into()))
    );
    assert_eq!(run.checksum(), before);
    assert_eq!(standing_of(&run, "r2"), None);
    assert!(!chronicle_has(&run, "ordered"));
}

#[test]
fn a_refused_dated_order_is_logged_in_the_chronicle() {
    let s = mini();
    let mut run = sim(&s, 1);
    run.queue_orders([order("1941-05-01", "r2", Order::MoveTo("town".into()))]);
    run.run_until(day("1941-05-02"));
    let line = run
        .chronicle()
        .iter()
        .find(|e| e.text.contains("refused"))
        .expect("a refusal in the chronicle");
    assert_eq!(line.date, day("1941-05-01"));
    assert!(
        line.text.contains("its side does not hold it"),
        "{}",
        line.text
    );
    assert_eq!(region_of(&run, "r2").as_deref(), Some("border"));
}

#[test]
fn destroyed_formations_cannot_be_ordered() {
    let s = mini();
    let mut run = sim(&s, 1);
    pact::sim::roster::despawn_formation(run.world_mut(), "b1");
    let r = run.give_order("blue", "b1", &Order::Hold).unwrap_err();
    assert!(matches!(r, Refusal::NotInField(_)), "{r}");
    assert!(r.to_string().contains("not in the field"), "{r}");
}

#[test]
fn august_1945_a_soviet_corps_moves_where_ordered() {
    let s = load("scenarios/historical.ron");
    let mut run = sim(&s, 1);
    run.queue_orders([order(
        "1945-08-10",
        "su45_5rc",
        Order::MoveTo("birobidzhan".into()),
    )]);
    run.run_until(day("1945-08-10"));
    assert_eq!(
        standing_of(&run, "su45_5rc"),
        Some(Standing::MoveTo(
            run.world()
                .resource::<Catalog>()
                .region("birobidzhan")
                .unwrap()
        ))
    );
    run.run_until(day("1945-08-25"));
    assert_eq!(region_of(&run, "su45_5rc").as_deref(), Some("birobidzhan"));
}

#[test]
fn an_ordered_run_saved_and_loaded_continues_identically() {
    let s = mini();
    let orders = [
        order("1941-04-20", "r2", Order::MoveTo("depot".into())),
        order("1941-06-10", "t1", Order::Reserve),
        order("1941-08-12", "r2", Order::RailTo("border".into())),
    ];
    let mut whole = sim(&s, 4);
    whole.queue_orders(orders.clone());
    whole.run_to_end();
    let mut first = sim(&s, 4);
    first.queue_orders(orders.clone());
    first.run_until(day("1941-05-01"));
    let opts = ron::Options::default();
    let text = opts
        .to_string(&SimState::capture(first.world()))
        .expect("state serialises");
    assert!(text.contains("MoveTo"), "the standing order is saved");
    assert!(text.contains("rail_to"), "the pending orders are saved");
    let state: SimState = opts.from_str(&text).expect("state parses");
    let mut resumed = Simulation::from_state(
        s.clone(),
        &pact::sim::Setup {
            seed: 4,
            ..Default::default()
        },
        state,
    );
    resumed.run_to_end();
    assert_eq!(whole.chronicle(), resumed.chronicle());
    assert_eq!(whole.daily_checksums(), resumed.daily_checksums());
    // And the orders made a difference.
    let mut plain = sim(&s, 4);
    plain.run_to_end();
    assert_ne!(plain.checksum(), whole.checksum());
}

#[test]
fn same_orders_same_seed_same_run() {
    let s = mini();
    let orders = [
        order("1941-04-20", "r2", Order::MoveTo("depot".into())),
        order("1941-08-12", "t1", Order::Attack("city".into())),
    ];
    let run = || {
        let mut x = sim(&s, 2);
        x.queue_orders(orders.clone());
        x.run_to_end();
        x
    };
    let (a, b) = (run(), run());
    assert_eq!(a.daily_checksums(), b.daily_checksums());
    assert_eq!(a.chronicle(), b.chronicle());
}

// ------------------------------------------------------------------ the command line

const ORDERS: &str = r#"// Orders for the mini scenario
[
    (date: "1941-04-20", formation: "r2", order: move_to("depot")),
    (date: "1941-05-10", formation: "r2", order: move_to("town")),
    (date: "1941-08-12", faction: "red", formation: "t1", order: reserve),
]
"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn cli_orders_are_given_and_refusals_logged() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "orders.ron", ORDERS);
    pact()
        .args(["run", "tests/data/mini.ron", "--orders", &file])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2nd Rifle ordered to move to Depot",
        ))
        .stdout(predicate::str::contains(
            "2nd Rifle reaches Depot as ordered",
        ))
        .stdout(predicate::str::contains(
            "Order to r2 to move to town refused: 2nd Rifle (r2) cannot go to Town",
        ));
}

#[test]
fn cli_malformed_orders_files_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    // A syntax error on line 3.
    let bad = write(
        dir.path(),
        "bad.ron",
        "[\n    (date: \"1941-04-20\", formation: \"r2\", order: move_to(\"depot\")),\n    (date: \"1941-05-10\" formation: \"r2\", order: hold),\n]\n",
    );
    pact()
        .args(["run", "tests/data/mini.ron", "--orders", &bad])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{bad}:3:")));
    // Unknown ids, each at its place, in one pass.
    let ids = write(
        dir.path(),
        "ids.ron",
        "[\n    (date: \"1941-04-20\", formation: \"r22\", order: hold),\n    (date: \"1941-05-10\", formation: \"r2\", order: attack(\"towm\")),\n]\n",
    );
    pact()
        .args(["run", "tests/data/mini.ron", "--orders", &ids])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{ids}:2:")))
        .stderr(predicate::str::contains("unknown formation `r22`"))
        .stderr(predicate::str::contains(format!("{ids}:3:")))
        .stderr(predicate::str::contains("did you mean `town`?"));
    // An unknown order kind and a date outside the scenario.
    let kind = write(
        dir.path(),
        "kind.ron",
        "[(date: \"1941-04-20\", formation: \"r2\", order: teleport(\"depot\"))]",
    );
    pact()
        .args(["run", "tests/data/mini.ron", "--orders", &kind])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{kind}:1:")));
    let late = write(
        dir.path(),
        "late.ron",
        "[(date: \"1950-01-01\", formation: \"r2\", order: hold)]",
    );
    pact()
        .args(["run", "tests/data/mini.ron", "--orders", &late])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{late}:1:")))
        .stderr(predicate::str::contains("outside the run's period"));
}

#[test]
fn cli_orders_survive_save_load_and_replay() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "orders.ron", ORDERS);
    let save = dir.path().join("game.ron").display().to_string();
    let replay = dir.path().join("replay.ron").display().to_string();
    let args = [
        "run",
        "tests/data/mini.ron",
        "--seed",
        "5",
        "--orders",
        &file,
    ];
    let whole = pact()
        .args(args)
        .args(["--quiet", "--record", &replay])
        .output()
        .unwrap();
    assert!(whole.status.success());
    let plain = pact()
        .args(["run", "tests/data/mini.ron", "--seed", "5", "--quiet"])
        .output()
        .unwrap();
    assert_ne!(whole.stdout, plain.stdout, "the orders change the run");
    pact()
        .args(args)
        .args(["--until", "1941-05-01", "--save", &save, "--quiet"])
        .assert()
        .success();
    let resumed = pact()
        .args(["run", "--load", &save, "--quiet"])
        .output()
        .unwrap();
    assert!(resumed.status.success());
    assert_eq!(
        String::from_utf8_lossy(&whole.stdout),
        String::from_utf8_lossy(&resumed.stdout)
    );
    pact()
        .args(["replay", &replay])
        .assert()
        .success()
        .stdout(predicate::str::contains("replay verified"));
}

#[test]
fn a_line_that_carries_no_trains_refuses_a_rail_order() {
    let mut s = (*mini()).clone();
    let link = s
        .links
        .iter_mut()
        .find(|l| l.from == "depot" && l.to == "border")
        .unwrap();
    link.rail_capacity = Some(0.0);
    let s = std::sync::Arc::new(s);
    let mut run = sim(&s, 1);
    let r = run
        .give_order("red", "r2", &Order::RailTo("depot".into()))
        .unwrap_err();
    assert!(matches!(r, Refusal::NoRailCapacity { .. }), "{r}");
    assert!(r.to_string().contains("carries no trains"), "{r}");
    // Over the road it may still march.
    run.give_order("red", "r2", &Order::MoveTo("depot".into()))
        .expect("a march over own ground");
}

/// The ```ron block of docs/orders.md and the ``` block after "For example:".
fn doc_blocks() -> (String, String) {
    let doc = std::fs::read_to_string("docs/orders.md").unwrap();
    let block = |after: &str, fence: &str| {
        let start = doc.find(after).unwrap() + after.len();
        let open = doc[start..].find(fence).unwrap() + start + fence.len();
        let body = doc[open..].trim_start_matches(|c| c != '\n')[1..].to_string();
        body[..body.find("```").unwrap()].to_string()
    };
    (block("## The file", "```ron"), block("For example:", "```"))
}

#[test]
fn the_orders_guide_shows_a_file_that_runs_as_it_says() {
    let (example, line) = doc_blocks();
    assert_eq!(
        example,
        std::fs::read_to_string("docs/orders-example.ron").unwrap(),
        "docs/orders.md shows docs/orders-example.ron as it is"
    );
    let out = pact()
        .args([
            "run",
            "scenarios/historical.ron",
            "--orders",
            "docs/orders-example.ron",
            "--until",
            "1945-08-25",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(line.trim()), "the guide's refusal:\n{line}");
    assert!(text.contains("15th Army (Mamonov) ordered to attack Jiamusi"));
    assert!(text.contains("5th Rifle Corps (Bikin axis) reaches Birobidzhan"));
}

#[test]
fn cli_orders_added_to_a_loaded_save_are_kept_by_its_replay() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("game.ron").display().to_string();
    let replay = dir.path().join("replay.ron").display().to_string();
    pact()
        .args([
            "run",
            "tests/data/mini.ron",
            "--until",
            "1941-05-01",
            "--save",
            &save,
            "--quiet",
        ])
        .assert()
        .success();
    let file = write(
        dir.path(),
        "more.ron",
        "[(date: \"1941-05-05\", formation: \"r2\", order: move_to(\"depot\"))]",
    );
    pact()
        .args([
            "run", "--load", &save, "--orders", &file, "--record", &replay,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2nd Rifle reaches Depot as ordered",
        ));
    pact()
        .args(["replay", &replay])
        .assert()
        .success()
        .stdout(predicate::str::contains("replay verified"));
    // An order dated before the saved day is refused up front.
    let early = write(
        dir.path(),
        "early.ron",
        "[(date: \"1941-04-20\", formation: \"r2\", order: hold)]",
    );
    pact()
        .args(["run", "--load", &save, "--orders", &early])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{early}:1:")))
        .stderr(predicate::str::contains("1941-05-02"));
}

#[test]
fn a_scripted_move_replaces_a_march_order() {
    let mut s = (*mini()).clone();
    let src = pact::scenario::Source::new(
        "teleport.ron",
        r#"(id: "tp", name: "Recalled", trigger: (from: "1941-04-22"), effects: [teleport(formation: "r2", to: "west")])"#,
    );
    s.events
        .push(pact::scenario::parse::parse(&src).expect("an event"));
    let s = std::sync::Arc::new(s);
    let mut run = sim(&s, 1);
    run.queue_orders([order("1941-04-20", "r2", Order::MoveTo("depot".into()))]);
    run.run_until(day("1941-04-21"));
    assert!(matches!(location_of(&run, "r2"), Location::March { .. }));
    run.run_until(day("1941-05-31"));
    // Taken west by the script, it does not march back to the depot.
    assert_eq!(region_of(&run, "r2").as_deref(), Some("west"));
    assert_eq!(standing_of(&run, "r2"), None);
}

/// Orders a front end (the window) gives between days are recorded with the
/// day they were given for, and `pact replay` gives them again at the same
/// moments: every day's checksums match. Without them the replay diverges.
#[test]
fn orders_given_between_days_are_recorded_and_replayed_exactly() {
    use pact::files::{Origin, write_ron};
    use pact::replay::{Recorder, Verdict, verify};
    use pact::sim::Setup;

    let path = Path::new("tests/data/mini.ron");
    let loaded = pact::scenario::load_path(path).unwrap();
    let setup = Setup {
        seed: 5,
        ..Setup::default()
    };
    let origin = Origin::new(path, &[], &loaded, &setup);
    let mut run = Simulation::new(std::sync::Arc::new(loaded.scenario.clone()), &setup);
    let mut rec = Recorder::new(&run, false);
    // Before the first day, as a player paused at the start would.
    run.give_order("red", "t1", &Order::Hold).unwrap();
    for i in 0..45 {
        match i {
            5 => run
                .give_order("red", "r2", &Order::MoveTo("depot".into()))
                .unwrap(),
            12 => run
                .give_order("red", "r1", &Order::RailTo("border".into()))
                .unwrap(),
            // A refused order is not given, and not recorded.
            20 => assert!(
                run.give_order("red", "r2", &Order::MoveTo("city".into()))
                    .is_err()
            ),
            _ => {}
        }
        run.step();
        rec.day(&run, Vec::new());
    }
    let rep = rec.finish(&origin, &run);
    let dates: Vec<(Date, &str)> = rep
        .given
        .iter()
        .map(|o| (o.date, o.formation.as_str()))
        .collect();
    assert_eq!(
        dates,
        [
            (day("1941-04-13"), "t1"),
            (day("1941-04-18"), "r2"),
            (day("1941-04-25"), "r1")
        ],
        "each order dated the day it was given for"
    );
    assert!(matches!(
        location_of(&run, "r1"),
        Location::Rail(_) | Location::At(_)
    ));

    // The library's check, and the command line's on the written file.
    assert_eq!(
        verify(&rep, loaded.scenario.clone()).unwrap(),
        Verdict::Verified {
            days: 45,
            checksum: run.checksum()
        }
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("window.ron");
    write_ron(&file, &rep).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("given"),
        "the window's orders are in the file"
    );
    pact()
        .args(["replay", &file.display().to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("replay verified: 45 days"));

    // Without the orders the recorded run is not reproduced.
    let mut bare = rep.clone();
    bare.given.clear();
    assert!(matches!(
        verify(&bare, loaded.scenario.clone()).unwrap(),
        Verdict::Diverges { .. }
    ));
    let file = dir.path().join("bare.ron");
    write_ron(&file, &bare).unwrap();
    pact()
        .args(["replay", &file.display().to_string()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("replay diverges"));

    // An order moved to another day is a different run.
    let mut moved = rep.clone();
    moved.given[1].date = day("1941-04-19");
    assert!(!matches!(
        verify(&moved, loaded.scenario).unwrap(),
        Verdict::Verified { .. }
    ));
}

/// The chain of command is read from the scenario's `parent`s, through every
/// level: the Transbaikal district's command holds the 17th Army's HQ and the
/// divisions under it, and nothing of the Far Eastern Front's.
#[test]
fn the_chain_of_command_runs_front_to_army_to_division() {
    let s = load("scenarios/historical.ron");
    let run = sim(&s, 1);
    let all = run.command_of("su41_tbmd_hq");
    assert_eq!(all.first().map(String::as_str), Some("su41_tbmd_hq"));
    assert!(all.iter().any(|id| id == "su41_17a_hq"), "{all:?}");
    let army = run.command_of("su41_17a_hq");
    assert!(army.len() >= 3, "the 17th Army and its divisions: {army:?}");
    assert!(
        army.iter().all(|id| all.contains(id)),
        "{army:?} not all in {all:?}"
    );
    assert!(
        !all.iter()
            .any(|id| id == "su41_fef_hq" || id == "su41_34rd")
    );
    // A division commands no one.
    assert_eq!(run.command_of("su41_34rd"), vec!["su41_34rd".to_string()]);
}
