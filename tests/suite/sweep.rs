//! `pact sweep`, `pact merge` and `pact bench`, driven as a user would, and
//! the batch library's promises: determinism across threads and shards,
//! parameter paths, designs and bad input.

use crate::common::pact;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const MINI: &str = "tests/data/mini.ron";

/// Runs `pact sweep MINI ARGS... --out DIR/NAME` and returns the CSV bytes and stdout.
fn sweep(dir: &Path, name: &str, args: &[&str]) -> (Vec<u8>, String) {
    let out = dir.join(name);
    let o = pact()
        .arg("sweep")
        .arg(MINI)
        .args(args)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "sweep {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        std::fs::read(&out).unwrap(),
        String::from_utf8(o.stdout).unwrap(),
    )
}

fn rows(csv: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(csv);
    let mut out = vec![r.headers().unwrap().iter().map(str::to_string).collect()];
    out.extend(
        r.records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect()),
    );
    out
}

fn column(table: &[Vec<String>], name: &str) -> Vec<String> {
    let i = table[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", table[0]));
    table[1..].iter().map(|r| r[i].clone()).collect()
}

const DESIGN: [&str; 8] = [
    "--runs",
    "6",
    "--vary",
    "params.fronts.capital.defender_base=900000..1500000",
    "--points",
    "3",
    "--choose",
    "attack=yes|no",
];

#[test]
fn csv_is_byte_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (one, s1) = sweep(
        dir.path(),
        "t1.csv",
        &[&DESIGN[..], &["--threads", "1"]].concat(),
    );
    let (three, s3) = sweep(
        dir.path(),
        "t3.csv",
        &[&DESIGN[..], &["--threads", "3"]].concat(),
    );
    assert_eq!(one, three);
    assert_eq!(s1, s3);
    let t = rows(&one);
    // 2 options × 3 levels × 6 runs, in run order.
    assert_eq!(t.len() - 1, 36);
    let jobs: Vec<String> = (0..36).map(|k| k.to_string()).collect();
    assert_eq!(column(&t, "job"), jobs);
    assert_eq!(column(&t, "format")[0], "1");
    assert_eq!(column(&t, "scenario")[0], "Mini");
    // Common random numbers: run r has the same seed at every design point.
    let seeds = column(&t, "seed");
    assert_eq!(seeds[0], seeds[6]);
    assert_ne!(seeds[0], seeds[1]);
    let levels = column(&t, "factor.params.fronts.capital.defender_base");
    assert_eq!(
        (&levels[0][..], &levels[6][..], &levels[12][..]),
        ("900000.0", "1200000.0", "1500000.0")
    );
    assert_eq!(column(&t, "factor.choose.attack")[18], "no");
}

#[test]
fn two_shards_merge_into_the_unsharded_sweep_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, summary) = sweep(dir.path(), "whole.csv", &DESIGN);
    let (a, _) = sweep(
        dir.path(),
        "a.csv",
        &[&DESIGN[..], &["--shard", "0/2"]].concat(),
    );
    let (b, shard_summary) = sweep(
        dir.path(),
        "b.csv",
        &[&DESIGN[..], &["--shard", "1/2"]].concat(),
    );
    assert!(shard_summary.contains("a shard: 18 of the sweep's 36 runs"));
    assert_eq!(rows(&a).len() - 1, 18);
    assert_eq!(rows(&b).len() - 1, 18);
    let merged = dir.path().join("all.csv");
    let o = pact()
        .arg("merge")
        .arg(dir.path().join("b.csv"))
        .arg(dir.path().join("a.csv"))
        .arg("--out")
        .arg(&merged)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&merged).unwrap(), whole);
    assert_eq!(String::from_utf8(o.stdout).unwrap(), summary);
}

