#!/usr/bin/env python3
"""Can anything known before a battle call its winner better than "the attacker
wins"? Reads the CDB90 rows `pact battles` fights (so the same 343 of the
shared file's 612) and prints, for each observable, how well it separates
attacker wins from defender wins (AUC) and the 5-fold cross-validated share of
winners a one-threshold rule or a logistic regression on it calls right (fold
= row index mod 5, as `pact battles --fit` folds). Draws count as wrong calls.

    contrib/analysis/cdb90_winner.py [PACT] [CSV]

Defaults: target/release/pact and ../shared/data/cdb90/cdb90.csv. Plain Python.
"""
import csv, json, math, subprocess, sys

pact = sys.argv[1] if len(sys.argv) > 1 else "target/release/pact"
path = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/cdb90/cdb90.csv"
report = json.loads(subprocess.run([pact, "battles", path, "--json"], check=True,
                                   capture_output=True, text=True).stdout)
fought = [b["id"] for b in report["battles"]]
rows = {r["ISQNO"]: r for r in csv.DictReader(open(path, encoding="utf-8"))}
K = 5


def num(r, k):
    v = float(r[k])
    return None if v in (-1, 9) and k not in ("STRA", "STRD") else v


def features(r):
    g = lambda k: float(r[k]) if r[k] not in ("", "-1") else 0.0
    post = r["POST1"]
    codes = [num(r, k) for k in ("CEA", "LEADA", "TRNGA", "MORALA")]
    codes = [c for c in codes if c is not None]
    return {
        "log force ratio": math.log(g("STRA") / g("STRD")),
        "log tank ratio": math.log((g("TANKA") + 1) / (g("TANKD") + 1)),
        "log artillery ratio": math.log((g("ARTYA") + 1) / (g("ARTYD") + 1)),
        "log air sortie ratio": math.log((g("FLYA") + 1) / (g("FLYD") + 1)),
        "prepared defence": float(post == "PD"),
        "fortified defence": float(post == "FD"),
        "delay or withdrawal": float(post in ("DL", "WD")),
        "rugged terrain": float(r["TERRA1"][:1] == "R"),
        "wooded terrain": float(r["TERRA1"][1:2] == "W"),
        "log days": math.log(max(float(r["DURATION_DAYS"]), 0.01)),
        "year": float(r["YR1"]) if r["YR1"] not in ("", "99", "9999") else 1900.0,
        "quality codes (hindsight)": sum(codes) / len(codes) if codes else 0.0,
    }


data = []
for i in fought:
    r = rows[i]
    data.append((features(r), int(r["WINA"])))


def auc(key):
    pos = [f[key] for f, w in data if w == 1]
    neg = [f[key] for f, w in data if w != 1]
    s = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg)
    return s / (len(pos) * len(neg))


def folds():
    for k in range(K):
        yield ([d for i, d in enumerate(data) if i % K != k],
               [d for i, d in enumerate(data) if i % K == k])


def stump_cv(key):
    right = 0
    for train, test in folds():
        xs = sorted({f[key] for f, _ in train})
        cuts = [xs[0] - 1] + [(a + b) / 2 for a, b in zip(xs, xs[1:])]
        _, t, s = max((sum((w == 1) == (s * f[key] > s * t) and w != 0 for f, w in train), t, s)
                      for s in (1, -1) for t in cuts)
        right += sum((w == 1) == (s * f[key] > s * t) and w != 0 for f, w in test)
    return right / len(data)


def logistic_cv(keys, steps=300, rate=0.5):
    right = 0
    for train, test in folds():
        mu = [sum(f[k] for f, _ in train) / len(train) for k in keys]
        sd = [max(1e-9, math.sqrt(sum((f[k] - m) ** 2 for f, _ in train) / len(train)))
              for k, m in zip(keys, mu)]
        z = lambda f: [1.0] + [(f[k] - m) / s for k, m, s in zip(keys, mu, sd)]
        w = [0.0] * (len(keys) + 1)
        for _ in range(steps):
            grad = [0.0] * len(w)
            for f, won in train:
                x = z(f)
                p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x))))))
                for j in range(len(w)):
                    grad[j] += (p - (won == 1)) * x[j]
            w = [a - rate * g / len(train) for a, g in zip(w, grad)]
        right += sum((sum(a * b for a, b in zip(w, z(f))) > 0) == (won == 1) and won != 0
                     for f, won in test)
    return right / len(data)


floor = sum(w == 1 for _, w in data) / len(data)
print(f"{len(data)} battles; the attacker always wins: {floor:.3f}\n")
print(f"{'observable':28s} {'AUC':>6s} {'1 cut, CV':>10s} {'logistic, CV':>13s}")
keys = list(data[0][0])
for k in keys:
    print(f"{k:28s} {auc(k):6.3f} {stump_cv(k):10.3f} {logistic_cv([k]):13.3f}")
before = [k for k in keys if "hindsight" not in k]
print(f"{'all known before the battle':28s} {'':6s} {'':10s} {logistic_cv(before):13.3f}")
