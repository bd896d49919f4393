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

hyperfine --warmup 2 --runs "$runs" --ignore-failure --export-json bench/out/check.json \
    -n "speckit check" "$speckit check $repo --format json > /dev/null" \
    -n "rg -c 'NEEDS CLARIFICATION'" "rg -c 'NEEDS CLARIFICATION' $repo > /dev/null"

python3 - <<'PY'
import json, statistics
results = json.load(open("bench/out/check.json"))["results"]
medians = {r["command"]: statistics.median(r["times"]) for r in results}
speckit, rg = medians["speckit check"], medians["rg -c 'NEEDS CLARIFICATION'"]
print(f"median speckit check: {speckit:.3f} s, rg: {rg:.3f} s, ratio {speckit / rg:.2f}")
PY

peak() {
    /usr/bin/time -f '%M' -o bench/out/peak.txt "$@" > /dev/null || true
    echo "peak RSS: $(( $(tail -1 bench/out/peak.txt) / 1024 )) MiB  ($*)"
}
peak "$speckit" check "$repo" --format json
peak rg -c 'NEEDS CLARIFICATION' "$repo"
