//! The scenario file format: plain serde data, no ECS.
//!
//! Every struct denies unknown fields so a misspelt field is an error with a
//! line and column, never silently ignored. Ids are strings in files and are
//! resolved to indices once, when the world is built.
//!
//! The `///` comments here are the format reference a modder reads
//! (`pact schema`, docs/scenario-format.md): write them for a modder, with
//! units, and say what the engine does.

use crate::date::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The current version of the scenario format; files declare theirs in `meta.format`.
pub const FORMAT_VERSION: u32 = 1;

/// The doc of every object's `allow` field.
const ALLOW: &str = "Warnings not to report for this object, by code or name (`[\"W042\"]`); they are counted as suppressed.";

// `Scenario`, the top level, is declared with its object kinds in `kinds.rs`.
pub use super::kinds::Scenario;

/// What the scenario is and the period it covers.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Shown in summaries and `pact list`.
    pub name: String,
    /// One paragraph for `pact list`.
    #[serde(default)]
    pub description: String,
    /// First day simulated.
    pub start: Date,
    /// Last day simulated; not before `start`, at most 200 years after it.
    pub end: Date,
    /// Who wrote it.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Scenario format version; at most the one this pact reads.
    #[schemars(range(max = FORMAT_VERSION))]
    pub format: u32,
    /// Outcome names summaries report (e.g. `moscow_held`); each is also a flag once recorded.
    #[serde(default)]
    pub outcomes: Vec<String>,
}

/// Who takes a faction's decisions (`--controller` overrides it).
#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Default, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Controller {
    /// Takes the option recorded as historical.
    #[default]
    Historical,
    /// Weighs options by their weights and modifiers, on perceived strength.
    Ai,
    /// Asks a person (the window's dialog, or the terminal when interactive).
    Player,
    /// Fixed answers given with `--choose` or in a policy file.
    Policy,
}

/// A power. Factions linked by `allies` (either way) fight as one bloc, led by its first-listed member.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Faction {
    /// Unique id.
    pub id: String,
    /// Shown in the chronicle.
    pub name: String,
    /// Map colour, (red, green, blue), 0–255 each.
    #[serde(default = "default_color")]
    pub color: (u8, u8, u8),
    /// Who takes its decisions.
    #[serde(default)]
    pub controller: Controller,
    /// Faction ids it is at war with at the start.
    #[serde(default)]
    pub at_war_with: Vec<String>,
    /// Starting operational plan.
    #[serde(default)]
    pub plan: Plan,
    /// Faction ids whose formations and regions count as its own (e.g. Manchukuo under Japan).
    #[serde(default)]
    pub allies: Vec<String>,
    /// Its formations do not surrender in the field: cut off, or broken in their
    /// works, they fight on where they stand until destroyed; its missing are dead,
    /// not prisoners; and it loses `params.combat.last_stand_losses` times the day's
    /// shares. A capitulation (the `surrender` effect) still takes them prisoner.
    #[serde(default)]
    pub fights_to_the_last: bool,
    #[schemars(description = ALLOW)]
    #[serde(default)]
    pub allow: Vec<String>,
}

fn default_color() -> (u8, u8, u8) {
    (128, 128, 128)
}

/// What a faction's formations do in the field when no one orders them otherwise.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    /// Hold ground, or advance on the objectives.
    pub stance: Stance,
    /// Region ids to take, in priority order; attacking formations head for the nearest.
    pub objectives: Vec<String>,
}

/// A faction's plan.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub enum Stance {
    /// Hold ground; fight only when attacked.
    #[default]
    Defend,
    /// Formations in `attack` posture advance on the objectives.
    Offensive,
}

/// A region's ground: it slows marches (`params.movement.terrain`) and helps
/// the defence (`params.combat.terrain_defence`) by the factors the scenario gives it.
#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Terrain {
    /// Open farmland.
    Plain,
    /// Open grassland (Mongolia, western Manchuria).
    Steppe,
    /// Desert (the Gobi).
    Desert,
    /// Hills.
    Hills,
    /// Mountains (the Greater Khingan).
    Mountain,
    /// Mixed and broadleaf forest.
    Forest,
    /// Northern conifer forest.
    Taiga,
    /// Marsh and flood plain.
    Marsh,
    /// A city.
    Urban,
    /// An island (Sakhalin, the Kurils).
    Island,
}

impl Terrain {
    pub const ALL: [Terrain; 10] = [
        Terrain::Plain,
        Terrain::Steppe,
        Terrain::Desert,
        Terrain::Hills,
        Terrain::Mountain,
        Terrain::Forest,
        Terrain::Taiga,
        Terrain::Marsh,
        Terrain::Urban,
        Terrain::Island,
    ];
}

/// A place on the map. Formations stand in regions and move along links.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Unique id.
    pub id: String,
    /// Shown in the chronicle.
    pub name: String,
    /// Latitude, degrees north (for distances and the map).
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: f64,
    /// Longitude, degrees east.
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lon: f64,
    /// Its ground: slows marches and helps the defence (see `params`).
    pub terrain: Terrain,
    /// Faction id that controls it at the start.
    pub owner: String,
    /// Strategic weight (1 = ordinary).
    #[serde(default = "one")]
    #[schemars(range(min = 0.0))]
    pub value: f64,
    /// Theatre it belongs to; strength conditions and selectors can name a theatre.
    #[serde(default = "default_theatre")]
    pub theatre: String,
    /// Fortification level, 0 (none) to 3 (fortified district); see `params.combat.fort_bonus`.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 3.0))]
    pub fort: f64,
    /// A supply base: the owner's formations here, or joined to it by rail, are supplied.
    #[serde(default)]
    pub depot: bool,
    #[serde(default)]
    #[schemars(description = ALLOW)]
    pub allow: Vec<String>,
}

fn one() -> f64 {
    1.0
}

fn default_theatre() -> String {
    "main".to_string()
}

