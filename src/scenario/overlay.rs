//! Overlays: a file that names a base scenario and says what it changes —
//! objects added, replaced (by id) or removed, event triggers moved,
//! decisions answered — instead of copying the base. What-if scenarios and
//! mods are overlays.

use super::codes;
use super::diagnostic::{Diagnostic, suggest};
use super::parse::Source;
use super::types::*;
use serde::{Deserialize, Serialize};

/// Objects of each kind, for `add` and `replace`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Objects {
    #[serde(default)]
    pub factions: Vec<Faction>,
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub formation_types: Vec<FormationType>,
    #[serde(default)]
    pub formations: Vec<Formation>,
    #[serde(default)]
    pub treaties: Vec<Treaty>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub history: Vec<HistoryPoint>,
}

/// Ids of objects to remove, by kind. Links are named `"from-to"`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Removals {
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub formations: Vec<String>,
    #[serde(default)]
    pub treaties: Vec<String>,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub decisions: Vec<String>,
    #[serde(default)]
    pub history: Vec<String>,
}

/// The parts of `meta` an overlay may change.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MetaPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub start: Option<crate::date::Date>,
    #[serde(default)]
    pub end: Option<crate::date::Date>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Outcome names added to the base's.
    #[serde(default)]
    pub outcomes: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// The scenario this one changes, relative to this file (what-ifs); empty in mods.
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub meta: MetaPatch,
    #[serde(default)]
    pub add: Objects,
    #[serde(default)]
    pub replace: Objects,
    #[serde(default)]
    pub remove: Removals,
    /// New triggers for existing events: (event id, trigger).
    #[serde(default)]
    pub triggers: Vec<(String, Trigger)>,
    /// New offer windows for existing decisions: (decision id, trigger).
    #[serde(default)]
    pub offers: Vec<(String, Trigger)>,
    /// Decisions whose recorded option changes: (decision id, option id). The `historical` controller then takes it.
    #[serde(default)]
    pub choose: Vec<(String, String)>,
    /// Replaces the model parameters as a whole.
    #[serde(default)]
    pub params: Option<Params>,
}

/// Only whether a file names a base: read without denying unknown fields.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    base: Option<String>,
}

/// The base a file names, if it is an overlay (`None` for a full scenario or unreadable text).
pub fn base_of(src: &Source) -> Option<String> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Probe>(&src.text)
        .ok()
        .and_then(|p| p.base)
}

/// How an overlay names an object: its id, or `"from-to"` for a link.
pub trait Keyed {
    fn key(&self) -> String;
}

macro_rules! keyed_by_id {
    ($($t:ty),*) => {$(impl Keyed for $t { fn key(&self) -> String { self.id.clone() } })*};
}
keyed_by_id!(
    Faction,
    Region,
    FormationType,
    Formation,
    Treaty,
    Event,
    Decision,
    HistoryPoint
);

impl Keyed for Link {
    fn key(&self) -> String {
        format!("{}-{}", self.from, self.to)
    }
}

/// What an overlay changes in place (replaces, removes, re-triggers,
/// re-offers, answers), as (kind, key, section) triples: what two mods must not both touch.
pub fn changes(o: &Overlay) -> Vec<(&'static str, String, &'static str)> {
    let mut out = Vec::new();
    macro_rules! kind {
        ($field:ident, $kind:expr) => {
            for x in &o.replace.$field {
                out.push(($kind, x.key(), "replace:"));
            }
        };
    }
    kind!(factions, "faction");
    kind!(regions, "region");
    kind!(links, "link");
    kind!(formation_types, "formation type");
    kind!(formations, "formation");
    kind!(treaties, "treaty");
    kind!(events, "event");
    kind!(decisions, "decision");
    kind!(history, "history point");
    let r = &o.remove;
    for (kind, ids) in [
        ("region", &r.regions),
        ("link", &r.links),
        ("formation", &r.formations),
        ("treaty", &r.treaties),
        ("event", &r.events),
        ("decision", &r.decisions),
        ("history point", &r.history),
    ] {
        out.extend(ids.iter().map(|id| (kind, id.clone(), "remove:")));
    }
    out.extend(
        o.triggers
            .iter()
            .map(|(id, _)| ("event", id.clone(), "triggers:")),
    );
    out.extend(
        o.offers
            .iter()
            .map(|(id, _)| ("decision", id.clone(), "offers:")),
    );
    out.extend(
        o.choose
            .iter()
            .map(|(id, _)| ("decision", id.clone(), "choose:")),
    );
    if o.params.is_some() {
        out.push(("params", "params".into(), "params:"));
    }
    let m = &o.meta;
    for (field, set) in [
        ("start", m.start.is_some()),
        ("end", m.end.is_some()),
        ("name", m.name.is_some()),
        ("description", m.description.is_some()),
    ] {
        if set {
            out.push(("meta field", field.into(), "meta:"));
        }
    }
    out
}

