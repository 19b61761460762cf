#!/usr/bin/env python3
"""Writes the workbook fixtures of PlusWorkbookTests (run from the repository root):

    pip install openpyxl && python3 Tests/PlusWorkbookTests/Fixtures/make_fixtures.py

- oristano.xlsx: every CSV of SampleData/oristano as one sheet (named by `sheet_name`), cells
  typed as an office would type them: amounts as numbers shown `#,##0.00`, codes with a leading
  zero as text (format `@`), other whole numbers as numbers. The tests import each sheet with
  the mapping that reads its CSV and expect the same records.
- varie.xlsx: a hidden first sheet, a merged title row above the header, a date stored as a
  serial, and a formula saved without its computed value (openpyxl never computes one).
- oristano.ods, varie.ods: the same, converted by LibreOffice (soffice --headless), which also
  computes the formula.
"""
import csv
import datetime
import io
import pathlib
import re
import shutil
import subprocess
import tempfile

import openpyxl
from openpyxl.styles import Alignment

ROOT = pathlib.Path.cwd()
OUT = pathlib.Path(__file__).resolve().parent
AMOUNT = re.compile(r"^-?(\d{1,3}(\.\d{3})*|\d+),\d{1,2}$")
DOT_AMOUNT = re.compile(r"^-?\d+\.\d{1,2}$")


def sheet_name(stem):
    """The sheet of a sample CSV: its stem without the year and the word 'scheda', ≤ 31 chars."""
    return stem.replace("-scheda-2019", "").replace("-2019", "")[:31]


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def typed(cell, row_index):
    """The cell as an office would type it: (value, number format or None)."""
    if row_index == 0 or cell == "":
        return cell or None, None
    if AMOUNT.match(cell):
        return float(cell.replace(".", "").replace(",", ".")), "#,##0.00"
    if DOT_AMOUNT.match(cell):
        return float(cell), "#,##0.00"
    if cell.isdigit():
        return (cell, "@") if cell.startswith("0") else (int(cell), None)
    return cell, None


def oristano():
    book = openpyxl.Workbook()
    book.remove(book.active)
    for path in sorted((ROOT / "SampleData" / "oristano").glob("*.csv")):
        text = decode(path.read_bytes())
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
        sheet = book.create_sheet(sheet_name(path.stem))
        for row_index, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter)):
            for column, cell in enumerate(row, start=1):
                value, number_format = typed(cell, row_index)
                if value is None:
                    continue
                target = sheet.cell(row=row_index + 1, column=column, value=value)
                if number_format:
                    target.number_format = number_format
    book.save(OUT / "oristano.xlsx")


def varie():
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Appunti"
    hidden.sheet_state = "hidden"
    hidden["A1"] = "non è questo il foglio"
    sheet = book.create_sheet("Dichiarazioni")
    sheet["A1"] = "Comune di Cabras - dichiarazione PLUS 2019"
    sheet.merge_cells("A1:F1")
    sheet["A1"].alignment = Alignment(horizontal="center")
    header = ["Codice ISTAT", "Anno", "Cod. servizio", "Descrizione intervento", "Quota comunale (€)", "Data delibera"]
    for column, title in enumerate(header, start=1):
        sheet.cell(row=2, column=column, value=title)
    rows = [
        ("095018", 2019, "SAD", "Servizio di assistenza domiciliare", 18226.71, datetime.date(2019, 3, 14)),
        ("095018", 2019, "CDD", "Centro diurno disabili", 11485.16, datetime.date(2019, 3, 14)),
        ("095018", 2019, "UDP", "Ufficio di Piano", "=SUM(E3:E4)", datetime.date(2019, 3, 14)),
    ]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=3 + offset, column=column, value=value)
            if column == 1:
                cell.number_format = "@"
            if column == 5:
                cell.number_format = "#,##0.00"
            if column == 6:
                cell.number_format = "dd/mm/yyyy"
    book.save(OUT / "varie.xlsx")


def open_document():
    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: .ods fixtures left as they are")
        return
    with tempfile.TemporaryDirectory() as profile:
        for name in ("oristano.xlsx", "varie.xlsx"):
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "ods",
                            "--outdir", str(OUT), str(OUT / name)], check=True, capture_output=True)


if __name__ == "__main__":
    oristano()
    varie()
    open_document()
