//! Saves and replays: a loaded save continues exactly as the uninterrupted
//! run; damaged, newer or stale files are refused with a clear message.

use crate::common::*;
use pact::date::Date;
use pact::sim::Simulation;
use pact::sim::save::SimState;
use predicates::prelude::*;
use proptest::prelude::*;
use std::path::Path;

/// Saves through the real text format and back, as a file would.
fn round_trip(state: &SimState) -> SimState {
    let opts = ron::Options::default();
    let text = opts.to_string(state).expect("state serialises");
    opts.from_str(&text).expect("state parses")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn save_anywhere_then_load_continues_identically(seed in 0u64..1000, day in 0i32..262) {
        let s = mini();
        let mut whole = sim(&s, seed);
        whole.run_to_end();
        let mut first = sim(&s, seed);
        first.run_until(s.meta.start.add_days(day));
        let state = round_trip(&SimState::capture(first.world()));
        let mut resumed = Simulation::from_state(s.clone(), &pact::sim::Setup { seed, ..Default::default() }, state);
        resumed.run_to_end();
        prop_assert_eq!(whole.chronicle(), resumed.chronicle());
        prop_assert_eq!(whole.daily_checksums(), resumed.daily_checksums());
        prop_assert_eq!(whole.checksum(), resumed.checksum());
    }
}

#[test]
fn historical_save_in_1941_and_1945_resumes_identically() {
    let s = load("scenarios/historical.ron");
    let mut whole = sim(&s, 3);
    whole.run_to_end();
    for date in ["1941-10-01", "1945-08-12"] {
        let mut first = sim(&s, 3);
        first.run_until(date.parse::<Date>().unwrap());
        let state = round_trip(&SimState::capture(first.world()));
        let mut resumed = Simulation::from_state(
            s.clone(),
            &pact::sim::Setup {
                seed: 3,
                ..Default::default()
            },
            state,
        );
        resumed.run_to_end();
        assert_eq!(whole.checksum(), resumed.checksum(), "resumed from {date}");
        assert_eq!(whole.chronicle(), resumed.chronicle());
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn last_line(out: &[u8]) -> String {
    String::from_utf8_lossy(out)
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
}

/// The last line (the final checksum) of `pact run --quiet --load save`.
fn resumed_last_line(save: &Path) -> String {
    let resumed = pact()
        .args(["run", "--quiet", "--load"])
        .arg(save)
        .output()
        .unwrap();
    assert!(resumed.status.success());
    last_line(&resumed.stdout)
}

#[test]
fn cli_save_then_load_matches_the_uninterrupted_run() {
    let dir = tmp();
    let save = dir.path().join("game.ron");
    let whole = pact()
        .args(["run", "tests/data/mini.ron", "--seed", "5", "--quiet"])
        .output()
        .unwrap()
        .stdout;
    pact()
        .args([
            "run",
            "tests/data/mini.ron",
            "--seed",
            "5",
            "--until",
            "1941-08-20",
            "--quiet",
            "--save",
        ])
        .arg(&save)
        .assert()
        .success();
    assert_eq!(
        last_line(&whole),
        resumed_last_line(&save),
        "same final checksum line"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left beside the save");
}

#[test]
fn damaged_or_newer_saves_are_refused_clearly() {
    let dir = tmp();
    let save = dir.path().join("game.ron");
    save_to(&save).success();
    let text = std::fs::read_to_string(&save).unwrap();
    let truncated = dir.path().join("truncated.ron");
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    pact()
        .args(["run", "--load"])
        .arg(&truncated)
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("truncated.ron:"));
    let newer = dir.path().join("newer.ron");
    let format = format!("format: {},", pact::sim::save::SAVE_FORMAT);
    std::fs::write(&newer, text.replacen(&format, "format: 99,", 1)).unwrap();
    pact()
        .args(["run", "--load"])
        .arg(&newer)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "has format 99; this pact reads format {}",
            pact::sim::save::SAVE_FORMAT
        )));
    // An older pact's save no longer fits the state: refused with what to do instead.
    let older = dir.path().join("older.ron");
    std::fs::write(&older, text.replacen(&format, "format: 2,", 1)).unwrap();
    pact()
        .args(["run", "--load"])
        .arg(&older)
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("has format 2")
                .and(predicate::str::contains("run the scenario again")),
        );
}