/// What a link is. Only rail links carry rail transfers; every kind carries marches,
/// at the speed factor `params.movement.links` gives it.
#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A railway: carries rail transfers and supply from depots.
    Rail,
    /// A road.
    Road,
    /// A track or path.
    Track,
    /// A mountain pass.
    Pass,
    /// A river crossing.
    RiverCrossing,
    /// Along a navigable river: formations go by boat (a flotilla), so the
    /// ground of the banks does not slow them.
    River,
    /// A sea crossing.
    Sea,
}

/// A connection between two regions, usable both ways. Overlays name a link `"from-to"`.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Region id of one end.
    pub from: String,
    /// Region id of the other end; not `from`.
    pub to: String,
    /// Rail links carry rail transfers; every kind carries marches.
    pub kind: LinkKind,
    /// Length in km.
    #[schemars(range(min = 0.1, max = 20_000.0))]
    pub length_km: f64,
    /// Trains a day each way (rail links only); none: `params.rail.default_capacity`.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1_000.0))]
    pub rail_capacity: Option<f64>,
    #[serde(default)]
    #[schemars(description = ALLOW)]
    pub allow: Vec<String>,
}

/// A formation type's arm of service. Motorised arms burn fuel on the march (`params.supply.fuel`).
#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    /// Foot infantry.
    Infantry,
    /// Horse cavalry.
    Cavalry,
    /// Tanks.
    Armour,
    /// Motorised or mechanised troops.
    Mechanised,
    /// Paratroops and air-landed troops.
    Airborne,
    /// An air formation.
    Air,
    /// A naval formation.
    Naval,
    /// A headquarters (a front or army staff).
    Headquarters,
}

/// A kind of formation.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FormationType {
    /// Unique id, named by formations' `type`.
    pub id: String,
    /// Shown in reports.
    pub name: String,
    /// Infantry, armour, air...
    pub arm: Arm,
    /// Trains needed to move it by rail (a rifle division: 36, BEL); 0 moves as 1.
    pub trains: u32,
    /// Road march in good going, km a day.
    #[schemars(range(min = 0.0, max = 1_000.0))]
    pub speed_km: f64,
    /// Whether it counts in `divisions` strength measures.
    #[serde(default)]
    pub division: bool,
}

/// What a formation does in the field.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub enum Posture {
    /// Advances on its faction's objectives (or its axis) when the plan is offensive.
    Attack,
    /// Holds its region.
    #[default]
    Defend,
    /// Held back; joins fights in its own region only.
    Reserve,
    /// Never leaves its region.
    Garrison,
}

/// A unit on the map: at the start (`formations`) or spawned by an effect.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Formation {
    /// Unique id.
    pub id: String,
    /// Shown in the chronicle.
    pub name: String,
    /// Faction id of its side.
    pub faction: String,
    /// Formation type id of its kind.
    #[serde(rename = "type")]
    pub kind: String,
    /// Region id where it stands.
    pub location: String,
    /// Men.
    #[schemars(range(min = 0.0))]
    pub men: f64,
    /// Tanks.
    #[serde(default)]
    #[schemars(range(min = 0.0))]
    pub tanks: f64,
    /// Guns and mortars.
    #[serde(default)]
    #[schemars(range(min = 0.0))]
    pub guns: f64,
    /// Aircraft.
    #[serde(default)]
    #[schemars(range(min = 0.0))]
    pub aircraft: f64,
    /// Training, leadership and equipment, 0 to 1.
    #[serde(default = "half")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub quality: f64,
    /// What it does in the field.
    #[serde(default)]
    pub posture: Posture,
    /// Readiness for winter operations, 0 to 1 (Siberian divisions were high).
    #[serde(default = "half")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub winter: f64,
    /// Formation id of the headquarters it belongs to (for depth measures).
    #[serde(default)]
    pub parent: Option<String>,
    /// Its axis of advance: region ids to take in order; while any is in enemy
    /// hands it heads for the first such one instead of the faction's objectives.
    #[serde(default)]
    pub axis: Vec<String>,
    /// Uncertain strength, (low, high): `men`, `tanks`, `guns` and `aircraft` are
    /// scaled by a factor drawn per seed in this range (non-negative, low first).
    #[serde(default)]
    pub spread: Option<(f64, f64)>,
    #[serde(default)]
    #[schemars(description = ALLOW)]
    pub allow: Vec<String>,
}

fn unit_range() -> (f64, f64) {
    (1.0, 1.0)
}

fn half() -> f64 {
    0.5
}

/// A treaty's state.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub enum TreatyStatus {
    /// Negotiated, not signed.
    #[default]
    Draft,
    /// Signed, not in force.
    Signed,
    /// Binding.
    InForce,
    /// Notice given; still binding until its term ends.
    Denounced,
    /// No longer binding.
    Expired,
    /// Broken by a party.
    Violated,
}

impl TreatyStatus {
    /// Whether the treaty still binds its parties.
    pub fn binding(self) -> bool {
        matches!(self, TreatyStatus::InForce | TreatyStatus::Denounced)
    }
}

/// What a clause is about.
#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    /// Parties may not make war on each other while the treaty binds: a declaration of war violates it.
    NonAggression,
    /// Neutrality if a party is attacked by a third power: a declaration of war between parties violates it.
    Neutrality,
    /// Borders and territory (recorded, no effect in the model).
    Territorial,
    /// Term, renewal and notice.
    Term,
    /// Anything else (recorded, no effect in the model).
    Other,
}

/// An article of a treaty.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Unique within the treaty.
    pub id: String,
    /// Non-aggression and neutrality clauses make a declaration of war a violation.
    pub kind: ClauseKind,
    /// The article, quoted or paraphrased.
    pub text: String,
}

