#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (a package of their own, scratch path .build-fuzz) and runs each for
# the given number of seconds (default 30) from its seed corpus, Fuzz/Corpus/<target>/.
#
#   bash scripts/fuzz.sh [seconds-per-target] [target...]     # default: every target
#
# Inputs that grow coverage are kept in .build-fuzz/corpus/<target>/ and reused by the next run. A crash, a
# failed property (the targets check more than "no crash"), a hang past 10 s or memory past 2 GiB fails the
# script; the input is saved as .build-fuzz/crashes/<target>/crash-… (replay: <binary> <that file>).
# Needs a toolchain with libFuzzer (swift.org's Linux toolchains; Xcode's has none).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
shift $(($# > 0 ? 1 : 0))
all=(FuzzTokenResponse FuzzCallbackQuery FuzzProxyPath FuzzTags FuzzSealedBlob)
targets=("${@:-${all[@]}}")
scratch=.build-fuzz

[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: seconds must be a whole number, not '$seconds'" >&2; exit 2; }
for link in Fuzz/Sources/*; do
    [ -d "$link" ] || { echo "fuzz: $link no longer leads to a source folder; fix Fuzz/Sources" >&2; exit 2; }
done
for target in "${targets[@]}"; do
    [ -d "Fuzz/Targets/$target" ] || { echo "fuzz: no target '$target' (targets: ${all[*]})" >&2; exit 2; }
    [ -d "Fuzz/Corpus/$target" ] || { echo "fuzz: $target has no seed corpus in Fuzz/Corpus/$target" >&2; exit 2; }
done

# The manifest lists the excluded files by reading the source folders, so it must be evaluated afresh each time
# (a cached evaluation would keep an old list when files are added).
build=(swift build --package-path Fuzz --scratch-path "$scratch" -c release --sanitize fuzzer --manifest-cache none)
started=$SECONDS
if ! "${build[@]}"; then
    echo "fuzz: the fuzz targets do not build. If a parser now needs a file that Fuzz/Package.swift leaves out" >&2
    echo "fuzz: (the Keyway actor, or a file importing the HTTP client, NIO or Logging), see the rule there." >&2
    exit 2
fi
bin=$("${build[@]}" --show-bin-path)
echo "fuzz: built in $((SECONDS - started)) s; running ${#targets[@]} target(s) for $seconds s each"

failed=()
for target in "${targets[@]}"; do
    corpus="$scratch/corpus/$target"
    crashes="$scratch/crashes/$target"
    log="$scratch/logs/$target.log"
    mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$crashes/")
    [ -f "Fuzz/Dictionaries/$target.dict" ] && options+=(-dict="Fuzz/Dictionaries/$target.dict")
    # The Swift runtime's backtracer would take the crash signal before libFuzzer could save the input.
    if SWIFT_BACKTRACE=enable=no "$bin/$target" "${options[@]}" "$corpus" "Fuzz/Corpus/$target" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        echo "fuzz: $target: ${runs:-?} executions in $seconds s, no crash"
    else
        echo "fuzz: $target FAILED; the input is in $crashes/:" >&2
        grep -E "Fatal error|ERROR: libFuzzer|SUMMARY|Test unit written|fuzz property" "$log" | head -8 >&2 || tail -20 "$log" >&2
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]} (logs in $scratch/logs/)" >&2
    exit 1
fi
echo "fuzz: every target ran without a crash ($((SECONDS - started)) s in all)"
