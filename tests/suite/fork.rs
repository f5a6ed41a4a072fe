//! Futures of a saved moment: `pact sweep --load SAVE` forks the save once per
//! run, each row reproduced alone by `pact run --load SAVE --seed S`, and
//! decisions still open at the save's date can be factors.

use crate::common::{mini, pact};
use pact::date::Date;
use pact::sim::fork::fork_rng;
use pact::sim::save::SimState;
use pact::sim::{Setup, Simulation};
use std::path::{Path, PathBuf};

const MINI: &str = "tests/data/mini.ron";

/// `pact run MINI --until DAY --save DIR/NAME`: the path of the save.
fn save_at(dir: &Path, name: &str, day: &str) -> PathBuf {
    let save = dir.join(name);
    pact()
        .args(["run", MINI, "--quiet", "--until", day, "--save"])
        .arg(&save)
        .assert()
        .success();
    save
}

/// `pact sweep --load SAVE ARGS --out DIR/NAME`: (header, rows) of the CSV.
fn sweep_from(
    save: &Path,
    dir: &Path,
    name: &str,
    args: &[&str],
) -> (Vec<String>, Vec<Vec<String>>) {
    let out = dir.join(name);
    let o = pact()
        .arg("sweep")
        .arg("--load")
        .arg(save)
        .args(args)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|c| c == name).unwrap()
}

/// The closing checksum of `pact run --load SAVE ARGS --json`.
fn run_checksum(save: &Path, args: &[&str]) -> String {
    let o = pact()
        .arg("run")
        .arg("--load")
        .arg(save)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["checksum"].as_str().unwrap().to_string()
}

#[test]
fn every_row_of_a_forked_sweep_is_reproduced_by_its_seed() {
    let dir = tempfile::tempdir().unwrap();
    let save = save_at(dir.path(), "jul.ron", "1941-07-20");
    let (h, rows) = sweep_from(&save, dir.path(), "f.csv", &["--runs", "6"]);
    let (seed, sum) = (col(&h, "seed"), col(&h, "checksum"));
    for r in &rows {
        assert_eq!(
            run_checksum(&save, &["--seed", &r[seed]]),
            r[sum],
            "row seed {}",
            r[seed]
        );
    }
    let distinct: std::collections::BTreeSet<&String> = rows.iter().map(|r| &r[sum]).collect();
    assert!(
        distinct.len() > 1,
        "six futures of one save all ended alike"
    );
    // Continuing without --seed is still the one exact continuation, not a fork.
    let plain = run_checksum(&save, &[]);
    let o = pact().args(["run", MINI, "--json"]).output().unwrap();
    let whole: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(plain, whole["checksum"].as_str().unwrap());
}

#[test]
fn a_forked_sweep_is_the_same_on_any_thread_count_and_in_shards() {
    let dir = tempfile::tempdir().unwrap();
    let save = save_at(dir.path(), "jul.ron", "1941-07-20");
    let args = ["--runs", "5", "--choose", "attack=yes|no"];
    let one = dir.path().join("one.csv");
    let _ = sweep_from(
        &save,
        dir.path(),
        "one.csv",
        &[&args[..], &["--threads", "1"]].concat(),
    );
    let _ = sweep_from(
        &save,
        dir.path(),
        "two.csv",
        &[&args[..], &["--threads", "2"]].concat(),
    );
    let bytes = std::fs::read(&one).unwrap();
    assert_eq!(bytes, std::fs::read(dir.path().join("two.csv")).unwrap());
    for k in 0..3 {
        let shard = format!("{k}/3");
        let _ = sweep_from(
            &save,
            dir.path(),
            &format!("s{k}.csv"),
            &[&args[..], &["--shard", &shard]].concat(),
        );
    }
    let merged = dir.path().join("merged.csv");
    pact()
        .arg("merge")
        .args((0..3).map(|k| dir.path().join(format!("s{k}.csv"))))
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    assert_eq!(bytes, std::fs::read(&merged).unwrap());
}

#[test]
fn an_open_decision_is_a_factor_and_a_taken_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let before = save_at(dir.path(), "jul.ron", "1941-07-20");
    let (h, rows) = sweep_from(
        &before,
        dir.path(),
        "c.csv",
        &["--runs", "3", "--choose", "attack=yes|no"],
    );
    let c = col(&h, "factor.choose.attack");
    let sum = col(&h, "checksum");
    let by =
        |o: &str| -> Vec<&String> { rows.iter().filter(|r| r[c] == o).map(|r| &r[sum]).collect() };
    assert_eq!(by("yes").len(), 3);
    assert_ne!(
        by("yes"),
        by("no"),
        "the choice made no difference to the futures"
    );
    // The same choice through `pact run` gives the row.
    let seed = &rows[0][col(&h, "seed")];
    let chosen = format!("attack={}", rows[0][c]);
    assert_eq!(
        run_checksum(&before, &["--seed", seed, "--choose", &chosen]),
        rows[0][sum]
    );

    let after = save_at(dir.path(), "sep.ron", "1941-09-01");
    for cmd in [&["sweep", "--runs", "2"][..], &["run", "--seed", "3"][..]] {
        pact()
            .args(&cmd[..1])
            .arg("--load")
            .arg(&after)
            .args(&cmd[1..])
            .args(["--choose", "attack=no"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "decision `attack` was taken on 1941-08-0",
            ));
    }
}

#[test]
fn a_fork_draws_from_its_seed_and_the_day_not_from_the_saved_stream() {
    let s = mini();
    let mut sim = Simulation::new(s.clone(), &Setup::default());
    sim.run_until(Date::from_ymd(1941, 7, 1).unwrap());
    let state = SimState::capture(sim.world());
    let fork = |seed| {
        let setup = Setup {
            seed,
            ..Setup::default()
        };
        let mut f = Simulation::from_state(s.clone(), &setup, state.clone());
        f.fork(&setup).unwrap();
        f.run_to_end();
        f.checksum()
    };
    assert_eq!(fork(7), fork(7));
    assert_ne!(fork(7), fork(8));
    // Another day, the same seed: another stream.
    let day = sim.today();
    use rand::Rng;
    assert_ne!(
        fork_rng(7, day).next_u64(),
        fork_rng(7, day.add_days(1)).next_u64()
    );
}
