//! The treaty state machine: actions the scenario takes, and the clock that lets terms run out or renew.

use super::catalog::Catalog;
use super::chronicle::{Chronicle, Kind};
use super::state::*;
use super::war::faction_name;
use crate::names::{name, words};
use crate::scenario::{TreatyAction, TreatyStatus};
use bevy::prelude::*;

/// Changes a treaty's status as the scenario asks; an action that makes no sense in the current status is logged and ignored.
pub fn treaty_action(
    world: &mut World,
    cat: &Catalog,
    t: usize,
    action: TreatyAction,
    by: Option<&str>,
) {
    let today = world.resource::<Calendar>().today;
    let def = &cat.scenario.treaties[t];
    let mut treaties = world.resource_mut::<Treaties>();
    let st = &mut treaties.0[t];
    let new = match (action, st.status) {
        (TreatyAction::Sign, TreatyStatus::Draft) => TreatyStatus::Signed,
        (TreatyAction::Ratify, TreatyStatus::Draft | TreatyStatus::Signed) => {
            st.in_force = Some(today);
            st.expires = Some(today.add_years(def.term_years as i32));
            TreatyStatus::InForce
        }
        (TreatyAction::Denounce, TreatyStatus::InForce) => {
            st.denounced = Some(today);
            // Notice given too late for this term lets it renew once more.
            if let Some(exp) = st.expires
                && def.auto_renew
                && exp.days_since(today) < def.notice_days as i32
            {
                st.expires = Some(exp.add_years(def.term_years as i32));
            }
            TreatyStatus::Denounced
        }
        (TreatyAction::Violate, s) if s.binding() => TreatyStatus::Violated,
        (TreatyAction::Expire, s) if s.binding() || s == TreatyStatus::Signed => {
            TreatyStatus::Expired
        }
        (_, s) => {
            let (action, s) = (name(&action), words(&s));
            let text = format!("{}: cannot {action} while {s}; ignored", def.name);
            world
                .resource_mut::<Chronicle>()
                .add(today, Kind::Treaty, text);
            return;
        }
    };
    st.status = new;
    st.history.push((today, new, by.map(str::to_string)));
    let expires = st.expires;
    let by_name = by
        .and_then(|b| cat.faction(b))
        .map(|f| faction_name(cat, f).to_string());
    let text = match (new, by_name) {
        (TreatyStatus::Signed, _) => format!("{} signed", def.name),
        (TreatyStatus::InForce, _) => format!(
            "{} in force until {}",
            def.name,
            expires.map_or("-".into(), |d| d.to_string())
        ),
        (TreatyStatus::Denounced, by) => format!(
            "{} denounced{}; it binds until {} (notice {} days)",
            def.name,
            by.map_or(String::new(), |b| format!(" by {b}")),
            expires.map_or("-".into(), |d| d.to_string()),
            def.notice_days
        ),
        (TreatyStatus::Violated, by) => {
            format!(
                "{} violated{}",
                def.name,
                by.map_or(String::new(), |b| format!(" by {b}"))
            )
        }
        (TreatyStatus::Expired, _) => format!("{} expired", def.name),
        (TreatyStatus::Draft, _) => format!("{} reverts to draft", def.name),
    };
    world
        .resource_mut::<Chronicle>()
        .add(today, Kind::Treaty, text);
}

pub fn run_treaty_clock(
    cat: Res<Catalog>,
    cal: Res<Calendar>,
    mut treaties: ResMut<Treaties>,
    mut chronicle: ResMut<Chronicle>,
) {
    let today = cal.today;
    for (def, st) in cat.scenario.treaties.iter().zip(treaties.0.iter_mut()) {
        let Some(exp) = st.expires else { continue };
        if !st.status.binding() || today < exp {
            continue;
        }
        if st.status == TreatyStatus::InForce && def.auto_renew {
            let next = exp.add_years(def.term_years as i32);
            st.expires = Some(next);
            chronicle.add(
                today,
                Kind::Treaty,
                format!("{} renewed until {next}", def.name),
            );
        } else {
            st.status = TreatyStatus::Expired;
            st.history.push((today, TreatyStatus::Expired, None));
            chronicle.add(today, Kind::Treaty, format!("{} expired", def.name));
        }
    }
}
