#!/usr/bin/env python3
"""Deterministic generator of realistic `plus` inputs at a chosen scale.

    python3 Benchmarks/generate.py oristano                # 1 Ambito, 24 Comuni, 1 year
    python3 Benchmarks/generate.py region                  # Sardinia: 25 Ambiti, 377 Comuni
    python3 Benchmarks/generate.py italy --years 1         # 601 Ambiti, 7,904 Comuni
    python3 Benchmarks/generate.py sheet --size-mb 250     # one big comune-scheda for throughput

Same arguments, same bytes: every random choice comes from a `random.Random` seeded with a
string built from --seed and the Ambito/year, never from the clock or hash randomisation.

The scales oristano, region and italy write an inbox that `plus run --inbox OUT/inbox` reads as
it is: one flat folder with the reference data, the deliberation and, per Ambito and year, the
plan table, the cost split, one sheet per Comune and the ASL's and Provincia's declarations, each
with a file name and header that one of `Mappings/*.yaml` matches. Amounts are consistent, so the
validation finds no error: the funding sources of a service add up to its total cost, the cost
split follows the service's criterion (largest remainder, like `Money.split(weights:)`), every
sheet and declaration equals its shares, and the fondo regionale of an Ambito's services equals
its allocation in the year's deliberation (UdP share by the 35,000 threshold, then 40 % equal
parts and 60 % by population), which the rule set recomputes to the cent.
Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

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
ITALY_AMBITI = 600  # apportioned; a province left without one by rounding gets one: 601
# Sardinian regional fund (PLUS.md); other years and regions are synthesised per resident.
SARDINIA_FUND_CENTS = {2017: 1_887_180_782, 2018: 1_916_762_240, 2019: 1_861_000_000}
# The parameters of Mappings/rules/sardegna-plus-v1.yaml; every deliberation states them again.
UDP_SMALL_CENTS, UDP_LARGE_CENTS, UDP_THRESHOLD = 6_100_000, 7_600_000, 35_000
SARDINIA_UDP_CAP_CENTS = 192_418_400
EQUAL_SHARE_BASIS_POINTS = 4_000
# The synthetic Italy's own region and rule set (see italy_rule_set), written beside the inbox.
ITALY_RULE_REGION = "italia-sintetica"
RULES_FILE = "regole.yaml"
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
# Funding columns of the plan table, in the order of capofila-servizi.
FUNDING_COLUMNS = [
    "Fondo regionale PLUS", "Quota Comuni", "Quota ASL", "Quota Provincia", "FNPS", "FNA", "Fondi UE",
    "Compartecipazione utenti", "Altre fonti",
]
# piano-servizi and piano-riparto: the capofila's layouts with the year and the Ambito's code.
SERVIZI_HEADER = (["Anno", "Ambito", "Codice servizio", "Denominazione servizio", "Area di utenza", "Tipologia",
                   "Gestione", "Sede", "Costo totale"] + FUNDING_COLUMNS + ["Criterio di riparto", "Note"])
RIPARTO_HEADER = ["Anno", "Ambito", "Codice servizio", "Ente", "Denominazione ente", "Importo", "Percentuale"]
# asl-dichiarazione: a database export (UTF-8, `,`, dot decimals) naming ente and Ambito.
DECLARATION_HEADER = ["anno", "ente", "ambito", "codice_servizio", "descrizione", "importo"]
# provincia-dichiarazione: the Provincia di Oristano's own layout (tab, decimal comma, ente fixed).
PROVINCIA_OR_HEADER = ["Anno", "Ambito", "Codice servizio", "Servizio", "Importo a carico della Provincia"]
MEMBRI_HEADER = ["ambito", "nome_ambito", "codice_istat", "denominazione", "popolazione", "sigla_provincia", "capofila"]
ENTI_HEADER = ["ambito", "nome_ambito", "asl", "nome_asl", "provincia", "nome_provincia"]

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
    province_name: str = ""


@dataclass
class AmbitoDef:
    code: str
    name: str
    region: str
    members: list[Comune]

    def __post_init__(self) -> None:
        # ISTAT-code order: the order in which the rules split cents among the Comuni.
        self.members = sorted(self.members, key=lambda c: c.istat)

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

    @property
    def asl_ente(self) -> str:
        return f"asl:{self.asl}"

    @property
    def asl_name(self) -> str:
        return f"ASL {self.asl[3:]} {self.capofila.province_name}".strip()

    @property
    def provincia_ente(self) -> str:
        return f"provincia:{self.capofila.sigla}"

    @property
    def provincia_name(self) -> str:
        return f"Provincia di {self.capofila.province_name or self.capofila.sigla}"


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
                   int(r["popolazione_2011"]), r.get("provincia", ""))
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


def letters(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA: Ambito codes are 2 to 4 capital letters (ripartizione-plus.xsd)."""
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def coded(groups: list[list[Comune]], region: str, title: str, taken: set[str]) -> list[AmbitoDef]:
    """An Ambito per group, coded by province: the province's sigla and a letter, `CAA`, `CAB`."""
    ambiti, numbers = [], {}
    for group in groups:
        sigla = group[0].sigla
        code = ""
        while not code or code in taken:
            numbers[sigla] = numbers.get(sigla, 0) + 1
            code = sigla + letters(numbers[sigla])
        taken.add(code)
        capofila = max(group, key=lambda c: (c.population, c.istat))
        ambiti.append(AmbitoDef(code, f"{title} di {capofila.name}", region, group))
    return ambiti