/// `pact replay FILE`, asserted on.
fn replay(file: &Path) -> assert_cmd::assert::Assert {
    pact().arg("replay").arg(file).assert()
}

#[test]
fn replay_verifies_and_refuses_an_edited_scenario() {
    let dir = tmp();
    let scn = dir.path().join("mini.ron");
    std::fs::copy("tests/data/mini.ron", &scn).unwrap();
    let rep = dir.path().join("replay.ron");
    pact()
        .args(["run", "--seed", "2", "--quiet", "--record"])
        .arg(&rep)
        .arg(&scn)
        .assert()
        .success();
    replay(&rep)
        .success()
        .stdout(predicate::str::contains("replay verified: 263 days"));
    let text = std::fs::read_to_string(&scn).unwrap();
    std::fs::write(&scn, text.replace("men: 12000.0", "men: 13000.0")).unwrap();
    replay(&rep).code(2).stderr(predicate::str::contains(
        "mini.ron` has changed since it was recorded",
    ));
}

#[test]
fn a_replay_records_its_mods_and_is_refused_when_a_mod_file_changes() {
    let dir = tmp();
    let m = dir.path().join("kurils");
    std::fs::create_dir(&m).unwrap();
    for f in ["mod.ron", "map.ron", "garrisons.ron"] {
        std::fs::copy(
            Path::new("scenarios/mods/kurils_expanded").join(f),
            m.join(f),
        )
        .unwrap();
    }
    let rep = dir.path().join("replay.ron");
    pact()
        .args([
            "run",
            "scenarios/historical.ron",
            "--quiet",
            "--until",
            "1941-06-01",
        ])
        .arg("--mod")
        .arg(&m)
        .arg("--record")
        .arg(&rep)
        .assert()
        .success();
    replay(&rep)
        .success()
        .stdout(predicate::str::contains("replay verified"));
    let map = m.join("map.ron");
    let text = std::fs::read_to_string(&map).unwrap();
    std::fs::write(&map, format!("{text}\n// edited\n")).unwrap();
    replay(&rep).code(2).stderr(predicate::str::contains(
        "map.ron` has changed since it was recorded",
    ));
}

#[test]
fn a_tampered_replay_reports_the_day_and_part_that_differ() {
    let dir = tmp();
    let rep = dir.path().join("replay.ron");
    pact()
        .args(["run", "tests/data/mini.ron", "--quiet", "--record"])
        .arg(&rep)
        .assert()
        .success();
    // Change one recorded hash of the formations part on one day.
    let text = std::fs::read_to_string(&rep).unwrap();
    let mut v: pact_replay::Replay = ron::from_str(&text).unwrap();
    let formations = v.parts.iter().position(|p| p == "formations").unwrap();
    v.days[100].1[formations] ^= 1;
    std::fs::write(&rep, ron::to_string(&v).unwrap()).unwrap();
    replay(&rep).code(1).stdout(predicate::str::contains(
        "replay diverges on 1941-07-22: formations differ",
    ));
}

/// The replay file's shape, as far as the tamper test needs it.
mod pact_replay {
    use pact::date::Date;
    #[derive(serde::Serialize, serde::Deserialize)]
    pub struct Replay {
        pub made: pact::sim::save::MadeFrom,
        pub answers: Vec<(Date, String, String)>,
        pub start: Date,
        pub count: usize,
        pub days: Vec<(Date, Vec<u64>)>,
        pub parts: Vec<String>,
    }
}

