#!/usr/bin/env python3
"""Deterministic generator of realistic `plus` inputs at a chosen scale.

    python3 Benchmarks/generate.py oristano                # 1 Ambito, 24 Comuni, 1 year
    python3 Benchmarks/generate.py region                  # Sardinia: 25 Ambiti, 377 Comuni
    python3 Benchmarks/generate.py italy --years 3         # ~600 Ambiti, ~7,900 Comuni
    python3 Benchmarks/generate.py sheet --size-mb 250     # one big comune-scheda for throughput

Same arguments, same bytes: every random choice comes from a `random.Random` seeded with a
string built from --seed and the Ambito/year, never from the clock or hash randomisation.

The layouts are those of CSV-LAYOUTS.md (capofila-servizi, capofila-riparto, comune-scheda,
asl-dichiarazione, ambiti-membri). Amounts are consistent: the funding sources of a service add
up to its total cost, the riparto rows split the Comuni/ASL/Provincia quotas exactly (largest
remainder, like `Money.split(weights:)`), every Comune sheet and ASL/Provincia declaration
equals its shares, and the fondo regionale of an Ambito's services equals its allocation in the
year's deliberation (40 % equal parts, 60 % by population, after the Ufficio di Piano share).
Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COMUNI = REPO_ROOT / ".." / "shared" / "data" / "comuni-istat-2011.csv"

# Oristano Ambito (PLUS.md): the 24 member Comuni named by the sources.
ORISTANO_MEMBERS = [
    "Allai", "Baratili San Pietro", "Bauladu", "Cabras", "Milis", "Narbolia", "Nurachi",
    "Ollastra", "Oristano", "Palmas Arborea", "Riola Sardo", "Samugheo", "San Vero Milis",
    "Santa Giusta", "Siamaggiore", "Siamanna", "Siapiccia", "Simaxis", "Solarussa", "Tramatza",
    "Villanova Truschedu", "Villaurbana", "Zeddiani", "Zerfaliu",
]
SARDINIA = "20"
SARDINIA_AMBITI = 25
ITALY_AMBITI = 600
# Sardinian regional fund (PLUS.md); other years and regions are synthesised per resident.
SARDINIA_FUND_CENTS = {2017: 1_887_180_782, 2018: 1_916_762_240, 2019: 1_861_000_000}
UDP_SMALL_CENTS, UDP_LARGE_CENTS, UDP_THRESHOLD = 6_100_000, 7_600_000, 35_000
SARDINIAN_ASL = {"SS": "ASL1", "NU": "ASL3", "OR": "ASL5", "SU": "ASL6", "CA": "ASL8"}

AREAS = [
    "Minori e famiglia", "Anziani", "Disabilità", "Povertà ed esclusione sociale",
    "Dipendenze", "Salute mentale", "Immigrazione", "Area generale",
]
SERVICE_NAMES = [
    "Assistenza domiciliare", "Servizio educativo territoriale", "Centro diurno",
    "Comunità alloggio", "Inserimento lavorativo", "Trasporto disabili", "Segretariato sociale",
    "Sportello immigrati", "Affido familiare", "Centro per la famiglia", "Ludoteca",
    "Mediazione familiare", "Pronto intervento sociale", "Assistenza scolastica specialistica",
    "Residenza sanitaria assistenziale", "Servizio di sollievo", "Spazio neutro",
    "Centro antiviolenza", "Unità di strada", "Punto unico di accesso", "Telesoccorso",
    "Pasti a domicilio", "Borse lavoro", "Ritornare a casa", "Home care premium",
]
CRITERIA = ["residenti", "residenti", "residenti", "parti_uguali", "quota_fissa", "percentuali"]

# comune-scheda header sets: each Comune writes the same six columns its own way.
SCHEDA_HEADERS = [
    ["Codice ISTAT", "Anno", "Cod. servizio", "Descrizione intervento", "Quota comunale (€)", "Note"],
    ["Cod. ISTAT Comune", "Esercizio", "Codice servizio", "Servizio", "Importo a carico del Comune", "Note"],
    ["CODICE ISTAT", "ANNO", "COD. SERVIZIO", "DESCRIZIONE INTERVENTO", "QUOTA COMUNALE", "NOTE"],
    ["Codice Istat", "Anno", "Cod servizio", "Descrizione", "Quota comunale €", "Note"],
]
SERVIZI_HEADER = [
    "Codice servizio", "Denominazione servizio", "Area di utenza", "Tipologia", "Gestione", "Sede",
    "Costo totale", "Fondo regionale PLUS", "Quota Comuni", "Quota ASL", "Quota Provincia", "FNPS",
    "FNA", "Fondi UE", "Compartecipazione utenti", "Altre fonti", "Criterio di riparto", "Note",
]
RIPARTO_HEADER = ["Codice servizio", "Ente", "Importo", "Percentuale"]
ASL_HEADER = ["anno", "ente", "codice_servizio", "descrizione", "importo"]
MEMBRI_HEADER = ["ambito", "nome_ambito", "codice_istat", "denominazione", "popolazione", "sigla_provincia", "capofila"]

NOTE_FRAGMENTS = [
    "Importo confermato dalla Giunta",
    "Quota provvisoria; in attesa della delibera",
    'Vedi nota prot. n. 1234 del 12/03 "servizi sociali"',
    "Comprende l'IVA al 5%",
    "Spesa impegnata; liquidazione entro dicembre",
    'Servizio "a domanda individuale"',
    "Da verificare con l'Ufficio di Piano",
]


# ----------------------------------------------------------------------------- data model

@dataclass
class Comune:
    istat: str
    name: str
    sigla: str
    region: str
    population: int


@dataclass
class AmbitoDef:
    code: str
    name: str
    region: str
    members: list[Comune]

    @property
    def capofila(self) -> Comune:
        return max(self.members, key=lambda c: (c.population, c.istat))

    @property
    def population(self) -> int:
        return sum(c.population for c in self.members)

    @property
    def asl(self) -> str:
        sigla = self.capofila.sigla
        return SARDINIAN_ASL.get(sigla, f"ASL{sigla}") if self.region == SARDINIA else f"ASL{sigla}"


@dataclass
class Service:
    code: str
    name: str
    area: str
    tipologia: str
    gestione: str
    sede: str
    sources: dict[str, int]  # column -> cents
    criterio: str
    note: str
    shares: list[tuple[str, int, str]] = field(default_factory=list)  # (ente, cents, percentuale)

    @property
    def total(self) -> int:
        return sum(self.sources.values())


# ----------------------------------------------------------------------------- money

def split(amount: int, weights: list[int]) -> list[int]:
    """Largest remainder, ties to the earlier part: the same result as `Money.split(weights:)`."""
    total = sum(weights)
    if total <= 0:
        raise ValueError("no positive weight")
    sign = -1 if amount < 0 else 1
    magnitude = abs(amount)
    parts = [magnitude * w // total for w in weights]
    remainders = [magnitude * w % total for w in weights]
    leftover = magnitude - sum(parts)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:leftover]:
        parts[index] += 1
    return [sign * p for p in parts]


def italian(cents: int) -> str:
    """`1.234,56`, as an Italian spreadsheet writes it."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{fraction:02d}"


