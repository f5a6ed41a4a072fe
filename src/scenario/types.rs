//! The scenario file format: plain serde data, no ECS.
//!
//! Every struct denies unknown fields so a misspelt field is an error with a
//! line and column, never silently ignored. Ids are strings in files and are
//! resolved to indices once, when the world is built.

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// The current version of the scenario format; files declare theirs in `meta.format`.
pub const FORMAT_VERSION: u32 = 1;

/// A whole scenario: the base file after any overlays have been applied.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub meta: Meta,
    pub factions: Vec<Faction>,
    pub regions: Vec<Region>,
    #[serde(default)]
    pub links: Vec<Link>,
    pub formation_types: Vec<FormationType>,
    #[serde(default)]
    pub formations: Vec<Formation>,
    #[serde(default)]
    pub treaties: Vec<Treaty>,
    /// Flags set at the start.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Numeric variables and their starting values.
    #[serde(default)]
    pub variables: Vec<Variable>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub params: Params,
    /// Reference points from history, for `pact compare`.
    #[serde(default)]
    pub history: Vec<HistoryPoint>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub start: Date,
    pub end: Date,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Scenario format version; must not exceed [`FORMAT_VERSION`].
    pub format: u32,
    /// Names of outcome flags a summary reports (e.g. `moscow_held`).
    #[serde(default)]
    pub outcomes: Vec<String>,
}

/// Who takes a faction's decisions.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Controller {
    /// Takes the option recorded as historical.
    #[default]
    Historical,
    /// Weighs options on perceived strength and the scenario's weights.
    Ai,
    /// Asks a person (GUI dialog, or the terminal when interactive).
    Player,
    /// Fixed answers given on the command line or in a policy file.
    Policy,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Faction {
    pub id: String,
    pub name: String,
    /// Map colour, RGB.
    #[serde(default = "default_color")]
    pub color: (u8, u8, u8),
    #[serde(default)]
    pub controller: Controller,
    /// Factions this one is at war with at the start.
    #[serde(default)]
    pub at_war_with: Vec<String>,
    /// Starting operational plan.
    #[serde(default)]
    pub plan: Plan,
    /// Factions whose formations and regions count as this one's (e.g. Manchukuo under Japan).
    #[serde(default)]
    pub allies: Vec<String>,
    #[serde(default)]
    pub allow: Vec<String>,
}

fn default_color() -> (u8, u8, u8) {
    (128, 128, 128)
}

/// What a faction's formations do in the field when no one orders them otherwise.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub stance: Stance,
    /// Regions to take, in priority order; attacking formations head for the nearest.
    #[serde(default)]
    pub objectives: Vec<String>,
}

#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Hold ground; fight only when attacked.
    #[default]
    Defend,
    /// Formations in `attack` posture advance on the objectives.
    Offensive,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Terrain {
    Plain,
    Steppe,
    Desert,
    Hills,
    Mountain,
    Forest,
    Taiga,
    Marsh,
    Urban,
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

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub terrain: Terrain,
    /// Faction that controls it at the start.
    pub owner: String,
    /// Victory/strategic value (1 = ordinary).
    #[serde(default = "one")]
    pub value: f64,
    /// Theatre it belongs to (strength conditions can sum over a theatre).
    #[serde(default = "default_theatre")]
    pub theatre: String,
    /// Fortification level, 0 (none) to 3 (fortified district).
    #[serde(default)]
    pub fort: f64,
    /// A supply base: formations of the owner here, or linked to it by rail, are supplied.
    #[serde(default)]
    pub depot: bool,
    #[serde(default)]
    pub allow: Vec<String>,
}

fn one() -> f64 {
    1.0
}

