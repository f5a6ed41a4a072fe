//! The operational AI: how a faction whose controller is `ai` fights its wars
//! on the map, with no scenario-specific code. It plans afresh each day from
//! the world as the faction sees it (enemy strength through its intelligence
//! estimate) and keeps no plan between days but the main efforts it has
//! announced. In turn:
//! 1. **Attacks.** Enemy regions on its front are weighed by their `value`
//!    and what lies behind them; the best are given the nearest formations
//!    until the local odds (after ground and works) reach `attack_odds`. The
//!    formations gather next to the target and go in together.
//! 2. **Defence.** Formations in a threatened region hold it first; then the
//!    region draws the nearest free formations, by road or from afar by
//!    rail, until the enemy's odds there fall below the ratio at which
//!    defenders give way. A region that all the help in reach cannot make
//!    good draws none; its defenders hold and make the enemy fight for it,
//!    unless they are outmatched beyond `withdraw_odds` with one way out
//!    left, which they take before it is cut.
//! 3. **The rest** follow the attack nearest to them, or wait in reserve.
//!
//! A faction that its enemies outnumber in a theatre (as it sees them) is on
//! the defensive there: it attacks only to retake ground of its own, when
//! the local odds allow.
//!
//! Staffs, air and naval formations, garrisons, formations on the move,
//! formations fighting on an abstract front, and formations with an order
//! of their own (a player's, an orders file's) are not its to move. Attacks
//! and threats stay within a theatre: a link from one theatre to another is
//! a road for reserves, not a front.

use super::catalog::{Catalog, Edge, FactionIx, RegionIx};
use super::chronicle::{Chronicle, Kind};
use super::combat;
use super::command::{FormationOrder, formation_infos, superiors};
use super::paths::Paths;
use super::rail;
use super::roster::Roster;
use super::state::*;
use super::terrain;
use crate::scenario::{Arm, Controller, LinkKind, OperationsParams, Posture};
use bevy::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A formation as the planner sees it.
struct Unit {
    e: Entity,
    id: String,
    faction: FactionIx,
    bloc: FactionIx,
    /// Where it stands, or where its march or train ends.
    place: RegionIx,
    power: f64,
    /// March speed, km a day on open ground.
    speed: f64,
    /// Trains it needs to go by rail.
    trains: u32,
    /// The faction's AI may move it: a ground formation, standing, with no
    /// order of its own, not a garrison. Staffs, air and naval formations
    /// stay where they are: they do not take or hold ground.
    movable: bool,
    /// Supplied well enough to attack.
    supplied: bool,
    /// Its command: the top headquarters above it (or its faction), id and name.
    group: (String, String),
}

/// What a formation is told today.
#[derive(Clone, Copy)]
enum Act {
    /// Set out on a link.
    March(RegionIx, Edge),
    Rail(RegionIx),
    Stay,
}

struct Move {
    e: Entity,
    act: Act,
    posture: Posture,
}

/// A faction's plan for the day: its moves, its main efforts with their odds,
/// and what it says of them.
#[derive(Default)]
struct Plan {
    moves: Vec<Move>,
    efforts: Vec<Effort>,
    aims: Vec<Aim>,
    lines: Vec<(String, RegionIx)>,
}

