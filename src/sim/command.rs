//! Orders as data: what a formation has been told to do. Every order, whoever
//! gives it (an orders file, the window, later the AI), goes through one
//! check, [`give_order`], which refuses it with a reason in words or makes it
//! the formation's [`FormationOrder`]. Formations follow their order each day
//! ([`follow_orders`]); a formation without one behaves as it always did: it
//! follows its axis or its faction's plan (`orders.rs`), or holds.
//!
//! Dated orders not yet due wait on the [`PlayerDesk`] (part of the saved and
//! checksummed state) and are given at the start of their day's orders phase
//! ([`give_due_orders`]); a refusal then is a chronicle line, not an error.

use super::catalog::{Catalog, Edge, FactionIx, RegionIx};
use super::chronicle::{Chronicle, Kind};
use super::paths::Paths;
use super::rail;
use super::roster::{Roster, in_roster_order};
use super::state::*;
use super::terrain;
use crate::date::Date;
use crate::scenario::Posture;
use bevy::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// An order as written in an orders file: regions by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// March to a region over the side's own ground; posture unchanged.
    MoveTo(String),
    /// March on a region held by an enemy, fighting through enemy ground; posture attack.
    Attack(String),
    /// Stay where it stands (or where its current march ends); posture defend.
    Hold,
    /// Fall back to a region over the side's own ground; posture defend.
    WithdrawTo(String),
    /// Entrain for a region over the side's own railways.
    RailTo(String),
    /// Stay where it stands, held back (posture reserve).
    Reserve,
}

impl Order {
    /// The region the order names, if any.
    pub fn region(&self) -> Option<&str> {
        match self {
            Order::MoveTo(r) | Order::Attack(r) | Order::WithdrawTo(r) | Order::RailTo(r) => {
                Some(r)
            }
            Order::Hold | Order::Reserve => None,
        }
    }

    fn verb(&self) -> &'static str {
        match self {
            Order::MoveTo(_) => "move to",
            Order::Attack(_) => "attack",
            Order::Hold => "hold",
            Order::WithdrawTo(_) => "withdraw to",
            Order::RailTo(_) => "go by rail to",
            Order::Reserve => "stand in reserve",
        }
    }
}

/// One dated order for one formation: a line of an orders file, and what the desk keeps until its day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedOrder {
    /// The day it is given (at the start of that day's orders phase).
    pub date: Date,
    /// The faction giving it (default: the formation's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faction: Option<String>,
    /// Formation id.
    pub formation: String,
    pub order: Order,
}

/// An order a formation is following, regions resolved.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Standing {
    MoveTo(RegionIx),
    Attack(RegionIx),
    /// Holding since that day (the days in place, for digging in).
    Hold {
        since: Date,
    },
    WithdrawTo(RegionIx),
    RailTo(RegionIx),
    Reserve,
}

impl Standing {
    /// The region it aims at, if any.
    pub fn target(&self) -> Option<RegionIx> {
        match *self {
            Standing::MoveTo(r)
            | Standing::Attack(r)
            | Standing::WithdrawTo(r)
            | Standing::RailTo(r) => Some(r),
            Standing::Hold { .. } | Standing::Reserve => None,
        }
    }
}

/// A formation's explicit order; none: it follows its axis or plan as before.
///
/// Written as the [`Standing`] itself, and not at all when there is none (a
/// save's record skips it; the checksum hashes nothing), so runs without
/// orders keep the checksums they always had.
#[derive(Component, Clone, Copy, Debug, Default, PartialEq)]
pub struct FormationOrder(pub Option<Standing>);

impl FormationOrder {
    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }
}

impl Serialize for FormationOrder {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            None => s.serialize_unit(),
            Some(o) => o.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for FormationOrder {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Standing::deserialize(d).map(|o| FormationOrder(Some(o)))
    }
}

