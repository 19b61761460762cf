#!/usr/bin/env python3
"""Mutation fuzzing of `plus import` over the sample sheets, deliberations and workbooks.

Each case takes a file from SampleData/, applies one to four mutations (bit flips, byte
insertions and deletions, injected quotes, delimiters and line breaks, truncation, byte order
marks, huge cells, repeated rows, deep nesting, entities, invalid UTF-8...) and runs
`plus import FILE --mapping M --format json` with a time limit (a workbook once: a signal or a
timeout fails it; a mutated .xlsx once crashed ZIPFoundation's reading). A CSV is imported three times:
with the sequential reader, with the parallel one on small blocks (the internal switch
PLUS_READER / PLUS_READER_BLOCK, see Sources/PlusCSV/Reading/ReaderOverride.swift), and
sequentially with the byte plan off (PLUS_BYTE_PLAN=off: every row through the general path).
The parallel reader's blocks are read by the tokenizer of CByteScan; a fourth import reads them
with libcsv instead (PLUS_TOKENIZER=libcsv), the reference.

The run FAILS (exit 1) when a case
  - ends on a signal (negative return code, or 128+ from a shell),
  - runs over the time limit,
  - gives a different exit code or a different JSON report with the two readers, with the
    tokenizer or libcsv, or with the byte plan on and off.
Every case is also imported once without --mapping, recognised as `plus run` recognises it (its
header, title rows above it, its name): a signal or a timeout there fails it too.
Each failing input is kept in the findings folder with a note of the command that reproduces it.

Python 3 standard library only. Examples:
  python3 Tests/Fuzz/fuzz.py --seconds 120 --seed 1        # the CI run
  python3 Tests/Fuzz/fuzz.py --seconds 3600 --seed 42      # a long run
  python3 Tests/Fuzz/fuzz.py --replay .build/fuzz-findings/case-000123.csv --mapping comune-scheda
"""

import argparse
import fnmatch
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]

# Which mapping reads which sample (first match wins); XML mappings have no filename rule.
MAPPINGS = [
    ("comune-*-scheda*.csv", "comune-scheda"),
    ("asl*-dichiarazione*.csv", "asl-dichiarazione"),
    ("provincia*-dichiarazione*.csv", "provincia-dichiarazione"),
    ("capofila-riparto*.csv", "capofila-riparto"),
    ("capofila-servizi*.csv", "capofila-servizi"),
    ("ambiti-*.csv", "ambiti-membri"),
    ("enti-*.csv", "enti-ambiti"),
    ("dgr-*.xml", "deliberazione-akn"),
    ("ripartizione-*.xml", "ripartizione-semplice"),
]
CSV_MAPPINGS = sorted({m for pattern, m in MAPPINGS if pattern.endswith(".csv")})
# The largest input made: above the 8 MB from which the importer reads in parallel by itself,
# far below what would make the fuzzer itself run out of memory (a huge cell repeated 20,000 times).
MAX_INPUT = 12 << 20


def mapping_for(name):
    for pattern, mapping in MAPPINGS:
        if fnmatch.fnmatch(name, pattern):
            return mapping
    return None


# Workbooks (.xlsx and .ods, ZIP archives of XML parts) with the mapping that reads their first
# sheet: only a signal or a timeout fails them (there is one reader of workbooks to compare).
WORKBOOKS = [
    ("Tests/PlusWorkbookTests/Fixtures/oristano.xlsx", "comune-scheda"),
    ("Tests/PlusWorkbookTests/Fixtures/oristano.ods", "comune-scheda"),
    ("Tests/PlusWorkbookTests/Fixtures/varie.xlsx", "comune-scheda"),
    ("Tests/PlusWorkbookTests/Fixtures/varie.ods", "comune-scheda"),
    ("SampleData/istat/Elenco-comuni-italiani-2019.xlsx", "istat-comuni-2019"),
]