/// A replay says where it starts and how many days it holds: one cut off,
/// emptied or with a day removed is refused, not verified as far as it goes.
#[test]
fn a_cut_emptied_or_gapped_replay_is_refused() {
    let dir = tmp();
    let rep = dir.path().join("replay.ron");
    pact()
        .args(["run", "tests/data/mini.ron", "--quiet", "--record"])
        .arg(&rep)
        .assert()
        .success();
    let text = std::fs::read_to_string(&rep).unwrap();
    let whole: pact_replay::Replay = ron::from_str(&text).unwrap();
    let edit = |f: &dyn Fn(&mut pact_replay::Replay)| {
        let mut v: pact_replay::Replay = ron::from_str(&text).unwrap();
        f(&mut v);
        let p = dir.path().join("edited.ron");
        std::fs::write(&p, ron::to_string(&v).unwrap()).unwrap();
        p
    };
    replay(&edit(&|v| v.days.truncate(100)))
        .code(2)
        .stderr(predicate::str::contains("holds 100 of its 263 days"));
    replay(&edit(&|v| {
        v.days.clear();
        v.count = 0;
    }))
    .code(2)
    .stderr(predicate::str::contains("holds no days"));
    replay(&edit(&|v| {
        v.days.remove(50);
        v.count -= 1;
    }))
    .code(2)
    .stderr(predicate::str::contains("days were removed or edited"));
    replay(&edit(&|v| v.start = v.start.add_days(1)))
        .code(2)
        .stderr(predicate::str::contains("not"));
    assert_eq!(whole.count, whole.days.len());
}

/// A run loaded from a save records the state it started from; its replay
/// starts there and verifies (it used to restart from the scenario's start).
#[test]
fn a_replay_recorded_from_a_loaded_save_verifies() {
    let dir = tmp();
    let save = dir.path().join("game.ron");
    pact()
        .args([
            "run",
            "tests/data/mini.ron",
            "--until",
            "1941-07-01",
            "--quiet",
            "--save",
        ])
        .arg(&save)
        .assert()
        .success();
    let rep = dir.path().join("replay.ron");
    pact()
        .args(["run", "--quiet", "--load"])
        .arg(&save)
        .arg("--record")
        .arg(&rep)
        .assert()
        .success();
    replay(&rep)
        .success()
        .stdout(predicate::str::contains("replay verified: 183 days"));
}

#[test]
fn policy_file_with_unknown_field_is_rejected_with_line_and_column() {
    let dir = tmp();
    let good = dir.path().join("good.ron");
    std::fs::write(&good, "(choose: [(\"attack\", \"no\")])").unwrap();
    pact()
        .args(["run", "tests/data/mini.ron", "--json", "--policy"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"option\": \"no\""));
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(\n  choose: [],\n  chose: [],\n)").unwrap();
    pact()
        .args(["run", "tests/data/mini.ron", "--policy"])
        .arg(&bad)
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.ron:3:3"));
    // An answer the scenario does not have: placed in the file, and not blamed on --choose.
    for (text, place, what) in [
        (
            "(choose: [\n  (\"atack\", \"no\"),\n])",
            "wrong.ron:2:4",
            "did you mean `attack`?",
        ),
        (
            "(choose: [(\"attack\", \"maybe\")])",
            "wrong.ron:1:12",
            "valid options are yes, no",
        ),
    ] {
        let wrong = dir.path().join("wrong.ron");
        std::fs::write(&wrong, text).unwrap();
        pact()
            .args(["run", "tests/data/mini.ron", "--policy"])
            .arg(&wrong)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(place))
            .stderr(predicate::str::contains(what))
            .stderr(predicate::str::contains("--choose").not());
    }
}

/// A save's `scenario:` edited to another file: that title used to be loaded
/// over the saved state; the files recorded with the save no longer match.
#[test]
fn a_save_pointed_at_another_scenario_is_refused() {
    let dir = tmp();
    let save = dir.path().join("game.ron");
    save_to(&save).success();
    let text = std::fs::read_to_string(&save).unwrap();
    let other = text.replacen(
        "scenario: \"tests/data/mini.ron\"",
        "scenario: \"tests/data/fuel.ron\"",
        1,
    );
    assert_ne!(text, other);
    std::fs::write(&save, other).unwrap();
    pact()
        .args(["run", "--quiet", "--load"])
        .arg(&save)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("game.ron"))
        .stderr(predicate::str::contains("tests/data/mini.ron"));
}