/// Plans for every `ai` faction at war, then carries the plans out.
pub fn run_operations(world: &mut World) {
    let plans: Vec<(FactionIx, Plan)> = Catalog::with(world, |world, cat| {
        let diplo = world.resource::<Diplomacy>();
        let at_war = |f: FactionIx| {
            let b = cat.bloc_of(f);
            diplo.wars.iter().any(|&(x, y)| x == b || y == b)
        };
        let ai: Vec<FactionIx> = FactionIx::all(diplo.factions.len())
            .filter(|&f| diplo.factions[f].controller == Controller::Ai && at_war(f))
            .collect();
        if ai.is_empty() {
            return Vec::new();
        }
        let view = View::new(world, cat);
        // Which blocs stand in each region (formations off the abstract fronts).
        let fronts = abstract_fronts(cat);
        let mut present: Vec<BTreeSet<FactionIx>> = vec![BTreeSet::new(); cat.edges.len()];
        for e in world.resource::<Roster>().entities() {
            if let (Some(info), Some(r)) = (
                world.get::<FormationInfo>(e),
                world.get::<Location>(e).and_then(|l| l.region()),
            ) && !fronts.contains(&r)
            {
                present[r].insert(cat.bloc_of(info.faction));
            }
        }
        // A plan is needed only where the bloc meets an enemy at war: in a
        // region, or across a front. Elsewhere it would be empty.
        let in_contact = |b: FactionIx| {
            let hostile = |r: RegionIx| {
                diplo.at_war(view.owner(r), b) || present[r].iter().any(|&x| diplo.at_war(x, b))
            };
            RegionIx::all(cat.edges.len())
                .filter(|&r| view.owner(r) == b || present[r].contains(&b))
                .any(|r| hostile(r) || view.front(r).any(|e| hostile(e.to)))
        };
        let ai: Vec<FactionIx> = ai
            .into_iter()
            .filter(|&f| in_contact(cat.bloc_of(f)))
            .collect();
        if ai.is_empty() {
            return Vec::new();
        }
        let units = units(world, cat);
        ai.into_iter().map(|f| (f, view.plan(&units, f))).collect()
    });
    if plans.is_empty() {
        return;
    }
    Catalog::with(world, |world, cat| {
        let today = world.resource::<Calendar>().today;
        for (f, plan) in plans {
            for m in plan.moves {
                if let Some(mut p) = world.get_mut::<FormationPosture>(m.e)
                    && p.0 != m.posture
                {
                    p.0 = m.posture;
                }
                match m.act {
                    Act::March(from, step) => {
                        let setting_out = Location::march(from, step.to, step.link, step.km);
                        world.entity_mut(m.e).insert(setting_out);
                    }
                    Act::Rail(to) => rail::order(world, cat, m.e, to),
                    Act::Stay => {}
                }
            }
            let mut chronicle = std::mem::take(&mut *world.resource_mut::<Chronicle>());
            for (text, r) in plan.lines {
                chronicle.tell(cat, today, Kind::Plan, text, (f, r));
            }
            *world.resource_mut::<Chronicle>() = chronicle;
            let mut diplo = world.resource_mut::<Diplomacy>();
            diplo.factions[f].efforts = plan.efforts;
            diplo.factions[f].aims = plan.aims;
        }
    });
}

/// The regions where abstract fronts are fought (formations there are not the map's).
fn abstract_fronts(cat: &Catalog) -> Vec<RegionIx> {
    (cat.scenario.params.fronts.iter())
        .filter_map(|f| cat.region(&f.region))
        .collect()
}

/// Every formation on the map, in roster order.
fn units(world: &World, cat: &Catalog) -> Vec<Unit> {
    let cp = &cat.scenario.params.combat;
    let fronts = abstract_fronts(cat);
    let halt = cat.scenario.params.supply.halt_below;
    let roster = world.resource::<Roster>();
    // Each formation's command: the top of its chain of command.
    let infos = formation_infos(world);
    let group = |info: &FormationInfo| match superiors(&infos, info).last() {
        Some(hq) => (hq.id.clone(), hq.name.clone()),
        None => {
            let f = &cat.scenario.factions[info.faction];
            (f.id.clone(), f.name.clone())
        }
    };
    roster
        .entities()
        .filter_map(|e| {
            let info = world.get::<FormationInfo>(e)?;
            let s = world.get::<Strength>(e)?;
            let sup = world.get::<Supply>(e)?;
            let posture = world.get::<FormationPosture>(e)?.0;
            let order = world
                .get::<FormationOrder>(e)
                .is_some_and(|o| o.0.is_some());
            let (place, standing) = match world.get::<Location>(e)? {
                Location::At(r) => (*r, true),
                Location::March(m) => (m.to, false),
                Location::Rail(trip) => (trip.to, false),
            };
            let ground = matches!(
                cat.scenario.formation_types[info.kind].arm,
                Arm::Infantry | Arm::Cavalry | Arm::Armour | Arm::Mechanised | Arm::Airborne
            );
            (s.men >= 1.0).then(|| Unit {
                e,
                id: info.id.clone(),
                faction: info.faction,
                bloc: cat.bloc_of(info.faction),
                place,
                power: combat::power(s, sup.0, cp),
                speed: cat.scenario.formation_types[info.kind].speed_km.max(1.0),
                trains: cat.scenario.formation_types[info.kind].trains,
                movable: ground
                    && standing
                    && !order
                    && posture != Posture::Garrison
                    && !fronts.contains(&place),
                supplied: sup.0 >= halt,
                group: group(info),
            })
        })
        .collect()
}

