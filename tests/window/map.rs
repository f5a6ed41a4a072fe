//! The map a wargamer can read (issue 13): territory in the controller's
//! colour that follows captures, a front line between enemies only, names
//! that never overlap, NATO-symbol counters that do not hide each other and
//! a key for them, selection by click, shift-click and box, fog of war at
//! perceived strength, and terrain told apart. Each drawn by the real window
//! code in an egui_kittest harness and read back from what the map drew.

use bevy_egui::egui::{self, Color32, Pos2, Rect, vec2};
use egui_kittest::Harness;
use pact::gui::map::counters::Hit;
use pact::gui::map::fog::Fog;
use pact::gui::map::land::Land;
use pact::gui::map::symbols::{self, KeyItem};
use pact::gui::map::territory::{self, Geometry, Territory};
use pact::gui::map::{self, Drawn, MapLayout, Selection, select};
use pact::gui::session::{FormationView, Game, WorldView};
use pact::scenario::Terrain;
use pact::sim::catalog::{FactionIx, RegionIx};
use pact::sim::state::{Control, Diplomacy};
use std::sync::Arc;

use crate::orders::{State, harness};

/// The historical scenario with nobody playing (no fog), at its start.
fn spectator_game() -> Game {
    let path = pact::scenario::bundled("historical.ron");
    let loaded = pact::scenario::load_path(&path).expect("loads");
    Game::new(&loaded, &path, &[], pact::sim::Setup::default())
}

fn region(game: &Game, id: &str) -> RegionIx {
    game.catalog().region(id).expect("a region")
}

fn faction(game: &Game, id: &str) -> FactionIx {
    game.catalog().faction(id).expect("a faction")
}

fn drawn(h: &Harness<'static, State>) -> Drawn {
    map::drawn(&h.ctx).expect("the map was drawn")
}

fn cache(h: &Harness<'static, State>) -> territory::MapCache {
    territory::last(&h.ctx).expect("the territory was built")
}

/// Hands region `r` to faction `to`, as a capture would, and refreshes the view.
fn capture(game: &mut Game, r: RegionIx, to: FactionIx) {
    game.sim.world_mut().resource_mut::<Control>().0[r.ix()] = to;
    game.view = WorldView::of(&mut game.sim);
}

fn set_war(game: &mut Game, a: FactionIx, b: FactionIx) {
    let (x, y) = (game.catalog().bloc_of(a), game.catalog().bloc_of(b));
    game.sim
        .world_mut()
        .resource_mut::<Diplomacy>()
        .set_war(x, y, true);
}

/// Zooms to `zoom` × the fitting zoom, centred on region `r`.
fn zoom_on(h: &mut Harness<'static, State>, r: RegionIx, zoom: f32) {
    h.run_steps(3);
    let s = h.state_mut();
    s.ui.view.zoom = s.ui.view.fit * zoom;
    s.ui.view.center = s.game.layout.pos[r];
    h.run_steps(2);
}

#[test]
fn territory_takes_the_captors_colour_and_is_rebuilt_only_on_a_capture() {
    let mut h = harness(spectator_game());
    h.run_steps(3);
    let harbin = region(&h.state().game, "harbin");
    let ussr = faction(&h.state().game, "ussr");
    let before = cache(&h);
    let owner = h.state().game.view.control[harbin.ix()];
    assert_ne!(owner, ussr, "Harbin is not Soviet in 1941");
    let s = h.state().game.scenario.clone();
    let was = before
        .territory
        .color_of(&before.geometry, harbin)
        .expect("Harbin has ground on the map");
    assert_eq!(was, territory::territory_color(&s, owner));
    assert!(was.a() < 255, "translucent, so the terrain shows through");
    assert!(
        territory::inside(&before.geometry, harbin).is_some(),
        "a piece of ground around Harbin"
    );

    // Frames without a capture reuse the same territory.
    h.run_steps(3);
    assert!(Arc::ptr_eq(&before.territory, &cache(&h).territory));
    assert!(Arc::ptr_eq(&before.geometry, &cache(&h).geometry));

    capture(&mut h.state_mut().game, harbin, ussr);
    h.run_steps(2);
    let after = cache(&h);
    assert!(
        !Arc::ptr_eq(&before.territory, &after.territory),
        "rebuilt after the capture"
    );
    assert!(
        Arc::ptr_eq(&before.geometry, &after.geometry),
        "the geometry never changes"
    );
    assert_eq!(
        after.territory.color_of(&after.geometry, harbin),
        Some(territory::territory_color(&s, ussr)),
        "Harbin's ground in Soviet red"
    );
    // Only Harbin changed colour.
    let changed: Vec<RegionIx> = RegionIx::all(s.regions.len())
        .filter(|&r| {
            before.territory.color_of(&before.geometry, r)
                != after.territory.color_of(&after.geometry, r)
        })
        .collect();
    assert_eq!(changed, vec![harbin]);
}