fn default_theatre() -> String {
    "main".to_string()
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Rail,
    Road,
    Track,
    Pass,
    RiverCrossing,
    Sea,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    pub length_km: f64,
    /// Trains a day each way (rail links only); defaults to `params.rail.default_capacity`.
    #[serde(default)]
    pub rail_capacity: Option<f64>,
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    Infantry,
    Cavalry,
    Armour,
    Mechanised,
    Airborne,
    Air,
    Naval,
    Headquarters,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FormationType {
    pub id: String,
    pub name: String,
    pub arm: Arm,
    /// Trains needed to move it by rail (a rifle division: 36, BEL).
    pub trains: u32,
    /// Road march in good going, km a day.
    pub speed_km: f64,
    /// Whether it counts as a division in strength conditions.
    #[serde(default)]
    pub division: bool,
}

#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Posture {
    /// Advances on the faction's objectives when its plan is offensive.
    Attack,
    #[default]
    Defend,
    /// Held back; joins fights in its own region only.
    Reserve,
    /// Never leaves its region.
    Garrison,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Formation {
    pub id: String,
    pub name: String,
    pub faction: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub location: String,
    pub men: f64,
    #[serde(default)]
    pub tanks: f64,
    #[serde(default)]
    pub guns: f64,
    #[serde(default)]
    pub aircraft: f64,
    /// Training, leadership and equipment, 0.0 to 1.0.
    #[serde(default = "half")]
    pub quality: f64,
    #[serde(default)]
    pub posture: Posture,
    /// Readiness for winter operations, 0.0 to 1.0 (Siberian divisions were high).
    #[serde(default = "half")]
    pub winter: f64,
    /// Headquarters this formation belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    /// Its axis of advance: regions to take in order; overrides the faction's objectives while any is open.
    #[serde(default)]
    pub axis: Vec<String>,
    /// Uncertain strength: `men`, `tanks`, `guns`, `aircraft` are scaled by a factor drawn per seed in this range.
    #[serde(default)]
    pub spread: Option<(f64, f64)>,
    #[serde(default)]
    pub allow: Vec<String>,
}

fn unit_range() -> (f64, f64) {
    (1.0, 1.0)
}

fn half() -> f64 {
    0.5
}

#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum TreatyStatus {
    /// Negotiated, not signed.
    #[default]
    Draft,
    Signed,
    InForce,
    /// Notice given; still binding until it expires.
    Denounced,
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

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    /// Parties may not make war on each other while the treaty binds.
    NonAggression,
    /// Neutrality if a party is attacked by a third power.
    Neutrality,
    Territorial,
    /// Term, renewal and notice.
    Term,
    Other,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub id: String,
    pub kind: ClauseKind,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    pub id: String,
    pub name: String,
    pub parties: Vec<String>,
    #[serde(default)]
    pub status: TreatyStatus,
    /// Date signed, if signed before or at the start.
    #[serde(default)]
    pub signed: Option<Date>,
    /// Date it came into force, if before or at the start.
    #[serde(default)]
    pub in_force: Option<Date>,
    /// Term in years from entry into force.
    pub term_years: u32,
    /// Notice of denunciation required before expiry, in days.
    pub notice_days: u32,
    /// Renews for another term unless denounced in time.
    #[serde(default)]
    pub auto_renew: bool,
    #[serde(default)]
    pub clauses: Vec<Clause>,
    #[serde(default)]
    pub allow: Vec<String>,
}

/// When an event may fire.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// Not before this date.
    #[serde(default)]
    pub from: Option<Date>,
    /// Not after this date.
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub when: Condition,
    /// Chance per eligible day, 0.0 to 1.0.
    #[serde(default = "one")]
    pub chance: f64,
    /// Fire again on later days (at most once every `cooldown_days`).
    #[serde(default)]
    pub repeat: bool,
    #[serde(default = "one_day")]
    pub cooldown_days: u32,
}

fn one_day() -> u32 {
    1
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

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub trigger: Trigger,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
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
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Region(String),
    Theatre(String),
    Everywhere,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Men,
    Divisions,
    Formations,
    Tanks,
    Guns,
    Aircraft,
}

/// A test over the world state, evaluated by the engine.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    #[default]
    Always,
    Never,
    /// Today is on or after the date.
    After(Date),
    /// Today is before the date.
    Before(Date),
    Flag(String),
    Var {
        name: String,
        op: Cmp,
        value: f64,
    },
    Treaty {
        treaty: String,
        status: TreatyStatus,
    },
    AtWar(String, String),
    /// Strength of a faction (and its allies) in a scope; `perceived_by` sees it through that faction's intelligence.
    Strength {
        faction: String,
        scope: Scope,
        measure: Measure,
        op: Cmp,
        value: f64,
        #[serde(default)]
        perceived_by: Option<String>,
    },
    /// Strength relative to what it was at the start of the scenario (1.0 = unchanged).
    StrengthRatio {
        faction: String,
        scope: Scope,
        measure: Measure,
        op: Cmp,
        value: f64,
        #[serde(default)]
        perceived_by: Option<String>,
    },
    Controls {
        faction: String,
        region: String,
    },
    /// An event has fired at least once.
    Fired(String),
    /// A decision was taken with this option.
    Chose {
        decision: String,
        option: String,
    },
    Chance(f64),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum TreatyAction {
    Sign,
    Ratify,
    Denounce,
    Violate,
    Expire,
}

