//! The window as a player meets it (issue 18): every decision of a `player`
//! faction opens its dialog in time at every speed (one-day windows too), the
//! scenario's fixed choices can be taken back, the agenda, auto-pause, the
//! end screen, the side panel's width, the save list.

use crate::orders::harness;
use bevy_egui::egui::{self, Id};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pact::date::Date;
use pact::gui::agenda::{self, ItemKind};
use pact::gui::decisions;
use pact::gui::end::EndAccount;
use pact::gui::layout::{SIDE_WIDTH, Tab};
use pact::gui::saves::{self, Mode, SaveDialog};
use pact::gui::session::Game;
use pact::gui::start::StartScreen;
use pact::gui::time::{Clock, Speed, run_frame};
use pact::scenario::{self, Controller};
use pact::sim::Setup;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A new game of `file` with `faction` a player's.
fn player_game(file: &str, faction: &str) -> Game {
    let path = scenario::bundled(file);
    let loaded = scenario::load_path(&path).expect("loads");
    let setup = Setup {
        seed: 1,
        controllers: [(faction.to_string(), Controller::Player)].into(),
        ..Setup::default()
    };
    Game::new(&loaded, &path, &[], setup)
}

fn decision(game: &Game, id: &str) -> usize {
    game.scenario
        .decisions
        .iter()
        .position(|x| x.id == id)
        .expect("a decision")
}

/// Steps day by day (as a test, not the clock) to `until`, answering what
/// the player is asked as history did.
fn step_to(game: &mut Game, until: Date) {
    while game.view.day < until && !game.sim.finished() {
        for i in game.unanswered() {
            let def = &game.scenario.decisions[i];
            let o = def
                .options
                .iter()
                .position(|o| o.id == def.historical)
                .unwrap_or(0);
            game.answer(i, o);
        }
        game.step();
    }
}

/// Runs frames of the clock (a quarter second each) until it holds or `frames` pass.
fn run_until_held(game: &mut Game, clock: &mut Clock, frames: usize) {
    for _ in 0..frames {
        run_frame(game, clock, 0.25);
        if clock.speed == Speed::Paused && clock.target.is_none() {
            return;
        }
    }
}

/// Who took decision `id`, with what and when, per the ledger.
fn taken(game: &Game, id: &str) -> Option<(Date, String, String)> {
    game.sim
        .ledger()
        .decisions
        .iter()
        .find(|t| t.decision == id)
        .map(|t| (t.date, t.option.clone(), t.controller.clone()))
}

/// Kantokuen is offered on one day only (9 Aug 1941): at every speed, and
/// when jumping to a date, the clock stops the day before with the dialog
/// open, no later day is simulated until it is answered, and the answer is
/// taken on that day, by the player.
#[test]
fn a_one_day_decision_opens_its_dialog_at_every_speed() {
    let mut start = player_game("historical.ron", "japan");
    step_to(&mut start, d("1941-08-01"));
    let state = pact::sim::save::SimState::capture(start.sim.world());
    let kantokuen = decision(&start, "kantokuen_1941");
    let modes: [(&str, Speed, Option<Date>); 5] = [
        ("1 day/s", Speed::PerSecond(1), None),
        ("5 days/s", Speed::PerSecond(5), None),
        ("20 days/s", Speed::PerSecond(20), None),
        ("Max", Speed::Max, None),
        ("jump", Speed::Paused, Some(d("1941-12-01"))),
    ];
    for (label, speed, target) in modes {
        // Each speed from the same day: the saved state in a fresh game.
        let mut game = player_game("historical.ron", "japan");
        game.sim = pact::sim::Simulation::from_state(
            game.scenario.clone(),
            &game.origin.setup,
            state.clone(),
        );
        game.step();
        let mut clock = Clock::default();
        clock.set_speed(speed);
        clock.target = target;
        run_until_held(&mut game, &mut clock, 200);
        assert_eq!(
            game.view.day,
            d("1941-08-08"),
            "{label}: stopped the day before"
        );
        assert_eq!(game.unanswered(), vec![kantokuen], "{label}: asked");
        assert_eq!(taken(&game, "kantokuen_1941"), None, "{label}: not decided");
        for _ in 0..20 {
            run_frame(&mut game, &mut clock, 0.25);
        }
        assert_eq!(
            game.view.day,
            d("1941-08-08"),
            "{label}: waits for the answer"
        );

        // The dialog, answered with a click; the clock runs on as it was.
        let mut h = Harness::new_ui_state(
            |ui, (game, clock): &mut (Game, Clock)| decisions::dialog(ui.ctx(), game, clock),
            (game, clock),
        );
        h.run();
        assert!(
            h.query_by_label_contains("Kantokuen: strike north?")
                .is_some()
        );
        assert!(
            h.query_by_label_contains("1941-08-09").is_some(),
            "dated its day"
        );
        h.get_by_label("Attack the Soviet Far East").click();
        h.run();
        let (mut game, mut clock) = h.into_state();
        assert_eq!(clock.speed, speed, "{label}: resumed");
        clock.set_speed(Speed::Max);
        run_frame(&mut game, &mut clock, 0.25);
        assert_eq!(
            taken(&game, "kantokuen_1941"),
            Some((d("1941-08-09"), "strike_north".into(), "player".into())),
            "{label}"
        );
    }
}

