//! `pact schema`: the scenario format reference, generated from the types.

use std::io::Write;
use std::process::ExitCode;

pub fn schema() -> ExitCode {
    // A closed pipe (`pact schema | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(pact::scenario::schema::markdown().as_bytes());
    ExitCode::SUCCESS
}
