//! Reading battles in the format of the CAA Database of Battles (CDB90):
//! one row a battle, the columns of `shared/data/cdb90/cdb90.csv`.
//!
//! The text is hostile: a row that cannot be read is an error naming its
//! line; a row whose needed values are coded unknown (`-1`, `9`, empty) is
//! skipped and counted with its reason, never guessed.

use super::{Battle, Side};
use crate::scenario::{CombatParams, Terrain};
use crate::sim::combat::PREPARED_WORKS;
use csv::StringRecord;

/// Largest number a count column may hold (men, tanks, sorties, days):
/// well above any battle ever fought, low enough that sums stay finite.
const MAX_VALUE: f64 = 1e9;
/// Longest battle fought day by day (days); longer rows are skipped.
pub const MAX_DAYS: f64 = 1_000.0;

/// A row that could not be read: the file is refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Malformed {
    /// 1-based line in the file.
    pub line: u64,
    pub message: String,
}

/// A row left out because a value it needs is unknown or out of range.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Skipped {
    pub line: u64,
    /// The battle's ISQNO, as written.
    pub id: String,
    pub reason: String,
}

/// The readable rows of a file, and those left out.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub battles: Vec<Battle>,
    pub skipped: Vec<Skipped>,
}

/// The columns read, by name (any order, other columns ignored).
struct Columns {
    index: Vec<usize>,
    /// Positions of [`NAMES_OPTIONAL`], where the header has them.
    optional: [Option<usize>; 3],
}

/// Declares the columns read: their names ([`NAMES`]) and, derived from the same
/// list so they cannot drift apart, each one's position in it (`col::STRA`).
macro_rules! columns {
    ($($name:ident),* $(,)?) => {
        const NAMES: &[&str] = &[$(stringify!($name)),*];
        #[allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]
        mod col {
            enum Position {
                $($name),*
            }
            $(pub const $name: usize = Position::$name as usize;)*
        }
    };
}

columns!(
    ISQNO,
    NAME,
    STRA,
    STRD,
    CASA,
    CASD,
    TANKA,
    TANKD,
    ARTYA,
    ARTYD,
    FLYA,
    FLYD,
    WINA,
    KMDA,
    POST1,
    TERRA1,
    DURATION_DAYS,
    WOFA1,
    SURPA,
    CEA,
    LEADA,
    TRNGA,
    MORALA,
    LOGSA,
    MOMNTA,
    INITA,
);
/// Columns read when the file has them: who fought, and in which war (to know an
/// army that fought to the last); a file without them has no such side.
/// NAMA and NAMD come first, so a side's offset (0 attacker, 1 defender) picks its name.
const NAMES_OPTIONAL: [&str; 3] = ["NAMA", "NAMD", "WAR"];
const WAR: usize = 2;

/// SURPA and the after-the-fact judgements (note 8 of CDB90DEF.csv): the last columns.
const ADVANTAGES: std::ops::Range<usize> = col::SURPA..NAMES.len();

impl Columns {
    fn find(header: &StringRecord) -> Result<Columns, Malformed> {
        let mut index = Vec::with_capacity(NAMES.len());
        for &name in NAMES {
            match header.iter().position(|h| h.trim() == name) {
                Some(i) => index.push(i),
                None => {
                    return Err(Malformed {
                        line: 1,
                        message: format!("the header has no column `{name}`"),
                    });
                }
            }
        }
        let optional = NAMES_OPTIONAL.map(|name| header.iter().position(|h| h.trim() == name));
        Ok(Columns { index, optional })
    }

    /// Optional column `i` of [`NAMES_OPTIONAL`] ("" when the file has none).
    fn optional<'r>(&self, row: &'r StringRecord, i: usize) -> &'r str {
        self.optional[i]
            .and_then(|c| row.get(c))
            .unwrap_or("")
            .trim()
    }

    fn get<'r>(&self, row: &'r StringRecord, col: usize) -> &'r str {
        row.get(self.index[col]).unwrap_or("").trim()
    }
}

/// Why a row is left out (recorded, not an error).
struct Unknown(String);

