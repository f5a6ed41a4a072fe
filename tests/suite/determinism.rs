//! Same scenario + seed ⇒ the same chronicle and the same checksum every day.

use crate::common::*;
use pact::date::Date;

#[test]
fn same_seed_same_chronicle_and_daily_checksums() {
    let s = mini();
    let mut a = sim(&s, 7);
    let mut b = sim(&s, 7);
    a.run_to_end();
    b.run_to_end();
    assert_eq!(a.chronicle(), b.chronicle());
    assert_eq!(a.daily_checksums(), b.daily_checksums());
    assert_eq!(
        a.daily_checksums().len(),
        263,
        "one checksum per day, 13 Apr – 31 Dec 1941"
    );
}

#[test]
fn a_run_split_by_until_equals_an_uninterrupted_run() {
    let s = mini();
    let mut whole = sim(&s, 11);
    whole.run_to_end();
    let mut split = sim(&s, 11);
    split.run_until("1941-08-20".parse::<Date>().unwrap());
    assert_eq!(split.last_day().to_string(), "1941-08-20");
    split.run_until("1941-10-01".parse::<Date>().unwrap());
    split.run_to_end();
    assert_eq!(whole.chronicle(), split.chronicle());
    assert_eq!(whole.checksum(), split.checksum());
}

#[test]
fn different_seeds_diverge() {
    let s = mini();
    let mut a = sim(&s, 1);
    let mut b = sim(&s, 2);
    a.run_to_end();
    b.run_to_end();
    assert_ne!(
        a.checksum(),
        b.checksum(),
        "seed must reach the random draws (strength spread, combat)"
    );
}

/// The final checksum of seeds 1–3 of every bundled scenario. The simulation's
/// arithmetic is portable (libm for pow, no platform-dependent float
/// functions), so these hold on any machine and in debug and release alike.
/// A commit that changes one must say why (a model change, a new piece of
/// state); an unexplained change is a determinism bug.
const GOLDEN: [(&str, u64, u64); 24] = [
    ("early_denunciation", 1, 0xf29a84eb1c702f60),
    ("early_denunciation", 2, 0x9b3efb47a801eadf),
    ("early_denunciation", 3, 0x712d49068effb5da),
    ("historical", 1, 0x85e7026886b220f9),
    ("historical", 2, 0x2f36b19d20b28445),
    ("historical", 3, 0xa269735deb4527fd),
    ("kantokuen_1941", 1, 0xd99f14e447498ff9),
    ("kantokuen_1941", 2, 0x80f6b345b83a8783),
    ("kantokuen_1941", 3, 0x79dff871f304477f),
    ("khalkhin_gol_1939", 1, 0x47c693137dc8dda9),
    ("khalkhin_gol_1939", 2, 0x78d60f21becd084e),
    ("khalkhin_gol_1939", 3, 0x34817ad071fed77f),
    ("khasan_1938", 1, 0x7486d6d792917fc3),
    ("khasan_1938", 2, 0xf37c88b1a732342f),
    ("khasan_1938", 3, 0x130699ea84d82725),
    ("late_entry", 1, 0xf0ee574b2ee81bdc),
    ("late_entry", 2, 0x4b746d177ed2bc1d),
    ("late_entry", 3, 0x7e143c21b1f2a0dd),
    ("no_pact", 1, 0x68bac3b7d738ddef),
    ("no_pact", 2, 0x82d30f0d2ec7cbde),
    ("no_pact", 3, 0x123786fb139c15ba),
    ("no_transfers_1941", 1, 0x6430a94a9039d433),
    ("no_transfers_1941", 2, 0x37a097c87188401a),
    ("no_transfers_1941", 3, 0x3cea6adbc8dcaec8),
];

#[test]
fn golden_checksums_of_the_bundled_scenarios() {
    let mut files: Vec<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let stem = p.file_stem()?.to_str()?.to_string();
            (p.extension()? == "ron").then_some(stem)
        })
        .collect();
    files.sort();
    let pinned: Vec<&str> = GOLDEN.iter().step_by(3).map(|g| g.0).collect();
    assert_eq!(files, pinned, "every bundled scenario has golden checksums");
    let mut wrong = Vec::new();
    for (name, seed, want) in GOLDEN {
        let mut run = sim(&load(&format!("scenarios/{name}.ron")), seed);
        run.run_to_end();
        if run.checksum() != want {
            wrong.push(format!(
                "{name} seed {seed}: {:016x}, pinned {want:016x}",
                run.checksum()
            ));
        }
    }
    assert!(wrong.is_empty(), "checksums changed:\n{}", wrong.join("\n"));
}