/// A treaty: draft → signed → in force → denounced (binding until its term ends) → expired;
/// a declaration of war between parties of a binding non-aggression or neutrality treaty violates it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    /// Unique id.
    pub id: String,
    /// Shown in the chronicle.
    pub name: String,
    /// Faction ids of its parties, two or more.
    pub parties: Vec<String>,
    /// State at the start.
    #[serde(default)]
    pub status: TreatyStatus,
    /// Date signed, if signed at the start.
    #[serde(default)]
    pub signed: Option<Date>,
    /// Date it came into force; required if `in_force` or `denounced` at the start.
    #[serde(default)]
    pub in_force: Option<Date>,
    /// Term in years from entry into force.
    // Terms are added to dates as years: keep them within the calendar.
    #[schemars(range(min = 1, max = 1_000))]
    pub term_years: u32,
    /// Notice of denunciation required before expiry, in days.
    pub notice_days: u32,
    /// Renews for another term unless denounced in time.
    #[serde(default)]
    pub auto_renew: bool,
    /// Its articles.
    #[serde(default)]
    pub clauses: Vec<Clause>,
    #[serde(default)]
    #[schemars(description = ALLOW)]
    pub allow: Vec<String>,
}

/// When an event may fire, or a decision is offered.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Trigger {
    /// Not before this day.
    pub from: Option<Date>,
    /// Not after this day; not before `from`.
    pub until: Option<Date>,
    /// Tested each day in the window.
    pub when: Condition,
    /// Chance per eligible day, 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub chance: f64,
    /// Fire again on later days (at most once every `cooldown_days`).
    pub repeat: bool,
    /// Days between repeats.
    pub cooldown_days: u32,
}

impl Default for Trigger {
    fn default() -> Self {
        Trigger {
            from: None,
            until: None,
            when: Condition::Always,
            chance: 1.0,
            repeat: false,
            cooldown_days: 1,
        }
    }
}

/// Something that happens: checked each day, in file order; when its trigger holds, its effects apply.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// Shown in the chronicle when no effect writes a line.
    #[serde(default)]
    pub name: String,
    /// When it fires.
    pub trigger: Trigger,
    /// What it does, in order.
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    #[schemars(description = ALLOW)]
    pub allow: Vec<String>,
}

/// A comparison in conditions.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Cmp {
    /// <
    Lt,
    /// ≤
    Le,
    /// = (within 10⁻⁹)
    Eq,
    /// ≥
    Ge,
    /// >
    Gt,
}

impl Cmp {
    pub fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Eq => (a - b).abs() < 1e-9,
            Cmp::Ge => a >= b,
            Cmp::Gt => a > b,
        }
    }
}

/// Where a strength condition counts formations.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One region, by id: `region("harbin")`.
    Region(String),
    /// Every region of a theatre: `theatre("far_east")`.
    Theatre(String),
    /// The whole map.
    Everywhere,
}

/// What strength conditions count.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Men.
    Men,
    /// Formations whose type has `division: true`.
    Divisions,
    /// Formations of any type.
    Formations,
    /// Tanks.
    Tanks,
    /// Guns and mortars.
    Guns,
    /// Aircraft.
    Aircraft,
}

