#!/usr/bin/env python3
"""Builds the reference data of the 25 Sardinian Ambiti PLUS from the ISTAT list of Comuni.

Usage:  python3 genera_riferimento.py [path/to/comuni-istat-2011.csv]

Source: ISTAT, "Elenco dei comuni italiani" with the resident population of the
2011 census (https://www.istat.it/it/archivio/6789), licence CC BY 3.0 IT.

Writes, beside this script:
  ambiti-sardegna.csv  (layout `ambiti-membri`: ambito;nome_ambito;codice_istat;denominazione;popolazione;sigla_provincia;capofila)
  enti-sardegna.csv    (ambito;nome_ambito;asl;nome_asl;provincia;nome_provincia)

Rules (deterministic, so the files can be rebuilt byte for byte):
  * Ambito OR (Oristano) is exactly the 24 Comuni named by the sources (PLUS.md).
  * Every other Comune of Sardinia (codice_regione 20) is grouped by province: the
    Comuni of a province, ordered by ISTAT code, are cut into the number of Ambiti
    given in AMBITI_PER_PROVINCIA, in contiguous runs of nearly equal length.
    This is a plausible grouping, NOT the official membership of the real Ambiti.
  * The capofila is the most populous Comune; the Ambito is named after it and its
    code is the first three letters of that name, upper case, without accents.
"""
import csv
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/comuni-istat-2011.csv"

ORISTANO = [
    "Allai", "Baratili San Pietro", "Bauladu", "Cabras", "Milis", "Narbolia", "Nurachi",
    "Ollastra", "Oristano", "Palmas Arborea", "Riola Sardo", "Samugheo", "San Vero Milis",
    "Santa Giusta", "Siamaggiore", "Siamanna", "Siapiccia", "Simaxis", "Solarussa", "Tramatza",
    "Villanova Truschedu", "Villaurbana", "Zeddiani", "Zerfaliu",
]
# 24 Ambiti besides Oristano: 3 + 2 + 6 + 5 + 8.
AMBITI_PER_PROVINCIA = {"CA": 3, "OR": 2, "SS": 6, "NU": 5, "SU": 8}
PROVINCE = {
    "CA": "Città metropolitana di Cagliari",
    "OR": "Provincia di Oristano",
    "SS": "Provincia di Sassari",
    "NU": "Provincia di Nuoro",
    "SU": "Provincia del Sud Sardegna",
}
# The ASL of the eight former health districts, by province; capofila overrides below.
ASL_PER_PROVINCIA = {"CA": "ASL8", "OR": "ASL5", "SS": "ASL1", "NU": "ASL3", "SU": "ASL6"}
ASL_PER_CAPOFILA = {"Olbia": "ASL2", "Tempio Pausania": "ASL2", "Arzachena": "ASL2",
                    "Tortolì": "ASL4", "La Maddalena": "ASL2", "Budoni": "ASL2", "Lanusei": "ASL4", "Carbonia": "ASL7", "Iglesias": "ASL7",
                    "Quartu Sant'Elena": "ASL8", "Muravera": "ASL8", "Senorbì": "ASL8"}
ASL_NAMES = {"ASL1": "ASL 1 Sassari", "ASL2": "ASL 2 Olbia", "ASL3": "ASL 3 Nuoro",
             "ASL4": "ASL 4 Lanusei", "ASL5": "ASL 5 Oristano", "ASL6": "ASL 6 Sanluri",
             "ASL7": "ASL 7 Carbonia", "ASL8": "ASL 8 Cagliari"}


def ascii_upper(text):
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain if c.isalpha()).upper()


def main():
    with open(SOURCE, encoding="utf-8", newline="") as handle:
        comuni = [row for row in csv.DictReader(handle) if row["codice_regione"] == "20"]
    assert len(comuni) == 377, len(comuni)
    by_name = {c["denominazione"]: c for c in comuni}
    oristano = [by_name[name] for name in ORISTANO]
    assert sum(int(c["popolazione_2011"]) for c in oristano) == 75495
    groups = [("OR", oristano)]
    taken = {c["codice_istat"] for c in oristano}
    used_codes = {"OR"}
    for sigla, count in AMBITI_PER_PROVINCIA.items():
        rest = sorted((c for c in comuni if c["sigla_provincia"] == sigla and c["codice_istat"] not in taken),
                      key=lambda c: c["codice_istat"])
        for index in range(count):
            start, end = len(rest) * index // count, len(rest) * (index + 1) // count
            members = rest[start:end]
            capofila = max(members, key=lambda c: (int(c["popolazione_2011"]), c["codice_istat"]))
            code = ascii_upper(capofila["denominazione"])[:3]
            while code in used_codes:  # keep codes unique and stable
                code = code[:2] + chr(ord(code[2]) + 1)
            used_codes.add(code)
            groups.append((code, members))

    rows, enti = [], []
    for code, members in groups:
        capofila = max(members, key=lambda c: (int(c["popolazione_2011"]), c["codice_istat"]))
        name = capofila["denominazione"]
        for c in sorted(members, key=lambda c: c["codice_istat"]):
            rows.append([code, name, c["codice_istat"], c["denominazione"], c["popolazione_2011"],
                         c["sigla_provincia"], "si" if c is capofila else "no"])
        sigla = capofila["sigla_provincia"]
        asl = ASL_PER_CAPOFILA.get(name, ASL_PER_PROVINCIA[sigla])
        enti.append([code, name, "asl:" + asl, ASL_NAMES[asl], "provincia:" + sigla, PROVINCE[sigla]])
    assert len(groups) == 25 and len(rows) == 377

    write(os.path.join(HERE, "ambiti-sardegna.csv"),
          ["ambito", "nome_ambito", "codice_istat", "denominazione", "popolazione", "sigla_provincia", "capofila"], rows)
    write(os.path.join(HERE, "enti-sardegna.csv"),
          ["ambito", "nome_ambito", "asl", "nome_asl", "provincia", "nome_provincia"], enti)


def write(path, header, rows):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
