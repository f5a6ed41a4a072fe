//! pact: a strategy wargame simulation engine driven by RON scenario files.
//!
//! Data flows one way: scenario files → [`scenario::Scenario`] → a Bevy
//! world stepped one day at a time by [`sim::SimPlugin`] → chronicle,
//! metrics and checksums read by the front ends (CLI, GUI).

pub mod batch;
pub mod battles;
pub mod date;
pub mod display;
pub mod files;
#[cfg(feature = "gui")]
pub mod gui;
pub mod lsp;
pub mod names;
pub mod replay;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod synthetic;
