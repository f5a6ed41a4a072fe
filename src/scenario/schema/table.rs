//! The reference's text: every field of every object, every value, every
//! scripted form. Names are checked against the types (tests/schema.rs);
//! the rest is what a modder needs to know about them.

use super::{Choice, Field, Form, Object, Script, expected, f, fields, none, variants};
use crate::scenario::mods::Manifest;
use crate::scenario::overlay::{MetaPatch, Objects, Overlay, Removals};
use crate::scenario::types::*;

const ID: &str = "string";
const REQ: &str = "";

macro_rules! object {
    ($t:ty, $name:expr, $about:expr, [$($field:expr),* $(,)?]) => {
        Object {
            name: $name,
            about: $about,
            fields: &[$($field),*],
            probe: fields::<$t>,
        }
    };
}

macro_rules! choice {
    ($t:ty, $name:expr, $about:expr, [$(($v:expr, $m:expr)),* $(,)?]) => {
        Choice {
            name: $name,
            about: $about,
            values: &[$(($v, $m)),*],
            probe: variants::<$t>,
        }
    };
}

/// A form written with named fields; its probe names the form.
macro_rules! form {
    ($t:ty, $name:literal, $example:expr, $meaning:expr, [$($field:expr),* $(,)?]) => {
        Form {
            name: $name,
            example: $example,
            meaning: $meaning,
            fields: &[$($field),*],
            probe: || expected::<$t>(concat!($name, "(schema_probe: 0)")),
        }
    };
    ($name:literal, $example:expr, $meaning:expr) => {
        Form {
            name: $name,
            example: $example,
            meaning: $meaning,
            fields: &[],
            probe: none,
        }
    };
}

const ALLOW: Field = f(
    "allow",
    "list of codes",
    "",
    "[]",
    "Warnings not to report for this object, by code or name (`[\"W042\"]`); they are counted as suppressed.",
);

