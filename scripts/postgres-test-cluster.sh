#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests, sourced by scripts/test.sh.
#
#   postgres_test_cluster_start   installs PostgreSQL when absent (Debian, as root), initdb's a cluster in a
#                                 temporary folder as an unprivileged user, starts it on a free loopback port
#                                 with trust authentication, and exports KEYWAY_TEST_POSTGRES_URL
#   postgres_test_cluster_stop    stops it and removes the folder
#
# PostgreSQL refuses to run as root: as root the cluster runs as the 'postgres' user (created by Debian's
# package), else 'nobody'; as anyone else, as that user.

postgres_test_cluster_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

postgres_test_cluster_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
        || echo $((20000 + RANDOM % 30000))
}

# Runs a command as the cluster's user.
postgres_test_cluster_as_user() {
    if [ -n "${KEYWAY_PG_USER:-}" ]; then
        runuser -u "$KEYWAY_PG_USER" -- "$@"
    else
        "$@"
    fi
}

postgres_test_cluster_start() {
    local bin
    if ! bin="$(postgres_test_cluster_bin)"; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "test.sh: installing PostgreSQL (apt-get install -y postgresql)" >&2
            DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        fi
        bin="$(postgres_test_cluster_bin)" || {
            # In CI every test must run: a missing PostgreSQL is a failure there, not a skip.
            if [ "${CI:-}" = true ]; then
                echo "test.sh: PostgreSQL is not installed and could not be installed" >&2
                return 1
            fi
            echo "test.sh: PostgreSQL is not installed; the PostgreSQL cases will be skipped" >&2
            return 0
        }
    fi
    KEYWAY_PG_USER=""
    if [ "$(id -u)" = 0 ]; then
        if id postgres >/dev/null 2>&1; then KEYWAY_PG_USER=postgres; else KEYWAY_PG_USER=nobody; fi
    fi
    KEYWAY_PG_DIR="$(mktemp -d /tmp/keyway-postgres.XXXXXX)"
    chmod 755 "$KEYWAY_PG_DIR"
    [ -n "$KEYWAY_PG_USER" ] && chown "$KEYWAY_PG_USER" "$KEYWAY_PG_DIR"
    KEYWAY_PG_BIN="$bin"
    local port
    port="$(postgres_test_cluster_free_port)"
    postgres_test_cluster_as_user "$bin/initdb" -D "$KEYWAY_PG_DIR/data" -U postgres -A trust -E UTF8 \
        --locale=C --no-sync >"$KEYWAY_PG_DIR/initdb.log" 2>&1 || {
        cat "$KEYWAY_PG_DIR/initdb.log" >&2
        return 1
    }
    # Loopback only, trust auth, durability off (a throwaway cluster), room for every test's pools.
    postgres_test_cluster_as_user "$bin/pg_ctl" -D "$KEYWAY_PG_DIR/data" -l "$KEYWAY_PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$KEYWAY_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
        start >/dev/null || {
        cat "$KEYWAY_PG_DIR/server.log" >&2
        return 1
    }
    export KEYWAY_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    echo "test.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $KEYWAY_PG_DIR), user ${KEYWAY_PG_USER:-$(id -un)}" >&2
}

postgres_test_cluster_stop() {
    if [ -n "${KEYWAY_PG_DIR:-}" ] && [ -d "$KEYWAY_PG_DIR" ]; then
        postgres_test_cluster_as_user "$KEYWAY_PG_BIN/pg_ctl" -D "$KEYWAY_PG_DIR/data" -m immediate -w stop \
            >/dev/null 2>&1 || true
        rm -rf "$KEYWAY_PG_DIR"
    fi
}
