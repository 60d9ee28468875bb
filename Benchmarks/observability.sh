#!/usr/bin/env bash
# What the audit log and the metrics cost token reads (issue 13's budget: at most 10%): two Keyway release
# processes side by side on the same machine, one as `serve` runs by default (audit and metrics on), one with
# `--audit off --metrics off`, each with one imported identity whose token is not due for a refresh. wrk reads
# the token by id from each in alternating rounds, so that a machine growing busier or quieter weighs on both.
#
#   bash Benchmarks/observability.sh      # Benchmarks/run.sh calls it after its own table
#
#   BENCH_OBS_COMPARE=log-level bash Benchmarks/observability.sh   # the same A/B for the access log: the
#                                      # default level (info, one line per request) against --log-level warning
#
# Settings: BENCH_OBS_DURATION (10s a round), BENCH_OBS_ROUNDS (3 a side), BENCH_CONNECTIONS (20),
# BENCH_THREADS (2), BENCH_NO_BUILD=1 to skip the build, BENCH_BIN for a folder holding release binaries
# already built, BENCH_OBS_PORT (18090; the next port is used too).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_OBS_DURATION:-10s}
ROUNDS=${BENCH_OBS_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-20}
THREADS=${BENCH_THREADS:-2}
PORT=${BENCH_OBS_PORT:-18090}
command -v wrk >/dev/null || { echo "wrk is needed (Benchmarks/run.sh installs it)"; exit 1; }

COMPARE=${BENCH_OBS_COMPARE:-observability}
case $COMPARE in
observability) OFF_ARGS=(--audit off --metrics off); ON_LABEL="audit + metrics on (default):"
    OFF_LABEL="--audit off --metrics off:   "; BUDGET="at most -10%" ;;
log-level) OFF_ARGS=(--log-level warning); ON_LABEL="--log-level info (default):  "
    OFF_LABEL="--log-level warning:         "; BUDGET="the access log is not to halve throughput" ;;
*) echo "BENCH_OBS_COMPARE is observability or log-level"; exit 1 ;;
esac

[ -n "${BENCH_NO_BUILD:-}" ] || swift build -c release --product keyway
BIN=${BENCH_BIN:-$(swift build -c release --show-bin-path)}

WORK=$(mktemp -d /tmp/keyway-observability.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

declare -A URL
# Starts Keyway `name` on `port` with extra serve arguments; sets URL[name] to its token-by-id URL and KEY_<name>.
start() {
    local name=$1 port=$2 base key expires answer id
    shift 2
    "$BIN/keyway" serve --sandbox --data-dir "$WORK/$name" --port "$port" "$@" >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    base=http://127.0.0.1:$port
    for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.02; done
    for _ in $(seq 1 100); do [ -s "$WORK/$name/profile.json" ] && break; sleep 0.05; done
    key=$(sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' "$WORK/$name/profile.json")
    expires=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
    answer=$(curl -sf -X POST "$base/v1/services/hubspot/identities" -H "Authorization: Bearer $key" \
        -H 'Content-Type: application/json' -d "{\"tags\":{\"tenantId\":\"contoso\"},\"credentials\":{
        \"accessToken\":\"sbx-at-0123456789abcdefghijklmnopqrstuvwxyz012345\",\"refreshToken\":\"sbx-rt-bench\",
        \"expiresAt\":\"$expires\"}}") || { echo "could not import an identity into $name"; tail -20 "$WORK/$name.log"; exit 1; }
    id=$(grep -o '"id" *: *"[^"]*"' <<<"$answer" | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
    URL[$name]="$base/v1/services/hubspot/identities/$id/token"
    printf -v "KEY_$name" '%s' "$key"
}
start on "$PORT"
start off "$((PORT + 1))" "${OFF_ARGS[@]}"

read_token() {  # name [wrk options…]: prints req/s and p99 (ms)
    local name=$1 key_var="KEY_$1"
    shift
    wrk --latency "$@" -H "Authorization: Bearer ${!key_var}" "${URL[$name]}" | awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec/ { rps = $2 }
      $1 == "99%" { p99 = ms($2) }
      END { printf "%.0f %.2f\n", rps, p99 }'
}
for name in on off; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(eval echo "\$KEY_$name")" "${URL[$name]}")" = 200 ] ||
        { echo "the token read of $name does not answer 200"; tail -20 "$WORK/$name.log"; exit 1; }
    read_token "$name" -t1 -c4 -d2s >/dev/null
done

ON=(); OFF=()
for round in $(seq 1 "$ROUNDS"); do
    ON+=("$(read_token on -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION")")
    OFF+=("$(read_token off -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION")")
    echo "round $round: ${ON_LABEL%%:*} ${ON[-1]% *} req/s (p99 ${ON[-1]#* } ms), ${OFF_LABEL%%:*} ${OFF[-1]% *} req/s (p99 ${OFF[-1]#* } ms)"
done
mean() { printf '%s\n' "${@:2}" | awk -v f="$1" '{ s += $f } END { printf "%.2f", s / NR }'; }
ON_MEAN=$(mean 1 "${ON[@]}"); ON_MEAN=${ON_MEAN%.*}
OFF_MEAN=$(mean 1 "${OFF[@]}"); OFF_MEAN=${OFF_MEAN%.*}
printf '\nToken reads by id (wrk -t%s -c%s, %s x %s a side, alternating; %s)\n' \
    "$THREADS" "$CONNECTIONS" "$ROUNDS" "$DURATION" "$(date -u +%FT%TZ)"
printf '  %s %8s req/s, p99 %s ms (means)\n' "$ON_LABEL" "$ON_MEAN" "$(mean 2 "${ON[@]}")"
printf '  %s %8s req/s, p99 %s ms (means)\n' "$OFF_LABEL" "$OFF_MEAN" "$(mean 2 "${OFF[@]}")"
awk -v on="$ON_MEAN" -v off="$OFF_MEAN" -v budget="$BUDGET" 'BEGIN {
    printf "  default / other: %.3fx (%+.1f%%); budget: %s\n", on / off, (on / off - 1) * 100, budget }'