/// Declares [`Condition`], writing once the fields two variants share:
/// `A | B as View { fields }`, first in the enum, also declares `View`, the
/// fields borrowed, and `Condition::view` to read them from either variant.
/// The rest of the enum is as written.
macro_rules! condition {
    (
        $(#[$attr:meta])* pub enum Condition {
            $(#[$a_doc:meta])* $a:ident | $(#[$b_doc:meta])* $b:ident as $view:ident {
                $($(#[$field_attr:meta])* $field:ident: $ty:ty,)*
            },
            $($rest:tt)*
        }
    ) => {
        $(#[$attr])* pub enum Condition {
            $(#[$a_doc])* $a { $($(#[$field_attr])* $field: $ty,)* },
            $(#[$b_doc])* $b { $($(#[$field_attr])* $field: $ty,)* },
            $($rest)*
        }

        #[doc = concat!("The fields `", stringify!($a), "` and `", stringify!($b), "` share, borrowed.")]
        pub struct $view<'a> {
            $(pub $field: &'a $ty,)*
        }

        impl Condition {
            #[doc = concat!("Its [`", stringify!($view), "`], if it is a `", stringify!($a), "` or a `", stringify!($b), "`.")]
            pub fn view(&self) -> Option<$view<'_>> {
                match self {
                    Condition::$a { $($field),* } | Condition::$b { $($field),* } => {
                        Some($view { $($field),* })
                    }
                    _ => None,
                }
            }
        }
    };
}

condition! {
    /// A test of the world, in triggers and weight modifiers. `not`, `all` and `any` combine them.
    #[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
    #[serde(rename_all = "snake_case", deny_unknown_fields)]
    pub enum Condition {
        /// Strength of a faction and its allies in a scope:
        /// `strength(faction: "ussr", scope: theatre("far_east"), measure: divisions, op: le, value: 15.0)`.
        Strength |
        /// Strength relative to the start of the scenario (1.0 = unchanged):
        /// `strength_ratio(faction: "ussr", scope: everywhere, measure: tanks, op: le, value: 0.34)`.
        StrengthRatio as StrengthTest {
            /// Faction id.
            faction: String,
            /// Where to count.
            scope: Scope,
            /// What to count.
            measure: Measure,
            /// How to compare.
            op: Cmp,
            /// What to compare with: a count for `strength`, a ratio for `strength_ratio`.
            value: f64,
            /// Faction id through whose intelligence estimate it is seen (none: the truth).
            #[serde(default)]
            perceived_by: Option<String>,
        },
        /// Always holds.
        #[default]
        Always,
        /// Never holds (disables an event).
        Never,
        /// Today is on or after the date: `after("1941-06-22")`.
        After(Date),
        /// Today is before the date: `before("1941-06-22")`.
        Before(Date),
        /// The flag is set (by `flags`, `set_flag`, or an outcome): `flag("go")`.
        Flag(String),
        /// Compares a variable (0 if never set): `var(name: "morale", op: lt, value: 0.5)`.
        Var {
            /// Variable name.
            name: String,
            /// How to compare.
            op: Cmp,
            /// What to compare with.
            value: f64,
        },
        /// A treaty is in a state: `treaty(treaty: "pact", status: in_force)`.
        Treaty {
            /// Treaty id.
            treaty: String,
            /// The state.
            status: TreatyStatus,
        },
        /// The two factions' blocs are at war: `at_war("ussr", "japan")`.
        AtWar(String, String),
        /// The faction's bloc controls the region: `controls(faction: "ussr", region: "harbin")`.
        Controls {
            /// Faction id.
            faction: String,
            /// Region id.
            region: String,
        },
        /// The event has fired at least once: `fired("barbarossa")`.
        Fired(String),
        /// The event last fired at least `days` days ago: `since(event: "germany_surrenders", days: 91)`.
        Since {
            /// Event id.
            event: String,
            /// Days since it fired.
            days: u32,
        },
        /// The decision was taken with this option: `chose(decision: "kantokuen_1941", option: "strike_north")`.
        Chose {
            /// Decision id.
            decision: String,
            /// Option id.
            option: String,
        },
        /// Holds with this probability (0 to 1) each time it is tested: `chance(0.3)`.
        Chance(#[schemars(range(min = 0.0, max = 1.0))] f64),
        /// Every condition holds: `all([flag("a"), flag("b")])`.
        All(Vec<Condition>),
        /// At least one holds: `any([flag("a"), flag("b")])`.
        Any(Vec<Condition>),
        /// The condition does not hold: `not(flag("a"))`.
        Not(Box<Condition>),
    }
}

/// What an effect does to a treaty; an action its state does not allow is ignored
/// (and `W054` warns when that is certain).
#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum TreatyAction {
    /// draft → signed
    Sign,
    /// draft or signed → in force
    Ratify,
    /// in force → denounced (binding to the end of its term)
    Denounce,
    /// binding → violated
    Violate,
    /// signed or binding → expired
    Expire,
}

/// Which formations an effect applies to: those of `faction`, narrowed by the other fields.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// Faction id of the formations.
    pub faction: String,
    /// Only in this theatre.
    #[serde(default)]
    pub theatre: Option<String>,
    /// Only in this region (id).
    #[serde(default)]
    pub region: Option<String>,
    /// Only these formation type ids (empty: any).
    #[serde(default)]
    pub types: Vec<String>,
    /// At most this many, taken in file order.
    #[serde(default)]
    pub count: Option<u32>,
}

/// A change to the world, applied in order when an event fires or an option is taken.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    /// Sets a flag: `set_flag("go")`.
    SetFlag(String),
    /// Clears a flag: `clear_flag("go")`.
    ClearFlag(String),
    /// Sets a variable: `set_var("morale", 1.0)`.
    SetVar(String, f64),
    /// Adds to a variable (from 0 if unset): `add_var("morale", -0.1)`.
    AddVar(String, f64),
    /// Creates a formation: `spawn((id: "r9", name: "9th Rifle", faction: "red", type: "rifle", location: "depot", men: 9000.0))`.
    /// Only on ground its side holds, or as a landing within two links of it: if any
    /// spawn or teleport of an event cannot be carried out, the event waits (within
    /// its window) and on its last day the chronicle says why.
    Spawn(Formation),
    /// Removes a formation, by id: `remove("r9")`.
    Remove(String),
    /// Moves a formation at once (off-map arrivals, redeployments in peacetime):
    /// `teleport(formation: "r9", to: "west")`. The same ground rule as `spawn`.
    Teleport {
        /// Formation id.
        formation: String,
        /// Region id.
        to: String,
    },
    /// Sends one formation by rail (needs a rail route; see `W043`):
    /// `rail_transfer(formation: "r9", to: "west")`.
    RailTransfer {
        /// Formation id.
        formation: String,
        /// Region id.
        to: String,
    },
    /// Sends the selected formations by rail:
    /// `rail_transfer_many(select: (faction: "red", region: "depot"), to: "west")`.
    /// With `count`, the first that many that have a rail route through their side's ground.
    RailTransferMany {
        /// Which formations.
        select: Selector,
        /// Region id.
        to: String,
    },
    /// Sets the capacity of a railway, in trains a day each way, from today on
    /// (a decree that raises traffic, works that double a track):
    /// `rail_capacity(line: ["novosibirsk", "irkutsk", "chita"], trains: 30.0)`.
    /// Trains already under way keep their dispatch; planners and new trains read
    /// the new capacity.
    RailCapacity {
        /// Region ids along the line, in order: each next one joined to the one
        /// before by a rail link (see `E066`); every such link gets the capacity.
        line: Vec<String>,
        /// Trains a day each way (at least 1).
        #[schemars(range(min = 1.0))]
        trains: f64,
    },
    /// Acts on a treaty: `treaty(treaty: "pact", action: denounce, by: "ussr")`.
    Treaty {
        /// Treaty id.
        treaty: String,
        /// What to do.
        action: TreatyAction,
        /// Faction id of who acts (denounces, violates).
        #[serde(default)]
        by: Option<String>,
    },
    /// The first faction's bloc declares war on the second's; binding non-aggression and
    /// neutrality treaties between them are violated: `declare_war("ussr", "japan")`.
    DeclareWar(String, String),
    /// Ends a war between the blocs: `peace("ussr", "japan")`.
    Peace(String, String),
    /// Changes a faction's plan: `set_plan(faction: "ussr", stance: offensive, objectives: ["harbin"])`.
    SetPlan {
        /// Faction id.
        faction: String,
        /// The new stance.
        stance: Stance,
        /// Region ids to take, in priority order.
        #[serde(default)]
        objectives: Vec<String>,
    },
    /// Changes the selected formations' posture:
    /// `set_posture(select: (faction: "ussr", theatre: "far_east"), posture: attack)`.
    SetPosture {
        /// Which formations.
        select: Selector,
        /// The new posture.
        posture: Posture,
    },
    /// Gives the selected formations an axis of advance:
    /// `set_axis(select: (faction: "ussr", region: "duroy"), objectives: ["hailar", "qiqihar"])`.
    SetAxis {
        /// Which formations.
        select: Selector,
        /// Region ids to take, in order.
        objectives: Vec<String>,
    },
    /// The selected formations lay down arms, those on the march included (matched by the
    /// region they left); their men count as captured: `surrender((faction: "japan", region: "harbin"))`.
    Surrender(Selector),
    /// The selected formations lay down arms and go home, those on the march included: they
    /// leave the map and their men are not prisoners (troops that desert or dissolve at a
    /// capitulation, as Manchukuo's army did in 1945): `disperse((faction: "manchukuo"))`.
    Disperse(Selector),
    /// Adds to the selected formations' supply (kept within 0 to 1), those on the march included
    /// (matched by the region they left); air resupply: `resupply(select: (faction: "ussr"), amount: 0.5)`.
    Resupply {
        /// Which formations.
        select: Selector,
        /// Supply added, as a share of full supply.
        amount: f64,
    },
    /// Records a named outcome (list it in `meta.outcomes`) with today's date; also sets the
    /// flag of that name: `outcome("moscow_held")`.
    Outcome(String),
    /// Writes a line in the chronicle: `chronicle("text")`.
    Chronicle(String),
}

/// One answer to a decision.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    /// Unique within the decision.
    pub id: String,
    /// Shown when asked and in the chronicle.
    pub name: String,
    /// What it means.
    #[serde(default)]
    pub description: String,
    /// What taking it does.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Base weight for the AI controller.
    #[serde(default = "one")]
    #[schemars(range(min = 0.0))]
    pub weight: f64,
    /// Multipliers on the weight while their condition holds.
    #[serde(default)]
    pub modifiers: Vec<WeightModifier>,
}