def corpus():
    """Every (path, mapping, bytes) to mutate: the samples, the workbooks, and the first workbook
    rewritten in ZIP64 form (its positions in ZIP64 fields, which ZIPFoundation trusted)."""
    files = []
    for path in sorted((REPOSITORY / "SampleData").rglob("*")):
        if path.suffix in (".csv", ".xml") and path.is_file() and mapping_for(path.name):
            files.append((path, mapping_for(path.name), path.read_bytes()))
    for name, mapping in WORKBOOKS:
        if (REPOSITORY / name).is_file():
            files.append((REPOSITORY / name, mapping, (REPOSITORY / name).read_bytes()))
    workbook = REPOSITORY / WORKBOOKS[0][0]
    if workbook.is_file():
        files.append((workbook.with_name("oristano-zip64.xlsx"), WORKBOOKS[0][1], zip64_form(workbook.read_bytes())))
    return files


def u16(data, at):
    return int.from_bytes(data[at:at + 2], "little")


def u32(data, at):
    return int.from_bytes(data[at:at + 4], "little")


def end_record(data):
    """Where the last end-of-central-directory record starts, or None."""
    at = data.rfind(b"PK\x05\x06")
    return at if at >= 0 and at + 22 <= len(data) else None


def zip64_form(data):
    """The archive as a ZIP64 writer stores it: each entry past the first gives its sizes and its
    local header's position in a ZIP64 extra field (the 32-bit fields all ones), and a ZIP64 end
    record with its locator stands before the end record (as HostileWorkbookTests.zip64Form)."""
    end = end_record(data)
    start, entries = u32(data, end + 16), u16(data, end + 10)
    directory, at = b"", start
    for _ in range(entries):
        names, extra, comment = u16(data, at + 28), u16(data, at + 30), u16(data, at + 32)
        header = bytearray(data[at:at + 46])
        body = data[at + 46:at + 46 + names + extra + comment]
        name, extras, remark = body[:names], body[names:names + extra], body[names + extra:]
        if u32(data, at + 42) > 0:
            values = [u32(data, at + 24), u32(data, at + 20), u32(data, at + 42)]
            extras += b"\x01\x00\x18\x00" + b"".join(v.to_bytes(8, "little") for v in values)
            for field in (24, 20, 42):
                header[field:field + 4] = b"\xff\xff\xff\xff"
            header[30:32] = len(extras).to_bytes(2, "little")
        directory += bytes(header) + name + extras + remark
        at += 46 + names + extra + comment
    record = (b"PK\x06\x06" + (44).to_bytes(8, "little") + (45).to_bytes(2, "little") * 2 + bytes(8)
              + entries.to_bytes(8, "little") * 2 + len(directory).to_bytes(8, "little") + start.to_bytes(8, "little"))
    locator = b"PK\x06\x07" + bytes(4) + (start + len(directory)).to_bytes(8, "little") + (1).to_bytes(4, "little")
    tail = bytearray(data[end:])
    tail[8:12] = b"\xff\xff\xff\xff"
    tail[12:16] = len(directory).to_bytes(4, "little")
    tail[16:20] = b"\xff\xff\xff\xff"
    return data[:start] + directory + record + locator + bytes(tail)


# --- mutations: each takes (bytes, rng) and returns bytes -------------------------------------

def bit_flips(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if data:
            index = rng.randrange(len(data))
            data[index] ^= 1 << rng.randrange(8)
    return bytes(data)


def insert_bytes(data, rng):
    at = rng.randint(0, len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return data[:at] + junk + data[at:]


def delete_bytes(data, rng):
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 256):]


def inject_syntax(data, rng):
    """Quotes, delimiters, line breaks and markup, where they hurt most."""
    tokens = [b'"', b'""', b'";"', b';', b',', b'\t', b'\n', b'\r', b'\r\n', b'\n\n', b'"\n"',
              b'<', b'>', b'</', b'/>', b'&', b'&amp;', b'&#0;', b'&#xD800;', b'&undefined;', b']]>',
              b'<![CDATA[', b'<!--', b'-->', b'\x00', b'\xff\xfe', b'\xc3', b'\xe2\x82']
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(data))
        data[at:at] = rng.choice(tokens)
    return bytes(data)