/// The same for the Potsdam answer (14 Aug 1945) at Max, with auto-pause on
/// the way: the Soviet declaration of war, then a region of Japan's lost.
#[test]
fn max_speed_stops_for_war_lost_regions_and_the_potsdam_answer() {
    let mut game = player_game("historical.ron", "japan");
    step_to(&mut game, d("1945-08-05"));
    let mut clock = Clock::default();
    clock.pause.offensive = false;
    clock.pause.region_lost = true;
    clock.set_speed(Speed::Max);
    run_until_held(&mut game, &mut clock, 400);
    let note = clock.note.clone().unwrap_or_default();
    assert!(note.contains("declares war"), "{note} on {}", game.view.day);
    assert!(!game.news.wars.is_empty());
    let war_day = game.view.day;

    clock.set_speed(Speed::Max);
    run_until_held(&mut game, &mut clock, 400);
    let note = clock.note.clone().unwrap_or_default();
    assert!(note.contains("lost"), "{note} on {}", game.view.day);
    assert!(game.view.day > war_day && !game.news.lost.is_empty());

    // Regions fall daily now: without that pause, Max runs to the decision.
    clock.pause.region_lost = false;
    clock.pause.war = false;
    clock.set_speed(Speed::Max);
    run_until_held(&mut game, &mut clock, 400);
    let potsdam = decision(&game, "japan_surrender_1945");
    assert_eq!(game.view.day, d("1945-08-13"));
    assert_eq!(game.unanswered(), vec![potsdam]);
    assert_eq!(clock.note.as_deref(), Some("a decision is waiting"));
    game.answer(potsdam, 1);
    clock.resume();
    run_frame(&mut game, &mut clock, 0.25);
    assert_eq!(
        taken(&game, "japan_surrender_1945"),
        Some((d("1945-08-14"), "fight_on".into(), "player".into()))
    );
}

/// Auto-pause off: Max runs past the declaration of war.
#[test]
fn auto_pause_can_be_turned_off() {
    let mut game = player_game("historical.ron", "ussr");
    step_to(&mut game, d("1945-08-05"));
    let mut clock = Clock::default();
    clock.pause.war = false;
    clock.pause.offensive = false;
    clock.target = Some(d("1945-08-12"));
    run_until_held(&mut game, &mut clock, 400);
    assert_eq!(game.view.day, d("1945-08-12"), "{:?}", clock.note);
}

