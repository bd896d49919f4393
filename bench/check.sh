#!/usr/bin/env bash
# Whole-process benchmark of `speckit check` on a generated repository of 10,000 feature
# folders, next to `rg -c 'NEEDS CLARIFICATION'` over the same tree, in one hyperfine run; then
# the peak memory of each. Needs hyperfine, ripgrep and GNU time (Debian: hyperfine ripgrep time).
set -euo pipefail
cd "$(dirname "$0")/.."

features=${FEATURES:-10000}
repo=${REPO:-bench/out/repo-$features}
runs=${RUNS:-10}

cargo build --release --quiet
speckit=target/release/speckit
if [ ! -d "$repo" ]; then
    python3 bench/generate.py "$repo" --features "$features"
fi
# Warm the page cache so that both tools read from memory.
find "$repo" -type f -exec cat {} + > /dev/null

hyperfine --warmup 2 --runs "$runs" --ignore-failure --export-markdown bench/out/check.md \
    -n "speckit check" "$speckit check $repo --format json > /dev/null" \
    -n "rg -c 'NEEDS CLARIFICATION'" "rg -c 'NEEDS CLARIFICATION' $repo > /dev/null"

for command in "$speckit check $repo --format json" "rg -c NEEDS\ CLARIFICATION $repo"; do
    peak=$( { /usr/bin/time -f '%M' sh -c "$command > /dev/null" ; } 2>&1 | tail -1 )
    echo "peak RSS: $((peak / 1024)) MiB  ($command)"
done
