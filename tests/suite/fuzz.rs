//! Mutated bundled scenarios through the loader and the validator: no input
//! may make pact panic or hang. The mutations are a modder's slips at scale:
//! flipped bytes, deleted lines, swapped tokens, cut-off files, stray
//! numbers and brackets.
//!
//! `PACT_FUZZ_CASES` sets how many inputs the loader test runs (default
//! 100,000), `PACT_FUZZ_SIM_CASES` how many mutants of mini.ron are also
//! simulated when they pass validation (default 1,000).

use pact::scenario::mods::Manifest;
use pact::scenario::overlay::{self, Overlay};
use pact::scenario::{self, Scenario, Source, check, parse};
use pact::sim::{Setup, Simulation};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::{Arc, OnceLock};

/// What a seed text is, so a mutant goes through the matching loader.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Scenario,
    /// An overlay on historical.ron (what-ifs, mod files).
    Overlay,
    Manifest,
}

struct Seeds {
    texts: Vec<(Kind, &'static str, String)>,
    historical: Scenario,
    historical_src: Source,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let read = |p: &str| std::fs::read_to_string(p).unwrap();
        let mut texts = vec![
            (Kind::Scenario, "mini", read("tests/data/mini.ron")),
            (
                Kind::Scenario,
                "historical",
                read("scenarios/historical.ron"),
            ),
            (
                Kind::Manifest,
                "kurils manifest",
                read("scenarios/mods/kurils_expanded/mod.ron"),
            ),
            (
                Kind::Overlay,
                "kurils map",
                read("scenarios/mods/kurils_expanded/map.ron"),
            ),
            (
                Kind::Overlay,
                "kurils garrisons",
                read("scenarios/mods/kurils_expanded/garrisons.ron"),
            ),
        ];
        for w in [
            "early_denunciation",
            "kantokuen_1941",
            "late_entry",
            "no_pact",
            "no_transfers_1941",
        ] {
            // The `base` line would be ignored in memory; drop it to apply the overlay directly.
            let t = read(&format!("scenarios/{w}.ron")).replace("base: \"historical.ron\",", "");
            texts.push((Kind::Overlay, "what-if", t));
        }
        let historical_src = Source::new("historical.ron", read("scenarios/historical.ron"));
        let historical = parse::parse(&historical_src).unwrap();
        Seeds {
            texts,
            historical,
            historical_src,
        }
    })
}

/// One slip. Positions are taken modulo the text's length, so any number will do.
#[derive(Clone, Debug)]
enum Mutation {
    FlipByte(usize, u8),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapTokens(usize, usize),
    Truncate(usize),
    Insert(usize, usize),
    /// Replaces a number with another that is still a number (values a check must bound).
    Number(usize, usize),
}

/// Numbers that stay valid syntax but probe every range and division.
const NUMBERS: &[&str] = &[
    "0",
    "0.0",
    "-0.0",
    "1",
    "-1.0",
    "0.5",
    "1.5",
    "1e-9",
    "1e9",
    "1e300",
    "4294967295",
    "65535",
    "3.0",
];

/// Tokens a slip tends to produce, and some that test the loader's limits.
const INSERTS: &[&str] = &[
    "NaN",
    "inf",
    "-1e999",
    "1e308",
    "-0.0",
    "-1",
    "0",
    "99999999999999999999",
    "\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "//",
    "/*",
    "r#\"",
    "'",
    "\\",
    "\u{feff}",
    "é",
    "base: \"x.ron\",",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "not(not(not(not(not(not(not(not(not(not(not(not(always))))))))))))",
    "\"1941-02-30\"",
    "\"9999-12-31\"",
    "\"0000-01-01\"",
    "true",
    "none",
    "Some(",
    "allow: [\"W042\"],",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::FlipByte(p, b)),
        2 => any::<usize>().prop_map(Mutation::DeleteLine),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapTokens(a, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(p, t)| Mutation::Insert(p, t)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(p, n)| Mutation::Number(p, n)),
    ]
}

fn line_bounds(text: &str, n: usize) -> (usize, usize) {
    let lines: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let i = n % lines.len();
    let start = lines[i];
    let end = lines.get(i + 1).copied().unwrap_or(text.len());
    (start, end)
}