/// Applies an overlay to a scenario. Unknown ids in `replace`, `remove`,
/// `triggers` and `choose`, and ids `add` would duplicate, are reported
/// against the overlay's source.
pub fn apply(base: &mut Scenario, o: &Overlay, src: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |d: Diagnostic, needle: &str| {
        let (l, c, len) = src
            .find(needle, 0)
            .map_or((0, 0, 1), |(l, c, _)| (l, c, needle.chars().count()));
        out.push(d.at(&src.path, l, c, len));
    };
    let m = &o.meta;
    if let Some(v) = &m.name {
        base.meta.name = v.clone();
    }
    if let Some(v) = &m.description {
        base.meta.description = v.clone();
    }
    if let Some(v) = m.start {
        base.meta.start = v;
    }
    if let Some(v) = m.end {
        base.meta.end = v;
    }
    base.meta.authors.extend(m.authors.iter().cloned());
    for name in &m.outcomes {
        if !base.meta.outcomes.contains(name) {
            base.meta.outcomes.push(name.clone());
        }
    }
    macro_rules! each_kind {
        ($f:ident) => {
            $f!(factions, "faction", None::<&Vec<String>>);
            $f!(regions, "region", Some(&o.remove.regions));
            $f!(links, "link", Some(&o.remove.links));
            $f!(formation_types, "formation type", None::<&Vec<String>>);
            $f!(formations, "formation", Some(&o.remove.formations));
            $f!(treaties, "treaty", Some(&o.remove.treaties));
            $f!(events, "event", Some(&o.remove.events));
            $f!(decisions, "decision", Some(&o.remove.decisions));
            $f!(history, "history point", Some(&o.remove.history));
        };
    }
    macro_rules! merge {
        ($field:ident, $kind:expr, $removals:expr) => {
            if let Some(ids) = $removals {
                for id in ids {
                    let before = base.$field.len();
                    base.$field.retain(|x| x.key() != *id);
                    if base.$field.len() == before {
                        let keys: Vec<String> = base.$field.iter().map(|x| x.key()).collect();
                        report(
                            Diagnostic::new(
                                codes::REMOVE_UNKNOWN,
                                format!("cannot remove {} `{id}`: the base has none", $kind),
                            )
                            .hint(suggest(id, keys.iter().map(|s| s.as_str()))),
                            &format!("\"{id}\""),
                        );
                    }
                }
            }
            for item in &o.replace.$field {
                let k = item.key();
                match base.$field.iter_mut().find(|x| x.key() == k) {
                    Some(slot) => *slot = item.clone(),
                    None => {
                        let keys: Vec<String> = base.$field.iter().map(|x| x.key()).collect();
                        report(
                            Diagnostic::new(
                                codes::REPLACE_UNKNOWN,
                                format!("cannot replace {} `{k}`: the base has none", $kind),
                            )
                            .hint(suggest(&k, keys.iter().map(|s| s.as_str()))),
                            &format!("\"{k}\""),
                        );
                    }
                }
            }
            for item in &o.add.$field {
                let k = item.key();
                if base.$field.iter().any(|x| x.key() == k) {
                    report(
                        Diagnostic::new(
                            codes::ADD_DUPLICATE,
                            format!(
                                "cannot add {} `{k}`: the base has one; use `replace`",
                                $kind
                            ),
                        ),
                        &format!("\"{k}\""),
                    );
                } else {
                    base.$field.push(item.clone());
                }
            }
        };
    }
    each_kind!(merge);
    for (id, trigger) in &o.triggers {
        match base.events.iter_mut().find(|e| &e.id == id) {
            Some(e) => e.trigger = trigger.clone(),
            None => {
                let ids: Vec<&str> = base.events.iter().map(|e| e.id.as_str()).collect();
                report(
                    Diagnostic::new(
                        codes::UNKNOWN_EVENT,
                        format!("no event `{id}` to re-trigger"),
                    )
                    .hint(suggest(id, ids.iter().copied())),
                    &format!("\"{id}\""),
                );
            }
        }
    }
    for (id, trigger) in &o.offers {
        match base.decisions.iter_mut().find(|d| &d.id == id) {
            Some(d) => d.offered = trigger.clone(),
            None => {
                let ids: Vec<&str> = base.decisions.iter().map(|d| d.id.as_str()).collect();
                report(
                    Diagnostic::new(
                        codes::UNKNOWN_DECISION,
                        format!("no decision `{id}` to re-offer"),
                    )
                    .hint(suggest(id, ids.iter().copied())),
                    &format!("\"{id}\""),
                );
            }
        }
    }
    for (id, option) in &o.choose {
        match base.decisions.iter_mut().find(|d| &d.id == id) {
            Some(d) if d.options.iter().any(|x| &x.id == option) => d.historical = option.clone(),
            Some(d) => {
                let ids: Vec<&str> = d.options.iter().map(|x| x.id.as_str()).collect();
                report(
                    Diagnostic::new(
                        codes::UNKNOWN_OPTION,
                        format!("decision `{id}` has no option `{option}`"),
                    )
                    .hint(suggest(option, ids.iter().copied())),
                    &format!("\"{option}\""),
                );
            }
            None => {
                let ids: Vec<&str> = base.decisions.iter().map(|d| d.id.as_str()).collect();
                report(
                    Diagnostic::new(
                        codes::UNKNOWN_DECISION,
                        format!("no decision `{id}` to choose for"),
                    )
                    .hint(suggest(id, ids.iter().copied())),
                    &format!("\"{id}\""),
                );
            }
        }
    }
    if let Some(p) = &o.params {
        base.params = p.clone();
    }
    out
}
