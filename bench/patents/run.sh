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
# LENS=path reuses an already generated file (same generator, same seed) instead of writing a new one.
if [[ -n "${LENS:-}" ]]; then ln -s "$(realpath "$LENS")" "$work/lens.csv"; else /usr/bin/python3 bench/patents/generate_lens.py "$rows" "$work/lens.csv"; fi
if [[ -n "${ARCHIPELAGO_DLL:-}" ]]; then bin="dotnet $ARCHIPELAGO_DLL"; else ./archipelago --help >/dev/null; bin="dotnet artifacts/bin/archipelago.dll"; fi   # build once
export ARCHIPELAGO_PATENTS_TIMINGS=1   # per-phase wall and CPU times of the import on stderr
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GB; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"
# WS=DIR reuses a workspace that already holds the imported file: no import, the landscapes only (no pandas either).
sqlite_ws=${WS:-$work/sqlite}
if [[ -z "${WS:-}" ]]; then
  /usr/bin/time -f "archipelago import sqlite: %e s wall, %U s user, %S s sys, peak %M KB" $bin --data "$sqlite_ws" patents import "$work/lens.csv"
  echo "load after import: $(cut -d' ' -f1-3 /proc/loadavg)"
  # SQLite alone writing the rows the import wrote (no .NET): the part of the import no reader can make faster.
  echo "sqlite itself, the same rows (sqlite_floor.py):"; /usr/bin/python3 bench/patents/sqlite_floor.py "$sqlite_ws/archipelago.db"
  # The reading side done on UTF-8 bytes (no strings per cell): what the import's reading thread could cost.
  dotnet build -c Release bench/patents/read-floor -v q -nologo -clp:NoSummary >/dev/null
  echo "the reading side on bytes (read-floor):"; dotnet bench/patents/read-floor/bin/Release/net10.0/ReadFloor.dll "$work/lens.csv"
fi
# With ARCHIPELAGO_PATENTS_TIMINGS set, the landscape prints its own query time (no process start-up) on stderr: the
# first query of the process (which builds the in-memory column store when the query needs it; its build time and size
# are printed) and the same query again in the same process, as a running server answers it.
landscape() { /usr/bin/time -f "  process: %e s wall, peak %M KB" $bin --data "$sqlite_ws" patents landscape --format json "$@" > /dev/null; }
echo "landscape sqlite, unfiltered:"; landscape
echo "landscape sqlite, unfiltered, priority years:"; landscape --date-basis priority
echo "landscape sqlite, unfiltered, application years:"; landscape --date-basis application
echo "landscape sqlite, one applicant:"; landscape --applicant "THALES SA"
echo "landscape sqlite, one jurisdiction:"; landscape --jurisdiction CN
echo "landscape sqlite, one IPC subclass:"; landscape --classification A61K
echo "landscape sqlite, one IPC main group:"; landscape --classification "A61K 39/00"
echo "landscape sqlite, 2015-2020:"; landscape --from 2015 --to 2020
echo "landscape sqlite, priority 2015-2020:"; landscape --from 2015 --to 2020 --date-basis priority
echo "landscape sqlite, text 'battery':"; landscape --text battery
echo "landscape sqlite, text 'zinc':"; landscape --text zinc
echo "landscape sqlite, A61K and 2015-2020:"; landscape --classification A61K --from 2015 --to 2020
# Cluster membership: the three largest applicants become registry enablers (patents applicants create-enabler).
for name in "SANGAMO THERAPEUTICS" "THALES" "ELWHA"; do $bin --data "$sqlite_ws" patents applicants create-enabler "$name" > /dev/null || true; done
echo "landscape sqlite, cluster members:"; landscape --cluster
echo "landscape sqlite, cluster members, CN:"; landscape --cluster --jurisdiction CN
echo "search sqlite, 'zinc finger':"; /usr/bin/time -f "  process: %e s wall" $bin --data "$sqlite_ws" patents search "zinc finger" --format json > /dev/null
[[ -n "${WS:-}" ]] && exit 0
echo "load before postgresql/pandas: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${PG:-}" ]]; then
  /usr/bin/time -f "archipelago import postgresql: %e s wall, %U s user, %S s sys, peak %M KB" $bin --database "$PG" patents import "$work/lens.csv"
  echo "load after postgresql import: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "postgresql itself, the same rows (pg_floor.sh):"; PG="$PG" bash bench/patents/pg_floor.sh || echo "  (pg_floor.sh failed; it needs a superuser for server-side files)"
  pg_landscape() { /usr/bin/time -f "  process: %e s wall, peak %M KB" $bin --database "$PG" patents landscape --format json "$@" > /dev/null; }
  echo "landscape postgresql, one jurisdiction (CN):"; pg_landscape --jurisdiction CN
  echo "landscape postgresql, one IPC subclass:"; pg_landscape --classification A61K
  echo "landscape postgresql, text 'zinc':"; pg_landscape --text zinc
fi
/usr/bin/time -f "pandas: %e s wall, peak %M KB" /usr/bin/python3 bench/patents/pandas_reference.py "$work/lens.csv"
