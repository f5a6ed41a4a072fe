//! Every subcommand on hostile inputs: whatever the file holds (nothing,
//! binary, one enormous line, bad UTF-8, a byte-order mark, half a file), or
//! whatever the path names (/dev/null, a folder), pact answers with an exit
//! status and a message: never a panic (status 101), never a hang, never
//! megabytes of output.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Named hostile inputs, written into `dir` (paths that are not files are used as they are).
fn inputs(dir: &Path) -> Vec<(String, PathBuf)> {
    let mini = std::fs::read_to_string("tests/data/mini.ron").unwrap();
    let one_line: String = mini
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ");
    // A problem past column 65,535 (miette panicked on those) in a one-line file.
    let far = one_line.replacen("\"red\"", &format!("{}\"rred\"", " ".repeat(70_000)), 1);
    let mut binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    binary.extend_from_slice(b"\0\0(\xff\xfe");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("binary", binary),
        ("spaces", vec![b' '; 4 << 20]),
        ("far", far.into_bytes()),
        (
            "bad_utf8",
            [
                &mini.as_bytes()[..200],
                b"\xc3\x28",
                &mini.as_bytes()[200..],
            ]
            .concat(),
        ),
        (
            "bom",
            [b"\xef\xbb\xbf".as_slice(), mini.as_bytes()].concat(),
        ),
        ("truncated", mini.as_bytes()[..mini.len() / 2].to_vec()),
        ("csv_like", b"run,seed\n1,2\n3,\"4".to_vec()),
    ];
    let mut out: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|(name, bytes)| {
            let p = dir.join(format!("{name}.ron"));
            std::fs::write(&p, bytes).unwrap();
            (name.to_string(), p)
        })
        .collect();
    out.push(("dev_null".into(), PathBuf::from("/dev/null")));
    out.push(("folder".into(), dir.join("folder")));
    std::fs::create_dir_all(dir.join("folder")).unwrap();
    out.push(("missing".into(), dir.join("missing.ron")));
    out
}

/// Every way a subcommand takes a file, with `F` standing for the input.
const USES: &[&[&str]] = &[
    &["run", "F", "--quiet"],
    &["run", "--load", "F"],
    &["run", "tests/data/mini.ron", "--quiet", "--policy", "F"],
    &["validate", "F"],
    &["validate", "--format", "json", "F"],
    &["compare", "F", "--seeds", "1"],
    &["replay", "F"],
    &["sweep", "F", "--runs", "1"],
    &["merge", "F"],
    &["merge", "--partial", "F"],
    &["bench", "F", "--runs", "1"],
];

/// Runs `pact args` and checks it ended as a program should on bad input.
fn assert_no_panic(args: &[String], what: &str) {
    let out = pact()
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{what}: panicked\n{stderr}");
    assert!(out.status.code().is_some(), "{what}: killed (hang?)");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert!(
        out.stderr.len() + out.stdout.len() < 200_000,
        "{what}: {} bytes of output",
        out.stderr.len() + out.stdout.len()
    );
}

#[test]
fn no_subcommand_panics_on_hostile_files() {
    let dir = tempfile::tempdir().unwrap();
    for (name, path) in inputs(dir.path()) {
        for uses in USES {
            let args: Vec<String> = uses
                .iter()
                .map(|a| {
                    if *a == "F" {
                        path.display().to_string()
                    } else {
                        a.to_string()
                    }
                })
                .collect();
            assert_no_panic(&args, &format!("{name}: pact {}", uses.join(" ")));
        }
        // As a mod's file, and as the only scenario of a listed folder.
        let folder = dir.path().join(format!("mod_{name}"));
        std::fs::create_dir_all(&folder).unwrap();
        if path.is_file() {
            std::fs::copy(&path, folder.join("mod.ron")).unwrap();
        }
        for args in [
            vec!["run", "tests/data/mini.ron", "--quiet", "--mod"],
            vec!["list"],
            vec!["validate"],
        ] {
            let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            args.push(folder.display().to_string());
            assert_no_panic(&args, &format!("{name}: pact {}", args.join(" ")));
        }
    }
}