pub const OBJECTS: &[Object] = &[
    object!(
        Scenario,
        "Scenario",
        "The top level of a scenario file.",
        [
            f(
                "meta",
                "[Meta](#meta)",
                "",
                REQ,
                "Name, period, format version, outcome names."
            ),
            f(
                "factions",
                "list of [Faction](#faction)",
                "",
                REQ,
                "The powers; at least one."
            ),
            f(
                "regions",
                "list of [Region](#region)",
                "",
                REQ,
                "The map's places; at least one."
            ),
            f(
                "links",
                "list of [Link](#link)",
                "",
                "[]",
                "Connections between regions (rail, road, sea...)."
            ),
            f(
                "formation_types",
                "list of [FormationType](#formationtype)",
                "",
                REQ,
                "Kinds of formation: arm, trains to move, march speed."
            ),
            f(
                "formations",
                "list of [Formation](#formation)",
                "",
                "[]",
                "Formations standing at the start (more can be spawned by effects)."
            ),
            f(
                "treaties",
                "list of [Treaty](#treaty)",
                "",
                "[]",
                "Treaties and their state at the start."
            ),
            f(
                "flags",
                "list of string",
                "",
                "[]",
                "Flags set at the start."
            ),
            f(
                "variables",
                "list of [Variable](#variable)",
                "",
                "[]",
                "Numeric variables and their starting values."
            ),
            f(
                "events",
                "list of [Event](#event)",
                "",
                "[]",
                "Scripted events, checked every day in file order."
            ),
            f(
                "decisions",
                "list of [Decision](#decision)",
                "",
                "[]",
                "Choices a faction takes once, when offered."
            ),
            f(
                "params",
                "[Params](#params)",
                "",
                "()",
                "Model parameters (combat, movement, rail, supply, intelligence, abstract fronts)."
            ),
            f(
                "history",
                "list of [HistoryPoint](#historypoint)",
                "",
                "[]",
                "Reference points from history for `pact compare`."
            ),
        ]
    ),
    object!(
        Meta,
        "Meta",
        "What the scenario is and the period it covers.",
        [
            f(
                "name",
                "string",
                "",
                REQ,
                "Shown in summaries and `pact list`."
            ),
            f(
                "description",
                "string",
                "",
                "\"\"",
                "One paragraph for `pact list`."
            ),
            f("start", "date", "", REQ, "First day simulated."),
            f(
                "end",
                "date",
                "",
                REQ,
                "Last day simulated; not before `start`, at most 200 years after it."
            ),
            f("authors", "list of string", "", "[]", "Who wrote it."),
            f(
                "format",
                "integer",
                "",
                REQ,
                "Scenario format version; at most the one this pact reads (1)."
            ),
            f(
                "outcomes",
                "list of string",
                "",
                "[]",
                "Outcome names summaries report; each is also a flag once recorded."
            ),
        ]
    ),
    object!(
        Faction,
        "Faction",
        "A power. Factions linked by `allies` (either way) fight as one bloc, led by its first-listed member.",
        [
            f("id", ID, "", REQ, "Unique id."),
            f("name", "string", "", REQ, "Shown in the chronicle."),
            f(
                "color",
                "(r, g, b)",
                "0–255 each",
                "(128, 128, 128)",
                "Map colour."
            ),
            f(
                "controller",
                "[Controller](#controller)",
                "",
                "historical",
                "Who takes its decisions (overridden by `--controller`)."
            ),
            f(
                "at_war_with",
                "list of faction id",
                "",
                "[]",
                "Factions it is at war with at the start."
            ),
            f(
                "plan",
                "[Plan](#plan)",
                "",
                "()",
                "Starting operational plan."
            ),
            f(
                "allies",
                "list of faction id",
                "",
                "[]",
                "Factions whose formations and regions count as its own."
            ),
            ALLOW,
        ]
    ),
    object!(
        Plan,
        "Plan",
        "What a faction's formations do when no one orders them otherwise.",
        [
            f(
                "stance",
                "[Stance](#stance)",
                "",
                "defend",
                "Hold ground, or advance on the objectives."
            ),
            f(
                "objectives",
                "list of region id",
                "",
                "[]",
                "Regions to take, in priority order; attacking formations head for the nearest."
            ),
        ]
    ),
    object!(
        Region,
        "Region",
        "A place on the map. Formations stand in regions and move along links.",
        [
            f("id", ID, "", REQ, "Unique id."),
            f("name", "string", "", REQ, "Shown in the chronicle."),
            f(
                "lat",
                "number",
                "degrees north",
                REQ,
                "Latitude, −90 to 90 (for distances and the map)."
            ),
            f(
                "lon",
                "number",
                "degrees east",
                REQ,
                "Longitude, −180 to 180."
            ),
            f(
                "terrain",
                "[Terrain](#terrain)",
                "",
                REQ,
                "Slows movement and helps defence (see `params`)."
            ),
            f(
                "owner",
                "faction id",
                "",
                REQ,
                "Faction that controls it at the start."
            ),
            f(
                "value",
                "number",
                "",
                "1.0",
                "Strategic weight (1 = ordinary), at least 0."
            ),
            f(
                "theatre",
                "string",
                "",
                "\"main\"",
                "Theatre it belongs to; strength conditions and selectors can name a theatre."
            ),
            f(
                "fort",
                "number",
                "level",
                "0.0",
                "Fortification, 0 (none) to 3 (fortified district)."
            ),
            f(
                "depot",
                "bool",
                "",
                "false",
                "A supply base: the owner's formations here, or joined to it by rail, are supplied."
            ),
            ALLOW,
        ]
    ),
    object!(
        Link,
        "Link",
        "A connection between two regions, usable both ways. Overlays name a link `\"from-to\"`.",
        [
            f("from", "region id", "", REQ, "One end."),
            f("to", "region id", "", REQ, "The other end; not `from`."),
            f(
                "kind",
                "[LinkKind](#linkkind)",
                "",
                REQ,
                "Rail links carry rail transfers; every kind carries marches."
            ),
            f("length_km", "number", "km", REQ, "Length, 0.1 to 20,000."),
            f(
                "rail_capacity",
                "number",
                "trains a day each way",
                "params.rail.default_capacity",
                "Rail links only, 0 to 1,000."
            ),
            ALLOW,
        ]
    ),
    object!(
        FormationType,
        "FormationType",
        "A kind of formation.",
        [
            f("id", ID, "", REQ, "Unique id, named by formations' `type`."),
            f("name", "string", "", REQ, "Shown in reports."),
            f("arm", "[Arm](#arm)", "", REQ, "Infantry, armour, air..."),
            f(
                "trains",
                "integer",
                "trains",
                REQ,
                "Trains needed to move it by rail (a rifle division: 36); 0 moves as 1."
            ),
            f(
                "speed_km",
                "number",
                "km a day",
                REQ,
                "Road march in good going, 0 to 1,000."
            ),
            f(
                "division",
                "bool",
                "",
                "false",
                "Whether it counts in `divisions` strength measures."
            ),
        ]
    ),
    object!(
        Formation,
        "Formation",
        "A unit on the map: at the start (`formations`) or spawned by an effect.",
        [
            f("id", ID, "", REQ, "Unique id."),
            f("name", "string", "", REQ, "Shown in the chronicle."),
            f("faction", "faction id", "", REQ, "Its side."),
            f("type", "formation type id", "", REQ, "Its kind."),
            f("location", "region id", "", REQ, "Where it stands."),
            f("men", "number", "men", REQ, "At least 0."),
            f("tanks", "number", "tanks", "0.0", "At least 0."),
            f("guns", "number", "guns and mortars", "0.0", "At least 0."),
            f("aircraft", "number", "aircraft", "0.0", "At least 0."),
            f(
                "quality",
                "number",
                "0–1",
                "0.5",
                "Training, leadership and equipment."
            ),
            f(
                "posture",
                "[Posture](#posture)",
                "",
                "defend",
                "What it does in the field."
            ),
            f(
                "winter",
                "number",
                "0–1",
                "0.5",
                "Readiness for winter operations."
            ),
            f(
                "parent",
                "formation id",
                "",
                "none",
                "Headquarters it belongs to (for depth measures)."
            ),
            f(
                "axis",
                "list of region id",
                "",
                "[]",
                "Its axis of advance: regions to take in order; while any is in enemy hands it heads for the first such one instead of the faction's objectives."
            ),
            f(
                "spread",
                "(low, high)",
                "factor",
                "none",
                "Uncertain strength: men, tanks, guns and aircraft are scaled by a factor drawn per seed in this range (non-negative, low first)."
            ),
            ALLOW,
        ]
    ),
    object!(
        Treaty,
        "Treaty",
        "A treaty: draft → signed → in force → denounced (binding until its term ends) → expired; a declaration of war between parties of a binding non-aggression or neutrality treaty violates it.",
        [
            f("id", ID, "", REQ, "Unique id."),
            f("name", "string", "", REQ, "Shown in the chronicle."),
            f("parties", "list of faction id", "", REQ, "Two or more."),
            f(
                "status",
                "[TreatyStatus](#treatystatus)",
                "",
                "draft",
                "State at the start."
            ),
            f(
                "signed",
                "date",
                "",
                "none",
                "Date signed, if signed at the start."
            ),
            f(
                "in_force",
                "date",
                "",
                "none",
                "Date it came into force; required if `in_force` or `denounced` at the start."
            ),
            f(
                "term_years",
                "integer",
                "years",
                REQ,
                "Term from entry into force, 1 to 1,000."
            ),
            f(
                "notice_days",
                "integer",
                "days",
                REQ,
                "Notice of denunciation required before expiry."
            ),
            f(
                "auto_renew",
                "bool",
                "",
                "false",
                "Renews for another term unless denounced in time."
            ),
            f(
                "clauses",
                "list of [Clause](#clause)",
                "",
                "[]",
                "Its articles."
            ),
            ALLOW,
        ]
    ),
    object!(
        Clause,
        "Clause",
        "An article of a treaty.",
        [
            f("id", ID, "", REQ, "Unique within the treaty."),
            f(
                "kind",
                "[ClauseKind](#clausekind)",
                "",
                REQ,
                "Non-aggression and neutrality clauses make a declaration of war a violation."
            ),
            f(
                "text",
                "string",
                "",
                REQ,
                "The article, quoted or paraphrased."
            ),
        ]
    ),
    object!(
        Trigger,
        "Trigger",
        "When an event may fire, or a decision is offered.",
        [
            f("from", "date", "", "none", "Not before this day."),
            f(
                "until",
                "date",
                "",
                "none",
                "Not after this day; not before `from`."
            ),
            f(
                "when",
                "[condition](#conditions)",
                "",
                "always",
                "Tested each day in the window."
            ),
            f("chance", "number", "0–1", "1.0", "Chance per eligible day."),
            f("repeat", "bool", "", "false", "Fire again on later days."),
            f(
                "cooldown_days",
                "integer",
                "days",
                "1",
                "Days between repeats."
            ),
        ]
    ),
    object!(
        Event,
        "Event",
        "Something that happens: checked each day, in file order; when its trigger holds, its effects apply.",
        [
            f("id", ID, "", REQ, "Unique id."),
            f(
                "name",
                "string",
                "",
                "\"\"",
                "Shown in the chronicle when no effect writes a line."
            ),
            f("trigger", "[Trigger](#trigger)", "", REQ, "When it fires."),
            f(
                "effects",
                "list of [effect](#effects)",
                "",
                "[]",
                "What it does."
            ),
            ALLOW,
        ]
    ),
    object!(
        Selector,
        "Selector",
        "Which formations an effect applies to.",
        [
            f("faction", "faction id", "", REQ, "Their faction."),
            f("theatre", "string", "", "none", "Only in this theatre."),
            f("region", "region id", "", "none", "Only in this region."),
            f(
                "types",
                "list of formation type id",
                "",
                "[]",
                "Only these types (empty: any)."
            ),
            f(
                "count",
                "integer",
                "",
                "none",
                "At most this many, in file order."
            ),
        ]
    ),
    object!(
        DecisionOption,
        "DecisionOption",
        "One answer to a decision.",
        [
            f("id", ID, "", REQ, "Unique within the decision."),
            f(
                "name",
                "string",
                "",
                REQ,
                "Shown when asked and in the chronicle."
            ),
            f("description", "string", "", "\"\"", "What it means."),
            f(
                "effects",
                "list of [effect](#effects)",
                "",
                "[]",
                "What taking it does."
            ),
            f(
                "weight",
                "number",
                "",
                "1.0",
                "Base weight for the AI controller, at least 0."
            ),
            f(
                "modifiers",
                "list of [WeightModifier](#weightmodifier)",
                "",
                "[]",
                "Multipliers on the weight while their condition holds."
            ),
        ]
    ),
    object!(
        WeightModifier,
        "WeightModifier",
        "A multiplier on an option's AI weight.",
        [
            f(
                "when",
                "[condition](#conditions)",
                "",
                REQ,
                "While this holds..."
            ),
            f(
                "factor",
                "number",
                "",
                REQ,
                "...the weight is multiplied by this, at least 0."
            ),
        ]
    ),
    object!(
        Decision,
        "Decision",
        "A choice a faction takes once, on the first day it is offered.",
        [
            f("id", ID, "", REQ, "Unique id."),
            f("name", "string", "", REQ, "The question."),
            f("description", "string", "", "\"\"", "Background."),
            f("faction", "faction id", "", REQ, "Who decides."),
            f(
                "offered",
                "[Trigger](#trigger)",
                "",
                "()",
                "When it is offered."
            ),
            f(
                "options",
                "list of [DecisionOption](#decisionoption)",
                "",
                REQ,
                "The answers; at least one."
            ),
            f(
                "historical",
                "option id",
                "",
                REQ,
                "The answer history gave (taken by the `historical` controller)."
            ),
            ALLOW,
        ]
    ),
    object!(
        Variable,
        "Variable",
        "A numeric variable.",
        [
            f(
                "name",
                "string",
                "",
                REQ,
                "Unique name, read by `var(...)`."
            ),
            f("value", "number", "", REQ, "Starting value."),
        ]
    ),
    object!(
        HistoryPoint,
        "HistoryPoint",
        "A fact from history to compare runs with (`pact compare`).",
        [
            f("id", ID, "", REQ, "Unique id."),
            f("name", "string", "", REQ, "Shown in the table."),
            f(
                "source",
                "string",
                "",
                REQ,
                "Source tag from the reference, e.g. `TRET`."
            ),
            f(
                "measure",
                "[history measure](#history-measures)",
                "",
                REQ,
                "What is measured."
            ),
        ]
    ),
    object!(
        Params,
        "Params",
        "Model parameters; each part has its own defaults.",
        [
            f("combat", "[CombatParams](#combatparams)", "", "()", ""),
            f(
                "movement",
                "[MovementParams](#movementparams)",
                "",
                "()",
                ""
            ),
            f("rail", "[RailParams](#railparams)", "", "()", ""),
            f("supply", "[SupplyParams](#supplyparams)", "", "()", ""),
            f(
                "intelligence",
                "[IntelligenceParams](#intelligenceparams)",
                "",
                "()",
                ""
            ),
            f(
                "fronts",
                "list of [AbstractFront](#abstractfront)",
                "",
                "[]",
                "Fronts fought off the map."
            ),
        ]
    ),
    object!(
        CombatParams,
        "CombatParams",
        "How battles are resolved.",
        [
            f(
                "model",
                "[CombatModel](#combatmodel)",
                "",
                "force_ratio",
                "Results table or Lanchester attrition."
            ),
            f(
                "weights",
                "(man, tank, gun, aircraft)",
                "power each",
                "(1.0, 40.0, 15.0, 20.0)",
                "Combat power of one of each, 0 to 100 each."
            ),
            f(
                "loss_rate",
                "number",
                "share a day",
                "0.02",
                "Share of the weaker side's men lost a day at 1:1, 0 to 1."
            ),
            f(
                "killed_share",
                "number",
                "0–1",
                "0.3",
                "Of men lost, share killed."
            ),
            f(
                "wounded_share",
                "number",
                "0–1",
                "0.5",
                "Of men lost, share wounded (the rest missing or captured); with `killed_share` at most 1."
            ),
            f(
                "fort_bonus",
                "number",
                "per fort level",
                "0.5",
                "Defence × (1 + fort_bonus × fort)."
            ),
            f(
                "terrain_defence",
                "list of (terrain, factor)",
                "",
                "[]",
                "Defence multiplier by terrain (unlisted: 1)."
            ),
            f(
                "retreat_ratio",
                "number",
                "",
                "3.0",
                "Attacker/defender ratio at which the defender gives ground."
            ),
            f(
                "noise",
                "number",
                "0–1",
                "0.2",
                "Random spread of daily results."
            ),
        ]
    ),
    object!(
        MovementParams,
        "MovementParams",
        "How fast formations march.",
        [
            f(
                "terrain",
                "list of (terrain, factor)",
                "",
                "[]",
                "Speed multiplier by terrain entered (unlisted: 1)."
            ),
            f(
                "links",
                "list of (link kind, factor)",
                "",
                "[]",
                "Speed multiplier by link kind."
            ),
            f(
                "months",
                "list of (month, factor)",
                "month 1–12",
                "[]",
                "Speed multiplier by month (mud, frost)."
            ),
            f(
                "contested",
                "number",
                "",
                "0.7",
                "Speed multiplier where enemy troops stand in the region entered."
            ),
        ]
    ),
    object!(
        RailParams,
        "RailParams",
        "Rail transfers.",
        [
            f(
                "km_per_day",
                "number",
                "km a day",
                "800.0",
                "Distance a train covers in a day, 1 to 100,000."
            ),
            f(
                "default_capacity",
                "number",
                "trains a day",
                "12.0",
                "Capacity of a rail link without its own `rail_capacity`."
            ),
            f(
                "loading_days",
                "integer",
                "days",
                "1",
                "Days to entrain before the first train leaves, at most 365."
            ),
        ]
    ),
    object!(
        SupplyParams,
        "SupplyParams",
        "Supply: formations far from a depot run down.",
        [
            f(
                "drain",
                "number",
                "0–1 a day",
                "0.08",
                "Supply lost a day when out of supply."
            ),
            f(
                "recover",
                "number",
                "0–1 a day",
                "0.1",
                "Supply regained a day when in supply."
            ),
            f(
                "halt_below",
                "number",
                "0–1",
                "0.15",
                "Below this, formations cannot advance."
            ),
            f(
                "reach_km",
                "number",
                "km",
                "150.0",
                "Road distance from a railhead still supplied."
            ),
            f(
                "captured_rail",
                "number",
                "0–1",
                "0.3",
                "Cost factor on captured rail: 0 as good as one's own, 1 as slow as a road."
            ),
            f(
                "fuel",
                "list of (arm, factor)",
                "0–1 a day's march",
                "[]",
                "Supply (fuel) burnt by a full day's march, by arm (unlisted: none). Such formations burn it only marching (halted beyond reach they keep it), are refilled by `recover` a day within reach even on the march, march only as far as it lasts and, attacking, set off on a leg only with fuel for it (or a day's march of it) over `halt_below`."
            ),
        ]
    ),
    object!(
        IntelligenceParams,
        "IntelligenceParams",
        "How factions see each other's strength.",
        [f(
            "estimates",
            "list of [Estimate](#estimate)",
            "",
            "[]",
            "One per observer and observed faction."
        ),]
    ),
    object!(
        Estimate,
        "Estimate",
        "How one faction sees another in `perceived_by` strength conditions.",
        [
            f("observer", "faction id", "", REQ, "Who looks."),
            f("observed", "faction id", "", REQ, "Who is seen."),
            f(
                "factor",
                "(low, high)",
                "factor",
                REQ,
                "Perceived = true strength × a factor drawn once per seed in this range."
            ),
            f(
                "lag_days",
                "integer",
                "days",
                "0",
                "Perception lags reality by this many days, at most 30."
            ),
        ]
    ),
    object!(
        AbstractFront,
        "AbstractFront",
        "A front fought off the map (the German drive on Moscow). Each day the attacker advances `base_advance_km × (ratio − 1)` km, clamped to 0 – 3 × `base_advance_km`, where ratio = attacker power × season ÷ defender power; the defender's power is `defender_base` plus its formations in `region`.",
        [
            f(
                "id",
                ID,
                "",
                REQ,
                "Unique id; the engine keeps variable `<id>.distance_km`."
            ),
            f("name", "string", "", REQ, "Shown in the chronicle."),
            f(
                "region",
                "region id",
                "",
                REQ,
                "Region standing for the front; formations sent there fight in it."
            ),
            f("attacker", "faction id", "", REQ, ""),
            f("defender", "faction id", "", REQ, ""),
            f(
                "from",
                "date",
                "",
                REQ,
                "The front is active from this day..."
            ),
            f(
                "until",
                "date",
                "",
                REQ,
                "...to this day (then the defender has held)."
            ),
            f(
                "distance_km",
                "number",
                "km",
                REQ,
                "Front line to objective at `from`."
            ),
            f(
                "attacker_power",
                "number",
                "men-equivalents",
                REQ,
                "Attacker power at `from`."
            ),
            f(
                "attacker_spread",
                "(low, high)",
                "factor",
                "(1.0, 1.0)",
                "Uncertainty of `attacker_power`, drawn once per seed."
            ),
            f(
                "attacker_change",
                "number",
                "a day",
                REQ,
                "Change of attacker power a day (attrition: negative)."
            ),
            f(
                "defender_base",
                "number",
                "men-equivalents",
                REQ,
                "Defender power not represented by formations."
            ),
            f(
                "defender_change",
                "number",
                "a day",
                REQ,
                "Its change a day (mobilisation)."
            ),
            f(
                "base_advance_km",
                "number",
                "km a day",
                REQ,
                "Scale of advance, 0 to 10,000."
            ),
            f(
                "season",
                "list of (month, factor)",
                "",
                "[]",
                "Attacker power multiplier by month."
            ),
            f(
                "winter_months",
                "list of month",
                "1–12",
                "[]",
                "Months in which formations' `winter` readiness multiplies their power."
            ),
            f(
                "counter_ratio",
                "number",
                "",
                REQ,
                "Defender/attacker ratio from which the defender counterattacks..."
            ),
            f(
                "counter_from",
                "date",
                "",
                REQ,
                "...but not before this day."
            ),
            f(
                "noise",
                "number",
                "0–1",
                "0.0",
                "Daily random spread of the ratio."
            ),
            f(
                "fall_outcome",
                "string",
                "",
                REQ,
                "Outcome (and flag) recorded when the objective falls."
            ),
            f(
                "hold_outcome",
                "string",
                "",
                REQ,
                "Outcome (and flag) recorded when the defender counterattacks or holds to `until`."
            ),
        ]
    ),
    object!(
        Overlay,
        "Overlay",
        "A file that changes a scenario instead of copying it: what-ifs name their `base`; a mod's files do not (they apply to the scenario the mod is loaded with). Removals apply first, then replacements, then additions.",
        [
            f(
                "base",
                "path",
                "",
                "none",
                "The scenario this one changes, relative to this file (what-ifs only; not in mods)."
            ),
            f(
                "meta",
                "[MetaPatch](#metapatch)",
                "",
                "()",
                "Parts of `meta` to change."
            ),
            f(
                "add",
                "[Objects](#objects-1)",
                "",
                "()",
                "New objects; their ids must be new."
            ),
            f(
                "replace",
                "[Objects](#objects-1)",
                "",
                "()",
                "Objects replaced whole, matched by id (links by `from` and `to`)."
            ),
            f(
                "remove",
                "[Removals](#removals)",
                "",
                "()",
                "Ids of objects to remove."
            ),
            f(
                "triggers",
                "list of (event id, [Trigger](#trigger))",
                "",
                "[]",
                "New triggers for existing events."
            ),
            f(
                "offers",
                "list of (decision id, [Trigger](#trigger))",
                "",
                "[]",
                "New offer windows for existing decisions."
            ),
            f(
                "choose",
                "list of (decision id, option id)",
                "",
                "[]",
                "Changes a decision's recorded (`historical`) option."
            ),
            f(
                "params",
                "[Params](#params)",
                "",
                "none",
                "Replaces the model parameters as a whole."
            ),
        ]
    ),
    object!(
        Objects,
        "Objects",
        "Objects to add or replace, by kind (all optional).",
        [
            f("factions", "list of [Faction](#faction)", "", "[]", ""),
            f("regions", "list of [Region](#region)", "", "[]", ""),
            f("links", "list of [Link](#link)", "", "[]", ""),
            f(
                "formation_types",
                "list of [FormationType](#formationtype)",
                "",
                "[]",
                ""
            ),
            f(
                "formations",
                "list of [Formation](#formation)",
                "",
                "[]",
                ""
            ),
            f("treaties", "list of [Treaty](#treaty)", "", "[]", ""),
            f("events", "list of [Event](#event)", "", "[]", ""),
            f("decisions", "list of [Decision](#decision)", "", "[]", ""),
            f(
                "history",
                "list of [HistoryPoint](#historypoint)",
                "",
                "[]",
                ""
            ),
        ]
    ),
    object!(
        Removals,
        "Removals",
        "Ids of objects to remove, by kind; links as `\"from-to\"`.",
        [
            f("regions", "list of region id", "", "[]", ""),
            f("links", "list of `\"from-to\"`", "", "[]", ""),
            f("formations", "list of formation id", "", "[]", ""),
            f("treaties", "list of treaty id", "", "[]", ""),
            f("events", "list of event id", "", "[]", ""),
            f("decisions", "list of decision id", "", "[]", ""),
            f("history", "list of history point id", "", "[]", ""),
        ]
    ),
    object!(
        MetaPatch,
        "MetaPatch",
        "The parts of `meta` an overlay may change.",
        [
            f("name", "string", "", "none", ""),
            f("description", "string", "", "none", ""),
            f("start", "date", "", "none", ""),
            f("end", "date", "", "none", ""),
            f(
                "authors",
                "list of string",
                "",
                "[]",
                "Added to the base's."
            ),
            f(
                "outcomes",
                "list of string",
                "",
                "[]",
                "Outcome names added to the base's."
            ),
        ]
    ),
    object!(
        Manifest,
        "Mod manifest (mod.ron)",
        "A mod is a folder with this manifest and overlay files. Mods apply in dependency order, then by `load_order`, then by id; `pact run SCENARIO --mod DIR` and `pact validate SCENARIO --mod DIR` load them.",
        [
            f(
                "id",
                ID,
                "",
                REQ,
                "Unique among loaded mods; named by others' `depends_on`."
            ),
            f("name", "string", "", REQ, "Shown to players."),
            f(
                "version",
                "string",
                "",
                REQ,
                "The mod's own version, e.g. `\"1.0.0\"`."
            ),
            f("description", "string", "", "\"\"", ""),
            f("authors", "list of string", "", "[]", ""),
            f(
                "depends_on",
                "list of mod id",
                "",
                "[]",
                "Mods that must be loaded too, and apply first. A mod may change what a mod it depends on changed without a conflict warning."
            ),
            f(
                "load_order",
                "integer",
                "",
                "0",
                "Among mods free to go in any order, lower applies first."
            ),
            f(
                "files",
                "list of path",
                "",
                REQ,
                "Overlay files in the folder, applied in this order (at most 64)."
            ),
        ]
    ),
];

