"""One way to print rows: :func:`emit` writes rows as a table, JSON, JSON Lines, CSV, YAML or ids.

Every command that prints rows (``list``, ``status``, ``timeline``, ``stats``, ``search``) calls
it, with the same registry of formats (:data:`ROW_FORMATS`), so a format means the same thing in
every command and ``-o FILE`` works the same way everywhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mineralpacts.cli._table import Col, render_table, terminal_width

__all__ = ["ROW_FORMATS", "Col", "dump", "emit"]

Rows = Sequence[Mapping[str, Any]]


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _yaml(data: Any) -> str:
    from mineralpacts.files.yamlio import dump_yaml

    return dump_yaml(data)


def dump(data: Any, fmt: str) -> str:
    """``data`` (a row, a record, a list of them) as ``json`` or ``yaml`` text."""
    return _yaml(data) if fmt == "yaml" else _json(data)


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value


def _csv(rows: Rows, cols: Sequence[Col]) -> str:
    import csv
    import io

    from mineralpacts.publish.tables import safe_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    cols = [c for c in cols if c.csv]
    writer.writerow([c.key for c in cols])
    for row in rows:
        writer.writerow([safe_cell(_flat(row.get(c.key))) for c in cols])
    return out.getvalue()


def _colour() -> bool:
    return not os.environ.get("NO_COLOR")


def _table(rows: Rows, cols: Sequence[Col], title: str | None, to_file: bool) -> str:
    lines = render_table(rows, cols, None if to_file else terminal_width(), title)
    header = 1 if title else 0
    if not to_file and _colour() and len(lines) > header:
        lines[header] = f"\x1b[1m{lines[header]}\x1b[0m"  # echo drops it when not on a terminal
    return "\n".join(lines) + "\n" if lines else ""


#: The row formats, in the order help lists them: name -> what it is for.
ROW_FORMATS: dict[str, str] = {
    "table": "for people: one line per row, fitted to the terminal",
    "json": "a JSON array",
    "jsonl": "one JSON object per line",
    "csv": "comma-separated values with a header",
    "yaml": "a YAML list",
    "ids": "one id per line",
}


def emit(
    rows: Rows,
    fmt: str,
    output: Path | None = None,
    *,
    cols: Sequence[Col],
    title: str | None = None,
    records: Any = None,
    key: str = "id",
) -> None:
    """Print ``rows`` as ``fmt`` (a name of :data:`ROW_FORMATS`), or write them to ``output``.

    ``cols`` orders the table and CSV columns (the table keeps what fits the terminal; CSV keeps
    all). ``records``, when given, is what the structured formats (json, jsonl, yaml) write
    instead of the flat rows: the whole agreements, for ``list``.
    """
    from mineralpacts.cli._output import deliver

    data = records if records is not None else [dict(r) for r in rows]
    items = data if isinstance(data, list) else [data]
    writers: dict[str, Callable[[], str]] = {
        "table": lambda: _table(rows, cols, title, output is not None),
        "json": lambda: _json(data),
        "jsonl": lambda: "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in items),
        "csv": lambda: _csv(rows, cols),
        "yaml": lambda: _yaml(data),
        "ids": lambda: "".join(f"{r[key]}\n" for r in rows),
    }
    deliver(writers[fmt](), output)
