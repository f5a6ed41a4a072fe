//! `pact merge`: shards of a sweep back into one file in run order, and the summary of the whole.

use super::sweep::{create, print_summary};
use clap::Args;
use pact::batch::Accumulator;
use pact::batch::merge::Merger;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(after_help = "Example:
  pact sweep scenarios/historical.ron --runs 1000 --shard 0/2 --out part0.csv
  pact sweep scenarios/historical.ron --runs 1000 --shard 1/2 --out part1.csv
  pact merge part0.csv part1.csv --out all.csv

The merged file is byte for byte the one a single unsharded sweep writes.
Files from another scenario, another sweep (factors, runs, seed) or another file format are refused (exit status 2).")]
pub struct MergeArgs {
    /// Sweep CSV files written by `pact sweep --shard I/N --out FILE`, in any order.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the merged rows to this file (written only if the merge succeeds).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the summary as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Merge what is there even if runs are missing (a shard failed); the summary covers the runs present.
    #[arg(long)]
    pub partial: bool,
}

pub fn merge(args: MergeArgs) -> ExitCode {
    let mut inputs = Vec::new();
    for f in &args.files {
        match File::open(f) {
            Ok(h) => inputs.push((f.display().to_string(), BufReader::new(h))),
            Err(e) => {
                eprintln!("pact merge: cannot read `{}`: {e}", f.display());
                return ExitCode::from(2);
            }
        }
    }
    let mut merger = match Merger::open(inputs, args.partial) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("pact merge: {e}");
            return ExitCode::from(2);
        }
    };
    // Rows go to a side file renamed into place at the end, so a refused merge leaves no half file.
    let (mut out, staged) = match args.out.as_deref().map(|p| create(p, "merge")).transpose() {
        Ok(o) => o.unzip(),
        Err(code) => return code,
    };
    let mut acc = Accumulator::new(merger.header().iter());
    let result = copy_rows(&mut merger, out.as_mut(), &mut acc);
    drop(out);
    if let Err(e) = result {
        if let Some(s) = staged {
            s.abandon();
        }
        eprintln!("pact merge: {e}");
        return ExitCode::from(2);
    }
    if let (Some(s), Some(p)) = (staged, &args.out) {
        if let Err(code) = s.commit("merge") {
            return code;
        }
        eprintln!(
            "pact merge: {} runs from {} files written to {}",
            acc.rows(),
            args.files.len(),
            p.display()
        );
    }
    print_summary(&acc.finish(), args.json);
    ExitCode::SUCCESS
}

/// Rows in run order into the writer (if any) and the summary.
fn copy_rows<R: Read, W: Write>(
    merger: &mut Merger<R>,
    mut out: Option<&mut csv::Writer<W>>,
    acc: &mut Accumulator,
) -> Result<(), String> {
    let failed = |e: csv::Error| format!("writing the merged file failed: {e}");
    if let Some(w) = out.as_mut() {
        w.write_record(merger.header()).map_err(failed)?;
    }
    while let Some(row) = merger.next_row()? {
        if let Some(w) = out.as_mut() {
            w.write_record(&row).map_err(failed)?;
        }
        acc.push(row.iter());
    }
    if let Some(w) = out {
        w.flush().map_err(|e| failed(e.into()))?;
    }
    Ok(())
}
