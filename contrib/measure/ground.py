#!/usr/bin/env python3
"""Ground taken by a date: over seeds 1..N, how many regions the Soviet side
(with Mongolia) holds on DATE of those that changed hands from 1 Aug 1945,
read from `pact run`'s chronicle (the last capture of each region decides).

    contrib/measure/ground.py PACT SCENARIO DATE SEEDS [pact run options...]

Example (the operational AI's D+10 check, README "How close to history"):

    contrib/measure/ground.py target/release/pact scenarios/historical.ron \
        1945-08-19 20 --controller ussr=ai --controller japan=ai
"""
import re
import statistics
import subprocess
import sys

if len(sys.argv) < 5:
    sys.exit(__doc__)
pact, scenario, date, seeds = sys.argv[1:5]
extra = sys.argv[5:]
SOVIET = ("Soviet Union", "Mongolian People's Republic")
held = []
for seed in range(1, int(seeds) + 1):
    run = subprocess.run(
        [pact, "run", scenario, "--seed", str(seed), "--until", date, *extra],
        capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stderr)
    owner = {}
    for m in re.finditer(r"^(\d{4}-\d\d-\d\d)\s+capture\s+(.+?) takes (.+)$", run.stdout, re.M):
        if m.group(1) >= "1945-08-01":
            owner[m.group(3)] = m.group(2)
    held.append(sum(1 for who in owner.values() if who in SOVIET))
mean = statistics.mean(held)
half = 1.96 * statistics.stdev(held) / len(held) ** 0.5 if len(held) > 1 else 0.0
print(f"regions held on {date}: mean {mean:.2f} [{mean - half:.2f}, {mean + half:.2f}] over {len(held)} seeds: {held}")
