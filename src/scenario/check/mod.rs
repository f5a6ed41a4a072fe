//! Checks of an assembled scenario, each reported with a stable code at the
//! place a modder wrote the offending text.
//!
//! - `objects`: references between objects, duplicate ids, ranges, dates;
//! - `params`: model parameters, abstract fronts, history points;
//! - `map`: links, reachability, rail routes;
//! - `flow`: the event graph (flags, variables, earliest firing dates,
//!   treaty actions, cycles);
//! - `limits`: object counts and period length the engine accepts.
//!
//! The [`Reporter`] locates a problem in the last file that mentions the
//! object (an overlay's change wins over its base) and applies the object's
//! `allow` list: a silenced warning is kept, marked `suppressed`, to be counted.

mod bounds;
mod flow;
mod limits;
mod map;
mod objects;
mod params;

pub use limits::*;

use super::codes;
use super::diagnostic::Diagnostic;
use super::kinds::{EachKind, ObjectKind, each_kind};
use super::parse::{Source, quoted};
use super::types::*;
use std::collections::{BTreeMap, BTreeSet};

/// All problems of a scenario, errors and warnings (suppressed ones marked).
/// `srcs` are the files it was built from, base first, overlays and mods after.
pub fn check(s: &Scenario, srcs: &[Source]) -> Vec<Diagnostic> {
    let mut r = Reporter::new(s, srcs);
    // Limits first: the other checks are linear, but an input over the
    // limits is refused whatever else is wrong with it.
    limits::check(&mut r);
    objects::check(&mut r);
    bounds::check(&mut r);
    map::check(&mut r);
    flow::check(&mut r);
    r.finish()
}

/// Problems listed, with place and hint, for one scenario; more are only
/// counted (locating and hinting each costs a search of the text).
pub const MAX_LISTED: usize = 1_000;

/// Ids of each kind of object by section, and of theatres, for reference checks.
pub struct Ids<'a>(BTreeMap<&'static str, BTreeSet<&'a str>>);

impl<'a> Ids<'a> {
    pub fn of(s: &'a Scenario) -> Self {
        struct Collect<'a>(&'a Scenario, BTreeMap<&'static str, BTreeSet<&'a str>>);
        impl EachKind for Collect<'_> {
            fn kind<K: ObjectKind>(&mut self) {
                let ids = K::list(self.0).iter().filter_map(|x| x.id());
                self.1.insert(K::SECTION, ids.collect());
            }
        }
        let mut c = Collect(s, BTreeMap::new());
        each_kind(&mut c);
        let mut ids = c.1;
        // Formations spawned by effects exist too, once their effect runs.
        let spawned = all_effects(s).filter_map(|fx| match fx {
            Effect::Spawn(f) => Some(f.id.as_str()),
            _ => None,
        });
        ids.entry(Formation::SECTION).or_default().extend(spawned);
        ids.insert(
            THEATRES,
            s.regions.iter().map(|r| r.theatre.as_str()).collect(),
        );
        Ids(ids)
    }

    fn get(&self, section: &str) -> &BTreeSet<&'a str> {
        static NONE: BTreeSet<&str> = BTreeSet::new();
        self.0.get(section).unwrap_or(&NONE)
    }
}

/// Theatres are named by regions, not listed: their key among [`Ids`].
const THEATRES: &str = "theatres";

/// Every effect in events and decision options.
pub fn all_effects(s: &Scenario) -> impl Iterator<Item = &Effect> {
    s.events.iter().flat_map(|e| e.effects.iter()).chain(
        s.decisions
            .iter()
            .flat_map(|d| d.options.iter().flat_map(|o| o.effects.iter())),
    )
}

/// The object a check is looking at, for locating and suppressing its problems.
#[derive(Clone, Copy, Debug)]
struct Obj<'a> {
    /// The key of its section in a file, e.g. `formations`.
    section: &'static str,
    /// Its place in the section's list; `None` for a whole section
    /// (`meta`, `params`, `flags`...), found in the last file that has it.
    index: Option<usize>,
    id: Option<&'a str>,
    allow: &'a [String],
}

impl Obj<'_> {
    fn section(section: &'static str) -> Self {
        Obj {
            section,
            index: None,
            id: None,
            allow: &[],
        }
    }
}

