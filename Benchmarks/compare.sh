#!/usr/bin/env bash
# Whole-process comparison on one generated Comune sheet (issue 7):
#   plus import, plus run on a one-file inbox (every record built and stored), plus validate,
#   plain C + libcsv (the floor), DuckDB read_csv + sum, frictionless validate.
# Each contender runs RUNS times under /usr/bin/time; the table shows medians of wall time and peak RSS.
#
#   Benchmarks/compare.sh                     # 250 MB sheet, 5 runs each
#   SIZE_MB=20 RUNS=3 Benchmarks/compare.sh   # a quick look
#
# Environment:
#   SIZE_MB=250            size of the generated sheet (MB = 10^6 bytes)
#   RUNS=5                 runs per contender (FRICTIONLESS_RUNS defaults to RUNS too)
#   FILE=path              use this sheet instead of generating one (amount sums then not checked)
#   SKIP_BUILD=1           do not run `swift build -c release` at the repo root
#   ONLY="c duckdb"        run only these contenders (plus-import plus-run plus-validate c duckdb frictionless)
#   DUCKDB_THREADS=N       DuckDB threads (default: DuckDB's own choice, all cores)
#   RESULTS=path           results file to append to (default Benchmarks/results/compare.md)
#   PLUS=path              the plus executable (default: .build/release/plus at the repo root)
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/measure.sh
source "$BENCH/lib/measure.sh"
SIZE_MB="${SIZE_MB:-250}"
FRICTIONLESS_RUNS="${FRICTIONLESS_RUNS:-$RUNS}"
ONLY="${ONLY:-plus-import plus-run plus-validate c duckdb frictionless}"
RESULTS="${RESULTS:-$BENCH/results/compare.md}"
VENV="$BENCH/.venv"

wants() { [[ " $ONLY " == *" $1 "* ]]; }

# --- tools ---------------------------------------------------------------------------------------
need_gnu_time
make -s -C "$BENCH/c-baseline" csvcount
if wants duckdb || wants frictionless; then
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "creating $VENV with duckdb and frictionless"
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q "duckdb==2.0.0" "frictionless==5.21.0"
    fi
fi

# --- input ---------------------------------------------------------------------------------------
if [[ -z "${FILE:-}" ]]; then
    DATA="$BENCH/data/sheet-$SIZE_MB"
    FILE="$DATA/comune-scheda-large.csv"
    if [[ ! -f "$FILE" || ! -f "$DATA/MANIFEST.json" ]]; then
        say "generating a $SIZE_MB MB sheet in $DATA"
        python3 "$BENCH/generate.py" sheet --size-mb "$SIZE_MB" --out "$DATA" >/dev/null
    fi
    EXPECTED_CENTS="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sum_importo_cents"])' "$DATA/MANIFEST.json")"
else
    EXPECTED_CENTS=""
fi
BYTES="$(stat -c %s "$FILE")"
ROWS="$("$BENCH/c-baseline/csvcount" "$FILE" | sed -E 's/^rows=([0-9]+).*/\1/')"
say "input: $FILE ($BYTES bytes, $ROWS rows)"

# --- plus ----------------------------------------------------------------------------------------
if wants plus-import || wants plus-run || wants plus-validate; then
    build_plus
    export PLUS_MAPPINGS="$ROOT/Mappings"
fi

# --- measuring -----------------------------------------------------------------------------------
TABLE="$WORK/table.md"
check_cents() {  # C baseline prints sum_cents=N
    local got; got="$(sed -nE 's/.*sum_cents=(-?[0-9]+).*/\1/p' "$1")"
    [[ -z "$EXPECTED_CENTS" ]] && { echo "sum $got"; return; }
    [[ "$got" == "$EXPECTED_CENTS" ]] && echo "sum checked" || echo "WRONG SUM $got"
}
check_decimal() {  # DuckDB prints sum=1234.56
    local got; got="$(sed -nE 's/.*sum=(-?[0-9]+)\.([0-9]{2}).*/\1\2/p' "$1" | sed -E 's/^(-?)0+([0-9])/\1\2/')"
    [[ -z "$EXPECTED_CENTS" ]] && { echo "sum $got"; return; }
    [[ "$got" == "$EXPECTED_CENTS" ]] && echo "sum checked" || echo "WRONG SUM $got"
}
# PREPARE hook of measure: a one-file inbox laid out afresh (a hard link when it can be), no store, no outputs.
RUN_DIR="$WORK/run"
fresh_inbox() {
    rm -rf "$RUN_DIR"
    mkdir -p "$RUN_DIR/inbox"
    ln "$FILE" "$RUN_DIR/inbox/" 2>/dev/null || cp "$FILE" "$RUN_DIR/inbox/"
}
# The check of measure for plus run: the store's size on disk and the run's one-line summary.
store_size() {
    echo "store $(du -m "$RUN_DIR/plus.sqlite" 2>/dev/null | cut -f1) MB; $(tail -1 "$1" | cut -c1-120)"
}
check_valid() { grep -q '^valid=True' "$1" && echo "valid" || echo "INVALID: $(head -2 "$1" | tr '\n' ' ')"; }

