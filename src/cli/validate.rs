//! `pact validate`: every problem in every file, in one pass.

use super::diagnostics::render;
use clap::{Args, ValueEnum};
use pact::scenario::{self, Diagnostic, Source};

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Scenario files, or directories to search for *.ron files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output for people (source lines with markers) or for tools (JSON records).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as problems (exit status 1).
    #[arg(long)]
    pub deny_warnings: bool,
}

fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("cannot read directory `{}`: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "ron"))
                .collect();
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(format!("`{}` does not exist", p.display()));
        }
    }
    Ok(files)
}

pub fn validate(args: ValidateArgs) -> ExitCode {
    let files = match collect(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("pact validate: {e}");
            return ExitCode::from(2);
        }
    };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for f in &files {
        match scenario::assemble(f) {
            Ok(l) => {
                diags.extend(scenario::check::check(&l.scenario, &l.sources));
                sources.extend(l.sources);
            }
            Err(e) => {
                diags.extend(e.diagnostics);
                sources.extend(e.sources);
            }
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&diags).expect("diagnostics serialise")
        ),
        Format::Human => {
            print!(
                "{}",
                render(&diags, &sources, std::io::stdout().is_terminal())
            );
            println!(
                "{} file{} checked: {errors} error{}, {warnings} warning{}",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