/// Locates problems in the source text and collects them.
pub struct Reporter<'a> {
    pub s: &'a Scenario,
    pub ids: Ids<'a>,
    srcs: &'a [Source],
    obj: Obj<'a>,
    /// File and byte offset of the current object, found when first needed
    /// (most objects have no problem, and searching costs).
    place: Option<(usize, usize)>,
    /// A part of the object to search from (a spawned formation's id).
    focus: Option<(String, &'a [String])>,
    pub out: Vec<Diagnostic>,
    /// Problems past [`MAX_LISTED`]: (errors, warnings).
    hidden: (usize, usize),
}

impl<'a> Reporter<'a> {
    pub fn new(s: &'a Scenario, srcs: &'a [Source]) -> Self {
        Reporter {
            s,
            ids: Ids::of(s),
            srcs,
            obj: Obj::section("meta"),
            place: None,
            focus: None,
            out: Vec::new(),
            hidden: (0, 0),
        }
    }

    /// Whether problems are still listed (and worth a hint).
    pub fn listing(&self) -> bool {
        self.out.len() < MAX_LISTED
    }

    /// The nearest candidates as a hint, while problems are still listed.
    pub fn suggest<'b>(
        &self,
        word: &str,
        candidates: impl IntoIterator<Item = &'b str> + Clone,
    ) -> String {
        if self.listing() {
            super::diagnostic::suggest(word, candidates)
        } else {
            String::new()
        }
    }

    /// The problems found, with one more saying how many were not listed.
    fn finish(mut self) -> Vec<Diagnostic> {
        let (errors, warnings) = self.hidden;
        if errors + warnings > 0 {
            let code = if errors > 0 {
                codes::TOO_MANY_PROBLEMS
            } else {
                codes::MORE_WARNINGS
            };
            // At the end of the last file: after everything listed.
            let (file, (line, col)) = self.srcs.last().map_or((String::new(), (0, 0)), |s| {
                (s.path.clone(), s.line_col(s.text.len()))
            });
            self.out.push(
                Diagnostic::new(
                    code,
                    format!(
                        "{errors} more errors and {warnings} more warnings are not listed (the first {MAX_LISTED} problems are)"
                    ),
                )
                .hint("fix these first and validate again")
                .at(&file, line, col, 1),
            );
        }
        self.out
    }

    fn enter(&mut self, obj: Obj<'a>) {
        self.obj = obj;
        self.place = None;
        self.focus = None;
    }

    /// Starts reporting about a whole section, e.g. `meta`.
    pub fn enter_section(&mut self, section: &'static str) {
        self.enter(Obj::section(section));
    }

    /// Starts reporting about the `i`-th object of a kind.
    pub fn enter_object<K: ObjectKind>(&mut self, i: usize) {
        let x = &K::list(self.s)[i];
        self.enter(Obj {
            section: K::SECTION,
            index: Some(i),
            id: x.id(),
            allow: x.allow(),
        });
    }

    /// Runs `check` on each object of a kind, reporting about it.
    pub fn each<K: ObjectKind>(&mut self, mut check: impl FnMut(&mut Self, &'a K)) {
        for (i, x) in K::list(self.s).iter().enumerate() {
            self.enter_object::<K>(i);
            check(self, x);
        }
    }

    /// Starts reporting about the `i`-th abstract front or estimate (listed in `params`).
    pub fn enter_param(&mut self, section: &'static str, i: usize, id: Option<&'a str>) {
        self.enter(Obj {
            index: Some(i),
            id,
            ..Obj::section(section)
        });
    }

    /// Narrows later reports to the part of the object that starts at `needle`
    /// (e.g. `"jp45_88d"` in an event's spawn list), with its own `allow` list.
    pub fn focus(&mut self, needle: String, allow: &'a [String]) {
        self.focus = Some((needle, allow));
    }

    pub fn unfocus(&mut self) {
        self.focus = None;
    }

    /// Path of the object, e.g. `formations[3]`, for the diagnostic's `path`.
    fn path(&self) -> String {
        match self.obj.index {
            Some(i) => format!("{}[{i}]", self.obj.section),
            None => self.obj.section.to_string(),
        }
    }

    /// File and offset of the current object: the last file that mentions it.
    fn place(&mut self) -> (usize, usize) {
        if let Some(p) = self.place {
            return p;
        }
        let p = self.find_place().unwrap_or((0, 0));
        self.place = Some(p);
        p
    }

    fn find_place(&self) -> Option<(usize, usize)> {
        let last = self.srcs.len().checked_sub(1)?;
        let section = format!("{}:", self.obj.section);
        let from_section = |i: usize| self.srcs[i].find(&section, 0).map(|(_, _, p)| p);
        if let Some(id) = self.obj.id {
            let needle = quoted(id);
            let file = (0..=last)
                .rev()
                .find(|&i| self.srcs[i].find(&needle, 0).is_some())?;
            let src = &self.srcs[file];
            let base = from_section(file).unwrap_or(0);
            let at = src.find(&needle, base).or_else(|| src.find(&needle, 0))?;
            return Some((file, at.2));
        }
        match (self.obj.section, self.obj.index) {
            (Link::SECTION, Some(i)) => self.find_link(i),
            ("estimates", Some(i)) => {
                let file = (0..=last).rev().find(|&f| from_section(f).is_some())?;
                let pos = nth(&self.srcs[file], "observer:", from_section(file)?, i);
                Some((file, pos))
            }
            _ => {
                let file = (0..=last).rev().find(|&f| from_section(f).is_some())?;
                Some((file, from_section(file)?))
            }
        }
    }

    /// A link has no id: find `"from"` followed by `"to"` before the object closes.
    fn find_link(&self, i: usize) -> Option<(usize, usize)> {
        let l = &self.s.links[i];
        let (from, to) = (quoted(&l.from), quoted(&l.to));
        for file in (0..self.srcs.len()).rev() {
            let text = &self.srcs[file].text;
            let mut at = 0;
            while let Some(p) = text.get(at..).and_then(|t| t.find(&from)).map(|p| p + at) {
                let rest = &text[p..];
                let close = rest.find(')').unwrap_or(rest.len());
                if rest[..close].contains("to:") && rest[..close].contains(&to) {
                    // Back to the opening parenthesis: `(from: "a", to: "b", ...)`.
                    let open = text[..p].rfind('(').unwrap_or(p);
                    return Some((file, open));
                }
                at = p + from.len();
            }
        }
        let file = self.srcs.len().checked_sub(1)?;
        let base = self.srcs[file].find("links:", 0).map_or(0, |(_, _, p)| p);
        Some((file, nth(&self.srcs[file], "from:", base, i)))
    }

    /// Reports at the first occurrence of `needle` in the current object (or its start).
    pub fn report(&mut self, d: Diagnostic, needle: &str) {
        if !self.listing() {
            match d.is_error() {
                true => self.hidden.0 += 1,
                false => self.hidden.1 += 1,
            }
            return;
        }
        let allow = self.obj.allow;
        let focus_allow = self.focus.as_ref().map_or(&[][..], |f| f.1);
        let suppressed = !d.is_error()
            && allow
                .iter()
                .chain(focus_allow)
                .any(|a| a == d.code || a == d.name);
        let path = self.path();
        let mut d = d.path(path);
        d.suppressed = suppressed;
        if self.srcs.is_empty() {
            self.out.push(d);
            return;
        }
        let (file, mut anchor) = self.place();
        let src = &self.srcs[file];
        if let Some((needle, _)) = &self.focus
            && let Some((_, _, p)) = src.find(needle, anchor)
        {
            anchor = p;
        }
        let (line, col, len) = match src.find(needle, anchor) {
            Some((l, c, _)) if !needle.is_empty() => (l, c, needle.chars().count()),
            _ => {
                let (l, c) = src.line_col(anchor);
                (l, c, 1)
            }
        };
        self.out.push(d.at(&src.path, line, col, len));
    }

    /// Reports the second definition of `id`, a `what` (e.g. `"clause "`, or
    /// nothing) within `place`, at a later occurrence of the id than the object's start.
    pub fn defined_twice(&mut self, what: &str, id: &str, place: &str) {
        let message = format!("{what}`{id}` is defined twice in {place}");
        let d = diag(codes::DUPLICATE_ID, message);
        let needle = quoted(id);
        let (file, anchor) = self.place();
        if let Some(src) = self.srcs.get(file) {
            let after = src.find(&needle, anchor).map_or(anchor, |(_, _, p)| p + 1);
            self.place = Some((file, after));
        }
        self.report(d, &needle);
    }
}

/// Offset of the `n`-th (0-based) occurrence of `key` from `from`, or `from`.
fn nth(src: &Source, key: &str, from: usize, n: usize) -> usize {
    let mut pos = from;
    for k in 0..=n {
        match src.find(key, pos) {
            Some((_, _, p)) if k == n => return p,
            Some((_, _, p)) => pos = p + 1,
            None => return from,
        }
    }
    from
}

/// A shortcut: a diagnostic with a code and message.
pub fn diag(code: codes::Code, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, message)
}
