//! The `pact` binary, driven as a user would.

use crate::common::pact;
use predicates::prelude::*;

#[test]
fn help_explains_commands() {
    pact()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("run").and(predicate::str::contains("validate")))
        .stdout(predicate::str::contains(
            "pact run scenarios/historical.ron",
        ));
    for sub in ["run", "validate"] {
        pact()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

/// Every subcommand's help has one example block (no doubled "Example"), and
/// each example's first command names only options the subcommand has.
#[test]
fn every_subcommand_has_one_example_that_parses() {
    let subs = [
        "run", "validate", "compare", "list", "replay", "sweep", "merge", "bench", "battles",
        "lsp", "schema",
    ];
    for sub in subs {
        let out = pact().args([sub, "--help"]).output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout).to_string();
        let heads: Vec<&str> = help.lines().filter(|l| l.starts_with("Example")).collect();
        assert_eq!(heads.len(), 1, "{sub}: {heads:?}\n{help}");
        // The example: on the heading's line or the next one.
        let at = help.lines().position(|l| l.starts_with("Example")).unwrap();
        let line = help
            .lines()
            .skip(at)
            .map(|l| {
                l.trim_start_matches("Examples:")
                    .trim_start_matches("Example:")
                    .trim()
            })
            .find(|l| l.starts_with("pact "))
            .unwrap_or_else(|| panic!("{sub}: no example command\n{help}"));
        let command = line
            .split("&&")
            .next()
            .unwrap()
            .split('>')
            .next()
            .unwrap()
            .split('#')
            .next()
            .unwrap();
        for word in command.split_whitespace().filter(|w| w.starts_with("--")) {
            let flag = word.split('=').next().unwrap();
            let used_sub = command.split_whitespace().nth(1).unwrap();
            let sub_help = String::from_utf8_lossy(
                &pact().args([used_sub, "--help"]).output().unwrap().stdout,
            )
            .to_string();
            assert!(
                sub_help.contains(flag),
                "{sub}: example `{line}` uses {flag}, which `{used_sub}` does not take"
            );
        }
    }
}

#[test]
fn run_prints_dated_chronicle_and_summary() {
    pact()
        .args(["run", "tests/data/mini.ron", "--seed", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1941-04-25  treaty    Pact in force until 1946-04-25",
        ))
        .stdout(predicate::str::contains(
            "1941-08-09  war       Red declares war on Blue",
        ))
        .stdout(predicate::str::contains("checksum "));
}

