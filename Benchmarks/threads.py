#!/usr/bin/env python3
"""Where a run's wall time goes: each second, the CPU each of its threads used.

    python3 Benchmarks/threads.py [--every SECONDS] -- COMMAND...
    python3 Benchmarks/threads.py -- .build/release/plus run --settle 0 --inbox IN --store S --out OUT

Runs COMMAND (its output to threads.out and threads.err in the working folder) and reads the
process's threads from /proc every interval: one line per interval with the whole process's CPU
(200 % is two cores busy) and each group of threads by name (`plus` names its threads, without
the `plus-` prefix and their number: `read-ahead`, `map`, `filing`, `csv`, `checkpoint`; `main`
is the process's first thread). A phase bound by one thread shows that thread near 100 % and the
process under 200 %: the other cores wait for it. Linux only (it reads /proc); standard library only.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import time


def threads(pid):
    """{tid: (group name, user+system clock ticks)} of the process's live threads."""
    found = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        group = "main" if tid == str(pid) else re.sub(r"-?\d+$", "", name) or name
        found[tid] = (group, int(fields[11]) + int(fields[12]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=1.0, help="seconds between readings (default 1)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    arguments = parser.parse_args()
    command = arguments.command[1:] if arguments.command[:1] == ["--"] else arguments.command
    if not command:
        parser.error("a command to run is needed, after --")
    ticks = os.sysconf("SC_CLK_TCK")
    with open("threads.out", "w") as out, open("threads.err", "w") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        started = time.monotonic()
        before = {}
        totals = collections.Counter()
        print("| s | process % | threads (% of one core) |")
        print("|---:|---:|---|")
        while process.poll() is None:
            time.sleep(arguments.every)
            now = threads(process.pid)
            used = collections.Counter()
            for tid, (group, value) in now.items():
                used[group] += value - before.get(tid, (group, 0))[1]
            before.update(now)
            totals.update(used)
            scale = 100 / ticks / arguments.every
            parts = ", ".join(f"{group} {round(value * scale)}" for group, value in used.most_common() if value > 0)
            print(f"| {time.monotonic() - started:.{0 if arguments.every >= 1 else 1}f} | {round(sum(used.values()) * scale)} | {parts} |", flush=True)
        status = process.wait()
    wall = time.monotonic() - started
    print(f"\nexit {status}, {wall:.1f} s; CPU seconds by thread (of what was read while they lived): "
          + ", ".join(f"{group} {value / ticks:.1f}" for group, value in totals.most_common()))
    return status


if __name__ == "__main__":
    sys.exit(main())