def sardinian_ambiti(comuni: list[Comune]) -> list[AmbitoDef]:
    sardinia = [c for c in comuni if c.region == SARDINIA]
    wanted = set(ORISTANO_MEMBERS)
    oristano = [c for c in sardinia if c.sigla == "OR" and c.name in wanted]
    if len(oristano) != len(ORISTANO_MEMBERS):
        missing = wanted - {c.name for c in oristano}
        sys.exit(f"generate.py: Oristano members not found in the Comuni file: {sorted(missing)}")
    rest = [c for c in sardinia if c not in oristano]
    ambiti = [AmbitoDef("OR", "Ambito PLUS di Oristano", SARDINIA, oristano)]
    return ambiti + coded(group_by_province(rest, SARDINIA_AMBITI - 1), SARDINIA, "Ambito PLUS", {"OR"})


def italian_ambiti(comuni: list[Comune]) -> list[AmbitoDef]:
    ambiti = sardinian_ambiti(comuni)
    taken = {a.code for a in ambiti}
    regions: dict[str, list[Comune]] = {}
    for comune in comuni:
        if comune.region != SARDINIA:
            regions.setdefault(comune.region, []).append(comune)
    names = sorted(regions)
    counts = split(ITALY_AMBITI - SARDINIA_AMBITI, [len(regions[n]) for n in names])
    for region, count in zip(names, counts):
        ambiti += coded(group_by_province(regions[region], count), region, "Ambito sociale", taken)
    return ambiti


# ----------------------------------------------------------------------------- allocation

def regional_fund(region: str, year: int, population: int) -> int:
    if region == SARDINIA and year in SARDINIA_FUND_CENTS:
        return SARDINIA_FUND_CENTS[year]
    # About 11 euros per resident, drifting 1.5 % a year: realistic magnitude, nothing more.
    return population * (1_100 + 17 * (year - 2019))


def udp_share(population: int) -> int:
    """The rule set's UdP share: the large one only strictly above the threshold."""
    return UDP_LARGE_CENTS if population > UDP_THRESHOLD else UDP_SMALL_CENTS


