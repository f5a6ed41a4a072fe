//! The corpus of broken scenarios and mods: each file has one problem, and
//! validation reports exactly that problem, with its code, at its place.
//! Together the cases cover every diagnostic code pact has.

use crate::common::pact;
use pact::scenario::{self, codes};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// A scenario file, the mods loaded with it, the one code expected and where.
struct Case {
    file: &'static str,
    mods: &'static [&'static str],
    code: &'static str,
    at: &'static str,
}

const fn case(file: &'static str, code: &'static str, at: &'static str) -> Case {
    Case {
        file,
        mods: &[],
        code,
        at,
    }
}

const fn with_mods(mods: &'static [&'static str], code: &'static str, at: &'static str) -> Case {
    Case {
        file: "tests/data/mini.ron",
        mods,
        code,
        at,
    }
}

const C: &str = "tests/corpus/";
const M: &str = "tests/corpus/mods/";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Reading and syntax
    case("tests/bad/syntax.ron", "E001", "tests/bad/syntax.ron:8:9"),
    case("tests/corpus/missing_base.ron", "E000", "tests/corpus/missing_base.ron:3:5"),
    case("tests/bad/unknown_field.ron", "E002", "tests/bad/unknown_field.ron:10:9"),
    case("tests/corpus/missing_field.ron", "E003", "tests/corpus/missing_field.ron:6:79"),
    case("tests/corpus/wrong_type.ron", "E004", "tests/corpus/wrong_type.ron:6:97"),
    case("tests/corpus/bad_date.ron", "E005", "tests/corpus/bad_date.ron:4:20"),
    case("tests/corpus/unknown_variant.ron", "E006", "tests/corpus/unknown_variant.ron:6:74"),
    case("tests/corpus/duplicate_field.ron", "E007", "tests/corpus/duplicate_field.ron:6:106"),
    case("tests/corpus/too_deep.ron", "E008", "tests/corpus/too_deep.ron:6:281"),
    case("tests/corpus/not_finite.ron", "E026", "tests/corpus/not_finite.ron:6:98"),
    // References
    case("tests/bad/unknown_faction.ron", "E010", "tests/bad/unknown_faction.ron:21:83"),
    case("tests/corpus/duplicate_id.ron", "E011", "tests/corpus/duplicate_id.ron:35:14"),
    case("tests/bad/unknown_region.ron", "E012", "tests/bad/unknown_region.ron:36:80"),
    case("tests/corpus/unknown_option.ron", "E013", "tests/corpus/unknown_option.ron:4:25"),
    case("tests/corpus/unknown_type.ron", "E014", "tests/corpus/unknown_type.ron:6:67"),
    case("tests/bad/unknown_formation.ron", "E015", "tests/bad/unknown_formation.ron:50:149"),
    case("tests/corpus/unknown_theatre.ron", "E016", "tests/corpus/unknown_theatre.ron:6:18"),
    case("tests/corpus/unknown_treaty.ron", "E017", "tests/corpus/unknown_treaty.ron:7:39"),
    case("tests/bad/unknown_event.ron", "E018", "tests/bad/unknown_event.ron:55:67"),
    case("tests/corpus/unknown_decision.ron", "E019", "tests/corpus/unknown_decision.ron:4:15"),
    // Values and dates
    case("tests/bad/negative_men.ron", "E020", "tests/bad/negative_men.ron:36:90"),
    case("tests/corpus/quality_out_of_range.ron", "E020", "tests/corpus/quality_out_of_range.ron:6:106"),
    case("tests/corpus/date_outside_period.ron", "W021", "tests/corpus/date_outside_period.ron:7:64"),
    case("tests/corpus/missing_in_force_date.ron", "E022", "tests/corpus/missing_in_force_date.ron:6:78"),
    case("tests/bad/end_before_start.ron", "E023", "tests/bad/end_before_start.ron:8:9"),
    case("tests/corpus/newer_format.ron", "E024", "tests/corpus/newer_format.ron:8:9"),
    case("tests/corpus/too_few_parties.ron", "E025", "tests/corpus/too_few_parties.ron:6:48"),
    case("tests/corpus/no_options.ron", "E027", "tests/corpus/no_options.ron:6:90"),
    case("tests/corpus/undeclared_outcome.ron", "W030", "tests/corpus/undeclared_outcome.ron:6:89"),
    // Overlays and limits
    case("tests/corpus/remove_unknown.ron", "E031", "tests/corpus/remove_unknown.ron:4:27"),
    case("tests/corpus/replace_unknown.ron", "E032", "tests/corpus/replace_unknown.ron:6:18"),
    case("tests/corpus/add_duplicate.ron", "E033", "tests/corpus/add_duplicate.ron:6:18"),
    case("tests/corpus/overlay_cycle.ron", "E034", "tests/corpus/overlay_cycle.ron:3:5"),
    case("tests/corpus/outside_folder.ron", "E065", "tests/corpus/outside_folder.ron:3:5"),
    case("tests/corpus/not_a_rail_line.ron", "E066", "tests/corpus/not_a_rail_line.ron:7:53"),
    case("tests/corpus/too_many_factions.ron", "E035", "tests/corpus/too_many_factions.ron:5:9"),
    case("tests/corpus/period_too_long.ron", "E037", "tests/corpus/period_too_long.ron:4:12"),
    // The map
    case("tests/corpus/link_to_nowhere.ron", "E040", "tests/corpus/link_to_nowhere.ron:6:32"),
    case("tests/corpus/link_to_itself.ron", "E041", "tests/corpus/link_to_itself.ron:6:28"),
    case("tests/corpus/unreachable_region.ron", "W042", "tests/corpus/unreachable_region.ron:6:18"),
    case("tests/corpus/no_rail_route.ron", "W043", "tests/corpus/no_rail_route.ron:7:59"),
    case("tests/corpus/duplicate_link.ron", "W044", "tests/corpus/duplicate_link.ron:6:14"),
    case("tests/corpus/capacity_off_rail.ron", "W045", "tests/corpus/capacity_off_rail.ron:6:71"),
    case("tests/corpus/overlay_drops.ron", "W046", "tests/corpus/overlay_drops.ron:5:9"),
    case("tests/corpus/never_holds.ron", "W047", "tests/corpus/never_holds.ron:7:86"),
    // The event graph
    case("tests/corpus/flag_never_set.ron", "W050", "tests/corpus/flag_never_set.ron:6:89"),
    case("tests/corpus/event_outside_period.ron", "W051", "tests/corpus/event_outside_period.ron:6:54"),
    case("tests/corpus/condition_too_late.ron", "W052", "tests/corpus/condition_too_late.ron:7:110"),
    case("tests/corpus/condition_ends_before.ron", "W052", "tests/corpus/condition_ends_before.ron:6:91"),
    case("tests/corpus/decision_never_offered.ron", "W053", "tests/corpus/decision_never_offered.ron:4:26"),
    case("tests/corpus/treaty_action_impossible.ron", "W054", "tests/corpus/treaty_action_impossible.ron:8:39"),
    case("tests/corpus/denounce_never_in_force.ron", "W054", "tests/corpus/denounce_never_in_force.ron:8:39"),
    // The base's `ratify` event is where the problem now is.
    case("tests/corpus/ratify_in_force.ron", "W054", "tests/corpus/../data/mini.ron:48:103"),
    case("tests/corpus/event_cycle.ron", "W055", "tests/corpus/event_cycle.ron:6:50"),
    case("tests/corpus/undeclared_variable.ron", "W056", "tests/corpus/undeclared_variable.ron:6:97"),
    case("tests/corpus/ungated_action.ron", "W058", "tests/corpus/ungated_action.ron:8:17"),
    case("tests/corpus/unknown_allow.ron", "W070", "tests/corpus/unknown_allow.ron:6:101"),
    // Mods
    with_mods(&["missing_dependency"], "E060", "tests/corpus/mods/missing_dependency/mod.ron:6:18"),
    with_mods(&["cycle_a", "cycle_b"], "E061", "tests/corpus/mods/cycle_a/mod.ron:6:5"),
    with_mods(&["twin_a", "twin_b"], "E062", "tests/corpus/mods/twin_b/mod.ron:3:9"),
    with_mods(&["no_manifest"], "E063", "tests/corpus/mods/no_manifest"),
    with_mods(&["has_base"], "E038", "tests/corpus/mods/has_base/units.ron:3:5"),
    with_mods(&["conflict_a", "conflict_b"], "W064", "tests/corpus/mods/conflict_b/units.ron:6:18"),
    with_mods(&["too_many_files"], "E036", "tests/corpus/mods/too_many_files/mod.ron:6:5"),
    with_mods(&["manifest_unknown_field"], "E002", "tests/corpus/mods/manifest_unknown_field/mod.ron:6:5"),
    with_mods(&["missing_file"], "E000", "tests/corpus/mods/missing_file/mod.ron:6:26"),
    with_mods(&["broken_unit"], "E012", "tests/corpus/mods/broken_unit/units.ron:5:79"),
];

