"""polars contender: read a layout and sum its amount column (decimal comma); for the regional
collection, read every CSV and count rows.

    .venv/bin/python peers/polars_sum.py sheet|plan FILE
    .venv/bin/python peers/polars_sum.py region INBOX

polars reads UTF-8 only: Windows-1252 files are read with encoding="utf8-lossy" (the few accented
letters become U+FFFD, which the sum does not look at). Prints rows=N sum=D or rows=N files=N.
"""
import sys

import polars as pl

from layouts import LAYOUTS, collection, delimiter_of

layout, path = sys.argv[1], sys.argv[2]
if layout == "region":
    files = collection(path)
    rows = sum(pl.read_csv(f, separator=delimiter_of(f), encoding="utf8-lossy", infer_schema=False).height
               for f in files)
    print(f"rows={rows} files={len(files)}")
else:
    spec = LAYOUTS[layout]
    frame = pl.read_csv(path, separator=";", encoding="utf8-lossy", infer_schema=False,
                        new_columns=spec["columns"])
    total = frame.select(pl.col(spec["sum"]).str.replace_all(".", "", literal=True)
                         .str.replace(",", ".", literal=True).cast(pl.Decimal(18, 2)).sum()).item()
    print(f"rows={frame.height} sum={total}")