/// Why an order was refused, in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    UnknownFaction(String),
    UnknownFormation(String),
    UnknownRegion(String),
    /// Known to the scenario but not on the map now: destroyed, or not yet arrived.
    NotInField(String),
    NotYours {
        formation: String,
        faction: String,
    },
    /// A garrison never leaves its region.
    Garrison(String),
    /// On a train, it cannot entrain again.
    Travelling(String),
    /// Moves and withdrawals go to ground the side holds; attacks to ground an enemy holds.
    WrongGround {
        formation: String,
        region: String,
        why: &'static str,
    },
    NoRoute {
        formation: String,
        region: String,
        over: &'static str,
    },
    NoFuel {
        formation: String,
        has: f64,
        needs: f64,
    },
    OutOfSupply {
        formation: String,
        has: f64,
        needs: f64,
    },
    NoRail {
        formation: String,
        region: String,
    },
    NoRailCapacity {
        formation: String,
        region: String,
    },
    AlreadyThere {
        formation: String,
        region: String,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::UnknownFaction(x) => write!(f, "there is no faction `{x}`"),
            Refusal::UnknownFormation(x) => write!(f, "there is no formation `{x}`"),
            Refusal::UnknownRegion(x) => write!(f, "there is no region `{x}`"),
            Refusal::NotInField(x) => {
                write!(f, "{x} is not in the field (destroyed, or not yet arrived)")
            }
            Refusal::NotYours { formation, faction } => {
                write!(f, "{formation} does not take orders from {faction}")
            }
            Refusal::Garrison(x) => write!(f, "{x} is a garrison and never leaves its region"),
            Refusal::Travelling(x) => write!(f, "{x} is on a train already"),
            Refusal::WrongGround {
                formation,
                region,
                why,
            } => write!(f, "{formation} cannot go to {region}: {why}"),
            Refusal::NoRoute {
                formation,
                region,
                over,
            } => write!(f, "{formation} has no route to {region} over {over}"),
            Refusal::NoFuel {
                formation,
                has,
                needs,
            } => write!(
                f,
                "{formation} has fuel for {:.0}% and needs {:.0}% to set off",
                has * 100.0,
                needs * 100.0
            ),
            Refusal::OutOfSupply {
                formation,
                has,
                needs,
            } => write!(
                f,
                "{formation} is out of supply ({:.0}%, needs {:.0}% to attack)",
                has * 100.0,
                needs * 100.0
            ),
            Refusal::NoRail { formation, region } => write!(
                f,
                "{formation} has no rail link through its side's ground to {region}"
            ),
            Refusal::NoRailCapacity { formation, region } => write!(
                f,
                "{formation} cannot go by rail to {region}: a line on the way carries no trains"
            ),
            Refusal::AlreadyThere { formation, region } => {
                write!(f, "{formation} is in {region} already")
            }
        }
    }
}

/// Which ground a march may cross.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ground {
    /// Only regions the side holds.
    Own,
    /// The side's and its enemies' (at war).
    Contested,
}

impl Ground {
    fn words(self) -> &'static str {
        match self {
            Ground::Own => "ground its side holds",
            Ground::Contested => "its side's or enemy ground",
        }
    }
}

/// The march from `from` to `to` over `ground`, cheapest in days as the plan reckons them.
fn march_route(
    cat: &Catalog,
    diplo: &Diplomacy,
    control: &Control,
    bloc: FactionIx,
    ground: Ground,
    from: RegionIx,
    to: RegionIx,
) -> Option<Vec<Edge>> {
    let p = &cat.scenario.params.movement;
    let passable = |r| {
        let owner = control.owner_bloc(cat, r);
        owner == bloc || (ground == Ground::Contested && diplo.at_war(owner, bloc))
    };
    let step = |r: RegionIx, e: &Edge| {
        let speed = terrain::link(&p.links, e.kind)
            * terrain::terrain(&p.terrain, cat.scenario.regions[r].terrain);
        passable(e.to).then(|| e.km / speed.max(0.05))
    };
    Paths::search(&cat.edges, [from], Some(to), step).route(to)
}

