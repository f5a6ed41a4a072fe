//! The running game: a [`Simulation`] (the source of truth), the scenario
//! file it came from, and what the window derives from it once per simulated
//! day (a flat view of formations for drawing, the plotted series).

use super::PlayOptions;
use super::map::MapLayout;
use super::plots::Series;
use crate::date::Date;
use crate::files::{Origin, Resumed};
use crate::replay::{Recorder, ReplayFile};
use crate::report::compare::Measurer;
use crate::scenario::Controller;
use crate::scenario::Loaded;
use crate::scenario::Scenario;
use crate::sim::catalog::{Catalog, FactionIx, RegionIx};
use crate::sim::chronicle::Kind;
use crate::sim::command::{Order, order_route};
use crate::sim::roster::{FormationRecord, Roster, record};
use crate::sim::save::SimState;
use crate::sim::state::{Calendar, Control, Diplomacy, Location, PlayerDesk, PolicyBook, Script};
use crate::sim::{Setup, Simulation};
use bevy::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The game, if one is running. Non-send: a [`Simulation`] owns a bevy `App`.
#[derive(Default)]
pub struct GameSlot(pub Option<Game>);

pub struct Game {
    pub sim: Simulation,
    /// Scenario file, mods, file hashes and setup: what a save records.
    pub origin: Origin,
    pub scenario: Arc<Scenario>,
    /// Every file the scenario was built from (overlays, mod files and
    /// manifests included): what hot reload watches.
    pub files: Vec<PathBuf>,
    /// The player's answers so far (decision id, option id), in order: a
    /// restart with an edited scenario gives them again.
    pub answers: Vec<(String, String)>,
    /// Formations and control as of the last simulated day.
    pub view: WorldView,
    pub series: Series,
    /// Where each region is drawn.
    pub layout: MapLayout,
    /// The history points as this game reaches them (the History tab).
    pub measurer: Measurer,
    /// The replay of this game so far: each day's checksums, the player's
    /// answers, and the orders given in the window (Game ▸ Save replay).
    pub recorder: Recorder,
    /// Player decisions the next day would decide without the player (its
    /// window's last day): asked before that day is simulated.
    pub ahead: Vec<usize>,
    /// What the last simulated day brought that may pause the clock.
    pub news: DayNews,
}

/// What one simulated day brought that a player may want to stop for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DayNews {
    /// Declarations of war (the chronicle's words).
    pub wars: Vec<String>,
    /// Battles begun on the map.
    pub offensives: Vec<String>,
    /// Regions a player's side held yesterday and lost today (names).
    pub lost: Vec<String>,
    /// Decisions taken (by anyone) on the day (the chronicle's words).
    pub decisions: Vec<String>,
}

/// The files a loaded scenario came from, manifests included.
pub fn source_files(loaded: &Loaded) -> Vec<PathBuf> {
    loaded
        .sources
        .iter()
        .chain(&loaded.manifests)
        .map(|s| PathBuf::from(&s.path))
        .collect()
}

impl Game {
    /// A new game of a loaded scenario (with `mods` applied) from its start.
    pub fn new(loaded: &Loaded, path: &Path, mods: &[PathBuf], setup: Setup) -> Game {
        let scenario = Arc::new(loaded.scenario.clone());
        let sim = Simulation::new(scenario.clone(), &setup);
        let origin = Origin::new(path, mods, loaded, &setup);
        Game::around(sim, origin, scenario, source_files(loaded))
    }

    /// A game resumed from a save.
    pub fn resume(r: Resumed) -> Game {
        let files = source_files(&r.loaded);
        // The simulation holds its own copy; the window reads this one.
        let scenario = Arc::new(r.loaded.scenario);
        let mut game = Game::around(r.sim, r.origin, scenario, files);
        game.recorder = Recorder::new(&game.sim, true);
        game
    }

    fn around(
        mut sim: Simulation,
        origin: Origin,
        scenario: Arc<Scenario>,
        files: Vec<PathBuf>,
    ) -> Game {
        let recorder = Recorder::new(&sim, false);
        let view = WorldView::of(&mut sim);
        let mut series = Series::default();
        series.record(&view, &sim, &scenario);
        let layout = MapLayout::new(&scenario);
        let measurer = Measurer::new(&scenario);
        let mut game = Game {
            sim,
            origin,
            scenario,
            files,
            answers: Vec::new(),
            view,
            series,
            layout,
            measurer,
            recorder,
            ahead: Vec::new(),
            news: DayNews::default(),
        };
        game.look_ahead();
        game
    }