/// A multiplier on an option's AI weight.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WeightModifier {
    /// While this holds...
    pub when: Condition,
    /// ...the weight is multiplied by this.
    #[schemars(range(min = 0.0))]
    pub factor: f64,
}

/// A choice a faction takes once, on the first day it is offered.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Unique id.
    pub id: String,
    /// The question.
    pub name: String,
    /// Background.
    #[serde(default)]
    pub description: String,
    /// Faction id of who decides.
    pub faction: String,
    /// When it is offered; it is taken on the first eligible day.
    #[serde(default)]
    pub offered: Trigger,
    /// The answers; at least one.
    pub options: Vec<DecisionOption>,
    /// Option id of the answer history gave (taken by the `historical` controller).
    pub historical: String,
    #[serde(default)]
    #[schemars(description = ALLOW)]
    pub allow: Vec<String>,
}

/// A numeric variable.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    /// Unique name, read by `var(...)`.
    pub name: String,
    /// Starting value.
    pub value: f64,
}

/// A fact from history to compare runs with (`pact compare`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HistoryPoint {
    /// Unique id.
    pub id: String,
    /// Shown in the table.
    pub name: String,
    /// Source tag from the reference, e.g. `TRET`.
    pub source: String,
    /// What is measured.
    pub measure: HistoryMeasure,
}

/// What a `HistoryPoint` compares.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum HistoryMeasure {
    /// A region taken by a faction on a date:
    /// `capture(region: "hailar", by: "ussr", date: "1945-08-10", tolerance_days: 1)`.
    Capture {
        /// Region id.
        region: String,
        /// Faction id of the captor.
        by: String,
        /// When, historically.
        date: Date,
        /// ± days still counted as matching.
        tolerance_days: i32,
    },
    /// An outcome reached on a date, or by a share of seeds:
    /// `outcome(outcome: "moscow_held", min_share: 0.8)`.
    Outcome {
        /// Outcome name.
        outcome: String,
        /// When, historically (none: any day).
        #[serde(default)]
        date: Option<Date>,
        /// ± days still counted as matching.
        #[serde(default)]
        tolerance_days: i32,
        /// Share of seeds, 0 to 1, that must reach it.
        #[serde(default)]
        min_share: Option<f64>,
        /// Share of seeds, 0 to 1, that may reach it at most.
        #[serde(default)]
        max_share: Option<f64>,
    },
    /// A variable's value on a date within [lo, hi]:
    /// `variable(name: "x", date: "1942-01-01", lo: 0.0, hi: 1.0)`.
    Variable {
        /// Variable name.
        name: String,
        /// The day it is read.
        date: Date,
        /// Lowest value that matches.
        lo: f64,
        /// Highest value that matches.
        hi: f64,
    },
    /// A formation first stands in one of the regions on a date:
    /// `reach(formation: "su45_6gta", regions: ["taonan"], date: "1945-08-12", tolerance_days: 1)`.
    Reach {
        /// Formation id.
        formation: String,
        /// Region ids, any of which counts.
        regions: Vec<String>,
        /// When, historically.
        date: Date,
        /// ± days still counted as matching.
        tolerance_days: i32,
    },
    /// Deepest advance (km, great circle) on `date` of the formations under `parent` beyond
    /// the ground their side held the day before `from` (D-day):
    /// `depth(parent: "su41_tbmd_hq", from: "1945-08-09", date: "1945-08-15", lo_km: 350.0, hi_km: 400.0)`.
    Depth {
        /// Formation id of the headquarters.
        parent: String,
        /// D-day.
        from: Date,
        /// The day it is measured.
        date: Date,
        /// Shortest depth that matches, km.
        lo_km: f64,
        /// Longest depth that matches, km.
        hi_km: f64,
    },
    /// Men a faction lost in the whole run (on the map), within [lo, hi] (the sources'
    /// range); its allies' are not counted: `losses(faction: "ussr", kind: killed, lo: 8219.0, hi: 12031.0)`.
    Losses {
        /// Faction id.
        faction: String,
        /// Which losses are counted.
        kind: LossKind,
        /// Fewest that match.
        lo: f64,
        /// Most that match.
        hi: f64,
    },
    /// Rail transfers to a theatre that departed in [from, until]: men and divisions within ranges:
    /// `transfers(to_theatre: "west", from: "1941-06-22", until: "1941-12-05", men: (98400.0, 147600.0), divisions: (15.0, 21.0))`.
    Transfers {
        /// Theatre the trains went to.
        to_theatre: String,
        /// First departure day counted.
        from: Date,
        /// Last departure day counted.
        until: Date,
        /// Men transferred, (low, high).
        men: (f64, f64),
        /// Divisions transferred, (low, high).
        divisions: (f64, f64),
    },
}