cat "$FILE" >/dev/null  # warm page cache: every contender reads from memory
remember_load

for contender in $ONLY; do
    case "$contender" in
    plus-import)
        if plus_has import; then
            measure plus-import "$RUNS" no_check -- "$PLUS" import "$FILE" --mapping dichiarazioni-regione --format json
        else NOTE[plus-import]="n/a: \`plus import\` not available"; fi ;;
    plus-run)
        # What a night's run does with the sheet: import, store, validate, export. `plus run` moves
        # its inbox away, so every run gets a fresh one-file inbox and an empty store (untimed).
        if plus_has run; then
            PREPARE=fresh_inbox measure plus-run "$RUNS" store_size -- "$PLUS" run --inbox "$RUN_DIR/inbox" \
                --out "$RUN_DIR/out" --store "$RUN_DIR/plus.sqlite" --settle 0
            rm -rf "$RUN_DIR"
        else NOTE[plus-run]="n/a: \`plus run\` not available"; fi ;;
    plus-validate)
        # `plus validate` checks an Ambito-year in the store; a sheet's own checks (every cell typed,
        # every row for one ente and year) run inside `plus import`, measured above.
        NOTE[plus-validate]="n/a: row checks run inside \`plus import\`; \`plus validate\` works on an Ambito-year in the store" ;;
    c)
        measure c "$RUNS" check_cents -- "$BENCH/c-baseline/csvcount" "$FILE" 5 ";" ;;
    duckdb)
        measure duckdb "$RUNS" check_decimal -- "$VENV/bin/python" "$BENCH/peers/duckdb_sum.py" "$FILE" ${DUCKDB_THREADS:-} ;;
    frictionless)
        measure frictionless "$FRICTIONLESS_RUNS" check_valid -- "$VENV/bin/python" "$BENCH/peers/frictionless_validate.py" "$FILE" ;;
    *) say "unknown contender $contender"; exit 2 ;;
    esac
done

# --- report --------------------------------------------------------------------------------------
label() {
    case "$1" in
    plus-import) echo "\`plus import --mapping dichiarazioni-regione --format json\`" ;;
    plus-run) echo "\`plus run --settle 0\` on a one-file inbox (import, store, validate, export)" ;;
    plus-validate) echo "\`plus validate\`" ;;
    c) echo "C + libcsv $(dpkg-query -W -f '${Version}' libcsv3 2>/dev/null || true) (parse, count, sum)" ;;
    duckdb) echo "DuckDB $("$VENV/bin/python" -c 'import duckdb; print(duckdb.__version__)' 2>/dev/null) read_csv + sum" ;;
    frictionless) echo "frictionless $("$VENV/bin/python" -c 'import frictionless; print(frictionless.__version__)' 2>/dev/null) validate" ;;
    esac
}
{
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — $(basename "$FILE"), $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $ROWS rows"
    echo
    machine_line
    echo "Medians of $RUNS runs (frictionless: $FRICTIONLESS_RUNS), page cache warm, whole process (\`/usr/bin/time\`)."
    echo
    echo "| contender | wall s | MB/s | rows/s | peak MiB | note |"
    echo "|---|---:|---:|---:|---:|---|"
    for contender in $ONLY; do
        if [[ -n "${WALL[$contender]:-}" ]]; then
            awk -v n="$(label "$contender")" -v w="${WALL[$contender]}" -v r="${RSS[$contender]}" -v b="$BYTES" \
                -v rows="$ROWS" -v note="${NOTE[$contender]}" 'BEGIN {
                    printf "| %s | %.2f | %.1f | %.0f | %.1f | %s |\n", n, w, b / 1e6 / w, rows / w, r / 1024, note }'
        else
            echo "| $(label "$contender") | n/a | n/a | n/a | n/a | ${NOTE[$contender]:-not run} |"
        fi
    done
    # The issue's targets, for whatever was measured.
    if [[ -n "${WALL[plus-import]:-}" ]]; then
        echo
        awk -v p="${WALL[plus-import]}" -v c="${WALL[c]:-0}" -v d="${WALL[duckdb]:-0}" -v f="${WALL[frictionless]:-0}" \
            -v rss="${RSS[plus-import]}" 'BEGIN {
            if (c > 0) printf "- plus import at %.0f %% of libcsv throughput (target ≥ 80 %%)\n", 100 * c / p
            if (d > 0) printf "- plus import %.2fx DuckDB wall time (target ≤ 1)\n", p / d
            if (f > 0) printf "- plus import %.1fx faster than frictionless (target ≥ 25)\n", f / p
            printf "- plus import peak %.1f MiB (target < 100 MB)\n", rss / 1024 }'
    fi
    echo
} >"$TABLE"

mkdir -p "$(dirname "$RESULTS")"
cat "$TABLE" >>"$RESULTS"
cat "$TABLE"
say "appended to $RESULTS"
