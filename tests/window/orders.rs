//! Commanding formations in the window (issue 13): with the USSR a player's,
//! in August 1945, a click on a Soviet counter selects the formation, the
//! inspector orders it by rail, a right-click on a region gives it, and the
//! clock brings it there; a refused order shows its reason and changes
//! nothing; the Orders tab lists the order and cancels it; the game's replay
//! holds the window's orders and `pact replay` verifies it.

use crate::common::pact;
use bevy_egui::egui::accesskit::Role;
use bevy_egui::egui::{self, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pact::gui::frame_time::FrameTimes;
use pact::gui::layout::{Tab, UiState, game_ui};
use pact::gui::map::Selection;
use pact::gui::map::land::Land;
use pact::gui::reload::HotReload;
use pact::gui::session::Game;
use pact::gui::time::Clock;
use pact::scenario;
use pact::sim::catalog::RegionIx;
use pact::sim::command::{FormationOrder, Standing};
use pact::sim::roster::Roster;
use pact::sim::state::Location;
use predicates::prelude::*;

pub(crate) struct State {
    pub game: Game,
    pub ui: UiState,
    pub clock: Clock,
    land: Land,
    times: FrameTimes,
    hot: HotReload,
}

/// The historical scenario with the USSR a player's (its decisions answered
/// as history did), run to 1 August 1945.
pub(crate) fn august_1945() -> Game {
    let mut game = crate::ussr_player_game();
    let until = "1945-08-01".parse().unwrap();
    while game.sim.today() <= until && !game.sim.finished() {
        game.step();
        for d in game.unanswered() {
            let def = &game.scenario.decisions[d];
            let o = def
                .options
                .iter()
                .position(|o| o.id == def.historical)
                .unwrap_or(0);
            game.answer(d, o);
        }
    }
    game
}

pub(crate) fn harness(game: Game) -> Harness<'static, State> {
    let state = State {
        game,
        ui: UiState::default(),
        clock: Clock::default(),
        land: Land::load(),
        times: FrameTimes::default(),
        hot: HotReload::default(),
    };
    Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, s: &mut State| {
                game_ui(
                    ui,
                    &mut s.game,
                    &mut s.ui,
                    &mut s.clock,
                    &s.land,
                    &s.times,
                    &mut s.hot,
                );
            },
            state,
        )
}

/// The map zoomed in on the lower Amur, Harbin to Iman in sight.
fn zoom_on_the_amur(h: &mut Harness<'static, State>) {
    h.run_steps(3);
    let s = h.state_mut();
    let cat = s.game.catalog();
    let (k, hb) = (
        cat.region("khabarovsk").expect("khabarovsk"),
        cat.region("harbin").expect("harbin"),
    );
    let (pk, ph) = (s.game.layout.pos[k], s.game.layout.pos[hb]);
    s.ui.view.zoom = s.ui.view.fit * 3.0;
    s.ui.view.center = pk + (ph - pk) * 0.45;
    h.run_steps(2);
}

fn region(h: &Harness<'static, State>, id: &str) -> RegionIx {
    h.state().game.catalog().region(id).expect("a region")
}

/// Where region `r` is drawn on screen.
fn on_screen(h: &Harness<'static, State>, r: RegionIx) -> Pos2 {
    let s = h.state();
    s.ui.view.to_screen(s.ui.view.area, s.game.layout.pos[r])
}

/// A right-click on region `r`.
fn right_click(h: &mut Harness<'static, State>, r: RegionIx) {
    let p = on_screen(h, r);
    press(h, p, egui::PointerButton::Secondary);
}

