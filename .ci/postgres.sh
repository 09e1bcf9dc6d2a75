#!/usr/bin/env bash
# Installs PostgreSQL from the Debian packages, runs a cluster on 127.0.0.1:5432 and creates the role and the
# database the JDBC tests use (aiocop / aiocop). Safe to run again: each step checks before it acts.
#
# Usage:   eval "$(.ci/postgres.sh)"      # exports AIOCOP_TEST_POSTGRES_URL for the current shell
# Output:  progress on stderr; on stdout only the export line.
set -euo pipefail

PORT=5432
HOST=127.0.0.1
DB_USER=aiocop
DB_PASSWORD=aiocop
DB_NAME=aiocop

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "run as root or install sudo"; exit 1; }
    SUDO=(sudo)
fi

server_binary() { ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(server_binary)" ] || ! command -v pg_lsclusters >/dev/null; then
    log "installing postgresql from the Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq >&2
    "${SUDO[@]}" apt-get install -y -qq postgresql >&2
fi

VERSION=$(basename "$(dirname "$(dirname "$(server_binary)")")")
CLUSTER=main

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    log "creating cluster $VERSION/$CLUSTER"
    "${SUDO[@]}" pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" >&2
fi

# Pin the address and port in a drop-in file (Debian's postgresql.conf reads conf.d last), whatever values the
# package gave the cluster.
CONF_DIR=/etc/postgresql/$VERSION/$CLUSTER/conf.d
WANTED=$(printf "listen_addresses = '%s'\nport = %s\n" "$HOST" "$PORT")
if [ "$(cat "$CONF_DIR/aiocop.conf" 2>/dev/null)" != "$WANTED" ]; then
    log "writing $CONF_DIR/aiocop.conf"
    printf '%s\n' "$WANTED" | "${SUDO[@]}" tee "$CONF_DIR/aiocop.conf" >/dev/null
    if pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" { found = 1 } END { exit !found }'; then
        "${SUDO[@]}" pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
    fi
fi

status=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }')
if [ "$status" != "online" ]; then
    log "starting cluster $VERSION/$CLUSTER on $HOST:$PORT"
    "${SUDO[@]}" pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 1 60); do
    pg_isready -q -h "$HOST" -p "$PORT" && break
    sleep 0.5
done
pg_isready -q -h "$HOST" -p "$PORT" || { log "server on $HOST:$PORT is not ready"; exit 1; }

as_postgres() { "${SUDO[@]}" runuser -u postgres -- "$@"; }

# Local connections as the postgres OS user use peer authentication over the socket, so connect that way.
psql_socket() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }

if [ "$(psql_socket -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
    log "creating role $DB_USER"
    psql_socket -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
fi
if [ "$(psql_socket -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    log "creating database $DB_NAME"
    psql_socket -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi

# Prove the URL works over TCP with the password, as the tests will use it.
PGPASSWORD="$DB_PASSWORD" psql -X -q -h "$HOST" -p "$PORT" -U "$DB_USER" -d "$DB_NAME" -tAc 'SELECT 1' >/dev/null \
    || { log "cannot log in as $DB_USER over TCP"; exit 1; }

log "PostgreSQL $VERSION ready on $HOST:$PORT"
printf "export AIOCOP_TEST_POSTGRES_URL='jdbc:postgresql://%s:%s/%s?user=%s&password=%s'\n" \
    "$HOST" "$PORT" "$DB_NAME" "$DB_USER" "$DB_PASSWORD"
