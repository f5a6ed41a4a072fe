//! Merging shards: rows from several sweep files, back in run order.
//!
//! Each shard is already in run order, so a k-way merge on the `job` column
//! streams the result with one row per file in memory. Files from another
//! format version, scenario or sweep are refused before anything is written
//! out; a run present twice or missing is an error (unless partial results
//! are asked for).

use super::csv_out::{self, FORMAT, JOB};
use csv::StringRecord;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Read;

struct Input<R> {
    name: String,
    reader: csv::Reader<Rows<R>>,
    last_job: Option<u64>,
}

/// Longest line a sweep file may have: rows are a few hundred bytes, and the
/// CSV reader holds a whole row in memory (`merge /dev/zero` grew past 2 GB).
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// A reader that refuses a line longer than [`MAX_ROW_BYTES`] and remembers
/// whether the input ended with a newline: pact ends every row with one, so a
/// file that does not was cut off in its last row (maybe mid-field, where the
/// row still has all its columns and would pass as complete).
pub struct Rows<R> {
    inner: R,
    line: usize,
    last: Option<u8>,
}

impl<R: Read> Read for Rows<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            self.line = if b == b'\n' { 0 } else { self.line + 1 };
        }
        if self.line > MAX_ROW_BYTES {
            return Err(std::io::Error::other(format!(
                "a line longer than {MAX_ROW_BYTES} bytes: not a sweep file"
            )));
        }
        if n > 0 {
            self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }
}

/// Merges sweep files row by row: call [`Merger::next_row`] until `None`.
pub struct Merger<R> {
    header: StringRecord,
    inputs: Vec<Input<R>>,
    /// The identifying fields (format, scenario, sweep, jobs) every row must carry.
    identity: Option<(String, [String; 4])>,
    heap: BinaryHeap<Reverse<(u64, usize)>>,
    heads: Vec<Option<StringRecord>>,
    next_job: u64,
    /// Runs absent so far, as inclusive ranges.
    missing: Vec<(u64, u64)>,
    partial: bool,
}

fn job_of(r: &StringRecord, name: &str) -> Result<u64, String> {
    r.get(JOB).and_then(|j| j.parse().ok()).ok_or_else(|| {
        format!(
            "`{name}`: a row without a valid `job` number (line {})",
            line(r)
        )
    })
}

fn line(r: &StringRecord) -> u64 {
    r.position().map_or(0, |p| p.line())
}

impl<R: Read> Merger<R> {
    /// Opens the files (name, reader) and checks that they belong to one sweep.
    pub fn open(files: Vec<(String, R)>, partial: bool) -> Result<Merger<R>, String> {
        let mut m = Merger {
            header: StringRecord::new(),
            inputs: Vec::new(),
            identity: None,
            heap: BinaryHeap::new(),
            heads: Vec::new(),
            next_job: 0,
            missing: Vec::new(),
            partial,
        };
        for (name, r) in files {
            let mut reader = csv_out::reader(Rows {
                inner: r,
                line: 0,
                last: None,
            });
            let header = reader
                .headers()
                .map_err(|e| format!("`{name}` cannot be read as CSV: {e}"))?
                .clone();
            if !csv_out::is_sweep_header(&header) {
                return Err(format!(
                    "`{name}` is not a pact sweep file: its first columns should be {}",
                    csv_out::META.join(",")
                ));
            }
            let i = m.inputs.len();
            m.inputs.push(Input {
                name: name.clone(),
                reader,
                last_job: None,
            });
            m.heads.push(None);
            // The first row's identity is checked before the columns: a format change moves columns.
            m.advance(i)?;
            if i == 0 {
                m.header = header;
            } else if header != m.header {
                return Err(format!(
                    "`{name}` has other columns than `{}`: it comes from a sweep with other factors or another scenario",
                    m.inputs[0].name
                ));
            }
        }
        if m.inputs.is_empty() {
            return Err("no files to merge".to_string());
        }
        Ok(m)
    }

