#!/bin/sh
# `make bench`: release builds, every benchmark, and docs/benchmarks.md. Never part of `make test`.
#   1. start-up to the first prompt (static and dynamic spiral) against `dialog` and /bin/true,
#      and peak memory of a kiosk session            scripts/bench_startup.py
#   2. review --list and export --all over 100, 1,000 and 10,000 generated plans
#                                                    scripts/bench_scale.py
#   3. in-process figures with package-benchmark     Benchmarks/
#   4. the read-aloud key to the player starting      scripts/bench_speech.py
#   5. binary size; 10,000 mixed-script lines wrapped (time, and instructions under callgrind)
#                                                    scripts/bench_text.py
#   6. a 100-goal plan exported as html, markdown, text  scripts/bench_export.py
#   7. docs/benchmarks.md                            scripts/bench_report.py (+ bench_notes.md)
# BENCH_RUNS (default 30) sets the start-up runs; BENCH_QUICK=1 runs a short pass to try it out.
set -eu
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
PY=${PYTHON:-python3}
OUT=.build/bench
RUNS=${BENCH_RUNS:-30}
SIZES=100,1000,10000
SCALE_RUNS=15
if [ "${BENCH_QUICK:-}" = 1 ]; then RUNS=5; SIZES=100,300,1000; SCALE_RUNS=3; fi

missing=""
command -v dialog >/dev/null 2>&1 || missing="$missing dialog"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
    echo "Installing$missing with apt-get (for the comparison and memory figures)…"
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi

echo "== building (release: static as make kiosk runs it, dynamic for comparison)"
./scripts/static_archives.sh .build-static/system-archives  # as make kiosk links it
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-static --product spiral-kiosk
./scripts/split_debug.sh .build-static/release/spiral-kiosk .build-static/kiosk  # as make kiosk runs it
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-static --product spiral
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-static --product spiral-plan-generator
swift build -c release --product spiral
swift build -c release --product spiral-text-bench
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-static --product spiral-export-bench
mkdir -p "$OUT"

echo "== sizes and the text layer"
$PY scripts/bench_text.py --static .build-static/kiosk/spiral-kiosk --text-bench .build/release/spiral-text-bench \
    --json "$OUT/text.json"

echo "== exporting a 100-goal plan"
$PY scripts/bench_export.py --generator .build-static/release/spiral-plan-generator \
    --export-bench .build-static/release/spiral-export-bench --json "$OUT/export.json"

echo "== start-up and memory"
$PY scripts/bench_startup.py --runs "$RUNS" --json "$OUT/startup.json" \
    --spiral "static=.build-static/kiosk/spiral-kiosk" --spiral "static, every command=.build-static/release/spiral" \
    --spiral "dynamic=.build/release/spiral"

echo "== a growing store"
$PY scripts/bench_scale.py --spiral .build-static/release/spiral \
    --generator .build-static/release/spiral-plan-generator --sizes "$SIZES" --runs "$SCALE_RUNS" \
    --work "$OUT/stores" --json "$OUT/scale.json"

echo "== reading aloud"
command -v espeak-ng >/dev/null && $PY scripts/bench_speech.py --spiral .build-static/release/spiral --json "$OUT/speech.json"

echo "== in-process (package-benchmark)"
swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark \
    --no-progress --format markdown --path stdout > "$OUT/in-process.md"

$PY scripts/bench_report.py "$OUT" > docs/benchmarks.md
echo "== docs/benchmarks.md"
cat docs/benchmarks.md
