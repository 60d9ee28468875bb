#!/usr/bin/env bash
# Property-based API testing against a live Keyway, from the document it serves:
#  1. starts `keyway serve --sandbox` (debug build) with a fresh data folder and the admin key of `keyway init`;
#  2. runs schemathesis on GET /openapi.yaml: every operation, its stateful links, API_FUZZ_EXAMPLES cases per
#     operation and phase (default 120, about 5,000+ cases in all), checking that no answer is a 5xx and every
#     answer matches the document (status, content type, schema);
#  3. generates a Python client from the document with openapi-python-client and runs the seed journey with it
#     (scripts/python-client-journey.py).
# Prints the case count and the result; exits non-zero on any failure.
# Needs python3 with schemathesis and openapi-python-client (`pip install schemathesis openapi-python-client`).
# KEYWAY_BIN names another keyway binary; API_FUZZ_MAX_TIME bounds the schemathesis run in seconds (300).
set -euo pipefail
cd "$(dirname "$0")/.."

examples=${API_FUZZ_EXAMPLES:-120}
max_time=${API_FUZZ_MAX_TIME:-300}
bin=${KEYWAY_BIN:-}
if [ -z "$bin" ]; then
  swift build --product keyway >/dev/null
  bin="$(swift build --show-bin-path)/keyway"
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
key=$("$bin" init --data-dir "$work/data" --output json | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
"$bin" serve --sandbox --data-dir "$work/data" --port "$port" --log-level warning >"$work/serve.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null || { echo "api-fuzz: keyway did not start"; cat "$work/serve.log"; exit 1; }

echo "api-fuzz: schemathesis against $base/openapi.yaml ($examples examples per operation and phase)"
status=0
schemathesis run "$base/openapi.yaml" \
  --header "Authorization: Bearer $key" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "$examples" --max-time "$max_time" --seed "${API_FUZZ_SEED:-20261203}" \
  --request-timeout 30 --workers 2 --suppress-health-check all --no-color \
  --report ndjson --report-ndjson-path "$work/events.ndjson" || status=$?
python3 - "$work/events.ndjson" <<'EOF'
import json, sys
cases = 0
server_errors = 0
for line in open(sys.argv[1]):
    event = json.loads(line)
    # Every scenario event carries the recorded cases; count the requests that got an answer.
    for name in ("ScenarioFinished",):
        finished = event.get(name)
        if not finished:
            continue
        recorder = finished.get("recorder") or {}
        for interaction in (recorder.get("interactions") or {}).values():
            response = interaction.get("response")
            if response is None:
                continue
            cases += 1
            if response.get("status_code", 0) >= 500:
                server_errors += 1
print(f"api-fuzz: {cases} test cases answered, {server_errors} with a 5xx status")
EOF
if [ "$status" -ne 0 ]; then
  echo "api-fuzz: schemathesis found failures (exit $status)"
  exit "$status"
fi

echo "api-fuzz: generating a Python client from the served document"
curl -fsS "$base/openapi.yaml" -o "$work/openapi.yaml"
(cd "$work" && openapi-python-client generate --path openapi.yaml --meta none --output-path keyway_client >/dev/null)
PYTHONPATH="$work" python3 scripts/python-client-journey.py "$base" "$key"
echo "api-fuzz: passed"