def allocate(ambiti: list[AmbitoDef], year: int) -> dict[str, dict[str, int]]:
    """One deliberation's split of the fund among `ambiti`, as the rule set recomputes it.

    The fund is each region's (the real Sardinian totals, ~11 euros a resident elsewhere); the
    UdP shares come first, then 40 % of the rest (rounded half up) in equal parts and the
    remainder by population, each split by largest remainder in the deliberation's order.
    """
    regions: dict[str, int] = {}
    for ambito in ambiti:
        regions[ambito.region] = regions.get(ambito.region, 0) + ambito.population
    fund = sum(regional_fund(region, year, population) for region, population in sorted(regions.items()))
    udp = [udp_share(a.population) for a in ambiti]
    remainder = fund - sum(udp)
    if remainder <= 0:
        raise ValueError(f"the fund of {year} does not cover the UdP shares")
    equal_part = (remainder * EQUAL_SHARE_BASIS_POINTS + 5_000) // 10_000
    equal = split(equal_part, [1] * len(ambiti))
    by_population = split(remainder - equal_part, [a.population for a in ambiti])
    out: dict[str, dict[str, int]] = {}
    for a, u, e, p in zip(ambiti, udp, equal, by_population):
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
    udp_sources = dict.fromkeys(FUNDING_COLUMNS, 0)
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
        # A service one Comune runs alone is paid by that Comune: a fixed quota, not a split.
        criterio = "quota_fissa" if own else rng.choice(CRITERIA)
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
        service.shares.append((ambito.asl_ente, service.sources["Quota ASL"], ""))
    if service.sources["Quota Provincia"]:
        service.shares.append((ambito.provincia_ente, service.sources["Quota Provincia"], ""))


# ----------------------------------------------------------------------------- writers

def excel_csv(header: list[str], rows, delimiter: str = ";") -> str:
    """Text as Excel/LibreOffice in Italian export it: `;`, CRLF rows, quotes only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def database_csv(header: list[str], rows, delimiter: str = ",") -> str:
    """Text as a database export writes it: LF rows, quotes only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def slug(text: str) -> str:
    keep = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in keep.split("-") if part)


def ente_cell(ente: str) -> str:
    """A Comune by its bare ISTAT code, as the capofila's spreadsheet writes it; others as `asl:ASL5`."""
    return ente[len("comune:"):] if ente.startswith("comune:") else ente


def write_servizi(path: Path, ambito: AmbitoDef, year: int, services: list[Service]) -> int:
    rows = [[year, ambito.code, s.code, s.name, s.area, s.tipologia, s.gestione, s.sede, italian(s.total)]
            + [italian(s.sources[column]) if s.sources[column] else "" for column in FUNDING_COLUMNS]
            + [s.criterio, s.note] for s in services]
    write_atomic(path, excel_csv(SERVIZI_HEADER, rows).encode("cp1252"))
    return len(rows)


def write_riparto(path: Path, ambito: AmbitoDef, year: int, services: list[Service]) -> int:
    names = {f"comune:{c.istat}": c.name for c in ambito.members}
    names[ambito.asl_ente], names[ambito.provincia_ente] = ambito.asl_name, ambito.provincia_name
    rows = [[year, ambito.code, s.code, ente_cell(ente), names[ente], italian(cents), percent]
            for s in services for ente, cents, percent in s.shares]
    write_atomic(path, excel_csv(RIPARTO_HEADER, rows).encode("cp1252"))
    return len(rows)


def write_scheda(path: Path, comune: Comune, year: int, services: list[Service], rng: random.Random) -> int:
    ente = f"comune:{comune.istat}"
    header = SCHEDA_HEADERS[int(comune.istat) % len(SCHEDA_HEADERS)]
    rows = [[comune.istat, year, s.code, s.name, italian(cents), note(rng)]
            for s in services for e, cents, _ in s.shares if e == ente]
    text = excel_csv(header, rows)
    # Most Comuni export Windows-1252; some save UTF-8 with a BOM (both are in the layout).
    data = text.encode("utf-8-sig") if int(comune.istat) % 5 == 0 else text.encode("cp1252")
    write_atomic(path, data)
    return len(rows)


def signatory_rows(ente: str, services: list[Service]) -> list[tuple[Service, int]]:
    return [(s, cents) for s in services for e, cents, _ in s.shares if e == ente]


