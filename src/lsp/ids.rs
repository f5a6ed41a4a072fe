//! Which strings are ids, and of what: the fields that name a region, a
//! faction, a formation... as the scenario types declare them (see their
//! `///` comments: "Region id where it stands", "Faction id of its side").

use super::syntax::{Frame, Owner};

/// A kind of object other objects name by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Faction,
    Region,
    FormationType,
    Formation,
    Treaty,
    Event,
    Decision,
    History,
    /// A decision's option: its id is written `decision/option` here, as options
    /// are named within their decision.
    Option,
    /// A flag: "defined" where it is set (`set_flag`, `outcome`, `flags`, a
    /// front's outcomes), used where it is read or cleared.
    Flag,
    /// A theatre: "defined" by the regions in it (their `theatre`), used by
    /// selectors and `theatre(...)` scopes.
    Theatre,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Faction,
        Kind::Region,
        Kind::FormationType,
        Kind::Formation,
        Kind::Treaty,
        Kind::Event,
        Kind::Decision,
        Kind::History,
        Kind::Option,
        Kind::Flag,
        Kind::Theatre,
    ];

    /// Its section in a scenario or overlay file.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Faction => "factions",
            Kind::Region => "regions",
            Kind::FormationType => "formation_types",
            Kind::Formation => "formations",
            Kind::Treaty => "treaties",
            Kind::Event => "events",
            Kind::Decision => "decisions",
            Kind::History => "history",
            Kind::Option => "options",
            Kind::Flag => "flags",
            Kind::Theatre => "theatres",
        }
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Faction => "faction",
            Kind::Region => "region",
            Kind::FormationType => "formation type",
            Kind::Formation => "formation",
            Kind::Treaty => "treaty",
            Kind::Event => "event",
            Kind::Decision => "decision",
            Kind::History => "history point",
            Kind::Option => "decision option",
            Kind::Flag => "flag",
            Kind::Theatre => "theatre",
        }
    }

    /// Whether it is a name many places set (flags, theatres), not an object defined once.
    pub fn is_name(self) -> bool {
        matches!(self, Kind::Flag | Kind::Theatre)
    }

    /// The kind of object a section lists.
    fn of_section(section: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.section() == section && !k.is_name())
    }
}

/// What an occurrence of an id does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `id: "x"` of an object (or a spawned formation).
    Define,
    /// `id: "x"` of an overlay's `replace`: the same object, written again.
    Redefine,
    /// Any other mention.
    Use,
}

/// The object a frame is, for telling what its fields name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Obj<'a> {
    /// An element of a section's list; `under` is the overlay part (`add`, `replace`) if any.
    Section {
        name: &'a str,
        under: Option<&'a str>,
    },
    Call(&'a str),
    Key(&'a str),
    Other,
}

fn key_of(f: &Frame) -> Option<&str> {
    match &f.owner {
        Owner::Key(k) => Some(k),
        _ => None,
    }
}

/// What frame `i` of the stack is.
fn obj(stack: &[Frame], i: usize) -> Obj<'_> {
    let Some(f) = stack.get(i) else {
        return Obj::Other;
    };
    match &f.owner {
        Owner::Call(c) => Obj::Call(c),
        Owner::Key(k) => Obj::Key(k),
        Owner::Root => Obj::Other,
        Owner::Elem => {
            let Some(parent) = i.checked_sub(1).and_then(|p| stack.get(p)) else {
                return Obj::Other;
            };
            match &parent.owner {
                Owner::Key(section) if parent.open == b'[' => Obj::Section {
                    name: section,
                    under: i.checked_sub(2).and_then(|g| stack.get(g)).and_then(key_of),
                },
                // `spawn((...))`: a formation.
                Owner::Call(c) if *c == "spawn" => Obj::Section {
                    name: "formations",
                    under: None,
                },
                _ => Obj::Other,
            }
        }
    }
}

