#!/usr/bin/python3
"""numpy-vectorised Monte Carlo of the same model as bench-model.json / MonteCarlo.Run.

Same conventions: table year t discounted by 1.1^-(t+1); phase cost spread evenly over its years and paid only
if the phase is reached; Bernoulli phase outcomes; sales_k = peak * smoothstep(min(k/5,1)) * erosion(calendar year);
profit = sales * (margin - 0.05 - 0.10) - launch (year 1); cash flow = profit - 0.21 * max(profit, 0).
Different random generator (PCG64) from the C# code, so results agree statistically, not bit for bit.
Usage: /usr/bin/python3 mc_numpy.py [paths] [seed] [repeats]   -> one JSON line.
"""
import json
import sys
import time

import numpy as np

PATHS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
REPEATS = int(sys.argv[3]) if len(sys.argv) > 3 else 5

R = 0.10
START = 2026
PHASES = [  # name, years, (min, mode, max) cost, probability
    ("Pre-clinical", 1, (5, 8, 14), 0.6),
    ("Phase I", 2, (20, 28, 45), 0.52),
    ("Phase II", 2, (40, 55, 100), 0.289),
    ("Phase III", 2, (120, 180, 300), 0.578),
    ("Filing", 1, (3, 5, 9), 0.906),
]
PEAK_MU, PEAK_SIGMA = 6.6, 0.4
MARGIN = (0.5, 0.6, 0.7)
OTHER_SHARES = 0.05 + 0.10
TAX = 0.21
LAUNCH = 40.0
YEARS_TO_PEAK, YEARS_ON_MARKET = 5, 12
EXCLUSIVITY_END, EROSION = 2042, 0.4


def precompute():
    annuity, t = [], 0
    for _, years, _, _ in PHASES:
        annuity.append(sum((1 + R) ** -(t + y + 1) for y in range(years)) / years)
        t += years
    k = np.arange(1, YEARS_ON_MARKET + 1)
    x = np.minimum(k / YEARS_TO_PEAK, 1.0)
    uptake = x * x * (3 - 2 * x)
    cal = START + t + k - 1
    erosion = np.where(cal > EXCLUSIVITY_END, (1 - EROSION) ** (cal - EXCLUSIVITY_END), 1.0)
    df = (1 + R) ** -(t + k.astype(float))
    return np.array(annuity), uptake * erosion, df


def run(n, seed):
    annuity, shape, df = precompute()
    rng = np.random.default_rng(seed)
    value = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    for i, (_, _, (lo, mode, hi), p) in enumerate(PHASES):
        cost = rng.triangular(lo, mode, hi, n)
        value -= np.where(alive, cost * annuity[i], 0.0)
        alive &= rng.random(n) < p
    peak = rng.lognormal(PEAK_MU, PEAK_SIGMA, n)
    net_margin = rng.triangular(*MARGIN, n) - OTHER_SHARES
    profit = (peak * net_margin)[:, None] * shape[None, :]
    profit[:, 0] -= LAUNCH
    cf = np.where(profit > 0, profit * (1 - TAX), profit)
    value += np.where(alive, cf @ df, 0.0)
    value.sort()
    mean = value.mean()
    return {
        "mean": mean,
        "std_error": value.std(ddof=1) / np.sqrt(n),
        "p5": np.percentile(value, 5),
        "p50": np.percentile(value, 50),
        "p95": np.percentile(value, 95),
        "p_positive": float((value > 0).mean()),
    }


def main():
    run(100_000, SEED)  # warm-up
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        res = run(PATHS, SEED)
        times.append(time.perf_counter() - t0)
    times.sort()
    out = {"impl": "numpy", "numpy": np.__version__, "paths": PATHS, "median_s": round(times[len(times) // 2], 4),
           "best_s": round(times[0], 4)}
    out.update({k: round(float(v), 5) for k, v in res.items()})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
