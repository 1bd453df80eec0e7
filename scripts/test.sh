#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing (Debian: chromium, postgresql, and NetworkX and
# pandas for Debian's /usr/bin/python3, which tests run as second implementations), starts a throwaway PostgreSQL on
# loopback for the storage tests, and stops it afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1 || need+=(python3-networkx)
/usr/bin/python3 -c 'import pandas' >/dev/null 2>&1 || need+=(python3-pandas)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A private PostgreSQL cluster on a free loopback port, owned by the postgres user (the server refuses to run as root).
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/archipelago-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
# Every test's scratch files (SQLite workspaces, uploads, browser profiles) go under one directory of this run, removed
# afterwards: the tests leave them behind, and left in /tmp they grew to 55 GB over a few days of runs and filled the disk.
run_tmp=$(mktemp -d /tmp/archipelago-run.XXXXXX)
export TMPDIR="$run_tmp"
cleanup() { as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdir" "$run_tmp"; }
trap cleanup EXIT
export ARCHIPELAGO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true"
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port; Chromium at $CHROMIUM"

dotnet build Archipelago.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
# Test projects one after another: the machine has two cores and the suites start real servers.
status=0
log=$(mktemp)
for project in tests/Archipelago.Numerics.Tests tests/Archipelago.Tests tests/Archipelago.BrowserTests; do
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=1
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
# One closing line for the whole run, summed over the three test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed"
exit $status