#[test]
fn the_front_line_runs_between_enemies_and_not_between_allies() {
    let mut game = spectator_game();
    let (ussr, japan, mongolia) = (
        faction(&game, "ussr"),
        faction(&game, "japan"),
        faction(&game, "mongolia"),
    );
    let land = Land::load();
    let layout = MapLayout::new(&game.scenario);
    let geo = Geometry::build(&game.scenario, &layout, &land);
    let cat = game.catalog().clone();
    let blocs_at = |g: &Game, (a, b): (RegionIx, RegionIx)| {
        (
            cat.bloc_of(g.view.control[a.ix()]),
            cat.bloc_of(g.view.control[b.ix()]),
        )
    };
    let soviet_japanese = |g: &Game, pair| {
        let (x, y) = blocs_at(g, pair);
        let (u, j) = (cat.bloc_of(ussr), cat.bloc_of(japan));
        (x, y) == (u, j) || (x, y) == (j, u)
    };
    // Neighbouring ground of the two sides exists on the map.
    let touching: Vec<(RegionIx, RegionIx)> = geo
        .boundaries
        .iter()
        .map(|b| (b.a, b.b))
        .filter(|&p| soviet_japanese(&game, p))
        .collect();
    assert!(
        touching.len() >= 5,
        "Soviet and Japanese-bloc ground meet: {touching:?}"
    );
    // Under the neutrality pact: no front between them.
    let peace = Territory::build(&game, &geo);
    assert!(
        !peace
            .front_pairs(&geo)
            .into_iter()
            .any(|p| soviet_japanese(&game, p)),
        "no front line in peace"
    );
    // War: a front line along every place their ground meets.
    set_war(&mut game, ussr, japan);
    let war = Territory::build(&game, &geo);
    let front = war.front_pairs(&geo);
    for p in &touching {
        assert!(front.contains(p), "{p:?} is on the front");
    }
    let diplo = game.sim.world().resource::<Diplomacy>().clone();
    for &(a, b) in &front {
        let (x, y) = blocs_at(&game, (a, b));
        assert!(x != y && diplo.at_war(x, y), "{a}–{b}: not enemies");
    }
    // Allies (the USSR and Mongolia) meet with no line between them.
    let allied: Vec<(RegionIx, RegionIx)> = geo
        .boundaries
        .iter()
        .map(|b| (b.a, b.b))
        .filter(|&(a, b)| {
            let owners = [game.view.control[a.ix()], game.view.control[b.ix()]];
            owners.contains(&ussr) && owners.contains(&mongolia)
        })
        .collect();
    assert!(!allied.is_empty(), "Soviet and Mongolian ground meet");
    for p in allied {
        assert!(!front.contains(&p), "{p:?}: allies, no front");
    }
    // The window draws it.
    let mut h = harness(game);
    h.run_steps(3);
    assert!(
        drawn(&h).front.len() >= touching.len(),
        "front segments drawn"
    );
}

fn overlapping(rects: &[Rect]) -> Option<(usize, usize)> {
    for i in 0..rects.len() {
        for j in i + 1..rects.len() {
            if rects[i].intersects(rects[j]) {
                return Some((i, j));
            }
        }
    }
    None
}

#[test]
fn place_names_never_overlap_and_more_show_when_zoomed_in() {
    let mut h = harness(spectator_game());
    h.run_steps(4);
    let fit = drawn(&h);
    let names: Vec<&str> = fit.labels.iter().map(|l| l.text.as_str()).collect();
    assert!(names.len() >= 5, "{names:?}");
    for city in ["Changchun", "Vladivostok", "Mukden"] {
        assert!(
            names.contains(&city),
            "{city} is named at the fitting zoom: {names:?}"
        );
    }
    let rects: Vec<Rect> = fit.labels.iter().map(|l| l.rect).collect();
    assert_eq!(overlapping(&rects), None, "{names:?}");
    for l in &fit.labels {
        for st in &fit.stacks {
            assert!(!l.rect.intersects(st.rect), "{} over a counter", l.text);
        }
    }

    let harbin = region(&h.state().game, "harbin");
    zoom_on(&mut h, harbin, 4.0);
    let near = drawn(&h);
    let rects: Vec<Rect> = near.labels.iter().map(|l| l.rect).collect();
    assert_eq!(overlapping(&rects), None);
    let area = h.state().ui.view.area;
    let in_sight = |d: &Drawn| {
        d.labels
            .iter()
            .filter(|l| area.contains_rect(l.rect))
            .count()
    };
    assert!(
        near.labels.iter().any(|l| l.text == "Harbin"),
        "Harbin is named close up"
    );
    // Smaller places appear: names not shown at the fitting zoom.
    assert!(
        near.labels
            .iter()
            .any(|l| !fit.labels.iter().any(|f| f.text == l.text)),
        "zooming in names more places ({} in sight, {} before)",
        in_sight(&near),
        in_sight(&fit)
    );
    assert_eq!(
        pact::gui::map::labels::short_name("Iman (Dalnerechensk), Ussuri line"),
        "Iman"
    );
    assert_eq!(
        pact::gui::map::labels::short_name("Birobidzhan – Leninskoye"),
        "Birobidzhan"
    );
}