#[test]
fn merge_refuses_duplicates_gaps_other_scenarios_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    sweep(dir.path(), "a.csv", &["--runs", "4", "--shard", "0/2"]);
    sweep(dir.path(), "b.csv", &["--runs", "4", "--shard", "1/2"]);
    sweep(
        dir.path(),
        "other.csv",
        &["--runs", "4", "--seed", "2", "--shard", "1/2"],
    );
    let merge = |files: &[PathBuf]| pact().arg("merge").args(files).assert();
    merge(&[p("a.csv"), p("a.csv"), p("b.csv")])
        .code(2)
        .stderr(predicate::str::contains("appears twice"));
    merge(&[p("a.csv")])
        .code(2)
        .stderr(predicate::str::contains(
            "2 of 4 runs are missing (runs 1, 3)",
        ));
    pact()
        .args(["merge", "--partial"])
        .arg(p("a.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("2 runs"));
    merge(&[p("a.csv"), p("other.csv")]).code(2).stderr(
        predicate::str::contains("from a different sweep")
            .or(predicate::str::contains("from sweep")),
    );
    // Another scenario: rename it in the rows.
    let renamed = String::from_utf8(std::fs::read(p("b.csv")).unwrap())
        .unwrap()
        .replace(",Mini,", ",Maxi,");
    std::fs::write(p("maxi.csv"), renamed).unwrap();
    merge(&[p("a.csv"), p("maxi.csv")]).code(2).stderr(
        predicate::str::contains("scenario `Maxi`").and(predicate::str::contains("refusing")),
    );
    // Another format version.
    let text = String::from_utf8(std::fs::read(p("b.csv")).unwrap()).unwrap();
    let v2: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("2{}\n", &l[1..])
            }
        })
        .collect();
    std::fs::write(p("v2.csv"), v2).unwrap();
    merge(&[p("a.csv"), p("v2.csv")])
        .code(2)
        .stderr(predicate::str::contains(
            "format 2; this pact reads format 1",
        ));
    std::fs::write(p("junk.csv"), "a,b\n1,2\n").unwrap();
    merge(&[p("junk.csv")])
        .code(2)
        .stderr(predicate::str::contains("not a pact sweep file"));
    assert!(!p("all.csv.partial").exists());
}

