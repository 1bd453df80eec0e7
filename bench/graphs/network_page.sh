#!/usr/bin/env bash
# The /cluster/network page and API on a 100,000-enabler, 1,000,000-joint-action SQLite workspace (issue 3, "works on
# 100,000-node networks"): time of each request, cold and again (remembered), and the server's peak RSS.
#   bench/graphs/network_page.sh [WORKSPACE] [ARCHIPELAGO_DLL]
# DATABASE="Host=…;Database=…" runs the server on that PostgreSQL database instead (import the same files into it first:
# archipelago --database "$DATABASE" enablers import …/enablers.csv, then actions import …/actions.csv). The server runs
# with ARCHIPELAGO_NETWORK_TRACE=1: its log's "network-trace" lines (time and memory of each step) are printed at the end.
# WORKSPACE is made (bench/registry/generate.py, then enablers/actions import) when it does not exist yet; the DLL defaults
# to this clone's build (./archipelago builds it). Run it with an older build's DLL on the same workspace for "before".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
ws="${1:-/tmp/archipelago-network-100k}"
if [ -z "${2:-}" ]; then "$repo/archipelago" --help >/dev/null; dll="$repo/artifacts/bin/archipelago.dll"; else dll="$2"; fi
bin="dotnet $dll"
port="${PORT:-5391}"; base="http://127.0.0.1:$port"
export ARCHIPELAGO_ADMIN_PASSWORD="${ARCHIPELAGO_ADMIN_PASSWORD:-bench-admin-password-1}"
if [ -z "${DATABASE:-}" ] && [ ! -d "$ws/sqlite" ]; then
  python3 "$repo/bench/registry/generate.py" "$ws/files" "${ENABLERS:-100000}" "${ACTIONS:-1000000}"
  s=$(date +%s); $bin --data "$ws/sqlite" enablers import "$ws/files/enablers.csv" >/dev/null
  $bin --data "$ws/sqlite" actions import "$ws/files/actions.csv" >/dev/null; echo "import: $(( $(date +%s) - s )) s"
  $bin --data "$ws/sqlite" users add --username bench --role viewer --password bench-password-1 >/dev/null
fi
if [ -n "${DATABASE:-}" ]; then
  where=(--database "$DATABASE")
else where=(--data "$ws/sqlite"); fi
$bin "${where[@]}" users add --username bench --role viewer --password bench-password-1 >/dev/null 2>&1 || true   # once per workspace
token=$($bin "${where[@]}" tokens create --username bench)
echo "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ); $dll; $([ -n "${DATABASE:-}" ] && echo PostgreSQL || echo SQLite)"
ARCHIPELAGO_NETWORK_TRACE=1 $bin "${where[@]}" serve --urls "$base" > "$ws/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done
server=$pid
rss() { awk '/VmHWM/{printf "%.0f MB", $2/1024}' "/proc/$server/status"; }
# Reloads of a "computing…" page follow the Refresh header as a browser does.
# time of one request (status, seconds, bytes); a page that answers "computing…" (Refresh header) is asked again until done.
get() {
  local url="$1" req="$1" s=$(date +%s.%N) out polls=0 next
  while :; do
    out=$(curl -s -o "$ws/body.$port" -D "$ws/headers.$port" -w "%{http_code} %{size_download}" -m "${MAXTIME:-1800}" -H "Authorization: Bearer $token" "$base$req" || echo "timeout(${MAXTIME:-1800}s) 0")
    if [ "${out%% *}" = 202 ]; then
      # The API's "computing…": poll the status URL until done, then ask for the result again (it is remembered).
      next=$(jq -r .status_url "$ws/body.$port")
      while [ "$(curl -s -o "$ws/status.$port" -w "%{http_code}" -H "Authorization: Bearer $token" "$base$next")" = 202 ]; do polls=$((polls + 1)); sleep 2; done
      continue
    fi
    grep -qi '^refresh:' "$ws/headers.$port" || break
    next=$(grep -i '^refresh:' "$ws/headers.$port" | tr -d '\r' | sed -n 's/.*url=//p')
    [ -n "$next" ] && req="$next"
    polls=$((polls + 1)); sleep 5
  done
  printf "%-60s %s  %6.1f s  %s bytes  polls %d  peak RSS %s\n" "$url" "${out%% *}" "$(echo "$(date +%s.%N) - $s" | bc)" "${out##* }" "$polls" "$(rss)"
}
first=E0000041   # an enabler of the generated registry
# URLS="/cluster/network …" asks only those, once each (e.g. the page alone, for its CPU time in the trace).
if [ -n "${URLS:-}" ]; then for u in $URLS; do get "$u"; done; rounds=""; else rounds="cold again"; fi
for round in $rounds; do
  echo "-- $round"
  get "/api/cluster/network/graph"
  get "/api/cluster/network/graph?group=0"
  get "/api/cluster/network/graph?focus=$first"
  get "/cluster/network"
  get "/cluster/network?sort=brokerage"
  get "/api/cluster/network/summary"
  [ "$round" = cold ] && echo "   paths: $(jq -c .paths "$ws/body.$port")"
  get "/api/cluster/network/metrics"
  get "/api/cluster/network/evolution"
  get "/api/cluster/network/indicators"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $(awk '/VmHWM/{printf "peak RSS %.0f MB", $2/1024}' "/proc/$server/status"); CPU $(awk '{printf "%.0f s user, %.0f s system", $14/100, $15/100}' "/proc/$server/stat")"
grep network-trace "$ws/serve.log" || true
