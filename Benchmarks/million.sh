#!/usr/bin/env bash
# Keyway with a million identities: `bash Benchmarks/run.sh --million` (or this script directly).
#
# For each store (SQLite in the data folder; PostgreSQL), it starts Keyway once to create the data folder and the
# `hubspot` service, stops it, seeds BENCH_MILLION identities (default 1,000,000: three tags each, 1% due for
# refresh) through the store's own batch insert (`keyway-bench --seed`), starts Keyway again and prints:
# start-up time to a healthy /healthz, resident memory idle and under load, token-by-tags p50/p99 under wrk
# (each request names a random tenant among the 99% not due, so the identity cache mostly misses), listing with a
# tag filter (first page, and one page 200 pages deep), how long the store takes to find a refresh-ahead pass's
# due identities, and the database size.
# PostgreSQL: BENCH_POSTGRES_URL names an empty database to use; else a throwaway cluster is started with
# Debian's PostgreSQL (initdb) where installed, else PostgreSQL is skipped. BENCH_BACKENDS="sqlite postgres".
# BENCH_MILLION_KEEP=DIR keeps the seeded data folders (and the throwaway cluster) in DIR, and a later run with the
# same DIR skips seeding: to measure another build against the same million rows (its migrations run on the
# first start, which is then not the start-up that is timed).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${BENCH_MILLION:-1000000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-20}
THREADS=${BENCH_THREADS:-2}
PORT=${BENCH_KEYWAY_PORT:-18090}
PG_PORT=${BENCH_PG_PORT:-18432}
BACKENDS=${BENCH_BACKENDS:-sqlite postgres}

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    swift build -c release --product keyway
    swift build -c release --product keyway-bench
fi
BIN=${BENCH_BIN:-$(swift build -c release --show-bin-path)}

if [ -n "${BENCH_MILLION_KEEP:-}" ]; then
    WORK=$BENCH_MILLION_KEEP
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d /tmp/keyway-million.XXXXXX)
fi
chmod 755 "$WORK"
KEYWAY_PID=""
PG_DIR=""
cleanup() {
    [ -n "$KEYWAY_PID" ] && kill "$KEYWAY_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    [ -n "$PG_DIR" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true
    [ -z "${BENCH_MILLION_KEEP:-}" ] && rm -rf "$WORK"
    return 0
}
trap cleanup EXIT

# Starts Keyway on a data folder (and database), waits for /healthz; sets STARTUP_MS.
start_keyway() {
    local dir=$1; shift
    local start
    start=$(date +%s%N)
    "$BIN/keyway" serve --sandbox --allow-private-urls --data-dir "$dir" --port "$PORT" --refresh-interval 3600 "$@" \
        >>"$dir.log" 2>&1 &
    KEYWAY_PID=$!
    # Up to BENCH_START_WAIT seconds (default 600): a first start on a kept million-row folder runs migrations.
    local deadline=$(( $(date +%s) + ${BENCH_START_WAIT:-600} ))
    until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "Keyway did not become healthy"; tail -5 "$dir.log"; return 1; }
        sleep 0.01
    done
    STARTUP_MS=$(( ($(date +%s%N) - start) / 1000000 ))
}
stop_keyway() { kill "$KEYWAY_PID"; wait "$KEYWAY_PID" 2>/dev/null || true; KEYWAY_PID=""; }
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$KEYWAY_PID/status"; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

cat >"$WORK/tenants.lua" <<LUA
math.randomseed(os.time())
local due = $COUNT - math.floor($COUNT / 100)
request = function()
  return wrk.format("GET", "/v1/services/hubspot/token?tag=tenantId:t" .. math.random(0, due - 1))
end
LUA

