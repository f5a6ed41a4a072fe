//! The integration tests, one binary: each test file used to be its own binary
//! linking the whole Bevy stack, which made a cold `cargo test` link twenty
//! times and filled CI's disk. Run one part with `cargo test --release --test suite cli::`.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod battle_scenarios;
mod battles;
mod ci_formats;
mod cli;
mod corpus;
mod determinism;
mod engine;
mod fork;
mod fuzz;
mod guide;
mod historical;
mod hostile;
mod lsp;
mod operations;
mod orders;
mod readme;
mod saves;
mod scenarios;
mod schema;
mod sweep;
mod whatifs;
mod wording;