#[test]
fn counters_carry_nato_symbols_do_not_overlap_and_the_key_explains_them() {
    let mut h = harness(spectator_game());
    let harbin = region(&h.state().game, "harbin");
    zoom_on(&mut h, harbin, 2.5);
    let d = drawn(&h);
    assert!(d.stacks.len() >= 5, "{} stacks", d.stacks.len());
    let rects: Vec<Rect> = d.stacks.iter().map(|s| s.rect).collect();
    assert_eq!(overlapping(&rects), None, "counters overlap");
    let game = &h.state().game;
    let s = &game.scenario;
    for st in &d.stacks {
        // The symbol is the strongest formation's arm; men add up.
        let here: Vec<_> = game
            .view
            .at(st.region)
            .filter(|f| f.info.faction == st.faction)
            .collect();
        let top = here
            .iter()
            .max_by(|a, b| a.strength.men.total_cmp(&b.strength.men))
            .expect("a formation");
        assert_eq!(st.arm, s.formation_types[top.info.kind].arm);
        assert_eq!(st.count, here.len());
        let men: f64 = here.iter().map(|f| f.strength.men).sum();
        assert!((st.men - men).abs() < 1e-6, "no fog: true strength");
    }
    // Every arm in the field and every side on the map is in the key.
    let fog = Fog::of(game);
    let key = symbols::key_items(game, &fog);
    for f in &game.view.formations {
        let arm = s.formation_types[f.info.kind].arm;
        assert!(key.contains(&KeyItem::Arm(arm)), "{arm:?} in the key");
        assert!(key.contains(&KeyItem::Faction(f.info.faction.ix())));
    }
    for c in &game.view.control {
        assert!(key.contains(&KeyItem::Faction(c.ix())));
    }
    assert!(key.contains(&KeyItem::Front));
    for t in [
        Terrain::Mountain,
        Terrain::Marsh,
        Terrain::Taiga,
        Terrain::Steppe,
    ] {
        assert!(key.contains(&KeyItem::Terrain(t)), "{t:?} in the key");
    }
    assert!(h.state().ui.view.area.contains_rect(d.legend));
    for arm in symbols::ARMS {
        assert!(!symbols::arm_name(arm).is_empty());
    }
}

/// Clicks (or shift-clicks) at `pos`.
fn click_at(h: &mut Harness<'static, State>, pos: Pos2, modifiers: egui::Modifiers) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.event(egui::Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    h.step();
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.step();
}

/// The region with the most Soviet formations standing in it.
fn biggest_soviet_stack(game: &Game) -> RegionIx {
    let ussr = faction(game, "ussr");
    let layout = &game.layout;
    RegionIx::all(game.view.at_region.len())
        .filter(|r| !layout.in_inset[r.ix()])
        .max_by_key(|&r| game.view.at(r).filter(|f| f.info.faction == ussr).count())
        .expect("a region")
}

