//! Overlays: a file that names a base scenario and says what it changes —
//! objects added, replaced (by id) or removed, event triggers moved,
//! decisions answered — instead of copying the base. What-if scenarios and
//! mods are overlays.

use super::codes;
use super::diagnostic::{Diagnostic, suggest};
use super::kinds::{EachKind, ObjectKind, each_kind};
pub use super::kinds::{Objects, Removals};
use super::parse::{Source, quoted};
use super::types::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The parts of `meta` an overlay may change.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MetaPatch {
    /// A new name.
    #[serde(default)]
    pub name: Option<String>,
    /// A new description.
    #[serde(default)]
    pub description: Option<String>,
    /// A new first day.
    #[serde(default)]
    pub start: Option<crate::date::Date>,
    /// A new last day.
    #[serde(default)]
    pub end: Option<crate::date::Date>,
    /// Added to the base's.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Outcome names added to the base's.
    #[serde(default)]
    pub outcomes: Vec<String>,
}

/// A file that changes a scenario instead of copying it: what-ifs name their `base`; a mod's
/// files do not (they apply to the scenario the mod is loaded with). Removals apply first,
/// then replacements, then additions.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// The scenario this one changes, relative to this file (what-ifs); none in mods.
    #[serde(default)]
    pub base: Option<String>,
    /// Parts of `meta` to change.
    #[serde(default)]
    pub meta: MetaPatch,
    /// New objects; their ids must be new.
    #[serde(default)]
    pub add: Objects,
    /// Objects replaced whole, matched by id (links by `from` and `to`).
    #[serde(default)]
    pub replace: Objects,
    /// Ids of objects to remove.
    #[serde(default)]
    pub remove: Removals,
    /// New triggers for existing events: (event id, trigger).
    #[serde(default)]
    pub triggers: Vec<(String, Trigger)>,
    /// New offer windows for existing decisions: (decision id, trigger).
    #[serde(default)]
    pub offers: Vec<(String, Trigger)>,
    /// Decisions whose recorded (`historical`) option changes: (decision id, option id).
    #[serde(default)]
    pub choose: Vec<(String, String)>,
    /// Changes the model parameters: only the fields named change (a list, such as
    /// `fronts`, is replaced whole); the rest keep the base's values.
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
    if !crate::scenario::lex::has_top_level_key(&src.text, "base") {
        return None;
    }
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Probe>(&src.text)
        .ok()
        .and_then(|p| p.base)
}

/// A change in place: (kind, key, section it is written in).
pub type Change = (&'static str, String, &'static str);

/// What an overlay changes in place (replaces, removes, re-triggers,
/// re-offers, answers): what two mods must not both touch.
pub fn changes(o: &Overlay) -> Vec<Change> {
    /// Replaced keys of every kind, then removed ones.
    struct Changes<'a>(&'a Overlay, Vec<Change>, Vec<Change>);
    impl EachKind for Changes<'_> {
        fn kind<K: ObjectKind>(&mut self) {
            let replaced = K::objects(&self.0.replace).iter().map(|x| x.key());
            self.1.extend(replaced.map(|k| (K::NAME, k, "replace:")));
            let removed = K::removed(&self.0.remove).iter();
            self.2
                .extend(removed.map(|k| (K::NAME, k.clone(), "remove:")));
        }
    }
    let mut c = Changes(o, Vec::new(), Vec::new());
    each_kind(&mut c);
    let mut out = c.1;
    out.extend(c.2);
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

/// Diagnostics of one overlay, located in its text; past the listing limit
/// they are only counted (locating and hinting each costs a search).
struct Out<'a> {
    src: &'a Source,
    list: Vec<Diagnostic>,
    hidden: usize,
}

impl Out<'_> {
    fn report(&mut self, d: Diagnostic, needle: &str, hint: impl FnOnce() -> String) {
        if self.list.len() >= super::check::MAX_LISTED {
            self.hidden += 1;
            return;
        }
        let (l, c, len) = self
            .src
            .find(needle, 0)
            .map_or((0, 0, 1), |(l, c, _)| (l, c, needle.chars().count()));
        self.list.push(d.hint(hint()).at(&self.src.path, l, c, len));
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        if self.hidden > 0 {
            let (l, c) = self.src.line_col(self.src.text.len());
            self.list.push(
                Diagnostic::new(
                    codes::TOO_MANY_PROBLEMS,
                    format!("{} more errors in this overlay are not listed", self.hidden),
                )
                .at(&self.src.path, l, c, 1),
            );
        }
        self.list
    }
}

