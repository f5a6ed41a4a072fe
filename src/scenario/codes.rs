//! Every diagnostic pact reports, with its stable code and name.
//!
//! Codes never change meaning once published: tools and `allow` lists match
//! on them. One table, so the reference (`pact schema`) lists exactly the
//! codes the checks can emit; a `W` code is a warning, an `E` code an error.

/// A stable code (`E012`), its name (`unknown-region`) and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

impl Code {
    pub fn is_warning(self) -> bool {
        self.code.starts_with('W')
    }
}

macro_rules! codes {
    ($($konst:ident = $code:literal $name:literal: $summary:literal;)*) => {
        $(pub const $konst: Code = Code { code: $code, name: $name, summary: $summary };)*
        /// Every code, in number order.
        pub const ALL: &[Code] = &[$($konst),*];
    };
}

codes! {
    CANNOT_READ = "E000" "cannot-read": "A file or directory cannot be read (missing, a directory where a file is expected, no permission).";
    SYNTAX = "E001" "syntax": "RON syntax error, or the file is not UTF-8.";
    UNKNOWN_FIELD = "E002" "unknown-field": "A field the object does not have (often a misspelling; the hint names the nearest).";
    MISSING_FIELD = "E003" "missing-field": "A required field is absent.";
    WRONG_TYPE = "E004" "wrong-type": "A value of the wrong type (text where a number is expected, a list where an object is).";
    BAD_DATE = "E005" "bad-date": "A date that is not YYYY-MM-DD or does not exist.";
    UNKNOWN_VARIANT = "E006" "unknown-variant": "A value not among the allowed ones (terrain, link kind, condition, effect...).";
    DUPLICATE_FIELD = "E007" "duplicate-field": "The same field is given twice in one object.";
    TOO_DEEP = "E008" "too-deep": "Nesting deeper than the loader accepts (64 levels of brackets).";
    TOO_LARGE = "E009" "too-large": "A file larger than the loader accepts (16 MiB), or mods' files together over 64 MiB.";
    UNKNOWN_FACTION = "E010" "unknown-faction": "A reference to a faction id that no faction has.";
    DUPLICATE_ID = "E011" "duplicate-id": "Two objects of one kind share an id (also flags, variables, clauses, options).";
    UNKNOWN_REGION = "E012" "unknown-region": "A reference to a region id that no region has.";
    UNKNOWN_OPTION = "E013" "unknown-option": "A decision option that the decision does not offer.";
    UNKNOWN_TYPE = "E014" "unknown-type": "A reference to a formation type that does not exist.";
    UNKNOWN_FORMATION = "E015" "unknown-formation": "A reference to a formation that neither exists at the start nor is spawned by an effect.";
    UNKNOWN_THEATRE = "E016" "unknown-theatre": "A theatre no region belongs to.";
    UNKNOWN_TREATY = "E017" "unknown-treaty": "A reference to a treaty id that no treaty has.";
    UNKNOWN_EVENT = "E018" "unknown-event": "A reference to an event id that no event has.";
    UNKNOWN_DECISION = "E019" "unknown-decision": "A reference to a decision id that no decision has.";
    OUT_OF_RANGE = "E020" "out-of-range": "A number outside its allowed range (negative men, quality above 1, a zero-length link...).";
    DATE_OUTSIDE_PERIOD = "W021" "date-outside-period": "A date in a condition, treaty, front or history point that lies outside the scenario's period.";
    MISSING_DATE = "E022" "missing-date": "A treaty in force (or denounced) at the start without its `in_force` date.";
    END_BEFORE_START = "E023" "end-before-start": "A period whose end comes before its start (scenario, trigger, front).";
    NEWER_FORMAT = "E024" "newer-format": "The file declares a format version this pact does not read (newer than it, or an older save).";
    TOO_FEW_PARTIES = "E025" "too-few-parties": "A treaty with fewer than two parties.";
    NOT_FINITE = "E026" "not-finite": "NaN or infinity where a number is expected.";
    EMPTY_SECTION = "E027" "empty-section": "A scenario without factions or without regions, or a decision without options.";
    UNDECLARED_OUTCOME = "W030" "undeclared-outcome": "An outcome not listed in `meta.outcomes`: summaries will not report it.";
    REMOVE_UNKNOWN = "E031" "remove-unknown": "An overlay or mod removes an object its base does not have.";
    REPLACE_UNKNOWN = "E032" "replace-unknown": "An overlay or mod replaces an object its base does not have.";
    ADD_DUPLICATE = "E033" "add-duplicate": "An overlay or mod adds an object whose id the base already has.";
    OVERLAY_DEPTH = "E034" "overlay-depth": "Too many overlays stand on each other (8), usually a `base` cycle.";
    TOO_MANY_OBJECTS = "E035" "too-many-objects": "More objects of a kind than the engine accepts (e.g. 100,000 formations, 10,000 regions).";
    TOO_MANY_MODS = "E036" "too-many-mods": "More mods, or files in a mod, than the loader accepts (64 each).";
    PERIOD_TOO_LONG = "E037" "period-too-long": "A scenario period longer than 200 years.";
    MOD_HAS_BASE = "E038" "mod-has-base": "A mod's file names a `base`; mods apply to the scenario they are loaded with.";
    TOO_MANY_PROBLEMS = "E039" "too-many-problems": "More than 1,000 problems in one scenario, some of them errors: the rest are counted, not listed.";
    LINK_TO_NOWHERE = "E040" "link-to-nowhere": "A link whose end is not a region.";
    LINK_TO_ITSELF = "E041" "link-to-itself": "A link from a region to itself.";
    UNREACHABLE_REGION = "W042" "unreachable-region": "A region no other region of its owner's bloc reaches over links.";
    NO_RAIL_ROUTE = "W043" "no-rail-route": "A rail transfer to a region with no rail route from anywhere the formation can be.";
    DUPLICATE_LINK = "W044" "duplicate-link": "Two links of the same kind join the same two regions.";
    CAPACITY_OFF_RAIL = "W045" "capacity-off-rail": "A `rail_capacity` on a link that is not a railway: no train runs on it, so the number does nothing.";
    OVERLAY_DROPS = "W046" "overlay-drops": "An overlay's `params` names a list (e.g. `fronts`) and so replaces the base's whole: entries of the base's it leaves out are removed.";
    NEVER_HOLDS = "W047" "never-holds": "A condition `controls(faction: F, …)` where F and its allies hold no region, have no formation, spawn none and attack on no front: it can never hold.";
    FLAG_NEVER_SET = "W050" "flag-never-set": "A condition reads a flag that no effect, outcome, front or `flags` entry ever sets.";
    EVENT_OUTSIDE_PERIOD = "W051" "event-outside-period": "An event whose date window lies wholly outside the scenario's period: it never fires.";
    CONDITION_TOO_LATE = "W052" "condition-too-late": "An event or decision whose window closes before the earliest day its condition can hold (a flag set later, an event that fires later), or opens after the last (`before` a date not after `from`).";
    DECISION_NEVER_OFFERED = "W053" "decision-never-offered": "A decision whose offer window lies wholly outside the scenario's period.";
    TREATY_ACTION_IMPOSSIBLE = "W054" "treaty-action-impossible": "A treaty action that the treaty can never be in a state to take then (denounce a treaty never in force, ratify one already in force).";
    EVENT_CYCLE = "W055" "event-cycle": "Events that trigger each other on the same day (each sets a flag, or fires, the other needs): the result depends on file order.";
    UNDECLARED_VARIABLE = "W056" "undeclared-variable": "A condition reads a variable that nothing sets and `variables` does not declare (it reads as 0).";
    MORE_WARNINGS = "W057" "more-warnings": "More than 1,000 problems in one scenario, the rest warnings: they are counted, not listed.";
    UNGATED_ACTION = "W058" "ungated-action": "An event that spawns, moves or forces a surrender on a date alone: its condition reads nothing of the world (a flag, war, treaty, control, strength, event or decision) that would make the action possible.";
    MOD_MISSING_DEPENDENCY = "E060" "mod-missing-dependency": "A mod depends on a mod that is not loaded.";
    MOD_DEPENDENCY_CYCLE = "E061" "mod-dependency-cycle": "Mods depend on each other in a cycle.";
    MOD_DUPLICATE_ID = "E062" "mod-duplicate-id": "Two loaded mods have the same id.";
    NOT_A_MOD = "E063" "not-a-mod": "A directory given as a mod has no `mod.ron` manifest.";
    MOD_CONFLICT = "W064" "mod-conflict": "Two mods replace, remove or re-trigger the same object; the later one wins.";
    OUTSIDE_FOLDER = "E065" "outside-folder": "A mod's file or an overlay's `base` that is an absolute path or not a `.ron` file, or a mod's file that leads (by `..` or a symlink) outside the mod's folder.";
    NOT_A_RAIL_LINE = "E066" "not-a-rail-line": "A `rail_capacity` effect whose line has fewer than two regions, or two regions in a row that no rail link joins.";
    UNKNOWN_ALLOW = "W070" "unknown-allow": "An `allow` entry that names no warning (errors cannot be allowed).";
}

/// The code with this number or name, e.g. `W050` or `flag-never-set`.
pub fn find(key: &str) -> Option<Code> {
    ALL.iter()
        .copied()
        .find(|c| c.code.eq_ignore_ascii_case(key) || c.name == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let codes: BTreeSet<&str> = ALL.iter().map(|c| c.code).collect();
        let names: BTreeSet<&str> = ALL.iter().map(|c| c.name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
        for c in ALL {
            assert!(c.code.len() == 4 && (c.code.starts_with('E') || c.code.starts_with('W')));
            assert!(c.name.chars().all(|x| x.is_ascii_lowercase() || x == '-'));
        }
        let numbers: Vec<&str> = ALL.iter().map(|c| &c.code[1..]).collect();
        assert!(
            numbers.windows(2).all(|w| w[0] < w[1]),
            "ALL is in number order"
        );
    }
}