/// kantokuen_1941.ron fixes Japan's answer: the start screen says so; kept,
/// a player's Japan is not asked; taken back, it is asked, with history's
/// answer marked as history.
#[test]
fn the_start_screen_shows_a_fixed_choice_and_lets_the_player_take_it_back() {
    let path = scenario::bundled("kantokuen_1941.ron");
    let mut st = StartScreen::scan(Some(path), Vec::new());
    let c = &st.candidates[st.selected];
    assert!(c.path.ends_with("kantokuen_1941.ron"));
    assert_eq!(c.fixed.len(), 1);
    assert_eq!(c.fixed[0].option, "strike_north");
    assert_eq!(c.fixed[0].base, "strike_south");
    let s = c.loaded.as_ref().unwrap().scenario.clone();
    let japan = s.factions.iter().position(|f| f.id == "japan").unwrap();
    st.controllers[japan] = Controller::Player;

    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, st: &mut StartScreen| {
                pact::gui::start::screen(ui, st);
            },
            st,
        );
    h.run();
    assert!(
        h.query_by_label_contains("This scenario decides for Empire of Japan")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("player: you").is_some(),
        "explains the deciders"
    );
    assert!(h.query_by_label("Load a saved game…").is_some());
    let st = h.state();
    assert_eq!(
        st.setup(&s)
            .choices
            .get("kantokuen_1941")
            .map(String::as_str),
        Some("strike_north"),
        "kept: a fixed answer"
    );
    h.get_by_label("decide it yourself").click();
    h.run();
    let st = h.state();
    assert!(st.setup(&s).choices.is_empty(), "taken back");
    let mut game = st.start().expect("starts");
    let k = decision(&game, "kantokuen_1941");
    assert_eq!(game.scenario.decisions[k].historical, "strike_south");
    step_to(&mut game, d("1941-08-07"));
    let mut clock = Clock::default();
    clock.set_speed(Speed::Max);
    run_until_held(&mut game, &mut clock, 100);
    assert_eq!(game.unanswered(), vec![k], "Japan's player is asked");
}

/// The agenda lists the player's decisions and treaty deadlines, soonest
/// first, and not the other side's.
#[test]
fn the_agenda_lists_what_is_coming_for_the_player() {
    let mut game = player_game("historical.ron", "japan");
    step_to(&mut game, d("1941-05-01")); // the pact is in force from 25 Apr
    let a = agenda::agenda(&game);
    assert_eq!(a.players, vec!["Empire of Japan".to_string()]);
    let names: Vec<&str> = a.items.iter().map(|i| i.what.as_str()).collect();
    assert!(names.contains(&"Kantokuen: strike north?"), "{names:?}");
    assert!(names.contains(&"Accept the Potsdam terms?"), "{names:?}");
    assert!(
        a.items
            .iter()
            .filter(|i| i.kind == ItemKind::Decision)
            .all(|i| i.whose == "Empire of Japan"),
        "only Japan's decisions"
    );
    assert!(
        !names.contains(&"What to do with the Neutrality Pact?"),
        "the USSR's"
    );
    let k = a
        .items
        .iter()
        .find(|i| i.what.starts_with("Kantokuen"))
        .unwrap();
    assert_eq!((k.date, k.until), (d("1941-08-09"), Some(d("1941-08-09"))));
    let notice = a
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Treaty && i.what.contains("notice"))
        .expect("the pact's notice deadline");
    assert_eq!(notice.date, d("1945-04-25"));
    assert!(
        a.items.windows(2).all(|w| w[0].date <= w[1].date),
        "soonest first"
    );

    let mut h = harness(game);
    h.state_mut().ui.tab = Tab::Agenda;
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Kantokuen: strike north?")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("You play Empire of Japan")
            .is_some()
    );
}

/// No tab widens the side panel past its bound (the History tab once did, for good).
#[test]
fn the_side_panel_keeps_its_width_after_every_tab() {
    let mut h = harness(player_game("historical.ron", "ussr"));
    for (tab, name) in Tab::ALL {
        if tab == Tab::Forecast {
            continue; // starts a background forecast; its table is bounded like the rest
        }
        h.state_mut().ui.tab = tab;
        h.run_steps(4);
        let w = egui::containers::panel::PanelState::load(&h.ctx, Id::new("side"))
            .expect("the side panel")
            .size()
            .x;
        assert!(
            SIDE_WIDTH.contains(&w),
            "after {name}: {w} px, outside {SIDE_WIDTH:?}"
        );
    }
    h.state_mut().ui.tab = Tab::Plots;
    h.run_steps(4);
    let w = egui::containers::panel::PanelState::load(&h.ctx, Id::new("side"))
        .unwrap()
        .size()
        .x;
    assert!(w <= 400.0, "back to its width: {w}");
}

