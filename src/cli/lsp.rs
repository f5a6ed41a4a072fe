//! `pact lsp`: the language server, for editors.

use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted because clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

pub fn lsp(_args: LspArgs) -> ExitCode {
    match pact::lsp::run_stdio() {
        0 => ExitCode::SUCCESS,
        code => ExitCode::from(u8::try_from(code).unwrap_or(1)),
    }
}