/// Which formations an effect applies to.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    pub faction: String,
    #[serde(default)]
    pub theatre: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// Only these formation types (empty: any).
    #[serde(default)]
    pub types: Vec<String>,
    /// At most this many, taken in file order (stable id order).
    #[serde(default)]
    pub count: Option<u32>,
}

/// A change to the world, applied by the engine when an event fires or an option is chosen.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    SetFlag(String),
    ClearFlag(String),
    SetVar(String, f64),
    AddVar(String, f64),
    Spawn(Formation),
    Remove(String),
    /// Move a formation at once (off-map arrivals, redeployments in peacetime).
    Teleport {
        formation: String,
        to: String,
    },
    /// Send one formation by rail.
    RailTransfer {
        formation: String,
        to: String,
    },
    /// Send several formations by rail, chosen by a selector.
    RailTransferMany {
        select: Selector,
        to: String,
    },
    Treaty {
        treaty: String,
        action: TreatyAction,
        /// The faction acting (who denounces or violates).
        #[serde(default)]
        by: Option<String>,
    },
    DeclareWar(String, String),
    Peace(String, String),
    SetPlan {
        faction: String,
        stance: Stance,
        #[serde(default)]
        objectives: Vec<String>,
    },
    SetPosture {
        select: Selector,
        posture: Posture,
    },
    /// Give the selected formations an axis of advance: regions to take, in order.
    SetAxis {
        select: Selector,
        objectives: Vec<String>,
    },
    /// Formations selected lay down arms, on the march or halted: their men count as captured.
    Surrender(Selector),
    /// Add to the supply of selected formations, on the march or halted (air resupply).
    Resupply {
        select: Selector,
        amount: f64,
    },
    /// Record a named outcome (listed in `meta.outcomes`) with today's date.
    Outcome(String),
    Chronicle(String),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Base weight for the AI controller.
    #[serde(default = "one")]
    pub weight: f64,
    /// Multipliers on the weight while their condition holds.
    #[serde(default)]
    pub modifiers: Vec<WeightModifier>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WeightModifier {
    pub when: Condition,
    pub factor: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The faction that decides.
    pub faction: String,
    /// When it is offered; it is taken on the first eligible day.
    #[serde(default)]
    pub offered: Trigger,
    pub options: Vec<DecisionOption>,
    /// The option taken historically (and by the `historical` controller).
    pub historical: String,
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub name: String,
    pub value: f64,
}

/// A fact from history to compare a run with.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HistoryPoint {
    pub id: String,
    pub name: String,
    /// Source tag from the reference (e.g. `TRET`).
    pub source: String,
    pub measure: HistoryMeasure,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum HistoryMeasure {
    /// A region taken by a faction on a date, within ± `tolerance_days`.
    Capture {
        region: String,
        by: String,
        date: Date,
        tolerance_days: i32,
    },
    /// An outcome flag set on a date (± days); `probability` is the share of seeds that must reach it.
    Outcome {
        outcome: String,
        #[serde(default)]
        date: Option<Date>,
        #[serde(default)]
        tolerance_days: i32,
        #[serde(default)]
        min_share: Option<f64>,
        #[serde(default)]
        max_share: Option<f64>,
    },
    /// A variable's value on a date, within [lo, hi].
    Variable {
        name: String,
        date: Date,
        lo: f64,
        hi: f64,
    },
    /// A formation first stands in one of these regions on a date (± days).
    Reach {
        formation: String,
        regions: Vec<String>,
        date: Date,
        tolerance_days: i32,
    },
    /// Deepest advance (km, great circle) on `date` of the formations under `parent` on `from` (D-day):
    /// how far beyond the ground their side held at the start the deepest of them stands.
    Depth {
        parent: String,
        from: Date,
        date: Date,
        lo_km: f64,
        hi_km: f64,
    },
    /// Rail transfers to a theatre that departed in [from, until]: men and divisions within ranges.
    Transfers {
        to_theatre: String,
        from: Date,
        until: Date,
        men: (f64, f64),
        divisions: (f64, f64),
    },
}

