//! `pact battles`: real battles (CDB90 rows) fought by the scenario's combat
//! rule, each beside its record, and the figures beside the naive floor.

use super::bundled;
use super::run::report_load_error;
use clap::Args;
use pact::battles::fit::{Codes, CrossValidation, cross_validate, fit, knob_values};
use pact::battles::score::{Figures, Naive, figures};
use pact::battles::{Battle, Prediction, cdb90, fight};
use pact::scenario;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Largest CSV read: CDB90 whole is under 1 MiB.
const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Args, Debug)]
pub struct BattlesArgs {
    /// Battles in CDB90's format (its header row, any subset of its rows, any order).
    pub file: PathBuf,
    /// Scenario whose `params.combat` fights them (default: scenarios/historical.ron).
    #[arg(long, value_name = "S")]
    pub scenario: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Write the report to FILE instead of standard output (with --fit: the fitted parameters as RON).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Fit `params.combat` to the battles (Nelder–Mead) and report K-fold out-of-fold figures,
    /// with and without CDB90's after-the-fact advantage codes; prints the fit as a RON overlay.
    #[arg(long)]
    pub fit: bool,
    /// Folds of the cross-validation (with --fit).
    #[arg(long, value_name = "K", default_value_t = 5, requires = "fit", value_parser = clap::value_parser!(u32).range(2..=100))]
    pub folds: u32,
    /// With --fit: fit and cross-validate every attrition rule (force ratio; Lanchester's
    /// square and linear laws, logarithmic, Helmbold's) and compare them side by side.
    #[arg(long, requires = "fit")]
    pub models: bool,
}

/// One battle beside its record.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    recorded_winner: i8,
    predicted: Prediction,
    recorded_attacker_casualties: f64,
    recorded_defender_casualties: f64,
    recorded_km: Option<f64>,
}

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    scenario: String,
    rows_read: usize,
    skipped: &'a [cdb90::Skipped],
    battles: Vec<Row<'a>>,
    model: Figures,
    /// The same parameters with `quality_per_code` 0: what the model calls without the
    /// after-the-fact quality codes (absent when it is 0 already).
    without_codes: Option<Figures>,
    naive: Figures,
}

pub fn battles(args: BattlesArgs) -> ExitCode {
    let scenario_path = args
        .scenario
        .clone()
        .unwrap_or_else(|| bundled("historical.ron"));
    let loaded = match scenario::load_path(&scenario_path) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let p = &loaded.scenario.params.combat;
    let text = match read_bounded(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("pact battles: {}: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let rows = match cdb90::read(&text, p) {
        Ok(r) => r,
        Err(m) => {
            eprintln!(
                "pact battles: {}:{}: {}",
                args.file.display(),
                m.line,
                m.message
            );
            return ExitCode::from(2);
        }
    };
    if args.models {
        return models_report(&args, p, &rows);
    }
    if args.fit {
        return fit_report(&args, &loaded.scenario, &scenario_path, &rows);
    }
    let predicted: Vec<Prediction> = rows.battles.iter().map(|b| fight(b, p)).collect();
    let without_codes = (p.quality_per_code != 0.0).then(|| {
        let blind = pact::scenario::CombatParams {
            quality_per_code: 0.0,
            ..p.clone()
        };
        let blind: Vec<Prediction> = rows.battles.iter().map(|b| fight(b, &blind)).collect();
        figures(&rows.battles, &blind)
    });
    let naive = Naive::fit(&rows.battles);
    let floor: Vec<Prediction> = rows.battles.iter().map(|b| naive.predict(b)).collect();
    let report = Report {
        file: args.file.display().to_string(),
        scenario: scenario_path.display().to_string(),
        rows_read: rows.battles.len() + rows.skipped.len(),
        skipped: &rows.skipped,
        battles: rows
            .battles
            .iter()
            .zip(&predicted)
            .map(|(b, &p)| row(b, p))
            .collect(),
        model: figures(&rows.battles, &predicted),
        without_codes,
        naive: figures(&rows.battles, &floor),
    };
    let out = if args.json {
        serde_json::to_string_pretty(&report).expect("report serialises") + "\n"
    } else {
        table(&report)
    };
    emit(&out, args.out.as_deref())
}

fn row(b: &Battle, predicted: Prediction) -> Row<'_> {
    Row {
        id: &b.id,
        name: &b.name,
        recorded_winner: b.winner,
        predicted,
        recorded_attacker_casualties: b.attacker.casualties,
        recorded_defender_casualties: b.defender.casualties,
        recorded_km: b.km,
    }
}

/// Reads at most one byte past the limit, so a pipe or device cannot exhaust memory.
pub(super) fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_CSV_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_CSV_BYTES {
        return Err(format!("larger than the limit of {MAX_CSV_BYTES} bytes"));
    }
    Ok(bytes)
}

