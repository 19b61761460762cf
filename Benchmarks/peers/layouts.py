"""The layouts compare.sh times, as the peers need them: column names in file order, which columns
hold amounts with a decimal comma ("1.234,56"), which one is summed, and the Table Schema.

`region` is not a single table: it is a folder of small CSVs of several layouts (the regional
collection of `generate.py region`), which each peer reads file by file with its own sniffing.
"""
from pathlib import Path

SHEET_COLUMNS = ["ente_istat", "anno", "servizio", "descrizione", "importo", "note"]
PLAN_COLUMNS = ["anno", "codice", "denominazione", "area", "tipologia", "gestione", "sede",
                "costo_totale", "fondo_regionale", "comuni", "asl", "provincia", "fnps", "fna", "ue",
                "compartecipazione", "altro", "criterio", "note"]

LAYOUTS = {
    # generate.py sheet: one comune-scheda, 6 columns; the amount is column 5.
    "sheet": {"columns": SHEET_COLUMNS, "integers": ["anno"], "amounts": ["importo"], "sum": "importo",
              "schema": "comune-scheda.schema.json"},
    # plan_table.py: the capofila's servizi table, 19 columns, 11 of them amounts; the total cost is column 8.
    "plan": {"columns": PLAN_COLUMNS, "integers": ["anno"],
             "amounts": ["costo_totale", "fondo_regionale", "comuni", "asl", "provincia", "fnps", "fna", "ue",
                         "compartecipazione", "altro"],
             "sum": "costo_totale", "schema": "plan-table.schema.json"},
}


def schema_path(layout: str) -> Path:
    return Path(__file__).resolve().parent.parent / "schemas" / LAYOUTS[layout]["schema"]


def collection(folder: str) -> list[Path]:
    """The CSVs of a regional collection, in name order (the XML deliberation is not a table)."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() == ".csv")


def delimiter_of(path: Path) -> str:
    """The commonest of ';', ',' and tab in the first line, as csvcount --each guesses it."""
    with open(path, "rb") as file:
        head = file.readline()
    counts = {";": head.count(b";"), ",": head.count(b","), "\t": head.count(b"\t")}
    return max(counts, key=lambda d: (counts[d], d == ";"))