pub const CHOICES: &[Choice] = &[
    choice!(
        Controller,
        "Controller",
        "Who takes a faction's decisions.",
        [
            ("historical", "Takes the option recorded as historical."),
            ("ai", "Weighs options by their weights and modifiers."),
            ("player", "Asks a person (the terminal when interactive)."),
            ("policy", "Fixed answers given with `--choose`."),
        ]
    ),
    choice!(
        Stance,
        "Stance",
        "A faction's plan.",
        [
            ("defend", "Hold ground; fight only when attacked."),
            (
                "offensive",
                "Formations in `attack` posture advance on the objectives."
            ),
        ]
    ),
    choice!(
        Terrain,
        "Terrain",
        "A region's ground.",
        [
            ("plain", ""),
            ("steppe", ""),
            ("desert", ""),
            ("hills", ""),
            ("mountain", ""),
            ("forest", ""),
            ("taiga", ""),
            ("marsh", ""),
            ("urban", ""),
            ("island", ""),
        ]
    ),
    choice!(
        LinkKind,
        "LinkKind",
        "What a link is.",
        [
            ("rail", "Carries rail transfers (and marches)."),
            ("road", ""),
            ("track", ""),
            ("pass", ""),
            ("river_crossing", ""),
            ("sea", ""),
        ]
    ),
    choice!(
        Arm,
        "Arm",
        "A formation type's arm of service.",
        [
            ("infantry", ""),
            ("cavalry", ""),
            ("armour", ""),
            ("mechanised", ""),
            ("airborne", ""),
            ("air", ""),
            ("naval", ""),
            ("headquarters", ""),
        ]
    ),
    choice!(
        Posture,
        "Posture",
        "What a formation does in the field.",
        [
            (
                "attack",
                "Advances on its faction's objectives when the plan is offensive."
            ),
            ("defend", "Holds its region."),
            ("reserve", "Held back; joins fights in its own region only."),
            ("garrison", "Never leaves its region."),
        ]
    ),
    choice!(
        TreatyStatus,
        "TreatyStatus",
        "A treaty's state.",
        [
            ("draft", "Negotiated, not signed."),
            ("signed", "Signed, not in force."),
            ("in_force", "Binding."),
            ("denounced", "Notice given; binding until it expires."),
            ("expired", "No longer binding."),
            ("violated", "Broken by a party."),
        ]
    ),
    choice!(
        ClauseKind,
        "ClauseKind",
        "What a clause is about.",
        [
            (
                "non_aggression",
                "Parties may not make war on each other while it binds."
            ),
            (
                "neutrality",
                "Neutrality if a party is attacked by a third power."
            ),
            ("territorial", ""),
            ("term", "Term, renewal and notice."),
            ("other", ""),
        ]
    ),
    choice!(
        Cmp,
        "Cmp",
        "A comparison in conditions.",
        [
            ("lt", "<"),
            ("le", "≤"),
            ("eq", "="),
            ("ge", "≥"),
            ("gt", ">"),
        ]
    ),
    choice!(
        Measure,
        "Measure",
        "What strength conditions count.",
        [
            ("men", ""),
            ("divisions", "Formations whose type has `division: true`."),
            ("formations", ""),
            ("tanks", ""),
            ("guns", ""),
            ("aircraft", ""),
        ]
    ),
    choice!(
        TreatyAction,
        "TreatyAction",
        "What an effect does to a treaty; an action its state does not allow is ignored (and `W054` warns when that is certain).",
        [
            ("sign", "draft → signed"),
            ("ratify", "draft or signed → in force"),
            (
                "denounce",
                "in force → denounced (binding to the end of its term)"
            ),
            ("violate", "binding → violated"),
            ("expire", "signed or binding → expired"),
        ]
    ),
    choice!(
        CombatModel,
        "CombatModel",
        "How battles are resolved.",
        [
            (
                "force_ratio",
                "A combat results table on the force ratio, as in board wargames."
            ),
            ("lanchester", "Lanchester square law attrition."),
        ]
    ),
];