fn press(h: &mut Harness<'static, State>, pos: Pos2, button: egui::PointerButton) {
    h.event(egui::Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.step();
    h.step();
}

/// Clicks the first counter stack beside region `r` (the one faction standing there).
fn click_stack(h: &mut Harness<'static, State>, r: RegionIx) {
    let v = h.state().ui.view;
    let radius = (v.zoom * 0.2).clamp(4.0, 8.0);
    let k = (v.zoom / 30.0).clamp(0.85, 1.3);
    let p = on_screen(h, r);
    press(
        h,
        p + vec2(radius + 2.0 + 15.0 * k, 0.0),
        egui::PointerButton::Primary,
    );
}

fn selected_id(h: &Harness<'static, State>) -> Option<String> {
    let s = h.state();
    match s.ui.selection {
        Selection::Formation(seq) => s.game.view.formation(seq).map(|f| f.info.id.clone()),
        _ => None,
    }
}

fn standing(game: &Game, id: &str) -> Option<Standing> {
    let w = game.sim.world();
    let e = w.resource::<Roster>().get(id)?;
    w.get::<FormationOrder>(e)?.0
}

fn location(game: &Game, id: &str) -> Option<Location> {
    let w = game.sim.world();
    let e = w.resource::<Roster>().get(id)?;
    w.get::<Location>(e).cloned()
}

#[test]
fn a_player_orders_a_soviet_corps_by_rail_and_it_arrives() {
    let mut h = harness(august_1945());
    zoom_on_the_amur(&mut h);
    let khabarovsk = region(&h, "khabarovsk");
    let biro = region(&h, "birobidzhan");
    for r in [khabarovsk, biro, region(&h, "harbin")] {
        assert!(
            h.state().ui.view.area.contains(on_screen(&h, r)),
            "{r} is on the map"
        );
    }

    // A click on the Soviet stack at Khabarovsk selects its strongest
    // formation; further clicks go through the others.
    let mut seen = Vec::new();
    while selected_id(&h).as_deref() != Some("su45_5rc") {
        click_stack(&mut h, khabarovsk);
        let id = selected_id(&h).expect("a click on a counter selects a formation");
        assert!(
            !seen.contains(&id),
            "cycled back to {id} without the 5th Rifle Corps"
        );
        seen.push(id);
    }
    assert_eq!(h.state().ui.tab, Tab::Inspector);
    h.get_by_label_contains("Orders for 5th Rifle Corps");
    h.get_by_label_contains("Order: none");

    // A refused order: Harbin is Japan's, no ground to withdraw to.
    let harbin = region(&h, "harbin");
    let before = h.state().game.sim.checksum();
    h.get_by_label("Withdraw to…").click_accesskit();
    h.run_steps(2);
    right_click(&mut h, harbin);
    let msg = match &h.state().ui.orders.message {
        Some(Err(e)) => e.clone(),
        other => panic!("a withdrawal to Harbin is refused, not {other:?}"),
    };
    assert!(msg.contains("its side does not hold it"), "{msg}");
    h.get_by_label_contains("Refused: 5th Rifle Corps");
    assert_eq!(standing(&h.state().game, "su45_5rc"), None);
    assert_eq!(h.state().game.sim.checksum(), before, "nothing was given");

    // By rail to Birobidzhan: the button, then a right-click on Birobidzhan.
    h.get_by_label("Rail to…").click_accesskit();
    h.run_steps(2);
    right_click(&mut h, biro);
    assert!(
        matches!(&h.state().ui.orders.message, Some(Ok(m)) if m.contains("go by rail to Birobidzhan")),
        "{:?}",
        h.state().ui.orders.message
    );
    let game = &h.state().game;
    assert_eq!(standing(game, "su45_5rc"), Some(Standing::RailTo(biro)));
    assert!(matches!(
        location(game, "su45_5rc"),
        Some(Location::Rail(_))
    ));
    h.get_by_label_contains("Order: go by rail to Birobidzhan");
    let view = game.view.by_id("su45_5rc").unwrap();
    assert_eq!(
        view.route.first(),
        Some(&khabarovsk),
        "the route starts where it is"
    );
    assert_eq!(view.route.last(), Some(&biro), "and ends at Birobidzhan");

    // The Orders tab lists it.
    h.get_by_label("Orders").click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().ui.tab, Tab::Orders);
    h.get_by_label_contains("5th Rifle Corps (Bikin axis): go by rail to Birobidzhan");

    // The clock runs: it arrives and holds there.
    let mut days = 0;
    while location(&h.state().game, "su45_5rc") != Some(Location::At(biro)) {
        assert!(days < 20, "not at Birobidzhan 20 days after the order");
        h.state_mut().game.step();
        days += 1;
    }
    assert!(days >= 1, "a train takes time");
    // The next day it holds there, as ordered.
    h.state_mut().game.step();
    h.run_steps(2);
    let game = &h.state().game;
    assert_eq!(location(game, "su45_5rc"), Some(Location::At(biro)));
    assert!(matches!(
        standing(game, "su45_5rc"),
        Some(Standing::Hold { .. })
    ));
    assert!(
        game.sim.chronicle().iter().any(|e| e
            .text
            .contains("5th Rifle Corps (Bikin axis) arrives at Birobidzhan")),
        "the chronicle tells of the arrival"
    );

    // The game's replay holds the window's order, and `pact replay` verifies it.
    let rep = h.state().game.replay();
    assert_eq!(rep.given.len(), 1);
    assert_eq!(rep.given[0].formation, "su45_5rc");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("replay.ron");
    pact::gui::saves::save_replay(&h.state().game, &file).unwrap();
    pact()
        .args(["replay", &file.display().to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("replay verified"));
}

#[test]
fn the_orders_tab_cancels_a_standing_order() {
    let mut h = harness(august_1945());
    zoom_on_the_amur(&mut h);
    let khabarovsk = region(&h, "khabarovsk");
    let birobidzhan = region(&h, "birobidzhan");
    let seq = h.state().game.view.by_id("su45_5rc").unwrap().seq.0;
    h.state_mut().ui.select(Selection::Formation(seq));
    h.step();
    // A right-click on the side's own ground: move there.
    right_click(&mut h, birobidzhan);
    assert_eq!(
        standing(&h.state().game, "su45_5rc"),
        Some(Standing::MoveTo(birobidzhan))
    );
    assert_eq!(
        pact::gui::map::arrows::points(&h.state().game, &h.state().game.layout, seq).len(),
        2,
        "an arrow from Khabarovsk to Birobidzhan"
    );
    let _ = khabarovsk;
    h.get_by_label("Orders").click_accesskit();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Cancel")
        .click_accesskit();
    h.run_steps(2);
    assert!(matches!(
        standing(&h.state().game, "su45_5rc"),
        Some(Standing::Hold { .. })
    ));
    assert!(
        pact::gui::map::arrows::points(&h.state().game, &h.state().game.layout, seq).is_empty(),
        "no arrow once cancelled"
    );

    // A Japanese formation takes no orders from the Soviet player.
    let (theirs, id) = {
        let g = &h.state().game;
        let f = g
            .view
            .formations
            .iter()
            .find(|f| g.commander(f.info.faction).is_none() && f.location.region().is_some())
            .expect("an enemy formation");
        (f.seq.0, f.info.id.clone())
    };
    h.state_mut().ui.select(Selection::Formation(theirs));
    h.step();
    let before = h.state().game.sim.checksum();
    right_click(&mut h, birobidzhan);
    assert!(
        matches!(&h.state().ui.orders.message, Some(Err(e)) if e.contains("does not take your orders")),
        "{:?}",
        h.state().ui.orders.message
    );
    assert_eq!(h.state().ui.tab, Tab::Orders, "the refusal is shown");
    h.get_by_label_contains("does not take your orders");
    assert_eq!(h.state().game.sim.checksum(), before);
    assert_eq!(standing(&h.state().game, &id), None);
}

/// Orders given in the window are the formations' standing orders in a save
/// from the menu, and a hot reload's restart gives them again at the same
/// moments: the same state as the game it replaces.
#[test]
fn window_orders_survive_save_load_and_a_restart() {
    let path = scenario::bundled("historical.ron");
    let loaded = scenario::load_path(&path).expect("loads");
    let mut game = august_1945();
    let seq_of = |g: &Game, id: &str| g.view.by_id(id).map(|f| f.seq.0).expect("in the field");
    let s = seq_of(&game, "su45_5rc");
    game.give_order(s, &pact::sim::command::Order::RailTo("birobidzhan".into()))
        .expect("accepted");
    for _ in 0..3 {
        game.step();
    }
    let s = seq_of(&game, "su45_2fe_troops");
    game.give_order(s, &pact::sim::command::Order::Reserve)
        .expect("accepted");
    game.step();
    // Given after the last day: in the state, not yet in any day's checksum.
    let s = seq_of(&game, "su45_10mc");
    let _ = game.give_order(s, &pact::sim::command::Order::Hold);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.ron");
    pact::gui::saves::save(&game, &file).expect("saves");
    let back = pact::gui::saves::load(&file).expect("loads");
    assert_eq!(back.sim.checksum(), game.sim.checksum());
    assert_eq!(
        standing(&back, "su45_2fe_troops"),
        Some(Standing::Reserve),
        "the window's order is in the save"
    );

    let next = pact::gui::reload::restart_with(&game, &loaded);
    assert_eq!(next.view.day, game.view.day);
    // (Its checksum differs: its ledger records the past answers as fixed
    // choices. Where the formations stand and what they were told do not.)
    assert_eq!(next.sim.given_orders(), game.sim.given_orders());
    for id in ["su45_5rc", "su45_2fe_troops", "su45_10mc"] {
        assert_eq!(standing(&next, id), standing(&game, id), "{id}");
        assert_eq!(location(&next, id), location(&game, id), "{id}");
    }
    assert!(matches!(
        location(&next, "su45_5rc"),
        Some(Location::Rail(_))
    ));
    assert_eq!(next.view.control, game.view.control);
}

/// An order to a headquarters goes to everyone under it: the Far Eastern
/// Front told to hold, its divisions hold; the answer says how many took it.
#[test]
fn ordering_a_headquarters_orders_its_command() {
    let mut game = crate::ussr_player_game();
    let hq = game
        .view
        .by_id("su41_fef_hq")
        .map(|f| f.seq.0)
        .expect("the Far Eastern Front's HQ");
    let under = game.sim.command_of("su41_fef_hq");
    assert!(under.len() > 10, "{under:?}");
    let said = game
        .give_group_order(&[hq], |_, _| pact::sim::command::Order::Hold)
        .expect("the front takes the order");
    assert!(said.contains(" formations ordered"), "{said}");
    for id in &under {
        if game.sim.world().resource::<Roster>().get(id).is_some() {
            assert!(
                matches!(standing(&game, id), Some(Standing::Hold { .. })),
                "{id} does not hold: {said}"
            );
        }
    }
    assert!(!matches!(
        standing(&game, "su41_94rd"),
        Some(Standing::Hold { .. })
    ));
}
