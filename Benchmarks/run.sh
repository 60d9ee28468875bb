#!/usr/bin/env bash
# Keyway's benchmark, measured as a user would: wrk against release builds, every path in one run.
#
#   bash Benchmarks/run.sh            # build release, start everything, print req/s, p50, p99 and the ratios
#
# It starts: Keyway (release, `serve --sandbox`, default log level), a bare Hummingbird 2 route serving a
# token-shaped JSON of the same size (`keyway-bench --bare`), a fixed upstream (nginx returning a fixed body)
# and nginx `proxy_pass` to it with a bearer header. Keyway's proxy goes to the same upstream.
# Settings: BENCH_DURATION (10s), BENCH_CONNECTIONS (20), BENCH_THREADS (2), BENCH_NO_BUILD=1 to skip the
# build, BENCH_LOG_LEVEL to pass --log-level to Keyway (default: Keyway's default, info), BENCH_BIN for a
# folder holding release binaries already built, BENCH_PERF=<file> to also record a `perf record -e cpu-clock -g`
# profile of Keyway under token reads by id, by tags and the proxy (one load each, BENCH_DURATION long).
#   bash Benchmarks/run.sh --million  # a million identities in SQLite and PostgreSQL instead: Benchmarks/million.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --million ]; then exec bash Benchmarks/million.sh; fi

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-20}
THREADS=${BENCH_THREADS:-2}
KEYWAY_PORT=${BENCH_KEYWAY_PORT:-18080}
BARE_PORT=${BENCH_BARE_PORT:-18081}
UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-18082}
NGINX_PORT=${BENCH_NGINX_PORT:-18083}

# wrk and nginx from Debian, where missing.
if ! command -v wrk >/dev/null || ! { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk nginx-light >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    swift build -c release --product keyway
    swift build -c release --product keyway-bench
fi
BIN=${BENCH_BIN:-$(swift build -c release --show-bin-path)}

WORK=$(mktemp -d /tmp/keyway-benchmark.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

TOKEN_BODY='{"accessToken":"sbx-at-0123456789abcdefghijklmnopqrstuvwxyz012345","expiresAt":"2026-11-25T12:00:00.000Z","identityId":"idn_0123456789abcdef","native":{"expires_in":1800,"hub_id":62515,"token_type":"bearer"}}'
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
    uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
    upstream fixed { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; }
    server {
        listen 127.0.0.1:$UPSTREAM_PORT;
        location / { default_type application/json; return 200 '{"results":[{"id":"1","properties":{"email":"a@example.com"}}]}'; }
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://fixed;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Authorization "Bearer sbx-at-0123456789abcdefghijklmnopqrstuvwxyz012345";
        }
    }
}
CONF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log"

"$BIN/keyway-bench" --bare "$BARE_PORT" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
LEVEL=(); [ -n "${BENCH_LOG_LEVEL:-}" ] && LEVEL=(--log-level "$BENCH_LOG_LEVEL")
START_NS=$(date +%s%N)
"$BIN/keyway" serve --sandbox --allow-private-urls --data-dir "$WORK/keyway" --port "$KEYWAY_PORT" "${LEVEL[@]}" \
    >"$WORK/keyway.log" 2>&1 &
KEYWAY_PID=$!
PIDS+=($KEYWAY_PID)
BASE=http://127.0.0.1:$KEYWAY_PORT
for _ in $(seq 1 300); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.02; done
STARTUP_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$BARE_PORT/token" >/dev/null && break; sleep 0.05; done

API=$BASE/v1
KEY=$(sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' "$WORK/keyway/profile.json")
AUTH=(-H "Authorization: Bearer $KEY")

# A service like the sandbox HubSpot whose API is the fixed upstream, for the proxy.
curl -sf -X PUT "$API/services/upstream" "${AUTH[@]}" -H 'Content-Type: application/json' -d "{
  \"provider\":\"hubspot\",\"scopes\":[\"oauth\",\"crm.objects.contacts.read\",\"crm.objects.contacts.write\"],\"clientId\":\"sandbox-client-id\",\"clientSecret\":\"sandbox-client-secret\",
  \"authorizationUrl\":\"$BASE/sandbox/hubspot/oauth/authorize\",\"tokenUrl\":\"$BASE/sandbox/hubspot/oauth/2026-03/token\",
  \"apiBaseUrl\":\"http://127.0.0.1:$UPSTREAM_PORT\"}" >/dev/null || {
    echo "could not create the upstream service"; curl -s "$API/services/hubspot" "${AUTH[@]}"; exit 1; }

# Walks the sandbox consent page like a browser; prints the new identity's id.
connect() {
    local service=$1 tenant=$2 jar="$WORK/cookies-$1" session url consent page fields action callback finished
    session=$(curl -sf -X POST "$API/services/$service/sessions" "${AUTH[@]}" -H 'Content-Type: application/json' \
        -d "{\"tags\":{\"tenantId\":\"$tenant\"},\"finishedUrl\":\"http://127.0.0.1:9/finished\"}")
    url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' <<<"$session")
    consent=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$url")
    page=$(curl -s -c "$jar" -b "$jar" "$consent")
    fields=$(grep -o '<input type="hidden" name="[^"]*" value="[^"]*">' <<<"$page" |
        sed 's/.*name="\([^"]*\)" value="\([^"]*\)">/\1=\2/; s/&amp;/\&/g' |
        while IFS='=' read -r name value; do printf -- '--data-urlencode\n%s=%s\n' "$name" "$value"; done)
    mapfile -t args <<<"$fields"
    action=${consent%%\?*}
    callback=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "${args[@]}" --data-urlencode decision=allow "$action")
    finished=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$callback")
    sed -n 's/.*[?&]identityId=\([^&]*\).*/\1/p' <<<"$finished"
}
ID=$(connect hubspot contoso)
PROXY_ID=$(connect upstream contoso)
[ -n "$ID" ] && [ -n "$PROXY_ID" ] || { echo "could not connect an identity"; tail -20 "$WORK/keyway.log"; exit 1; }