def write_declaration(path: Path, ente: str, ambito: AmbitoDef, year: int, services: list[Service]) -> int:
    """asl-dichiarazione layout; it names the Ambito, since an ASL or a Provincia serves several."""
    rows = [[year, ente, ambito.code, s.code, s.name, plain(cents)] for s, cents in signatory_rows(ente, services)]
    if rows:
        write_atomic(path, database_csv(DECLARATION_HEADER, rows).encode("utf-8"))
    return len(rows)


def write_provincia_or(path: Path, ambito: AmbitoDef, year: int, services: list[Service]) -> int:
    """provincia-dichiarazione layout: the Provincia di Oristano's, tab-separated, UTF-8 with a BOM."""
    rows = [[year, ambito.code, s.code, s.name, italian(cents)]
            for s, cents in signatory_rows("provincia:OR", services)]
    if rows:
        write_atomic(path, excel_csv(PROVINCIA_OR_HEADER, rows, delimiter="\t").encode("utf-8-sig"))
    return len(rows)


def deliberation_xml(year: int, ambiti: list[AmbitoDef], allocation: dict[str, dict[str, int]], body: str,
                     udp_cap: int) -> bytes:
    """The act that allocates the fund, in the `deliberazione-akn` layout (as SampleData's dgr-2019.xml).

    The figures sit in the `<proprietary>` block that `ripartizione-plus.xsd` validates; the act
    states its parameters, which win over the rule set's (`deliberation_overrides`).
    """
    fund = allocation[ambiti[0].code]["fondo"]
    number = f"{10 + year % 30}/{(year * 7) % 50 + 1}"
    date = f"{year}-03-15"
    work = f"/akn/it/act/deliberazione/giunta/{date}/{number.replace('/', '-')}"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" '
        'xmlns:plus="urn:it:ras:plus:ripartizione:1.0">',
        '  <act name="deliberazione">',
        "    <meta>",
        '      <identification source="#ente">',
        "        <FRBRWork>",
        f'          <FRBRthis value="{work}/!main"/>',
        f'          <FRBRuri value="{work}"/>',
        f'          <FRBRdate date="{date}" name="adozione"/>',
        '          <FRBRauthor href="#giunta" as="#autore"/>',
        '          <FRBRcountry value="it"/>',
        f"          <FRBRnumber value={quoteattr(number)}/>",
        '          <FRBRname value="DGR"/>',
        "        </FRBRWork>",
        "      </identification>",
        '      <references source="#ente">',
        f'        <TLCOrganization eId="giunta" href="/akn/ontology/organizations/it/giunta" showAs={quoteattr(body)}/>',
        '        <TLCOrganization eId="ente" href="/akn/ontology/organizations/it/ente" showAs="Ente erogatore"/>',
        '        <TLCRole eId="autore" href="/akn/ontology/roles/autore" showAs="Autore"/>',
        "      </references>",
        '      <proprietary source="#ente">',
        f'        <plus:ripartizione anno="{year}" valuta="EUR">',
        f"          <plus:fondo>{plain(fund)}</plus:fondo>",
        "          <plus:parametri>",
        f"            <plus:percentualePartiUguali>{EQUAL_SHARE_BASIS_POINTS // 100}</plus:percentualePartiUguali>",
        f"            <plus:percentualePopolazione>{100 - EQUAL_SHARE_BASIS_POINTS // 100}</plus:percentualePopolazione>",
        f"            <plus:quotaUdPMinore>{plain(UDP_SMALL_CENTS)}</plus:quotaUdPMinore>",
        f"            <plus:quotaUdPMaggiore>{plain(UDP_LARGE_CENTS)}</plus:quotaUdPMaggiore>",
        f"            <plus:sogliaResidenti>{UDP_THRESHOLD}</plus:sogliaResidenti>",
        f"            <plus:tettoUdP>{plain(udp_cap)}</plus:tettoUdP>",
        "          </plus:parametri>",
        "          <plus:ambiti>",
    ]
    for ambito in ambiti:
        a = allocation[ambito.code]
        lines += [
            f"            <plus:ambito codice={quoteattr(ambito.code)} nome={quoteattr(ambito.name)}>",
            f"              <plus:popolazione>{ambito.population}</plus:popolazione>",
            f"              <plus:quotaPartiUguali>{plain(a['parti_uguali'])}</plus:quotaPartiUguali>",
            f"              <plus:quotaPopolazione>{plain(a['popolazione'])}</plus:quotaPopolazione>",
            f"              <plus:quotaUdP>{plain(a['udp'])}</plus:quotaUdP>",
            f"              <plus:totale>{plain(a['totale'])}</plus:totale>",
            "            </plus:ambito>",
        ]
    lines += [
        "          </plus:ambiti>",
        "        </plus:ripartizione>",
        "      </proprietary>",
        "    </meta>",
        "    <body>",
        '      <article eId="art_1">',
        "        <num>1.</num>",
        f"        <content><p>{escape(body)}, deliberazione n. {escape(number)}: il Fondo per il sistema integrato "
        f"dei servizi alla persona, anno {year}, di euro {italian(fund)}, è ripartito tra {len(ambiti)} Ambiti: "
        "previa detrazione della quota per l'Ufficio di Piano, il 40 % in parti uguali e il 60 % in base alla "
        "popolazione residente.</p></content>",
        "      </article>",
        "    </body>",
        "  </act>",
        "</akomaNtoso>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def write_membri(path: Path, ambiti: list[AmbitoDef]) -> int:
    rows = [[a.code, a.name, c.istat, c.name, c.population, c.sigla, "si" if c is a.capofila else "no"]
            for a in ambiti for c in a.members]
    write_atomic(path, database_csv(MEMBRI_HEADER, rows, ";").encode("utf-8"))
    return len(rows)


def write_enti(path: Path, ambiti: list[AmbitoDef], rule_region: str | None = None) -> int:
    """enti-ambiti; with `rule_region`, a `regione` column naming the rule set's region for every Ambito."""
    rows = [[a.code, a.name, a.asl_ente, a.asl_name, a.provincia_ente, a.provincia_name] for a in ambiti]
    header = ENTI_HEADER
    if rule_region:
        header, rows = header + ["regione"], [row + [rule_region] for row in rows]
    write_atomic(path, database_csv(header, rows, ";").encode("utf-8"))
    return len(rows)


def italy_rule_set(years: list[int], funds: dict[int, int], udp_cap: int) -> bytes:
    """The rule set of the synthetic Italy: Sardinia's rules with the Italian act's fund and UdP cap.

    One act allocates one fund over all 601 Ambiti (Sardinia's included), so the Sardinian rule
    set cannot govern it: its cap (1,924,184.00) is below the UdP shares of 601 Ambiti and its
    published totals are Sardinia's. The Ambiti get a region of their own (`regione` in
    enti-ambiti), and this file, given to `plus run --rules`, governs that region in those years.
    """
    totals = "".join(f'  {year}: "{plain(funds[year])}"\n' for year in years)
    return (
        f"# Generated by Benchmarks/generate.py italy: the synthetic national act's rule set.\n"
        f"name: {ITALY_RULE_REGION}\n"
        "version: 1\n"
        f"region: {ITALY_RULE_REGION}\n"
        f"valid_years: {years[0]}-{years[-1]}\n"
        "population_vintage: censimento-2011\n"
        f'title: "Riparto nazionale sintetico (benchmark), {years[0]}-{years[-1]}"\n'
        "parameters:\n"
        f'  equal_share_percent: "{EQUAL_SHARE_BASIS_POINTS // 100}"\n'
        f'  population_share_percent: "{100 - EQUAL_SHARE_BASIS_POINTS // 100}"\n'
        f'  udp_share_small: "{plain(UDP_SMALL_CENTS)}"\n'
        f'  udp_share_large: "{plain(UDP_LARGE_CENTS)}"\n'
        f"  udp_threshold: {UDP_THRESHOLD}\n"
        "  threshold_inclusive_side: small\n"
        f'  udp_cap: "{plain(udp_cap)}"\n'
        "  udp_before_split: true\n"
        "  rounding: largest_remainder\n"
        "  tolerance_cents: 0\n"
        "deliberation_may_set: []\n"
        f"published_fund_totals:\n{totals}"
        "indicators_required: false\n"
        "disabled_rules: []\n"
        "funding_sources: [fondo_regionale, comuni, asl, provincia, fnps, fna, ue, compartecipazione, altro]\n"
    ).encode("utf-8")


def generate_ambiti(ambiti: list[AmbitoDef], context: list[AmbitoDef], years: list[int], services: int,
                    seed: str, out: Path, body: str, udp_cap: int, rule_region: str | None = None) -> dict:
    """The inbox `out/inbox` for `ambiti`; each year's deliberation allocates the fund over `context`.

    With `rule_region`, the Ambiti belong to that region and `out/RULES_FILE` is its rule set.
    """
    inbox = out / "inbox"
    rows = write_membri(inbox / "ambiti-membri.csv", ambiti) + write_enti(inbox / "enti-ambiti.csv", ambiti, rule_region)
    files = 2
    allocations = {year: allocate(context, year) for year in years}
    rules = out / RULES_FILE
    if rule_region:
        funds = {year: allocations[year][context[0].code]["fondo"] for year in years}
        write_atomic(rules, italy_rule_set(years, funds, udp_cap))
    elif rules.exists():
        rules.unlink()  # a stale rule set from other arguments would be given to `plus run`
    for year in years:
        allocation = allocations[year]
        write_atomic(inbox / f"dgr-{year}.xml", deliberation_xml(year, context, allocation, body, udp_cap))
        files += 1
        for ambito in ambiti:
            rng = random.Random(f"{seed}:{ambito.code}:{year}")
            plan = plan_services(ambito, year, allocation[ambito.code], services, rng)
            stem = f"{ambito.code.lower()}-{year}"
            rows += write_servizi(inbox / f"piano-servizi-{stem}.csv", ambito, year, plan)
            rows += write_riparto(inbox / f"piano-riparto-{stem}.csv", ambito, year, plan)
            files += 2
            for comune in ambito.members:
                written = write_scheda(inbox / f"comune-{comune.istat}-{slug(comune.name)}-scheda-{year}.csv",
                                       comune, year, plan, rng)
                if written == 0:
                    raise AssertionError(f"{comune.name} has no share in {ambito.code} {year}")
                rows += written
                files += 1
            asl = write_declaration(inbox / f"asl-{ambito.asl.lower()}-{stem}.csv", ambito.asl_ente, ambito, year, plan)
            if ambito.provincia_ente == "provincia:OR":
                provincia = write_provincia_or(inbox / f"provincia-or-{stem}.csv", ambito, year, plan)
            else:
                provincia = write_declaration(inbox / f"provincia-{ambito.capofila.sigla.lower()}-{stem}.csv",
                                              ambito.provincia_ente, ambito, year, plan)
            files += (asl > 0) + (provincia > 0)
            rows += asl + provincia
    return {"ambiti": len(ambiti), "comuni": sum(len(a.members) for a in ambiti), "years": years,
            "services_per_ambito": services, "files": files, "rows": rows, "inbox": "inbox"}


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
        if args.scale == "italy":
            # The store keeps one deliberation a year (see README): for Italy, one act over all Ambiti.
            context = italian_ambiti(comuni)
            body, udp_cap = "Riparto nazionale sintetico (benchmark)", len(context) * UDP_LARGE_CENTS
        else:
            context = sardinian_ambiti(comuni)
            body, udp_cap = "Giunta Regionale della Sardegna", SARDINIA_UDP_CAP_CENTS
        ambiti = context[:1] if args.scale == "oristano" else context
        # A stale file from other arguments would be taken by `plus run` like the rest.
        shutil.rmtree(out / "inbox", ignore_errors=True)
        rule_region = ITALY_RULE_REGION if args.scale == "italy" else None
        summary = generate_ambiti(ambiti, context, years, services, args.seed, out, body, udp_cap, rule_region)
    summary["scale"], summary["seed"] = args.scale, args.seed
    write_atomic(out / "MANIFEST.json", (json.dumps(summary, indent=2, sort_keys=True) + "\n").encode())
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
