#!/usr/bin/env bash
# The run command: installs what is missing (Fashion-MNIST from Debian, Node for the front-end assets),
# builds, and starts the dashboard on http://127.0.0.1:5000 with the embedded SQLite database
# (data/continualdash.db, created on first start; migrations are applied at start-up) and in-process
# workers. Ctrl-C stops it. Extra arguments go to the app (e.g. --urls http://127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

packages=(dataset-fashion-mnist)
command -v npm >/dev/null || packages+=(nodejs npm)
scripts/install-packages.sh "${packages[@]}"

dotnet build src/ContinualDash.Web -c Release -nologo -v quiet -clp:ErrorsOnly
# exec: Ctrl-C reaches the app directly, which then shuts down cleanly.
exec dotnet src/ContinualDash.Web/bin/Release/net10.0/ContinualDash.Web.dll --contentRoot "$PWD/src/ContinualDash.Web" "$@"
