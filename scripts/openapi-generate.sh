#!/usr/bin/env bash
# Generates the wire types and the client (Sources/KeywayAPI/Generated/) from the contract,
# Sources/KeywayServer/Resources/openapi.yaml, with swift-openapi-generator (Tools/OpenAPIGenerator).
# The output is committed, so that building Keyway never builds the generator.
#   bash scripts/openapi-generate.sh           regenerate in place
#   bash scripts/openapi-generate.sh --check   regenerate into a temporary folder and fail if it differs (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
TOOL=Tools/OpenAPIGenerator
OUT=Sources/KeywayAPI/Generated
swift build --package-path "$TOOL" --manifest-cache none --product swift-openapi-generator >&2
GENERATOR="$(swift build --package-path "$TOOL" --show-bin-path)/swift-openapi-generator"
generate() {
    "$GENERATOR" generate Sources/KeywayServer/Resources/openapi.yaml \
        --config Sources/KeywayAPI/openapi-generator-config.yaml --output-directory "$1" >&2
}
if [ "${1:-}" = "--check" ]; then
    FRESH=$(mktemp -d)
    trap 'rm -rf "$FRESH"' EXIT
    generate "$FRESH"
    if ! diff -ru "$OUT" "$FRESH"; then
        echo "Sources/KeywayAPI/Generated is stale: run bash scripts/openapi-generate.sh and commit the result" >&2
        exit 1
    fi
    echo "Sources/KeywayAPI/Generated matches openapi.yaml"
else
    mkdir -p "$OUT"
    generate "$OUT"
fi