/// "1st Rifle (r1)": how a formation is named in refusals.
fn named(info: &FormationInfo) -> String {
    format!("{} ({})", info.name, info.id)
}

/// An order that passed its check: what giving it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    pub entity: Entity,
    pub standing: Standing,
    pub posture: Posture,
    /// The chronicle line that records it.
    pub text: String,
    pub faction: FactionIx,
    pub region: Option<RegionIx>,
}

/// Checks an order without giving it: what it would do, or why it is refused
/// (the first half of [`give_order`], and a front end's preview).
pub fn check_order(
    world: &World,
    faction: &str,
    formation: &str,
    order: &Order,
    date: Date,
) -> Result<Accepted, Refusal> {
    let cat = world.resource::<Catalog>();
    let Some(e) = world.resource::<Roster>().get(formation) else {
        let known = cat.scenario.formations.iter().any(|f| f.id == formation)
            || crate::scenario::check::all_effects(&cat.scenario)
                .any(|fx| matches!(fx, crate::scenario::Effect::Spawn(f) if f.id == formation));
        return Err(if known {
            Refusal::NotInField(formation.to_string())
        } else {
            Refusal::UnknownFormation(formation.to_string())
        });
    };
    let (Some(info), Some(strength), Some(posture), Some(sup), Some(loc)) = (
        world.get::<FormationInfo>(e),
        world.get::<Strength>(e),
        world.get::<FormationPosture>(e),
        world.get::<Supply>(e),
        world.get::<Location>(e),
    ) else {
        return Err(Refusal::NotInField(formation.to_string()));
    };
    let name = named(info);
    if strength.men <= 0.0 {
        return Err(Refusal::NotInField(name));
    }
    let Some(issuer) = cat.faction(faction) else {
        return Err(Refusal::UnknownFaction(faction.to_string()));
    };
    // A faction commands its own formations and those of allies fighting under it.
    if issuer != info.faction && cat.bloc_of(info.faction) != issuer {
        return Err(Refusal::NotYours {
            formation: name,
            faction: cat.scenario.factions[issuer].name.clone(),
        });
    }
    let target = match order.region() {
        Some(id) => Some(
            cat.region(id)
                .ok_or_else(|| Refusal::UnknownRegion(id.to_string()))?,
        ),
        None => None,
    };
    let moves = !matches!(order, Order::Hold | Order::Reserve);
    if moves && posture.0 == Posture::Garrison {
        return Err(Refusal::Garrison(name));
    }
    let bloc = cat.bloc_of(info.faction);
    // Where the formation will stand when it next can set off.
    let here = match loc {
        Location::At(r) => *r,
        Location::March(m) => m.to,
        Location::Rail(trip) => trip.to,
    };
    let standing_now = matches!(loc, Location::At(_));
    let (diplo, control) = (world.resource::<Diplomacy>(), world.resource::<Control>());
    let region_name = |r: RegionIx| cat.scenario.regions[r].name.clone();
    let owner = |r: RegionIx| control.owner_bloc(cat, r);
    let (standing, new_posture) = match (order, target) {
        (Order::Hold, _) => (Standing::Hold { since: date }, Posture::Defend),
        (Order::Reserve, _) => (Standing::Reserve, Posture::Reserve),
        (Order::RailTo(_), Some(t)) => {
            let Location::At(from) = *loc else {
                return Err(Refusal::Travelling(name));
            };
            if from == t {
                return Err(Refusal::AlreadyThere {
                    formation: name,
                    region: region_name(t),
                });
            }
            let Some((route, _)) = cat.rail_route(from, t, |r| owner(r) == bloc) else {
                return Err(Refusal::NoRail {
                    formation: name,
                    region: region_name(t),
                });
            };
            if route.iter().any(|&l| cat.rail_capacity[l] < 1.0) {
                return Err(Refusal::NoRailCapacity {
                    formation: name,
                    region: region_name(t),
                });
            }
            (Standing::RailTo(t), posture.0)
        }
        (Order::MoveTo(_) | Order::WithdrawTo(_) | Order::Attack(_), Some(t)) => {
            let attack = matches!(order, Order::Attack(_));
            if attack && !diplo.at_war(owner(t), bloc) {
                return Err(Refusal::WrongGround {
                    formation: name,
                    region: region_name(t),
                    why: "it is not held by an enemy at war with its side",
                });
            }
            if !attack && owner(t) != bloc {
                return Err(Refusal::WrongGround {
                    formation: name,
                    region: region_name(t),
                    why: "its side does not hold it (order an attack to take it)",
                });
            }
            if here == t && standing_now {
                return Err(Refusal::AlreadyThere {
                    formation: name,
                    region: region_name(t),
                });
            }
            let ground = if attack {
                Ground::Contested
            } else {
                Ground::Own
            };
            let Some(route) = march_route(cat, diplo, control, bloc, ground, here, t) else {
                return Err(Refusal::NoRoute {
                    formation: name,
                    region: region_name(t),
                    over: ground.words(),
                });
            };
            let halt = cat.scenario.params.supply.halt_below;
            let rate = cat.fuel_rate[info.kind];
            // A motorised formation sets off only with fuel for its first leg
            // (or a day's march of it) over the reserve at which it halts.
            if standing_now
                && rate > 0.0
                && let Some(first) = route.first()
            {
                let speed = cat.scenario.formation_types[info.kind].speed_km.max(1.0);
                let needs = rate * (first.km / speed).min(1.0) + halt;
                if sup.0 + 1e-9 < needs {
                    return Err(Refusal::NoFuel {
                        formation: name,
                        has: sup.0,
                        needs,
                    });
                }
            }
            if attack && rate == 0.0 && sup.0 < halt {
                return Err(Refusal::OutOfSupply {
                    formation: name,
                    has: sup.0,
                    needs: halt,
                });
            }
            match order {
                Order::Attack(_) => (Standing::Attack(t), Posture::Attack),
                Order::WithdrawTo(_) => (Standing::WithdrawTo(t), Posture::Defend),
                _ => (Standing::MoveTo(t), posture.0),
            }
        }
        // Every order naming a region has one by now.
        (_, None) => return Err(Refusal::UnknownRegion(String::new())),
    };
    let new_posture = if posture.0 == Posture::Garrison {
        Posture::Garrison
    } else {
        new_posture
    };
    let text = match target {
        Some(t) => format!(
            "{} ordered to {} {}",
            info.name,
            order.verb(),
            region_name(t)
        ),
        None => format!("{} ordered to {}", info.name, order.verb()),
    };
    Ok(Accepted {
        entity: e,
        standing,
        posture: new_posture,
        text,
        faction: info.faction,
        region: target,
    })
}