/// A kind of men lost, as the ledger books them.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LossKind {
    /// Killed, and missing found dead by the side that kept the field.
    Killed,
    /// Wounded.
    Wounded,
    /// Taken prisoner: missing left behind by a side that gave ground, the cut off, and formations that surrendered.
    Captured,
    /// All three: killed, wounded and captured.
    Casualties,
}

// ---------------------------------------------------------------- parameters

/// Model parameters; each part has its own defaults.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// How battles are resolved.
    pub combat: CombatParams,
    /// How fast formations march.
    pub movement: MovementParams,
    /// Rail transfers.
    pub rail: RailParams,
    /// Supply and fuel.
    pub supply: SupplyParams,
    /// How factions see each other's strength.
    pub intelligence: IntelligenceParams,
    /// Fronts fought off the map (the German–Soviet front).
    pub fronts: Vec<AbstractFront>,
    /// How the operational AI (controller `ai`) fights on the map.
    pub operations: OperationsParams,
}

/// How battles are resolved.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CombatModel {
    /// A combat results table on the force ratio, as in board wargames: each side's share
    /// lost a day is `loss_rate` × ratio^exponent (`loss_exponents`), clamped.
    #[default]
    ForceRatio,
    /// Lanchester's square law (aimed fire): each side's share lost is proportional to the
    /// enemy's power over its own (attacker: 1/ratio, defender: ratio).
    Lanchester,
    /// Lanchester's linear law (area fire): both sides lose alike in men, so shares go as
    /// 1/√ratio and √ratio of a common rate.
    LanchesterLinear,
    /// Logarithmic law (losses from one's own exposure): each side loses the same share
    /// whatever the ratio.
    Logarithmic,
    /// Helmbold's law, between those: shares go as ratio^-h and ratio^h, with h the
    /// defender's entry of `loss_exponents` (1: square, ½: linear, 0: logarithmic).
    Helmbold,
}

impl CombatModel {
    /// Every rule, for `pact battles --models`.
    pub const ALL: [CombatModel; 5] = [
        CombatModel::ForceRatio,
        CombatModel::Lanchester,
        CombatModel::LanchesterLinear,
        CombatModel::Logarithmic,
        CombatModel::Helmbold,
    ];
}

/// How battles are resolved.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CombatParams {
    /// The attrition rule: a results table on the force ratio, or one of Lanchester's laws.
    pub model: CombatModel,
    /// Combat power of one man, tank, gun and aircraft, 0 to 100 each.
    pub weights: (f64, f64, f64, f64),
    /// Share of the weaker side's men lost a day at 1:1 (force ratio) or per unit of enemy power (Lanchester).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub loss_rate: f64,
    /// Of men lost, the share killed.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub killed_share: f64,
    /// Of men lost, the share wounded; with `killed_share` at most 1. The rest are missing: prisoners
    /// of the enemy when their side gives ground that day, else found dead and counted killed.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub wounded_share: f64,
    /// Defence multiplier per fort level: defence × (1 + fort_bonus × fort).
    #[schemars(range(min = 0.0, max = 100.0))]
    pub fort_bonus: f64,
    /// Defence multiplier by terrain, 0 to 100 (unlisted: 1).
    pub terrain_defence: Vec<(Terrain, f64)>,
    /// Attacker/defender ratio at which the defender gives ground.
    #[schemars(range(min = 0.0, max = 1_000.0))]
    pub retreat_ratio: f64,
    /// Random spread of daily results (0 = none).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub noise: f64,
    /// Force-ratio model: exponents of the ratio in the attacker's and the defender's daily
    /// losses, (attacker, defender); the attacker's is negative (it loses less the stronger it is).
    /// Fitted to real battles by `pact battles --fit`.
    #[schemars(range(min = -5.0, max = 5.0))]
    pub loss_exponents: (f64, f64),
    /// Multipliers on `loss_rate` for the attacker and the defender, 0 to 100 each: attackers
    /// in the open lose at a different rate from defenders under cover.
    pub side_loss: (f64, f64),
    /// Share of a defender's men lost, as prisoners and stragglers, on the day it gives
    /// ground (a rout, not an orderly withdrawal), 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub rout_loss: f64,
    /// A fight lasting a fraction f of a day inflicts f^part_day_exponent of a full day's
    /// losses, 0.01 to 3: below 1, short battles are intense. Campaign days are whole; `pact battles`
    /// fights records of a few hours.
    #[schemars(range(min = 0.01, max = 3.0))]
    pub part_day_exponent: f64,
    /// Battles are fiercest at first: the n-th day of an engagement inflicts n^-intensity_decay
    /// of a full day's losses, 0 to 1 (0: every day alike; at most 1, so a battle that goes on
    /// keeps costing). Recorded battles lose little more in a week than in a day (CDB90), which a
    /// constant daily rate cannot give.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub intensity_decay: f64,
    /// Density of men on the front (both sides, per km) at which `loss_rate` holds, 1 to 100,000.
    #[schemars(range(min = 1.0, max = 100_000.0))]
    pub front_density: f64,
    /// Losses × (density / front_density)^density_exponent, −3 to 3 (0: density does not
    /// matter): packed troops are easier to hit (Dupuy's dispersion; CDB90's dense battles
    /// cost larger shares).
    #[schemars(range(min = -3.0, max = 3.0))]
    pub density_exponent: f64,
    /// Width of a region's front in the campaign, km, 0.1 to 10,000 (`pact battles` reads each
    /// record's own width).
    #[schemars(range(min = 0.1, max = 10_000.0))]
    pub front_km: f64,
    /// Share of its strength a side loses in one engagement before it breaks, (attacker,
    /// defender), 0 to 1 (1: never). A broken attacker falls back; a broken defender falls back,
    /// and what cannot (the cut off, garrisons) surrenders. Short of it, an overwhelmed
    /// defender's field troops give ground (`retreat_ratio`) while garrisons hold their works.
    pub breakpoint: (f64, f64),
    /// Days a formation ordered to hold must have held its region before its defence counts
    /// as prepared (field works, fort level 1, as CDB90's prepared defence in `pact battles`),
    /// 0 to 365. Estimate: a day to site the positions and a day to dig them.
    #[schemars(range(min = 0, max = 365))]
    pub dig_in_days: u32,
    /// `pact battles` only: a recorded side's quality is 0.5 ± this × the attacker's mean judged
    /// quality advantage (CDB90's combat effectiveness, leadership, training and morale codes,
    /// −3 to +3), kept within 0 to 1, 0 to 1 (0: every side of average quality). The
    /// campaign's formations carry their own `quality`; this gives a record the same input.
    /// Those codes were judged after the fact: `pact battles` shows its figures without them too.
    #[schemars(range(min = 0, max = 1))]
    pub quality_per_code: f64,
    /// `pact battles` only: a battle with no tanks or aircraft on either side (CDB90's wars
    /// of 1600 – 1918) loses this multiple of a machine-age battle's daily shares, 0.05 to 20.
    /// Dupuy's dispersion: as weapons grew deadlier armies spread out further, and a day of
    /// battle came to cost a smaller share of the men in it. The campaigns are fought in the
    /// machine age (1938 – 45), at `loss_rate` itself.
    #[schemars(range(min = 0.05, max = 20.0))]
    pub pre_machine_losses: f64,
    /// A side whose faction fights to the last (`fights_to_the_last`) loses this multiple of
    /// the day's shares, 0.05 to 20: its men die in positions others would give up or
    /// surrender. Fitted on CDB90's battles of the Imperial Japanese Army of 1941 – 45
    /// (Malaya, Iwo Jima, Okinawa), which lost four to six times what the rule gave others.
    #[schemars(range(min = 0.05, max = 20.0))]
    pub last_stand_losses: f64,
}

