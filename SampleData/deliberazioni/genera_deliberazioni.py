#!/usr/bin/env python3
"""Writes the sample regional deliberations (DGR) that split the Fondo regionale PLUS.

Usage:  python3 genera_deliberazioni.py      (reads ../riferimento/ambiti-sardegna.csv)

Money is handled in integer cents only. The convention used (see README.md):
  1. UdP share: EUR 61,000.00 when the Ambito has at most 35,000 residents,
     EUR 76,000.00 when it has more; plus any derogation granted by the act.
  2. remainder = fund total - sum of (UdP share + derogation), i.e. the UdP shares are
     taken BEFORE the 40/60 split.
  3. equal part = 40 % of the remainder (rounded half up to the cent), split in 25
     equal parts by the largest-remainder method (ties to the earlier Ambito in file order);
     population part = remainder - equal part, split by resident population with the
     largest-remainder method.
  4. total = equal share + population share + UdP share + derogation.
So every Ambito's figures and the fund total add up to the cent.
"""
import csv
import os
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "riferimento", "ambiti-sardegna.csv")
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PLUS = "urn:it:ras:plus:ripartizione:1.0"
UDP_SMALL, UDP_LARGE, THRESHOLD, CAP = 6_100_000, 7_600_000, 35_000, 192_418_400

# Fund totals are the real ones; act numbers and dates are illustrative.
ACTS = [
    dict(year=2017, number="12/31", date="2017-03-14", fund=1_887_180_782, derogations={}),
    dict(year=2018, number="17/9", date="2018-04-05", fund=1_916_762_240, derogations={"LAN": 1_500_000}),
    dict(year=2019, number="20/9", date="2019-05-07", fund=1_861_000_000, derogations={"LAN": 1_500_000}),
]