fn mod_dirs(mods: &[&str]) -> Vec<PathBuf> {
    mods.iter()
        .map(|m| PathBuf::from(format!("{M}{m}")))
        .collect()
}

#[test]
fn each_broken_file_reports_its_one_problem_at_its_place() {
    let mut failures = Vec::new();
    for c in CASES {
        let report = scenario::validate(&[PathBuf::from(c.file)], &mod_dirs(c.mods));
        let shown: Vec<String> = report
            .shown()
            .map(|d| format!("{} {}:{}:{}", d.code, d.file, d.line, d.column))
            .collect();
        let want = if c.at.ends_with(|x: char| x.is_ascii_digit()) {
            format!("{} {}", c.code, c.at)
        } else {
            format!("{} {}:0:0", c.code, c.at)
        };
        if shown != [want.clone()] {
            failures.push(format!(
                "{} {:?}: want [{want}], got {shown:?}",
                c.file, c.mods
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_corpus_covers_every_code() {
    let covered: BTreeSet<&str> = CASES.iter().map(|c| c.code).collect();
    // Made on the fly below rather than committed: a file over 16 MiB (E009)
    // and files with over a thousand problems (E039, W057).
    let made = ["E009", "E039", "W057"];
    let missing: Vec<&str> = codes::ALL
        .iter()
        .map(|c| c.code)
        .filter(|c| !covered.contains(c) && !made.contains(c))
        .collect();
    assert!(missing.is_empty(), "no corpus case for {missing:?}");
    assert!(CASES.len() >= 40);
}

#[test]
fn every_corpus_file_is_in_the_table() {
    let listed: BTreeSet<String> = CASES
        .iter()
        .map(|c| c.file.to_string())
        .chain(
            CASES
                .iter()
                .flat_map(|c| c.mods.iter().map(|m| format!("{M}{m}"))),
        )
        .collect();
    // Files that are correct on purpose (shown with their own tests below).
    let correct = ["allowed_warning.ron", "building_on_a"];
    for dir in [C, M, "tests/bad/"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let shown = path.display().to_string();
            if name == "mods" || correct.contains(&name.as_str()) {
                continue;
            }
            assert!(
                listed.contains(&shown),
                "{shown} is not in the corpus table"
            );
        }
    }
}

#[test]
fn an_allowed_warning_is_counted_not_shown() {
    let report = scenario::validate(&[PathBuf::from(format!("{C}allowed_warning.ron"))], &[]);
    assert_eq!(
        (report.errors(), report.warnings(), report.suppressed()),
        (0, 0, 1)
    );
    pact()
        .args(["validate", "tests/corpus/allowed_warning.ron"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "0 errors, 0 warnings (1 warning suppressed by `allow`)",
        ));
}

#[test]
fn a_mod_that_depends_on_another_may_change_what_it_changed() {
    let report = scenario::validate(
        &[PathBuf::from("tests/data/mini.ron")],
        &mod_dirs(&["building_on_a", "conflict_a"]),
    );
    assert_eq!(report.shown().count(), 0, "{:?}", report.diagnostics);
    // Dependency order, not command-line order: building_on_a's change wins.
    let l = scenario::load_with_mods(
        std::path::Path::new("tests/data/mini.ron"),
        &mod_dirs(&["building_on_a", "conflict_a"]),
    )
    .unwrap();
    let r1 = l.scenario.formations.iter().find(|f| f.id == "r1").unwrap();
    assert_eq!(r1.men, 12000.0);
}

#[test]
fn an_oversized_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(scenario::parse::MAX_FILE_BYTES as u64 + 1)
        .unwrap();
    let report = scenario::validate(&[path], &[]);
    let codes: Vec<&str> = report.shown().map(|d| d.code).collect();
    assert_eq!(codes, ["E009"]);
}

#[test]
fn json_records_carry_code_severity_file_line_column_and_message() {
    let out = pact()
        .args([
            "validate",
            "tests/corpus/flag_never_set.ron",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings alone do not fail");
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &records[0];
    assert_eq!(r["code"], "W050");
    assert_eq!(r["name"], "flag-never-set");
    assert_eq!(r["severity"], "warning");
    assert_eq!(r["file"], "tests/corpus/flag_never_set.ron");
    assert_eq!(
        (r["line"].as_u64(), r["column"].as_u64()),
        (Some(6), Some(89))
    );
    assert!(r["message"].as_str().unwrap().contains("goo"));
    pact()
        .args([
            "validate",
            "tests/corpus/flag_never_set.ron",
            "--deny-warnings",
        ])
        .assert()
        .code(1);
}

#[test]
fn problems_shared_through_a_base_are_reported_once() {
    // Both overlays stand on mini.ron, whose `war` event waits for a flag
    // one of them makes unreachable; the base's own lines appear once.
    let files = [
        PathBuf::from("tests/data/mini.ron"),
        PathBuf::from(format!("{C}unreachable_region.ron")),
        PathBuf::from(format!("{C}unreachable_region.ron")),
    ];
    let report = scenario::validate(&files, &[]);
    assert_eq!(report.shown().count(), 1, "{:?}", report.diagnostics);
}

#[test]
fn validate_without_a_base_names_the_way_to_check_a_mod() {
    pact()
        .args(["validate", "scenarios/mods/kurils_expanded"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--mod scenarios/mods/kurils_expanded",
        ));
}

/// An overlay on mini.ron adding `n` objects made by `line(i)`, in a temporary folder.
fn many(n: usize, section: &str, line: impl Fn(usize) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    // A base is a relative name (an absolute one is refused, E065): a copy beside it.
    std::fs::copy("tests/data/mini.ron", dir.path().join("mini.ron")).unwrap();
    let lines: Vec<String> = (0..n).map(line).collect();
    let text = format!(
        "(\n    base: \"mini.ron\",\n    add: (\n        {section}: [\n{}\n        ],\n    ),\n)\n",
        lines.join("\n")
    );
    let path = dir.path().join("many.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn past_a_thousand_problems_the_rest_are_counted_not_listed() {
    let (_dir, path) = many(1_200, "formations", |i| {
        format!(
            "            (id: \"x{i}\", name: \"X\", faction: \"red\", type: \"rifle\", location: \"nowhere\", men: 1.0),"
        )
    });
    let report = scenario::validate(&[path], &[]);
    let listed: Vec<&str> = report.shown().map(|d| d.code).collect();
    assert_eq!(listed.len(), scenario::check::MAX_LISTED + 1);
    assert_eq!(listed.last(), Some(&"E039"));
    let last = report.shown().last().unwrap();
    assert!(
        last.message.starts_with("200 more errors"),
        "{}",
        last.message
    );

    let (_dir, path) = many(1_100, "regions", |i| {
        format!(
            "            (id: \"isle{i}\", name: \"Isle\", lat: 46.0, lon: 140.0, terrain: island, owner: \"red\"),"
        )
    });
    let report = scenario::validate(&[path], &[]);
    assert_eq!(report.shown().last().map(|d| d.code), Some("W057"));
    assert_eq!(report.errors(), 0);
}

#[test]
fn a_huge_broken_input_is_checked_in_bounded_time() {
    // 50,000 formations, each in an unknown region: listing stops at a
    // thousand, so the rest cost no search of the text and no hint.
    let (_dir, path) = many(50_000, "formations", |i| {
        format!(
            "            (id: \"x{i}\", name: \"X\", faction: \"red\", type: \"rifle\", location: \"r{i}\", men: 1.0),"
        )
    });
    let started = std::time::Instant::now();
    let report = scenario::validate(&[path], &[]);
    assert!(report.errors() > 0);
    let took = started.elapsed();
    eprintln!("50,000 broken formations checked in {took:?}");
    assert!(took.as_secs() < 20, "took {took:?}");
}
