//! A forecast: the futures of a running game's present, N forks of its state
//! run on background threads, with progress and cancel, summarised as a sweep
//! is. The window's Forecast tab shows it; `pact sweep --load` gives the same
//! rows from a save of the same day (the same seed and N give the same figures).

use super::summary::{Accumulator, SweepSummary};
use super::sweep::{Sweep, SweepSpec};
use crate::date::Date;
use crate::scenario::{Controller, Scenario};
use crate::sim::save::SimState;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

/// What to forecast: the state, who decides, how many futures.
#[derive(Clone, Debug)]
pub struct Ask {
    pub scenario: Arc<Scenario>,
    pub state: Arc<SimState>,
    /// Controller overrides; a `player` faction is decided by the AI in the futures.
    pub controllers: BTreeMap<String, Controller>,
    /// Options of a decision still open, compared side by side (one design point each).
    pub compare: Option<(String, Vec<String>)>,
    pub runs: u64,
    pub seed: u64,
    pub threads: usize,
}

/// A forecast under way or done.
pub struct Forecast {
    /// The day the futures start from.
    pub from: Date,
    pub total: u64,
    done: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    worker: Option<JoinHandle<Option<SweepSummary>>>,
}

/// How a forecast ended.
#[derive(Debug)]
pub enum Ended {
    Done(Box<SweepSummary>),
    Cancelled,
}

impl Forecast {
    /// The sweep a forecast runs (also what a test compares the window with).
    pub fn sweep(ask: &Ask) -> Result<Sweep, String> {
        let controllers = ask
            .controllers
            .iter()
            .map(|(f, &c)| {
                let c = if c == Controller::Player {
                    Controller::Ai
                } else {
                    c
                };
                (f.clone(), c)
            })
            .collect();
        let spec = SweepSpec {
            runs: ask.runs,
            seed: ask.seed,
            points: 1,
            controllers,
            choose: ask.compare.clone().into_iter().collect(),
            from: Some(ask.state.clone()),
            ..SweepSpec::default()
        };
        Sweep::prepare(Scenario::clone(&ask.scenario), &[], spec)
    }

    /// Starts the futures on a thread of their own; the caller polls.
    pub fn start(ask: Ask) -> Result<Forecast, String> {
        let sweep = Forecast::sweep(&ask)?;
        let done = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d, c) = (done.clone(), cancel.clone());
        let total = sweep.total_jobs();
        let worker = std::thread::Builder::new()
            .name("pact-forecast".into())
            .spawn(move || {
                let mut acc = Accumulator::new(sweep.header().iter().map(String::as_str));
                let ran = sweep.run(ask.threads, |row| {
                    if c.load(Ordering::Relaxed) {
                        return Err(());
                    }
                    acc.push(row.iter().map(String::as_str));
                    d.fetch_add(1, Ordering::Relaxed);
                    Ok(())
                });
                ran.ok().map(|()| acc.finish())
            })
            .map_err(|e| format!("cannot start the forecast's thread: {e}"))?;
        Ok(Forecast {
            from: ask.state.calendar.today,
            total,
            done,
            cancel,
            worker: Some(worker),
        })
    }

    /// Futures run so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Asks the workers to stop; [`Forecast::poll`] then reports `Cancelled`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result once the worker has finished, without waiting for it.
    pub fn poll(&mut self) -> Option<Ended> {
        if !self.worker.as_ref()?.is_finished() {
            return None;
        }
        let summary = self.worker.take()?.join().ok().flatten();
        Some(summary.map_or(Ended::Cancelled, |s| Ended::Done(Box::new(s))))
    }

    /// Waits for the result (tests and the command line).
    pub fn wait(mut self) -> Ended {
        let summary = self.worker.take().and_then(|w| w.join().ok()).flatten();
        summary.map_or(Ended::Cancelled, |s| Ended::Done(Box::new(s)))
    }
}

impl Drop for Forecast {
    /// A window closed or a game changed mid-forecast stops its workers.
    fn drop(&mut self) {
        self.cancel();
    }
}