/// Removes, replaces and adds objects of one kind, by key. Indexed by key,
/// so an overlay of many objects costs no more than reading it.
fn merge<T: ObjectKind>(base: &mut Scenario, o: &Overlay, out: &mut Out) {
    let (list, remove, replace, add) = (
        T::list_mut(base),
        T::removed(&o.remove),
        T::objects(&o.replace),
        T::objects(&o.add),
    );
    let kind = T::NAME;
    let keys = |list: &[T]| -> Vec<String> { list.iter().map(|x| x.key()).collect() };
    let hint = |id: &str, list: &[T]| {
        let keys = keys(list);
        suggest(id, keys.iter().map(|s| s.as_str()))
    };
    if !remove.is_empty() {
        let present: BTreeSet<String> = keys(list).into_iter().collect();
        for id in remove.iter().filter(|id| !present.contains(*id)) {
            let d = Diagnostic::new(
                codes::REMOVE_UNKNOWN,
                format!("cannot remove {kind} `{id}`: the base has none"),
            );
            out.report(d, &quoted(id), || hint(id, list));
        }
        let gone: BTreeSet<&String> = remove.iter().collect();
        list.retain(|x| !gone.contains(&x.key()));
    }
    let mut at: BTreeMap<String, usize> = keys(list)
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect();
    for item in replace {
        let k = item.key();
        match at.get(&k) {
            Some(&i) => list[i] = item.clone(),
            None => {
                let d = Diagnostic::new(
                    codes::REPLACE_UNKNOWN,
                    format!("cannot replace {kind} `{k}`: the base has none"),
                );
                out.report(d, &quoted(&k), || hint(&k, list));
            }
        }
    }
    for item in add {
        let next = list.len();
        match at.entry(item.key()) {
            std::collections::btree_map::Entry::Occupied(e) => {
                let k = e.key();
                let d = Diagnostic::new(
                    codes::ADD_DUPLICATE,
                    format!("cannot add {kind} `{k}`: the base has one; use `replace`"),
                );
                out.report(d, &quoted(k), String::new);
            }
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(next);
                list.push(item.clone());
            }
        }
    }
}

