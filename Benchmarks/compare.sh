#!/usr/bin/env bash
# Whole-process comparison with the peers (issues 7 and 14), every contender on the same bytes in
# one run, on three layouts:
#   sheet    one Comune sheet (generate.py sheet: 6 columns, multi-line quoted notes)
#   plan     the capofila's plan table (plan_table.py: servizi target, 19 columns, 11 amounts)
#   region   the regional collection (generate.py region: 478 small files of nine layouts, one year)
# Contenders: plain C + libcsv (the floor), DuckDB read + sum, DuckDB loading a persisted table,
# polars read + sum, frictionless validate, `plus import`, `plus run` (store included).
# Each runs RUNS times under /usr/bin/time; the table shows medians of wall time and peak RSS.
#
#   Benchmarks/compare.sh                                   # 250 MB files, 5 runs each
#   SIZE_MB=100 RUNS=3 LAYOUTS="sheet plan" Benchmarks/compare.sh
#
# Environment:
#   SIZE_MB=250            size of the generated sheet and plan table (MB = 10^6 bytes)
#   LAYOUTS="sheet plan region"
#   RUNS=5                 runs per contender; FRICTIONLESS_RUNS and PLUS_RUN_RUNS default to RUNS
#   ONLY="c duckdb ..."    run only these contenders (c duckdb duckdb-load polars frictionless plus-import plus-run)
#   SKIP_BUILD=1           do not run `swift build -c release` at the repo root
#   DUCKDB_THREADS=N       DuckDB threads (default: DuckDB's own choice, all cores)
#   RESULTS=path           results file to append to (default Benchmarks/results/compare.md)
#   PLUS=path              the plus executable (default: .build/release/plus at the repo root)
# plus runs as shipped: no benchmark-only flag; `PLUS_BYTE_PLAN=off` in the environment times the
# general reader alone.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/measure.sh
source "$BENCH/lib/measure.sh"
SIZE_MB="${SIZE_MB:-250}"
LAYOUTS="${LAYOUTS:-sheet plan region}"
FRICTIONLESS_RUNS="${FRICTIONLESS_RUNS:-$RUNS}"
PLUS_RUN_RUNS="${PLUS_RUN_RUNS:-$RUNS}"
ONLY="${ONLY:-c duckdb duckdb-load polars frictionless plus-import plus-run}"
RESULTS="${RESULTS:-$BENCH/results/compare.md}"
VENV="$BENCH/.venv"
PEERS="$BENCH/peers"

wants() { [[ " $ONLY " == *" $1 "* ]]; }

# --- tools ---------------------------------------------------------------------------------------
need_gnu_time
make -s -C "$BENCH/c-baseline" csvcount
if wants duckdb || wants duckdb-load || wants polars || wants frictionless; then
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "creating $VENV with duckdb, polars and frictionless"
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q "duckdb==2.0.1" "polars==2.1.0" "frictionless==5.21.0"
    fi
fi
if wants plus-import || wants plus-run; then
    build_plus
    export PLUS_MAPPINGS="$ROOT/Mappings"
fi

