#!/usr/bin/env bash
# Side-by-side benchmark: Archipelago.Numerics.Graphs vs R igraph vs NetworkX on the same edge lists.
#   bench/graphs/run.sh            full run (NetworkX exact betweenness on BA-10k takes minutes)
#   bench/graphs/run.sh --quick    skip NetworkX's slow tasks
#   bench/graphs/run.sh --no-networkx   ours and igraph only (about a minute)
# Needs: dotnet, Rscript with r-cran-igraph, Debian /usr/bin/python3 with python3-networkx.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${ARCHIPELAGO_SHARED_DATA:-$(cd "$repo/.." && pwd)/shared/data}"
[ -d "$shared" ] || shared=/work/shared/data
py=/usr/bin/python3
quick="${1:-}"
out="$here/out"; mkdir -p "$out"
ba="$out/ba_10000_3_seed42.csv"
[ -f "$ba" ] || "$py" "$here/make_ba.py" "$ba"
grqc="$shared/network-snap-ca-grqc/CA-GrQc.txt"
results="$out/results.csv"; echo "tool,graph,task,seconds,note" > "$results"

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release -v q --nologo "$here/GraphsBench.csproj" >/dev/null
bin="$here/bin/Release/net10.0/GraphsBench"
"$bin" "$ba" ba_10000_3 | tee -a "$results"
"$bin" "$grqc" ca-grqc | tee -a "$results"
"$bin" --large 100000 10 42 | tee -a "$results"
Rscript "$here/layout_large_igraph.R" 100000 10 | tee -a "$results"
Rscript "$here/bench_igraph.R" "$ba" ba_10000_3 | tee -a "$results"
Rscript "$here/bench_igraph.R" "$grqc" ca-grqc | tee -a "$results"
if [ "$quick" != "--no-networkx" ]; then
  skip=""; [ "$quick" = "--quick" ] && skip="--skip-slow"
  "$py" "$here/bench_networkx.py" "$ba" ba_10000_3 $skip | tee -a "$results"
  "$py" "$here/bench_networkx.py" "$grqc" ca-grqc $skip | tee -a "$results"
fi
echo "machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average at end: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"

"$py" - "$results" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
t = {(r["tool"], r["graph"], r["task"]): float(r["seconds"]) for r in rows}
graphs = ["ba_10000_3", "ca-grqc"]
tasks = ["load", "betweenness_exact", "pagerank+eigenvector+closeness", "louvain", "clustering", "constraint"]
print()
print(f"{'graph':<12} {'task':<32} {'ours s':>8} {'igraph s':>9} {'networkx s':>11} {'igraph/ours':>12} {'nx/ours':>8}")
for g in graphs:
    for k in tasks:
        o, i, n = (t.get((tool, g, k)) for tool in ("archipelago", "igraph", "networkx"))
        f = lambda x: f"{x:.3f}" if x is not None else "-"
        r = lambda x: f"{x / o:.1f}x" if x is not None and o else "-"
        print(f"{g:<12} {k:<32} {f(o):>8} {f(i):>9} {f(n):>11} {r(i):>12} {r(n):>8}")
for r in rows:
    if r["graph"].startswith("ba_100000"):
        print(f"{r['graph']:<12} {r['task']:<32} {float(r['seconds']):>8.3f}  {r['note']}")
PY