#[test]
fn run_json_has_the_documented_fields() {
    let out = pact()
        .args(["run", "tests/data/mini.ron", "--seed", "3", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    for key in [
        "scenario",
        "seed",
        "end_date",
        "checksum",
        "events",
        "captures",
        "losses",
        "transfers",
        "treaties",
        "outcomes",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["end_date"], "1941-12-31");
    assert_eq!(v["seed"], 3);
    assert_eq!(v["treaties"][0]["status"], "violated");
    assert_eq!(v["transfers"][0]["arrived"], "1941-06-09");
    assert!(v["losses"]["red"]["killed"].as_f64().unwrap() > 0.0);
}

#[test]
fn same_seed_gives_byte_identical_output() {
    let run = || {
        pact()
            .args(["run", "tests/data/mini.ron", "--seed", "9"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn until_stops_at_the_date() {
    let out = pact()
        .args([
            "run",
            "tests/data/mini.ron",
            "--until",
            "1941-06-30",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["end_date"], "1941-06-30");
}

#[test]
fn quiet_prints_only_the_summary() {
    pact()
        .args(["run", "tests/data/mini.ron", "--quiet"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Pact ratified").not())
        .stdout(predicate::str::contains("== Mini"));
}

#[test]
fn bad_date_argument_is_a_usage_error() {
    pact()
        .args(["run", "tests/data/mini.ron", "--until", "1941-13-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid date"));
}

#[test]
fn validate_reports_clean_and_broken_files() {
    pact()
        .args(["validate", "tests/data/mini.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
    pact()
        .args([
            "validate",
            "tests/bad/unknown_region.ron",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"code\": \"E012\""));
    pact()
        .args(["validate", "no/such/file.ron"])
        .assert()
        .code(2);
}

#[test]
fn choose_and_controller_are_checked_against_the_scenario() {
    pact()
        .args([
            "run",
            "tests/data/mini.ron",
            "--choose",
            "attack=no",
            "--json",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"option\": \"no\""));
    pact()
        .args(["run", "tests/data/mini.ron", "--choose", "atack=no"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `attack`?"));
    pact()
        .args(["run", "tests/data/mini.ron", "--choose", "attack=maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid options are yes, no"));
    pact()
        .args(["run", "tests/data/mini.ron", "--controller", "red=genius"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected one of historical, ai, player, policy",
        ));
}

#[test]
fn no_arguments_runs_the_historical_campaign_with_a_hint() {
    // Without a display (with one, and the gui feature, `pact` opens the window).
    pact()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .assert()
        .success()
        .stderr(predicate::str::contains("running the historical scenario"))
        .stdout(predicate::str::contains("1945-09-02"));
}

#[cfg(feature = "gui")]
#[test]
fn play_without_a_display_says_so_and_how_to_get_one() {
    pact()
        .args(["play", "scenarios/historical.ron"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no display"))
        .stderr(predicate::str::contains("xvfb-run"));
}

/// A stale `DISPLAY` (a closed SSH session) or Wayland alone: winit would
/// panic on them, so the display is tried first; `pact play` exits 2 with the
/// reason, bare `pact` runs in the terminal with a note.
#[cfg(feature = "gui")]
#[test]
fn an_unreachable_display_is_refused_before_the_window_opens() {
    for (var, value, why) in [
        ("DISPLAY", ":54321", "DISPLAY=:54321 cannot be reached"),
        ("WAYLAND_DISPLAY", "wayland-0", "X11 windows only"),
    ] {
        pact()
            .args(["play", "scenarios/historical.ron"])
            .env_remove("DISPLAY")
            .env(var, value)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why))
            .stderr(predicate::str::contains("panicked").not());
    }
    pact()
        .env("DISPLAY", ":54321")
        .assert()
        .success()
        .stderr(predicate::str::contains("cannot open the window"))
        .stderr(predicate::str::contains("in the terminal"))
        .stdout(predicate::str::contains("1945-09-02"));
}

#[cfg(feature = "gui")]
#[test]
fn play_checks_its_arguments_before_opening_a_window() {
    // A display is claimed, but a bad controller must stop pact before any window.
    pact()
        .args([
            "play",
            "scenarios/historical.ron",
            "--controller",
            "japan=robot",
        ])
        .env("DISPLAY", ":nowhere")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected one of historical, ai, player, policy",
        ));
    pact()
        .args(["play", "scenarios/nope.ron"])
        .env("DISPLAY", ":nowhere")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.ron"));
}

#[test]
fn list_shows_bundled_scenarios_and_their_decisions() {
    pact()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("historical.ron"))
        .stdout(predicate::str::contains("1941-04-13 to 1945-09-02"))
        .stdout(predicate::str::contains("decision kantokuen_1941 (japan)"))
        // The option history took is marked, once.
        .stdout(predicate::str::contains(
            "decision ussr_pact_policy (ussr): keep | denounce (historical) | attack_without_denouncing",
        ))
        .stdout(predicate::str::contains("(historical) (historical)").not());
}

/// A `player` is asked on the terminal: without one (a pipe, a script) its
/// decisions used to wait out their windows and history took them, changing
/// the run unseen; a sweep, where no one answers, did the same.
#[test]
fn a_player_without_a_terminal_is_refused() {
    pact()
        .args([
            "run",
            "docs/examples/border.ron",
            "--quiet",
            "--controller",
            "ussr=player",
        ])
        .write_stdin("2\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not one"))
        .stderr(predicate::str::contains("--choose"));
    pact()
        .args([
            "sweep",
            "tests/data/mini.ron",
            "--runs",
            "1",
            "--controller",
            "red=player",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`player` controller needs a game"));
}

/// A negative seed is refused as a value (not with clap's tip to write `-- -1`,
/// which then fails differently), for every command that takes a seed.
#[test]
fn a_negative_seed_is_refused_as_an_invalid_value() {
    for args in [
        vec!["run", "scenarios/historical.ron", "--seed", "-1"],
        vec!["sweep", "scenarios/historical.ron", "--seed", "-1"],
    ] {
        pact()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("invalid value '-1' for '--seed"))
            .stderr(predicates::str::contains("-- -1").not());
    }
}

/// `pact compare --free` lets every faction decide as `ai`, and takes --choose and
/// --controller like `pact run`: with the Far East stripped, Japan strikes north
/// more often than with the divisions kept, and the recorded course never does.
#[test]
fn compare_in_free_play_reads_the_choices_it_is_given() {
    // Seeds in which Japan strikes north (the point's measure is reached).
    let strike = |extra: &[&str]| {
        let v = crate::common::json_of(
            pact()
                .args([
                    "compare",
                    "scenarios/historical.ron",
                    "--seeds",
                    "10",
                    "--json",
                ])
                .args(extra),
        );
        let row = v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "no_strike_north")
            .cloned()
            .unwrap();
        row["reached"].as_u64().unwrap()
    };
    assert_eq!(strike(&[]), 0, "the recorded course never strikes north");
    let stripped = strike(&["--free", "--choose", "stavka_transfers_1941=maximal"]);
    let kept = strike(&["--free", "--choose", "stavka_transfers_1941=none"]);
    assert!(
        stripped > kept,
        "an AI Japan facing a stripped Far East strikes more: in {stripped} against {kept} of 10 seeds"
    );
    pact()
        .args([
            "compare",
            "scenarios/historical.ron",
            "--controller",
            "japan=player",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("player"));
}

/// `pact compare --markdown` prints README's table (checked against README in
/// `readme.rs`); it and `--json` are two ways to print one table, so asking
/// for both is refused.
#[test]
fn compare_prints_markdown_or_json_not_both() {
    pact()
        .args([
            "compare",
            "scenarios/historical.ron",
            "--seeds",
            "1",
            "--markdown",
        ])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("| reference point | source |"))
        .stdout(predicates::str::contains("| Hailar taken | TRET |"));
    pact()
        .args([
            "compare",
            "scenarios/historical.ron",
            "--json",
            "--markdown",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}

/// `--controller ussr=player` on a terminal (made by `script`): the guide's
/// `border.ron` offers its decision on 8 August only, and the player is asked
/// (history used to answer first); a wrong answer is refused with a message
/// and asked again; "Wait" is what happens.
#[test]
fn a_player_on_a_terminal_is_asked_on_time_and_a_wrong_answer_is_refused() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to give pact a terminal");
        return;
    }
    let pact_bin = assert_cmd::cargo::cargo_bin("pact");
    let command = format!(
        "{} run docs/examples/border.ron --json --controller ussr=player",
        pact_bin.display()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "printf 'maybe\\n2\\n' | script -qec '{command}' /dev/null"
        ))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Attack across the Amur?"), "{text}");
    assert!(text.contains("(1945-08-08)"), "asked on its day: {text}");
    assert!(text.contains("Attack on 9 August (historical)"), "{text}");
    assert!(text.contains("`maybe` is not an option"), "{text}");
    assert!(text.contains("\"option\": \"no\""), "{text}");
    assert!(!text.contains("The USSR declares war"), "{text}");
}