#[test]
fn a_click_fans_a_stack_out_shift_click_adds_and_a_box_selects_several() {
    let mut h = harness(spectator_game());
    let r = biggest_soviet_stack(&h.state().game);
    let ussr = faction(&h.state().game, "ussr");
    assert!(
        h.state()
            .game
            .view
            .at(r)
            .filter(|f| f.info.faction == ussr)
            .count()
            >= 3
    );
    zoom_on(&mut h, r, 4.0);
    let stack = drawn(&h)
        .stacks
        .into_iter()
        .find(|s| s.region == r && s.faction == ussr)
        .expect("the Soviet stack is drawn");

    // A click on the stack: its strongest formation, and the stack fans out.
    click_at(&mut h, stack.rect.center(), egui::Modifiers::NONE);
    let first = match h.state().ui.selection {
        Selection::Formation(seq) => seq,
        other => panic!("a click on a stack selects a formation, not {other:?}"),
    };
    let strongest = h
        .state()
        .game
        .view
        .at(r)
        .filter(|f| f.info.faction == ussr)
        .max_by(|a, b| a.strength.men.total_cmp(&b.strength.men))
        .unwrap()
        .seq
        .0;
    assert_eq!(first, strongest);
    let group = select::get(&h.ctx, h.state().ui.selection);
    assert_eq!(group.fanned, Some((r, ussr)), "the stack is fanned out");

    // The fan's rows lie under the counter: a click on the third picks it.
    let (size, _) = map::counters::counter_size(h.state().ui.view.zoom);
    let row = |i: usize| {
        stack.rect.left_bottom() + vec2(30.0, 3.0 + (size.y + 2.0) * i as f32 + size.y * 0.5)
    };
    let members: Vec<u32> = {
        let game = &h.state().game;
        map::counters::fan_members(game, &Fog::of(game), r, ussr)
            .iter()
            .map(|f| f.seq.0)
            .collect()
    };
    click_at(&mut h, row(2), egui::Modifiers::NONE);
    assert_eq!(h.state().ui.selection, Selection::Formation(members[2]));
    assert_eq!(select::selected(&h.ctx), vec![members[2]]);

    // Shift-click adds the second.
    click_at(&mut h, row(1), egui::Modifiers::SHIFT);
    assert_eq!(select::selected(&h.ctx), vec![members[2], members[1]]);
    assert_eq!(h.state().ui.selection, Selection::Formation(members[2]));

    // A shift-drag box around the region selects every formation in it.
    let p = {
        let s = h.state();
        s.ui.view.to_screen(s.ui.view.area, s.game.layout.pos[r])
    };
    let (from, to) = (
        p - vec2(60.0, 40.0),
        stack.rect.right_bottom() + vec2(8.0, 4.0),
    );
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    h.event(egui::Event::PointerMoved(from));
    h.step();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::SHIFT,
    });
    h.step();
    for k in 1..=6 {
        h.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 6.0),
        ));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::SHIFT,
    });
    h.step();
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run_steps(2);
    let chosen = select::selected(&h.ctx);
    for m in &members {
        assert!(chosen.contains(m), "the box holds {m}: {chosen:?}");
    }
    assert!(
        matches!(h.state().ui.selection, Selection::Formation(s) if chosen.contains(&s)),
        "the window's selection is one of them"
    );
    assert_eq!(
        h.state().ui.view.center,
        h.state().game.layout.pos[r],
        "a shift-drag does not pan"
    );
}

#[test]
fn fog_of_war_hides_unseen_enemies_and_shows_estimates() {
    let game = crate::ussr_player_game();
    let fog = Fog::of(&game);
    let cat = game.catalog();
    let ussr = faction(&game, "ussr");
    assert!(fog.observer.is_some());
    let own_bloc = cat.bloc_of(ussr);
    let theirs: Vec<_> = game
        .view
        .formations
        .iter()
        .filter(|f| cat.bloc_of(f.info.faction) != own_bloc && f.location.region().is_some())
        .collect();
    let (seen, unseen): (Vec<&FormationView>, Vec<&FormationView>) =
        theirs.iter().copied().partition(|f| fog.sees(f));
    assert!(!seen.is_empty(), "enemies next to Soviet ground are seen");
    assert!(!unseen.is_empty(), "enemies deep in their own rear are not");
    for f in &unseen {
        let r = f.location.region().unwrap();
        assert!(!fog.sees_region(r));
        assert_ne!(cat.bloc_of(game.view.control[r.ix()]), own_bloc);
        assert!(
            cat.edges[r.ix()]
                .iter()
                .all(|e| cat.bloc_of(game.view.control[e.to.ix()]) != own_bloc),
            "{} is next to Soviet ground yet unseen",
            f.info.name
        );
    }
    // The estimate is the simulation's own intelligence factor for the USSR's view of Japan.
    let japan = faction(&game, "japan");
    let perception = game
        .sim
        .world()
        .resource::<pact::sim::state::Perception>()
        .0
        .get(&(ussr, japan))
        .copied()
        .expect("the scenario gives a Soviet estimate of Japan");
    let f = seen
        .iter()
        .find(|f| f.info.faction == japan)
        .expect("a Japanese formation in sight");
    assert!((fog.men(f) - f.strength.men * perception.0).abs() < 1e-6);
    assert!(fog.estimated(f));

    // The map draws the seen ones only, at the estimate.
    let mut h = harness(game);
    h.run_steps(3);
    h.state_mut().ui.view.zoom = h.state().ui.view.fit * 1.5;
    h.run_steps(2);
    let d = drawn(&h);
    let game = &h.state().game;
    let fog = Fog::of(game);
    for st in d.stacks.iter().filter(|s| !fog.own(s.faction)) {
        assert!(fog.sees_region(st.region), "an unseen stack is drawn");
        assert!(st.estimated);
        let believed: f64 = game
            .view
            .at(st.region)
            .filter(|f| f.info.faction == st.faction)
            .map(|f| fog.men(f))
            .sum();
        assert!((st.men - believed).abs() < 1e-6);
    }
    for f in unseen_regions(game, &fog) {
        assert!(
            !d.stacks.iter().any(|s| s.region == f),
            "nothing drawn in unseen {f}"
        );
    }
}

