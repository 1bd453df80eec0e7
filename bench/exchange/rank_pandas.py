"""Side-by-side reference for bench/exchange: what a user would otherwise do with pandas/numpy on the same SQLite
workspace — read the listed profiles and open needs, build TF-IDF (scikit-learn's defaults written out: raw counts,
smooth idf, L2) over profile and need texts, and rank providers for each need by category match, field match and
cosine. It computes fewer parts than Archipelago (no region, capacity, trust, explanations), so it is a floor for
the work, not the same work. Usage: /usr/bin/python3 rank_pandas.py WORKSPACE/archipelago.db"""
import json, re, sqlite3, sys, time
import numpy as np
import pandas as pd

db = sqlite3.connect(sys.argv[1])
t0 = time.perf_counter()
prof = pd.read_sql("SELECT enabler_id, categories, services, technology_fields, description FROM exchange_profiles WHERE status = 'public'", db)
needs = pd.read_sql("SELECT id, category, service, technology_field, title, description FROM exchange_needs WHERE status = 'open'", db)
prof["cats"] = prof["categories"].map(json.loads)
prof["fields"] = prof["technology_fields"].map(json.loads)
tok = lambda s: [t for t in re.findall(r"[a-z0-9]+", s.lower()) if len(t) >= 2]
docs = list(prof["description"]) + list(needs["title"] + " " + needs["description"])
vocab = {}
rows, cols, vals = [], [], []
for i, d in enumerate(docs):
    counts = {}
    for t in tok(d):
        j = vocab.setdefault(t, len(vocab)); counts[j] = counts.get(j, 0) + 1
    for j, c in counts.items(): rows.append(i); cols.append(j); vals.append(c)
tf = np.zeros((len(docs), len(vocab)))
tf[rows, cols] = vals
df = (tf > 0).sum(axis=0)
idf = np.log((1 + len(docs)) / (1 + df)) + 1
X = tf * idf
X /= np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
P, N = X[: len(prof)], X[len(prof):]
load = time.perf_counter() - t0
times = []
for k in range(min(200, len(needs))):
    t = time.perf_counter()
    n = needs.iloc[k]
    cat = prof["cats"].map(lambda c: n["category"] in c).to_numpy(float)
    fld = prof["fields"].map(lambda f: n["technology_field"] in f).to_numpy(float)
    score = 0.35 * cat + 0.2 * (0.6 * fld + 0.4 * (P @ N[k]))
    top = np.argsort(-score, kind="stable")[:20]
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"pandas/numpy: load + TF-IDF {load * 1000:.0f} ms; rank {len(prof)} providers (200 needs): median {times[len(times) // 2]:.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms")
