# Shared by compare.sh and consolidate.sh: run a command several times under GNU time and keep
# the medians of wall time and peak RSS. Sourced after the caller sets BENCH (this folder).

ROOT="$(cd "$BENCH/.." && pwd)"
RUNS="${RUNS:-5}"
PLUS="${PLUS:-$ROOT/.build/release/plus}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

say() { printf '== %s\n' "$*" >&2; }

# set_aside DIR: moves a finished run's folder out of the way, to be deleted when the script
# exits, instead of deleting it before the next run. Deleting an Italy-year's 25,000 files and
# 700 MB just before the next run doubled that run's kernel time (6 -> 12 s of CPU, 3 s of wall
# time): ext4 skips inodes freed in the last minute when it allocates new ones, and the nightly
# job users run does not follow such a deletion.
set_aside() {
    [[ -e "$1" ]] || return 0
    local aside
    aside="$(mktemp -d "$WORK/set-aside.XXXXXX")"
    mv "$1" "$aside/"
}

need_gnu_time() {
    if [[ ! -x /usr/bin/time ]]; then
        say "installing GNU time"
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    fi
}

build_plus() {
    [[ -n "${SKIP_BUILD:-}" ]] && return 0
    say "building plus in release"
    (cd "$ROOT" && swift build -c release --product plus >&2) || say "plus did not build: its rows will read n/a"
}

# A subcommand that does not exist yet makes ArgumentParser exit non-zero on --help; the package
# skeleton's executable ignores its arguments, so the help must also show the subcommand's usage.
plus_has() {
    local help
    [[ -x "$PLUS" ]] && help="$("$PLUS" "$1" --help 2>&1)" || return 1
    grep -qiE "(usage|uso): *plus $1" <<<"$help"
}

# Other work on the machine skews every number: say how much there was.
remember_load() { LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"; }

machine_line() {
    echo "Machine: $(nproc) cores, $(lscpu | sed -nE 's/^Model name: *//p' | head -1), $(free -h | awk '/^Mem:/ { print $2 }') RAM, $(uname -sr); load average before the runs: ${LOAD:-unknown}."
}

declare -A WALL RSS CPU NOTE
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure NAME RUNS CHECK -- COMMAND...: sets WALL, RSS (KiB) and CPU (user + system seconds, all
# threads: on a loaded machine steadier than wall time) of NAME to the medians of RUNS runs. CHECK is a function given the first run's stdout file;
# every run's stdout is kept as that file's name with .RUN appended (RUN from 1).
# PREPARE, if set, names a function called with the run number before each run, untimed: for a
# command that consumes its input (plus run moves its inbox away), it lays out a fresh copy.
# OK_CODES, if set, lists the exit codes that count as a completed run (default: 0 only); plus
# exits 1 when the data has errors, which its check then reports.
measure() {
    local name="$1" runs="$2" check="$3"
    shift 4
    local walls="$WORK/$name.wall" rsss="$WORK/$name.rss" cpus="$WORK/$name.cpu"
    : >"$walls"; : >"$rsss"; : >"$cpus"
    say "$name: $runs runs: $*"
    for ((run = 1; run <= runs; run++)); do
        [[ -n "${PREPARE:-}" ]] && "$PREPARE" "$run"
        # Outputs are kept only for the check; plus's JSON otherwise goes to /dev/null.
        local out="/dev/null"
        [[ "$check" != no_check ]] && out="$WORK/$name.out.$run"
        local code=0
        /usr/bin/time -f '%e %M %U %S' -o "$WORK/time" "$@" >"$out" 2>"$WORK/$name.err" || code=$?
        if [[ " ${OK_CODES:-0} " != *" $code "* ]]; then
            say "$name failed (run $run, exit $code):"; tail -5 "$WORK/$name.err" >&2
            NOTE[$name]="failed (exit $code)"; return 0
        fi
        read -r wall rss user system < <(tail -1 "$WORK/time")
        echo "$wall" >>"$walls"; echo "$rss" >>"$rsss"; awk -v u="$user" -v s="$system" 'BEGIN { print u + s }' >>"$cpus"
    done
    WALL[$name]="$(median <"$walls")"
    RSS[$name]="$(median <"$rsss")"
    CPU[$name]="$(median <"$cpus")"
    [[ "$check" != no_check ]] && cp "$WORK/$name.out.1" "$WORK/$name.out"
    NOTE[$name]="$($check "$WORK/$name.out")"
}

no_check() { echo ""; }
