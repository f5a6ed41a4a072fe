//! `pact schema`: the scenario format reference, generated from the types.

use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct SchemaArgs {
    /// What to print: the Markdown reference, or the JSON Schema of a scenario file (for editors).
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// The reference a modder reads (docs/scenario-format.md).
    Markdown,
    /// A JSON Schema (draft 2020-12) of a scenario; overlays and mod manifests are in its `$defs`.
    Json,
}

pub fn schema(args: SchemaArgs) -> ExitCode {
    let text = match args.format {
        Format::Markdown => pact::scenario::schema::markdown(),
        Format::Json => pact::scenario::schema::json(),
    };
    // A closed pipe (`pact schema | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}
