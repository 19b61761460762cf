#!/usr/bin/env bash
# Builds the libFuzzer target (Tests/Fuzz/LibFuzzer, a package of its own) with coverage and
# AddressSanitizer, seeds a corpus from SampleData/ and fuzzes for SECONDS (default 300).
#
#   bash Tests/Fuzz/libfuzzer.sh            # five minutes
#   bash Tests/Fuzz/libfuzzer.sh 3600 -jobs=2
#
# Extra arguments go to libFuzzer. A crash, or a difference between the byte plan and the general
# path (PLUS_BYTE_PLAN=off) or between the sequential and parallel readers, stops the run and
# leaves the input in .build/libfuzzer/crash-*; replay it with
#   Tests/Fuzz/LibFuzzer/.build/debug/PlusFuzz .build/libfuzzer/crash-...
set -euo pipefail
cd "$(dirname "$0")/../.."
repository=$(pwd)
seconds=${1:-300}
shift || true

package=Tests/Fuzz/LibFuzzer
# Swift code gets coverage and AddressSanitizer; main.swift calls libFuzzer's driver.
swift build --package-path "$package" -c debug --product PlusFuzz -Xswiftc -sanitize=fuzzer,address
fuzzer="$package/.build/debug/PlusFuzz"

work=.build/libfuzzer
corpus=$work/corpus
mkdir -p "$corpus"
# Seeds: every sample with its selector byte (odd: CSV mapping (byte/2) mod 16 in FuzzTarget.swift's
# list, even: an XML mapping), cut to the longest input libFuzzer tries here.
seed() { { printf "\\$(printf '%03o' "$1")"; head -c 60000 "$2"; } > "$corpus/seed-$1-$(basename "$2")"; }
seed 1 SampleData/oristano/comune-cabras-scheda-2019.csv
seed 3 SampleData/oristano/capofila-servizi-2019.csv
seed 5 SampleData/oristano/capofila-riparto-2019.csv
seed 7 SampleData/oristano/asl5-dichiarazione-2019.csv
seed 9 SampleData/oristano/provincia-or-dichiarazione-2019.csv
seed 11 SampleData/riferimento/ambiti-sardegna.csv
seed 13 SampleData/riferimento/enti-sardegna.csv
seed 33 SampleData/errati/comune-cabras-scheda-2019-errata.csv
seed 21 SampleData/istat/Elenco-comuni-italiani-2019.csv
seed 23 SampleData/istat/Elenco-comuni-italiani-2019.csv
seed 25 SampleData/istat/Elenco-comuni-italiani-2024.csv
seed 27 SampleData/istat/popolazione-censimento-2011.csv
seed 29 SampleData/istat/variazioni-amministrative.csv
seed 0 SampleData/deliberazioni/dgr-2019.xml
seed 2 SampleData/deliberazioni/ripartizione-2019-semplice.xml
seed 6 SampleData/deliberazioni/dgr-2019-errata.xml

export PLUS_MAPPINGS="$repository/Mappings"
# detect_leaks=0: libxml2 and Foundation keep process-wide caches that LeakSanitizer would report.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$fuzzer" "$corpus" \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$work/" -print_final_stats=1 "$@"
