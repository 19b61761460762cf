"""DuckDB contender: load a layout into a typed table of a persisted database (amounts as
DECIMAL(18,2)), as `plus run` keeps the file in its store; for the regional collection, one table
per CSV with DuckDB's sniffed types. Prints the rows loaded and the database's bytes on disk.

    .venv/bin/python peers/duckdb_load.py sheet|plan FILE DATABASE
    .venv/bin/python peers/duckdb_load.py region INBOX DATABASE
"""
import os
import sys

import duckdb

from duckdb_common import read_csv_sql, run_on_collection_file, typed_select
from layouts import collection

layout, path, database = sys.argv[1], sys.argv[2], sys.argv[3]
for leftover in (database, database + ".wal"):
    if os.path.exists(leftover):
        os.remove(leftover)
connection = duckdb.connect(database)
if layout == "region":
    rows = 0
    for number, file in enumerate(collection(path)):
        run_on_collection_file(connection, file, f"CREATE TABLE t{number} AS SELECT * FROM {{source}}")
        rows += connection.execute(f"SELECT count(*) FROM t{number}").fetchone()[0]
else:
    connection.execute(f"CREATE TABLE {layout} AS SELECT {typed_select(layout)} FROM {read_csv_sql(layout)}", [path])
    rows = connection.execute(f"SELECT count(*) FROM {layout}").fetchone()[0]
connection.execute("CHECKPOINT")
connection.close()
on_disk = sum(os.path.getsize(p) for p in (database, database + ".wal") if os.path.exists(p))
print(f"rows={rows} bytes={on_disk}")