/// Checks an order ([`check_order`]) and, if it can be carried out, makes it
/// the formation's order, recorded in the chronicle (a rail order entrains at
/// once). The one way in for every source of orders.
pub fn give_order(
    world: &mut World,
    faction: &str,
    formation: &str,
    order: &Order,
    date: Date,
) -> Result<(), Refusal> {
    let ok = check_order(world, faction, formation, order, date)?;
    let standing_now = matches!(world.get::<Location>(ok.entity), Some(Location::At(_)));
    world.entity_mut(ok.entity).insert((
        FormationOrder(Some(ok.standing)),
        FormationPosture(ok.posture),
    ));
    let today = world.resource::<Calendar>().today;
    Catalog::with(world, |world, cat| {
        {
            let mut chronicle = world.resource_mut::<Chronicle>();
            let entry = chronicle.add(today, Kind::Order, ok.text);
            entry.faction(cat.faction_id(ok.faction));
            if let Some(t) = ok.region {
                entry.region(cat.region_id(t));
            }
        }
        if let (Standing::RailTo(t), true) = (ok.standing, standing_now) {
            rail::order(world, cat, ok.entity, t);
        }
    });
    Ok(())
}

/// The chain of command under formation `id`: itself and every formation in
/// the field whose `parent`s lead up to it (a front's armies and their
/// divisions), in roster order. Ordering a headquarters orders them all.
pub fn command_of(world: &World, id: &str) -> Vec<String> {
    let infos = formation_infos(world);
    (world.resource::<Roster>().entities())
        .filter_map(|e| world.get::<FormationInfo>(e))
        .filter(|i| i.id == id || superiors(&infos, i).any(|p| p.id == id))
        .map(|i| i.id.clone())
        .collect()
}