/// Applies an overlay to a scenario. Unknown ids in `replace`, `remove`,
/// `triggers` and `choose`, and ids `add` would duplicate, are reported
/// against the overlay's source.
pub fn apply(base: &mut Scenario, o: &Overlay, src: &Source) -> Vec<Diagnostic> {
    let mut out = Out {
        src,
        list: Vec::new(),
        hidden: 0,
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
    struct Merge<'a, 'b>(&'a mut Scenario, &'a Overlay, &'a mut Out<'b>);
    impl EachKind for Merge<'_, '_> {
        fn kind<K: ObjectKind>(&mut self) {
            merge::<K>(self.0, self.1, self.2);
        }
    }
    each_kind(&mut Merge(base, o, &mut out));
    let events: BTreeMap<String, usize> = index(&base.events);
    for (id, trigger) in &o.triggers {
        match events.get(id) {
            Some(&i) => base.events[i].trigger = trigger.clone(),
            None => {
                let d = Diagnostic::new(
                    codes::UNKNOWN_EVENT,
                    format!("no event `{id}` to re-trigger"),
                );
                out.report(d, &quoted(id), || {
                    suggest(id, events.keys().map(|s| s.as_str()))
                });
            }
        }
    }
    let decisions: BTreeMap<String, usize> = index(&base.decisions);
    let unknown_decision = |out: &mut Out, id: &str, what: &str| {
        let d = Diagnostic::new(
            codes::UNKNOWN_DECISION,
            format!("no decision `{id}` to {what}"),
        );
        out.report(d, &quoted(id), || {
            suggest(id, decisions.keys().map(|s| s.as_str()))
        });
    };
    for (id, trigger) in &o.offers {
        match decisions.get(id) {
            Some(&i) => base.decisions[i].offered = trigger.clone(),
            None => unknown_decision(&mut out, id, "re-offer"),
        }
    }
    for (id, option) in &o.choose {
        let Some(&i) = decisions.get(id) else {
            unknown_decision(&mut out, id, "choose for");
            continue;
        };
        let d = &mut base.decisions[i];
        if d.options.iter().any(|x| &x.id == option) {
            d.historical = option.clone();
        } else {
            let ids: Vec<&str> = d.options.iter().map(|x| x.id.as_str()).collect();
            let diag = Diagnostic::new(
                codes::UNKNOWN_OPTION,
                format!("decision `{id}` has no option `{option}`"),
            );
            out.report(diag, &quoted(option), || {
                suggest(option, ids.iter().copied())
            });
        }
    }
    if let Some(p) = &o.params {
        let mut dropped = Vec::new();
        base.params = patch_params(&base.params, p, src, &mut dropped);
        // A list named is replaced whole: say what of the base's goes with it.
        for (path, what) in dropped {
            let d = Diagnostic::new(
                codes::OVERLAY_DROPS,
                format!("`params.{path}` replaces the base's list and removes {what}"),
            );
            let key = path.rsplit('.').next().unwrap_or("params").to_string();
            out.report(d, &format!("{key}:"), || {
                "list the base's entries to keep as well".into()
            });
        }
    }
    out.finish()
}

/// Which fields an overlay's `params` names, as a tree of keys: read from the
/// text, since the typed value has every field the overlay left out at its default.
#[derive(Deserialize)]
struct ParamsProbe {
    #[serde(default)]
    params: Option<ron::Value>,
}

/// `base` with the fields `src`'s `params` names taken from `patch`. A mod
/// setting `rail: (km_per_day: 600.0)` used to reset every other parameter,
/// the abstract fronts included, to its default.
fn patch_params(
    base: &Params,
    patch: &Params,
    src: &Source,
    dropped: &mut Vec<(String, String)>,
) -> Params {
    let named = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<ParamsProbe>(&src.text)
        .ok()
        .and_then(|p| p.params);
    let (Ok(mut merged), Ok(patch_value), Some(named)) = (
        serde_json::to_value(base),
        serde_json::to_value(patch),
        named,
    ) else {
        return patch.clone();
    };
    merge_named(&mut merged, &patch_value, &named, "", dropped);
    serde_json::from_value(merged).unwrap_or_else(|_| patch.clone())
}

/// Copies into `base` the parts of `patch` that `named` names, descending
/// into objects; a list that loses entries of the base's is noted in `dropped`
/// with its path (`fronts`) and what it loses.
fn merge_named(
    base: &mut serde_json::Value,
    patch: &serde_json::Value,
    named: &ron::Value,
    path: &str,
    dropped: &mut Vec<(String, String)>,
) {
    match (base, named) {
        (serde_json::Value::Object(b), ron::Value::Map(keys)) => {
            for (key, sub) in keys.iter() {
                let ron::Value::String(key) = key else {
                    continue;
                };
                let Some(p) = patch.get(key) else { continue };
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match b.get_mut(key) {
                    Some(v) => merge_named(v, p, sub, &here, dropped),
                    None => {
                        b.insert(key.clone(), p.clone());
                    }
                }
            }
        }
        (b, _) => {
            if let (Some(was), Some(now)) = (b.as_array(), patch.as_array()) {
                let gone: Vec<String> = was
                    .iter()
                    .filter(|x| !now.contains(x))
                    .map(|x| {
                        x.get("id")
                            .and_then(|id| id.as_str())
                            .map_or_else(|| x.to_string(), |id| format!("`{id}`"))
                    })
                    .collect();
                if !gone.is_empty() {
                    dropped.push((path.to_string(), gone.join(", ")));
                }
            }
            *b = patch.clone();
        }
    }
}

/// Position of each object by key (the first, if a key repeats).
fn index<T: ObjectKind>(list: &[T]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for (i, x) in list.iter().enumerate() {
        m.entry(x.key()).or_insert(i);
    }
    m
}