/// Byte ranges of the words, numbers and strings of a text.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || matches!(c, '_' | '"' | '.' | '-');
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn apply(text: &str, m: &Mutation) -> String {
    if text.is_empty() {
        return String::new();
    }
    match *m {
        Mutation::FlipByte(p, b) => {
            let mut bytes = text.as_bytes().to_vec();
            let i = p % bytes.len();
            bytes[i] = b;
            // Files that are not UTF-8 stop at reading; the interesting part is past it.
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::DeleteLine(n) => {
            let (s, e) = line_bounds(text, n);
            format!("{}{}", &text[..s], &text[e..])
        }
        Mutation::DuplicateLine(n) => {
            let (s, e) = line_bounds(text, n);
            format!("{}{}", &text[..e], &text[s..])
        }
        Mutation::SwapTokens(a, b) => {
            let toks = tokens(text);
            if toks.len() < 2 {
                return text.to_string();
            }
            let (x, y) = (toks[a % toks.len()], toks[b % toks.len()]);
            let (x, y) = if x.0 <= y.0 { (x, y) } else { (y, x) };
            if x == y || x.1 > y.0 {
                return text.to_string();
            }
            format!(
                "{}{}{}{}{}",
                &text[..x.0],
                &text[y.0..y.1],
                &text[x.1..y.0],
                &text[x.0..x.1],
                &text[y.1..]
            )
        }
        Mutation::Truncate(p) => {
            let at = text.floor_char_boundary(p % text.len());
            text[..at].to_string()
        }
        Mutation::Number(p, n) => {
            let numbers: Vec<(usize, usize)> = tokens(text)
                .into_iter()
                .filter(|&(a, b)| text[a..b].parse::<f64>().is_ok())
                .collect();
            if numbers.is_empty() {
                return text.to_string();
            }
            let (a, b) = numbers[p % numbers.len()];
            format!("{}{}{}", &text[..a], NUMBERS[n % NUMBERS.len()], &text[b..])
        }
        Mutation::Insert(p, t) => {
            let at = text.floor_char_boundary(p % (text.len() + 1));
            format!(
                "{}{}{}",
                &text[..at],
                INSERTS[t % INSERTS.len()],
                &text[at..]
            )
        }
    }
}

/// Everything the loader and validator do with a text of this kind; returns
/// the scenario when it passed validation without errors.
fn load_and_validate(kind: Kind, text: String) -> Option<Scenario> {
    let src = Source::new("fuzz.ron", text);
    match kind {
        Kind::Scenario => {
            let s = parse::parse::<Scenario>(&src).ok()?;
            let diags = check::check(&s, std::slice::from_ref(&src));
            diags.iter().all(|d| !d.is_error()).then_some(s)
        }
        Kind::Overlay => {
            let seeds = seeds();
            let o = parse::parse::<Overlay>(&src).ok()?;
            let mut s = seeds.historical.clone();
            let applied = overlay::apply(&mut s, &o, &src);
            let srcs = [seeds.historical_src.clone(), src];
            let diags = check::check(&s, &srcs);
            (applied.is_empty() && diags.iter().all(|d| !d.is_error())).then_some(s)
        }
        Kind::Manifest => {
            let _ = parse::parse::<Manifest>(&src);
            None
        }
    }
}

fn cases(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// 100,000 inputs take about half a minute in a debug build on two cores.
const DEFAULT_CASES: u32 = 100_000;

fn runner(n: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn mutated_scenarios_never_panic_the_loader_or_validator() {
    let n = cases("PACT_FUZZ_CASES", DEFAULT_CASES);
    let seeds = seeds();
    let count = seeds.texts.len();
    // The historical scenario is 30 times mini's size: most cases mutate the small seeds.
    let seed = prop_oneof![8 => (0..count).prop_filter("small", |&i| i != 1), 1 => Just(1usize)];
    let strategy = (seed, prop::collection::vec(mutation(), 1..4));
    let started = std::time::Instant::now();
    let valid = std::sync::atomic::AtomicUsize::new(0);
    runner(n)
        .run(&strategy, |(i, muts)| {
            let (kind, _, text) = &seeds.texts[i];
            let mutated = muts.iter().fold(text.clone(), |t, m| apply(&t, m));
            if load_and_validate(*kind, mutated).is_some() {
                valid.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {n} mutated inputs through loader and validator in {:.1} s, no panic; {} still valid",
        started.elapsed().as_secs_f64(),
        valid.into_inner()
    );
}

#[test]
fn validated_mutants_of_mini_simulate_without_panic() {
    let n = cases("PACT_FUZZ_SIM_CASES", 1_000);
    let mini = std::fs::read_to_string("tests/data/mini.ron").unwrap();
    // Mostly changed numbers: they keep the file loadable, so the engine runs on them.
    let value = (any::<usize>(), any::<usize>()).prop_map(|(p, n)| Mutation::Number(p, n));
    let slips = prop_oneof![4 => value, 1 => mutation()];
    let strategy = (prop::collection::vec(slips, 1..4), any::<u64>());
    let ran = std::sync::atomic::AtomicUsize::new(0);
    runner(n)
        .run(&strategy, |(muts, seed)| {
            let text = muts.iter().fold(mini.clone(), |t, m| apply(&t, m));
            if let Ok(l) = scenario::load_source(Source::new("fuzz.ron", text)) {
                let mut sim = Simulation::new(
                    Arc::new(l.scenario),
                    &Setup {
                        seed,
                        ..Setup::default()
                    },
                );
                // A few months cover war, transfers, the front and decisions.
                for _ in 0..150 {
                    if sim.finished() {
                        break;
                    }
                    sim.step();
                }
                ran.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {} of {n} mutants of mini.ron validated and ran 150 days without panic",
        ran.into_inner()
    );
}

#[test]
fn hostile_scenarios_that_validate_run_without_panic() {
    // Edge cases a modder can write that pass validation: trains 0, zero-speed
    // formations, one faction, a lone region, zero capacity, zero-length fronts.
    let mini = std::fs::read_to_string("tests/data/mini.ron").unwrap();
    let edits: &[(&str, &str)] = &[
        ("trains: 30,", "trains: 0,"),
        ("speed_km: 25.0", "speed_km: 0.0"),
        ("rail_capacity: 10.0", "rail_capacity: 0.0"),
        ("distance_km: 900.0", "distance_km: 0.0"),
        ("base_advance_km: 8.0", "base_advance_km: 0.0"),
        ("attacker_power: 2000000.0", "attacker_power: 0.0"),
        ("counter_ratio: 1.2", "counter_ratio: 0.0"),
        ("men: 12000.0", "men: 0.0"),
        ("quality: 0.4", "quality: 0.0"),
        ("length_km: 150.0", "length_km: 0.1"),
        ("term_years: 5", "term_years: 1"),
        ("notice_days: 365", "notice_days: 4294967295"),
        ("noise: 0.1", "noise: 1.0"),
    ];
    for (from, to) in edits {
        let text = mini.replace(from, to);
        let l = scenario::load_source(Source::new("edge.ron", text))
            .unwrap_or_else(|e| panic!("{from} -> {to} does not load:\n{e}"));
        let mut sim = Simulation::new(Arc::new(l.scenario), &Setup::default());
        sim.run_to_end();
    }
}

#[test]
fn validated_mutants_of_the_campaign_run_to_the_end() {
    // Changed numbers in historical.ron: every system, the whole period.
    let n = cases("PACT_FUZZ_CAMPAIGN_CASES", 40);
    let text0 = std::fs::read_to_string("scenarios/historical.ron").unwrap();
    let value = (any::<usize>(), any::<usize>()).prop_map(|(p, n)| Mutation::Number(p, n));
    let strategy = (prop::collection::vec(value, 1..6), any::<u64>());
    let ran = std::sync::atomic::AtomicUsize::new(0);
    runner(n)
        .run(&strategy, |(muts, seed)| {
            let text = muts.iter().fold(text0.clone(), |t, m| apply(&t, m));
            if let Ok(l) = scenario::load_source(Source::new("fuzz.ron", text)) {
                let setup = Setup {
                    seed,
                    ..Setup::default()
                };
                Simulation::new(Arc::new(l.scenario), &setup).run_to_end();
                ran.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {} of {n} mutants of historical.ron validated and ran to the end without panic",
        ran.into_inner()
    );
}
