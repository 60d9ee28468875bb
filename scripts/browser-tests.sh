#!/usr/bin/env bash
# Browser tests: starts a real `keyway serve --sandbox --connect-page` (the debug build) on a free loopback port
# with a temporary data folder, and drives headless Chromium through the dashboard and the connect page with
# selenium (Tests/Browser/dashboard_test.py). Screenshots of every page go to a folder this script prints
# (KEYWAY_SCREENSHOTS to choose it). Needs Debian's chromium and chromium-driver, and selenium from PyPI; when
# they are missing it fails, unless KEYWAY_BROWSER_TESTS=skip-if-missing (scripts/test.sh sets that off CI).
set -euo pipefail
cd "$(dirname "$0")/.."

driver=$(command -v chromedriver || true)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$driver" ] || [ -z "$browser" ] || ! python3 -c 'import selenium' 2>/dev/null; then
    if [ "${KEYWAY_BROWSER_TESTS:-}" = skip-if-missing ] && [ -z "${CI:-}" ]; then
        echo "############################################################################################"
        echo "# BROWSER TESTS SKIPPED: chromium, chromium-driver or selenium is missing on this machine.  #"
        echo "# CI installs them (.ci/run) and runs these tests; install them to run them here.          #"
        echo "############################################################################################"
        exit 0
    fi
    echo "browser tests need chromium, chromium-driver and selenium (apt-get install chromium chromium-driver; pip install selenium)" >&2
    exit 1
fi

bin=${KEYWAY_BIN:-$(swift build --show-bin-path)}
[ -x "$bin/keyway" ] || swift build --product keyway
work=$(mktemp -d)
shots=${KEYWAY_SCREENSHOTS:-$work/screenshots}
mkdir -p "$shots"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$bin/keyway" serve --sandbox --connect-page --session-lifetime 20 --host 127.0.0.1 --port "$port" \
    --data-dir "$work/data" >"$work/serve.log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 150); do
    grep -q "Admin API key" "$work/serve.log" && grep -q "sandbox HubSpot is served" "$work/serve.log" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 0.2
done
key=$(grep -A1 "Admin API key" "$work/serve.log" | tail -1 | tr -d ' ')
echo "Browser tests against http://127.0.0.1:$port (log: $work/serve.log)"
status=0
KEYWAY_URL="http://127.0.0.1:$port" KEYWAY_API_KEY="$key" KEYWAY_SCREENSHOTS="$shots" \
    CHROMEDRIVER="$driver" CHROMIUM="$browser" python3 Tests/Browser/dashboard_test.py || status=$?
echo "Screenshots of every page: $shots"
[ "$status" = 0 ] || tail -40 "$work/serve.log"
exit "$status"
