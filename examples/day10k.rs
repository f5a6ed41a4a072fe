//! One day of the synthetic 10k-formation scenario, after five warm-up days (for callgrind):
//!
//!     cargo build --release --features profiling --example day10k
//!     valgrind --tool=callgrind --dump-after='pact::sim::runner::Simulation::step' \
//!         target/release/examples/day10k    # the sixth dump is the measured day
use pact::sim::{Setup, Simulation};
use std::sync::Arc;

fn main() {
    let mut s = Simulation::new(
        Arc::new(pact::synthetic::grid(1_000, 10_000)),
        &Setup {
            seed: 1,
            ..Setup::default()
        },
    );
    for _ in 0..6 {
        s.step();
    }
    println!("{}", s.checksum());
}