def plain(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole}.{fraction:02d}"


# ----------------------------------------------------------------------------- Ambiti

def read_comuni(path: Path) -> list[Comune]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Comune(r["codice_istat"], r["denominazione"], r["sigla_provincia"], r["codice_regione"],
                   int(r["popolazione_2011"]))
            for r in csv.DictReader(handle)
        ]


def chunk(comuni: list[Comune], count: int) -> list[list[Comune]]:
    """`count` runs of consecutive Comuni of near-equal size."""
    sizes = split(len(comuni), [1] * count)
    out, start = [], 0
    for size in sizes:
        out.append(comuni[start:start + size])
        start += size
    return [group for group in out if group]


def group_by_province(comuni: list[Comune], count: int) -> list[list[Comune]]:
    """`count` Ambiti over the Comuni, never across a province, each province at least one."""
    provinces: dict[str, list[Comune]] = {}
    for comune in comuni:
        provinces.setdefault(comune.sigla, []).append(comune)
    names = sorted(provinces)
    counts = split(count, [len(provinces[n]) for n in names]) if count > 0 else [0] * len(names)
    groups = []
    for name, k in zip(names, counts):
        groups.extend(chunk(provinces[name], max(1, min(k, len(provinces[name])))))
    return groups


def sardinian_ambiti(comuni: list[Comune]) -> list[AmbitoDef]:
    sardinia = [c for c in comuni if c.region == SARDINIA]
    wanted = set(ORISTANO_MEMBERS)
    oristano = [c for c in sardinia if c.sigla == "OR" and c.name in wanted]
    if len(oristano) != len(ORISTANO_MEMBERS):
        missing = wanted - {c.name for c in oristano}
        sys.exit(f"generate.py: Oristano members not found in the Comuni file: {sorted(missing)}")
    rest = [c for c in sardinia if c not in oristano]
    ambiti = [AmbitoDef("OR", "Ambito PLUS di Oristano", SARDINIA, oristano)]
    numbers: dict[str, int] = {}
    for group in group_by_province(rest, SARDINIA_AMBITI - 1):
        capofila = max(group, key=lambda c: (c.population, c.istat))
        numbers[group[0].sigla] = numbers.get(group[0].sigla, 0) + 1
        code = f"{group[0].sigla}{numbers[group[0].sigla]}"
        ambiti.append(AmbitoDef(code, f"Ambito PLUS di {capofila.name}", SARDINIA, group))
    return ambiti


