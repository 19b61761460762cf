#!/usr/bin/env python3
"""Writes Elenco-comuni-italiani-2019.xlsx, the .xlsx edition of the 2019 excerpt (run from this folder):

    pip install openpyxl && python3 make_istat_xlsx.py

The same rows as Elenco-comuni-italiani-2019.csv (which make_istat.py writes), typed as a
spreadsheet types them: codes with leading zeros as text, the numeric codes (with 110, 107 and
103 provinces) and the population as numbers (31155, shown 31.155 by its format), header cells
with their line breaks. `plus run` reads it with the same mapping as the CSV, istat-comuni-2019.
"""
import csv
import io
import pathlib

import openpyxl
from openpyxl.styles import Alignment

HERE = pathlib.Path(__file__).resolve().parent
NUMBERS = {
    "Codice Comune formato numerico",
    "Codice Comune numerico con 110 province (dal 2010 al 2016)",
    "Codice Comune numerico con 107 province (dal 2006 al 2009)",
    "Codice Comune numerico con 103 province (dal 1995 al 2005)",
    "Popolazione legale 2011 (09/10/2011)",
}


def main():
    text = (HERE / "Elenco-comuni-italiani-2019.csv").read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header, data = rows[0], rows[1:]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "CODICI@30-06-2019"
    sheet.append(header)
    for cell in sheet[1]:
        cell.alignment = Alignment(wrap_text=True)
    for values in data:
        sheet.append([int(value.replace(".", "")) if name in NUMBERS and value else value for name, value in zip(header, values)])
        for name, cell in zip(header, sheet[sheet.max_row]):
            if name.startswith("Popolazione"):
                cell.number_format = "#,##0"
            elif isinstance(cell.value, str):
                cell.number_format = "@"
    book.properties.creator = "make_istat_xlsx.py"
    book.save(HERE / "Elenco-comuni-italiani-2019.xlsx")


if __name__ == "__main__":
    main()
