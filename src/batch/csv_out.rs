//! The sweep results file: one tidy CSV row per run.
//!
//! Every row starts with the same identifying columns, so a file explains
//! itself and shards can be checked before they are merged:
//! `format` (this layout's version), `scenario` (its name), `sweep` (a hash of
//! the scenario and the sweep's settings), `jobs` (runs in the whole sweep),
//! then `job`, `point`, `run`, `seed` and the final `checksum`. Factor columns
//! (`factor.<path>`, `factor.choose.<decision>`) and outcome columns follow.

use std::io::Write;

/// Version of this file layout; `pact merge` refuses other versions.
pub const FORMAT: u32 = 1;

/// The identifying columns every row starts with.
pub const META: [&str; 9] = [
    "format", "scenario", "sweep", "jobs", "job", "point", "run", "seed", "checksum",
];

/// Column index of `job`, the global run index shards are merged by.
pub const JOB: usize = 4;

/// Prefix of factor columns.
pub const FACTOR: &str = "factor.";

/// Prefix of categorical factor columns: a decision's options.
pub const CHOOSE: &str = "factor.choose.";

/// A CSV writer with `\n` line ends on every platform, so files compare byte for byte.
pub fn writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w)
}

/// A CSV reader for files this module wrote.
pub fn reader<R: std::io::Read>(r: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().has_headers(true).from_reader(r)
}

/// Whether a header is a sweep file's: the identifying columns first.
pub fn is_sweep_header(h: &csv::StringRecord) -> bool {
    h.len() >= META.len() && h.iter().zip(META).all(|(a, b)| a == b)
}
