//! `pact validate`: every problem in every file, in one pass.

use super::annotations::github;
use super::diagnostics::render;
use super::sarif::sarif;
use clap::{Args, ValueEnum};
use pact::scenario::{self, mods};

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// The source line with a marker and a hint, for people.
    Human,
    /// One JSON record per problem, for tools.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the offending lines.
    Github,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Scenario files, or directories to search for *.ron files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// A mod folder (with a mod.ron manifest) to apply to each scenario (repeatable).
    #[arg(long = "mod", value_name = "DIR")]
    pub mods: Vec<PathBuf>,
    /// Output for people (source lines with markers), for tools (JSON records),
    /// for code scanning (SARIF 2.1.0) or for GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The same as --format json: one spelling of JSON output for every subcommand.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Treat warnings as problems (exit status 1).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// The scenario files named by the arguments, directories searched one level deep.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.join(mods::MANIFEST).is_file() {
            return Err(format!(
                "`{}` is a mod; validate it with the scenario it changes, e.g. `pact validate scenarios/historical.ron --mod {}`",
                p.display(),
                p.display()
            ));
        }
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("cannot read directory `{}`: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "ron"))
                .collect();
            found.sort();
            // An empty folder checked "clean" would pass a CI step that checks nothing.
            if found.is_empty() {
                return Err(format!("`{}` has no `.ron` files to check", p.display()));
            }
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(format!("`{}` does not exist", p.display()));
        }
    }
    Ok(files)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn validate(args: ValidateArgs) -> ExitCode {
    let files = match collect(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("pact validate: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(m) = args.mods.iter().find(|m| !m.is_dir()) {
        eprintln!("pact validate: mod folder `{}` does not exist", m.display());
        return ExitCode::from(2);
    }
    let report = scenario::validate(&files, &args.mods);
    let (errors, warnings, suppressed) = (report.errors(), report.warnings(), report.suppressed());
    let summary = format!(
        "{} checked{}: {}, {}{}",
        plural(files.len(), "file"),
        if args.mods.is_empty() {
            String::new()
        } else {
            format!(" with {}", plural(args.mods.len(), "mod"))
        },
        plural(errors, "error"),
        plural(warnings, "warning"),
        if suppressed > 0 {
            format!(" ({} suppressed by `allow`)", plural(suppressed, "warning"))
        } else {
            String::new()
        }
    );
    let shown: Vec<_> = report.shown().cloned().collect();
    let format = if args.json { Format::Json } else { args.format };
    match format {
        Format::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&shown).expect("diagnostics serialise")
            );
            // stdout stays one JSON document; the count is for people.
            eprintln!("{summary}");
        }
        Format::Sarif => {
            println!(
                "{}",
                serde_json::to_string_pretty(&sarif(&shown)).expect("SARIF serialises")
            );
            eprintln!("{summary}");
        }
        Format::Github => {
            print!("{}", github(&shown));
            eprintln!("{summary}");
        }
        Format::Human => {
            print!(
                "{}",
                render(&shown, &report.sources, std::io::stdout().is_terminal())
            );
            println!("{summary}");
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
