"""frictionless contender: validate a layout against its Table Schema (schemas/); for the
regional collection, validate every CSV with the schema frictionless infers.

    .venv/bin/python peers/validate_with_frictionless.py sheet|plan FILE
    .venv/bin/python peers/validate_with_frictionless.py region INBOX

Exits 0 when valid; prints rows and the first errors otherwise. Not named frictionless_*:
frictionless imports every module of that name on its path as a plugin, this script included.
"""
import json
import sys
from pathlib import Path

from frictionless import Dialect, Resource, Schema, formats

from layouts import collection, delimiter_of, schema_path

layout, path = sys.argv[1], Path(sys.argv[2]).resolve()
if layout == "region":
    rows, invalid = 0, []
    for file in collection(str(path)):
        dialect = Dialect(controls=[formats.CsvControl(delimiter=delimiter_of(file))])
        report = Resource(path=file.name, basepath=str(file.parent), dialect=dialect).validate()
        rows += report.tasks[0].stats.get("rows") or 0
        if not report.valid:
            invalid.append(file.name)
    print(f"valid={not invalid} rows={rows} invalid files={len(invalid)} {' '.join(invalid[:3])}")
    sys.exit(0)
schema = Schema.from_descriptor(json.loads(schema_path(layout).read_text()))
dialect = Dialect(controls=[formats.CsvControl(delimiter=";")])
resource = Resource(path=path.name, basepath=str(path.parent), encoding="cp1252", dialect=dialect, schema=schema)
report = resource.validate()
task = report.tasks[0]
print(f"valid={report.valid} rows={task.stats.get('rows')} errors={len(task.errors)}")
for error in task.errors[:5]:
    print(error.message)
sys.exit(0 if report.valid else 1)