/// Every formation in the field by id.
pub fn formation_infos(world: &World) -> BTreeMap<&str, &FormationInfo> {
    (world.resource::<Roster>().entities())
        .filter_map(|e| world.get::<FormationInfo>(e))
        .map(|i| (i.id.as_str(), i))
        .collect()
}

/// A formation's headquarters up the chain of command, nearest first.
pub fn superiors<'a>(
    infos: &'a BTreeMap<&str, &'a FormationInfo>,
    info: &'a FormationInfo,
) -> impl Iterator<Item = &'a FormationInfo> {
    let mut at = info.parent.as_deref();
    // Bounded: a chain of parents cannot be longer than the roster.
    (0..infos.len()).map_while(move |_| {
        let p = *infos.get(at?)?;
        at = p.parent.as_deref();
        Some(p)
    })
}

/// The regions a formation's standing order takes it through, in order: from
/// where it stands (or the leg it is on) to its target, by the way it would
/// march today, or its train's way. Empty for an order without a target (or
/// no way there now): what a front end draws as the order's arrow.
pub fn order_route(world: &World, e: Entity) -> Vec<RegionIx> {
    let (Some(info), Some(FormationOrder(Some(standing))), Some(loc)) = (
        world.get::<FormationInfo>(e),
        world.get::<FormationOrder>(e),
        world.get::<Location>(e),
    ) else {
        return Vec::new();
    };
    let Some(t) = standing.target() else {
        return Vec::new();
    };
    let cat = world.resource::<Catalog>();
    let (mut path, here) = match loc {
        Location::At(r) => (vec![*r], *r),
        Location::March(m) => (vec![m.from, m.to], m.to),
        Location::Rail(trip) => {
            // The train's own way, link by link.
            let mut path = vec![trip.from];
            let mut at = trip.from;
            for &l in &trip.route {
                let link = &cat.scenario.links[l];
                let (Some(a), Some(b)) = (cat.region(&link.from), cat.region(&link.to)) else {
                    break;
                };
                at = if a == at { b } else { a };
                path.push(at);
            }
            return path;
        }
    };
    if here == t {
        return path;
    }
    let ground = if matches!(standing, Standing::Attack(_)) {
        Ground::Contested
    } else {
        Ground::Own
    };
    let (diplo, control) = (world.resource::<Diplomacy>(), world.resource::<Control>());
    let bloc = cat.bloc_of(info.faction);
    match march_route(cat, diplo, control, bloc, ground, here, t) {
        Some(route) => {
            path.extend(route.iter().map(|e| e.to));
            path
        }
        None => Vec::new(),
    }
}

/// A scripted move (a teleport, a rail transfer) replaces a formation's march
/// order: the script has taken it elsewhere, and it is not to march back.
/// Call after the move, with the location before it.
pub fn scripted_move(world: &mut World, e: Entity, before: Option<Location>) {
    if world.get::<Location>(e) == before.as_ref() {
        return;
    }
    if let Some(mut o) = world.get_mut::<FormationOrder>(e)
        && o.0.is_some_and(|s| s.target().is_some())
    {
        o.0 = None;
    }
}