/// Restart asks first; Cancel keeps the game.
#[test]
fn restart_asks_for_confirmation() {
    let mut game = player_game("historical.ron", "ussr");
    game.step();
    let mut h = harness(game);
    h.state_mut().ui.confirm_restart = true;
    h.run_steps(2);
    assert!(h.query_by_label("Restart this scenario?").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().ui.confirm_restart);
    assert!(h.query_by_label("Restart this scenario?").is_none());
    assert_eq!(h.state().game.view.steps, 1, "the game goes on");
}

/// At the end: a modal with the outcomes, the player's decisions and the
/// account against history; closing it shows the map.
#[test]
fn the_end_screen_gives_an_account_of_the_game() {
    let path = scenario::bundled("historical.ron");
    let mut loaded = scenario::load_path(&path).expect("loads");
    loaded.scenario.meta.end = d("1941-08-12");
    let setup = Setup {
        seed: 1,
        controllers: [("japan".to_string(), Controller::Player)].into(),
        ..Setup::default()
    };
    let mut game = Game::new(&loaded, &path, &[], setup);
    step_to(&mut game, d("1941-08-08"));
    let k = decision(&game, "kantokuen_1941");
    game.answer(k, 0);
    while !game.sim.finished() {
        game.step();
    }
    let account = EndAccount::of(&game);
    assert!(
        account
            .yours
            .iter()
            .any(|y| y.contains("Kantokuen") && y.contains("Attack")),
        "{:?}",
        account.yours
    );
    assert_eq!(account.history.rows.len(), game.scenario.history.len());

    let mut h = harness(game);
    h.run_steps(3);
    assert!(h.query_by_label("The scenario has ended").is_some());
    assert!(
        h.query_by_label_contains("Kantokuen: strike north? — Attack the Soviet Far East")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("history points reached")
            .is_some()
    );
    h.get_by_label("Look at the map").click();
    h.run_steps(2);
    assert!(h.state().ui.end_closed);
    assert!(h.query_by_label("The scenario has ended").is_none());
}

