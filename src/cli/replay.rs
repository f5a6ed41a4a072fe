//! `pact replay`: re-runs a replay file (see [`pact::replay`]) and stops at
//! the first day that differs.

use super::run::report_load_error;
use clap::Args;
use pact::files::{self, ResumeError, read_ron};
pub use pact::replay::{Recorder, ReplayFile};
use pact::replay::{Verdict, verify};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ReplayArgs {
    /// Replay file written by `pact run ... --record FILE`
    pub file: PathBuf,
}

pub fn replay(args: ReplayArgs) -> ExitCode {
    let (rep, src) = match read_ron::<ReplayFile>(&args.file) {
        Ok(r) => r,
        Err(e) => return report_load_error(&e),
    };
    let loaded = match files::reload(&rep.made, &src) {
        Ok((l, _)) => l,
        Err(ResumeError::Load(e)) => return report_load_error(&e),
        Err(ResumeError::Stale(e)) => {
            eprintln!("pact replay: refused: {e}");
            return ExitCode::from(2);
        }
    };
    match verify(&rep, loaded.scenario) {
        Err(e) => {
            eprintln!("pact replay: refused: {e}");
            ExitCode::from(2)
        }
        Ok(Verdict::EndsBefore(date)) => {
            eprintln!("pact replay: the scenario ends before the recorded day {date}");
            ExitCode::from(1)
        }
        Ok(Verdict::Diverges { day, parts }) => {
            println!("replay diverges on {day}: {} differ", parts.join(", "));
            ExitCode::from(1)
        }
        Ok(Verdict::Refused { day, why }) => {
            println!("replay diverges on {day}: a recorded order is refused: {why}");
            ExitCode::from(1)
        }
        Ok(Verdict::Verified { days, checksum }) => {
            println!(
                "replay verified: {days} days identical to the recording, final checksum {checksum:016x}"
            );
            ExitCode::SUCCESS
        }
    }
}
