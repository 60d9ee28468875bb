#!/usr/bin/env bash
# Runs every test: builds the package and its tests once, then runs them without relinking, with a throwaway
# PostgreSQL cluster on loopback for the PostgreSQL cases (stopped on exit). With KEYWAY_TEST_POSTGRES_URL
# already set, that server is used instead; with KEYWAY_TEST_POSTGRES=0, no cluster is started and the
# PostgreSQL cases are skipped. Then the browser tests (scripts/browser-tests.sh: headless Chromium against a
# live `keyway serve --sandbox`); off CI they are skipped, loudly, where chromium or selenium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/postgres-test-cluster.sh
source scripts/postgres-test-cluster.sh
swift build --build-tests
if [ -z "${KEYWAY_TEST_POSTGRES_URL:-}" ] && [ "${KEYWAY_TEST_POSTGRES:-1}" != 0 ]; then
    trap postgres_test_cluster_stop EXIT
    postgres_test_cluster_start
fi
swift test --skip-build "$@"
KEYWAY_BROWSER_TESTS=${KEYWAY_BROWSER_TESTS:-skip-if-missing} bash scripts/browser-tests.sh