/// The kind of id a field holds, in the object it is written in.
fn field(key: &str, o: Obj<'_>, in_list: bool) -> Option<(Kind, Role)> {
    let use_ = |k| Some((k, Role::Use));
    if let Obj::Key("remove") = o
        && in_list
    {
        return Kind::of_section(key).map(|k| (k, Role::Use));
    }
    match key {
        "id" if !in_list => match o {
            Obj::Section { name, under } => Kind::of_section(name).map(|k| {
                let role = if under == Some("replace") {
                    Role::Redefine
                } else {
                    Role::Define
                };
                (k, role)
            }),
            _ => None,
        },
        "owner" | "faction" | "attacker" | "defender" | "observer" | "observed" | "by"
        | "perceived_by" | "allies" | "at_war_with" | "parties" => use_(Kind::Faction),
        "location" | "objectives" | "axis" | "region" | "to" => use_(Kind::Region),
        "from" if matches!(o, Obj::Section { name: "links", .. }) => use_(Kind::Region),
        "type"
            if matches!(
                o,
                Obj::Section {
                    name: "formations",
                    ..
                }
            ) =>
        {
            use_(Kind::FormationType)
        }
        "types" => use_(Kind::FormationType),
        "formation" | "parent" => use_(Kind::Formation),
        "treaty" => use_(Kind::Treaty),
        // `since(event: "e", days: n)`.
        "event" => use_(Kind::Event),
        "decision" => use_(Kind::Decision),
        "option" => use_(Kind::Option),
        "flags" if in_list => Some((Kind::Flag, Role::Define)),
        "theatre"
            if matches!(
                o,
                Obj::Section {
                    name: "regions",
                    ..
                }
            ) =>
        {
            Some((Kind::Theatre, Role::Define))
        }
        "theatre" => use_(Kind::Theatre),
        "fall_outcome" | "hold_outcome" => Some((Kind::Flag, Role::Define)),
        "outcomes" if in_list => use_(Kind::Flag),
        // `outcome(outcome: "x", ...)` in history points.
        "outcome" => use_(Kind::Flag),
        "historical"
            if matches!(
                o,
                Obj::Section {
                    name: "decisions",
                    ..
                }
            ) =>
        {
            use_(Kind::Option)
        }
        _ => None,
    }
}

/// The kind of a bare argument of a form: `fired("e")`, `region("r")`, `at_war("a", "b")`.
fn argument(call: &str) -> Option<(Kind, Role)> {
    let use_ = |k| Some((k, Role::Use));
    match call {
        "fired" => use_(Kind::Event),
        "region" => use_(Kind::Region),
        "remove" => use_(Kind::Formation),
        "at_war" | "declare_war" | "peace" => use_(Kind::Faction),
        "flag" | "clear_flag" => use_(Kind::Flag),
        "theatre" => use_(Kind::Theatre),
        "set_flag" | "outcome" => Some((Kind::Flag, Role::Define)),
        _ => None,
    }
}

/// What a string read with this stack open names, if it is an id.
pub fn classify(stack: &[Frame]) -> Option<(Kind, Role)> {
    let n = stack.len().checked_sub(1)?;
    let top = &stack[n];
    if let Some(key) = &top.key {
        return field(key, obj(stack, n), false);
    }
    match &top.owner {
        // `objectives: ["a", "b"]`: the list is the field's value.
        Owner::Key(k) if top.open == b'[' => field(k, obj(stack, n.checked_sub(1)?), true),
        Owner::Call(c)
            if top.index == 0 || matches!(c.as_str(), "at_war" | "declare_war" | "peace") =>
        {
            argument(c)
        }
        // Overlays' pairs: `offers: [("decision", (...))]`, `choose: [("decision", "option")]`.
        Owner::Elem => {
            let parent = stack.get(n.checked_sub(1)?)?;
            match (key_of(parent), top.index) {
                (Some("offers" | "choose"), 0) => Some((Kind::Decision, Role::Use)),
                (Some("choose"), 1) => Some((Kind::Option, Role::Use)),
                (Some("triggers"), 0) => Some((Kind::Event, Role::Use)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The kind of id expected at a place where a string is being written (not
/// a new object's id; a flag may be set anew, or read).
pub fn expected(stack: &[Frame]) -> Option<Kind> {
    classify(stack)
        .filter(|(k, r)| *r == Role::Use || k.is_name())
        .map(|(k, _)| k)
}

/// The decision an option written with this stack open belongs to.
pub fn decision_of(stack: &[Frame]) -> Option<String> {
    let n = stack.len().checked_sub(1)?;
    let top = &stack[n];
    let field = |f: &Frame, k: &str| {
        f.fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    match top.key.as_deref() {
        // An option's own id: the decision around it.
        Some("id") => (0..n).rev().find_map(|i| match obj(stack, i) {
            Obj::Section {
                name: "decisions", ..
            } => field(&stack[i], "id"),
            _ => None,
        }),
        Some("historical") => field(top, "id"),
        Some("option") => field(top, "decision"),
        // `choose: [("decision", "option")]`.
        _ => top.items.first().cloned(),
    }
}

/// Whether a string read with this stack open is a removed link's key (`"from-to"`).
pub fn link_key(stack: &[Frame]) -> bool {
    let n = stack.len();
    n >= 2
        && stack[n - 1].open == b'['
        && stack[n - 1].owner == Owner::Key("links".into())
        && stack[n - 2].owner == Owner::Key("remove".into())
}