# --- inputs --------------------------------------------------------------------------------------
# layout_input LAYOUT sets INPUT (a file, or the inbox folder for region), CSVS (the CSV files the
# peers read), BYTES, ROWS (data rows, as libcsv counts them), EXPECTED_CENTS (empty: not summed),
# AMOUNT_COLUMN (1-based, for C), MAPPING (plus import's) and INBOX_NAME (the name plus run sees).
layout_input() {
    case "$1" in
    sheet)
        local data="$BENCH/data/sheet-$SIZE_MB"
        INPUT="$data/comune-scheda-large.csv"
        if [[ ! -f "$INPUT" || ! -f "$data/MANIFEST.json" ]]; then
            say "generating a $SIZE_MB MB sheet in $data"
            python3 "$BENCH/generate.py" sheet --size-mb "$SIZE_MB" --out "$data" >/dev/null
        fi
        EXPECTED_CENTS="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sum_importo_cents"])' "$data/MANIFEST.json")"
        AMOUNT_COLUMN=5 MAPPING=dichiarazioni-regione INBOX_NAME=dichiarazioni-regione-2019.csv ;;
    plan)
        local data="$BENCH/data/plan-$SIZE_MB"
        INPUT="$data/capofila-servizi-OR-2019.csv"
        if [[ ! -f "$INPUT" || ! -f "$data/MANIFEST.txt" ]]; then
            say "generating a $SIZE_MB MB plan table in $data"
            mkdir -p "$data"
            python3 "$BENCH/plan_table.py" "$SIZE_MB" "$INPUT" >"$data/MANIFEST.txt"
        fi
        EXPECTED_CENTS="$(sed -nE 's/.*sum_cents=(-?[0-9]+).*/\1/p' "$data/MANIFEST.txt")"
        AMOUNT_COLUMN=8 MAPPING=capofila-servizi INBOX_NAME=capofila-servizi-OR-2019.csv ;;
    region)
        local data="$BENCH/data/region-1y"
        INPUT="$data/inbox"
        if [[ ! -f "$data/MANIFEST.json" || ! -d "$INPUT" ]]; then
            say "generating the region (one year) in $data"
            python3 "$BENCH/generate.py" region --years 1 --out "$data" >/dev/null
        fi
        EXPECTED_CENTS="" AMOUNT_COLUMN="" MAPPING="" INBOX_NAME="" ;;
    *) say "unknown layout $1"; exit 2 ;;
    esac
    if [[ -d "$INPUT" ]]; then
        CSVS=("$INPUT"/*.csv)
        ROWS="$("$BENCH/c-baseline/csvcount" --each "${CSVS[@]}" | sed -E 's/^rows=([0-9]+).*/\1/')"
    else
        CSVS=("$INPUT")
        ROWS="$("$BENCH/c-baseline/csvcount" "$INPUT" "$AMOUNT_COLUMN" ";" | sed -E 's/^rows=([0-9]+).*/\1/')"
    fi
    BYTES="$(cat "${CSVS[@]}" | wc -c)"
    cat "${CSVS[@]}" >/dev/null  # warm page cache: every contender reads from memory
}

