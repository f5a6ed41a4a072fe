//! The treaty clock: terms run out, denounced treaties expire, others renew.

use super::catalog::Catalog;
use super::chronicle::{Chronicle, Kind};
use super::state::*;
use super::{DaySystems, SimDay};
use crate::scenario::TreatyStatus;
use bevy::prelude::*;

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

/// Adds this module's systems to the day.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(SimDay, run_treaty_clock.in_set(DaySystems::Diplomacy));
}
