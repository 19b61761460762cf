"""DuckDB contender: read a layout with read_csv and sum its amount column (decimal comma);
for the regional collection, read every CSV (types and dialect sniffed by DuckDB) and count rows.

    .venv/bin/python peers/duckdb_sum.py sheet|plan FILE [THREADS]
    .venv/bin/python peers/duckdb_sum.py region INBOX [THREADS]

Prints rows=N sum=D (sheet, plan) or rows=N files=N (region).
"""
import sys

import duckdb

from duckdb_common import amount, read_csv_sql, run_on_collection_file
from layouts import LAYOUTS, collection

layout, path = sys.argv[1], sys.argv[2]
connection = duckdb.connect()
if len(sys.argv) > 3:
    connection.execute(f"SET threads = {int(sys.argv[3])}")
if layout == "region":
    files = collection(path)
    rows = sum(run_on_collection_file(connection, f, "SELECT count(*) FROM {source}")[0] for f in files)
    print(f"rows={rows} files={len(files)}")
else:
    column = LAYOUTS[layout]["sum"]
    rows, total = connection.execute(
        f"SELECT count(*), sum({amount(column)}) FROM {read_csv_sql(layout)}", [path]).fetchone()
    print(f"rows={rows} sum={total}")
