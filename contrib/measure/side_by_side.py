#!/usr/bin/env python3
"""CPU per campaign of two pact binaries, measured side by side: PAIRS
interleaved pairs of `pact bench --runs RUNS --threads 1` (old, new, old,
new ...), so that a noisy neighbour weighs on both alike. Prints each
pair's figures, both medians with their ranges, and the ratio of medians.

    contrib/measure/side_by_side.py OLD_PACT OLD_SCENARIO NEW_PACT NEW_SCENARIO [PAIRS] [RUNS]

Each binary reads its own scenario (the file format moves between commits).
Example (README "Benchmarks": the campaign against commit 9d50d5b):

    git worktree add /tmp/old 9d50d5b
    (cd /tmp/old && cargo build --release --no-default-features)
    contrib/measure/side_by_side.py /tmp/old/target/release/pact \\
        /tmp/old/scenarios/historical.ron \\
        target/release/pact scenarios/historical.ron 5 150
"""
import re
import statistics
import subprocess
import sys

if len(sys.argv) < 5:
    sys.exit(__doc__)
old, old_scenario, new, new_scenario = sys.argv[1:5]
pairs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
runs = sys.argv[6] if len(sys.argv) > 6 else "150"


def cpu_ms(pact, scenario):
    """CPU milliseconds a campaign, as `pact bench` reports it on one thread."""
    run = subprocess.run(
        [pact, "bench", scenario, "--runs", runs, "--threads", "1"],
        capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{pact} bench failed:\n{run.stderr}")
    m = re.search(r"1 thread\s*:.*?([\d.]+) ms of CPU each", run.stdout)
    if not m:
        sys.exit(f"{pact} bench printed no CPU figure:\n{run.stdout}")
    return float(m.group(1))


olds, news = [], []
for i in range(pairs):
    olds.append(cpu_ms(old, old_scenario))
    news.append(cpu_ms(new, new_scenario))
    print(f"pair {i + 1}: old {olds[-1]:.1f} ms, new {news[-1]:.1f} ms", flush=True)
mo, mn = statistics.median(olds), statistics.median(news)
print(f"old: median {mo:.1f} ms of CPU a campaign ({min(olds):.1f} - {max(olds):.1f})")
print(f"new: median {mn:.1f} ms of CPU a campaign ({min(news):.1f} - {max(news):.1f})")
print(f"ratio of medians: {mo / mn:.2f}x less CPU")
