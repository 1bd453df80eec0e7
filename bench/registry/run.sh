#!/usr/bin/env bash
# Registry import and list-page benchmark (issue 2): 100,000 enablers and 1,000,000 joint actions imported on SQLite
# and on PostgreSQL, then the enabler list page under wrk load on loopback. Prints a table for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d /tmp/archipelago-bench.XXXXXX)
chmod 755 "$work"   # the postgres user must reach its data folder inside
python3 bench/registry/generate.py "$work/files" "${ENABLERS:-100000}" "${ACTIONS:-1000000}"
./archipelago --help >/dev/null   # build once
bin="dotnet artifacts/bin/archipelago.dll"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GB; $(date -u +%F)"
/usr/bin/python3 bench/registry/pandas_load.py "$work/files"

timed() { local s=$(date +%s.%N); "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }; echo "$(echo "$(date +%s.%N) - $s" | bc)"; }

t1=$(timed $bin --data "$work/sqlite" enablers import "$work/files/enablers.csv")
t2=$(timed $bin --data "$work/sqlite" actions import "$work/files/actions.csv")
echo "sqlite: enablers ${t1}s, actions ${t2}s"

# PostgreSQL: a throwaway cluster on loopback, as in scripts/test.sh.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir="$work/pg"; mkdir -p "$pgdir"; chown postgres "$pgdir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null
trap 'runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true; pkill -f "archipelago.dll --data $work" || true; rm -rf "$work"' EXIT
runuser -u postgres -- psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
pg="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"
t3=$(timed $bin --database "$pg" enablers import "$work/files/enablers.csv")
t4=$(timed $bin --database "$pg" actions import "$work/files/actions.csv")
echo "postgresql: enablers ${t3}s, actions ${t4}s"

# List page under load: a viewer's token, 2 threads, 4 and 16 connections, 20 s each: the first page, a search, a filter.
$bin --data "$work/sqlite" users add --username bench --role viewer --password bench-password-1 >/dev/null
token=$($bin --data "$work/sqlite" tokens create --username bench)
$bin --data "$work/sqlite" serve --urls http://127.0.0.1:5199 --log-format simple > "$work/serve.log" 2>&1 &
for _ in $(seq 60); do curl -sf http://127.0.0.1:5199/health >/dev/null && break; sleep 0.5; done
for url in "/cluster/enablers" "/cluster/enablers?q=organisation%2012345" "/cluster/enablers?type=investor&country=GB&skip=500"; do
  for connections in 4 16; do
    echo "wrk -c$connections $url"
    wrk -t2 -c$connections -d20s -s bench/registry/p95.lua -H "Authorization: Bearer $token" "http://127.0.0.1:5199$url" | grep -E "Requests/sec|p95"
  done
done
