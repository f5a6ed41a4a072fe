//! Benchmarks: the full historical campaign, and one day of a synthetic
//! scenario with 10,000 formations on 1,000 regions.

use criterion::{Criterion, criterion_group, criterion_main};
use pact::scenario;
use pact::sim::{Setup, Simulation};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

fn historical(c: &mut Criterion) {
    let s = match scenario::load_path(Path::new("scenarios/historical.ron")) {
        Ok(l) => Arc::new(l.scenario),
        Err(e) => panic!("{e}"),
    };
    c.bench_function("historical campaign 1941-1945", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            let mut sim = Simulation::new(
                s.clone(),
                &Setup {
                    seed,
                    ..Setup::default()
                },
            );
            sim.run_to_end();
            black_box(sim.checksum())
        })
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
    targets = historical, big_day
}
criterion_main!(benches);