def truncate(data, rng):
    return data[:rng.randint(0, len(data))] if data else data


def add_bom(data, rng):
    boms = [b'\xef\xbb\xbf', b'\xff\xfe', b'\xfe\xff', b'\xef\xbb\xbf\xef\xbb\xbf']
    if rng.random() < 0.3:
        # Really transcode, so that the BOM tells the truth (or half of it, once truncated).
        return b'\xff\xfe' + data.decode("latin-1").encode("utf-16-le")
    return rng.choice(boms) + data


def huge_cell(data, rng):
    """A cell or attribute of up to 2 MiB: digits, letters or quotes."""
    size = rng.choice([4096, 65536, 1 << 20, 2 << 20])
    fill = rng.choice([b'9', b'x', b'"', b'1.', b' '])
    at = rng.randint(0, len(data))
    return data[:at] + (fill * (size // len(fill))) + data[at:]


def repeat_rows(data, rng):
    """One line repeated thousands of times: the shape that made XML quadratic."""
    lines = data.split(b'\n')
    if len(lines) < 3:
        return data
    index = rng.randrange(1, len(lines) - 1)
    count = min(rng.choice([100, 2000, 20000]), MAX_INPUT // (len(lines[index]) + 1))
    return b'\n'.join(lines[:index] + [lines[index]] * count + lines[index:])


def deep_nesting(data, rng):
    depth = rng.choice([300, 5000, 100000])
    opening, closing = (b'<a>' * depth, b'</a>' * depth) if rng.random() < 0.7 else (b'"' * depth, b'')
    at = rng.randint(0, len(data))
    return data[:at] + opening + closing + data[at:]


def entities(data, rng):
    doctype = rng.choice([
        b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        b'<!DOCTYPE r SYSTEM "file:///etc/passwd">',
        b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1/x">%p;]>',
    ])
    if data.startswith(b'<?xml'):
        end = data.find(b'?>') + 2
        return data[:end] + doctype + data[end:]
    return doctype + data


def swap_line_endings(data, rng):
    return data.replace(b'\n', rng.choice([b'\r\n', b'\r', b'\n\r', b'\x0b']))


def splice(data, rng, others):
    other = rng.choice(others)
    return data[:rng.randint(0, len(data))] + other[rng.randint(0, len(other)):]


def zip_positions(data, rng):
    """Sets one field of an archive that says where to read, or how much, to a value at an edge:
    a central directory entry's sizes, local header position or lengths, a ZIP64 extra field's
    values, the end record's or the ZIP64 end record's count and directory position."""
    fields = []
    at = data.find(b"PK\x01\x02")
    while at >= 0 and at + 46 <= len(data):
        fields += [(at + 20, 4), (at + 24, 4), (at + 42, 4), (at + 28, 2), (at + 30, 2)]
        extra = at + 46 + u16(data, at + 28)
        if data[extra:extra + 2] == b"\x01\x00":
            fields += [(extra + 4 + 8 * k, 8) for k in range(3) if extra + 12 + 8 * k <= len(data)]
        at = data.find(b"PK\x01\x02", at + 4)
    end = end_record(data)
    if end is not None:
        fields += [(end + 10, 2), (end + 16, 4)]
    record = data.rfind(b"PK\x06\x06")
    if record >= 0 and record + 56 <= len(data):
        fields += [(record + 32, 8), (record + 48, 8)]
    if not fields:
        return bit_flips(data, rng)
    at, width = rng.choice(fields)
    edges = [0, 1, len(data) - 1, len(data), len(data) + 1, 2 ** 31, 2 ** 32 - 1, 2 ** 63 - 1, 2 ** 63, 2 ** 64 - 1]
    value = rng.choice(edges) % (1 << (8 * width))
    data = bytearray(data)
    data[at:at + width] = value.to_bytes(width, "little")
    return bytes(data)


MUTATIONS = [bit_flips, insert_bytes, delete_bytes, inject_syntax, truncate, add_bom, huge_cell,
             repeat_rows, deep_nesting, entities, swap_line_endings]
ZIP_MUTATIONS = MUTATIONS + [zip_positions] * 4


def mutate(data, rng, others):
    names = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.08:
            data, name = splice(data, rng, others), "splice"
        else:
            mutation = rng.choice(ZIP_MUTATIONS if data[:2] == b"PK" else MUTATIONS)
            data, name = mutation(data, rng), mutation.__name__
        names.append(name)
        if len(data) > MAX_INPUT:
            data = data[:MAX_INPUT]
            names.append("cut to MAX_INPUT")
    return data, names


# --- running --------------------------------------------------------------------------------

class Outcome:
    def __init__(self, code=None, stdout=b"", stderr=b"", timed_out=False):
        self.code, self.stdout, self.stderr, self.timed_out = code, stdout, stderr, timed_out

    @property
    def crashed(self):
        return self.code is not None and (self.code < 0 or self.code >= 128)

    def report(self):
        try:
            return json.loads(self.stdout) if self.stdout.strip() else None
        except ValueError:
            return self.stdout


def run_import(plus, path, mapping, reader, timeout, block=None, byte_plan=True, tokenizer=True):
    env = dict(os.environ, PLUS_READER=reader)
    if tokenizer:
        env.pop("PLUS_TOKENIZER", None)
    else:
        env["PLUS_TOKENIZER"] = "libcsv"
    if byte_plan:
        env.pop("PLUS_BYTE_PLAN", None)
    else:
        env["PLUS_BYTE_PLAN"] = "off"
    if block:
        env["PLUS_READER_BLOCK"] = str(block)
    else:
        env.pop("PLUS_READER_BLOCK", None)
    # Without a mapping the file is recognised as `plus run` recognises it (header, title rows, name).
    command = [str(plus), "import", str(path)] + (["--mapping", mapping] if mapping else []) + [
               "--format", "json", "--mappings", str(REPOSITORY / "Mappings")]
    try:
        done = subprocess.run(command, env=env, capture_output=True, timeout=timeout)
        return Outcome(done.returncode, done.stdout, done.stderr)
    except subprocess.TimeoutExpired as expired:
        return Outcome(None, expired.stdout or b"", expired.stderr or b"", timed_out=True)


def compare(failures, sequential, other, label, differs):
    """Adds what is wrong with `other`, a second way of importing the same input (`label`)."""
    if other.timed_out:
        failures.append(f"timeout (with {label})")
    elif other.crashed:
        failures.append(f"signal or crash: exit {other.code} (with {label}): "
                        + other.stderr.decode("utf-8", "replace")[-400:])
    elif other.code != sequential.code:
        failures.append(f"exit {sequential.code} as reference, {other.code} with {label}")
    elif other.report() != sequential.report():
        failures.append(f"different JSON reports: {differs}")


def check(plus, path, mapping, timeout, rng):
    """The failures of one input, as sentences; empty when it passed."""
    sequential = run_import(plus, path, mapping, "sequential", timeout)
    failures = []
    if sequential.timed_out:
        failures.append(f"timeout after {timeout} s (sequential reader)")
    elif sequential.crashed:
        failures.append(f"signal or crash: exit {sequential.code} (sequential reader): "
                        + sequential.stderr.decode("utf-8", "replace")[-400:])
    recognised = run_import(plus, path, None, "sequential", timeout)
    if recognised.timed_out:
        failures.append(f"timeout after {timeout} s (recognised without --mapping)")
    elif recognised.crashed:
        failures.append(f"signal or crash: exit {recognised.code} (recognised without --mapping): "
                        + recognised.stderr.decode("utf-8", "replace")[-400:])
    if path.suffix != ".csv" or failures:
        return failures
    block = rng.choice([1, 7, 64, 4096])
    compare(failures, sequential, run_import(plus, path, mapping, "parallel", timeout, block),
            f"the parallel reader, block {block}", f"sequential and parallel (block {block})")
    compare(failures, sequential, run_import(plus, path, mapping, "parallel", timeout, block, tokenizer=False),
            f"the parallel reader's blocks read by libcsv, block {block}",
            f"sequential and parallel with libcsv, not the tokenizer (block {block})")
    compare(failures, sequential, run_import(plus, path, mapping, "sequential", timeout, byte_plan=False),
            "the byte plan off", "with the byte plan on and off")
    return failures


def keep(findings, number, path, mapping, mutations, failures):
    findings.mkdir(parents=True, exist_ok=True)
    target = findings / f"case-{number:06d}{path.suffix}"
    shutil.copyfile(path, target)
    note = target.with_suffix(target.suffix + ".txt")
    note.write_text(
        f"mapping: {mapping}\nmutations: {', '.join(mutations)}\n" + "\n".join(failures)
        + f"\nreplay: python3 Tests/Fuzz/fuzz.py --replay {target} --mapping {mapping}\n")
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plus", default=str(REPOSITORY / ".build/debug/plus"), help="the plus executable")
    parser.add_argument("--seconds", type=float, default=120, help="stop starting new cases after this long")
    parser.add_argument("--cases", type=int, default=0, help="stop after this many cases (0: no limit)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed: the same seed, the same cases")
    parser.add_argument("--timeout", type=float, default=30, help="time limit of one import, in seconds")
    parser.add_argument("--findings", default=str(REPOSITORY / ".build/fuzz-findings"), help="where failing inputs are kept")
    parser.add_argument("--replay", help="run one file as a case (with --mapping) instead of fuzzing")
    parser.add_argument("--mapping", help="the mapping of --replay")
    arguments = parser.parse_args()

    plus = Path(arguments.plus)
    if not os.access(plus, os.X_OK):
        print(f"fuzz: no executable at {plus}: build first (swift build)", file=sys.stderr)
        return 2
    rng = random.Random(arguments.seed)
    if arguments.replay:
        path = Path(arguments.replay)
        failures = check(plus, path, arguments.mapping or mapping_for(path.name), arguments.timeout, rng)
        print("\n".join(failures) or "passed")
        return 1 if failures else 0

    files = corpus()
    if not files:
        print("fuzz: no sample files under SampleData/", file=sys.stderr)
        return 2
    originals = [data for _, _, data in files]
    findings = Path(arguments.findings)
    started = time.monotonic()
    cases = failed = 0
    with tempfile.TemporaryDirectory(prefix="plus-fuzz-") as scratch:
        while time.monotonic() - started < arguments.seconds and (arguments.cases == 0 or cases < arguments.cases):
            cases += 1
            index = rng.randrange(len(files))
            source, mapping, _ = files[index]
            if source.suffix == ".csv" and rng.random() < 0.1:
                mapping = rng.choice(CSV_MAPPINGS)   # a sheet read with the wrong mapping
            data, mutations = mutate(originals[index], rng, originals)
            path = Path(scratch) / f"{source.stem}-fuzz{source.suffix}"
            path.write_bytes(data)
            failures = check(plus, path, mapping, arguments.timeout, rng)
            if failures:
                failed += 1
                kept = keep(findings, cases, path, mapping, mutations, failures)
                print(f"FAIL case {cases} ({source.name}, {mapping}, {', '.join(mutations)}): {failures[0]} -> {kept}")
    elapsed = time.monotonic() - started
    print(f"fuzz: {cases} cases in {elapsed:.0f} s, seed {arguments.seed}")
    # The plain closing line CI reads: each case is a test that passed or failed.
    print(f"fuzz: {cases - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
