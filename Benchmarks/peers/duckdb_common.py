"""What the DuckDB contenders share: the read_csv of a layout, the decimal-comma cast, and the
encoding of a file of the regional collection (UTF-8 when it decodes, else latin-1, else
transcoded from Windows-1252 to a temporary UTF-8 copy: DuckDB without its encodings extension,
which cannot be installed offline, refuses the euro sign's byte 0x80 as latin-1)."""
import atexit
import shutil
import tempfile
from pathlib import Path

import duckdb

from layouts import LAYOUTS, delimiter_of


def read_csv_sql(layout: str) -> str:
    """read_csv of one file of the layout (the path is the query's parameter), every column text
    but the integers: amounts are cast by `amount`. DuckDB reads latin-1, not Windows-1252: the
    generated files use neither the euro sign nor the other bytes where the two differ."""
    spec = LAYOUTS[layout]
    columns = ", ".join(f"'{c}': '{'INTEGER' if c in spec['integers'] else 'VARCHAR'}'" for c in spec["columns"])
    return (f"read_csv(?, delim=';', header=true, quote='\"', escape='\"', encoding='latin-1', "
            f"columns={{{columns}}})")


def amount(column: str) -> str:
    return f"CAST(replace(replace({column}, '.', ''), ',', '.') AS DECIMAL(18,2))"


def typed_select(layout: str) -> str:
    spec = LAYOUTS[layout]
    return ", ".join(amount(c) + f" AS {c}" if c in spec["amounts"] else c for c in spec["columns"])


def run_on_collection_file(connection, path: Path, statement: str):
    """Runs `statement` (with `{source}` for the read_csv expression) on one file of the collection,
    DuckDB sniffing its types, in the first encoding DuckDB accepts; returns the first row."""
    delimiter = delimiter_of(path)
    for encoding in ("utf-8", "latin-1"):
        source = f"read_csv('{path}', delim='{delimiter}', header=true, encoding='{encoding}', strict_mode=false)"
        try:
            return connection.execute(statement.format(source=source)).fetchone()
        except duckdb.Error:
            continue
    copy = Path(_scratch()) / (path.name + ".utf8")
    copy.write_text(path.read_bytes().decode("cp1252"), encoding="utf-8", newline="")
    source = f"read_csv('{copy}', delim='{delimiter}', header=true, encoding='utf-8', strict_mode=false)"
    return connection.execute(statement.format(source=source)).fetchone()


_folder: list[str] = []


def _scratch() -> str:
    if not _folder:
        _folder.append(tempfile.mkdtemp(prefix="duckdb-cp1252-"))
        atexit.register(shutil.rmtree, _folder[0], True)
    return _folder[0]
