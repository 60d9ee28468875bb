#!/usr/bin/env bash
# Runs every test: builds the package and its tests once, then runs them without relinking.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build "$@"
