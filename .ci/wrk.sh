#!/usr/bin/env bash
# Installs wrk, the HTTP load generator aiocop-bench/http.sh drives, from the Debian packages. Safe to run again:
# does nothing when wrk is already on the PATH.
#
# Usage:   bash .ci/wrk.sh
# Output:  progress on stderr.
set -euo pipefail

log() { printf 'wrk.sh: %s\n' "$*" >&2; }

if command -v wrk >/dev/null; then
    exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "run as root or install sudo"; exit 1; }
    SUDO=(sudo)
fi
log "installing wrk from the Debian packages"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >&2
"${SUDO[@]}" apt-get install -y -qq wrk >&2
command -v wrk >/dev/null || { log "wrk is still not on the PATH after apt-get install"; exit 1; }
log "$(wrk --version 2>&1 | head -n 1)"
