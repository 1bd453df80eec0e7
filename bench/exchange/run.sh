#!/usr/bin/env bash
# Exchange matching benchmark (issue 7): a SQLite workspace with 10,000 provider profiles and 1,000 open needs; times
# ranking providers for a need and needs for a provider through the Matchmaker, the in-memory ranking alone, and the
# need page under wrk (a viewer: no ranking; an operator and the need's poster: the page ranks the 10,000 providers,
# cached per need).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d /tmp/archipelago-xbench.XXXXXX)
port=${PORT:-5207}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"
dotnet build bench/exchange -c Release -nologo -v quiet -clp:ErrorsOnly
bin=bench/exchange/bin/Release/net10.0
dotnet $bin/ExchangeBench.dll "$work" "${PROVIDERS:-10000}" "${NEEDS:-1000}"
/usr/bin/python3 bench/exchange/rank_pandas.py "$work/archipelago.db"
run="dotnet $bin/archipelago.dll --data $work"
$run users add --username benchview --role viewer --password bench-password-1 >/dev/null
$run users add --username benchop --role operator --password bench-password-1 >/dev/null
# The poster of need 1, a member of its enterprise: the page ranks providers for it (the issue's "poster" case).
poster=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT e.key FROM exchange_needs n JOIN kernel_enablers e ON e.id = n.enabler_id WHERE n.id = 1').fetchone()[0])" "$work/archipelago.db")
$run users add --username benchposter --role member --enabler "$poster" --password bench-password-1 >/dev/null
vt=$($run tokens create --username benchview); ot=$($run tokens create --username benchop); pt=$($run tokens create --username benchposter)
$run serve --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
curl -sf -o /dev/null -H "Authorization: Bearer $ot" "http://127.0.0.1:$port/exchange/needs/1"   # warm: index
# Warm the JIT (tiered compilation) on every path, so the first measured run is not the one that pays for it.
for t in "$vt" "$ot" "$pt"; do wrk -t1 -c4 -d3s -H "Authorization: Bearer $t" "http://127.0.0.1:$port/exchange/needs/1" >/dev/null; done
# Server CPU time per request (user + system, from /proc): far less sensitive than latency to what else the shared
# machine is running, so it is the figure to compare between versions.
measure() {
  local before after out
  before=$(awk '{print $14 + $15}' /proc/$server/stat)
  out=$(wrk -t2 -c16 -d20s --latency -H "Authorization: Bearer $1" "http://127.0.0.1:$port/exchange/needs/1")
  after=$(awk '{print $14 + $15}' /proc/$server/stat)
  echo "$out" | grep -E "50%|90%|99%|Requests/sec|Non-2xx|requests in"
  local n; n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "server CPU per request: $(awk -v t=$((after - before)) -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f ms", 1000 * t / hz / n}')"
}
echo "wrk need page, viewer, 2 threads x 16 connections, 20 s"
measure "$vt"
echo "wrk need page, operator (ranked providers), 2 threads x 16 connections, 20 s"
measure "$ot"
echo "wrk need page, poster (member of the posting enterprise; ranked providers), 2 threads x 16 connections, 20 s"
measure "$pt"
# The issue's target is a rate, not a saturation test: 500 requests/s held for 20 s (hey: 10 workers x 50/s each),
# with the latency distribution at that rate.
if command -v hey >/dev/null; then
  for who in viewer:$vt operator:$ot poster:$pt; do
    echo "hey need page, ${who%%:*}, fixed 500 req/s (10 workers x 50/s), 20 s"
    hey -z 20s -c 10 -q 50 -H "Authorization: Bearer ${who#*:}" "http://127.0.0.1:$port/exchange/needs/1" | grep -E "Requests/sec|50%|90%|99%|\[2|\[4|\[5"
  done
else
  echo "hey not installed (apt-get install hey): fixed-rate run skipped"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
