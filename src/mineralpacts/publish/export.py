"""Exports of the repository for other tools: CSV, JSON, JSON Lines, SQLite and a data package.

Every tabular format shares one layout (:data:`TABLES`): ``agreements`` with one row per
agreement, and long tables (``parties``, ``pairs``, ``areas``, ``minerals``, ``sources``,
``events``) that join to it on ``agreement_id``. JSON and JSON Lines carry the full model,
each object valid against ``schema/agreement.schema.json``.

Writes are atomic: a file is written to a temporary name beside the target and renamed; a
folder is built beside the target and swapped in, so a failed export leaves nothing half done.
An existing folder is replaced only when it holds nothing but files an export writes.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from mineralpacts.analysis.search import FIELDS, TOKENIZE, search_row
from mineralpacts.errors import UsageError
from mineralpacts.files.atomic import atomic_file, replace_folder
from mineralpacts.model.agreement import Agreement
from mineralpacts.publish.tables import TABLES, Column, safe_cell, table_rows

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "export",
    "export_text",
    "table_rows",
    "write_csv_folder",
    "write_datapackage",
    "write_json",
    "write_jsonl",
    "write_sqlite",
]

FORMATS = ("csv", "json", "jsonl", "sqlite", "datapackage")
FOLDER_FORMATS = frozenset({"csv", "datapackage"})


def _check_parent(output: Path) -> None:
    if not output.parent.is_dir():
        raise UsageError(f"folder {output.parent} does not exist; create it first or choose another --output")


# --- writers ----------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def _write_csv_table(fh: IO[str], name: str, rows: list[dict[str, Any]]) -> None:
    columns = [c.name for c in TABLES[name][0]]
    writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _csv_tables(folder: Path, agreements: Iterable[Agreement]) -> None:
    for name, rows in table_rows(agreements).items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            _write_csv_table(fh, name, rows)


def _only_export_files(folder: Path) -> bool:
    ours = {f"{n}.csv" for n in TABLES} | {"datapackage.json"}
    return all(p.name in ours for p in folder.iterdir())


def write_csv_folder(agreements: Iterable[Agreement], output: Path) -> None:
    """Write ``agreements.csv`` and the long tables into folder ``output`` (replaced atomically)."""
    _check_parent(output)
    items = list(agreements)
    replace_folder(output, lambda tmp: _csv_tables(tmp, items), _only_export_files)


def datapackage_descriptor() -> dict[str, Any]:
    """The Frictionless data package descriptor of the CSV tables."""
    resources = []
    for name, (columns, key) in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns],
            "primaryKey": list(key),
            "missingValues": [""],
        }
        if name != "agreements":
            schema["foreignKeys"] = [
                {"fields": ["agreement_id"], "reference": {"resource": "agreements", "fields": ["id"]}}
            ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "mineralpacts",
        "title": "Bilateral critical-minerals agreements",
        "description": "Agreements between governments on critical minerals, one row per agreement "
        "plus long tables joinable on agreement_id. Cells starting with = + - @ are prefixed with ' .",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": resources,
    }


def write_datapackage(agreements: Iterable[Agreement], output: Path) -> None:
    """Write a Frictionless data package (``datapackage.json`` plus CSV tables) into folder ``output``."""
    _check_parent(output)
    items = list(agreements)

    def build(tmp: Path) -> None:
        _csv_tables(tmp, items)
        text = json.dumps(datapackage_descriptor(), indent=2, ensure_ascii=False) + "\n"
        (tmp / "datapackage.json").write_text(text, encoding="utf-8")

    replace_folder(output, build, _only_export_files)


def _dump(a: Agreement) -> dict[str, Any]:
    # Every field, nulls included: a required field may be null (legally_binding.value), so
    # dropping nulls would break the schema.
    return a.model_dump(mode="json")


def write_json(agreements: Iterable[Agreement], output: Path) -> None:
    """Write a JSON array of agreements, each valid against the agreement JSON Schema."""
    _check_parent(output)
    data = [_dump(a) for a in sorted(agreements, key=lambda x: x.id)]
    with atomic_file(output) as (_, fh):
        assert fh is not None
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


#: The formats that are one stream of text, so they can go to standard output.
TEXT_FORMATS = ("json", "jsonl")


def export_text(agreements: Iterable[Agreement], fmt: str) -> str:
    """``agreements`` as the text :func:`write_json` or :func:`write_jsonl` would write."""
    items = sorted(agreements, key=lambda x: x.id)
    if fmt == "json":
        return json.dumps([_dump(a) for a in items], indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(_dump(a), ensure_ascii=False) + "\n" for a in items)
    raise UsageError(
        f"'-' (standard output) takes {' or '.join(TEXT_FORMATS)}; {fmt} writes files", field="output"
    )


def write_jsonl(agreements: Iterable[Agreement], output: Path) -> None:
    """Write one agreement per line as JSON (JSON Lines)."""
    _check_parent(output)
    with atomic_file(output) as (_, fh):
        assert fh is not None
        for a in sorted(agreements, key=lambda x: x.id):
            fh.write(json.dumps(_dump(a), ensure_ascii=False) + "\n")


_SQL_TYPES = {"string": str, "integer": int, "boolean": int}


def _write_search(db: Any, agreements: list[Agreement]) -> None:
    """The ``search`` table, one row per agreement, with the full-text index ``pacts search`` uses."""
    table = db.table("search")
    table.create(
        {"agreement_id": str, **{name: str for name in FIELDS}},
        pk="agreement_id",
        foreign_keys=[("agreement_id", "agreements", "id")],
    )
    table.insert_all({"agreement_id": a.id, **search_row(a)} for a in agreements)
    table.enable_fts(list(FIELDS), tokenize=TOKENIZE, create_triggers=True)


def write_sqlite(agreements: Iterable[Agreement], output: Path) -> None:
    """Write a SQLite database (via sqlite-utils) with every table, foreign keys and full-text search.

    ``datasette PATH`` browses it. The ``search`` table holds, per agreement, the text that
    ``pacts search`` searches (titles, summaries, areas, minerals, parties, places, notes) with
    the same FTS5 index (``search_fts``). ``agreements`` and ``areas`` are searchable in Datasette
    too, over their own columns.
    """
    import sqlite_utils

    _check_parent(output)
    if output.is_dir():
        raise UsageError(f"{output} is a folder; give a file path such as pacts.db")
    items = sorted(agreements, key=lambda a: a.id)
    rows = table_rows(items)
    with atomic_file(output, mode="") as (tmp, _):
        db = sqlite_utils.Database(tmp)
        try:
            for name, (columns, key) in TABLES.items():
                fks = [("agreement_id", "agreements", "id")] if name != "agreements" else None
                table = db.table(name)
                table.create(
                    {c.name: _SQL_TYPES[c.type] for c in columns},
                    pk=key[0] if len(key) == 1 else key,
                    foreign_keys=fks,
                )
                table.insert_all(rows[name])
                if name != "agreements":
                    table.create_index(["agreement_id"])
            _write_search(db, items)
            # Datasette's search box on the agreements table itself, over its own columns that say
            # the same things (the search table above is the exact index of pacts search).
            db.table("agreements").enable_fts(
                ["title", "short_title", "summary", "areas", "minerals", "parties", "party_names",
                 "signed_city", "occasion", "notes"],
                tokenize=TOKENIZE,
                create_triggers=True,
            )  # fmt: skip
            db.table("areas").enable_fts(["summary"], tokenize=TOKENIZE, create_triggers=True)
        finally:
            db.close()


_WRITERS: dict[str, Callable[[Iterable[Agreement], Path], None]] = {
    "csv": write_csv_folder,
    "json": write_json,
    "jsonl": write_jsonl,
    "sqlite": write_sqlite,
    "datapackage": write_datapackage,
}


def export(agreements: Iterable[Agreement], fmt: str, output: str | os.PathLike[str]) -> Path:
    """Export ``agreements`` as ``fmt`` (one of :data:`FORMATS`) to ``output``; return the path written.

    ``csv`` and ``datapackage`` write a folder; the others a single file.
    """
    if fmt not in _WRITERS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(output).expanduser().absolute()
    if fmt not in FOLDER_FORMATS and path.is_dir():
        raise UsageError(f"{path} is a folder; --format {fmt} writes a file, so give a file path")
    _WRITERS[fmt](agreements, path)
    return path
