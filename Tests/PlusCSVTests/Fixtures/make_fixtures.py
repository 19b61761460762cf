#!/usr/bin/env python3
"""Writes the CSV fixtures byte for byte: each file is a real export shape the importer must read."""
import os
HERE = os.path.dirname(os.path.abspath(__file__))

def put(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)

HEADER = "Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Data delibera;Note"
ROWS = [
    "095018;2019;SAD;Assistenza domiciliare – anziani;1.234,56;12/03/2019;Più ore in città",
    "095018;2019;CDD;Centro diurno;€ 2.000,00;;",
]
body = "\r\n".join([HEADER] + ROWS) + "\r\n"

# Encodings: the same sheet in every encoding an office may produce.
put("utf8.csv", body.encode("utf-8"))
put("utf8-bom.csv", body.encode("utf-8-sig"))
put("windows-1252.csv", body.encode("cp1252"))
put("utf16le-bom.csv", body.encode("utf-16"))          # Python writes LE with BOM
put("utf16be-bom.csv", b"\xfe\xff" + body.encode("utf-16-be"))
put("iso-8859-1.csv", body.replace("Quota comunale (€)", "Quota comunale").replace("€", "EUR").replace("–", "-").encode("latin-1"))

# Delimiters and line ends.
put("comma-lf.csv", (
    "Codice ISTAT,Anno,Cod. servizio,Descrizione intervento,Quota comunale (€),Data delibera,Note\n"
    '095018,2019,SAD,"Assistenza, domiciliare","1.234,56",,\n'
    '095018,2019,CDD,Centro diurno,"2.000,00",,\n').encode("utf-8"))
put("tab-crlf.csv", body.replace(";", "\t").encode("utf-8"))

# Quoting: delimiters, doubled quotes and newlines inside fields; line numbers must follow.
put("quoted-multiline.csv", (
    HEADER + "\r\n"
    '095018;2019;SAD;"Assistenza; domiciliare";1.234,56;;"Nota su\r\ndue righe con ""virgolette"""\r\n'
    '095018;2019;CDD;Centro diurno;"2.000,00";;"una\nnota\ndi tre righe"\r\n'
    "095018;2019;UDP;Ufficio di Piano;abc;;\r\n").encode("cp1252"))

# Blank rows in the middle and at the end, as spreadsheets export them.
put("blank-rows.csv", (
    HEADER + "\r\n" + ROWS[0] + "\r\n;;;;;;\r\n\r\n" + ROWS[1] + "\r\n;;;;;;\r\n;;;;;;\r\n\r\n").encode("cp1252"))

# Every Italian number form, with a code column to tell them apart.
put("numbers.csv", (
    "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n"
    "095018;2019;A;1.234,56\n"
    "095018;2019;B;1234,56\n"
    "095018;2019;C;€ 1.234,56\n"
    "095018;2019;D;-1.234,56\n"
    "095018;2019;E;(1.234,56)\n"
    "095018;2019;F;1.234\n"
    "095018;2019;G;12,345\n"
    "095018;2019;H;1.23,4\n").encode("utf-8"))
put("dot-decimals.csv", (
    "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n"
    "095018;2019;A;1234.56\n"
    "095018;2019;B;-0.5\n").encode("utf-8"))

# Row and cell errors.
put("cell-errors.csv", (
    HEADER + "\n"
    "095018;2019;SAD;ok;100,00;01/02/2019;\n"
    "95O18;2019;SAD;bad istat;100,00;;\n"
    "095018;20x9;SAD;bad year;100,00;;\n"
    "095018;2019;;no service;100,00;;\n"
    "095018;2019;SAD;bad date;100,00;31/02/2019;\n"
    "095018;2019\n"
    "095038;2019;SAD;other ente;100,00;;\n"
    "95018;2019;CDD;zeros lost;200,00;;\n").encode("utf-8"))
put("invalid-utf8-cell.csv", (HEADER + "\n").encode("utf-8") + "095018;2019;SAD;".encode() + "Attività".encode("cp1252") + ";100,00;;\n".encode())
# The same slip after the first 64 KiB, beyond what the detector reads: the file is UTF-8, one cell is not.
late = (HEADER + "\n" + "".join(f"095018;2019;S{i};Servizio {i} – città;1,00;;\n" for i in range(1500))).encode("utf-8")
put("late-invalid-utf8.csv", late + "095018;2019;LAST;".encode() + "Attività".encode("cp1252") + ";100,00;;\n".encode())

# Structurally broken files: rejected whole.
put("unterminated-quote.csv", (HEADER + '\n095018;2019;SAD;"non chiusa;100,00;;\n095018;2019;CDD;x;1,00;;\n').encode("utf-8"))
put("malformed-quote.csv", (HEADER + '\n095018;2019;SAD;"chiusa"male;100,00;;\n').encode("utf-8"))
put("binary.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4)
put("wrong-mapping.csv", "anno,ente,codice_servizio,descrizione,importo\n2019,asl:ASL5,CDD,Centro,150000.00\n".encode("utf-8"))
put("empty.csv", b"")
put("odd-utf16.csv", body.encode("utf-16") + b"\x41")
put("header-only.csv", (HEADER + "\r\n").encode("cp1252"))
put("title-rows.csv", ("PIANO LOCALE UNITARIO DEI SERVIZI - SCHEDA COMUNE;;;;;;\r\n;;;;;;\r\n" + body).encode("cp1252"))

# Files `plus import` and `plus run` must give one verdict (one recognition path):
# ISTAT's list of Comuni as published, with line breaks inside quoted header cells;
# and a workbook saved as .xlsx instead of CSV (a zip: binary content, CSV013).
put("istat-comuni-a-capo.csv", (
    '"codice_istat","denominazione","sigla_provincia","codice\ncatastale","popolazione\n2011"\r\n'
    '"095018","Cabras","OR","B314","9108"\r\n'
    '"095038","Oristano","OR","G113","31155"\r\n'
    '"095077","Zeddiani","OR","M153","1183"\r\n').encode("utf-8"))
import io, zipfile
workbook = io.BytesIO()
with zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as book:
    def entry(name):  # a fixed date, so that the bytes are the same on every run
        return zipfile.ZipInfo(name, date_time=(2019, 3, 12, 9, 0, 0))
    book.writestr(entry("[Content_Types].xml"), '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    book.writestr(entry("xl/workbook.xml"), '<?xml version="1.0" encoding="UTF-8"?><workbook/>')
    book.writestr(entry("xl/worksheets/sheet1.xml"), '<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData/></worksheet>')
put("comune-cabras-scheda-2019.xlsx", workbook.getvalue())

# As LibreOffice Calc 7.4 saves a sheet whose amounts have Italy's accounting format
# (`_-* #.##0,00 €_-`, zero shown as a dash) with "save cell content as shown": padded cells,
# the euro sign after the amount, `-   €` for zero. Made by converting an .xlsx with
# `soffice --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1040,false,true,true'`.
put("libreoffice-accounting-as-shown.csv", (
    "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€);Data delibera;Note\n"
    "095018;2019;SAD; 18.226,71 € ;;\n"
    "095018;2019;PUA; -   € ;;\n"
    "095018;2019;CDD;-1.234.567,50 € ;;\n").encode("utf-8"))
