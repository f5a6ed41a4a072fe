//! `pact battles`: real battles fought by the campaign's combat rule.

use crate::common::{json_of, pact};
use pact::battles::score::{Naive, figures, within_2};
use pact::battles::{cdb90, fight};
use pact::scenario::CombatParams;
use pact::sim::combat::{Engagement, Field, Force, fight_day, power};
use pact::sim::state::Strength;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

/// The columns `pact battles` reads, in an order unlike CDB90's own (order must not matter).
const HEADER: &str = "NAME,ISQNO,STRD,STRA,CASA,CASD,TANKA,TANKD,ARTYA,ARTYD,FLYA,FLYD,WINA,KMDA,POST1,TERRA1,DURATION_DAYS,WOFA1,SURPA,CEA,LEADA,TRNGA,MORALA,LOGSA,MOMNTA,INITA,EXTRA";

/// A row: name, id, defender men, attacker men, casualties, winner, posture, days.
fn row(name: &str, id: u32, def: &str, att: &str, cas: (f64, f64), win: i8, post: &str) -> String {
    format!(
        "{name},{id},{def},{att},{},{},10,5,50,40,0,0,{win},3.5,{post},FM0,2,5,0,0,1,0,0,0,0,0,x",
        cas.0, cas.1
    )
}

fn sample() -> String {
    [
        HEADER.to_string(),
        row("LOPSIDED", 1, "5000", "60000", (900.0, 2500.0), 1, "HD"),
        row(
            "UNKNOWN ATTACKER",
            2,
            "5000",
            "-1",
            (900.0, 2500.0),
            1,
            "HD",
        ),
        row("HELD LINE", 3, "40000", "20000", (3000.0, 1200.0), -1, "FD"),
    ]
    .join("\n")
        + "\n"
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn table_shows_each_battle_the_skipped_count_and_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "b.csv", &sample());
    pact()
        .args(["battles", csv.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("LOPSIDED").and(predicate::str::contains("HELD LINE")))
        .stdout(predicate::str::contains("UNKNOWN ATTACKER").not())
        .stdout(predicate::str::contains(
            "3 rows read, 2 battles fought, 1 skipped",
        ))
        .stdout(
            predicate::str::contains("naive floor").and(predicate::str::contains("winner right")),
        );
}

#[test]
fn json_has_predictions_skips_with_lines_and_both_figures() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "b.csv", &sample());
    let out = dir.path().join("report.json");
    pact()
        .args(["battles", csv.to_str().unwrap(), "--json", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["rows_read"], 3);
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert_eq!(
        skipped[0]["line"], 3,
        "the unknown row is the file's third line"
    );
    assert!(skipped[0]["reason"].as_str().unwrap().contains("STRA"));
    let battles = v["battles"].as_array().unwrap();
    assert_eq!(battles.len(), 2);
    // 12:1 in the open: the attacker carries it; outnumbered 1:2 against works: it does not.
    assert_eq!(battles[0]["predicted"]["winner"], 1);
    assert_eq!(battles[1]["predicted"]["winner"], -1);
    for side in ["model", "naive"] {
        assert_eq!(v[side]["battles"], 2);
        for k in ["winner", "attacker_within_2", "defender_within_2"] {
            let x = v[side][k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x), "{side}.{k} = {x}");
        }
    }
}

