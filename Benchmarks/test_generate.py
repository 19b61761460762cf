"""Checks of generate.py: same arguments give the same bytes, and the amounts add up.

    python3 Benchmarks/test_generate.py
"""

import csv
import filecmp
import fnmatch
import io
import re
import sys
import tempfile
import unittest
import unittest.mock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

MAPPINGS = Path(__file__).resolve().parent.parent / "Mappings"


def cents(text: str) -> int:
    """`1.234,56` or `1234.56` in cents, without floating point."""
    text = text.strip()
    if not text:
        return 0
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    whole, _, fraction = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int((fraction + "00")[:2]))


def read_csv(path: Path, delimiter: str = ";") -> list[dict]:
    data = path.read_bytes()
    text = data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("cp1252")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def file_patterns() -> dict[str, str]:
    """Each CSV mapping's `match: filename:` glob, read from Mappings/ without a YAML library."""
    patterns = {}
    for path in MAPPINGS.glob("*.yaml"):
        found = re.search(r'^\s+filename:\s*"([^"]+)"', path.read_text(encoding="utf-8"), re.MULTILINE)
        if found:
            patterns[path.stem] = found.group(1)
    return patterns


class GenerateTests(unittest.TestCase):
    def generate(self, *args: str) -> Path:
        out = Path(self.enterContext(tempfile.TemporaryDirectory()))
        with open("/dev/null", "w") as null, unittest.mock.patch("sys.stdout", null):
            generate.main([*args, "--out", str(out)])
        return out

    def test_same_arguments_give_identical_bytes(self):
        for args in (["oristano", "--years", "2"], ["sheet", "--size-mb", "0.3"]):
            first, second = self.generate(*args), self.generate(*args)
            self.assertEqual(tree(first), tree(second))
            match, mismatch, errors = filecmp.cmpfiles(first, second, tree(first), shallow=False)
            self.assertEqual((mismatch, errors), ([], []), args)

    def test_another_seed_gives_other_amounts(self):
        first, second = self.generate("oristano"), self.generate("oristano", "--seed", "other")
        path = "inbox/piano-servizi-or-2019.csv"
        self.assertNotEqual((first / path).read_bytes(), (second / path).read_bytes())

    def test_the_inbox_is_flat_and_every_file_has_its_mapping(self):
        out = self.generate("region", "--services", "6")
        inbox = out / "inbox"
        self.assertEqual([p for p in inbox.iterdir() if p.is_dir()], [])
        self.assertFalse((inbox / "MANIFEST.json").exists())  # `plus run` would reject it
        patterns = file_patterns()
        expected = {  # file → the mapping `plus run` must choose (see FileImport)
            "ambiti-membri.csv": "ambiti-membri", "enti-ambiti.csv": "enti-ambiti",
            "piano-servizi-*.csv": "piano-servizi", "piano-riparto-*.csv": "piano-riparto",
            "comune-*-scheda-*.csv": "comune-scheda", "asl-*.csv": "asl-dichiarazione",
            "provincia-or-*.csv": "provincia-dichiarazione", "provincia-[!o]*.csv": "provincia-export",
        }
        for path in inbox.iterdir():
            if path.suffix == ".xml":
                self.assertRegex(path.name, r"^dgr-\d{4}\.xml$")
                continue
            mapping = next(m for glob, m in expected.items() if fnmatch.fnmatch(path.name, glob))
            self.assertTrue(fnmatch.fnmatch(path.name, patterns[mapping]), (path.name, mapping))
        # Reference: every Comune of Sardinia once, in one of 25 Ambiti coded as the XSD wants.
        members = read_csv(inbox / "ambiti-membri.csv")
        self.assertEqual(len(members), 377)
        codes = {row["ambito"] for row in members}
        self.assertEqual(len(codes), 25)
        self.assertTrue(all(re.fullmatch(r"[A-Z]{2,4}", code) for code in codes), codes)
        enti = read_csv(inbox / "enti-ambiti.csv")
        self.assertEqual({row["ambito"] for row in enti}, codes)
        self.assertEqual({row["asl"] for row in enti if row["ambito"] == "OR"}, {"asl:ASL5"})

    def test_deliberation_follows_the_rule_set(self):
        out = self.generate("region", "--services", "6")
        xml = (out / "inbox" / "dgr-2019.xml").read_text()
        fund = cents(re.search(r"<plus:fondo>([0-9.]+)</plus:fondo>", xml).group(1))
        self.assertEqual(fund, generate.SARDINIA_FUND_CENTS[2019])
        rows = re.findall(
            r'<plus:ambito codice="(\w+)" nome="[^"]*">\s*<plus:popolazione>(\d+)</plus:popolazione>\s*'
            r"<plus:quotaPartiUguali>([0-9.]+)</plus:quotaPartiUguali>\s*<plus:quotaPopolazione>([0-9.]+)"
            r"</plus:quotaPopolazione>\s*<plus:quotaUdP>([0-9.]+)</plus:quotaUdP>\s*<plus:totale>([0-9.]+)", xml)
        self.assertEqual(len(rows), 25)
        population = [int(r[1]) for r in rows]
        equal, by_population, udp, total = ([cents(r[i]) for r in rows] for i in (2, 3, 4, 5))
        self.assertEqual(sum(total), fund)
        # The rule set's convention: UdP by the 35,000 threshold (strictly above is large) first,
        # then 40 % of the rest rounded half up in equal parts, the remainder by population.
        self.assertEqual(udp, [7_600_000 if p > 35_000 else 6_100_000 for p in population])
        rest = fund - sum(udp)
        equal_part = (rest * 4_000 + 5_000) // 10_000
        self.assertEqual(equal, generate.split(equal_part, [1] * 25))
        self.assertEqual(by_population, generate.split(rest - equal_part, population))
        self.assertEqual(total, [e + p + u for e, p, u in zip(equal, by_population, udp)])
        self.assertLessEqual(sum(udp), generate.SARDINIA_UDP_CAP_CENTS)

    def test_amounts_add_up_across_files(self):
        out = self.generate("region", "--services", "12")
        inbox = out / "inbox"
        xml = (inbox / "dgr-2019.xml").read_text()
        allocation = {m[0]: cents(m[1]) for m in re.findall(
            r'<plus:ambito codice="(\w+)".*?<plus:totale>([0-9.]+)</plus:totale>', xml, re.DOTALL)}
        members: dict[str, list[dict]] = {}
        for row in read_csv(inbox / "ambiti-membri.csv"):
            members.setdefault(row["ambito"], []).append(row)
        for code in ("OR", "CAA", "SUC"):
            stem = f"{code.lower()}-2019"
            services = read_csv(inbox / f"piano-servizi-{stem}.csv")
            riparto = read_csv(inbox / f"piano-riparto-{stem}.csv")
            self.assertEqual({s["Ambito"] for s in services} | {r["Ambito"] for r in riparto}, {code})
            self.assertEqual(sum(cents(s["Fondo regionale PLUS"]) for s in services), allocation[code])
            shares: dict[tuple[str, str], int] = {}
            for row in riparto:
                ente = row["Ente"] if ":" in row["Ente"] else f"comune:{row['Ente']}"
                shares[(row["Codice servizio"], ente)] = cents(row["Importo"])
            comuni = sorted(members[code], key=lambda row: row["codice_istat"])
            for service in services:
                sources = [cents(service[c]) for c in generate.FUNDING_COLUMNS]
                self.assertEqual(sum(sources), cents(service["Costo totale"]))
                code_ = service["Codice servizio"]
                quota = {e: v for (s, e), v in shares.items() if s == code_ and e.startswith("comune:")}
                self.assertEqual(sum(quota.values()), cents(service["Quota Comuni"]))
                # The split follows the criterion over every member, in ISTAT-code order (rule R105).
                criterion, line = service["Criterio di riparto"], cents(service["Quota Comuni"])
                if line and criterion in ("residenti", "parti_uguali"):
                    weights = [int(c["popolazione"]) if criterion == "residenti" else 1 for c in comuni]
                    expected = generate.split(line, weights)
                    self.assertEqual([quota.get(f"comune:{c['codice_istat']}", 0) for c in comuni], expected)
                if service["Gestione"].startswith("comune:"):
                    self.assertEqual(criterion, "quota_fissa")
            # Every Comune sheet declares exactly its shares.
            for comune in comuni:
                istat = comune["codice_istat"]
                sheet = next(inbox.glob(f"comune-{istat}-*-scheda-2019.csv"))
                rows = read_csv(sheet)
                self.assertTrue(rows, sheet.name)
                declared = {(r[list(r)[2]], f"comune:{istat}"): cents(r[list(r)[4]]) for r in rows}
                expected = {k: v for k, v in shares.items() if k[1] == f"comune:{istat}"}
                self.assertEqual(declared, expected, sheet.name)
            for declaration in inbox.glob(f"*-{stem}.csv"):
                if declaration.name.startswith("asl-") or (declaration.name.startswith("provincia-")
                                                           and not declaration.name.startswith("provincia-or-")):
                    rows = read_csv(declaration, ",")
                    self.assertEqual({r["ambito"] for r in rows}, {code})
                    self.assertEqual({(r["codice_servizio"], r["ente"]): cents(r["importo"]) for r in rows},
                                     {k: v for k, v in shares.items() if k[1] == rows[0]["ente"]})

    def test_notes_are_quoted_multiline_with_delimiters_and_quotes(self):
        out = self.generate("oristano")
        raw = b"".join(p.read_bytes() for p in (out / "inbox").glob("comune-*.csv"))
        self.assertRegex(raw, rb'"[^"\r]*\n[^"]*"')  # a newline inside a quoted field
        self.assertIn(b'""a domanda individuale""', raw)
        self.assertIn(b"\x80", raw)  # the euro sign of a Windows-1252 header

    def test_split_matches_largest_remainder(self):
        self.assertEqual(generate.split(100, [1, 1, 1]), [34, 33, 33])
        self.assertEqual(generate.split(-100, [1, 1, 1]), [-34, -33, -33])
        self.assertEqual(generate.italian(123456789), "1.234.567,89")
        self.assertEqual([generate.letters(n) for n in (1, 26, 27, 52, 53)], ["A", "Z", "AA", "AZ", "BA"])

    def test_italy_has_601_ambiti_covering_every_comune(self):
        comuni = generate.read_comuni(generate.DEFAULT_COMUNI)
        ambiti = generate.italian_ambiti(comuni)
        self.assertEqual(len(ambiti), 601)
        self.assertEqual(sum(len(a.members) for a in ambiti), len(comuni))
        self.assertEqual(len({a.code for a in ambiti}), len(ambiti))
        self.assertTrue(all(re.fullmatch(r"[A-Z]{2,4}", a.code) for a in ambiti))
        # One act over all of them: the fund covers the UdP shares, the cap covers their sum.
        allocation = generate.allocate(ambiti, 2019)
        self.assertEqual(sum(a["totale"] for a in allocation.values()), allocation["OR"]["fondo"])
        self.assertLessEqual(sum(a["udp"] for a in allocation.values()), len(ambiti) * generate.UDP_LARGE_CENTS)

    def test_italy_has_a_rule_set_of_its_own_that_its_act_satisfies(self):
        # Sardinia's rule set cannot govern one act over 601 Ambiti (its cap and published totals
        # are Sardinia's): the generated Ambiti name a region whose rule set is written beside the inbox.
        comuni = generate.read_comuni(generate.DEFAULT_COMUNI)
        ambiti = generate.italian_ambiti(comuni)
        out = Path(self.enterContext(tempfile.TemporaryDirectory()))
        generate.write_enti(out / "enti-ambiti.csv", ambiti, generate.ITALY_RULE_REGION)
        self.assertEqual({row["regione"] for row in read_csv(out / "enti-ambiti.csv")}, {"italia-sintetica"})
        allocation = generate.allocate(ambiti, 2019)
        udp_cap = len(ambiti) * generate.UDP_LARGE_CENTS
        rules = generate.italy_rule_set([2018, 2019], {2018: 1, 2019: allocation["OR"]["fondo"]}, udp_cap).decode()
        self.assertIn("\nregion: italia-sintetica\n", rules)
        self.assertIn("\nvalid_years: 2018-2019\n", rules)
        self.assertIn(f'\n  2019: "{generate.plain(allocation["OR"]["fondo"])}"\n', rules)
        self.assertIn(f'\n  udp_cap: "{generate.plain(udp_cap)}"\n', rules)
        self.assertLessEqual(sum(a["udp"] for a in allocation.values()), udp_cap)
        # Sardinia's own data names no region: its Ambiti keep the Sardinian rule set.
        generate.write_enti(out / "enti-sardegna.csv", ambiti[:2])
        self.assertNotIn("regione", read_csv(out / "enti-sardegna.csv")[0])


if __name__ == "__main__":
    unittest.main()