/// Prints `text`, or writes it to `out`.
pub(super) fn emit(text: &str, out: Option<&Path>) -> ExitCode {
    match out {
        Some(path) => {
            if let Err(e) = pact::files::write_atomic(path, text) {
                eprintln!("pact battles: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        // A closed pipe (`pact battles … | head`) is not an error worth a panic.
        None => {
            let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
        }
    }
    ExitCode::SUCCESS
}

fn winner(w: i8) -> &'static str {
    match w {
        1 => "att",
        -1 => "def",
        _ => "draw",
    }
}

fn table(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:>5}  {:<28} {:>4} {:>4}  {:>9} {:>9}  {:>9} {:>9}  {:>7}",
        "id", "battle", "win", "rec", "att cas", "rec", "def cas", "rec", "km rec"
    );
    for b in &r.battles {
        let name: String = b.name.chars().take(28).collect();
        let km = b.recorded_km.map_or("-".to_string(), |k| format!("{k:.1}"));
        let _ = writeln!(
            s,
            "{:>5}  {:<28} {:>4} {:>4}  {:>9.0} {:>9.0}  {:>9.0} {:>9.0}  {:>7}",
            b.id,
            name,
            winner(b.predicted.winner),
            winner(b.recorded_winner),
            b.predicted.attacker_casualties,
            b.recorded_attacker_casualties,
            b.predicted.defender_casualties,
            b.recorded_defender_casualties,
            km
        );
    }
    let _ = writeln!(
        s,
        "\n{} rows read, {} battles fought, {} skipped (a value they need is unknown)",
        r.rows_read,
        r.battles.len(),
        r.skipped.len()
    );
    let mut columns = vec![("model", &r.model)];
    if let Some(w) = &r.without_codes {
        columns.push(("without codes", w));
    }
    columns.push(("naive floor", &r.naive));
    s.push_str(&summary(&columns));
    if r.without_codes.is_some() {
        s.push_str(
            "\n'model' reads each side's quality from the record's judged quality codes\n\
             (`quality_per_code`); 'without codes' is every side of average quality.\n",
        );
    }
    s
}

/// The figures of several predictors side by side.
pub(super) fn summary(columns: &[(&str, &Figures)]) -> String {
    let w = columns
        .iter()
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(0)
        .max(12);
    let mut s = format!("\n{:<36}", "");
    for (name, _) in columns {
        let _ = write!(s, " {name:>w$}");
    }
    s.push('\n');
    let lines: [(&str, fn(&Figures) -> f64); 5] = [
        ("winner right", |f| f.winner),
        ("attacker casualties within 2x", |f| f.attacker_within_2),
        ("defender casualties within 2x", |f| f.defender_within_2),
        ("attacker median |log error|", |f| f.attacker_log_error),
        ("defender median |log error|", |f| f.defender_log_error),
    ];
    for (label, get) in lines {
        let _ = write!(s, "{label:<36}");
        for (_, f) in columns {
            let _ = write!(s, " {:>w$.3}", get(f));
        }
        s.push('\n');
    }
    s
}

