#!/usr/bin/env bash
# Counts the instructions `plus run` executes on a slice of the Italy-year, under valgrind's
# callgrind: a measure of the work done that a noisy host does not move (two runs of one binary
# differ by 0.03 %), for comparing builds when wall and user times wander by a quarter.
#
#   Benchmarks/instructions.sh BINARY...            # e.g. a saved build and .build/release/plus
#   EVERY=15 Benchmarks/instructions.sh BINARY...   # the slice: every 15th Ambito (the default)
#
# The slice is every EVERY-th Ambito of `Benchmarks/data/italy-1y` (generated if missing) with its
# Comuni's sheets, ASL and Provincia files and plans, the reference lists cut to them and the whole
# deliberation (so every Ambito-year of the region is still consolidated, most without sheets).
# Each binary runs on a fresh copy, one at a time on each core, single-threaded under valgrind
# (some 4 minutes each for the default slice); the profile is kept beside the summary for
# `callgrind_annotate --inclusive=yes FILE`. Valgrind cannot read Swift 6.3's debug information,
# so each binary is measured through a copy without it (its symbols stay).
# Needs valgrind (apt-get install -y valgrind) and python3. CI never runs it.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
EVERY="${EVERY:-15}"
WORK="${WORK:-/tmp/plus-instructions}"
DATA="$BENCH/data/italy-1y"

[ "$#" -ge 1 ] || { echo "usage: $0 BINARY..." >&2; exit 64; }
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install -y valgrind" >&2; exit 69; }
if [ ! -d "$DATA/inbox" ]; then
    python3 "$BENCH/generate.py" italy --years 1 --out "$DATA" >/dev/null
fi

mkdir -p "$WORK"
SLICE="$WORK/slice-$EVERY"
if [ ! -d "$SLICE" ]; then
    python3 - "$DATA/inbox" "$SLICE.tmp" "$EVERY" <<'EOF'
import csv, os, shutil, sys
source, target, every = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(target)
with open(os.path.join(source, "ambiti-membri.csv"), encoding="utf-8") as f:
    lines = f.read().splitlines(True)
ambiti = sorted({line.split(";")[0] for line in lines[1:]})
picked = set(ambiti[::every])
members = {line.split(";")[2] for line in lines[1:] if line.split(";")[0] in picked}
for name in ("ambiti-membri.csv", "enti-ambiti.csv"):
    with open(os.path.join(source, name), encoding="utf-8") as f:
        rows = f.read().splitlines(True)
    with open(os.path.join(target, name), "w", encoding="utf-8") as f:
        f.write("".join(rows[:1] + [row for row in rows[1:] if row.split(";")[0] in picked]))
for name in os.listdir(source):
    if name.startswith("comune-"):
        keep = name.split("-")[1] in members
    elif name.startswith(("asl-", "provincia-", "piano-")):
        keep = name.rsplit("-", 2)[-2].upper() in picked
    else:
        keep = name.startswith("dgr-")
    if keep:
        shutil.copy(os.path.join(source, name), os.path.join(target, name))
print(f"slice: {len(picked)} of {len(ambiti)} Ambiti, {len(os.listdir(target))} files", file=sys.stderr)
EOF
    mv "$SLICE.tmp" "$SLICE"
fi

measure() {
    local binary="$1" name="$2" run="$WORK/run-$2"
    rm -rf "$run" && mkdir -p "$run" && cp -r "$SLICE" "$run/inbox"
    strip --strip-debug -o "$run/plus" "$binary"
    cp -r "$(dirname "$binary")"/*.resources "$run/" 2>/dev/null || true
    valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind-$name.out" "$run/plus" run --settle 0 \
        --mappings "$ROOT/Mappings" --inbox "$run/inbox" --store "$run/plus.sqlite" --out "$run/out" \
        --rules "$DATA/regole.yaml" >"$run/run.out" 2>"$run/run.err" || true
    local total
    total=$(grep -m1 '^summary:' "$WORK/callgrind-$name.out" | awk '{print $2}')
    printf '%s\t%s\t%s\n' "$name" "$total" "$binary"
}

echo -e "name\tinstructions\tbinary"
index=0
pids=()
for binary in "$@"; do
    index=$((index + 1))
    measure "$binary" "$index-$(basename "$binary")" > "$WORK/result-$index" &
    pids+=($!)
    # One valgrind a core: the host has two.
    if [ "${#pids[@]}" -ge 2 ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
wait
cat "$WORK"/result-* && rm -f "$WORK"/result-*