const NAME: &str = "string";

pub const SCRIPTS: &[Script] = &[
    Script {
        name: "Conditions",
        about: "Tests of the world, in triggers and weight modifiers. `not`, `all` and `any` combine them.",
        probe: variants::<Condition>,
        forms: &[
            form!("always", "always", "Always holds."),
            form!("never", "never", "Never holds (disables an event)."),
            form!(
                "after",
                "after(\"1941-06-22\")",
                "Today is on or after the date."
            ),
            form!(
                "before",
                "before(\"1941-06-22\")",
                "Today is before the date."
            ),
            form!(
                "flag",
                "flag(\"go\")",
                "The flag is set (by `flags`, `set_flag`, or an outcome)."
            ),
            form!(
                Condition,
                "var",
                "var(name: \"morale\", op: lt, value: 0.5)",
                "Compares a variable (0 if never set).",
                [
                    f("name", NAME, "", REQ, "Variable name."),
                    f("op", "[Cmp](#cmp)", "", REQ, ""),
                    f("value", "number", "", REQ, ""),
                ]
            ),
            form!(
                Condition,
                "treaty",
                "treaty(treaty: \"pact\", status: in_force)",
                "A treaty is in a state.",
                [
                    f("treaty", "treaty id", "", REQ, ""),
                    f("status", "[TreatyStatus](#treatystatus)", "", REQ, ""),
                ]
            ),
            form!(
                "at_war",
                "at_war(\"ussr\", \"japan\")",
                "The two factions' blocs are at war."
            ),
            form!(
                Condition,
                "strength",
                "strength(faction: \"ussr\", scope: theatre(\"far_east\"), measure: divisions, op: le, value: 15.0)",
                "Strength of a faction and its allies in a scope.",
                [
                    f("faction", "faction id", "", REQ, ""),
                    f("scope", "[scope](#scopes)", "", REQ, "Where to count."),
                    f("measure", "[Measure](#measure)", "", REQ, ""),
                    f("op", "[Cmp](#cmp)", "", REQ, ""),
                    f("value", "number", "", REQ, ""),
                    f(
                        "perceived_by",
                        "faction id",
                        "",
                        "none",
                        "Seen through this faction's intelligence estimate."
                    ),
                ]
            ),
            form!(
                Condition,
                "strength_ratio",
                "strength_ratio(faction: \"ussr\", scope: everywhere, measure: tanks, op: le, value: 0.34)",
                "Strength relative to the start of the scenario (1.0 = unchanged).",
                [
                    f("faction", "faction id", "", REQ, ""),
                    f("scope", "[scope](#scopes)", "", REQ, ""),
                    f("measure", "[Measure](#measure)", "", REQ, ""),
                    f("op", "[Cmp](#cmp)", "", REQ, ""),
                    f("value", "number", "ratio", REQ, ""),
                    f("perceived_by", "faction id", "", "none", ""),
                ]
            ),
            form!(
                Condition,
                "controls",
                "controls(faction: \"ussr\", region: \"harbin\")",
                "The faction's bloc controls the region.",
                [
                    f("faction", "faction id", "", REQ, ""),
                    f("region", "region id", "", REQ, ""),
                ]
            ),
            form!(
                "fired",
                "fired(\"barbarossa\")",
                "The event has fired at least once."
            ),
            form!(
                Condition,
                "chose",
                "chose(decision: \"kantokuen_1941\", option: \"strike_north\")",
                "The decision was taken with this option.",
                [
                    f("decision", "decision id", "", REQ, ""),
                    f("option", "option id", "", REQ, ""),
                ]
            ),
            form!(
                "chance",
                "chance(0.3)",
                "Holds with this probability (0–1) each time it is tested."
            ),
            form!(
                "all",
                "all([flag(\"a\"), flag(\"b\")])",
                "Every condition holds."
            ),
            form!(
                "any",
                "any([flag(\"a\"), flag(\"b\")])",
                "At least one holds."
            ),
            form!("not", "not(flag(\"a\"))", "The condition does not hold."),
        ],
    },
    Script {
        name: "Effects",
        about: "Changes to the world, applied in order when an event fires or an option is taken.",
        probe: variants::<Effect>,
        forms: &[
            form!("set_flag", "set_flag(\"go\")", "Sets a flag."),
            form!("clear_flag", "clear_flag(\"go\")", "Clears a flag."),
            form!("set_var", "set_var(\"morale\", 1.0)", "Sets a variable."),
            form!(
                "add_var",
                "add_var(\"morale\", -0.1)",
                "Adds to a variable (from 0 if unset)."
            ),
            form!(
                "spawn",
                "spawn((id: \"r9\", name: \"9th Rifle\", faction: \"red\", type: \"rifle\", location: \"depot\", men: 9000.0))",
                "Creates a [Formation](#formation)."
            ),
            form!("remove", "remove(\"r9\")", "Removes a formation."),
            form!(
                Effect,
                "teleport",
                "teleport(formation: \"r9\", to: \"west\")",
                "Moves a formation at once.",
                [
                    f("formation", "formation id", "", REQ, ""),
                    f("to", "region id", "", REQ, ""),
                ]
            ),
            form!(
                Effect,
                "rail_transfer",
                "rail_transfer(formation: \"r9\", to: \"west\")",
                "Sends one formation by rail (needs a rail route; see `W043`).",
                [
                    f("formation", "formation id", "", REQ, ""),
                    f("to", "region id", "", REQ, ""),
                ]
            ),
            form!(
                Effect,
                "rail_transfer_many",
                "rail_transfer_many(select: (faction: \"red\", region: \"depot\"), to: \"west\")",
                "Sends the selected formations by rail.",
                [
                    f("select", "[Selector](#selector)", "", REQ, ""),
                    f("to", "region id", "", REQ, ""),
                ]
            ),
            form!(
                Effect,
                "treaty",
                "treaty(treaty: \"pact\", action: denounce, by: \"ussr\")",
                "Acts on a treaty.",
                [
                    f("treaty", "treaty id", "", REQ, ""),
                    f("action", "[TreatyAction](#treatyaction)", "", REQ, ""),
                    f(
                        "by",
                        "faction id",
                        "",
                        "none",
                        "Who acts (denounces, violates)."
                    ),
                ]
            ),
            form!(
                "declare_war",
                "declare_war(\"ussr\", \"japan\")",
                "The first faction's bloc declares war on the second's; binding peace treaties between them are violated."
            ),
            form!(
                "peace",
                "peace(\"ussr\", \"japan\")",
                "Ends a war between the blocs."
            ),
            form!(
                Effect,
                "set_plan",
                "set_plan(faction: \"ussr\", stance: offensive, objectives: [\"harbin\"])",
                "Changes a faction's plan.",
                [
                    f("faction", "faction id", "", REQ, ""),
                    f("stance", "[Stance](#stance)", "", REQ, ""),
                    f("objectives", "list of region id", "", "[]", ""),
                ]
            ),
            form!(
                Effect,
                "set_posture",
                "set_posture(select: (faction: \"ussr\", theatre: \"far_east\"), posture: attack)",
                "Changes the selected formations' posture.",
                [
                    f("select", "[Selector](#selector)", "", REQ, ""),
                    f("posture", "[Posture](#posture)", "", REQ, ""),
                ]
            ),
            form!(
                Effect,
                "set_axis",
                "set_axis(select: (faction: \"ussr\", region: \"duroy\"), objectives: [\"hailar\", \"qiqihar\"])",
                "Gives the selected formations an axis of advance: regions to take, in order.",
                [
                    f("select", "[Selector](#selector)", "", REQ, ""),
                    f("objectives", "list of region id", "", REQ, ""),
                ]
            ),
            form!(
                "surrender",
                "surrender((faction: \"japan\", region: \"harbin\"))",
                "The selected formations lay down arms, those on the march included (matched by the region they left); their men count as captured."
            ),
            form!(
                Effect,
                "resupply",
                "resupply(select: (faction: \"ussr\"), amount: 0.5)",
                "Adds to the selected formations' supply (kept within 0–1), those on the march included (matched by the region they left).",
                [
                    f("select", "[Selector](#selector)", "", REQ, ""),
                    f("amount", "number", "supply", REQ, ""),
                ]
            ),
            form!(
                "outcome",
                "outcome(\"moscow_held\")",
                "Records a named outcome (list it in `meta.outcomes`) with today's date; also sets the flag of that name."
            ),
            form!(
                "chronicle",
                "chronicle(\"text\")",
                "Writes a line in the chronicle."
            ),
        ],
    },
    Script {
        name: "Scopes",
        about: "Where a strength condition counts.",
        probe: variants::<Scope>,
        forms: &[
            form!("region", "region(\"harbin\")", "One region."),
            form!(
                "theatre",
                "theatre(\"far_east\")",
                "Every region of a theatre."
            ),
            form!("everywhere", "everywhere", "The whole map."),
        ],
    },
    Script {
        name: "History measures",
        about: "What a [HistoryPoint](#historypoint) compares.",
        probe: variants::<HistoryMeasure>,
        forms: &[
            form!(
                HistoryMeasure,
                "capture",
                "capture(region: \"hailar\", by: \"ussr\", date: \"1945-08-10\", tolerance_days: 1)",
                "A region taken by a faction on a date.",
                [
                    f("region", "region id", "", REQ, ""),
                    f("by", "faction id", "", REQ, ""),
                    f("date", "date", "", REQ, ""),
                    f(
                        "tolerance_days",
                        "integer",
                        "days",
                        REQ,
                        "± days still counted as matching."
                    ),
                ]
            ),
            form!(
                HistoryMeasure,
                "outcome",
                "outcome(outcome: \"moscow_held\", min_share: 0.8)",
                "An outcome reached on a date, or by a share of seeds.",
                [
                    f("outcome", "outcome name", "", REQ, ""),
                    f("date", "date", "", "none", ""),
                    f("tolerance_days", "integer", "days", "0", ""),
                    f(
                        "min_share",
                        "number",
                        "0–1",
                        "none",
                        "Share of seeds that must reach it."
                    ),
                    f(
                        "max_share",
                        "number",
                        "0–1",
                        "none",
                        "Share of seeds that may reach it at most."
                    ),
                ]
            ),
            form!(
                HistoryMeasure,
                "variable",
                "variable(name: \"x\", date: \"1942-01-01\", lo: 0.0, hi: 1.0)",
                "A variable's value on a date within [lo, hi].",
                [
                    f("name", NAME, "", REQ, ""),
                    f("date", "date", "", REQ, ""),
                    f("lo", "number", "", REQ, ""),
                    f("hi", "number", "", REQ, ""),
                ]
            ),
            form!(
                HistoryMeasure,
                "reach",
                "reach(formation: \"su45_6gta\", regions: [\"taonan\"], date: \"1945-08-12\", tolerance_days: 1)",
                "A formation first stands in one of the regions on a date.",
                [
                    f("formation", "formation id", "", REQ, ""),
                    f("regions", "list of region id", "", REQ, ""),
                    f("date", "date", "", REQ, ""),
                    f("tolerance_days", "integer", "days", REQ, ""),
                ]
            ),
            form!(
                HistoryMeasure,
                "depth",
                "depth(parent: \"su41_tbmd_hq\", from: \"1945-08-09\", date: \"1945-08-15\", lo_km: 350.0, hi_km: 400.0)",
                "Deepest advance of the formations under `parent` from where they stood the day before `from`, measured on `date`.",
                [
                    f("parent", "formation id", "", REQ, ""),
                    f("from", "date", "", REQ, ""),
                    f("date", "date", "", REQ, ""),
                    f("lo_km", "number", "km", REQ, ""),
                    f("hi_km", "number", "km", REQ, ""),
                ]
            ),
            form!(
                HistoryMeasure,
                "transfers",
                "transfers(to_theatre: \"west\", from: \"1941-06-22\", until: \"1941-12-05\", men: (98400.0, 147600.0), divisions: (15.0, 21.0))",
                "Rail transfers to a theatre departing in [from, until]: men and divisions within ranges.",
                [
                    f("to_theatre", "string", "", REQ, ""),
                    f("from", "date", "", REQ, ""),
                    f("until", "date", "", REQ, ""),
                    f("men", "(low, high)", "men", REQ, ""),
                    f("divisions", "(low, high)", "divisions", REQ, ""),
                ]
            ),
        ],
    },
];