/// Gives the desk's orders due today (or overdue), in the order they were
/// queued; a refusal is written in the chronicle with its reason.
pub fn give_due_orders(world: &mut World) {
    let today = world.resource::<Calendar>().today;
    let due: Vec<DatedOrder> = {
        let mut desk = world.resource_mut::<PlayerDesk>();
        if desk.orders.is_empty() {
            return;
        }
        let (due, later) = std::mem::take(&mut desk.orders)
            .into_iter()
            .partition(|o| o.date <= today);
        desk.orders = later;
        due
    };
    for o in due {
        let faction = match &o.faction {
            Some(f) => f.clone(),
            None => {
                let cat = world.resource::<Catalog>();
                world
                    .resource::<Roster>()
                    .get(&o.formation)
                    .and_then(|e| world.get::<FormationInfo>(e))
                    .map(|i| cat.faction_id(i.faction).to_string())
                    .unwrap_or_default()
            }
        };
        if let Err(why) = give_order(world, &faction, &o.formation, &o.order, o.date) {
            let text = format!(
                "Order to {} to {} refused: {why}",
                o.formation,
                match o.order.region() {
                    Some(r) => format!("{} {r}", o.order.verb()),
                    None => o.order.verb().to_string(),
                }
            );
            let mut chronicle = world.resource_mut::<Chronicle>();
            let entry = chronicle.add(today, Kind::Order, text);
            if !faction.is_empty() {
                entry.faction(&faction);
            }
        }
    }
}

/// Formations with a march order set out on its next leg; arrivals hold.
pub fn follow_orders(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    diplo: Res<Diplomacy>,
    control: Res<Control>,
    mut chronicle: ResMut<Chronicle>,
    mut q: Query<(
        &FormationInfo,
        &Supply,
        &mut FormationOrder,
        &mut Location,
        &FormationSeq,
        Entity,
    )>,
) {
    let today = cal.today;
    let halt = cat.scenario.params.supply.halt_below;
    // Only a formation standing with an order has one to follow.
    let ordered = (q.iter())
        .filter(|(_, _, order, loc, ..)| order.0.is_some() && matches!(loc, Location::At(_)))
        .map(|(.., &seq, e)| (seq, e));
    for (_, e) in in_roster_order(ordered) {
        let Ok((info, supply, mut order, mut loc, ..)) = q.get_mut(e) else {
            continue;
        };
        let (Some(standing), Location::At(r)) = (order.0, &*loc) else {
            continue;
        };
        let r = *r;
        let Some(t) = standing.target() else {
            continue;
        };
        let bloc = cat.bloc_of(info.faction);
        let enemy = |x: RegionIx| diplo.at_war(control.owner_bloc(&cat, x), bloc);
        let attack = matches!(standing, Standing::Attack(_));
        if r == t {
            // An attack is done once the ground is taken; until then it fights there.
            if attack && enemy(t) {
                continue;
            }
            let text = format!(
                "{} reaches {} as ordered and holds",
                info.name, cat.scenario.regions[t].name
            );
            chronicle.tell(&cat, today, Kind::Order, text, (info.faction, t));
            order.0 = Some(Standing::Hold { since: today });
            continue;
        }
        if matches!(standing, Standing::RailTo(_)) {
            // Off the train short of its goal (or never entrained): it holds where it is.
            order.0 = Some(Standing::Hold { since: today });
            continue;
        }
        // An attacker in ground the enemy still holds fights there first; one out of supply waits.
        if attack && (enemy(r) || supply.0 < halt) {
            continue;
        }
        let ground = if attack {
            Ground::Contested
        } else {
            Ground::Own
        };
        let Some(step) = march_route(&cat, &diplo, &control, bloc, ground, r, t)
            .and_then(|v| v.first().copied())
        else {
            let text = format!(
                "{} can no longer reach {} over {} and holds",
                info.name,
                cat.scenario.regions[t].name,
                ground.words()
            );
            chronicle.tell(&cat, today, Kind::Order, text, (info.faction, r));
            order.0 = Some(Standing::Hold { since: today });
            continue;
        };
        *loc = Location::march(r, step.to, step.link, step.km);
    }
}