# One wrk run: prints "req/s p50_ms p99_ms".
measure() {
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
    awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec/ { rps = $2 }
      $1 == "50%" { p50 = ms($2) }
      $1 == "99%" { p99 = ms($2) }
      /Non-2xx/ { bad = $NF }
      END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' <<<"$out"
}

echo "warming up"
wrk -t1 -c4 -d2s "http://127.0.0.1:$BARE_PORT/token" >/dev/null
wrk -t1 -c4 -d2s -H "Authorization: Bearer $KEY" "$API/services/hubspot/identities/$ID/token" >/dev/null
wrk -t1 -c4 -d2s -H "Authorization: Bearer $KEY" -H "Keyway-Identity: $PROXY_ID" "$API/proxy/upstream/contacts" >/dev/null

declare -A R
row() { R[$1]=$(measure "${@:2}"); }
row bare "http://127.0.0.1:$BARE_PORT/token"
row byid -H "Authorization: Bearer $KEY" "$API/services/hubspot/identities/$ID/token"
row bytags -H "Authorization: Bearer $KEY" "$API/services/hubspot/token?tag=tenantId:contoso"
row healthz "$BASE/healthz"
row upstream "http://127.0.0.1:$UPSTREAM_PORT/contacts"
row nginx "http://127.0.0.1:$NGINX_PORT/contacts"
row proxy -H "Authorization: Bearer $KEY" -H "Keyway-Identity: $PROXY_ID" "$API/proxy/upstream/contacts"
RSS_KB=$(awk '/VmRSS/ { print $2 }' "/proc/$KEYWAY_PID/status")

printf '\nwrk -t%s -c%s -d%s --latency, one run (%s)\n' "$THREADS" "$CONNECTIONS" "$DURATION" "$(date -u +%FT%TZ)"
printf '%-44s %10s %9s %9s %8s  %s\n' path req/s p50_ms p99_ms non2xx ratio
line() {  # name key base-key label
    read -r rps p50 p99 bad <<<"${R[$2]}"
    read -r brps _ bp99 _ <<<"${R[$3]}"
    printf '%-44s %10s %9s %9s %8s  %s\n' "$1" "$rps" "$p50" "$p99" "$bad" \
        "$(awk -v a="$rps" -v b="$brps" -v p="$p99" -v q="$bp99" -v l="$4" 'BEGIN { printf "%.3fx %s (p99 %.2fx)", a / b, l, p / q }')"
}
line "bare Hummingbird 2 route, fixed token JSON" bare bare bare
line "GET …/identities/{id}/token" byid bare bare
line "GET …/token?tag=tenantId:contoso" bytags bare bare
line "GET /healthz through Keyway's middleware" healthz bare bare
line "fixed upstream (nginx return)" upstream upstream upstream
line "nginx proxy_pass, bearer header set" nginx nginx nginx
line "Keyway proxy to the same upstream" proxy nginx nginx
printf '\nKeyway start-up to a healthy /healthz: %s ms; resident memory after the load: %s MB\n' \
    "$STARTUP_MS" "$((RSS_KB / 1024))"
echo "goals: token reads >= 0.5x bare with p99 <= 2x bare's; proxy >= 0.6x nginx"

# What the audit log and the metrics cost token reads: a side-by-side run of its own (Benchmarks/observability.sh).
BENCH_NO_BUILD=1 bash Benchmarks/observability.sh

if [ -n "${BENCH_PERF:-}" ]; then
    for target in "byid $API/services/hubspot/identities/$ID/token" "bytags $API/services/hubspot/token?tag=tenantId:contoso" \
        "proxy $API/proxy/upstream/contacts"; do
        read -r name url <<<"$target"
        perf record -e cpu-clock -g -p "$KEYWAY_PID" -o "$BENCH_PERF.$name" -- sleep "${DURATION%s}" 2>/dev/null &
        PERF=$!
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $KEY" -H "Keyway-Identity: $PROXY_ID" \
            "$url" >/dev/null
        wait "$PERF" || true
        echo "profile of $name: $BENCH_PERF.$name (perf report -i $BENCH_PERF.$name --no-children)"
    done
fi
