#!/usr/bin/env bash
# Patents import + landscape benchmark (issue 4): a synthetic 1,000,000-row Lens export (generate_lens.py, seeded,
# distributions from the shipped samples), imported with `archipelago patents import` on SQLite (and PostgreSQL when
# PG is set to a connection string of an empty database), one landscape query, and pandas (load + three group-bys) on
# the same file in the same run. Peak memory from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rows=${ROWS:-1000000}
work=$(mktemp -d /tmp/archipelago-patents-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 bench/patents/generate_lens.py "$rows" "$work/lens.csv"
./archipelago --help >/dev/null   # build once
bin="dotnet artifacts/bin/archipelago.dll"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GB; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"
/usr/bin/time -f "archipelago import sqlite: %e s wall, %U s user, %S s sys, peak %M KB" $bin --data "$work/sqlite" patents import "$work/lens.csv"
/usr/bin/time -f "archipelago landscape sqlite (process included): %e s wall" $bin --data "$work/sqlite" patents landscape --format json > /dev/null
/usr/bin/time -f "archipelago landscape sqlite, one applicant (process included): %e s wall" $bin --data "$work/sqlite" patents landscape --applicant "THALES SA" --format json > /dev/null
if [[ -n "${PG:-}" ]]; then
  /usr/bin/time -f "archipelago import postgresql: %e s wall, %U s user, %S s sys, peak %M KB" $bin --database "$PG" patents import "$work/lens.csv"
fi
/usr/bin/time -f "pandas: %e s wall, peak %M KB" /usr/bin/python3 bench/patents/pandas_reference.py "$work/lens.csv"
