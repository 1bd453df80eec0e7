#!/usr/bin/python3
"""Markdown table from one or more results.csv files written by run.sh; each cell is the minimum over the runs given."""
import csv, sys
best, notes = {}, {}
for path in sys.argv[1:]:
    for r in csv.DictReader(l for l in open(path) if not l.startswith(("load average", "machine"))):
        k = (r["tool"], r["graph"], r["task"]); s = float(r["seconds"])
        if k not in best or s < best[k]:
            best[k] = s; notes[k] = r["note"]
tasks = ["betweenness_exact", "pagerank+eigenvector+closeness", "louvain", "clustering", "constraint"]
print("| graph | task | ours (s) | igraph (s) | NetworkX (s) | igraph / ours | NetworkX / ours |")
print("|---|---|---:|---:|---:|---:|---:|")
for g in ["ba_10000_3", "ca-grqc"]:
    for t in tasks:
        o, i, n = (best.get((tool, g, t)) for tool in ("archipelago", "igraph", "networkx"))
        f = lambda x: "–" if x is None else f"{x:.3f}"
        r = lambda x: "–" if x is None or not o else f"{x / o:.1f}×"
        print(f"| {g} | {t} | {f(o)} | {f(i)} | {f(n)} | {r(i)} | {r(n)} |")
print()
print("| ba_100000_10 task | ours (s) | note |")
print("|---|---:|---|")
for (tool, g, t), s in best.items():
    if g.startswith("ba_100000"):
        print(f"| {t} | {s:.3f} | {notes[(tool, g, t)]} |")