#[test]
fn summary_gives_wilson_intervals_quantiles_and_factor_effects() {
    let o = pact()
        .args([
            "sweep",
            MINI,
            "--runs",
            "8",
            "--vary",
            "params.fronts.capital.attacker_power=1500000..2500000",
            "--points",
            "3",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["runs"], 24);
    let held = &v["outcomes"][0];
    assert_eq!(held["outcome"], "outcome.capital_held");
    let (p, lo, hi) = (
        held["p"].as_f64().unwrap(),
        held["ci95"][0].as_f64().unwrap(),
        held["ci95"][1].as_f64().unwrap(),
    );
    assert!(lo <= p && p <= hi && (0.0..=1.0).contains(&lo) && hi <= 1.0);
    let date = v["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "outcome.capital_held.date")
        .unwrap();
    assert!(date["median"].as_str().unwrap().starts_with("1941-"));
    assert_eq!(v["points"].as_array().unwrap().len(), 3);
    // A stronger attacker pushes the front closer: a negative effect on the distance left.
    let effect = v["effects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["outcome"] == "front.capital.distance_km")
        .unwrap();
    assert!(effect["correlation"].as_f64().unwrap() < -0.5, "{effect}");
    assert!(effect["slope"].as_f64().unwrap() < 0.0);
    // The text table says the same.
    pact()
        .args(["sweep", MINI, "--runs", "8"])
        .assert()
        .success()
        .stdout(predicate::str::contains("P [95% CI, Wilson]"))
        .stdout(predicate::str::contains("capital_held"))
        .stdout(predicate::str::contains("median"));
}

#[test]
fn integer_fields_get_whole_numbers_and_lhs_is_seeded() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, _) = sweep(
        dir.path(),
        "int.csv",
        &[
            "--runs",
            "1",
            "--vary",
            "params.rail.loading_days=1..3",
            "--points",
            "5",
        ],
    );
    // Five levels of 1..3 rounded are 1, 2, 3: duplicates dropped.
    assert_eq!(
        column(&rows(&csv), "factor.params.rail.loading_days"),
        ["1", "2", "3"]
    );
    let lhs = [
        "--runs",
        "1",
        "--design",
        "lhs",
        "--points",
        "4",
        "--vary",
        "params.rail.km_per_day=500..900",
        "--vary",
        "decisions.attack.weights.yes=0.5..2",
        "--controller",
        "red=ai",
    ];
    let (a, _) = sweep(dir.path(), "lhs1.csv", &lhs);
    let (b, _) = sweep(dir.path(), "lhs2.csv", &lhs);
    assert_eq!(a, b);
    let t = rows(&a);
    let mut strata: Vec<usize> = column(&t, "factor.params.rail.km_per_day")
        .iter()
        .map(|x| ((x.parse::<f64>().unwrap() - 500.0) / 100.0) as usize)
        .collect();
    strata.sort();
    assert_eq!(strata, [0, 1, 2, 3]);
    assert_eq!(column(&t, "factor.decisions.attack.weights.yes").len(), 4);
}

#[test]
fn bad_parameters_ranges_and_shards_are_usage_errors() {
    pact()
        .args(["sweep", MINI, "--vary", "params.rail.km_per_dya=1..2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown parameter path `params.rail.km_per_dya`",
        ))
        .stderr(predicate::str::contains("`params.rail.km_per_day`"));
    pact()
        .args(["sweep", MINI, "--vary", "params.fronts.capitol.noise=0..1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("params.fronts.capital.noise"));
    pact()
        .args(["sweep", MINI, "--vary", "meta.name=1..2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a number"));
    pact()
        .args(["sweep", MINI, "--vary", "params.rail.km_per_day=900..600"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("runs backwards"));
    pact()
        .args(["sweep", MINI, "--vary", "params.rail.km_per_day=fast..600"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`fast`").and(predicate::str::contains("not a number")));
    pact()
        .args(["sweep", MINI, "--shard", "3/2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("numbered from 0"));
    pact().args(["sweep", MINI, "--runs", "0"]).assert().code(2);
    pact()
        .args(["sweep", MINI, "--choose", "attack=yes|maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid options are yes, no"));
    // Values the scenario refuses: a quality above 1, a negative count of days.
    pact()
        .args(["sweep", MINI, "--vary", "formations.b1.quality=0.5..1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "design point 3 (formations.b1.quality=1.25) makes an invalid scenario",
        ));
    pact()
        .args(["sweep", MINI, "--vary", "params.rail.loading_days=-3..-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does not accept params.rail.loading_days=-3",
        ));
    pact()
        .args(["sweep", MINI, "--vary", "decisions.attack.weights.no=0..1"])
        .args(["--vary", "decisions.attack.options.no.weight=0..2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("vary the same parameter"));
    pact().args(["sweep", "no/such.ron"]).assert().code(2);
}

#[test]
fn every_batch_command_has_help() {
    for (sub, needle) in [
        ("sweep", "--vary <PATH=LO..HI>"),
        ("merge", "byte for byte"),
        ("bench", "campaigns"),
    ] {
        pact()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage").and(predicate::str::contains(needle)));
    }
}

#[test]
fn bench_reports_campaigns_per_second() {
    pact()
        .args(["bench", MINI, "--runs", "4", "--threads", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("campaigns/s").and(predicate::str::contains("speed-up")));
}

#[test]
fn every_numeric_field_of_the_historical_scenario_is_reachable() {
    use pact::batch::paths;
    let s = crate::common::load("scenarios/historical.ron");
    let v = paths::to_value(&s);
    // The JSON round trip loses nothing, so a sweep's base point is the scenario itself.
    assert_eq!(paths::apply(&v, &[]).unwrap(), *s);
    let all = paths::numeric_paths(&v);
    assert!(all.len() > 1000, "{}", all.len());
    for p in [
        "params.fronts.moscow.attacker_power",
        "params.fronts.moscow.defender_base",
        "params.rail.km_per_day",
        "decisions.kantokuen_1941.weights.strike_north",
    ] {
        let r = paths::resolve(&v, p).unwrap_or_else(|e| panic!("{e}"));
        let changed = paths::apply(&v, &[(&r, 1234.0)]).unwrap();
        assert_ne!(changed, *s, "{p}");
    }
    for p in all.iter().step_by(97) {
        let r = paths::resolve(&v, p).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert!(r.current.is_some(), "{p}");
    }
}

/// The sweep fingerprint of fixed inputs is pinned: shards and CSVs written by
/// earlier versions carry it, and a renamed enum (a controller here) or a
/// change to how settings are hashed must not silently change it.
#[test]
fn fingerprint_is_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--runs",
        "2",
        "--seed",
        "7",
        "--vary",
        "params.rail.km_per_day=500..900",
        "--points",
        "2",
        "--choose",
        "attack=yes|no",
        "--controller",
        "red=ai",
        "--controller",
        "blue=historical",
    ];
    let (csv, _) = sweep(dir.path(), "pinned.csv", &args);
    let sweeps = column(&rows(&csv), "sweep");
    assert_eq!(sweeps.len(), 8);
    assert!(sweeps.iter().all(|s| s == "83b8c22c3a2e2ec2"), "{sweeps:?}");
}

/// A shard cut off inside its last field still has every column; pact ends
/// each row with a newline, so a file that does not end with one is refused,
/// with or without `--partial`. And a file with no newline at all
/// (`/dev/zero`) is refused at a bounded line length, not read into memory.
#[test]
fn merge_refuses_a_shard_cut_mid_row_and_bounds_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    sweep(dir.path(), "a.csv", &["--runs", "4", "--shard", "0/2"]);
    sweep(dir.path(), "b.csv", &["--runs", "4", "--shard", "1/2"]);
    let b = std::fs::read(p("b.csv")).unwrap();
    // Two bytes off the end: the newline and the last digit of the last field.
    std::fs::write(p("cut.csv"), &b[..b.len() - 2]).unwrap();
    for partial in [false, true] {
        let mut cmd = pact();
        cmd.arg("merge");
        if partial {
            cmd.arg("--partial");
        }
        cmd.arg(p("a.csv"))
            .arg(p("cut.csv"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("ends in the middle of a row"));
    }
    pact()
        .args(["merge", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a line longer than"));
}

/// A shard with no runs (more shards than runs) names its scenario and the
/// sweep's size: its header was `==  · 0 runs`.
#[test]
fn an_empty_shard_names_its_sweep() {
    pact()
        .args(["sweep", MINI, "--runs", "1", "--shard", "1/2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("== Mini · 0 runs"))
        .stdout(predicate::str::contains("of the sweep's 1 runs"));
}

/// `--out` is written beside its place and renamed over it when complete: a
/// sweep killed half way leaves the old file whole.
#[test]
fn an_interrupted_sweep_keeps_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("old.csv");
    std::fs::write(&out, "the old results\n").unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pact"))
        .args([
            "sweep",
            MINI,
            "--runs",
            "1000000",
            "--threads",
            "1",
            "--out",
        ])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Until the first rows are out (the partial file grows), then kill it.
    let partial = dir.path().join("old.csv.partial");
    let t = std::time::Instant::now();
    while std::fs::metadata(&partial).map_or(0, |m| m.len()) < 2000 && t.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old results\n");
}

/// `pact bench MINI --guard FILE` with the given baseline ratio (both profiles).
fn guard_with(dir: &Path, baseline: f64) -> assert_cmd::assert::Assert {
    let file = dir.join("guard.ron");
    std::fs::write(
        &file,
        format!("(dev: {baseline:e}, release: {baseline:e}, limit: 1.5)"),
    )
    .unwrap();
    pact().args(["bench", MINI, "--guard"]).arg(&file).assert()
}

#[test]
fn the_regression_guard_fails_a_campaign_slower_than_its_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let out = guard_with(dir.path(), 1e9)
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let ratio: f64 = out
        .split("ratio ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("no ratio in {out}"));
    assert!(ratio > 0.0 && ratio.is_finite(), "{out}");
    // A baseline a quarter of today's: the campaign is 4× slower than it was.
    guard_with(dir.path(), ratio / 4.0)
        .code(1)
        .stderr(predicate::str::contains("its baseline"));
    // A file that is not a guard is named, with exit 2.
    std::fs::write(dir.path().join("guard.ron"), "(dev: 1.0)").unwrap();
    pact()
        .args(["bench", MINI, "--guard"])
        .arg(dir.path().join("guard.ron"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("guard.ron"));
}

/// A modder sweeps a mod: `--mod` applies as for `pact run`, and the mod is
/// part of the sweep's fingerprint, so its shards never merge with the
/// unmodded sweep's. With `--load` (whose save names its own mods) it is refused.
#[test]
fn a_mod_can_be_swept_and_marks_the_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("bloody");
    std::fs::create_dir(&m).unwrap();
    std::fs::write(
        m.join("mod.ron"),
        r#"(id: "bloody", name: "Bloody", version: "1.0.0", description: "Losses doubled.",
            authors: ["test"], depends_on: [], load_order: 0, files: ["params.ron"])"#,
    )
    .unwrap();
    std::fs::write(
        m.join("params.ron"),
        "(params: (combat: (loss_rate: 0.04)))",
    )
    .unwrap();
    let args = ["--runs", "2"];
    let (plain, _) = sweep(dir.path(), "plain.csv", &args);
    let modded_args = ["--runs", "2", "--mod", m.to_str().unwrap()];
    let (modded, _) = sweep(dir.path(), "modded.csv", &modded_args);
    let fp = |csv: &[u8]| column(&rows(csv), "sweep")[0].clone();
    assert_ne!(fp(&plain), fp(&modded));
    // bench takes it too (a modder's campaign cost).
    pact()
        .args(["bench", MINI, "--runs", "1", "--threads", "1", "--mod"])
        .arg(&m)
        .assert()
        .success();
    pact()
        .args(["sweep", "--load", "x.ron", "--mod"])
        .arg(&m)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}
