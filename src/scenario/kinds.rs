//! The kinds of scenario object, declared once: the lists of a scenario that
//! overlays add to, replace in and remove from by key, whose ids must be
//! unique and which references name. [`object_kinds!`] below is the one list;
//! overlays' `Objects` and `Removals`, merging, duplicate-id checks and
//! reference checks are derived from it. A new kind is a line there plus its
//! own checks.

use super::codes::{self, Code};
use super::types::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A kind of scenario object (a list in [`Scenario`]).
pub trait ObjectKind: Clone + Serialize + 'static {
    /// Its name in messages, e.g. `formation type`.
    const NAME: &'static str;
    /// Its section in a scenario or overlay file, e.g. `formation_types`.
    const SECTION: &'static str;
    /// Most objects of the kind the engine accepts, if it limits them.
    const MAX: Option<usize>;
    fn list(s: &Scenario) -> &Vec<Self>;
    fn list_mut(s: &mut Scenario) -> &mut Vec<Self>;
    /// The objects of this kind an overlay adds or replaces.
    fn objects(o: &Objects) -> &Vec<Self>;
    /// The keys an overlay removes (none for a kind that cannot be removed).
    fn removed(r: &Removals) -> &[String];
    /// Its id; links have none (they are named by their ends).
    fn id(&self) -> Option<&str>;
    /// How an overlay names it: its id, or `"from-to"` for a link.
    fn key(&self) -> String;
    /// The warnings it silences.
    fn allow(&self) -> &[String];
}

/// A kind other objects name by id: naming a missing one is an error with this code.
pub trait Referable: ObjectKind {
    const UNKNOWN: Code;
}

/// Position of each object by id (the last, if an id repeats).
pub fn id_index<K: ObjectKind>(s: &Scenario) -> BTreeMap<&str, usize> {
    let ids = K::list(s).iter().enumerate();
    ids.filter_map(|(i, x)| Some((x.id()?, i))).collect()
}

/// Code run once per kind with the kind as a type (Rust has no generic closures).
pub trait EachKind {
    fn kind<K: ObjectKind>(&mut self);
}

/// An optional column of the list: the value if given, else the fallback.
/// (A column with no value of its own is given with one, to repeat on.)
macro_rules! or {
    ($fallback:expr;) => {
        $fallback
    };
    ($fallback:expr; $value:expr $(, $_column:tt)?) => {
        $value
    };
}