    /// The same scenario and setup from the start.
    pub fn restarted(&self) -> Game {
        let sim = Simulation::new(self.scenario.clone(), &self.origin.setup);
        Game::around(
            sim,
            self.origin.clone(),
            self.scenario.clone(),
            self.files.clone(),
        )
    }

    /// Simulates one day and refreshes what the window derives from it.
    pub fn step(&mut self) {
        if self.sim.finished() {
            return;
        }
        self.measurer.before_day(&self.sim);
        let chronicled = self.sim.chronicle().len();
        let held_before = self.player_held();
        self.sim.step();
        self.recorder.day(&self.sim, Vec::new());
        self.measurer.after_day(&self.sim);
        self.view = WorldView::of(&mut self.sim);
        self.series.record(&self.view, &self.sim, &self.scenario);
        self.news = self.news_since(chronicled, &held_before);
        self.look_ahead();
    }

    /// Regions held by a player's side (a player's faction or its bloc).
    fn player_held(&self) -> Vec<bool> {
        let players = self.player_factions();
        let cat = self.catalog();
        let blocs: Vec<FactionIx> = players.iter().map(|&p| cat.bloc_of(p)).collect();
        self.view
            .control
            .iter()
            .map(|&f| players.contains(&f) || blocs.contains(&cat.bloc_of(f)))
            .collect()
    }

    fn news_since(&self, chronicled: usize, held_before: &[bool]) -> DayNews {
        let mut news = DayNews::default();
        for e in self.sim.chronicle().iter().skip(chronicled) {
            match e.kind {
                Kind::War if e.text.contains("declares war") => news.wars.push(e.text.clone()),
                // A battle's first day is chronicled as "Battle for …: … attacks".
                Kind::Combat if e.text.starts_with("Battle for") => {
                    news.offensives.push(e.text.clone())
                }
                Kind::Decision => news.decisions.push(e.text.clone()),
                _ => {}
            }
        }
        let held = self.player_held();
        for (r, (&was, &is)) in held_before.iter().zip(&held).enumerate() {
            if was && !is {
                news.lost.push(self.scenario.regions[r].name.clone());
            }
        }
        news
    }

    /// Finds the player decisions whose window closes on the next day and
    /// which that day will ask: the simulation takes an answer given after
    /// the day a decision is asked the next morning, so the window asks the
    /// day before and the answer counts on the decision's own day, as it
    /// would have for any other controller. A copy of the state steps the
    /// day to see what the real one will offer (conditions and chances
    /// included); only on such days, so stepping stays fast.
    fn look_ahead(&mut self) {
        self.ahead.clear();
        if self.sim.finished() {
            return;
        }
        let today = self.sim.today();
        let world = self.sim.world();
        let (diplo, policy) = (
            world.resource::<Diplomacy>(),
            world.resource::<PolicyBook>(),
        );
        let (script, desk) = (world.resource::<Script>(), world.resource::<PlayerDesk>());
        let cat = self.catalog();
        let candidates: Vec<usize> = self
            .scenario
            .decisions
            .iter()
            .enumerate()
            .filter(|(i, d)| {
                d.offered.until == Some(today)
                    && d.offered.from.is_none_or(|f| f <= today)
                    && script.decisions.get(*i).is_some_and(|t| t.is_none())
                    && !desk.answers.contains_key(i)
                    && !policy.0.contains_key(&d.id)
                    && cat
                        .faction(&d.faction)
                        .is_some_and(|f| diplo.factions[f].controller == Controller::Player)
            })
            .map(|(i, _)| i)
            .collect();
        if candidates.is_empty() {
            return;
        }
        let state = SimState::capture(world);
        let mut copy = Simulation::from_state(self.scenario.clone(), &self.origin.setup, state);
        copy.step();
        let asked = &copy.world().resource::<PlayerDesk>().waiting;
        self.ahead = candidates
            .into_iter()
            .filter(|i| asked.contains(i))
            .collect();
    }

