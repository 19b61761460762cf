"""Checks of generate.py: same arguments give the same bytes, and the amounts add up.

    python3 Benchmarks/test_generate.py
"""

import csv
import filecmp
import io
import re
import sys
import tempfile
import unittest
import unittest.mock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402


def cents(text: str) -> int:
    """`1.234,56` or `1234.56` in cents, without floating point."""
    text = text.strip()
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
        path = "OR/2019/capofila-servizi.csv"
        self.assertNotEqual((first / path).read_bytes(), (second / path).read_bytes())

    def test_amounts_add_up_across_files(self):
        out = self.generate("region", "--services", "12")
        xml = (out / "deliberazioni" / "dgr-20-2019.xml").read_text()
        allocation = {m[0]: cents(m[1]) for m in re.findall(r'<tr ambito="(\w+)">.*<td>([0-9.]+)</td></tr>', xml)}
        self.assertEqual(len(allocation), 25)
        self.assertEqual(sum(allocation.values()), generate.SARDINIA_FUND_CENTS[2019])
        for code in ("OR", "CA1", "SU3"):
            folder = out / code / "2019"
            services = read_csv(folder / "capofila-servizi.csv")
            riparto = read_csv(folder / "capofila-riparto.csv")
            self.assertEqual(sum(cents(s["Fondo regionale PLUS"]) for s in services), allocation[code])
            shares: dict[tuple[str, str], int] = {}
            for row in riparto:
                shares[(row["Codice servizio"], row["Ente"])] = cents(row["Importo"])
            for service in services:
                sources = [cents(service[c]) for c in generate.SERVIZI_HEADER[7:16]]
                self.assertEqual(sum(sources), cents(service["Costo totale"]))
                code_ = service["Codice servizio"]
                comuni = sum(v for (s, e), v in shares.items() if s == code_ and e.startswith("comune:"))
                self.assertEqual(comuni, cents(service["Quota Comuni"]))
            # Every Comune sheet declares exactly its shares.
            for sheet in (folder / "schede").iterdir():
                rows = read_csv(sheet)
                istat = sheet.name.split("-")[1]
                declared = {(r[list(r)[2]], f"comune:{istat}"): cents(r[list(r)[4]]) for r in rows}
                expected = {k: v for k, v in shares.items() if k[1] == f"comune:{istat}"}
                self.assertEqual(declared, expected, sheet.name)
            asl = read_csv(folder / "asl-dichiarazione.csv", ",") if (folder / "asl-dichiarazione.csv").exists() else []
            self.assertEqual({(r["codice_servizio"], r["ente"]): cents(r["importo"]) for r in asl},
                             {k: v for k, v in shares.items() if k[1].startswith("asl:")})

    def test_notes_are_quoted_multiline_with_delimiters_and_quotes(self):
        out = self.generate("oristano")
        raw = b"".join(p.read_bytes() for p in (out / "OR" / "2019" / "schede").iterdir())
        self.assertRegex(raw, rb'"[^"\r]*\n[^"]*"')  # a newline inside a quoted field
        self.assertIn(b'""a domanda individuale""', raw)
        self.assertIn(b"\x80", raw)  # the euro sign of a Windows-1252 header

    def test_split_matches_largest_remainder(self):
        self.assertEqual(generate.split(100, [1, 1, 1]), [34, 33, 33])
        self.assertEqual(generate.split(-100, [1, 1, 1]), [-34, -33, -33])
        self.assertEqual(generate.italian(123456789), "1.234.567,89")

    def test_italy_has_about_600_ambiti_covering_every_comune(self):
        comuni = generate.read_comuni(generate.DEFAULT_COMUNI)
        ambiti = generate.italian_ambiti(comuni)
        self.assertTrue(590 <= len(ambiti) <= 640, len(ambiti))
        self.assertEqual(sum(len(a.members) for a in ambiti), len(comuni))
        self.assertEqual(len({a.code for a in ambiti}), len(ambiti))


if __name__ == "__main__":
    unittest.main()