// ---------------------------------------------------------------- parameters

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub combat: CombatParams,
    #[serde(default)]
    pub movement: MovementParams,
    #[serde(default)]
    pub rail: RailParams,
    #[serde(default)]
    pub supply: SupplyParams,
    #[serde(default)]
    pub intelligence: IntelligenceParams,
    /// Abstract fronts outside the map (the German–Soviet front).
    #[serde(default)]
    pub fronts: Vec<AbstractFront>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CombatModel {
    /// Force-ratio combat results table, as in board wargames.
    #[default]
    ForceRatio,
    /// Lanchester square law, attrition per day.
    Lanchester,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CombatParams {
    #[serde(default)]
    pub model: CombatModel,
    /// Combat power of one man, tank, gun and aircraft.
    #[serde(default = "CombatParams::default_weights")]
    pub weights: (f64, f64, f64, f64),
    /// Share of the weaker side's men lost a day at 1:1 (force ratio) or per unit of enemy power (Lanchester).
    #[serde(default = "CombatParams::default_loss_rate")]
    pub loss_rate: f64,
    /// Of men lost: share killed, share wounded (the rest missing/captured).
    #[serde(default = "CombatParams::default_killed_share")]
    pub killed_share: f64,
    #[serde(default = "CombatParams::default_wounded_share")]
    pub wounded_share: f64,
    /// Defence multiplier per fort level.
    #[serde(default = "CombatParams::default_fort_bonus")]
    pub fort_bonus: f64,
    /// Defence multiplier by terrain.
    #[serde(default)]
    pub terrain_defence: Vec<(Terrain, f64)>,
    /// Attacker/defender ratio at which the defender gives ground.
    #[serde(default = "CombatParams::default_retreat_ratio")]
    pub retreat_ratio: f64,
    /// Random spread of daily results (0 = none).
    #[serde(default = "CombatParams::default_noise")]
    pub noise: f64,
}

impl CombatParams {
    fn default_weights() -> (f64, f64, f64, f64) {
        (1.0, 40.0, 15.0, 20.0)
    }
    fn default_loss_rate() -> f64 {
        0.02
    }
    fn default_killed_share() -> f64 {
        0.3
    }
    fn default_wounded_share() -> f64 {
        0.5
    }
    fn default_fort_bonus() -> f64 {
        0.5
    }
    fn default_retreat_ratio() -> f64 {
        3.0
    }
    fn default_noise() -> f64 {
        0.2
    }
}

impl Default for CombatParams {
    fn default() -> Self {
        CombatParams {
            model: CombatModel::default(),
            weights: Self::default_weights(),
            loss_rate: Self::default_loss_rate(),
            killed_share: Self::default_killed_share(),
            wounded_share: Self::default_wounded_share(),
            fort_bonus: Self::default_fort_bonus(),
            terrain_defence: Vec::new(),
            retreat_ratio: Self::default_retreat_ratio(),
            noise: Self::default_noise(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MovementParams {
    /// Speed multiplier by terrain of the destination region.
    #[serde(default)]
    pub terrain: Vec<(Terrain, f64)>,
    /// Speed multiplier by link kind.
    #[serde(default)]
    pub links: Vec<(LinkKind, f64)>,
    /// Speed multiplier by month (1–12), e.g. the autumn rasputitsa.
    #[serde(default)]
    pub months: Vec<(u32, f64)>,
    /// Speed multiplier when advancing into enemy-held ground.
    #[serde(default = "MovementParams::default_contested")]
    pub contested: f64,
}

impl MovementParams {
    fn default_contested() -> f64 {
        0.7
    }
}

impl Default for MovementParams {
    fn default() -> Self {
        MovementParams {
            terrain: Vec::new(),
            links: Vec::new(),
            months: Vec::new(),
            contested: Self::default_contested(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RailParams {
    /// Distance a train covers in a day (about 800 km, BEL 1941).
    #[serde(default = "RailParams::default_km")]
    pub km_per_day: f64,
    /// Capacity of a rail link without its own figure, trains a day.
    #[serde(default = "RailParams::default_capacity")]
    pub default_capacity: f64,
    /// Days to entrain before the first train leaves.
    #[serde(default = "RailParams::default_loading")]
    pub loading_days: u32,
}

impl RailParams {
    fn default_km() -> f64 {
        800.0
    }
    fn default_capacity() -> f64 {
        12.0
    }
    fn default_loading() -> u32 {
        1
    }
}

impl Default for RailParams {
    fn default() -> Self {
        RailParams {
            km_per_day: Self::default_km(),
            default_capacity: Self::default_capacity(),
            loading_days: Self::default_loading(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SupplyParams {
    /// Supply lost a day out of supply (moving or cut off), 0.0–1.0.
    #[serde(default = "SupplyParams::default_drain")]
    pub drain: f64,
    /// Supply regained a day when in supply.
    #[serde(default = "SupplyParams::default_recover")]
    pub recover: f64,
    /// Supply below which formations cannot advance.
    #[serde(default = "SupplyParams::default_halt")]
    pub halt_below: f64,
    /// Road/track km from a railhead still counted as supplied.
    #[serde(default = "SupplyParams::default_reach")]
    pub reach_km: f64,
    /// Cost factor on captured rail (gauge, demolitions): 0 = as good as one's own, 1 = as slow as a road.
    #[serde(default = "SupplyParams::default_captured_rail")]
    pub captured_rail: f64,
    /// Supply burnt by a full day's march, by arm (unlisted: none): motorised
    /// formations' supply is the fuel they carry. Only marching burns it (halted
    /// beyond reach they keep it), within reach their columns refill it by
    /// `recover` a day, marching or halted; they march no farther than it lasts
    /// and, attacking, set off on a leg only with fuel for it (or for a day's
    /// march of it) over `halt_below`.
    #[serde(default)]
    pub fuel: Vec<(Arm, f64)>,
}

impl SupplyParams {
    fn default_drain() -> f64 {
        0.08
    }
    fn default_recover() -> f64 {
        0.1
    }
    fn default_halt() -> f64 {
        0.15
    }
    fn default_reach() -> f64 {
        150.0
    }
    fn default_captured_rail() -> f64 {
        0.3
    }
}

impl Default for SupplyParams {
    fn default() -> Self {
        SupplyParams {
            drain: Self::default_drain(),
            recover: Self::default_recover(),
            halt_below: Self::default_halt(),
            reach_km: Self::default_reach(),
            captured_rail: Self::default_captured_rail(),
            fuel: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct IntelligenceParams {
    /// How each faction sees others: observer, observed, (low, high) factor drawn per seed.
    #[serde(default)]
    pub estimates: Vec<Estimate>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    pub observer: String,
    pub observed: String,
    /// Perceived = true strength × a factor drawn once per seed in this range.
    pub factor: (f64, f64),
    /// Perception lags reality by this many days.
    #[serde(default)]
    pub lag_days: u32,
}

/// An off-map front fought in the abstract (the German drive on Moscow).
///
/// Each day the attacker advances `base_advance_km × (ratio − 1)`
/// (clamped) where ratio = attacker power × season / defender power; the
/// defender's power is the formations of `defender` in `region` plus `defender_base`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AbstractFront {
    pub id: String,
    pub name: String,
    /// Region standing for this front; formations sent there fight in it.
    pub region: String,
    pub attacker: String,
    pub defender: String,
    /// The front is active from this date to `until`.
    pub from: Date,
    pub until: Date,
    /// Distance from the front line to the objective at `from`, km.
    pub distance_km: f64,
    /// Attacker combat power at `from` (men-equivalents) and its change a day (attrition, negative).
    pub attacker_power: f64,
    /// Uncertainty of `attacker_power`: a factor drawn once per seed in this range.
    #[serde(default = "unit_range")]
    pub attacker_spread: (f64, f64),
    pub attacker_change: f64,
    /// Defender power not represented by formations (the rest of the Red Army), and its change a day (mobilisation).
    pub defender_base: f64,
    pub defender_change: f64,
    /// Scale of advance, km a day at a 2:1 ratio.
    pub base_advance_km: f64,
    /// Attacker power multiplier by month (mud, frost).
    #[serde(default)]
    pub season: Vec<(u32, f64)>,
    /// Winter months in which a formation's `winter` readiness multiplies its power.
    #[serde(default)]
    pub winter_months: Vec<u32>,
    /// Defender/attacker ratio from which the defender counterattacks (after `counter_from`).
    pub counter_ratio: f64,
    pub counter_from: Date,
    /// Daily random spread of the ratio.
    #[serde(default)]
    pub noise: f64,
    /// Outcome set when the objective falls, and when the defender counterattacks.
    pub fall_outcome: String,
    pub hold_outcome: String,
}