#[test]
fn malformed_rows_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = sample();
    let cases = [
        (
            "number.csv",
            good.replacen("60000", "sixty", 1),
            ":2:",
            "STRA",
        ),
        ("fields.csv", format!("{good}A,9,1\n"), ":5:", "fields"),
        (
            "header.csv",
            good.replacen("WINA", "WINNER", 1),
            ":1:",
            "WINA",
        ),
        ("nan.csv", good.replacen("40000", "NaN", 1), ":4:", "STRD"),
        (
            "negative.csv",
            good.replacen("60000", "-7", 1),
            ":2:",
            "STRA",
        ),
    ];
    for (name, text, line, what) in cases {
        let csv = write(dir.path(), name, &text);
        pact()
            .args(["battles", csv.to_str().unwrap()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{name}{line}")))
            .stderr(predicate::str::contains(what));
    }
    let bytes = [HEADER.as_bytes(), b"\n\xff\xfe,1\n"].concat();
    let path = dir.path().join("utf8.csv");
    std::fs::write(&path, bytes).unwrap();
    pact()
        .args(["battles", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("utf8.csv:2:"));
    pact()
        .args(["battles", "no/such/file.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.csv"));
}

#[test]
fn help_gives_an_example() {
    pact()
        .args(["battles", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example: pact battles"));
}

#[test]
fn a_battle_is_fought_by_the_campaigns_day_rule() {
    let p = CombatParams::default();
    let rows = cdb90::read(sample().as_bytes(), &p).unwrap();
    let b = &rows.battles[0];
    let predicted = fight(b, &p);
    // Day one by hand with the campaign's rule: the attacker's share times its men.
    let side = |s: &pact::battles::Side| Strength {
        men: s.men,
        tanks: s.tanks,
        guns: s.guns,
        aircraft: s.air,
        quality: 0.5,
        winter: 0.5,
    };
    let field = Field {
        terrain: b.terrain,
        fort: b.fort,
        front_km: b.front_km.unwrap(),
    };
    let force = |s: &pact::battles::Side| Force {
        power: power(&side(s), 1.0, &p),
        men: s.men,
        last_stand: 0.0,
    };
    let day = fight_day(
        &p,
        force(&b.attacker),
        force(&b.defender),
        &field,
        Engagement::default(),
        1.0,
    );
    let first = day.attacker_loss * b.attacker.men;
    assert!(
        predicted.attacker_casualties > first && predicted.attacker_casualties < 2.0 * first,
        "two days lose more than day one and less than twice it: {} vs {first}",
        predicted.attacker_casualties
    );
    assert_eq!(predicted.winner == 1, day.defender_yields);
}

#[test]
fn more_attackers_win_more_and_kill_more() {
    let p = CombatParams::default();
    let rows = cdb90::read(sample().as_bytes(), &p).unwrap();
    let mut b = rows.battles[1].clone();
    let weak = fight(&b, &p);
    b.attacker.men *= 10.0;
    let strong = fight(&b, &p);
    assert!(strong.defender_casualties > weak.defender_casualties);
    assert!(strong.winner >= weak.winner);
}

/// Dupuy's dispersion: a battle with neither tanks nor aircraft (the black-powder age)
/// loses `pre_machine_losses` times the shares; one tank on either side makes it a
/// battle of the machine age, fought at the campaign's own rate.
#[test]
fn battles_before_the_machine_age_lose_their_own_multiple() {
    let mut p = CombatParams::default();
    let rows = cdb90::read(sample().as_bytes(), &p).unwrap();
    let mut b = rows.battles[1].clone();
    (
        b.attacker.tanks,
        b.attacker.air,
        b.defender.tanks,
        b.defender.air,
    ) = (0.0, 0.0, 0.0, 0.0);
    assert!(!b.machine_age());
    let base = fight(&b, &p);
    p.pre_machine_losses = 2.0;
    let old = fight(&b, &p);
    assert!(
        old.attacker_casualties > 1.5 * base.attacker_casualties
            && old.defender_casualties > 1.5 * base.defender_casualties,
        "{old:?} vs {base:?}"
    );
    b.defender.air = 1.0;
    assert!(b.machine_age());
    let modern = fight(&b, &p);
    assert!(modern.attacker_casualties < 0.75 * old.attacker_casualties);
}

#[test]
fn naive_floor_uses_median_daily_shares() {
    let p = CombatParams::default();
    let rows = cdb90::read(sample().as_bytes(), &p).unwrap();
    let naive = Naive::fit(&rows.battles);
    let f = figures(
        &rows.battles,
        &rows
            .battles
            .iter()
            .map(|b| naive.predict(b))
            .collect::<Vec<_>>(),
    );
    // The attacker always wins: right exactly where the record says it did.
    let attacker_won = rows.battles.iter().filter(|b| b.winner == 1).count();
    assert_eq!(f.winner, attacker_won as f64 / rows.battles.len() as f64);
    assert!(within_2(100.0, 199.0) && !within_2(100.0, 201.0) && !within_2(0.0, 0.0));
}

#[test]
fn equipment_without_a_weight_is_not_needed() {
    let text = sample().replace(",10,5,50,40,", ",-1,-1,-1,-1,");
    let p = CombatParams::default();
    assert_eq!(cdb90::read(text.as_bytes(), &p).unwrap().battles.len(), 0);
    let unarmed = CombatParams {
        weights: (1.0, 0.0, 0.0, 0.0),
        ..p
    };
    assert_eq!(
        cdb90::read(text.as_bytes(), &unarmed)
            .unwrap()
            .battles
            .len(),
        2
    );
}

/// The shared CDB90 file beside the checkout (CI lays `shared/` there): a test
/// that needs it fails loudly when it is missing, rather than passing unseen.
fn shared_cdb90() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/cdb90/cdb90.csv");
    assert!(
        path.is_file(),
        "{} is missing: the CDB90 training set must sit in shared/ beside the checkout",
        path.display()
    );
    path
}

/// `pact battles --fit --folds 5 --json` on the shared file.
fn fit_shared() -> serde_json::Value {
    json_of(
        pact()
            .args(["battles", "--fit", "--folds", "5", "--json"])
            .arg(shared_cdb90()),
    )
}

/// Out of fold, without or with the judged quality codes: (model, naive floor) for a figure.
fn out_of_fold(v: &serde_json::Value, codes: &str, k: &str) -> (f64, f64) {
    let cv = &v["cross_validation"][usize::from(codes == "With")];
    assert_eq!(cv["codes"], codes);
    (
        cv["model"][k].as_f64().unwrap(),
        cv["naive"][k].as_f64().unwrap(),
    )
}

#[test]
fn fitted_casualties_beat_the_naive_floor_out_of_fold_on_the_shared_file() {
    let v = fit_shared();
    for k in ["attacker_within_2", "defender_within_2"] {
        let (model, floor) = out_of_fold(&v, "Without", k);
        assert!(
            model > floor,
            "out of fold {k}: model {model} vs naive floor {floor}"
        );
    }
    // The parameters come back as an overlay a mod can list.
    let overlay: pact::scenario::overlay::Overlay =
        ron::from_str(v["ron"].as_str().unwrap()).expect("the fitted RON parses as an overlay");
    assert!(overlay.params.is_some());
}

/// Issue 12's bar, with each side's quality read from the record's judged quality
/// codes as the shipped model does (a campaign formation always has a quality).
/// Without them the winner stays at the floor (about 0.59 against 0.598): the force
/// ratio alone does not tell who wins; `the_quality_codes_decide_the_winner_share` keeps that honest.
/// What the data say firmly, every fold says: battles before the machine age cost
/// larger shares, and the army that fought to the last lost more than others. The
/// report gives each parameter's range over the folds.
#[test]
fn every_fold_finds_the_age_of_the_weapons_and_the_last_stand() {
    let v = fit_shared();
    let spread = v["cross_validation"][1]["spread"].as_array().unwrap();
    let range = |name: &str| {
        let s = spread.iter().find(|s| s["name"] == name).unwrap();
        (s["min"].as_f64().unwrap(), s["max"].as_f64().unwrap())
    };
    for name in ["pre_machine_losses", "last_stand_losses"] {
        let (lo, hi) = range(name);
        assert!(lo > 2.0 && lo <= hi, "{name}: {lo} – {hi}");
    }
}

#[test]
fn fit_beats_the_naive_floor_out_of_fold_on_all_three_figures() {
    let v = fit_shared();
    for k in ["winner", "attacker_within_2", "defender_within_2"] {
        let (model, floor) = out_of_fold(&v, "With", k);
        assert!(
            model > floor,
            "out of fold {k}: model {model} vs naive floor {floor}"
        );
    }
    // The overlay ships the fit with the codes: quality_per_code is in it.
    assert!(v["codes_weight"].as_f64().unwrap() > 0.0);
    assert!(v["ron"].as_str().unwrap().contains("quality_per_code"));
}

/// The shipped parameters read the judged quality codes, and the report says what
/// they add: the same parameters without them call fewer winners right.
#[test]
fn the_quality_codes_decide_the_winner_share() {
    let v = json_of(pact().args(["battles", "--json"]).arg(shared_cdb90()));
    let with = v["model"]["winner"].as_f64().unwrap();
    let without = v["without_codes"]["winner"].as_f64().unwrap();
    assert!(with >= 0.70, "shipped parameters call {with} of winners");
    assert!(without < with, "without codes {without}, with {with}");
}

/// Issue 12's bar with the parameters a player gets: `scenarios/historical.ron`'s
/// `params.combat`, unfitted here, beats the naive floor on both sides' casualties.
#[test]
fn the_shipped_parameters_beat_the_naive_floor_on_casualties() {
    let v = json_of(pact().args(["battles", "--json"]).arg(shared_cdb90()));
    for k in ["attacker_within_2", "defender_within_2"] {
        let (model, floor) = (
            v["model"][k].as_f64().unwrap(),
            v["naive"][k].as_f64().unwrap(),
        );
        assert!(model > floor, "{k}: shipped {model} vs naive floor {floor}");
    }
}

fn even_fight() -> (CombatParams, Force, Force, Field) {
    let p = CombatParams::default();
    let side = Force {
        power: 10_000.0,
        men: 10_000.0,
        last_stand: 0.0,
    };
    let field = Field {
        terrain: pact::scenario::Terrain::Plain,
        fort: 0.0,
        front_km: 10.0,
    };
    (p, side, side, field)
}

#[test]
fn later_days_of_a_battle_cost_less_when_intensity_decays() {
    let (mut p, a, d, field) = even_fight();
    let first = fight_day(&p, a, d, &field, Engagement::default(), 1.0);
    let tenth = Engagement {
        day: 9,
        ..Engagement::default()
    };
    assert_eq!(
        fight_day(&p, a, d, &field, tenth, 1.0).defender_loss,
        first.defender_loss,
        "no decay: every day alike"
    );
    p.intensity_decay = 1.0;
    let later = fight_day(&p, a, d, &field, tenth, 1.0);
    assert!((later.defender_loss - first.defender_loss / 10.0).abs() < 1e-12);
    assert_eq!(later.engagement.day, 10);
}

#[test]
fn denser_fronts_cost_larger_shares() {
    let (mut p, a, d, field) = even_fight();
    p.density_exponent = 0.5;
    let wide = fight_day(&p, a, d, &field, Engagement::default(), 1.0);
    let narrow = Field {
        front_km: 2.5,
        ..field
    };
    let packed = fight_day(&p, a, d, &narrow, Engagement::default(), 1.0);
    // Four times the density, twice the losses (exponent 1/2).
    assert!((packed.attacker_loss / wide.attacker_loss - 2.0).abs() < 1e-9);
}

/// A side that fights to the last loses `last_stand_losses` times the day's shares
/// (a mixed side in proportion to its men who do); the other side is not touched.
#[test]
fn a_side_that_fights_to_the_last_loses_its_multiple() {
    let (mut p, a, d, field) = even_fight();
    let base = fight_day(&p, a, d, &field, Engagement::default(), 1.0);
    p.last_stand_losses = 3.0;
    let with_stand = |last_stand: f64| {
        let def = Force { last_stand, ..d };
        fight_day(&p, a, def, &field, Engagement::default(), 1.0)
    };
    assert_eq!(with_stand(0.0), base, "no side fights to the last");
    let all = with_stand(1.0);
    assert!((all.defender_loss / base.defender_loss - 3.0).abs() < 1e-9);
    assert_eq!(all.attacker_loss, base.attacker_loss);
    let half = with_stand(0.5);
    assert!((half.defender_loss / base.defender_loss - 2.0).abs() < 1e-9);
}

/// CDB90 rows name the sides and the war: the Japanese army of 1941 – 45 fights to the
/// last, the Japanese of 1904 and everyone else do not, and a file without those
/// columns has no such side.
#[test]
fn the_japanese_army_of_the_second_world_war_fights_to_the_last() {
    let p = CombatParams::default();
    let named = |nama: &str, namd: &str, war: &str| {
        let mut lines = sample().lines().map(str::to_string).collect::<Vec<_>>();
        lines[0].push_str(",NAMA,NAMD,WAR");
        for l in &mut lines[1..] {
            l.push_str(&format!(",{nama},{namd},{war}"));
        }
        cdb90::read((lines.join("\n") + "\n").as_bytes(), &p)
            .unwrap()
            .battles
    };
    let okinawa = named(
        "US 7TH INF DIV(+)",
        "JAP 24TH DIV(-)",
        "WORLD WAR II (OKINAWA)",
    );
    assert!(
        okinawa
            .iter()
            .all(|b| b.defender.last_stand && !b.attacker.last_stand)
    );
    let jitra = named("JAP 5TH INF DIV(-)", "BR 11TH INDIAN DIV", "WORLD WAR II");
    assert!(
        jitra
            .iter()
            .all(|b| b.attacker.last_stand && !b.defender.last_stand)
    );
    let mukden = named("JAP ARMY GROUP", "RUSS ARMY GROUP", "RUSSO-JAPANESE WAR");
    assert!(
        mukden
            .iter()
            .all(|b| !b.attacker.last_stand && !b.defender.last_stand)
    );
    let plain = cdb90::read(sample().as_bytes(), &p).unwrap().battles;
    assert!(
        plain
            .iter()
            .all(|b| !b.attacker.last_stand && !b.defender.last_stand)
    );
}

#[test]
fn a_side_breaks_at_its_breakpoint_share_lost() {
    let (mut p, a, d, field) = even_fight();
    p.breakpoint = (0.9, 0.2);
    let fresh = fight_day(&p, a, d, &field, Engagement::default(), 1.0);
    assert!(!fresh.defender_breaks && !fresh.attacker_breaks);
    let worn = Engagement {
        day: 5,
        attacker_lost: 0.1,
        defender_lost: 0.199,
    };
    let day = fight_day(&p, a, d, &field, worn, 1.0);
    assert!(day.defender_breaks && !day.attacker_breaks);
    // Shares compound on what is left: 1 - (1 - 0.199)(1 - loss).
    let expected = 1.0 - (1.0 - 0.199) * (1.0 - day.defender_loss);
    assert!((day.engagement.defender_lost - expected).abs() < 1e-12);
}

/// `--fit --models` fits every attrition rule on the same folds; the rules differ
/// (Lanchester's square law and the logarithmic law cannot predict alike).
#[test]
fn every_attrition_rule_is_fitted_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "b.csv", &sample());
    let v = json_of(
        pact()
            .args(["battles", "--fit", "--models", "--folds", "2", "--json"])
            .arg(&csv),
    );
    let models: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["model"].as_str().unwrap())
        .collect();
    assert_eq!(
        models,
        [
            "force_ratio",
            "lanchester",
            "lanchester_linear",
            "logarithmic",
            "helmbold"
        ]
    );
    pact()
        .args(["battles", "--models"])
        .arg(&csv)
        .assert()
        .code(2);
}

#[test]
fn lanchester_laws_split_losses_by_the_ratio_as_their_exponent_says() {
    use pact::scenario::CombatModel;
    use pact::sim::combat::model;
    let p = CombatParams::default();
    let split = |m: CombatModel| {
        let (a, d) = model(m).losses(
            4.0,
            &CombatParams {
                model: m,
                ..p.clone()
            },
        );
        d / a
    };
    // Defender's share over the attacker's at 4:1 is ratio^(2h).
    assert!((split(CombatModel::Lanchester) - 16.0).abs() < 1e-9);
    assert!((split(CombatModel::LanchesterLinear) - 4.0).abs() < 1e-9);
    assert!((split(CombatModel::Logarithmic) - 1.0).abs() < 1e-9);
}
