#!/usr/bin/env bash
# Side-by-side statistics benchmark: Archipelago.Numerics vs statsmodels (Debian python3-statsmodels) and R psych on the same data.
# Usage: run.sh [workdir] [--only-efa]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-/tmp/archipelago-stats-bench}"
mkdir -p "$work"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  nproc: $(nproc)  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
dotnet run -c Release --project "$here/Archipelago.Bench.Stats.csproj" -- "$work" ${2:-}
if [[ "${2:-}" != "--only-efa" ]]; then
  /usr/bin/python3 "$here/statsmodels_ols.py" "$work/ols_1e6x50.f64"
  rm -f "$work/ols_1e6x50.f64"
fi
Rscript "$here/psych_efa.R" "$work/efa_1e4x100.f64"
rm -f "$work/efa_1e4x100.f64"