/// A problem far along one enormous line is shown with the line cut around
/// it: a screenful, with the place, not the whole line.
#[test]
fn a_problem_on_a_very_long_line_is_shown_cut_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let far = inputs(dir.path())
        .into_iter()
        .find(|(n, _)| n == "far")
        .unwrap()
        .1;
    let out = pact()
        .arg("validate")
        .arg(&far)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    // `validate` reports on stdout.
    let stderr = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("far.ron:1:70"), "{stderr}");
    assert!(stderr.contains("…"), "{stderr}");
    assert!(
        stderr.lines().all(|l| l.chars().count() < 400),
        "a line of the report is longer than 400 characters"
    );
    // A line of four megabytes of spaces: the message does not echo it.
    let spaces = dir.path().join("spaces.ron");
    let out = pact().arg("validate").arg(&spaces).output().unwrap();
    assert!(out.stderr.len() + out.stdout.len() < 10_000);
}

/// `pact ARGS EXTRA`, asserted to be refused by the folder rule without quoting `/etc/passwd`.
fn refused_quoting_nothing(args: &[&str], extra: &Path) {
    let out = pact()
        .args(args)
        .arg(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // `validate` says problems were found (1); a run cannot start (2).
    assert!(
        matches!(out.status.code(), Some(1 | 2)),
        "{args:?} {extra:?}: {all}"
    );
    assert!(all.contains("E065"), "{args:?} {extra:?}: {all}");
    assert!(
        !all.contains("root:"),
        "{args:?} {extra:?} quotes /etc/passwd: {all}"
    );
}

/// A mod's manifest or files cannot lead pact out of the mod's folder: no
/// absolute path, no `..` out of it, no symlink out of it, only `.ron` files.
#[test]
fn a_mod_reads_nothing_outside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let manifest =
        |files: &str| format!("(id: \"m\", name: \"M\", version: \"1\", files: [{files}])");
    let outside = dir.path().join("outside.ron");
    std::fs::write(&outside, "(add: (flags: [\"x\"]))").unwrap();
    let cases: Vec<(&str, String)> = vec![
        ("climb", manifest("\"../../../../../../etc/passwd\"")),
        ("absolute", manifest("\"/etc/passwd\"")),
        (
            "absolute_ron",
            manifest(&format!("{:?}", outside.display().to_string())),
        ),
        ("up_ron", manifest("\"../outside.ron\"")),
        ("symlink", manifest("\"passwd.ron\"")),
    ];
    for (name, text) in cases {
        let m = dir.path().join(name);
        std::fs::create_dir_all(&m).unwrap();
        std::fs::write(m.join("mod.ron"), text).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", m.join("passwd.ron")).unwrap();
        refused_quoting_nothing(&["run", "tests/data/mini.ron", "--quiet", "--mod"], &m);
        refused_quoting_nothing(&["validate", "tests/data/mini.ron", "--mod"], &m);
    }
    // The manifest itself a symlink out of the folder.
    let m = dir.path().join("linked_manifest");
    std::fs::create_dir_all(&m).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", m.join("mod.ron")).unwrap();
    refused_quoting_nothing(&["run", "tests/data/mini.ron", "--quiet", "--mod"], &m);
}

/// An overlay's `base` is a relative name of a `.ron` file: not an absolute
/// path, not a file of another kind, not a symlink to one.
#[test]
fn an_overlay_base_stays_in_the_folder_of_the_file_given() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::copy("tests/data/mini.ron", dir.path().join("mini.ron")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", inner.join("passwd.ron")).unwrap();
    for (name, base) in [
        ("absolute", "/etc/passwd"),
        ("climb", "../../../../../../../etc/passwd"),
        ("symlink", "passwd.ron"),
    ] {
        let o = inner.join(format!("{name}.ron"));
        std::fs::write(&o, format!("(base: {base:?}, add: (flags: [\"x\"]))")).unwrap();
        refused_quoting_nothing(&["validate"], &o);
        refused_quoting_nothing(&["run", "--quiet"], &o);
    }
    // A `.ron` file beside it, or up a folder, is fine.
    let ok = dir.path().join("ok.ron");
    std::fs::write(&ok, "(base: \"mini.ron\")").unwrap();
    pact().arg("validate").arg(&ok).assert().success();
    let up = inner.join("up.ron");
    std::fs::write(&up, "(base: \"../mini.ron\")").unwrap();
    pact().arg("validate").arg(&up).assert().success();
}