def italian_ambiti(comuni: list[Comune]) -> list[AmbitoDef]:
    ambiti = sardinian_ambiti(comuni)
    regions: dict[str, list[Comune]] = {}
    for comune in comuni:
        if comune.region != SARDINIA:
            regions.setdefault(comune.region, []).append(comune)
    names = sorted(regions)
    counts = split(ITALY_AMBITI - SARDINIA_AMBITI, [len(regions[n]) for n in names])
    for region, count in zip(names, counts):
        numbers: dict[str, int] = {}
        for group in group_by_province(regions[region], count):
            capofila = max(group, key=lambda c: (c.population, c.istat))
            sigla = group[0].sigla
            numbers[sigla] = numbers.get(sigla, 0) + 1
            ambiti.append(AmbitoDef(f"{sigla}{numbers[sigla]:02d}", f"Ambito sociale di {capofila.name}",
                                    region, group))
    return ambiti


# ----------------------------------------------------------------------------- allocation

def regional_fund(region: str, year: int, population: int) -> int:
    if region == SARDINIA and year in SARDINIA_FUND_CENTS:
        return SARDINIA_FUND_CENTS[year]
    # About 11 euros per resident, drifting 1.5 % a year: realistic magnitude, nothing more.
    return population * (1_100 + 17 * (year - 2019))