    pub fn header(&self) -> &StringRecord {
        &self.header
    }

    /// Reads file `i`'s next row into the heap, checking it belongs with the rest.
    fn advance(&mut self, i: usize) -> Result<(), String> {
        let input = &mut self.inputs[i];
        let mut rec = StringRecord::new();
        let more = input
            .reader
            .read_record(&mut rec)
            .map_err(|e| format!("`{}`: {e}", input.name))?;
        if !more {
            if input.reader.get_ref().last.is_some_and(|b| b != b'\n') {
                return Err(format!(
                    "`{}` ends in the middle of a row (after line {}): the shard was cut off; run it again",
                    input.name,
                    input.reader.position().line()
                ));
            }
            self.heads[i] = None;
            return Ok(());
        }
        let name = input.name.clone();
        let field = |k: usize| rec.get(k).unwrap_or("").to_string();
        if field(0) != FORMAT.to_string() {
            return Err(format!(
                "`{name}` is in sweep file format {}; this pact reads format {FORMAT}: refusing to merge",
                field(0)
            ));
        }
        let id = [field(0), field(1), field(2), field(3)];
        match &self.identity {
            None => self.identity = Some((name.clone(), id)),
            Some((first, known)) if known != &id => {
                let what = if known[1] != id[1] {
                    format!("scenario `{}`, `{first}` from `{}`", id[1], known[1])
                } else {
                    format!(
                        "sweep {} and `{first}` from sweep {} (other factors, runs, seed or scenario version)",
                        id[2], known[2]
                    )
                };
                return Err(format!("`{name}` comes from {what}: refusing to merge"));
            }
            Some(_) => {}
        }
        let job = job_of(&rec, &name)?;
        if input.last_job.is_some_and(|l| job <= l) {
            return Err(format!(
                "`{name}` is not in run order at line {} (job {job})",
                line(&rec)
            ));
        }
        input.last_job = Some(job);
        self.heap.push(Reverse((job, i)));
        self.heads[i] = Some(rec);
        Ok(())
    }

    /// Runs in the whole sweep, as the files record it.
    pub fn jobs(&self) -> u64 {
        self.identity
            .as_ref()
            .and_then(|(_, id)| id[3].parse().ok())
            .unwrap_or(0)
    }

    /// The next row in run order, or `None` at the end (having checked nothing is missing).
    pub fn next_row(&mut self) -> Result<Option<StringRecord>, String> {
        let Some(Reverse((job, i))) = self.heap.pop() else {
            let jobs = self.jobs();
            if self.next_job < jobs {
                self.missing.push((self.next_job, jobs - 1));
                self.next_job = jobs;
            }
            if !self.missing.is_empty() && !self.partial {
                return Err(self.missing());
            }
            return Ok(None);
        };
        if job < self.next_job {
            return Err(format!(
                "run {job} appears twice (again in `{}`): was a shard given twice?",
                self.inputs[i].name
            ));
        }
        // Every gap is collected, so the error names all missing runs, not the first.
        if job > self.next_job {
            self.missing.push((self.next_job, job - 1));
        }
        self.next_job = job + 1;
        let rec = self.heads[i].take().expect("a queued file has a row");
        self.advance(i)?;
        Ok(Some(rec))
    }

    fn missing(&self) -> String {
        const SHOWN: usize = 10;
        let mut runs: Vec<String> = self
            .missing
            .iter()
            .take(SHOWN)
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}..{b}")
                }
            })
            .collect();
        if self.missing.len() > SHOWN {
            runs.push(format!("and {} more gaps", self.missing.len() - SHOWN));
        }
        let n: u64 = self.missing.iter().map(|(a, b)| b - a + 1).sum();
        format!(
            "{n} of {} runs are missing (runs {}): merge every shard (or pass --partial to merge what is there)",
            self.jobs(),
            runs.join(", ")
        )
    }
}
