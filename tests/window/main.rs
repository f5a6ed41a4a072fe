//! The game window's tests, one binary apart from the simulation's suite: they
//! need the `gui` feature, and the smoke test (ignored by default) needs a display:
//!
//!     xvfb-run -a -s "-screen 0 1280x800x24" cargo test --test window -- --ignored
#![cfg(feature = "gui")]

#[path = "../common/mod.rs"]
mod common;

mod forecast;
mod orders;
mod reload;
mod smoke;
mod ui;
