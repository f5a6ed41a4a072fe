//! docs/modding.md tells the truth: every `$ pact ...` command in it runs,
//! prints what the guide shows (`...` stands for any lines), and every RON
//! excerpt is copied from a file in docs/examples/, each of which the guide uses.

use crate::common::pact;

const GUIDE: &str = "docs/modding.md";

/// Fenced blocks of a language: their lines.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim() == format!("```{lang}") => current = Some(Vec::new()),
            Some(_) if line.trim() == "```" => out.extend(current.take()),
            Some(lines) => lines.push(line),
            None => {}
        }
    }
    out
}

/// Whether `actual` matches `expected`, where an expected `...` line matches any run of lines.
fn matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.iter().all(|l| l.trim().is_empty()),
        Some((&"...", rest)) => (0..=actual.len()).any(|k| matches(rest, &actual[k..])),
        Some((e, rest)) => {
            actual.first().is_some_and(|a| a.trim_end() == e.trim_end())
                && matches(rest, &actual[1..])
        }
    }
}

/// (command arguments, expected output) for each `$ pact` line of the guide.
fn commands(text: &str) -> Vec<(Vec<String>, Vec<&str>)> {
    let mut out: Vec<(Vec<String>, Vec<&str>)> = Vec::new();
    for block in blocks(text, "console") {
        for line in block {
            if let Some(cmd) = line.strip_prefix("$ ") {
                let mut words = cmd.split_whitespace();
                assert_eq!(words.next(), Some("pact"), "only pact commands: {line}");
                out.push((words.map(String::from).collect(), Vec::new()));
            } else if let Some(last) = out.last_mut() {
                last.1.push(line);
            }
        }
    }
    out
}

#[test]
fn every_command_in_the_guide_prints_what_the_guide_shows() {
    let text = std::fs::read_to_string(GUIDE).unwrap();
    let cmds = commands(&text);
    assert!(cmds.len() >= 6, "the guide shows its commands");
    let mut wrong = Vec::new();
    for (args, expected) in cmds {
        let out = pact().args(&args).env("NO_COLOR", "1").output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("panicked"), "pact {args:?} panicked:\n{all}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "pact {args:?}: {:?}",
            out.status
        );
        let actual: Vec<&str> = all.lines().collect();
        if !matches(&expected, &actual) {
            wrong.push(format!(
                "$ pact {}\n--- the guide shows:\n{}\n--- pact prints:\n{all}",
                args.join(" "),
                expected.join("\n")
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n\n"));
}

fn example_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("docs/examples")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_ron_excerpt_is_copied_from_an_example_file() {
    let text = std::fs::read_to_string(GUIDE).unwrap();
    let sources: Vec<String> = example_files()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for excerpt in blocks(&text, "ron") {
        let found = sources.iter().any(|s| {
            let lines: Vec<&str> = s.lines().collect();
            lines
                .windows(excerpt.len())
                .any(|w| w == excerpt.as_slice())
        });
        assert!(found, "not in docs/examples:\n{}", excerpt.join("\n"));
    }
}

#[test]
fn the_guide_uses_every_example_file() {
    let text = std::fs::read_to_string(GUIDE).unwrap();
    for f in example_files() {
        let shown = f.display().to_string();
        let name = shown.trim_start_matches("docs/");
        assert!(
            text.contains(&shown) || text.contains(name),
            "{shown} is not used in {GUIDE}"
        );
    }
}

#[test]
fn the_matcher_skips_with_ellipsis() {
    assert!(matches(&["a", "...", "d"], &["a", "b", "c", "d", ""]));
    assert!(!matches(&["a", "d"], &["a", "b", "d"]));
    assert!(matches(&["..."], &[]));
}
