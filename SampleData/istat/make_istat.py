#!/usr/bin/env python3
"""Writes the excerpts of ISTAT's "Elenco dei comuni italiani" (2019 and 2024 editions), of the
2011 census population per Comune and of the administrative changes, in the published layouts.

Rows come from /work/shared/data/comuni-istat-2011.csv (ISTAT, CC BY 3.0 IT) plus the historical
codes ISTAT publishes in the same list. Run: python3 SampleData/istat/make_istat.py
"""
import csv, io, os

HERE = os.path.dirname(os.path.abspath(__file__))
UTS = "Codice dell'Unità territoriale sovracomunale \n(valida a fini statistici)"
UTS_NAME = "Denominazione dell'Unità territoriale sovracomunale \n(valida a fini statistici)"
HEAD_START = ["Codice Regione", UTS, "Codice Provincia (Storico)(1)", "Progressivo del Comune (2)",
              "Codice Comune formato alfanumerico", "Denominazione (Italiana e straniera)",
              "Denominazione in italiano", "Denominazione altra lingua", "Codice Ripartizione Geografica",
              "Ripartizione geografica", "Denominazione Regione", UTS_NAME]
HEAD_CODES = ["Flag Comune capoluogo di provincia/città metropolitana/libero consorzio", "Sigla automobilistica",
              "Codice Comune formato numerico", "Codice Comune numerico con 110 province (dal 2010 al 2016)",
              "Codice Comune numerico con 107 province (dal 2006 al 2009)",
              "Codice Comune numerico con 103 province (dal 1995 al 2005)", "Codice Catastale del comune"]
HEAD_2019 = HEAD_START + HEAD_CODES + ["Popolazione legale 2011 (09/10/2011)", "Codice NUTS1 2010",
            "Codice NUTS2 2010 (3) ", "Codice NUTS3 2010", "Codice NUTS1 2006", "Codice NUTS2 2006 (3)", "Codice NUTS3 2006"]
HEAD_2024 = HEAD_START + ["Tipologia di Unità territoriale sovracomunale "] + HEAD_CODES + [
            "Codice NUTS1 2021", "Codice NUTS2 2021 (3) ", "Codice NUTS3 2021",
            "Codice NUTS1 2024", "Codice NUTS2 2024 (3) ", "Codice NUTS3 2024"]

# code now, name, other-language name, UTS code, UTS name, UTS kind, capoluogo, plate, 2010-2016, 2006-2009, 1995-2005, NUTS3
ROWS = [
    ("001001", "Agliè", "", "201", "Torino", "4", "0", "TO", "1001", "1001", "1001", "ITC11"),
    ("001002", "Airasca", "", "201", "Torino", "4", "0", "TO", "1002", "1002", "1002", "ITC11"),
    ("007003", "Aosta", "Aoste", "7", "Valle d'Aosta/Vallée d'Aoste", "5", "1", "AO", "7003", "7003", "7003", "ITC20"),
    ("021008", "Bolzano", "Bozen", "21", "Bolzano/Bozen", "2", "1", "BZ", "21008", "21008", "21008", "ITH10"),
    ("037006", "Bologna", "", "237", "Bologna", "3", "1", "BO", "37006", "37006", "37006", "ITH55"),
    ("037061", "Valsamoggia", "", "237", "Bologna", "3", "0", "BO", "", "", "", "ITH55"),
    ("040012", "Forlì", "", "40", "Forlì-Cesena", "1", "1", "FC", "40012", "40012", "40012", "ITH58"),
    ("082027", "Cefalù", "", "282", "Palermo", "3", "0", "PA", "82027", "82027", "82027", "ITG12"),
    ("090047", "Olbia", "", "90", "Sassari", "1", "0", "SS", "104017", "104017", "90047", "ITG2D"),
    ("090064", "Sassari", "", "90", "Sassari", "1", "1", "SS", "90064", "90064", "90064", "ITG2D"),
    ("091051", "Nuoro", "", "91", "Nuoro", "1", "1", "NU", "91051", "91051", "91051", "ITG2E"),
    ("092009", "Cagliari", "", "292", "Cagliari", "3", "1", "CA", "92009", "92009", "92009", "ITG2F"),
    ("095018", "Cabras", "", "95", "Oristano", "1", "0", "OR", "95018", "95018", "95018", "ITG2G"),
    ("095038", "Oristano", "", "95", "Oristano", "1", "1", "OR", "95038", "95038", "95038", "ITG2G"),
    ("095079", "Bosa", "", "95", "Oristano", "1", "0", "OR", "95079", "95079", "91013", "ITG2G"),
    ("111009", "Carbonia", "", "111", "Sud Sardegna", "1", "0", "SU", "107003", "107003", "92012", "ITG2H"),
]

POPULATION = {}
REGION = {}
with open("/work/shared/data/comuni-istat-2011.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        POPULATION[r["codice_istat"]] = int(r["popolazione_2011"])
        REGION[r["codice_istat"]] = (r["codice_regione"], r["regione"], r["codice_catastale"])

RIPARTIZIONE = {"01": ("1", "Nord-ovest"), "02": ("1", "Nord-ovest"), "04": ("2", "Nord-est"),
                "08": ("2", "Nord-est"), "19": ("4", "Sud"), "20": ("5", "Isole")}
RIPARTIZIONE["19"] = ("5", "Isole")


def thousands(n):
    return f"{n:,}".replace(",", ".")


def rows(edition):
    for code, name, other, uts, uts_name, kind, capoluogo, plate, c110, c107, c103, nuts3 in ROWS:
        region, region_name, cadastral = REGION[code]
        rip_code, rip = RIPARTIZIONE[region]
        full = f"{name}/{other}" if other else name
        numeric = str(int(code))
        start = [region, uts, code[:3], code[3:], code, full, name, other, rip_code, rip, region_name, uts_name]
        codes = [capoluogo, plate, numeric, c110, c107, c103, cadastral]
        nuts1, nuts2 = nuts3[:3], nuts3[:4]
        if edition == 2019:
            yield start + codes + [thousands(POPULATION[code]), nuts1, nuts2, nuts3, nuts1, nuts2, nuts3]
        else:
            yield start + [kind] + codes + [nuts1, nuts2, nuts3, nuts1, nuts2, nuts3]


def write(name, header, body, encoding):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(out.getvalue().encode(encoding))


write("Elenco-comuni-italiani-2019.csv", HEAD_2019, rows(2019), "cp1252")
write("Elenco-comuni-italiani-2024.csv", HEAD_2024, rows(2024), "cp1252")
write("popolazione-censimento-2011.csv",
      ["Codice comune", "Denominazione", "Popolazione legale 2011"],
      [[code, row[1], str(POPULATION[code])] for row in ROWS for code in [row[0]]], "utf-8")
# Administrative changes: Bazzano merged into Valsamoggia from 1 January 2014 (L.R. Emilia-Romagna 1/2013).
write("variazioni-amministrative.csv",
      ["Anno", "Tipo variazione", "Codice Comune", "Denominazione Comune",
       "Codice Comune associato alla variazione", "Denominazione Comune associato alla variazione",
       "Data decorrenza validità amministrativa"],
      [["2014", "ES", "037004", "Bazzano", "037061", "Valsamoggia", "01/01/2014"]], "utf-8")