fn unseen_regions(game: &Game, fog: &Fog) -> Vec<RegionIx> {
    RegionIx::all(game.view.control.len())
        .filter(|&r| !fog.sees_region(r))
        .collect()
}

#[test]
fn terrain_is_told_apart_by_tint_and_marks() {
    let game = spectator_game();
    let land = Land::load();
    let geo = Geometry::build(&game.scenario, &game.layout, &land);
    let tints: Vec<Color32> = [
        Terrain::Mountain,
        Terrain::Marsh,
        Terrain::Taiga,
        Terrain::Steppe,
        Terrain::Plain,
    ]
    .iter()
    .map(|&t| territory::terrain_tint(t))
    .collect();
    for i in 0..tints.len() {
        for j in i + 1..tints.len() {
            assert_ne!(tints[i], tints[j]);
        }
    }
    for t in [
        Terrain::Mountain,
        Terrain::Marsh,
        Terrain::Taiga,
        Terrain::Steppe,
    ] {
        let r = game
            .scenario
            .regions
            .iter()
            .position(|r| r.terrain == t)
            .map(RegionIx::at)
            .expect("a region of that terrain");
        let v = geo
            .vertex_region
            .iter()
            .position(|&x| x == r)
            .unwrap_or_else(|| panic!("{t:?} region {r} has ground"));
        assert_eq!(geo.terrain[v], territory::terrain_tint(t));
        assert!(geo.marks.iter().any(|m| m.terrain == t), "{t:?} has marks");
    }
    // Marks keep about the same screen density: fewer per map unit when zoomed out.
    assert!(pact::gui::map::hatch::stride(5.0) > pact::gui::map::hatch::stride(80.0));
    let _ = Hit::Region(RegionIx::at(0));
}

/// The two small battles (1938, 1939) are offered on the start screen, start,
/// and open on their own ground: the window frames their regions rather than
/// the whole Far East, so their places are named and their counters stand
/// apart across the map, and the Khalkhin Gol game runs to its end.
#[test]
fn the_small_battles_are_offered_and_open_on_their_own_ground() {
    let mut st = pact::gui::start::StartScreen::scan(None, Vec::new());
    for file in ["khasan_1938.ron", "khalkhin_gol_1939.ron"] {
        st.selected = st
            .candidates
            .iter()
            .position(|c| c.path.ends_with(file))
            .expect("offered on the start screen");
        st.reset_controllers();
        let game = st.start().expect("starts");
        let regions = game.scenario.regions.len();
        let mut h = harness(game);
        h.run_steps(3);
        let d = drawn(&h);
        assert!(
            d.labels.len() * 2 >= regions,
            "{file}: {} of {regions} places named",
            d.labels.len()
        );
        // Every place on screen, and together they fill much of the map.
        let (v, pos) = (h.state().ui.view, &h.state().game.layout.pos);
        let spots: Vec<Pos2> = pos.iter().map(|&p| v.to_screen(v.area, p)).collect();
        assert!(
            spots.iter().all(|p| v.area.contains(*p)),
            "{file}: all in sight"
        );
        let spread = Rect::from_points(&spots);
        assert!(
            spread.width() > v.area.width() / 3.0 || spread.height() > v.area.height() / 3.0,
            "{file}: the places spread over the map, {spread:?} in {:?}",
            v.area
        );
        if file == "khalkhin_gol_1939.ron" {
            let s = h.state_mut();
            while !s.game.sim.finished() {
                s.game.step();
            }
            h.run_steps(2);
            assert!(h.state().game.sim.ledger().outcome("encircled").is_some());
        }
    }
}
