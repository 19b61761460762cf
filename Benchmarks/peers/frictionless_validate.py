"""frictionless contender: validate the sheet against schemas/comune-scheda.schema.json.

    .venv/bin/python peers/frictionless_validate.py FILE

Exits 0 when valid; prints rows and the first errors otherwise.
"""
import json
import sys
from pathlib import Path

from frictionless import Dialect, Resource, Schema, formats

path = Path(sys.argv[1]).resolve()
schema = Schema.from_descriptor(json.loads((Path(__file__).parent.parent / "schemas" / "comune-scheda.schema.json").read_text()))
dialect = Dialect(controls=[formats.CsvControl(delimiter=";")])
resource = Resource(path=path.name, basepath=str(path.parent), encoding="cp1252", dialect=dialect, schema=schema)
report = resource.validate()
task = report.tasks[0]
print(f"valid={report.valid} rows={task.stats.get('rows')} errors={len(task.errors)}")
for error in task.errors[:5]:
    print(error.message)
sys.exit(0 if report.valid else 1)