# --- checks (each gets the first run's stdout) ---------------------------------------------------
check_cents() {  # C prints sum_cents=N, or rows=N with --each
    local got; got="$(sed -nE 's/.*sum_cents=(-?[0-9]+).*/\1/p' "$1")"
    [[ -z "$EXPECTED_CENTS" ]] && { check_rows "$1"; return; }
    [[ "$got" == "$EXPECTED_CENTS" ]] && echo "sum checked" || echo "WRONG SUM $got"
}
check_decimal() {  # DuckDB and polars print sum=1234.56, or rows=N for the collection
    local got; got="$(sed -nE 's/.*sum=(-?[0-9]+)\.([0-9]{2}).*/\1\2/p' "$1" | sed -E 's/^(-?)0+([0-9])/\1\2/')"
    [[ -z "$EXPECTED_CENTS" ]] && { check_rows "$1"; return; }
    [[ "$got" == "$EXPECTED_CENTS" ]] && echo "sum checked" || echo "WRONG SUM $got"
}
check_rows() {
    local got; got="$(sed -nE 's/.*rows=([0-9]+).*/\1/p' "$1" | head -1)"
    [[ "$got" == "$ROWS" ]] && echo "$got rows" || echo "WRONG ROWS $got (libcsv: $ROWS)"
}
check_loaded() { echo "$(check_rows "$1"), typed table"; }
check_valid() { grep -q '^valid=True' "$1" && echo "valid" || echo "$(head -1 "$1")"; }
check_import() {  # the JSON report of plus import; for several files one document listing them ("items")
    python3 - "$1" <<'PYTHON'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
decoder, reports, at = json.JSONDecoder(), [], 0
while at < len(text):
    while at < len(text) and text[at].isspace():
        at += 1
    if at == len(text):
        break
    report, at = decoder.raw_decode(text, at)
    reports.extend(report["items"] if "items" in report else [report])
def count(key):
    return sum(r.get(key) or 0 for r in reports)
print(f"{len(reports)} report(s): {count('rowsAccepted'):,} rows accepted, {count('rowsRejected'):,} rejected")
PYTHON
}
check_run() { tail -1 "$1" | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
print(f"{s.get(\"accepted\")}/{s.get(\"files\")} files accepted, rejected {s.get(\"rejected\")}, Ambito-years with errors {len(s.get(\"withErrors\") or [])}")' 2>/dev/null || tail -1 "$1" | cut -c1-120; }

# PREPARE hook for plus run: a fresh inbox of hard links (copies when they cannot be), no store.
RUN_DIR="$WORK/run"
fresh_inbox() {
    set_aside "$RUN_DIR"
    mkdir -p "$RUN_DIR/inbox"
    if [[ -d "$INPUT" ]]; then
        cp -al "$INPUT/." "$RUN_DIR/inbox/" 2>/dev/null || cp -a "$INPUT/." "$RUN_DIR/inbox/"
    else
        ln "$INPUT" "$RUN_DIR/inbox/$INBOX_NAME" 2>/dev/null || cp "$INPUT" "$RUN_DIR/inbox/$INBOX_NAME"
    fi
}
bytes_of() { cat "$@" 2>/dev/null | wc -c; }

# --- measuring -----------------------------------------------------------------------------------
declare -A DISK LAYOUT_LINE
TABLE="$WORK/table.md"
remember_load
for layout in $LAYOUTS; do
    layout_input "$layout"
    LAYOUT_LINE[$layout]="$layout: $(basename "$INPUT"), $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of CSV in ${#CSVS[@]} file(s), $ROWS rows"
    say "${LAYOUT_LINE[$layout]}"
    for contender in $ONLY; do
        key="$layout.$contender"
        case "$contender" in
        c)
            if [[ -d "$INPUT" ]]; then
                measure "$key" "$RUNS" check_rows -- "$BENCH/c-baseline/csvcount" --each "${CSVS[@]}"
            else
                measure "$key" "$RUNS" check_cents -- "$BENCH/c-baseline/csvcount" "$INPUT" "$AMOUNT_COLUMN" ";"
            fi ;;
        duckdb)
            measure "$key" "$RUNS" check_decimal -- "$VENV/bin/python" "$PEERS/duckdb_sum.py" "$layout" "$INPUT" ${DUCKDB_THREADS:-} ;;
        duckdb-load)
            measure "$key" "$RUNS" check_loaded -- "$VENV/bin/python" "$PEERS/duckdb_load.py" "$layout" "$INPUT" "$WORK/load.duckdb"
            DISK[$key]="$(sed -nE 's/.*bytes=([0-9]+).*/\1/p' "$WORK/$key.out" 2>/dev/null || true)"
            rm -f "$WORK/load.duckdb" "$WORK/load.duckdb.wal" ;;
        polars)
            measure "$key" "$RUNS" check_decimal -- "$VENV/bin/python" "$PEERS/polars_sum.py" "$layout" "$INPUT" ;;
        frictionless)
            measure "$key" "$FRICTIONLESS_RUNS" check_valid -- "$VENV/bin/python" "$PEERS/validate_with_frictionless.py" "$layout" "$INPUT" ;;
        plus-import)
            if ! plus_has import; then NOTE[$key]="n/a: \`plus import\` not available"; continue; fi
            if [[ -d "$INPUT" ]]; then
                # One process over every file of the folder, the XML act too, as a user checks a
                # folder: `plus import DIR/*` loads the mappings once and lists each file's summary.
                OK_CODES="0 1" measure "$key" "$RUNS" check_import -- "$PLUS" import "$INPUT"/* --format json
            else
                OK_CODES="0 1" measure "$key" "$RUNS" check_import -- "$PLUS" import "$INPUT" --mapping "$MAPPING" --format json
            fi ;;
        plus-run)
            # What a night's run does: recognise, import, store, validate, export. `plus run` moves
            # its inbox away, so every run gets a fresh inbox and an empty store (untimed).
            if ! plus_has run; then NOTE[$key]="n/a: \`plus run\` not available"; continue; fi
            PREPARE=fresh_inbox OK_CODES="0 1" measure "$key" "$PLUS_RUN_RUNS" check_run -- "$PLUS" run --inbox "$RUN_DIR/inbox" \
                --out "$RUN_DIR/out" --store "$RUN_DIR/plus.sqlite" --settle 0
            DISK[$key]="$(bytes_of "$RUN_DIR"/plus.sqlite*)"
            set_aside "$RUN_DIR" ;;
        *) say "unknown contender $contender"; exit 2 ;;
        esac
    done
    echo "$BYTES $ROWS" >"$WORK/$layout.size"
done

# --- report --------------------------------------------------------------------------------------
label() {
    case "$1" in
    c) echo "C + libcsv $(dpkg-query -W -f '${Version}' libcsv3 2>/dev/null || true) (parse, count, sum)" ;;
    duckdb) echo "DuckDB $("$VENV/bin/python" -c 'import duckdb; print(duckdb.__version__)' 2>/dev/null) read_csv + sum" ;;
    duckdb-load) echo "DuckDB load into a persisted table" ;;
    polars) echo "polars $("$VENV/bin/python" -c 'import polars; print(polars.__version__)' 2>/dev/null) read_csv + sum" ;;
    frictionless) echo "frictionless $("$VENV/bin/python" -c 'import frictionless; print(frictionless.__version__)' 2>/dev/null) validate" ;;
    plus-import) echo "\`plus import --format json\`" ;;
    plus-run) echo "\`plus run --settle 0\` (import, store, validate, export)" ;;
    esac
}
{
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — compare.sh, layouts: $LAYOUTS"
    echo
    machine_line
    echo "Load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg). Medians of $RUNS runs (frictionless: $FRICTIONLESS_RUNS, plus run: $PLUS_RUN_RUNS),"
    echo "page cache warm, whole process (\`/usr/bin/time\`); MB/s and rows/s over the CSV bytes and data rows, from wall"
    echo "time; CPU s is user + system time of all threads (steadier than wall time when the machine is loaded)."
    for layout in $LAYOUTS; do
        read -r BYTES ROWS <"$WORK/$layout.size"
        echo
        echo "**${LAYOUT_LINE[$layout]}**"
        echo
        echo "| contender | wall s | CPU s | MB/s | rows/s | peak MiB | on disk MB | note |"
        echo "|---|---:|---:|---:|---:|---:|---:|---|"
        for contender in $ONLY; do
            key="$layout.$contender"
            if [[ -n "${WALL[$key]:-}" ]]; then
                awk -v n="$(label "$contender")" -v w="${WALL[$key]}" -v cpu="${CPU[$key]}" -v r="${RSS[$key]}" -v b="$BYTES" \
                    -v rows="$ROWS" -v disk="${DISK[$key]:-}" -v note="${NOTE[$key]}" 'BEGIN {
                    printf "| %s | %.2f | %.2f | %.1f | %.0f | %.1f | %s | %s |\n", n, w, cpu, b / 1e6 / w, rows / w, r / 1024,
                        (disk == "" ? "" : sprintf("%.1f", disk / 1e6)), note }'
            else
                echo "| $(label "$contender") | n/a | n/a | n/a | n/a | n/a | | ${NOTE[$key]:-not run} |"
            fi
        done
        # The targets of issue 14, for whatever was measured.
        awk -v p="${WALL[$layout.plus-import]:-0}" -v c="${WALL[$layout.c]:-0}" -v pc="${CPU[$layout.plus-import]:-0}" -v cc="${CPU[$layout.c]:-0}" -v pl="${WALL[$layout.polars]:-0}" \
            -v run="${WALL[$layout.plus-run]:-0}" -v load="${WALL[$layout.duckdb-load]:-0}" \
            -v rss="${RSS[$layout.plus-run]:-0}" -v disk="${DISK[$layout.plus-run]:-0}" -v b="$BYTES" 'BEGIN {
            print ""
            if (p > 0 && c > 0) printf "- plus import %.2f× the wall time of C + libcsv (target ≤ 1): %s\n", p / c, (p <= c ? "met" : "NOT met")
            if (p > 0 && c > 0 && pc > 0) printf "- plus import %.2f× the CPU time of C + libcsv (both cores may be used, so this may exceed 1 with the target met)\n", pc / cc
            if (p > 0 && pl > 0) printf "- plus import %.2f× the wall time of polars (target ≤ 1): %s\n", p / pl, (p <= pl ? "met" : "NOT met")
            if (run > 0 && load > 0) printf "- plus run %.2f× the wall time of the DuckDB load (target ≤ 4): %s\n", run / load, (run <= 4 * load ? "met" : "NOT met")
            if (run > 0) printf "- plus run peak %.0f MiB (target < 150 MB): %s\n", rss / 1024, (rss * 1024 < 150e6 ? "met" : "NOT met")
            if (run > 0 && disk > 0) printf "- plus run store %.2f× the input (target ≤ 1.5): %s\n", disk / b, (disk <= 1.5 * b ? "met" : "NOT met")
        }'
    done
    echo
} >"$TABLE"

mkdir -p "$(dirname "$RESULTS")"
cat "$TABLE" >>"$RESULTS"
cat "$TABLE"
say "appended to $RESULTS"
