#!/usr/bin/env bash
# CI: run each fuzz target (rules, report) for FUZZ_SECONDS (default 60) seconds, both at once
# (one per core), seeded from fuzz/seeds, the bundled rules/ and the real reports of the corpus,
# with fuzz/gouji.dict. Built for speed (see `build` below and fuzz/README.md): no sanitizer (the
# targets are safe Rust), release without debug assertions, no comparison tracing.
# The corpus the fuzzers grow lives in a temporary directory and is never committed.
# On a crash (or an input slower than FUZZ_TIMEOUT seconds): print the input's path, its
# base64 and the command that replays it, and exit 1. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"
fuzz_dir=$(pwd)
root=$(cd .. && pwd)

seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-25}
# More libFuzzer options, e.g. FUZZ_ARGS=-rss_limit_mb=20 to see what a failure prints.
read -r -a extra <<<"${FUZZ_ARGS:-}"
targets=(rules report)

# The corpus of real reports, as .ci/run finds it (GOUJI_CORPUS is relative to the checkout).
corpus=${GOUJI_CORPUS:-../shared/corpus}
case "$corpus" in
  /*) ;;
  *) corpus="$root/$corpus" ;;
esac

# Nightly and cargo-fuzz, installed when missing.
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# The build flags, the same for `build` and `run` (other flags would make `run` build again):
# -O: release without debug assertions and overflow checks (those cost about 15 %);
# --no-trace-compares: no libFuzzer hook on every integer comparison, which cost more than half
# of the report target's time (mostly loop bounds and label scans) and found no more coverage in
# a minute than the dictionary of labels does. See fuzz/README.md.
build=(-O --no-trace-compares --sanitizer none)
# Inputs stay report-sized: the largest real report of the corpus is 17 KB.
declare -A max_len=([rules]=65536 [report]=20480)

# Build once, before the parallel runs (they would otherwise race for the build lock).
# `cargo fuzz` has no --locked: check instead that the committed lock file is unchanged.
start=$(date +%s)
cargo +nightly fuzz build "${build[@]}"
echo "fuzz: targets built in $(($(date +%s) - start)) s"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
  ! git -C "$root" diff --quiet -- fuzz/Cargo.lock; then
  echo "fuzz: fuzz/Cargo.lock changed during the build; commit the updated lock file" >&2
  git -C "$root" diff --stat -- fuzz/Cargo.lock >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Seeds: copied, never the committed directories themselves (the fuzzer writes into its corpus).
mkdir -p "$work/corpus/rules" "$work/corpus/report"
cp seeds/rules/* "$work/corpus/rules/"
for f in "$root"/rules/*.gouji; do
  cp "$f" "$work/corpus/rules/bundled-$(basename "$f")"
done
cp seeds/report/* "$work/corpus/report/"
if [ -d "$corpus/reports" ]; then
  cp "$corpus"/reports/*.txt "$work/corpus/report/"
else
  echo "fuzz: no corpus at $corpus; the report target starts from fuzz/seeds only"
fi

# Crashes are kept under fuzz/artifacts/<target>/ (ignored by git) so they can be replayed.
pids=()
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t"
  nice cargo +nightly fuzz run "${build[@]}" "$t" "$work/corpus/$t" -- \
    -dict=gouji.dict \
    -max_len="${max_len[$t]}" \
    -max_total_time="$seconds" \
    -timeout="$timeout" \
    -artifact_prefix="$fuzz_dir/artifacts/$t/" \
    -print_final_stats=1 \
    "${extra[@]}" \
    >"$work/$t.log" 2>&1 &
  pids+=($!)
done

failed=0
for i in "${!targets[@]}"; do
  t=${targets[$i]}
  status=0
  wait "${pids[$i]}" || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log" | tail -1)
  echo "fuzz: $t: ${runs:-?} inputs in $seconds s (${rate:-?}/s), exit $status"
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "fuzz: $t FAILED; the end of its log:" >&2
    tail -n 40 "$work/$t.log" >&2
    # The input libFuzzer saved ("Test unit written to <path>").
    for input in $(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$work/$t.log"); do
      echo "fuzz: $t: failing input $input" >&2
      echo "fuzz: base64: $(base64 -w0 "$input")" >&2
      echo "fuzz: replay: (cd fuzz && cargo +nightly fuzz run ${build[*]} $t $input)" >&2
    done
  fi
done
exit "$failed"
