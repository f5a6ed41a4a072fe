//! Batch analysis: Monte Carlo replications and designed parameter sweeps,
//! run in parallel, written as tidy CSV in run order, summarised with
//! streaming statistics, and split across machines as shards to merge later.
//!
//! Like the simulation, nothing here touches the terminal: front ends pass
//! files and report progress (see `pact sweep`, `pact merge`, `pact bench`).

pub mod csv_out;
pub mod design;
pub mod forecast;
pub mod merge;
pub mod metrics;
pub mod ordered;
pub mod paths;
pub mod stats;
pub mod summary;
pub mod sweep;

pub use design::{Design, Range};
pub use summary::{Accumulator, SweepSummary};
pub use sweep::{Shard, Sweep, SweepSpec};