enum RowError {
    Malformed(String),
    Unknown(Unknown),
}

impl From<Unknown> for RowError {
    fn from(u: Unknown) -> Self {
        RowError::Unknown(u)
    }
}

/// A number in `col`; `None` when it carries the unknown code (`-1` or empty).
fn count(cols: &Columns, row: &StringRecord, col: usize) -> Result<Option<f64>, RowError> {
    let text = cols.get(row, col);
    if text.is_empty() {
        return Ok(None);
    }
    let v = number(text, NAMES[col])?;
    if v == -1.0 {
        return Ok(None);
    }
    if !(0.0..=MAX_VALUE).contains(&v) {
        return Err(RowError::Malformed(format!(
            "`{}` is {text}: outside 0 to {MAX_VALUE:e} (and not the unknown code -1)",
            NAMES[col]
        )));
    }
    Ok(Some(v))
}

fn number(text: &str, name: &str) -> Result<f64, RowError> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(RowError::Malformed(format!(
            "`{name}` is `{text}`, not a number"
        ))),
    }
}

/// A count the model needs: unknown skips the row.
fn needed(cols: &Columns, row: &StringRecord, col: usize) -> Result<f64, RowError> {
    count(cols, row, col)?
        .ok_or_else(|| RowError::Unknown(Unknown(format!("{} unknown", NAMES[col]))))
}

/// Equipment counts: needed only when the scenario gives them a weight.
fn equipment(cols: &Columns, row: &StringRecord, col: usize, weight: f64) -> Result<f64, RowError> {
    if weight == 0.0 {
        return Ok(count(cols, row, col)?.unwrap_or(0.0));
    }
    needed(cols, row, col)
}

/// An advantage code (−4..+4); 9 and −9 are unknown.
fn advantage(cols: &Columns, row: &StringRecord, col: usize) -> Result<Option<f64>, RowError> {
    let text = cols.get(row, col);
    if text.is_empty() {
        return Ok(None);
    }
    let v = number(text, NAMES[col])?;
    if v.abs() == 9.0 {
        return Ok(None);
    }
    if !(-4.0..=4.0).contains(&v) {
        return Err(RowError::Malformed(format!(
            "`{}` is {text}: outside -4 to 4 (and not the unknown code 9)",
            NAMES[col]
        )));
    }
    Ok(Some(v))
}

/// CDB90's terrain (note 3 of CDB90DEF.csv, letters as in the data README) as the
/// scenario's classes: urban and marsh first (they decide the fight), then relief,
/// then cover. `None` when nothing is known.
pub fn terrain(code: &str) -> Option<Terrain> {
    let c: Vec<char> = code.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('0');
    Some(match (at(0), at(1), at(2)) {
        (_, _, 'U') => Terrain::Urban,
        (_, _, 'M') => Terrain::Marsh,
        ('R', _, _) => Terrain::Mountain,
        (_, 'D', _) => Terrain::Desert,
        (_, 'W', _) => Terrain::Forest,
        ('G', _, _) => Terrain::Hills,
        ('F', _, _) => Terrain::Plain,
        _ => return None,
    })
}

/// The defender's works by its primary posture: a fortified defence is a
/// fortified district (level 3 on the map's scale), a prepared one field works
/// (level 1); hasty defence, delay and withdrawal have none.
pub fn fort_level(post: &str) -> Option<f64> {
    match post {
        "FD" => Some(3.0),
        "PD" => Some(PREPARED_WORKS),
        "HD" | "DL" | "WD" => Some(0.0),
        _ => None,
    }
}

/// Whether a side named `name` (NAMA or NAMD) in `war` fought to the last: the
/// Imperial Japanese Army of the Second World War (Senjinkun, 1941: no surrender
/// in the field), the one army of CDB90 that a campaign faction's
/// `fights_to_the_last` describes.
pub fn fights_to_the_last(name: &str, war: &str) -> bool {
    name.starts_with("JAP ") && war.starts_with("WORLD WAR II")
}

