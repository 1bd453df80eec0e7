#!/usr/bin/env bash
# Side-by-side benchmark: Archipelago MonteCarlo.Run (.NET, parallel) vs numpy vectorised, same model, same run.
# Usage: bench/finance/run.sh [paths=1000000] [seed=2026] [repeats=5]
set -euo pipefail
cd "$(dirname "$0")"
PATHS=${1:-1000000}; SEED=${2:-2026}; REPEATS=${3:-5}
dotnet build -c Release --nologo -v q Archipelago.Bench.Finance.csproj >/dev/null
DOTNET_JSON=$(dotnet bin/Release/net10.0/Archipelago.Bench.Finance.dll "$PATHS" "$SEED" "$REPEATS")
NUMPY_JSON=$(/usr/bin/python3 mc_numpy.py "$PATHS" "$SEED" "$REPEATS")
echo "machine: nproc=$(nproc), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), date=$(date -u +%Y-%m-%dT%H:%MZ)"
echo "$DOTNET_JSON"
echo "$NUMPY_JSON"
/usr/bin/python3 - "$DOTNET_JSON" "$NUMPY_JSON" <<'PY'
import json, sys
d, n = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"median wall time: dotnet {d['median_s']:.3f} s, numpy {n['median_s']:.3f} s, ratio numpy/dotnet = {n['median_s'] / d['median_s']:.2f}x")
print(f"single-thread dotnet {d['single_thread_s']:.3f} s, ratio numpy/dotnet(1 thread) = {n['median_s'] / d['single_thread_s']:.2f}x")
se = (d['std_error'] ** 2 + n['std_error'] ** 2) ** 0.5
print(f"mean NPV: dotnet {d['mean']:.3f}, numpy {n['mean']:.3f}, difference {d['mean'] - n['mean']:.3f} = {(d['mean'] - n['mean']) / se:.2f} combined SE")
print(f"p5/p50/p95: dotnet {d['p5']:.2f}/{d['p50']:.2f}/{d['p95']:.2f}, numpy {n['p5']:.2f}/{n['p50']:.2f}/{n['p95']:.2f}; P(NPV>0) {d['p_positive']:.4f} vs {n['p_positive']:.4f}")
PY
