#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet (needs root).
# Idempotent: with everything present it does nothing, not even an index update.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
if [ "$(id -u)" != 0 ]; then
  echo "error: packages missing (${missing[*]}) and not root: install them with apt-get as root" >&2
  exit 1
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
