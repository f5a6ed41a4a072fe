//! `pact list`: the bundled scenarios, what they cover and the decisions they offer.

use clap::Args;
use pact::scenario;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Folder of scenarios (default: the bundled `scenarios/`).
    pub dir: Option<PathBuf>,
}

pub fn list(args: ListArgs) -> ExitCode {
    let dir = args.dir.unwrap_or_else(|| super::bundled(""));
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect(),
        Err(e) => {
            eprintln!("pact list: cannot read `{}`: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    files.sort();
    for f in files {
        match scenario::load_path(&f) {
            Ok(l) => {
                let m = &l.scenario.meta;
                println!("{}\n  {} · {} to {}", f.display(), m.name, m.start, m.end);
                if let Some(line) = m
                    .description
                    .lines()
                    .next()
                    .filter(|l| !l.trim().is_empty())
                {
                    println!("  {}", line.trim());
                }
                for d in &l.scenario.decisions {
                    // The option history took is marked, once, where it is listed.
                    let opts: Vec<String> = d
                        .options
                        .iter()
                        .map(|o| {
                            if o.id == d.historical {
                                format!("{} (historical)", o.id)
                            } else {
                                o.id.clone()
                            }
                        })
                        .collect();
                    println!("  decision {} ({}): {}", d.id, d.faction, opts.join(" | "));
                }
            }
            Err(e) => println!(
                "{}\n  does not load: {} problem(s); run `pact validate` on it",
                f.display(),
                e.diagnostics.len()
            ),
        }
    }
    ExitCode::SUCCESS
}
