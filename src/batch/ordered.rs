//! Parallel work, results delivered in order and in bounded memory.
//!
//! Workers in a local rayon pool claim job indices one at a time from a
//! shared counter, so jobs finish roughly in order; a reorder buffer on the
//! calling thread hands results to the sink strictly in index order. A gate
//! keeps any worker from running more than a window of jobs ahead of the
//! sink, so the buffer never holds more than that window whatever the job count.
//! (A `par_iter` over the range would split it into halves and hold half the
//! results back until the first half is done.)

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// How far ahead of the sink workers may run, in jobs per thread.
const AHEAD_PER_THREAD: u64 = 4;

/// The sink's progress, shared with the workers.
struct Gate {
    state: Mutex<(u64, bool)>,
    moved: Condvar,
    window: u64,
}

impl Gate {
    /// Waits until job `k` is within the window; false if the run was cancelled.
    fn admit(&self, k: u64) -> bool {
        let mut s = self.state.lock().expect("gate lock");
        while k >= s.0 + self.window && !s.1 {
            s = self.moved.wait(s).expect("gate lock");
        }
        !s.1
    }

    fn advance(&self, delivered: u64) {
        self.state.lock().expect("gate lock").0 = delivered;
        self.moved.notify_all();
    }

    fn cancel(&self) {
        self.state.lock().expect("gate lock").1 = true;
        self.moved.notify_all();
    }
}

/// Runs `work(k)` for k in 0..count on `threads` threads and passes each result
/// to `sink` in order of k. A sink error stops the work and is returned.
pub fn run_ordered<T: Send, E>(
    count: u64,
    threads: usize,
    work: impl Fn(u64) -> T + Sync,
    mut sink: impl FnMut(u64, T) -> Result<(), E>,
) -> Result<(), E> {
    let threads = threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("pact-batch-{i}"))
        .build()
        .expect("a thread pool can be built");
    let next = AtomicU64::new(0);
    let gate = Gate {
        state: Mutex::new((0, false)),
        moved: Condvar::new(),
        window: AHEAD_PER_THREAD * threads as u64,
    };
    let (tx, rx) = mpsc::channel::<(u64, T)>();
    let (next, gate, work) = (&next, &gate, &work);
    pool.in_place_scope(move |scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            scope.spawn(move |_| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= count || !gate.admit(k) {
                        break;
                    }
                    if tx.send((k, work(k))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut delivered = 0;
        // Ends when every worker has dropped its sender.
        for (k, result) in rx.iter() {
            pending.insert(k, result);
            while let Some(r) = pending.remove(&delivered) {
                if let Err(e) = sink(delivered, r) {
                    gate.cancel();
                    return Err(e);
                }
                delivered += 1;
            }
            gate.advance(delivered);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_order_for_any_thread_count() {
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            run_ordered(
                200,
                threads,
                |k| {
                    // Uneven work, so completion order differs from index order.
                    std::thread::sleep(std::time::Duration::from_micros((k * 37 % 11) * 50));
                    k * k
                },
                |k, v| {
                    assert_eq!(v, k * k);
                    got.push(k);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(got, (0..200).collect::<Vec<_>>());
        }
    }

    #[test]
    fn workers_never_run_more_than_the_window_ahead_of_the_sink() {
        let delivered = AtomicU64::new(0);
        let worst = AtomicU64::new(0);
        let threads = 3;
        run_ordered(
            300,
            threads,
            |k| {
                // Job 0 is slow: without the gate the others would race far ahead.
                if k % 50 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                let ahead = k - delivered.load(Ordering::SeqCst);
                worst.fetch_max(ahead, Ordering::SeqCst);
            },
            |k, ()| {
                delivered.store(k + 1, Ordering::SeqCst);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        let w = worst.load(Ordering::SeqCst);
        assert!(w < AHEAD_PER_THREAD * threads as u64, "ran {w} jobs ahead");
    }

    #[test]
    fn a_sink_error_stops_the_work() {
        let done = AtomicU64::new(0);
        let r = run_ordered(
            10_000,
            2,
            |_| done.fetch_add(1, Ordering::Relaxed),
            |k, _| if k == 5 { Err("full disk") } else { Ok(()) },
        );
        assert_eq!(r, Err("full disk"));
        assert!(done.load(Ordering::Relaxed) < 100);
    }
}
