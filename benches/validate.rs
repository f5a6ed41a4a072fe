//! Benchmark: validating the full historical scenario (read, parse, every
//! check), alone and with the Kuril mod; the target is under 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use pact::scenario;
use std::hint::black_box;
use std::path::PathBuf;

fn validate(c: &mut Criterion) {
    let files = [PathBuf::from("scenarios/historical.ron")];
    c.bench_function("validate historical.ron", |b| {
        b.iter(|| black_box(scenario::validate(&files, &[]).diagnostics.len()))
    });
    let mods = [PathBuf::from("scenarios/mods/kurils_expanded")];
    c.bench_function("validate historical.ron with kurils_expanded", |b| {
        b.iter(|| black_box(scenario::validate(&files, &mods).diagnostics.len()))
    });
}

criterion_group!(benches, validate);
criterion_main!(benches);
