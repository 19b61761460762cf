#!/usr/bin/env bash
# Consolidation time (issue 7): `plus run` over the generated Ambiti of one year.
# Targets: region-year (25 Ambiti) < 2 s; Italy-year (601 Ambiti, 7,904 Comuni) < 60 s.
#
#   Benchmarks/consolidate.sh                       # region and italy, 5 runs each
#   SCALES=region RUNS=3 Benchmarks/consolidate.sh
#
# Environment: RUNS, SKIP_BUILD, PLUS as in compare.sh; RESULTS defaults to results/consolidate.md;
#   SCALES="region italy"      generator scales to time (one year each, 2019);
#   PLUS_RUN_ARGS="run {dir}"  the consolidation's arguments: {dir} is the generated tree, {store}
#                              a fresh store path per scale. Align once `plus run` exists.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/measure.sh
source "$BENCH/lib/measure.sh"
SCALES="${SCALES:-region italy}"
PLUS_RUN_ARGS="${PLUS_RUN_ARGS:-run {dir}}"
RESULTS="${RESULTS:-$BENCH/results/consolidate.md}"

need_gnu_time
build_plus

declare -A TARGET=([region]=2 [italy]=60)  # seconds, from issue 7
declare -A SUMMARY
remember_load
for scale in $SCALES; do
    data="$BENCH/data/$scale-1y"
    if [[ ! -f "$data/MANIFEST.json" ]]; then
        say "generating $scale (one year) in $data"
        python3 "$BENCH/generate.py" "$scale" --years 1 --out "$data" >/dev/null
    fi
    SUMMARY[$scale]="$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["ambiti"], m["comuni"], m["files"])' "$data/MANIFEST.json") $(du -sm "$data" | cut -f1)"
    if plus_has run; then
        args="${PLUS_RUN_ARGS//\{dir\}/$data}"
        args="${args//\{store\}/$WORK/$scale.sqlite}"
        # shellcheck disable=SC2086 # the arguments are a template split on blanks on purpose
        measure "$scale" "$RUNS" no_check -- "$PLUS" $args
    else
        NOTE[$scale]="n/a: \`plus run\` not available"
    fi
done

TABLE="$WORK/table.md"
{
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — \`plus $PLUS_RUN_ARGS\`, one year"
    echo
    machine_line
    echo "Medians of $RUNS runs, whole process (\`/usr/bin/time\`)."
    echo
    echo "| scale | Ambiti | Comuni | files | MB | wall s | peak MiB | target | note |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
    for scale in $SCALES; do
        read -r ambiti comuni files megabytes <<<"${SUMMARY[$scale]}"
        if [[ -n "${WALL[$scale]:-}" ]]; then
            awk -v w="${WALL[$scale]}" -v r="${RSS[$scale]}" -v t="${TARGET[$scale]:-}" 'BEGIN {
                printf "%.2f | %.1f | ", w, r / 1024
                if (t == "") printf "—"; else printf "< %d s: %s", t, (w < t + 0 ? "met" : "NOT met") }' >"$WORK/cells"
            echo "| $scale | $ambiti | $comuni | $files | $megabytes | $(cat "$WORK/cells") | ${NOTE[$scale]} |"
        else
            echo "| $scale | $ambiti | $comuni | $files | $megabytes | n/a | n/a | ${TARGET[$scale]:+< ${TARGET[$scale]} s} | ${NOTE[$scale]:-not run} |"
        fi
    done
    echo
} >"$TABLE"

mkdir -p "$(dirname "$RESULTS")"
cat "$TABLE" >>"$RESULTS"
cat "$TABLE"
say "appended to $RESULTS"