/// What every faction's plan reads: the map, who holds it, who is at war.
struct View<'a> {
    cat: &'a Catalog,
    diplo: &'a Diplomacy,
    control: &'a Control,
    perception: &'a Perception,
    rail: &'a RailCapacity,
    p: &'a OperationsParams,
    /// What ground and works multiply a defender's power by, per region.
    hold: Vec<f64>,
}

impl<'a> View<'a> {
    fn new(world: &'a World, cat: &'a Catalog) -> View<'a> {
        let cp = &cat.scenario.params.combat;
        View {
            cat,
            diplo: world.resource::<Diplomacy>(),
            control: world.resource::<Control>(),
            perception: world.resource::<Perception>(),
            rail: world.resource::<RailCapacity>(),
            p: &cat.scenario.params.operations,
            hold: cat
                .scenario
                .regions
                .iter()
                .map(|r| combat::held_power(cp, 1.0, r.terrain, r.fort))
                .collect(),
        }
    }

    fn owner(&self, r: RegionIx) -> FactionIx {
        self.control.owner_bloc(self.cat, r)
    }

    /// Links a formation can march over (the AI does not put to sea).
    fn land(&self, r: RegionIx) -> impl Iterator<Item = &Edge> + '_ {
        self.cat.edges[r]
            .iter()
            .filter(|e| self.cat.scenario.links[e.link].kind != LinkKind::Sea)
    }

    /// Land links to regions of the same theatre: the ones a front runs along.
    fn front(&self, r: RegionIx) -> impl Iterator<Item = &Edge> + '_ {
        let theatre = self.cat.theatre_of(r);
        self.land(r)
            .filter(move |e| self.cat.theatre_of(e.to) == theatre)
    }

    /// Enemy power in and next to `r`, as perceived.
    fn threat(&self, foe: &[f64], r: RegionIx) -> f64 {
        foe[r] + self.front(r).map(|e| foe[e.to]).sum::<f64>()
    }

    /// March cost from region to region over `b`'s own ground, in km of open ground.
    fn own_ground(&self, b: FactionIx) -> impl FnMut(RegionIx, &Edge) -> Option<f64> + '_ {
        move |r, e| {
            let sea = self.cat.scenario.links[e.link].kind == LinkKind::Sea;
            (!sea && self.owner(e.to) == b).then(|| self.march_km(r, e))
        }
    }

    /// A march from `r` over `e`, in km of open ground (at the going movement uses).
    fn march_km(&self, r: RegionIx, e: &Edge) -> f64 {
        let regions = &self.cat.scenario.regions;
        let speed = terrain::going(
            &self.cat.scenario.params.movement,
            e.kind,
            regions[r].terrain,
            regions[e.to].terrain,
        );
        e.km / speed.max(0.05)
    }

    /// The enemy ground behind `t`, by value, each link of depth weighing `depth_weight` less.
    fn depth_value(&self, t: RegionIx, b: FactionIx) -> f64 {
        let regions = &self.cat.scenario.regions;
        let mut seen = vec![t];
        let mut ring = vec![t];
        let mut value = 0.0;
        let mut weight = 1.0;
        for _ in 0..self.p.depth_links {
            weight *= self.p.depth_weight;
            let mut next = Vec::new();
            for &r in &ring {
                for e in self.front(r) {
                    if !seen.contains(&e.to) && self.diplo.at_war(self.owner(e.to), b) {
                        seen.push(e.to);
                        next.push(e.to);
                        value += weight * regions[e.to].value;
                    }
                }
            }
            ring = next;
        }
        value
    }

    /// Faction `f`'s plan for today.
    fn plan(&self, units: &[Unit], f: FactionIx) -> Plan {
        let cat = self.cat;
        let n = cat.edges.len();
        let b = cat.bloc_of(f);
        let regions = &cat.scenario.regions;
        let hostile = |x: FactionIx| self.diplo.at_war(x, b);
        let ours = |r: RegionIx| self.owner(r) == b;
        // Power by region: the enemy's as `f` perceives it, its own side's as it is.
        let mut foe = vec![0.0; n];
        let mut own = vec![0.0; n];
        let mut foe_speed = vec![0.0_f64; n];
        for u in units {
            if hostile(u.bloc) {
                let seen = self.perception.0.get(&(f, u.faction)).map_or(1.0, |x| x.0);
                foe[u.place] += u.power * seen;
                foe_speed[u.place] = foe_speed[u.place].max(u.speed);
            } else if u.bloc == b {
                own[u.place] += u.power;
            }
        }
        // Outnumbered in a theatre (as it sees it), it is on the defensive there:
        // it attacks only to retake its own ground.
        let mut balance: BTreeMap<&str, f64> = BTreeMap::new();
        for r in RegionIx::all(n) {
            *balance.entry(cat.theatre_of(r)).or_default() += own[r] - foe[r];
        }
        let may_attack = |t: RegionIx| balance[cat.theatre_of(t)] >= 0.0 || cat.native_bloc[t] == b;
        // Its formations free to move: those in enemy ground fight there first.
        let mine: Vec<usize> = (0..units.len())
            .filter(|&i| units[i].faction == f && units[i].movable && ours(units[i].place))
            .collect();
        let mut task: BTreeMap<usize, Task> = BTreeMap::new();
        let mut plan = Plan::default();
        let efforts = &self.diplo.factions[f].efforts;
        let committed_to = |t: RegionIx| efforts.iter().any(|e| e.target == t);

        // 1. Attacks: enemy regions on the front, or where its troops already fight.
        let mut targets: Vec<Target> = RegionIx::all(n)
            .filter(|&t| hostile(self.owner(t)) && may_attack(t))
            .filter(|&t| own[t] > 0.0 || self.front(t).any(|e| ours(e.to)))
            .map(|t| {
                let staging: Vec<RegionIx> =
                    self.front(t).map(|e| e.to).filter(|&r| ours(r)).collect();
                let paths = Paths::search(
                    &cat.edges,
                    staging.iter().copied(),
                    None,
                    self.own_ground(b),
                );
                let mut near: Vec<(f64, usize)> = mine
                    .iter()
                    .filter(|&&i| units[i].supplied)
                    .map(|&i| (paths.dist[units[i].place] / units[i].speed, i))
                    .filter(|&(d, _)| d <= self.p.horizon_days)
                    .collect();
                near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                Target {
                    t,
                    need: self.p.attack_odds * foe[t] * self.hold[t],
                    value: (regions[t].value + self.depth_value(t, b))
                        * if committed_to(t) {
                            self.p.commitment
                        } else {
                            1.0
                        },
                    near,
                    paths,
                    staging,
                    chosen: false,
                }
            })
            .collect();
        // Formations keep to the target they were sent against while it is
        // still one and within reach.
        let aims = &self.diplo.factions[f].aims;
        for (ti, tg) in targets.iter().enumerate() {
            for &(_, i) in &tg.near {
                let aimed = aims
                    .binary_search_by(|a| {
                        (a.formation.as_str(), a.target).cmp(&(units[i].id.as_str(), tg.t))
                    })
                    .is_ok();
                if aimed && !task.contains_key(&i) {
                    task.insert(i, Task::Attack(ti));
                }
            }
        }
        let mut sent: Vec<f64> = vec![0.0; targets.len()];
        for (&i, t) in &task {
            if let Task::Attack(ti) = *t {
                sent[ti] += units[i].power;
            }
        }
        loop {
            // The best target the free formations can take at the odds wanted:
            // value over the days it takes to gather them.
            let mut best: Option<(f64, usize, Vec<usize>)> = None;
            for (ti, tg) in targets.iter().enumerate().filter(|(_, tg)| !tg.chosen) {
                let mut sum = own[tg.t] + sent[ti];
                let mut picked = Vec::new();
                let mut days = 0.0;
                for &(d, i) in &tg.near {
                    if task.contains_key(&i) {
                        continue;
                    }
                    if sum >= tg.need && !picked.is_empty() {
                        break;
                    }
                    sum += units[i].power;
                    picked.push(i);
                    days = d;
                }
                if (picked.is_empty() && sent[ti] == 0.0) || sum < tg.need {
                    continue;
                }
                let score = tg.value / (1.0 + days);
                if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                    best = Some((score, ti, picked));
                }
            }
            let Some((_, ti, picked)) = best else { break };
            targets[ti].chosen = true;
            for i in picked {
                task.insert(i, Task::Attack(ti));
            }
        }

        // 2. Defence: threatened regions, the most valuable and worst covered first.
        let threat = |r: RegionIx| self.threat(&foe, r);
        let cp = &cat.scenario.params.combat;
        let needs = |r: RegionIx| threat(r) / (cp.retreat_ratio.max(0.1) * self.hold[r]);
        // What stays in each region whatever the plan: all but the formations
        // it moves; an attack going in from a region covers it too, since it
        // falls on the very enemy that threatens it.
        let mut cover = own.clone();
        for &i in &mine {
            let from_here = matches!(task.get(&i), Some(&Task::Attack(ti))
                if self.front(units[i].place).any(|e| e.to == targets[ti].t));
            if !from_here {
                cover[units[i].place] -= units[i].power;
            }
        }
        let mut threatened: Vec<RegionIx> = RegionIx::all(n)
            .filter(|&r| ours(r) && threat(r) > 0.0 && cover[r] < needs(r))
            .collect();
        threatened.sort_by(|&x, &y| {
            let gap = |r: RegionIx| regions[r].value * (1.0 - cover[r] / needs(r)).clamp(0.0, 1.0);
            gap(y).total_cmp(&gap(x)).then(x.cmp(&y))
        });
        // Those standing in a threatened region hold it before any other
        // region may draw on them.
        for &r in &threatened {
            for &i in &mine {
                if cover[r] >= needs(r) {
                    break;
                }
                if units[i].place == r && !task.contains_key(&i) {
                    task.insert(i, Task::Defend);
                    cover[r] += units[i].power;
                }
            }
        }
        // Days before the nearest enemy can be in a region: help that comes
        // later does not save it.
        let eta = |r: RegionIx| {
            (self.front(r))
                .filter(|e| foe[e.to] > 0.0)
                .map(|e| {
                    let back =
                        (self.cat.edges[e.to].iter()).find(|x| x.to == r && x.link == e.link);
                    back.map_or(0.0, |x| self.march_km(e.to, x)) / foe_speed[e.to].max(1.0)
                })
                .fold(f64::INFINITY, f64::min)
                .max(1.0)
        };
        for &r in &threatened {
            let need = needs(r);
            if cover[r] >= need {
                continue;
            }
            let eta = eta(r);
            let road = Paths::search(&cat.edges, [r], None, self.own_ground(b));
            // From afar by rail: to the station nearest the region by road, then on foot.
            let is_rail = |e: &Edge| e.kind == LinkKind::Rail && cat.rail_capacity[e.link] >= 1.0;
            let station = RegionIx::all(n)
                .filter(|&x| ours(x) && road.dist[x].is_finite())
                .filter(|&x| cat.edges[x].iter().any(is_rail))
                .min_by(|&x, &y| road.dist[x].total_cmp(&road.dist[y]).then(x.cmp(&y)));
            let rail = station.map(|st| {
                let paths = Paths::search(&cat.edges, [st], None, |_, e: &Edge| {
                    (is_rail(e) && ours(e.to)).then_some(e.km)
                });
                (st, paths)
            });
            let mut near: Vec<(f64, usize, Option<RegionIx>)> = mine
                .iter()
                .filter(|&&i| !task.contains_key(&i))
                .filter_map(|&i| {
                    let u = &units[i];
                    let march = road.dist[u.place] / u.speed;
                    let train = rail.as_ref().and_then(|(st, paths)| {
                        let km = paths.dist[u.place];
                        let capacity = bottleneck(cat, self.rail, paths, u.place);
                        let days =
                            rail::trip_days(&cat.scenario.params.rail, u.trains, capacity, km)
                                + road.dist[*st] / u.speed;
                        (*st != u.place && days.is_finite()).then_some((days, *st))
                    });
                    let (days, by_rail) = match train {
                        Some((t, st)) if march > self.p.rail_after_days && t < march => {
                            (t, Some(st))
                        }
                        _ => (march, None),
                    };
                    (days <= self.p.horizon_days.max(self.p.rail_after_days) && days <= eta)
                        .then_some((days, i, by_rail))
                })
                .collect();
            near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            // A region that all the help in reach cannot make good is not fed:
            // its defenders hold or fall back, and the help is kept for ground
            // that can be held.
            if cover[r] + near.iter().map(|&(_, i, _)| units[i].power).sum::<f64>() < need {
                continue;
            }
            for (_, i, by_rail) in near {
                if cover[r] >= need {
                    break;
                }
                cover[r] += units[i].power;
                let u = &units[i];
                let act = match by_rail {
                    Some(st) => Act::Rail(st),
                    None => step_towards(&road, u.place),
                };
                task.insert(i, Task::Reinforce(act));
            }
        }

        // 3. The rest follow the nearest attack; with none, they wait.
        for &i in &mine {
            if task.contains_key(&i) {
                continue;
            }
            let follow = targets
                .iter()
                .enumerate()
                .filter(|(_, tg)| tg.chosen)
                .filter_map(|(ti, tg)| {
                    let d = tg.paths.dist[units[i].place] / units[i].speed;
                    (d <= self.p.horizon_days && units[i].supplied).then_some((d, ti))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if let Some((_, ti)) = follow {
                task.insert(i, Task::Attack(ti));
            }
        }

        // Gathered next to each target: whether the attack goes in today.
        let mut gathered = own.iter().map(|_| 0.0).collect::<Vec<f64>>();
        let mut committed: BTreeMap<usize, f64> = BTreeMap::new();
        for (&i, task) in &task {
            if let Task::Attack(ti) = *task {
                let tg = &targets[ti];
                *committed.entry(ti).or_default() += units[i].power;
                if tg.staging.contains(&units[i].place) {
                    gathered[tg.t] += units[i].power;
                }
            }
        }

        for (&i, task) in &task {
            let u = &units[i];
            let (act, posture) = match *task {
                Task::Attack(ti) => {
                    let tg = &targets[ti];
                    let act = match self.land(u.place).find(|e| e.to == tg.t) {
                        // Next to it: in when the gathered force has the odds (or none resists).
                        Some(&e) if own[tg.t] + gathered[tg.t] >= tg.need => Act::March(u.place, e),
                        Some(_) => Act::Stay,
                        None => step_towards(&tg.paths, u.place),
                    };
                    (act, Posture::Attack)
                }
                Task::Defend => (Act::Stay, Posture::Defend),
                Task::Reinforce(act) => (act, Posture::Defend),
            };
            plan.moves.push(Move {
                e: u.e,
                act,
                posture,
            });
        }
        self.withdrawals(units, &mine, &task, &foe, &cover, b, &mut plan);

        // Each command's main effort: the target it commits most power to.
        let mut power_at: BTreeMap<(&(String, String), usize), f64> = BTreeMap::new();
        for (&i, task) in &task {
            if let Task::Attack(ti) = *task {
                *power_at.entry((&units[i].group, ti)).or_default() += units[i].power;
            }
        }
        // A command keeps the effort it announced while it still sends force there.
        let kept = |g: &str, ti: usize| {
            (efforts.iter()).any(|e| e.group == g && e.target == targets[ti].t)
        };
        let mut by_group: BTreeMap<&(String, String), (f64, usize)> = BTreeMap::new();
        for (&(g, ti), &pw) in &power_at {
            let e = by_group.entry(g).or_insert((pw, ti));
            if !kept(&g.0, e.1) && (pw > e.0 || kept(&g.0, ti)) {
                *e = (pw, ti);
            }
        }
        for ((group, name), (_, ti)) in by_group {
            let tg = &targets[ti];
            let effort = Effort {
                group: group.clone(),
                target: tg.t,
            };
            if !efforts.contains(&effort) {
                let odds = (own[tg.t] + committed.get(&ti).copied().unwrap_or(0.0))
                    / (foe[tg.t] * self.hold[tg.t]).max(1e-9);
                let odds = if foe[tg.t] > 0.0 {
                    format!("odds {odds:.1}:1")
                } else {
                    "no formed resistance seen".to_string()
                };
                plan.lines.push((
                    format!("{name}: main effort towards {}, {odds}", regions[tg.t].name),
                    tg.t,
                ));
            }
            plan.efforts.push(effort);
        }
        plan.efforts.sort();
        // Aims: today's attacks, and those of formations on their way.
        let planned: BTreeSet<usize> = mine.iter().copied().collect();
        for (i, u) in units.iter().enumerate().filter(|(_, u)| u.faction == f) {
            let target = match task.get(&i) {
                Some(&Task::Attack(ti)) => Some(targets[ti].t),
                _ if !planned.contains(&i) => (aims.iter())
                    .find(|a| a.formation == u.id && hostile(self.owner(a.target)))
                    .map(|a| a.target),
                _ => None,
            };
            if let Some(target) = target {
                plan.aims.push(Aim {
                    formation: u.id.clone(),
                    target,
                });
            }
        }
        plan.aims.sort();
        plan
    }

    /// Formations of `f` that stand where even all the help that can come
    /// leaves them outmatched beyond `withdraw_odds`, with one way out left,
    /// take it to the neighbour that can best be held; fortified works are
    /// held whatever the odds.
    #[allow(clippy::too_many_arguments)]
    fn withdrawals(
        &self,
        units: &[Unit],
        mine: &[usize],
        task: &BTreeMap<usize, Task>,
        foe: &[f64],
        cover: &[f64],
        b: FactionIx,
        plan: &mut Plan,
    ) {
        let threat = |r: RegionIx| self.threat(foe, r);
        let mut left: BTreeMap<RegionIx, RegionIx> = BTreeMap::new();
        for &i in mine {
            let u = &units[i];
            let r = u.place;
            if !matches!(task.get(&i), Some(Task::Defend) | None)
                || self.owner(r) != b
                || self.cat.scenario.regions[r].fort >= 1.0
            {
                continue;
            }
            let odds = threat(r) / (cover[r].max(u.power) * self.hold[r]);
            if odds < self.p.withdraw_odds {
                continue;
            }
            // Holding costs the enemy days; leaving only pays when the last
            // way out could be cut, and the unit with it.
            let exits = || {
                self.land(r)
                    .filter(|e| self.owner(e.to) == b && foe[e.to] == 0.0)
            };
            if exits().count() > 1 {
                continue;
            }
            let score = |x: RegionIx| (cover[x] + 1.0) * self.hold[x] / (threat(x) + 1.0);
            let Some(&to) =
                exits().max_by(|x, y| score(x.to).total_cmp(&score(y.to)).then(y.to.cmp(&x.to)))
            else {
                continue;
            };
            plan.moves.retain(|m| m.e != u.e);
            plan.moves.push(Move {
                e: u.e,
                act: Act::March(r, to),
                posture: Posture::Defend,
            });
            if left.insert(r, to.to).is_none() {
                let regions = &self.cat.scenario.regions;
                plan.lines.push((
                    format!(
                        "{} is given up: outmatched {odds:.1}:1, its defenders fall back to {}",
                        regions[r].name, regions[to.to].name
                    ),
                    r,
                ));
            }
        }
    }
}