fn battle(cols: &Columns, row: &StringRecord, p: &CombatParams) -> Result<Battle, RowError> {
    let (_, wt, wg, wa) = p.weights;
    let days = needed(cols, row, col::DURATION_DAYS)?;
    if days <= 0.0 || days > MAX_DAYS {
        return Err(Unknown(format!("DURATION_DAYS {days} outside (0, {MAX_DAYS}]")).into());
    }
    let side = |o: usize| -> Result<Side, RowError> {
        let men = needed(cols, row, col::STRA + o)?;
        if men <= 0.0 {
            return Err(Unknown(format!("{} is 0", NAMES[col::STRA + o])).into());
        }
        Ok(Side {
            men,
            tanks: equipment(cols, row, col::TANKA + o, wt)?,
            guns: equipment(cols, row, col::ARTYA + o, wg)?,
            // Sorties over the battle, flown as a daily weight.
            air: equipment(cols, row, col::FLYA + o, wa)? / days.max(1.0),
            casualties: needed(cols, row, col::CASA + o)?,
            last_stand: fights_to_the_last(cols.optional(row, o), cols.optional(row, WAR)),
        })
    };
    let attacker = side(0)?;
    let defender = side(1)?;
    let winner = match cols.get(row, col::WINA) {
        "1" => 1,
        "0" => 0,
        "-1" => -1,
        "" | "-9" | "9" => return Err(Unknown("WINA unknown".into()).into()),
        other => {
            return Err(RowError::Malformed(format!(
                "`WINA` is `{other}`: not 1, 0, -1 or the unknown code -9"
            )));
        }
    };
    let post = cols.get(row, col::POST1);
    let fort = fort_level(post).ok_or_else(|| Unknown(format!("POST1 `{post}` unknown")))?;
    let terra = cols.get(row, col::TERRA1);
    let terrain = terrain(terra).ok_or_else(|| Unknown(format!("TERRA1 `{terra}` unknown")))?;
    let km = {
        let t = cols.get(row, col::KMDA);
        if t.is_empty() {
            None
        } else {
            Some(number(t, "KMDA")?)
        }
    };
    // The front's width is needed only when density matters.
    let front_km = match count(cols, row, col::WOFA1)? {
        Some(w) if w > 0.0 => Some(w),
        _ if p.density_exponent != 0.0 => {
            return Err(Unknown("WOFA1 unknown or 0".into()).into());
        }
        w => w,
    };
    let mut advantages = [None; 8];
    for (slot, col) in advantages.iter_mut().zip(ADVANTAGES) {
        *slot = advantage(cols, row, col)?;
    }
    Ok(Battle {
        id: cols.get(row, col::ISQNO).to_string(),
        name: cols.get(row, col::NAME).to_string(),
        attacker,
        defender,
        days,
        winner,
        // -9999 is KMDA's unknown code (a real negative is ground lost).
        km: km.filter(|&k| k > -9999.0),
        fort,
        terrain,
        front_km,
        advantages,
    })
}

/// Reads CDB90 rows from `text` with the scenario's combat parameters (which
/// decide what is needed): the battles, and the rows skipped with their reasons.
pub fn read(text: &[u8], p: &CombatParams) -> Result<Rows, Malformed> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text);
    let header = reader.headers().map_err(|e| malformed(&e, 1))?.clone();
    let cols = Columns::find(&header)?;
    let mut rows = Rows::default();
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(malformed(&e, 0)),
        }
        let line = record.position().map_or(0, |p| p.line());
        match battle(&cols, &record, p) {
            Ok(b) => rows.battles.push(b),
            Err(RowError::Unknown(Unknown(reason))) => rows.skipped.push(Skipped {
                line,
                id: cols.get(&record, col::ISQNO).to_string(),
                reason,
            }),
            Err(RowError::Malformed(message)) => return Err(Malformed { line, message }),
        }
    }
    Ok(rows)
}

fn malformed(e: &csv::Error, fallback: u64) -> Malformed {
    let line = e.position().map_or(fallback, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        _ => e.to_string(),
    };
    Malformed { line, message }
}