/// Declares `Scenario` (its own fields before and after `..`, the kinds' lists
/// between) and the kinds: for each, its section (the field of `Scenario`,
/// `Objects` and `Removals`), type and name, then what it has: `id`, `allow`,
/// `unknown(CODE)` if objects refer to it, `max(LIMIT)` if the engine limits
/// their number (faction indices are bytes; the limits also keep a hostile file's
/// run and memory bounded; spawned formations count with those at the start), `remove("doc")` if overlays may remove it.
macro_rules! object_kinds {
    (
        $(#[$scenario_attr:meta])* struct Scenario {
            $($(#[$head_attr:meta])* $head:ident: $H:ty,)*
            ..
            $($(#[$tail_attr:meta])* $tail:ident: $TT:ty,)*
        }
        $(#[$objects_attr:meta])* struct Objects;
        $(#[$removals_attr:meta])* struct Removals;
        $(
            $(#[$doc:meta])*
            $section:ident: $T:ident $name:literal
                $(id($id:ident))? $(key($key:expr))? $(allow($allow:ident))?
                $(unknown($code:ident))? $(max($max:expr))? $(remove($remove_doc:literal))?;
        )*
    ) => {
        $(#[$scenario_attr])*
        pub struct Scenario {
            $($(#[$head_attr])* pub $head: $H,)*
            $(
                $(#[$doc])*
                #[serde(default)]
                pub $section: Vec<$T>,
            )*
            $($(#[$tail_attr])* pub $tail: $TT,)*
        }

        $(#[$objects_attr])*
        pub struct Objects {
            $(
                $(#[$doc])*
                #[serde(default)]
                pub $section: Vec<$T>,
            )*
        }

        $(#[$removals_attr])*
        pub struct Removals {
            $($(
                #[doc = $remove_doc]
                #[serde(default)]
                pub $section: Vec<String>,
            )?)*
        }

        $(
            impl ObjectKind for $T {
                const NAME: &'static str = $name;
                const SECTION: &'static str = stringify!($section);
                const MAX: Option<usize> = or!(None; $(Some($max))?);
                fn list(s: &Scenario) -> &Vec<Self> {
                    &s.$section
                }
                fn list_mut(s: &mut Scenario) -> &mut Vec<Self> {
                    &mut s.$section
                }
                fn objects(o: &Objects) -> &Vec<Self> {
                    &o.$section
                }
                fn removed(_r: &Removals) -> &[String] {
                    or!(&[]; $(&_r.$section, $remove_doc)?)
                }
                fn id(&self) -> Option<&str> {
                    or!(None; $(Some(self.$id.as_str()))?)
                }
                fn key(&self) -> String {
                    or!(self.id().unwrap_or_default().to_string(); $(($key)(self))?)
                }
                fn allow(&self) -> &[String] {
                    or!(&[]; $(&self.$allow)?)
                }
            }
            $(impl Referable for $T {
                const UNKNOWN: Code = codes::$code;
            })?
        )*

        /// Runs `v` for each kind, in file order.
        pub fn each_kind(v: &mut impl EachKind) {
            $(v.kind::<$T>();)*
        }
    };
}

object_kinds! {
    /// The top level of a scenario file. Its object lists (factions to
    /// history) are the kinds below; each may be left out, for an empty list.
    #[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Scenario {
        /// Name, period, format version, outcome names.
        meta: Meta,
        ..
        /// Flags set at the start.
        #[serde(default)]
        flags: Vec<String>,
        /// Numeric variables and their starting values.
        #[serde(default)]
        variables: Vec<Variable>,
        /// Model parameters (combat, movement, rail, supply, intelligence, abstract fronts).
        #[serde(default)]
        params: Params,
    }
    /// Objects of each kind, for `add` and `replace`.
    #[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Objects;
    /// Ids of objects to remove, by kind. Links are named `"from-to"`.
    #[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Removals;

    /// The powers; a scenario needs at least one.
    factions: Faction "faction" id(id) allow(allow) unknown(UNKNOWN_FACTION)
        max(64);
    /// The map's places; a scenario needs at least one.
    regions: Region "region" id(id) allow(allow) unknown(UNKNOWN_REGION)
        max(10_000) remove("Regions to remove.");
    /// Connections between regions (rail, road, sea...); an overlay replaces one by its `from` and `to`.
    links: Link "link" key(|l: &Link| format!("{}-{}", l.from, l.to)) allow(allow)
        max(50_000) remove("Links to remove, named `\"from-to\"`.");
    /// Kinds of formation: arm, trains to move, march speed.
    formation_types: FormationType "formation type" id(id) unknown(UNKNOWN_TYPE)
        max(1_000);
    /// Formations standing at the start (more can be spawned by effects).
    formations: Formation "formation" id(id) allow(allow) unknown(UNKNOWN_FORMATION)
        max(100_000) remove("Formations to remove.");
    /// Treaties and their state at the start.
    treaties: Treaty "treaty" id(id) allow(allow) unknown(UNKNOWN_TREATY)
        max(1_000) remove("Treaties to remove.");
    /// Scripted events, checked every day in file order.
    events: Event "event" id(id) allow(allow) unknown(UNKNOWN_EVENT)
        max(10_000) remove("Events to remove.");
    /// Choices a faction takes once, when offered.
    decisions: Decision "decision" id(id) allow(allow) unknown(UNKNOWN_DECISION)
        max(10_000) remove("Decisions to remove.");
    /// Reference points from history, for `pact compare`.
    history: HistoryPoint "history point" id(id) remove("History points to remove.");
}
