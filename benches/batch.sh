#!/usr/bin/env bash
# Batch benchmark (figures in README.md, "Speed"): wall time and peak memory of the release
# binary over a large folder, in every output format, against `cat` of the same bytes.
# Builds the folder in /tmp by copying ../shared/corpus/reports COPIES times (default 100:
# 6,300 reports, 51 MB); never commit it. Each figure is the best of RUNS runs (default 3): the
# build machine is shared, so the best run is the one least disturbed by other work.
# Usage: benches/batch.sh [COPIES] [RUNS] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-100}"
runs="${2:-3}"
jobs="${3:-0}"
corpus=../shared/corpus/reports
dir="/tmp/gouji-batch-bench-$copies"
if [ ! -d "$dir" ]; then
  for i in $(seq -w 1 "$copies"); do
    mkdir -p "$dir/$i"
    cp "$corpus"/* "$dir/$i/"
  done
fi
cargo build --release --quiet --locked
gouji=target/release/gouji
n=$(find "$dir" -type f | wc -l)
bytes=$(du -sb "$dir" | cut -f1)
echo "$n reports, $((bytes / 1000000)) MB, $(nproc) cores, jobs=${jobs} (0: one per core)"

best() { # best wall time (s) and the peak RSS (MB) of that run, for a command
  local b_wall="" b_rss=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o /tmp/gouji-bench-time "$@" >/dev/null 2>/dev/null || true
    read -r wall rss < <(tail -n 1 /tmp/gouji-bench-time)
    if [ -z "$b_wall" ] || awk "BEGIN{exit !($wall < $b_wall)}"; then b_wall=$wall; b_rss=$rss; fi
  done
  echo "$b_wall $((b_rss / 1024))"
}

read -r cat_wall _ < <(best sh -c "find '$dir' -type f | sort | xargs cat")
printf '%-34s %8s %8s %10s\n' "command" "wall s" "peak MB" "× cat"
printf '%-34s %8s %8s %10s\n' "cat (same files)" "$cat_wall" "-" "1"
run() {
  local name="$1"; shift
  read -r wall rss < <(best "$@")
  printf '%-34s %8s %8s %10s\n' "$name" "$wall" "$rss" "$(awk "BEGIN{printf \"%.1f\", $wall / ($cat_wall > 0 ? $cat_wall : 0.01)}")"
}
run "check (human)" $gouji check -q -j "$jobs" "$dir"
run "check --format json" $gouji check -j "$jobs" --format json "$dir"
run "check --format sarif" $gouji check -j "$jobs" --format sarif "$dir"
run "check --summary 汇总.html" $gouji check -q -j "$jobs" "$dir" --summary /tmp/gouji-bench-summary.html
run "check --summary 汇总.csv" $gouji check -q -j "$jobs" "$dir" --summary /tmp/gouji-bench-summary.csv
run "extract --format json" $gouji extract -j "$jobs" "$dir"
run "extract --format csv" $gouji extract -j "$jobs" --format csv "$dir"