/// A save records its scenario's path as given, relative to the folder pact
/// ran in; loaded from another folder, the error named only a scenario file
/// the user never typed. It names the save and what to do.
#[test]
fn a_save_loaded_from_another_folder_names_the_save() {
    let dir = tmp();
    let save = dir.path().join("game.ron");
    save_to(&save).success();
    pact()
        .current_dir(dir.path())
        .args(["run", "--quiet", "--load"])
        .arg(&save)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("game.ron"))
        .stderr(predicate::str::contains("tests/data/mini.ron"))
        .stderr(predicate::str::contains("run pact from that folder"));
}

/// The leaves of a pretty-printed RON line (numbers, bools, strings), each with
/// its byte range; identifiers before `:` and enum variant names are not leaves.
fn leaves(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < b.len() {
        let start = i;
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                out.push((start, i.min(b.len())));
            }
            b'0'..=b'9' | b'-' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b"+-.".contains(&b[i])) {
                    i += 1;
                }
                out.push((start, i));
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                if matches!(&line[start..i], "true" | "false") {
                    out.push((start, i));
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The same leaf, changed: a number moved, a bool flipped, a date a day later, a string edited.
fn corrupt(leaf: &str) -> String {
    match leaf {
        "true" => "false".into(),
        "false" => "true".into(),
        _ if leaf.starts_with('"') => {
            let inner = &leaf[1..leaf.len() - 1];
            match inner.parse::<Date>() {
                Ok(d) => format!("\"{}\"", d.add_days(1)),
                Err(_) => format!("\"{inner}x\""),
            }
        }
        _ if leaf.contains(['.', 'e']) => {
            format!("{:?}", leaf.parse::<f64>().unwrap() * 1.5 + 0.25)
        }
        _ => format!("{}", leaf.parse::<i128>().unwrap() + 1),
    }
}

/// One leaf of a saved state: its line, byte range, field path and position on the line.
struct Leaf {
    line: usize,
    range: (usize, usize),
    path: String,
    pos: usize,
}

/// The first leaf of each field path and position in a pretty-printed save's
/// `state`, so that every field of every part is represented once.
fn state_leaves(lines: &[&str]) -> Vec<Leaf> {
    let from = lines.iter().position(|l| l.trim() == "state: (").unwrap();
    let (mut path, mut seen) = (Vec::<String>::new(), std::collections::BTreeSet::new());
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(from + 1) {
        let t = line.trim_start();
        let key = t
            .split_once(':')
            .filter(|(k, _)| k.chars().all(|c| c.is_alphanumeric() || c == '_'));
        let here = format!("{}.{}", path.join("."), key.map_or("[]", |(k, _)| k));
        for (i, &range) in leaves(line).iter().enumerate() {
            if seen.insert((here.clone(), i)) {
                out.push(Leaf {
                    line: n,
                    range,
                    path: here.clone(),
                    pos: i,
                });
            }
        }
        // Nesting, counted outside strings (chronicle text has brackets).
        let mut bare = t.to_string();
        for &(a, b) in leaves(t).iter().rev() {
            bare.replace_range(a..b, "0");
        }
        let opens = bare.matches(['(', '[', '{']).count() as i32
            - bare.matches([')', ']', '}']).count() as i32;
        for _ in 0..opens.max(0) {
            path.push(key.map_or("[]", |(k, _)| k).to_string());
        }
        for _ in 0..(-opens).max(0) {
            path.pop();
        }
    }
    out
}

/// A save's lines with one leaf replaced.
fn with_leaf(lines: &[&str], leaf: &Leaf, value: &str) -> String {
    let line = lines[leaf.line];
    let (a, b) = leaf.range;
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out[leaf.line] = format!("{}{value}{}", &line[..a], &line[b..]);
    out.join("\n")
}

/// Saves of the campaign: in 1941 (trains on the way) and in the Manchurian
/// offensive (columns on the march), made by `pact run --save` in `dir`.
fn campaign_saves(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    ["1945-08-12", "1941-10-20"]
        .iter()
        .map(|until| {
            let save = dir.join(format!("{until}.ron"));
            pact()
                .args([
                    "run",
                    "scenarios/historical.ron",
                    "--seed",
                    "1",
                    "--quiet",
                    "--until",
                    until,
                    "--save",
                ])
                .arg(&save)
                .assert()
                .success();
            let text = std::fs::read_to_string(&save).unwrap();
            assert!(text.contains(if until.starts_with("1945") {
                "March("
            } else {
                "Rail("
            }));
            (until.to_string(), save)
        })
        .collect()
}

/// Corrupts, in turn, every kind of leaf of a saved state (the first of each
/// field path and position, so every field of every part is hit once) and
/// loads it as `pact run --load` does: each must be refused, none may pass or panic.
#[test]
fn a_save_with_any_state_field_corrupted_is_refused() {
    let dir = tmp();
    let mut tried = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for (until, save) in campaign_saves(dir.path()) {
        assert!(
            pact::files::read_save(&save).is_ok(),
            "the intact save loads"
        );
        let text = std::fs::read_to_string(&save).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for leaf in state_leaves(&lines) {
            let (a, b) = leaf.range;
            let changed = with_leaf(&lines, &leaf, &corrupt(&lines[leaf.line][a..b]));
            let file = dir.path().join("bad.ron");
            std::fs::write(&file, changed).unwrap();
            assert!(
                pact::files::read_save(&file).is_err(),
                "{until}: {} #{} corrupted loads without complaint",
                leaf.path,
                leaf.pos
            );
            tried += 1;
            kinds.insert(
                leaf.path
                    .trim_start_matches('.')
                    .split('.')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
    // Every part of the state was hit (a part that is always empty has no leaf).
    for part in [
        "calendar",
        "rng",
        "control",
        "treaties",
        "diplomacy",
        "script",
        "perception",
        "baseline",
        "strength",
        "fronts",
        "rail",
        "ledger",
        "chronicle",
        "checksums",
        "formations",
        "next_seq",
    ] {
        assert!(
            kinds.contains(part),
            "no leaf of {part} was corrupted: {kinds:?}"
        );
    }
    assert!(tried > 200, "only {tried} corruptions tried");
}

/// Values no index or quantity in a save may hold: past every index type's
/// range, negative, huge, not a number.
const OUT_OF_RANGE: [&str; 8] = [
    "255",
    "65535",
    "4294967295",
    "18446744073709551615",
    "-1.0",
    "1e300",
    "NaN",
    "inf",
];

/// A forger who also rewrites the content hashes gets past the integrity
/// check; every number of the state set out of range must then still be
/// refused by name before a system reads it, or, if in range, run on without
/// a panic. (Before the state was checked, an index past the map panicked in
/// the strength and supply systems.)
#[test]
fn a_forged_save_with_any_number_out_of_range_is_refused_or_runs_without_panic() {
    use pact::sim::save::SaveFile;
    let dir = tmp();
    let s = load("scenarios/historical.ron");
    let (mut refused, mut ran) = (0, 0);
    for (until, save) in campaign_saves(dir.path()) {
        let text = std::fs::read_to_string(&save).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for leaf in state_leaves(&lines) {
            let (a, b) = leaf.range;
            if lines[leaf.line][a..b].starts_with('"')
                || lines[leaf.line][a..b].starts_with(['t', 'f'])
            {
                continue;
            }
            for value in OUT_OF_RANGE {
                let changed = with_leaf(&lines, &leaf, value);
                // Numbers that do not fit their field's type fail to parse: refused already.
                let Ok(forged) = ron::from_str::<SaveFile>(&changed) else {
                    continue;
                };
                let setup = forged.made.setup.setup();
                let what = format!("{until}: {} #{} = {value}", leaf.path, leaf.pos);
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    match Simulation::try_from_state(s.clone(), &setup, forged.state) {
                        Err(problems) => {
                            assert!(
                                problems.iter().all(|p| p.starts_with("state.")),
                                "{what}: problems name their field: {problems:?}"
                            );
                            false
                        }
                        Ok(mut sim) => {
                            let until = sim.today().add_days(40);
                            sim.run_until(until);
                            true
                        }
                    }
                }));
                match outcome {
                    Ok(true) => ran += 1,
                    Ok(false) => refused += 1,
                    Err(_) => panic!("{what}: panicked"),
                }
            }
        }
    }
    assert!(refused > 100, "only {refused} refused ({ran} ran)");
}

/// `pact run --load` of a forged save (hashes rewritten to match) with an
/// index past the map: exit 2 naming the save and the field, not a panic.
#[test]
fn cli_refuses_a_forged_save_naming_the_field() {
    use pact::sim::save::{SaveFile, save_hashes};
    let dir = tmp();
    let save = dir.path().join("game.ron");
    save_to(&save).success();
    let text = std::fs::read_to_string(&save).unwrap();
    let mut forged: SaveFile = ron::from_str(&text).unwrap();
    forged.state.control.0[0] = pact::sim::catalog::FactionIx(200);
    forged.state.formations.0[0].info.kind = pact::sim::catalog::TypeIx(9);
    // The forger recomputes the hashes, as anyone reading the source could.
    let s = mini();
    let sim = Simulation::from_state(s, &forged.made.setup.setup(), forged.state.clone());
    forged.hashes = save_hashes(sim.world());
    pact::files::write_ron(&save, &forged).unwrap();
    pact()
        .args(["run", "--load"])
        .arg(&save)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("game.ron"))
        .stderr(predicate::str::contains(
            "state.control[0]: index 200 is out of range",
        ))
        .stderr(predicate::str::contains("state.formations[0].info.kind"))
        .stderr(predicate::str::contains("panicked").not());
}

