#!/usr/bin/env bash
# Whole-process benchmark of three compat scripts: `speckit script NAME` against Spec Kit's own
# bash and Python scripts (specify-cli 1.2.3) on the same project, in one hyperfine run, then
# the medians and speed-up ratios. Needs hyperfine and the reference in .venv (or set
# SPECKIT_REFERENCE_VENV); .ci/run creates .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${SPECKIT_REFERENCE_VENV:-.venv}
core=$(ls -d "$venv"/lib/python3*/site-packages/specify_cli/core_pack 2>/dev/null | head -n 1)
if [ -z "$core" ]; then
    echo "error: the reference is not installed in $venv (python3 -m venv .venv && .venv/bin/pip install specify-cli==1.2.3)" >&2
    exit 1
fi
runs=${RUNS:-50}

cargo build --release --quiet
speckit=$PWD/target/release/speckit
python=$(cd "$venv" && pwd)/bin/python3

# One project with a current feature whose spec and plan exist: every run takes the same,
# write-free path (setup-plan finds the plan and leaves it).
project=$PWD/bench/out/compat-project
rm -rf "$project"
mkdir -p "$project/.specify/templates" "$project/.specify/scripts" "$project/specs/001-demo"
cp "$core"/templates/*-template.md "$project/.specify/templates/"
cp -r "$core/scripts/bash" "$core/scripts/python" "$project/.specify/scripts/"
printf '{"feature_directory":"specs/001-demo"}\n' > "$project/.specify/feature.json"
printf '# Spec\n' > "$project/specs/001-demo/spec.md"
printf '# Plan\n' > "$project/specs/001-demo/plan.md"
printf 'r\n' > "$project/specs/001-demo/research.md"
cd "$project"

scripts=.specify/scripts
hyperfine --shell=none --warmup 5 --runs "$runs" --output=null \
    --export-json "$OLDPWD/bench/out/compat.json" --export-markdown "$OLDPWD/bench/out/compat.md" \
    -n "floor: /bin/true" "true" \
    -n "setup-plan: bash" "bash $scripts/bash/setup-plan.sh --json" \
    -n "setup-plan: python" "$python $scripts/python/setup_plan.py --json" \
    -n "setup-plan: speckit" "$speckit script setup-plan --json" \
    -n "check-prerequisites: bash" "bash $scripts/bash/check-prerequisites.sh --json" \
    -n "check-prerequisites: python" "$python $scripts/python/check_prerequisites.py --json" \
    -n "check-prerequisites: speckit" "$speckit script check-prerequisites --json" \
    -n "create-new-feature: bash" "bash $scripts/bash/create-new-feature.sh --json --dry-run 'Add user authentication'" \
    -n "create-new-feature: python" "$python $scripts/python/create_new_feature.py --json --dry-run 'Add user authentication'" \
    -n "create-new-feature: speckit" "$speckit script create-new-feature --json --dry-run 'Add user authentication'"
cd "$OLDPWD"

python3 - bench/out/compat.json <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
print()
print(f"Starting any process here costs {results['floor: /bin/true']*1000:.2f} ms (median of /bin/true).")
print()
print("| script | bash median | python median | speckit median | vs bash | vs python |")
print("|---|---|---|---|---|---|")
for script in ("setup-plan", "check-prerequisites", "create-new-feature"):
    b, p, s = (results[f"{script}: {kind}"] for kind in ("bash", "python", "speckit"))
    print(f"| {script} | {b*1000:.2f} ms | {p*1000:.2f} ms | {s*1000:.2f} ms | {b/s:.0f}x | {p/s:.0f}x |")
PY