/// An enemy region the AI may attack, and how its formations would get there.
struct Target {
    t: RegionIx,
    /// Power the attack needs at the wanted odds.
    need: f64,
    value: f64,
    /// Free formations within reach, nearest first: (days, unit).
    near: Vec<(f64, usize)>,
    /// Distances to the ground next to it.
    paths: Paths,
    staging: Vec<RegionIx>,
    chosen: bool,
}

enum Task {
    Attack(usize),
    /// Stay and hold where it stands.
    Defend,
    /// Go to a threatened region (the first leg, or the train).
    Reinforce(Act),
}

/// The least rail capacity on the way from `at` to the sources of `paths`.
fn bottleneck(cat: &Catalog, rail: &RailCapacity, paths: &Paths, mut at: RegionIx) -> f64 {
    let mut capacity = f64::INFINITY;
    // Bounded: a way back to the sources visits each region at most once.
    for _ in 0..paths.via.len() {
        let Some((prev, e)) = paths.via[at] else {
            break;
        };
        capacity = capacity.min(rail.of(cat, e.link));
        at = prev;
    }
    capacity
}

/// The next leg from `at` towards the sources of `paths` (Stay where none).
fn step_towards(paths: &Paths, at: RegionIx) -> Act {
    match paths.via[at] {
        Some((prev, e)) => Act::March(
            at,
            Edge {
                to: prev,
                link: e.link,
                km: e.km,
                kind: e.kind,
            },
        ),
        None => Act::Stay,
    }
}