/// An overlay (a what-if or a mod's file) that sets one parameter changes
/// that one: the others, the abstract fronts among them, keep the base's
/// values (they used to be reset to their defaults, and the Moscow front vanished).
#[test]
fn an_overlay_setting_one_parameter_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/data/mini.ron", dir.path().join("mini.ron")).unwrap();
    let over = dir.path().join("faster_rail.ron");
    std::fs::write(
        &over,
        "(base: \"mini.ron\", params: (rail: (km_per_day: 600.0)))",
    )
    .unwrap();
    let base = pact::scenario::load_path(Path::new("tests/data/mini.ron"))
        .unwrap()
        .scenario
        .params;
    let patched = pact::scenario::load_path(&over).unwrap().scenario.params;
    assert_eq!(patched.rail.km_per_day, 600.0);
    assert!(!base.fronts.is_empty());
    assert_eq!(patched.fronts, base.fronts);
    assert_eq!(patched.combat, base.combat);
    assert_eq!(patched.rail.default_capacity, base.rail.default_capacity);
    // A list named is replaced whole: here emptied.
    std::fs::write(&over, "(base: \"mini.ron\", params: (fronts: []))").unwrap();
    let emptied = pact::scenario::load_path(&over).unwrap().scenario.params;
    assert!(emptied.fronts.is_empty());
    assert_eq!(emptied.rail, base.rail);
}

/// Arguments that used to be bent silently into something else are refused:
/// `--until` outside the run (clamped), `compare --seeds 0` (ran one seed),
/// `validate` on a folder with no `.ron` files (passed, having checked nothing).
#[test]
fn arguments_out_of_range_are_refused_not_bent() {
    for until in ["1900-01-01", "1950-01-01"] {
        pact()
            .args(["run", "tests/data/mini.ron", "--quiet", "--until", until])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("is outside the run"));
    }
    pact()
        .args(["compare", "tests/data/mini.ron", "--seeds", "0"])
        .assert()
        .code(2);
    let empty = tempfile::tempdir().unwrap();
    pact()
        .arg("validate")
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("has no `.ron` files"));
}

/// `--mod` with `--load` was accepted and ignored (the save's own mods apply).
#[test]
fn mod_with_load_is_refused() {
    pact()
        .args([
            "run",
            "--load",
            "game.ron",
            "--mod",
            "scenarios/mods/kurils_expanded",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--mod"));
}

/// A byte-order mark before the text (Windows Notepad) is skipped, not reported as a syntax error at 1:1.
#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.ron");
    let mini = std::fs::read("tests/data/mini.ron").unwrap();
    std::fs::write(&bom, [b"\xef\xbb\xbf".as_slice(), &mini].concat()).unwrap();
    pact().arg("validate").arg(&bom).assert().success();
}

/// A missing dependency whose name is close to the mod's own id is not
/// "corrected" to the mod itself.
#[test]
fn a_missing_dependency_never_suggests_the_mod_itself() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("border_plus");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(
        m.join("mod.ron"),
        "(id: \"border_plus\", name: \"B\", version: \"1\", depends_on: [\"border_plus2\"], files: [])",
    )
    .unwrap();
    let out = pact()
        .args(["validate", "tests/data/mini.ron", "--mod"])
        .arg(&m)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("depends on `border_plus2`"), "{all}");
    assert!(!all.contains("did you mean `border_plus`"), "{all}");
}