def ambiti():
    result = OrderedDict()
    with open(REFERENCE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            entry = result.setdefault(row["ambito"], {"name": row["nome_ambito"], "population": 0})
            entry["population"] += int(row["popolazione"])
    return result


def largest_remainder(amount, weights):
    total = sum(weights)
    parts = [amount * w // total for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
    for i in order[: amount - sum(parts)]:
        parts[i] += 1
    return parts


def allocate(act, table):
    codes = list(table)
    udp = [UDP_LARGE if table[c]["population"] > THRESHOLD else UDP_SMALL for c in codes]
    derogation = [act["derogations"].get(c, 0) for c in codes]
    assert sum(udp) + sum(derogation) <= CAP
    remainder = act["fund"] - sum(udp) - sum(derogation)
    equal_total = (remainder * 4000 + 5000) // 10000
    equal = largest_remainder(equal_total, [1] * len(codes))
    population = largest_remainder(remainder - equal_total, [table[c]["population"] for c in codes])
    rows = []
    for i, c in enumerate(codes):
        rows.append(dict(code=c, name=table[c]["name"], population=table[c]["population"], equal=equal[i],
                         pop=population[i], udp=udp[i], derogation=derogation[i],
                         total=equal[i] + population[i] + udp[i] + derogation[i]))
    assert sum(r["total"] for r in rows) == act["fund"]
    return rows


def dot(cents):
    return "%d.%02d" % divmod(cents, 100)


def italian(cents):
    euros, rest = divmod(cents, 100)
    return "{:,}".format(euros).replace(",", ".") + ",%02d" % rest


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")


def akn(act, rows):
    y, n, d = act["year"], act["number"], act["date"]
    work = "/akn/it-20/act/deliberazione/giunta/%s/%s" % (d, n.replace("/", "-"))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<akomaNtoso xmlns="%s" xmlns:plus="%s">' % (AKN, PLUS),
           '  <act name="deliberazione">',
           '    <meta>',
           '      <identification source="#ras">',
           '        <FRBRWork>',
           '          <FRBRthis value="%s/!main"/>' % work,
           '          <FRBRuri value="%s"/>' % work,
           '          <FRBRdate date="%s" name="adozione"/>' % d,
           '          <FRBRauthor href="#giunta" as="#autore"/>',
           '          <FRBRcountry value="it-20"/>',
           '          <FRBRnumber value="%s"/>' % n,
           '          <FRBRname value="DGR"/>',
           '        </FRBRWork>',
           '        <FRBRExpression>',
           '          <FRBRthis value="%s/ita@/!main"/>' % work,
           '          <FRBRuri value="%s/ita@"/>' % work,
           '          <FRBRdate date="%s" name="adozione"/>' % d,
           '          <FRBRauthor href="#giunta" as="#autore"/>',
           '          <FRBRlanguage language="ita"/>',
           '        </FRBRExpression>',
           '        <FRBRManifestation>',
           '          <FRBRthis value="%s/ita@/!main.xml"/>' % work,
           '          <FRBRuri value="%s/ita@.akn"/>' % work,
           '          <FRBRdate date="%s" name="generazione"/>' % d,
           '          <FRBRauthor href="#ras" as="#editore"/>',
           '        </FRBRManifestation>',
           '      </identification>',
           '      <references source="#ras">',
           '        <TLCOrganization eId="giunta" href="/akn/ontology/organizations/it-20/giuntaRegionale" showAs="Giunta Regionale della Sardegna"/>',
           '        <TLCOrganization eId="ras" href="/akn/ontology/organizations/it-20/regioneSardegna" showAs="Regione Autonoma della Sardegna"/>',
           '        <TLCRole eId="autore" href="/akn/ontology/roles/autore" showAs="Autore"/>',
           '        <TLCRole eId="editore" href="/akn/ontology/roles/editore" showAs="Editore"/>',
           '      </references>',
           '      <proprietary source="#ras">',
           '        <plus:ripartizione anno="%d" valuta="EUR">' % y,
           '          <plus:fondo>%s</plus:fondo>' % dot(act["fund"]),
           '          <plus:parametri>',
           '            <plus:percentualePartiUguali>40</plus:percentualePartiUguali>',
           '            <plus:percentualePopolazione>60</plus:percentualePopolazione>',
           '            <plus:quotaUdPMinore>%s</plus:quotaUdPMinore>' % dot(UDP_SMALL),
           '            <plus:quotaUdPMaggiore>%s</plus:quotaUdPMaggiore>' % dot(UDP_LARGE),
           '            <plus:sogliaResidenti>%d</plus:sogliaResidenti>' % THRESHOLD,
           '            <plus:tettoUdP>%s</plus:tettoUdP>' % dot(CAP),
           '          </plus:parametri>',
           '          <plus:ambiti>']
    for r in rows:
        out += ['            <plus:ambito codice="%s" nome="%s">' % (r["code"], esc(r["name"])),
                '              <plus:popolazione>%d</plus:popolazione>' % r["population"],
                '              <plus:quotaPartiUguali>%s</plus:quotaPartiUguali>' % dot(r["equal"]),
                '              <plus:quotaPopolazione>%s</plus:quotaPopolazione>' % dot(r["pop"]),
                '              <plus:quotaUdP>%s</plus:quotaUdP>' % dot(r["udp"])]
        if r["derogation"]:
            out.append('              <plus:deroga>%s</plus:deroga>' % dot(r["derogation"]))
        out += ['              <plus:totale>%s</plus:totale>' % dot(r["total"]),
                '            </plus:ambito>']
    out += ['          </plus:ambiti>',
            '        </plus:ripartizione>',
            '      </proprietary>',
            '    </meta>',
            '    <preamble>',
            '      <p>LA GIUNTA REGIONALE, vista la L.R. 23 dicembre 2005, n. 23, art. 26, ripartisce il Fondo regionale per il sistema integrato dei servizi alla persona per l\'anno %d.</p>' % y,
            '    </preamble>',
            '    <body>',
            '      <article eId="art_1">',
            '        <num>1.</num>',
            '        <content><p>Il Fondo di euro %s è ripartito tra i 25 Ambiti PLUS secondo l\'allegato A: il 40 %% in parti uguali, il 60 %% in base alla popolazione residente, previa detrazione della quota per l\'Ufficio di Piano.</p></content>' % italian(act["fund"]),
            '      </article>',
            '    </body>',
            '    <attachments>',
            '      <attachment eId="att_1">',
            '        <doc name="allegato">',
            '          <meta>',
            '            <identification source="#ras">',
            '              <FRBRWork><FRBRthis value="%s/!allegato_A"/><FRBRuri value="%s"/><FRBRdate date="%s" name="adozione"/><FRBRauthor href="#giunta"/><FRBRcountry value="it-20"/></FRBRWork>' % (work, work, d),
            '              <FRBRExpression><FRBRthis value="%s/ita@/!allegato_A"/><FRBRuri value="%s/ita@"/><FRBRdate date="%s" name="adozione"/><FRBRauthor href="#giunta"/><FRBRlanguage language="ita"/></FRBRExpression>' % (work, work, d),
            '              <FRBRManifestation><FRBRthis value="%s/ita@/!allegato_A.xml"/><FRBRuri value="%s/ita@.akn"/><FRBRdate date="%s" name="generazione"/><FRBRauthor href="#ras"/></FRBRManifestation>' % (work, work, d),
            '            </identification>',
            '          </meta>',
            '          <mainBody>',
            '            <p>Allegato A - Ripartizione del Fondo regionale PLUS, anno %d (euro %s)</p>' % (y, italian(act["fund"])),
            '            <table eId="tab_ripartizione">',
            '              <tr><th><p>Ambito</p></th><th><p>Denominazione</p></th><th><p>Residenti</p></th><th><p>Quota parti uguali</p></th><th><p>Quota popolazione</p></th><th><p>Quota Ufficio di Piano</p></th><th><p>Deroga</p></th><th><p>Totale</p></th></tr>']
    for r in rows:
        out.append('              <tr><td><p>%s</p></td><td><p>%s</p></td><td><p>%s</p></td><td><p>%s</p></td><td><p>%s</p></td><td><p>%s</p></td><td><p>%s</p></td><td><p>%s</p></td></tr>' % (
            r["code"], esc(r["name"]), "{:,}".format(r["population"]).replace(",", "."), italian(r["equal"]),
            italian(r["pop"]), italian(r["udp"]), italian(r["derogation"]) if r["derogation"] else "", italian(r["total"])))
    out += ['            </table>',
            '          </mainBody>',
            '        </doc>',
            '      </attachment>',
            '    </attachments>',
            '  </act>',
            '</akomaNtoso>', '']
    return "\n".join(out)


def flat(act, rows):
    """The second, simpler layout: no namespace, Italian amounts, figures as attributes."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<ripartizione anno="%d">' % act["year"],
           '  <delibera numero="%s" data="%s" organo="Giunta Regionale della Sardegna"/>' % (
               act["number"], "/".join(reversed(act["date"].split("-")))),
           '  <fondo>%s</fondo>' % italian(act["fund"]),
           '  <criteri parti_uguali="40" popolazione="60" udp_minore="%s" udp_maggiore="%s" soglia="%d" tetto_udp="%s"/>' % (
               italian(UDP_SMALL), italian(UDP_LARGE), THRESHOLD, italian(CAP))]
    for r in rows:
        out.append('  <ambito codice="%s" nome="%s" residenti="%d" parti_uguali="%s" popolazione="%s" udp="%s" deroga="%s" totale="%s"/>' % (
            r["code"], esc(r["name"]), r["population"], italian(r["equal"]), italian(r["pop"]), italian(r["udp"]),
            italian(r["derogation"]) if r["derogation"] else "", italian(r["total"])))
    out += ['</ripartizione>', '']
    return "\n".join(out)


def errata(act, rows):
    """2019 with three deliberate errors, described in README.md."""
    rows = [dict(r) for r in rows]
    by_code = {r["code"]: r for r in rows}
    by_code["OR"]["total"] += 10_000                      # 1. OR: total != sum of its parts (+100.00)
    by_code["CAS"]["pop"] += 50_000                        # 2. CAS: population share +500.00, total follows
    by_code["CAS"]["total"] += 50_000
    by_code["USS"]["udp"] = UDP_LARGE                      # 3. USS (23,964 residents): 76,000.00, no derogation
    by_code["USS"]["total"] += UDP_LARGE - UDP_SMALL
    return akn(dict(act, number="20/99"), rows)


def errati(act, rows):
    """2019 as the act that cheats its own rules, described in errati/README.md: Oristano's
    residents raised by 2,000 and the UdP cap raised to 2,500,000.00; every sum still adds up."""
    rows = [dict(r) for r in rows]
    next(r for r in rows if r["code"] == "OR")["population"] += 2_000
    text = akn(dict(act, number="20/98"), rows)
    stated = '<plus:tettoUdP>%s</plus:tettoUdP>' % dot(CAP)
    assert stated in text
    return text.replace(stated, '<plus:tettoUdP>%s</plus:tettoUdP>' % dot(250_000_000))


def write(name, text):
    path = os.path.join(HERE, name)
    with open(path + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(path + ".tmp", path)


def main():
    table = ambiti()
    assert len(table) == 25 and table["OR"]["population"] == 75495
    for act in ACTS:
        rows = allocate(act, table)
        write("dgr-%d.xml" % act["year"], akn(act, rows))
        if act["year"] == 2019:
            write("ripartizione-2019-semplice.xml", flat(act, rows))
            write("dgr-2019-errata.xml", errata(act, rows))
            write("errati/dgr-2019-popolazioni-tetto.xml", errati(act, rows))


if __name__ == "__main__":
    main()
