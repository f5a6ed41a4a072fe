//! Benchmarks: the full historical campaign, scripted and with the
//! operational AI on every faction; the AI's planning for one day of the
//! August 1945 offensive; and one day of a synthetic scenario with 10,000
//! formations on 1,000 regions.

use criterion::{Criterion, criterion_group, criterion_main};
use pact::date::Date;
use pact::scenario::{self, Controller, Scenario};
use pact::sim::save::SimState;
use pact::sim::{Setup, Simulation, operations};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

fn load() -> Arc<Scenario> {
    match scenario::load_path(Path::new("scenarios/historical.ron")) {
        Ok(l) => Arc::new(l.scenario),
        Err(e) => panic!("{e}"),
    }
}

/// Every faction on the operational AI, on the historical branch of the
/// decisions (so that the AI fights the same wars as the scripted run).
fn all_ai(s: &Scenario, seed: u64) -> Setup {
    let fixed = [
        ("stavka_transfers_1941", "historical"),
        ("kantokuen_1941", "strike_south"),
        ("japan_reinforce_1943", "pacific"),
        ("ussr_pact_policy", "denounce"),
        ("japan_surrender_1945", "accept"),
    ];
    Setup {
        seed,
        controllers: (s.factions.iter())
            .map(|f| (f.id.clone(), Controller::Ai))
            .collect(),
        choices: (fixed.iter())
            .map(|(d, o)| (d.to_string(), o.to_string()))
            .collect(),
    }
}

fn historical(c: &mut Criterion) {
    let s = load();
    let mut group = c.benchmark_group("historical campaign 1941-1945");
    for (name, ai) in [("scripted", false), ("ai on every faction", true)] {
        group.bench_function(name, |b| {
            let mut seed = 0;
            b.iter(|| {
                seed += 1;
                let setup = if ai {
                    all_ai(&s, seed)
                } else {
                    Setup {
                        seed,
                        ..Setup::default()
                    }
                };
                let mut sim = Simulation::new(s.clone(), &setup);
                sim.run_to_end();
                black_box(sim.checksum())
            })
        });
    }
    group.finish();
}

/// The operational AI's planning for every AI faction on 10 August 1945, the
/// offensive's second day (divide by the factions at war: ussr, mongolia,
/// japan, manchukuo, mengjiang).
fn ai_planning(c: &mut Criterion) {
    let s = load();
    let setup = all_ai(&s, 1);
    let mut sim = Simulation::new(s.clone(), &setup);
    let day = Date::from_ymd(1945, 8, 10).expect("a valid date");
    sim.run_until(day);
    let state = SimState::capture(sim.world());
    c.bench_function("ai planning, all factions, 1945-08-10", |b| {
        b.iter_batched_ref(
            || Simulation::from_state(s.clone(), &setup, state.clone()),
            |sim| operations::run_operations(sim.world_mut()),
            criterion::BatchSize::LargeInput,
        )
    });
}

fn big_day(c: &mut Criterion) {
    let s = Arc::new(pact::synthetic::grid(1_000, 10_000));
    let mut sim = Simulation::new(
        s,
        &Setup {
            seed: 1,
            ..Setup::default()
        },
    );
    // Warm up into the fighting so the day measured has movement and combat.
    for _ in 0..5 {
        sim.step();
    }
    c.bench_function("one day, 10k formations on 1k regions", |b| {
        b.iter_batched_ref(
            || {
                let mut s = Simulation::new(
                    Arc::new(pact::synthetic::grid(1_000, 10_000)),
                    &Setup {
                        seed: 1,
                        ..Setup::default()
                    },
                );
                for _ in 0..5 {
                    s.step();
                }
                s
            },
            |s| s.step(),
            criterion::BatchSize::LargeInput,
        )
    });
    black_box(sim.checksum());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = historical, ai_planning, big_day
}
criterion_main!(benches);