    /// Answers a waiting player decision (scenario indices) and remembers it.
    pub fn answer(&mut self, decision: usize, option: usize) {
        self.sim.answer(decision, option);
        let cat = self.sim.world().resource::<Catalog>();
        self.recorder
            .answer(cat, self.sim.last_day(), decision, option);
        let d = &self.scenario.decisions[decision];
        self.answers
            .push((d.id.clone(), d.options[option].id.clone()));
    }

    /// Factions a player commands in this game.
    pub fn player_factions(&self) -> Vec<FactionIx> {
        let diplo = self.sim.world().resource::<Diplomacy>();
        FactionIx::all(diplo.factions.len())
            .filter(|&f| diplo.factions[f].controller == Controller::Player)
            .collect()
    }

    /// The player's faction that commands formations of `faction`: the
    /// faction itself, or the leader of its bloc, if a player controls it.
    pub fn commander(&self, faction: FactionIx) -> Option<FactionIx> {
        let players = self.player_factions();
        let bloc = self.catalog().bloc_of(faction);
        [faction, bloc].into_iter().find(|f| players.contains(f))
    }

    /// Gives formation `seq` an order from the player commanding it: checked
    /// first ([`Simulation::check_order`]); if refused, the reason in words
    /// and nothing given; if accepted, given now (recorded for replays and
    /// saved with the formation) and the view refreshed. `Ok`: what was done.
    pub fn give_order(&mut self, seq: u32, order: &Order) -> Result<String, String> {
        let Some(f) = self.view.formation(seq) else {
            return Err("that formation is no longer in the field".into());
        };
        let Some(by) = self.commander(f.info.faction) else {
            return Err(format!("{} does not take your orders", f.info.name));
        };
        let (faction, id) = (self.scenario.factions[by].id.clone(), f.info.id.clone());
        let accepted = self
            .sim
            .check_order(&faction, &id, order)
            .map_err(|why| why.to_string())?;
        self.sim
            .give_order(&faction, &id, order)
            .map_err(|why| why.to_string())?;
        self.view = WorldView::of(&mut self.sim);
        Ok(accepted.text)
    }