run_backend() {
    local backend=$1 dir="$WORK/$1" db=()
    if [ "$backend" = postgres ]; then db=(--database "$PG_URL"); fi
    start_keyway "$dir" "${db[@]}"
    stop_keyway
    local key
    key=$(sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' "$dir/profile.json")
    local seeded
    if [ -f "$dir.seeded" ]; then
        seeded="seeded earlier: $(cat "$dir.seeded")"
    else
        seeded=$("$BIN/keyway-bench" --seed "$COUNT" --data-dir "$dir" "${db[@]}")
        sed -n 1p <<<"$seeded" >"$dir.seeded"
    fi
    start_keyway "$dir" "${db[@]}"
    local startup=$STARTUP_MS
    sleep 2
    local idle
    idle=$(rss_mb)
    local api="http://127.0.0.1:$PORT/v1" auth=(-H "Authorization: Bearer $key")
    curl -sf "${auth[@]}" "$api/services/hubspot/token?tag=tenantId:t1" >/dev/null || {
        echo "$backend: a seeded identity could not be read"; tail -5 "$dir.log"; return 1; }
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $key" -s "$WORK/tenants.lua" \
        "http://127.0.0.1:$PORT" >"$WORK/wrk-$backend.txt" &
    local wrk_pid=$!
    sleep "$(( ${DURATION%s} / 2 ))"
    local loaded
    loaded=$(rss_mb)
    wait "$wrk_pid"
    local figures
    figures=$(awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /Non-2xx/ { bad = $NF }
      END { printf "%.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx %s", rps, p50, p99, (bad == "" ? 0 : bad) }' \
        "$WORK/wrk-$backend.txt")
    # Listing by a tag a third of the identities carry: the first page, then 200 pages deep by cursor.
    local start page url next first deep
    start=$(date +%s%N)
    page=$(curl -sf "${auth[@]}" "$api/services/hubspot/identities?tag=plan:pro&limit=50")
    first=$(ms_since "$start")
    for _ in $(seq 1 199); do
        next=$(sed -n 's/.*"next":"\([^"]*\)".*/\1/p' <<<"$page")
        page=$(curl -sf "${auth[@]}" "$api/services/hubspot/identities?tag=plan:pro&limit=50&next=$next")
    done
    next=$(sed -n 's/.*"next":"\([^"]*\)".*/\1/p' <<<"$page")
    start=$(date +%s%N)
    curl -sf "${auth[@]}" "$api/services/hubspot/identities?tag=plan:pro&limit=50&next=$next" >/dev/null
    deep=$(ms_since "$start")
    local size
    if [ "$backend" = postgres ]; then
        size=$(runuser -u postgres -- "$PG_BIN/psql" -At -h 127.0.0.1 -p "$PG_PORT" -d keyway \
            -c "SELECT pg_database_size('keyway') / 1048576" 2>/dev/null || echo "?")
    else
        size=$(du -cm "$dir"/keyway.db* | awk 'END { print $1 }')
    fi
    stop_keyway
    printf '\n%s, %s identities (%s)\n' "$backend" "$COUNT" "$(date -u +%FT%TZ)"
    printf '  %s\n' "$(sed -n 1p <<<"$seeded")"
    printf '  start-up to a healthy /healthz: %s ms; resident memory idle %s MB, under load %s MB\n' "$startup" "$idle" "$loaded"
    printf '  token by tags (random tenant), wrk -t%s -c%s -d%s: %s\n' "$THREADS" "$CONNECTIONS" "$DURATION" "$figures"
    printf '  listing ?tag=plan:pro&limit=50: first page %s ms, page 201 %s ms\n' "$first" "$deep"
    sed -n '2,$p' <<<"$seeded" | sed 's/^/  /'
    printf '  database size: %s MB\n' "$size"
}

for backend in $BACKENDS; do
    if [ "$backend" = postgres ]; then
        if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
            PG_URL=$BENCH_POSTGRES_URL
        else
            PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)
            if [ -z "$PG_BIN" ] || ! id postgres >/dev/null 2>&1; then
                echo "postgres: skipped (no BENCH_POSTGRES_URL and no local PostgreSQL)"; continue
            fi
            PG_DIR="$WORK/pg"
            local_new_cluster=""
            if [ ! -f "$PG_DIR/PG_VERSION" ]; then
                mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
                runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -A trust -U postgres >/dev/null
                local_new_cluster=1
            fi
            runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w \
                -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
            [ -n "$local_new_cluster" ] && runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" keyway
            PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/keyway?sslmode=disable"
        fi
    fi
    run_backend "$backend"
done