/// The save dialog lists the folder's saves with scenario and date, and
/// warns before overwriting.
#[test]
fn saves_are_listed_and_overwriting_is_warned() {
    let dir = std::env::temp_dir().join(format!("pact-saves-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut game = player_game("historical.ron", "ussr");
    step_to(&mut game, d("1941-04-20"));
    saves::save(&game, &dir.join("a.ron")).expect("saves");
    step_to(&mut game, d("1941-04-25"));
    saves::save(&game, &dir.join("b.ron")).expect("saves");
    std::fs::write(dir.join("junk.ron"), "not a save").unwrap();
    let list = saves::list(&dir);
    assert_eq!(list.len(), 3);
    let a = list.iter().find(|e| e.path.ends_with("a.ron")).unwrap();
    assert_eq!(
        (a.scenario.as_str(), a.date),
        ("historical", Some(d("1941-04-20")))
    );
    let b = list.iter().find(|e| e.path.ends_with("b.ron")).unwrap();
    assert_eq!(b.date, Some(d("1941-04-25")));
    assert!(b.saved.len() == 16, "when saved: {}", b.saved);
    assert_eq!(
        list.iter()
            .find(|e| e.path.ends_with("junk.ron"))
            .unwrap()
            .date,
        None
    );

    let mut dialog = SaveDialog::default();
    dialog.open(Mode::Save, &game);
    dialog.path = dir.join("a.ron").display().to_string();
    assert!(dialog.overwrite_warning(Mode::Save).is_some());
    dialog.path = dir.join("new.ron").display().to_string();
    assert!(dialog.overwrite_warning(Mode::Save).is_none());

    let mut picked = String::new();
    let mut h = Harness::new_ui_state(
        |ui, picked: &mut String| {
            saves::table(ui, &list, picked);
        },
        picked.clone(),
    );
    h.run();
    assert!(h.query_by_label("1941-04-25").is_some());
    h.get_by_label("a.ron").click();
    h.run();
    picked.clone_from(h.state());
    assert!(picked.ends_with("a.ron"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Plot axes are calendar months from the scenario's first day (never
/// "-200000-01"), and counts have thousands separators.
#[test]
fn plot_axes_read_as_dates_and_counts() {
    use pact::gui::plots::{calendar_marks, thousands, x_range, year};
    assert_eq!(thousands(1_234_567.0), "1,234,567");
    assert_eq!(thousands(999.0), "999");
    assert_eq!(thousands(1000.0), "1,000");
    assert_eq!(thousands(-12_500.4), "-12,500");
    assert_eq!(thousands(0.0), "0");
    let start = d("1941-04-13");
    let (lo, hi) = x_range(start, start);
    assert_eq!(lo, year(start), "from the first day");
    assert!(hi - lo > 0.1, "two months wide at the start");
    let marks = calendar_marks((lo, hi));
    assert_eq!(marks[0].value, year(d("1941-05-01")), "months' first days");
    assert!(marks.iter().all(|m| (lo..=hi).contains(&m.value)));
    assert!(calendar_marks((-200_000.0, 0.0)).is_empty());
    let long = calendar_marks((year(d("1941-01-01")), year(d("1949-06-01"))));
    assert_eq!(long.len(), 9);
    assert!(long.iter().all(|m| m.step_size == 1.0));
}

/// Timeline labels close together go on different rows, and none leaves the bar.
#[test]
fn treaty_timeline_labels_never_collide_or_clip() {
    use pact::gui::treaty::place_labels;
    let labels = [(150.0, 40.0), (152.0, 110.0), (299.0, 120.0), (290.0, 90.0)];
    let placed = place_labels(0.0, 300.0, &labels);
    for (i, (&(_, w), &(l, row))) in labels.iter().zip(&placed).enumerate() {
        assert!(l >= 0.0 && l + w <= 300.0, "label {i} clipped: {l}+{w}");
        for (j, (&(_, w2), &(l2, row2))) in labels.iter().zip(&placed).enumerate().skip(i + 1) {
            if row == row2 {
                assert!(l + w <= l2 || l2 + w2 <= l, "labels {i} and {j} overlap");
            }
        }
    }
}

/// No text style is under 11 px once the window's theme is applied.
#[test]
fn no_text_under_eleven_pixels() {
    let ctx = egui::Context::default();
    pact::gui::theme::apply(&ctx);
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        for (ts, font) in &ctx.style_of(theme).text_styles {
            assert!(font.size >= 11.0, "{theme:?} {ts:?}: {}", font.size);
        }
    }
}

/// Every text on screen after a full historical run, in every tab, with a
/// region and a formation in the inspector: names, not scenario ids, and no
/// "1 formations" (the chronicle's own lines are checked in the suite).
#[test]
fn every_panel_of_a_full_run_names_things() {
    use egui_kittest::kittest::{NodeT, by};
    use pact::gui::map::Selection;
    let mut game = player_game("historical.ron", "ussr");
    step_to(&mut game, d("1945-09-02"));
    let s = game.scenario.clone();
    let harbin = game
        .sim
        .world()
        .resource::<pact::sim::catalog::Catalog>()
        .region("harbin");
    let formation = (0..10_000).find(|&q| game.view.formation(q).is_some());
    let mut h = harness(game);
    h.run_steps(3);
    let mut faults = Vec::new();
    let mut seen = 0;
    let selections = [
        Selection::None,
        Selection::Region(harbin.expect("Harbin is on the map")),
        Selection::Formation(formation.expect("a formation in the field")),
    ];
    for selection in selections {
        for (tab, name) in Tab::ALL {
            if tab == Tab::Forecast {
                continue; // starts a background forecast; its rows are names of outcomes
            }
            h.state_mut().ui.tab = tab;
            h.state_mut().ui.selection = selection;
            h.run_steps(4);
            for node in h.query_all(by().predicate(|_| true)) {
                let n = node.accesskit_node();
                for text in [n.label(), n.value()].into_iter().flatten() {
                    seen += 1;
                    for f in crate::common::wording_faults(&s, &text) {
                        faults.push(format!("{name}: {f} in \"{text}\""));
                    }
                }
            }
        }
    }
    faults.sort();
    faults.dedup();
    assert!(seen > 100, "only {seen} texts read");
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
