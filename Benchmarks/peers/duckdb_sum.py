"""DuckDB contender: read the sheet with read_csv and sum the amount column (decimal comma).

    .venv/bin/python peers/duckdb_sum.py FILE [THREADS]
"""
import sys

import duckdb

path = sys.argv[1]
connection = duckdb.connect()
if len(sys.argv) > 2:
    connection.execute(f"SET threads = {int(sys.argv[2])}")
query = """
SELECT count(*), sum(CAST(replace(replace(importo, '.', ''), ',', '.') AS DECIMAL(18,2)))
FROM read_csv(?, delim=';', header=true, quote='"', escape='"', encoding='latin-1',
    columns={'ente_istat': 'VARCHAR', 'anno': 'INTEGER', 'servizio': 'VARCHAR',
             'descrizione': 'VARCHAR', 'importo': 'VARCHAR', 'note': 'VARCHAR'})
"""
rows, total = connection.execute(query, [path]).fetchone()
print(f"rows={rows} sum={total}")