    /// Gives the formations `seqs` and everyone under them in the chain of
    /// command an order each (`order` says which, per formation: a move on
    /// one side's ground is an attack on the other's), each checked as by
    /// [`Game::give_order`]. `Ok` when at least one took it, saying how many
    /// and, of the rest, who refused and why.
    pub fn give_group_order(
        &mut self,
        seqs: &[u32],
        order: impl Fn(&Game, &FormationView) -> Order,
    ) -> Result<String, String> {
        let mut ids: Vec<String> = Vec::new();
        for &seq in seqs {
            if let Some(f) = self.view.formation(seq) {
                for id in self.sim.command_of(&f.info.id) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        let seqs: Vec<u32> = (self.view.formations.iter())
            .filter(|f| ids.contains(&f.info.id))
            .map(|f| f.seq.0)
            .collect();
        if let [seq] = seqs[..] {
            let f = self.view.formation(seq).cloned();
            return match f {
                Some(f) => self.give_order(seq, &order(self, &f)),
                None => Err("that formation is no longer in the field".into()),
            };
        }
        let (mut done, mut refused) = (Vec::new(), Vec::new());
        for seq in seqs {
            let Some(f) = self.view.formation(seq).cloned() else {
                continue;
            };
            match self.give_order(seq, &order(self, &f)) {
                Ok(text) => done.push(text),
                Err(why) => refused.push(why),
            }
        }
        let total = done.len() + refused.len();
        let mut text = format!("{} of {total} formations ordered", done.len());
        if let Some(first) = done.first() {
            text += &format!(" ({first}…)");
        }
        if !refused.is_empty() {
            text += &format!("; refused: {}", refused.join("; "));
        }
        if done.is_empty() { Err(text) } else { Ok(text) }
    }

    /// The replay of the game so far, as `pact replay` reads it.
    pub fn replay(&self) -> ReplayFile {
        self.recorder.finish(&self.origin, &self.sim)
    }

    pub fn catalog(&self) -> &Catalog {
        self.sim.world().resource::<Catalog>()
    }

    pub fn calendar(&self) -> Calendar {
        *self.sim.world().resource::<Calendar>()
    }

    /// Player decisions that have no answer yet (scenario indices): those
    /// offered on the last day simulated, and those the next day would
    /// otherwise decide without the player ([`Game::ahead`]).
    pub fn unanswered(&self) -> Vec<usize> {
        let desk = self.sim.world().resource::<PlayerDesk>();
        let mut out: Vec<usize> = Vec::new();
        for &d in desk.waiting.iter().chain(&self.ahead) {
            if !desk.answers.contains_key(&d) && !out.contains(&d) {
                out.push(d);
            }
        }
        out
    }

    /// The day decision `d` is asked for: the last day simulated if it was
    /// offered then, else the next day (when its window closes).
    pub fn asked_on(&self, d: usize) -> Date {
        if self.sim.waiting().contains(&d) {
            self.view.day
        } else {
            self.sim.today()
        }
    }

    pub fn faction_name(&self, f: FactionIx) -> &str {
        &self.scenario.factions[f].name
    }
}

/// One formation as the window shows it: its saved record (every component,
/// read through `Deref`) and the route its order takes.
#[derive(Clone, Debug)]
pub struct FormationView {
    pub record: FormationRecord,
    /// The regions its order takes it through (empty without a target).
    pub route: Vec<RegionIx>,
}

impl std::ops::Deref for FormationView {
    type Target = FormationRecord;
    fn deref(&self) -> &FormationRecord {
        &self.record
    }
}

/// The state the window draws, rebuilt once per simulated day (not per frame).
#[derive(Clone, Debug, Default)]
pub struct WorldView {
    /// The last day simulated (the start date before the first step).
    pub day: Date,
    /// Days simulated so far: distinguishes the start from the first day.
    pub steps: u32,
    /// In creation order (stable ids).
    pub formations: Vec<FormationView>,
    pub control: Vec<FactionIx>,
    /// Indices into `formations` standing in each region.
    pub at_region: Vec<Vec<usize>>,
}

impl WorldView {
    pub fn of(sim: &mut Simulation) -> WorldView {
        let cal = *sim.world().resource::<Calendar>();
        let control = sim.world().resource::<Control>().0.clone();
        let regions = control.len();
        let world = sim.world_mut();
        let world: &World = world;
        let roster = world.resource::<Roster>();
        let formations: Vec<FormationView> = roster
            .entities()
            .filter_map(|e| {
                let record = record(world, e)?;
                let route = if record.order.0.is_some_and(|s| s.target().is_some()) {
                    order_route(world, e)
                } else {
                    Vec::new()
                };
                Some(FormationView { record, route })
            })
            .collect();
        let mut at_region = vec![Vec::new(); regions];
        for (i, f) in formations.iter().enumerate() {
            if let Location::At(r) = f.location
                && let Some(list) = at_region.get_mut(r.ix())
            {
                list.push(i);
            }
        }
        WorldView {
            day: sim.last_day(),
            steps: cal.today.days_since(cal.start).max(0) as u32,
            formations,
            control,
            at_region,
        }
    }

    /// The formation with scenario id `id`, if it is in the field.
    pub fn by_id(&self, id: &str) -> Option<&FormationView> {
        self.formations.iter().find(|f| f.info.id == id)
    }

    pub fn formation(&self, seq: u32) -> Option<&FormationView> {
        self.formations
            .binary_search_by_key(&seq, |f| f.seq.0)
            .ok()
            .map(|i| &self.formations[i])
    }

    pub fn at(&self, r: RegionIx) -> impl Iterator<Item = &FormationView> {
        self.at_region
            .get(r.ix())
            .into_iter()
            .flatten()
            .map(|&i| &self.formations[i])
    }
}

/// Starts the game given on the command line, if any.
pub(super) fn plugin(opts: PlayOptions) -> impl Fn(&mut App) + Send + Sync + 'static {
    move |app: &mut App| {
        let game = opts
            .scenario
            .as_ref()
            .map(|(path, loaded)| Game::new(loaded, path, &opts.mods, opts.setup.clone()));
        app.insert_non_send(GameSlot(game));
    }
}