def allocate(ambiti: list[AmbitoDef], year: int) -> dict[str, dict[str, int]]:
    """The fund of each region split among its Ambiti: UdP share, then 40 % equal, 60 % population."""
    out: dict[str, dict[str, int]] = {}
    regions: dict[str, list[AmbitoDef]] = {}
    for ambito in ambiti:
        regions.setdefault(ambito.region, []).append(ambito)
    for region, members in regions.items():
        fund = regional_fund(region, year, sum(a.population for a in members))
        udp = [UDP_LARGE_CENTS if a.population > UDP_THRESHOLD else UDP_SMALL_CENTS for a in members]
        if sum(udp) > fund // 4:  # tiny synthetic regions: keep the UdP within a quarter of the fund
            udp = split(fund // 4, [1] * len(members))
        equal_part, population_part = split(fund - sum(udp), [40, 60])
        equal = split(equal_part, [1] * len(members))
        by_population = split(population_part, [a.population for a in members])
        for a, u, e, p in zip(members, udp, equal, by_population):
            out[a.code] = {"udp": u, "parti_uguali": e, "popolazione": p, "totale": u + e + p, "fondo": fund}
    return out


# ----------------------------------------------------------------------------- services

def note(rng: random.Random, multiline_share: float = 0.15) -> str:
    draw = rng.random()
    if draw < 0.55:
        return ""
    if draw < 1 - multiline_share:
        return rng.choice(NOTE_FRAGMENTS)
    lines = rng.sample(NOTE_FRAGMENTS, rng.randint(2, 3))
    return "\n".join(lines)


def plan_services(ambito: AmbitoDef, year: int, allocation: dict[str, int], count: int,
                  rng: random.Random) -> list[Service]:
    services: list[Service] = []
    members = ambito.members
    # The Ufficio di Piano first: wholly funded by its share of the regional fund.
    udp_sources = dict.fromkeys(SERVIZI_HEADER[7:16], 0)
    udp_sources["Fondo regionale PLUS"] = allocation["udp"]
    services.append(Service("UDP", "Ufficio di Piano", "Area generale", "sociale", "associata",
                            ambito.capofila.name, udp_sources, "residenti", ""))
    fondo = split(allocation["totale"] - allocation["udp"], [rng.randint(1, 20) for _ in range(count - 1)])
    for number in range(1, count):
        tipologia = rng.choice(["sociale", "sociale", "socio_sanitario", "sanitario"])
        own = rng.random() < 0.1
        host = rng.choice(members)
        regional = fondo[number - 1]
        # Other sources as a share of the regional part, each in whole cents.
        sources = {
            "Fondo regionale PLUS": regional,
            "Quota Comuni": regional * rng.randint(20, 90) // 100 + rng.randint(0, 99),
            "Quota ASL": regional * rng.randint(10, 60) // 100 if tipologia != "sociale" else 0,
            "Quota Provincia": regional * rng.randint(2, 10) // 100 if rng.random() < 0.08 else 0,
            "FNPS": regional * rng.randint(5, 30) // 100 if rng.random() < 0.3 else 0,
            "FNA": regional * rng.randint(5, 30) // 100 if rng.random() < 0.2 else 0,
            "Fondi UE": regional * rng.randint(5, 40) // 100 if rng.random() < 0.05 else 0,
            "Compartecipazione utenti": regional * rng.randint(1, 8) // 100 if rng.random() < 0.25 else 0,
            "Altre fonti": rng.randint(0, 500_000) if rng.random() < 0.1 else 0,
        }
        name = SERVICE_NAMES[(number - 1) % len(SERVICE_NAMES)]
        if number > len(SERVICE_NAMES):
            name += f" - progetto {number // len(SERVICE_NAMES) + 1}"
        criterio = "residenti" if own else rng.choice(CRITERIA)
        services.append(Service(
            f"S{number:03d}", name, rng.choice(AREAS), tipologia,
            f"comune:{host.istat}" if own else "associata", host.name, sources, criterio, note(rng, 0.3)))
    for service in services:
        share_costs(service, ambito, rng)
    return services


def share_costs(service: Service, ambito: AmbitoDef, rng: random.Random) -> None:
    comuni_quota = service.sources["Quota Comuni"]
    if comuni_quota:
        if service.gestione.startswith("comune:"):
            payers = [c for c in ambito.members if c.istat == service.gestione[7:]]
            weights = [1]
        else:
            payers = ambito.members
            if service.criterio == "residenti":
                weights = [c.population for c in payers]
            elif service.criterio == "percentuali":
                weights = split(10_000, [rng.randint(1, 10) for _ in payers])  # basis points, sum 100,00
            else:
                weights = [1] * len(payers)
        for comune, weight, cents in zip(payers, weights, split(comuni_quota, weights)):
            percent = f"{weight // 100},{weight % 100:02d}" if service.criterio == "percentuali" else ""
            service.shares.append((f"comune:{comune.istat}", cents, percent))
    if service.sources["Quota ASL"]:
        service.shares.append((f"asl:{ambito.asl}", service.sources["Quota ASL"], ""))
    if service.sources["Quota Provincia"]:
        service.shares.append((f"provincia:{ambito.capofila.sigla}", service.sources["Quota Provincia"], ""))


# ----------------------------------------------------------------------------- writers

def excel_csv(header: list[str], rows, delimiter: str = ";") -> str:
    """Text as Excel/LibreOffice in Italian export it: `;`, CRLF rows, quotes only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_servizi(path: Path, services: list[Service]) -> None:
    rows = [[s.code, s.name, s.area, s.tipologia, s.gestione, s.sede, italian(s.total)]
            + [italian(s.sources[column]) for column in SERVIZI_HEADER[7:16]]
            + [s.criterio, s.note] for s in services]
    write_atomic(path, excel_csv(SERVIZI_HEADER, rows).encode("cp1252"))


def write_riparto(path: Path, services: list[Service]) -> None:
    rows = [[s.code, ente, italian(cents), percent] for s in services for ente, cents, percent in s.shares]
    write_atomic(path, excel_csv(RIPARTO_HEADER, rows).encode("cp1252"))


def write_scheda(path: Path, comune: Comune, year: int, services: list[Service], rng: random.Random) -> None:
    ente = f"comune:{comune.istat}"
    header = SCHEDA_HEADERS[int(comune.istat) % len(SCHEDA_HEADERS)]
    rows = [[comune.istat, year, s.code, s.name, italian(cents), note(rng)]
            for s in services for e, cents, _ in s.shares if e == ente]
    text = excel_csv(header, rows)
    # Most Comuni export Windows-1252; some save UTF-8 with a BOM (both are in the layout).
    data = text.encode("utf-8-sig") if int(comune.istat) % 5 == 0 else text.encode("cp1252")
    write_atomic(path, data)


def write_declaration(path: Path, ente: str, year: int, services: list[Service]) -> bool:
    rows = [[year, ente, s.code, s.name, plain(cents)] for s in services for e, cents, _ in s.shares if e == ente]
    if not rows:
        return False
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ASL_HEADER)
    writer.writerows(rows)
    write_atomic(path, buffer.getvalue().encode("utf-8"))
    return True


def deliberation_xml(region: str, year: int, ambiti: list[AmbitoDef], allocation: dict[str, dict[str, int]]) -> bytes:
    """The regional deliberation that allocates the fund, as a small Akoma Ntoso-like act.

    The only XML writer here: when the PlusXML layout is settled, align this function alone.
    """
    from xml.sax.saxutils import escape, quoteattr

    fund = allocation[ambiti[0].code]["fondo"]
    number = f"{10 + year % 30}/{(year * 7) % 50 + 1}"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
        '  <act name="deliberazione">',
        "    <meta>",
        "      <identification source=\"#regione\">",
        f"        <FRBRWork><FRBRthis value={quoteattr(f'/akn/it-{region}/act/dgr/{year}/{number}')}/>"
        f"<FRBRdate date=\"{year}-03-15\" name=\"adozione\"/><FRBRauthor href=\"#giunta\"/>"
        f"<FRBRnumber value={quoteattr(number)}/></FRBRWork>",
        "      </identification>",
        "    </meta>",
        "    <preface>",
        f"      <docTitle>Deliberazione della Giunta Regionale n. {escape(number)} del 15.03.{year}: "
        f"ripartizione del fondo per il sistema integrato dei servizi alla persona (art. 26 L.R. 23/2005), anno {year}</docTitle>",
        "    </preface>",
        "    <body>",
        "      <article eId=\"art_1\">",
        "        <heading>Ripartizione del fondo regionale</heading>",
        f"        <content><p>Fondo complessivo: <quantity eId=\"fondo\" normalized=\"{plain(fund)}\">"
        f"{italian(fund)}</quantity> euro; 40 % in parti uguali, 60 % in base alla popolazione residente.</p>",
        "          <table eId=\"riparto\">",
        "            <tr><th>Ambito</th><th>Denominazione</th><th>Popolazione</th><th>Ufficio di Piano</th>"
        "<th>Parti uguali</th><th>Popolazione</th><th>Totale</th></tr>",
    ]
    for ambito in ambiti:
        a = allocation[ambito.code]
        lines.append(
            f"            <tr ambito={quoteattr(ambito.code)}><td>{escape(ambito.code)}</td><td>{escape(ambito.name)}</td>"
            f"<td>{ambito.population}</td><td>{plain(a['udp'])}</td><td>{plain(a['parti_uguali'])}</td>"
            f"<td>{plain(a['popolazione'])}</td><td>{plain(a['totale'])}</td></tr>")
    lines += ["          </table>", "        </content>", "      </article>", "    </body>", "  </act>",
              "</akomaNtoso>", ""]
    return "\n".join(lines).encode("utf-8")


def write_membri(path: Path, ambiti: list[AmbitoDef]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(MEMBRI_HEADER)
    for ambito in ambiti:
        capofila = ambito.capofila
        for c in ambito.members:
            writer.writerow([ambito.code, ambito.name, c.istat, c.name, c.population, c.sigla,
                             "si" if c is capofila else "no"])
    write_atomic(path, buffer.getvalue().encode("utf-8"))


def slug(text: str) -> str:
    keep = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in keep.split("-") if part)


def generate_ambiti(ambiti: list[AmbitoDef], context: list[AmbitoDef], years: list[int], services: int,
                    seed: str, out: Path) -> dict:
    """Files for `ambiti`; the fund is allocated over `context` (every Ambito of their regions)."""
    write_membri(out / "ambiti-membri.csv", ambiti)
    files, rows = 1, 0
    for year in years:
        allocation = allocate(context, year)
        regions: dict[str, list[AmbitoDef]] = {}
        for ambito in context:
            regions.setdefault(ambito.region, []).append(ambito)
        for region, members in sorted(regions.items()):
            write_atomic(out / "deliberazioni" / f"dgr-{region}-{year}.xml",
                         deliberation_xml(region, year, members, allocation))
            files += 1
        for ambito in ambiti:
            rng = random.Random(f"{seed}:{ambito.code}:{year}")
            plan = plan_services(ambito, year, allocation[ambito.code], services, rng)
            folder = out / ambito.code / str(year)
            write_servizi(folder / "capofila-servizi.csv", plan)
            write_riparto(folder / "capofila-riparto.csv", plan)
            files += 2
            rows += len(plan) + sum(len(s.shares) for s in plan)
            for comune in ambito.members:
                write_scheda(folder / "schede" / f"scheda-{comune.istat}-{slug(comune.name)}.csv",
                             comune, year, plan, rng)
                files += 1
            for ente in (f"asl:{ambito.asl}", f"provincia:{ambito.capofila.sigla}"):
                name = "asl-dichiarazione.csv" if ente.startswith("asl:") else "provincia-dichiarazione.csv"
                files += write_declaration(folder / name, ente, year, plan)
            rows += sum(len(s.shares) for s in plan)
    return {"ambiti": len(ambiti), "comuni": sum(len(a.members) for a in ambiti), "years": years,
            "services_per_ambito": services, "files": files, "rows": rows}


def generate_sheet(comuni: list[Comune], size_mb: float, seed: str, out: Path) -> dict:
    """One comune-scheda of about `size_mb` MB (10^6 bytes): the throughput benchmark's input."""
    rng = random.Random(f"{seed}:sheet")
    target = int(size_mb * 1_000_000)
    path = out / "comune-scheda-large.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    rows, written, total_cents = 0, 0, 0
    # No "€" in this header: DuckDB reads only latin-1, which has no euro sign (0x80 in Windows-1252),
    # and the comparison must run every contender on the very same bytes.
    header = SCHEDA_HEADERS[1]
    with open(temporary, "wb") as handle:
        chunk_text = excel_csv(header, [])
        batch: list[list] = []
        while written < target:
            comune = comuni[rows % len(comuni)]
            cents = rng.randint(0, 25_000_000)
            total_cents += cents
            batch.append([comune.istat, 2015 + rows % 5, f"S{rows % 150 + 1:03d}",
                          SERVICE_NAMES[rows % len(SERVICE_NAMES)], italian(cents), note(rng)])
            rows += 1
            if len(batch) == 10_000:
                data = (chunk_text + excel_csv(header, batch).split("\r\n", 1)[1]).encode("cp1252")
                handle.write(data)
                written += len(data)
                chunk_text, batch = "", []
        if batch or chunk_text:
            data = (chunk_text + excel_csv(header, batch).split("\r\n", 1)[1]).encode("cp1252")
            handle.write(data)
            written += len(data)
    os.replace(temporary, path)
    return {"file": path.name, "bytes": written, "rows": rows, "columns": len(header),
            "sum_importo_cents": total_cents, "amount_column": 5}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scale", choices=["oristano", "region", "italy", "sheet"])
    parser.add_argument("--out", type=Path, help="output folder (default: Benchmarks/data/SCALE)")
    parser.add_argument("--seed", default="plus", help="any text; same seed, same bytes")
    parser.add_argument("--years", type=int, help="years of history ending at --last-year (default 1; italy 3)")
    parser.add_argument("--last-year", type=int, default=2019)
    parser.add_argument("--services", type=int, help="services per Ambito (default 30; italy 150)")
    parser.add_argument("--size-mb", type=float, default=250, help="sheet scale: size in MB (10^6 bytes)")
    parser.add_argument("--comuni", type=Path, default=DEFAULT_COMUNI,
                        help="ISTAT Comuni CSV (default: ../shared/data/comuni-istat-2011.csv from the repo root)")
    args = parser.parse_args(argv)

    out = args.out or Path(__file__).resolve().parent / "data" / args.scale
    comuni = read_comuni(args.comuni)
    if args.scale == "sheet":
        summary = generate_sheet(comuni, args.size_mb, args.seed, out)
    else:
        years_count = args.years or (3 if args.scale == "italy" else 1)
        years = list(range(args.last_year - years_count + 1, args.last_year + 1))
        services = args.services or (150 if args.scale == "italy" else 30)
        if services < 2:
            parser.error("--services must be at least 2")
        context = italian_ambiti(comuni) if args.scale == "italy" else sardinian_ambiti(comuni)
        ambiti = context[:1] if args.scale == "oristano" else context
        summary = generate_ambiti(ambiti, context, years, services, args.seed, out)
    summary["scale"], summary["seed"] = args.scale, args.seed
    write_atomic(out / "MANIFEST.json", (json.dumps(summary, indent=2, sort_keys=True) + "\n").encode())
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
