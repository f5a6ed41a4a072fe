//! Rail transfers: a formation needs a number of trains; each day a route
//! dispatches as many as its busiest link has capacity left; the last train
//! arrives after the route's length at the trains' daily distance.

use super::catalog::{Catalog, FactionIx, LinkIx, RegionIx};
use super::chronicle::{Chronicle, Kind};
use super::ledger::{Ledger, TransferRecord};
use super::roster::in_roster_order;
use super::state::*;
use crate::date::Date;
use crate::scenario::RailParams;
use bevy::prelude::*;

/// Orders a formation standing in a region onto the rail to `to`. Logs why if it cannot go.
pub fn order(world: &mut World, cat: &Catalog, e: Entity, to: RegionIx) {
    let today = world.resource::<Calendar>().today;
    let (Some(info), Some(loc), Some(s)) = (
        world.get::<FormationInfo>(e).cloned(),
        world.get::<Location>(e).cloned(),
        world.get::<Strength>(e).copied(),
    ) else {
        return;
    };
    let Location::At(from) = loc else { return };
    if from == to {
        return;
    }
    let Some((route, km)) = route(world, cat, info.faction, from, to) else {
        let text = format!(
            "{} cannot entrain: no rail route through its side's ground from {} to {}",
            info.name,
            cat.region_id(from),
            cat.region_id(to)
        );
        world
            .resource_mut::<Chronicle>()
            .add(today, Kind::Transfer, text);
        return;
    };
    let trains = cat.scenario.formation_types[info.kind].trains.max(1);
    let record = {
        let mut ledger = world.resource_mut::<Ledger>();
        ledger
            .transfers
            .push(transfer_record(cat, &info, &s, from, to, today));
        ledger.transfers.len() - 1
    };
    let trip = RailTrip {
        from,
        to,
        route,
        km,
        trains,
        sent: 0,
        arrives: None,
        record,
    };
    world.entity_mut(e).insert(Location::Rail(trip));
    let text = format!(
        "{} ordered by rail from {} to {} ({} trains, {:.0} km)",
        info.name, cat.scenario.regions[from].name, cat.scenario.regions[to].name, trains, km
    );
    world
        .resource_mut::<Chronicle>()
        .tell(cat, today, Kind::Transfer, text, (info.faction, from));
}

/// Whether a formation standing in a region has a rail route to `to`.
pub fn can_entrain(world: &World, cat: &Catalog, e: Entity, to: RegionIx) -> bool {
    match (world.get::<FormationInfo>(e), world.get::<Location>(e)) {
        (Some(info), Some(&Location::At(from))) => {
            from != to && route(world, cat, info.faction, from, to).is_some()
        }
        _ => false,
    }
}

/// The rail route (links, km) a faction's trains take: only through ground
/// its side holds (the short way east through a neutral or enemy Manchuria
/// is not theirs to take).
fn route(
    world: &World,
    cat: &Catalog,
    faction: FactionIx,
    from: RegionIx,
    to: RegionIx,
) -> Option<(Vec<LinkIx>, f64)> {
    let control = world.resource::<Control>();
    let bloc = cat.bloc_of(faction);
    cat.rail_route(from, to, |r| control.owner_bloc(cat, r) == bloc)
}

/// Days from the order to the last train's arrival: `trains` trains over
/// `km` of line whose busiest link carries `capacity` trains a day, with no
/// other traffic on it. What `run_rail` takes on a free line; planners read
/// it before they order a transfer.
pub fn trip_days(params: &RailParams, trains: u32, capacity: f64, km: f64) -> f64 {
    let dispatch = (f64::from(trains.max(1)) / capacity.floor().max(1.0)).ceil();
    f64::from(params.loading_days) + dispatch - 1.0 + f64::from(run_days(params, km))
}

/// Days the last train runs over `km` (at least one).
fn run_days(params: &RailParams, km: f64) -> i32 {
    (km / params.km_per_day.max(1.0)).ceil().max(1.0) as i32
}

/// Dispatches trains within each link's daily capacity (first ordered, first served) and lands arrivals.
pub fn run_rail(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    capacity: Res<RailCapacity>,
    mut ledger: ResMut<Ledger>,
    mut chronicle: ResMut<Chronicle>,
    mut q: Query<(&FormationInfo, &mut Location, &FormationSeq, Entity)>,
) {
    let today = cal.today;
    let params = &cat.scenario.params.rail;
    let mut left = capacity.today(&cat);
    // Picked before any is borrowed for writing, so a formation off the
    // rails is not marked changed (the daily checksum reuses its hash).
    let on_rails = (q.iter())
        .filter(|(_, loc, ..)| matches!(loc, Location::Rail(_)))
        .map(|(_, _, &seq, e)| (seq, e));
    for (_, e) in in_roster_order(on_rails) {
        let Ok((info, mut loc, ..)) = q.get_mut(e) else {
            continue;
        };
        let Location::Rail(trip) = &mut *loc else {
            continue;
        };
        let ordered = ledger.transfers[trip.record].ordered;
        if trip.arrives.is_none() && today.days_since(ordered) >= params.loading_days as i32 {
            let cap = trip
                .route
                .iter()
                .map(|&l| left[l])
                .fold(f64::INFINITY, f64::min);
            let n = (cap.floor().max(0.0) as u32).min(trip.trains - trip.sent);
            if n > 0 {
                for &l in &trip.route {
                    left[l] -= n as f64;
                }
                if trip.sent == 0 {
                    ledger.transfers[trip.record].departed = Some(today);
                }
                trip.sent += n;
                if trip.sent == trip.trains {
                    trip.arrives = Some(today.add_days(run_days(params, trip.km)));
                }
            }
        }
        if trip.arrives.is_some_and(|d| d <= today) {
            let to = trip.to;
            ledger.transfers[trip.record].arrived = Some(today);
            let text = format!(
                "{} arrives at {} by rail",
                info.name, cat.scenario.regions[to].name
            );
            chronicle.tell(&cat, today, Kind::Transfer, text, (info.faction, to));
            *loc = Location::At(to);
        }
    }
}

/// A record for the ledger when a transfer is ordered.
fn transfer_record(
    cat: &Catalog,
    info: &FormationInfo,
    s: &Strength,
    from: RegionIx,
    to: RegionIx,
    today: Date,
) -> TransferRecord {
    TransferRecord {
        formation: info.id.clone(),
        faction: cat.faction_id(info.faction).to_string(),
        from_theatre: cat.theatre_of(from).to_string(),
        to_theatre: cat.theatre_of(to).to_string(),
        to: cat.region_id(to).to_string(),
        ordered: today,
        departed: None,
        arrived: None,
        men: s.men,
        tanks: s.tanks,
        guns: s.guns,
        division: cat.scenario.formation_types[info.kind].division,
    }
}