impl Default for CombatParams {
    fn default() -> Self {
        CombatParams {
            model: CombatModel::default(),
            weights: (1.0, 40.0, 15.0, 20.0),
            loss_rate: 0.02,
            killed_share: 0.3,
            wounded_share: 0.5,
            fort_bonus: 0.5,
            terrain_defence: Vec::new(),
            retreat_ratio: 3.0,
            noise: 0.2,
            loss_exponents: (-0.5, 0.8),
            side_loss: (1.0, 1.0),
            rout_loss: 0.0,
            part_day_exponent: 1.0,
            intensity_decay: 0.0,
            front_density: 1_000.0,
            density_exponent: 0.0,
            front_km: 50.0,
            breakpoint: (1.0, 1.0),
            dig_in_days: 2,
            quality_per_code: 0.0,
            pre_machine_losses: 1.0,
            last_stand_losses: 1.0,
        }
    }
}

/// How fast formations march: a formation type's `speed_km` times the factors of the
/// link, the ground, the month and the contested ground; short of supply, a formation
/// that burns no fuel marches slower (at 30% + 70% × supply of its pace).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MovementParams {
    /// Speed multiplier by terrain, 0 to 100 (unlisted: 1); a march's ground factor is
    /// the mean of those of the region it leaves and the region it enters.
    pub terrain: Vec<(Terrain, f64)>,
    /// Speed multiplier by link kind, 0 to 100 (unlisted: 1).
    pub links: Vec<(LinkKind, f64)>,
    /// Speed multiplier by month (1–12), 0 to 100, e.g. the autumn rasputitsa (unlisted: 1).
    pub months: Vec<(u32, f64)>,
    /// Speed multiplier when advancing into ground held by an enemy with troops in it.
    #[schemars(range(min = 0.0, max = 100.0))]
    pub contested: f64,
}

impl Default for MovementParams {
    fn default() -> Self {
        MovementParams {
            terrain: Vec::new(),
            links: Vec::new(),
            months: Vec::new(),
            contested: 0.7,
        }
    }
}

/// Rail transfers.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RailParams {
    /// Distance a train covers in a day, km (about 800, BEL 1941).
    // At zero a train would never arrive.
    #[schemars(range(min = 1.0, max = 100_000.0))]
    pub km_per_day: f64,
    /// Capacity of a rail link without its own `rail_capacity`, trains a day.
    #[schemars(range(min = 0.0, max = 1_000.0))]
    pub default_capacity: f64,
    /// Days to entrain before the first train leaves.
    #[schemars(range(min = 0, max = 365))]
    pub loading_days: u32,
}

impl Default for RailParams {
    fn default() -> Self {
        RailParams {
            km_per_day: 800.0,
            default_capacity: 12.0,
            loading_days: 1,
        }
    }
}

/// How a faction whose controller is `ai` fights on the map: its doctrine, not
/// a plan. Each day it weighs the enemy ground on its front (the region's
/// `value` and what lies behind it), sends the nearest formations to the best
/// targets until the local odds are good enough, gathers them next to the
/// target and sends them in together; it covers its threatened regions, by
/// rail from afar; it leaves a position that cannot be held.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct OperationsParams {
    /// Local odds an attack waits for: its power over the defenders' (as it
    /// perceives them), after their ground and works. 3 is the staff rule of
    /// thumb for attacking a position (Dupuy, *Numbers, Predictions and War*).
    #[schemars(range(min = 0.1, max = 100.0))]
    pub attack_odds: f64,
    /// Odds against it at which a position that no help can reach, and whose
    /// last way out could be cut, is left rather than held (fortified works
    /// are always held). With more than one way out it holds and makes the
    /// enemy fight for it: the combat rule makes it give ground when beaten.
    #[schemars(range(min = 0.1, max = 100.0))]
    pub withdraw_odds: f64,
    /// Days of marching, or of rail, from which formations are drawn to an
    /// attack or a threatened region.
    #[schemars(range(min = 0.0, max = 365.0))]
    pub horizon_days: f64,
    /// Weight of the enemy regions behind a target, per link of depth (0: the
    /// target's own `value` only).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub depth_weight: f64,
    /// Links of depth looked at behind a target.
    #[schemars(range(min = 0, max = 10))]
    pub depth_links: u32,
    /// A formation more than this many days' march from where it is needed
    /// goes by rail, where its side's railways reach.
    #[schemars(range(min = 0.0, max = 365.0))]
    pub rail_after_days: f64,
    /// A target a command already attacks counts this many times its value:
    /// a command keeps to its axis rather than turn each day for a slightly
    /// better one (1: no preference).
    #[schemars(range(min = 1.0, max = 10.0))]
    pub commitment: f64,
}

