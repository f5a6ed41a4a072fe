//! `pact`: the command-line front end.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
