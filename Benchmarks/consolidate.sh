#!/usr/bin/env bash
# Consolidation time (issue 7): `plus run` over the generated inbox of one year.
# Targets: region-year (25 Ambiti, 377 Comuni) < 2 s (issue 7); Italy-year (601 Ambiti, 7,904 Comuni)
# < 20 s (issue 14; it was 60 s in issue 7).
#
#   Benchmarks/consolidate.sh                       # region and italy, 5 runs each
#   SCALES=region RUNS=3 SKIP_BUILD=1 Benchmarks/consolidate.sh
#
# Every run starts from a fresh copy of the generated inbox, a fresh store and an empty output
# folder (`plus run` moves the files it takes into archive/); the copy is not timed. The run's
# JSON summary (its last line of output) must say that every file was accepted and no Ambito-year
# has errors, else the row says what went wrong.
#
# The targets were set on one host, and hosts of the same kind differ (the same build has taken
# the Italy-year in 20 s on one and in 66 s on another): each scale is also read by plain C +
# libcsv (`c-baseline/csvcount --each`, every CSV file of the inbox, same runs), and the table
# gives `plus run`'s time as a multiple of it, a figure that travels between hosts (not for a
# reading under 0.1 s, as the region's: `/usr/bin/time` counts hundredths).
#
# Environment: RUNS, SKIP_BUILD, PLUS as in compare.sh; RESULTS defaults to results/consolidate.md;
#   SCALES="region italy"   generator scales to time (one year, 2019; data in data/SCALE-1y/);
#   PLUS_RUN_ARGS           the run's arguments, a template: {inbox}, {store} and {out} are the
#                           fresh inbox, store and output folder of each run
#                           (default "run --settle 0 --inbox {inbox} --store {store} --out {out}"); when the
#                           generated data has a rule set of its own (italy: regole.yaml, for the
#                           region its Ambiti name), `--rules` gives it to the run.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/measure.sh
source "$BENCH/lib/measure.sh"
SCALES="${SCALES:-region italy}"
# --settle 0: the copied inbox is complete; the default settle would leave every file just copied waiting.
DEFAULT_RUN_ARGS='run --settle 0 --inbox {inbox} --store {store} --out {out}'  # braces would end ${...:-} early
PLUS_RUN_ARGS="${PLUS_RUN_ARGS:-$DEFAULT_RUN_ARGS}"
RESULTS="${RESULTS:-$BENCH/results/consolidate.md}"

need_gnu_time
build_plus
make -s -C "$BENCH/c-baseline" csvcount

declare -A TARGET=([region]=2 [italy]=20)  # seconds: issue 7 for the region, issue 14 for Italy
declare -A SUMMARY
RUN_DIR="$WORK/run"

# PREPARE hook of measure: the generated inbox copied afresh, no store, no outputs.
fresh_run() {
    set_aside "$RUN_DIR"
    mkdir -p "$RUN_DIR"
    cp -r "$DATA/inbox" "$RUN_DIR/inbox"
}

# The check of measure: every run's summary says all files accepted, no Ambito-year with errors.
check_summary() {
    python3 - "$FILES" "$1".* <<'PYTHON'
import json, sys
expected, outputs = int(sys.argv[1]), sys.argv[2:]
notes = set()
for path in outputs:
    lines = [line for line in open(path, encoding="utf-8").read().splitlines() if line.strip()]
    s = json.loads(lines[-1]) if lines else {}
    if s.get("accepted") == expected and s.get("files") == expected and not s.get("rejected") and not s.get("withErrors"):
        notes.add(f"{s['accepted']:,}/{expected:,} files accepted, {len(s['validated'])} Ambito-years validated, none with errors")
    else:
        notes.add(f"CHECK FAILED: accepted {s.get('accepted')}/{expected}, rejected {s.get('rejected')}, "
                  f"with errors {len(s.get('withErrors') or [])}")
print("; ".join(sorted(notes)))
PYTHON
}

remember_load
for scale in $SCALES; do
    DATA="$BENCH/data/$scale-1y"
    if [[ ! -f "$DATA/MANIFEST.json" || ! -d "$DATA/inbox" ]]; then
        say "generating $scale (one year) in $DATA"
        python3 "$BENCH/generate.py" "$scale" --years 1 --out "$DATA" >/dev/null
    fi
    read -r ambiti comuni FILES < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["ambiti"], m["comuni"], m["files"])' "$DATA/MANIFEST.json")
    SUMMARY[$scale]="$ambiti $comuni $FILES $(du -sm "$DATA/inbox" | cut -f1)"
    # The host's yardstick: plain C reading the same CSV files (the deliberations' XML aside).
    mapfile -t CSVS < <(find "$DATA/inbox" -name '*.csv' | sort)
    measure "$scale.c" "$RUNS" no_check -- "$BENCH/c-baseline/csvcount" --each "${CSVS[@]}"
    if plus_has run; then
        args="${PLUS_RUN_ARGS//\{inbox\}/$RUN_DIR/inbox}"
        args="${args//\{store\}/$RUN_DIR/plus.sqlite}"
        args="${args//\{out\}/$RUN_DIR/out}"
        # The generated Italy's Ambiti name a region of their own, whose rule set is generated too.
        if [[ -f "$DATA/regole.yaml" ]]; then args+=" --rules $DATA/regole.yaml"; fi
        # shellcheck disable=SC2086 # the arguments are a template split on blanks on purpose
        PREPARE=fresh_run measure "$scale" "$RUNS" check_summary -- "$PLUS" $args
    else
        NOTE[$scale]="n/a: \`plus run\` not available"
    fi
done
set_aside "$RUN_DIR"

TABLE="$WORK/table.md"
{
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — \`plus $PLUS_RUN_ARGS\`, one year"
    echo
    machine_line
    echo "Medians of $RUNS runs (\`runs s\`: fastest-slowest), whole process (\`/usr/bin/time\`), each from a fresh copy of the"
    echo "inbox and an empty store; load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| scale | Ambiti | Comuni | files | MB | wall s | runs s | peak MiB | target | C + libcsv reading s | × C | run summary |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"
    for scale in $SCALES; do
        read -r ambiti comuni files megabytes <<<"${SUMMARY[$scale]}"
        if [[ -n "${WALL[$scale]:-}" ]]; then
            range="$(sort -g "$WORK/$scale.wall" | sed -n '1p;$p' | paste -sd'-')"
            awk -v w="${WALL[$scale]}" -v r="${RSS[$scale]}" -v t="${TARGET[$scale]:-}" -v range="$range" \
                -v c="${WALL[$scale.c]:-}" 'BEGIN {
                printf "%.2f | %s | %.1f | ", w, range, r / 1024
                if (t == "") printf "—"; else printf "< %d s: %s", t, (w < t + 0 ? "met" : "NOT met")
                if (c == "") printf " | n/a | n/a"; else if (c + 0 >= 0.1) printf " | %.2f | %.1f×", c, w / c; else printf " | %.2f | —", c }' >"$WORK/cells"
            echo "| $scale | $ambiti | $comuni | $files | $megabytes | $(cat "$WORK/cells") | ${NOTE[$scale]} |"
        else
            echo "| $scale | $ambiti | $comuni | $files | $megabytes | n/a | n/a | n/a | ${TARGET[$scale]:+< ${TARGET[$scale]} s} | ${WALL[$scale.c]:-n/a} | n/a | ${NOTE[$scale]:-not run} |"
        fi
    done
    echo
} >"$TABLE"

mkdir -p "$(dirname "$RESULTS")"
cat "$TABLE" >>"$RESULTS"
cat "$TABLE"
say "appended to $RESULTS"