#[derive(Serialize)]
struct FitReport {
    file: String,
    scenario: String,
    battles: usize,
    skipped: usize,
    /// The fit on all battles, scored on them (in sample).
    in_sample: Figures,
    naive_in_sample: Figures,
    /// Out of fold, without and with the advantage codes.
    cross_validation: [CrossValidation; 2],
    /// `quality_per_code` fitted on all battles with the codes.
    codes_weight: f64,
    fitted: Vec<(&'static str, f64)>,
    ron: String,
}

/// `--fit`: cross-validate, fit on all, and hand the parameters back as an overlay.
fn fit_report(
    args: &BattlesArgs,
    scenario: &pact::scenario::Scenario,
    scenario_path: &Path,
    rows: &cdb90::Rows,
) -> ExitCode {
    let base = &scenario.params.combat;
    let battles = &rows.battles;
    let folds = args.folds as usize;
    let cv = [Codes::Without, Codes::With].map(|c| cross_validate(battles, base, folds, c));
    let fitted = fit(battles, base, Codes::Without);
    let with_codes = fit(battles, base, Codes::With);
    let predicted: Vec<Prediction> = battles.iter().map(|b| fitted.predict(b)).collect();
    let naive = Naive::fit(battles);
    let floor: Vec<Prediction> = battles.iter().map(|b| naive.predict(b)).collect();
    let in_sample = figures(battles, &predicted);
    let naive_in_sample = figures(battles, &floor);
    // The overlay is the fit with the quality codes: a campaign formation always has a
    // quality, and `quality_per_code` gives a record the same input.
    let ron = overlay(scenario, &with_codes.params, &args.file, &cv);
    let report = FitReport {
        file: args.file.display().to_string(),
        scenario: scenario_path.display().to_string(),
        battles: battles.len(),
        skipped: rows.skipped.len(),
        in_sample,
        naive_in_sample,
        cross_validation: cv,
        codes_weight: with_codes.params.quality_per_code,
        fitted: knob_values(&with_codes.params),
        ron,
    };
    if args.json {
        let text = serde_json::to_string_pretty(&report).expect("report serialises") + "\n";
        return emit(&text, None);
    }
    let mut s = format!(
        "{} battles fitted ({} rows skipped); {}-fold cross-validation\n",
        report.battles, report.skipped, folds
    );
    let [without, with] = &report.cross_validation;
    s.push_str(&summary(&[
        ("in sample", &report.in_sample),
        ("naive", &report.naive_in_sample),
        ("out of fold", &without.model),
        ("with codes", &with.model),
        ("naive oof", &without.naive),
    ]));
    let _ = writeln!(
        s,
        "\n'with codes': each side's quality 0.5 ± {:.3} × the attacker's mean judged quality code\n(CDB90's CEA, LEADA, TRNGA, MORALA: judged after the fact, as a scenario's `quality` is);\nonly 'out of fold' is a fair test.\n\nfitted (with codes):",
        report.codes_weight
    );
    let _ = writeln!(s, "  {:<24} {:>9}   over the {folds} folds", "", "all");
    for (name, v) in &report.fitted {
        let fold = with.spread.iter().find(|f| f.name == *name);
        let range = fold.map_or(String::new(), |f| format!("{:.4} – {:.4}", f.min, f.max));
        let _ = writeln!(s, "  {name:<24} {v:>9.4}   {range}");
    }
    match &args.out {
        Some(path) => {
            let code = emit(&report.ron, Some(path));
            let _ = writeln!(s, "\nparameters written to {}", path.display());
            let _ = emit(&s, None);
            code
        }
        None => {
            s.push('\n');
            s.push_str(&report.ron);
            emit(&s, None)
        }
    }
}

/// One rule's out-of-fold figures.
#[derive(Serialize)]
struct ModelFigures {
    model: String,
    cross_validation: CrossValidation,
}

/// `--fit --models`: every attrition rule fitted and cross-validated on the same folds.
fn models_report(
    args: &BattlesArgs,
    base: &pact::scenario::CombatParams,
    rows: &cdb90::Rows,
) -> ExitCode {
    let folds = args.folds as usize;
    let results: Vec<ModelFigures> = pact::scenario::CombatModel::ALL
        .iter()
        .map(|&m| {
            let p = pact::scenario::CombatParams {
                model: m,
                ..base.clone()
            };
            ModelFigures {
                model: pact::names::name(&m),
                cross_validation: cross_validate(&rows.battles, &p, folds, Codes::Without),
            }
        })
        .collect();
    let text = if args.json {
        serde_json::to_string_pretty(&results).expect("report serialises")
            + "
"
    } else {
        let mut s = format!(
            "{} battles ({} rows skipped); each rule fitted and scored out of fold ({folds} folds), without the advantage codes
",
            rows.battles.len(),
            rows.skipped.len()
        );
        let mut columns: Vec<(&str, &Figures)> = results
            .iter()
            .map(|r| (r.model.as_str(), &r.cross_validation.model))
            .collect();
        if let Some(first) = results.first() {
            columns.push(("naive floor", &first.cross_validation.naive));
        }
        s.push_str(&summary(&columns));
        s
    };
    emit(&text, args.out.as_deref())
}

/// The scenario's parameters with the fitted `combat`, as an overlay a mod can list
/// (an overlay's `params` replaces them whole, so the rest is carried over as is).
fn overlay(
    scenario: &pact::scenario::Scenario,
    combat: &pact::scenario::CombatParams,
    file: &Path,
    cv: &[CrossValidation; 2],
) -> String {
    let [without, with] = cv;
    let mut params = scenario.params.clone();
    params.combat = combat.clone();
    let body = ron::ser::to_string_pretty(&params, ron::ser::PrettyConfig::default())
        .expect("parameters serialise");
    format!(
        "// params.combat fitted by `pact battles --fit --folds {}` on {} ({} battles):\n\
         // out of fold, with the judged quality codes: winner {:.3}, casualties within 2x\n\
         // attacker {:.3} / defender {:.3}; without them {:.3}, {:.3} / {:.3}\n\
         // (naive floor {:.3}, {:.3} / {:.3}).\n(\n    params: Some({body}),\n)\n",
        with.folds,
        file.display(),
        with.model.battles,
        with.model.winner,
        with.model.attacker_within_2,
        with.model.defender_within_2,
        without.model.winner,
        without.model.attacker_within_2,
        without.model.defender_within_2,
        with.naive.winner,
        with.naive.attacker_within_2,
        with.naive.defender_within_2,
    )
}