/// `pact run tests/data/mini.ron --until 1941-06-01 --save PATH`.
fn save_to(path: &Path) -> assert_cmd::assert::Assert {
    pact()
        .args([
            "run",
            "tests/data/mini.ron",
            "--until",
            "1941-06-01",
            "--quiet",
            "--save",
        ])
        .arg(path)
        .assert()
}

/// `--save` replaces only a regular file: a FIFO or a device is refused and
/// left as it was; a symlink is written through and stays a symlink; the old
/// file's permissions are kept; temporary files of an interrupted save go.
#[test]
fn save_writes_only_regular_files_through_symlinks_keeping_the_mode() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tmp();
    let fifo = dir.path().join("fifo.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    save_to(&fifo)
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    save_to(Path::new("/dev/null"))
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
    save_to(dir.path())
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));

    let real = dir.path().join("real.ron");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    // Left by a save that was killed (no process has this id).
    let stale = dir.path().join(".real.ron.4000000000.tmp");
    std::fs::write(&stale, "half").unwrap();
    save_to(&link).success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains(&format!("format: {}", pact::sim::save::SAVE_FORMAT))
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the old file's mode is kept");
    assert!(!stale.exists(), "the stale temporary file is removed");
    assert!(pact::files::read_save(&link).is_ok());
}

/// The operational AI's memory (main efforts, each formation's aim) is part
/// of the saved state: a campaign saved in the middle of the August 1945
/// offensive with every faction on `ai` resumes exactly.
#[test]
fn an_ai_campaign_saved_mid_offensive_resumes_identically() {
    let dir = tmp();
    let save = dir.path().join("ai.ron");
    let args = [
        "run",
        "scenarios/historical.ron",
        "--seed",
        "3",
        "--quiet",
        "--controller",
        "ussr=ai",
        "--controller",
        "japan=ai",
        "--choose",
        "kantokuen_1941=strike_south",
        "--choose",
        "stavka_transfers_1941=historical",
    ];
    let whole = pact().args(args).output().unwrap();
    assert!(whole.status.success());
    pact()
        .args(args)
        .args(["--until", "1945-08-12", "--save"])
        .arg(&save)
        .assert()
        .success();
    let text = std::fs::read_to_string(&save).unwrap();
    assert!(text.contains("aims:"), "the save holds no aims");
    assert_eq!(last_line(&whole.stdout), resumed_last_line(&save));
}
