#!/usr/bin/env bash
# The test command: installs what the tests need (Chromium, PostgreSQL 15, Node for the front-end assets),
# starts a throwaway PostgreSQL on a loopback port, builds and runs every test project, and ends with the
# line "N passed, N failed[, N skipped]" summed over all projects. Extra arguments go to `dotnet test`
# (e.g. ./test.sh --filter FullyQualifiedName~Metrics).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# python3-venv, python3-torch, dataset-fashion-mnist: the Python client's tests (package install, the PyTorch example).
packages=(chromium postgresql python3 python3-venv python3-torch dataset-fashion-mnist)
command -v npm >/dev/null || packages+=(nodejs npm)
scripts/install-packages.sh "${packages[@]}"

eval "$(scripts/pg-start.sh)"
trap 'scripts/pg-stop.sh' EXIT

dotnet build ContinualDash.sln -c Release -nologo -v quiet -clp:ErrorsOnly

out=$(mktemp)
# dotnet test's own exit code decides ours (tee would hide it, and so would an assignment after the pipe).
set +e
dotnet test ContinualDash.sln -c Release --no-build -nologo --blame-hang-timeout 10m "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# The integration projects once more with PostgreSQL as the default database of TestDatabase and DashFactory
# (TEST_PROVIDER), so every data, queue, tracking, page, worker and CLI test checks both providers.
for project in Core Web Worker Cli; do
  set +e
  TEST_PROVIDER=Postgres dotnet test "tests/ContinualDash.$project.Tests" -c Release --no-build -nologo \
    --blame-hang-timeout 10m "$@" 2>&1 | sed 's/^/[postgres] /' | tee -a "$out"
  pg_status=${PIPESTATUS[0]}
  set -e
  [ "$pg_status" = 0 ] || status=$pg_status
done

# One summary line per test project ("Failed: 0, Passed: 13, Skipped: 0, ..."): add them up.
sed -nE 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/p' "$out" |
  awk '{f+=$1; p+=$2; s+=$3} END {
    line = p+0 " passed, " f+0 " failed"; if (s > 0) line = line ", " s " skipped"; print line }'
rm -f "$out"
exit "$status"
