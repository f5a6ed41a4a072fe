//! Limits the engine's data structures are sized for: object counts (faction
//! and region indices are small integers; the strength table is factions ×
//! regions) and the length of the period a run steps through day by day.

use super::{Reporter, all_effects, diag};
use crate::scenario::codes;
use crate::scenario::kinds::{EachKind, ObjectKind, each_kind};
use crate::scenario::types::{Effect, Formation, Scenario};

pub const MAX_FLAGS: usize = 10_000;
/// Factions × regions: cells of the daily strength table (kept once per day of perception lag).
pub const MAX_STRENGTH_CELLS: usize = 100_000;
/// Longest perception lag an estimate may have, in days (each day keeps a copy of the strength table).
pub const MAX_LAG_DAYS: u32 = 30;
/// Years between the scenario's start and end.
pub const MAX_YEARS: i32 = 200;

pub fn check(r: &mut Reporter) {
    let s = r.s;
    let spawned = all_effects(s)
        .filter(|fx| matches!(fx, Effect::Spawn(_)))
        .count();
    /// (what, section it is written in, count, limit) of each limited kind.
    struct Counts<'a>(
        &'a Scenario,
        usize,
        Vec<(String, &'static str, usize, usize)>,
    );
    impl EachKind for Counts<'_> {
        fn kind<K: ObjectKind>(&mut self) {
            let Some(max) = K::MAX else { return };
            // Formations spawned by effects count with those at the start.
            let spawned = if K::SECTION == Formation::SECTION {
                self.1
            } else {
                0
            };
            let n = K::list(self.0).len() + spawned;
            self.2
                .push((K::SECTION.replace('_', " "), K::SECTION, n, max));
        }
    }
    let mut counts = Counts(s, spawned, Vec::new());
    each_kind(&mut counts);
    let mut counts = counts.2;
    let flags = s.flags.len() + s.variables.len();
    counts.push(("flags and variables".into(), "flags", flags, MAX_FLAGS));
    let cells = s.factions.len() * s.regions.len();
    counts.push((
        "factions × regions".into(),
        "regions",
        cells,
        MAX_STRENGTH_CELLS,
    ));
    for (what, section, n, max) in counts {
        if n > max {
            r.enter_section(section);
            r.report(
                diag(
                    codes::TOO_MANY_OBJECTS,
                    format!("{n} {what}; the engine accepts at most {max}"),
                ),
                &format!("{section}:"),
            );
        }
    }
    let m = &s.meta;
    r.enter_section("meta");
    if m.end > m.start.add_years(MAX_YEARS) {
        r.report(
            diag(
                codes::PERIOD_TOO_LONG,
                format!(
                    "the period {} – {} is longer than {MAX_YEARS} years",
                    m.start, m.end
                ),
            ),
            "end:",
        );
    }
}