impl Default for OperationsParams {
    fn default() -> Self {
        OperationsParams {
            attack_odds: 3.0,
            withdraw_odds: 6.0,
            horizon_days: 10.0,
            depth_weight: 0.5,
            depth_links: 3,
            rail_after_days: 5.0,
            commitment: 2.0,
        }
    }
}

/// Supply: formations far from a depot run down. A formation's supply is a share, 0 to 1.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SupplyParams {
    /// Supply lost a day out of supply (moving or cut off).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub drain: f64,
    /// Supply regained a day when in supply.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub recover: f64,
    /// Supply below which formations cannot advance.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub halt_below: f64,
    /// Road/track km from a railhead still counted as supplied.
    #[schemars(range(min = 0.0, max = 100_000.0))]
    pub reach_km: f64,
    /// Cost factor on captured rail (gauge, demolitions): 0 = as good as one's own, 1 = as slow as a road.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub captured_rail: f64,
    /// Supply burnt by a full day's march, by arm, 0 to 1 (unlisted: none): motorised
    /// formations' supply is the fuel they carry. Only marching burns it (halted
    /// beyond reach they keep it), within reach their columns refill it by
    /// `recover` a day, marching or halted; they march no farther than it lasts
    /// and, attacking, set off on a leg only with fuel for it (or for a day's
    /// march of it) over `halt_below`.
    pub fuel: Vec<(Arm, f64)>,
}

impl Default for SupplyParams {
    fn default() -> Self {
        SupplyParams {
            drain: 0.08,
            recover: 0.1,
            halt_below: 0.15,
            reach_km: 150.0,
            captured_rail: 0.3,
            fuel: Vec::new(),
        }
    }
}

/// How factions see each other's strength.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct IntelligenceParams {
    /// One per observer and observed faction.
    pub estimates: Vec<Estimate>,
}

/// How one faction sees another in `perceived_by` strength conditions.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// Faction id of who looks.
    pub observer: String,
    /// Faction id of who is seen.
    pub observed: String,
    /// Perceived = true strength × a factor drawn once per seed in this range, (low, high).
    pub factor: (f64, f64),
    /// Perception lags reality by this many days.
    #[serde(default)]
    // Each day of lag keeps a copy of the strength table: bound the memory.
    #[schemars(range(max = crate::scenario::check::MAX_LAG_DAYS))]
    pub lag_days: u32,
}

/// A front fought off the map (the German drive on Moscow).
///
/// Each day the attacker advances `base_advance_km × (ratio − 1)` km, clamped to
/// 0 – 3 × `base_advance_km`, where ratio = attacker power × season ÷ defender power;
/// the defender's power is `defender_base` plus its formations in `region`. Each day the
/// attacker's power and those formations lose their sides' shares by `params.combat`'s
/// attrition rule at that ratio (the front's n-th day costing as a battle's n-th day).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AbstractFront {
    /// Unique id; the engine keeps the variable `<id>.distance_km`.
    pub id: String,
    /// Shown in the chronicle.
    pub name: String,
    /// Region id standing for this front; formations sent there fight in it.
    pub region: String,
    /// Faction id of the attacker.
    pub attacker: String,
    /// Faction id of the defender.
    pub defender: String,
    /// The front is active from this day...
    pub from: Date,
    /// ...to this day (then the defender has held).
    pub until: Date,
    /// Distance from the front line to the objective at `from`, km.
    #[schemars(range(min = 0.0, max = 100_000.0))]
    pub distance_km: f64,
    /// Attacker combat power at `from`, men-equivalents.
    #[schemars(range(min = 0.0))]
    pub attacker_power: f64,
    /// Uncertainty of `attacker_power`: a factor drawn once per seed in this range, (low, high).
    #[serde(default = "unit_range")]
    pub attacker_spread: (f64, f64),
    /// Change of attacker power a day besides the fighting's losses (forces sent elsewhere:
    /// negative; reinforcements: positive).
    pub attacker_change: f64,
    /// Defender power not represented by formations (the rest of the Red Army), men-equivalents.
    #[schemars(range(min = 0.0))]
    pub defender_base: f64,
    /// Change of `defender_base` a day (mobilisation).
    pub defender_change: f64,
    /// Scale of advance, km a day (the advance at a 2:1 ratio).
    // The advance is clamped to [0, 3 × base]: a negative scale has no such range.
    #[schemars(range(min = 0.0, max = 10_000.0))]
    pub base_advance_km: f64,
    /// Attacker power multiplier by month (1–12), 0 to 100 (mud, frost; unlisted: 1).
    #[serde(default)]
    pub season: Vec<(u32, f64)>,
    /// Months (1–12) in which formations' `winter` readiness multiplies their power.
    #[serde(default)]
    pub winter_months: Vec<u32>,
    /// Defender/attacker ratio from which the defender counterattacks...
    #[schemars(range(min = 0.0, max = 1_000.0))]
    pub counter_ratio: f64,
    /// ...but not before this day.
    pub counter_from: Date,
    /// Daily random spread of the ratio.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub noise: f64,
    /// Outcome (and flag) recorded when the objective falls.
    pub fall_outcome: String,
    /// Outcome (and flag) recorded when the defender counterattacks or holds to `until`.
    pub hold_outcome: String,
}
