"""``pacts stats``: counts of agreements by party, year, instrument, area, mineral and more."""

from __future__ import annotations

from typing import Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._emit import ROW_FORMATS, Col

#: One long table for CSV and JSON Lines: a row per dimension and value.
STATS_COLUMNS = (Col("dimension", rank=0), Col("value", rank=1), Col("agreements", rank=2, align_right=True))


def stats_command(
    ctx: typer.Context,
    fmt: Annotated[str, opt.format_option(ROW_FORMATS)] = "table",
    output: opt.Output = None,
) -> None:
    """Count agreements by party, year, instrument, area, mineral, disclosure, confidence, level,
    signing status and source kind.

    [bold]--format json[/] gives every count as one object; csv a row per dimension and value.
    """
    from mineralpacts.analysis.stats import DIMENSIONS, compute_stats
    from mineralpacts.cli._emit import emit
    from mineralpacts.cli._output import state

    stats = compute_stats(state(ctx).repository())
    data = stats.to_dict()
    rows = [
        {"dimension": name, "value": value, "agreements": count}
        for name in DIMENSIONS
        for value, count in data[name].items()  # type: ignore[attr-defined]
    ]
    if fmt != "table":
        emit(
            rows,
            fmt,
            output,
            cols=STATS_COLUMNS,
            records=data if fmt in ("json", "yaml") else None,
            key="value",
        )
        return
    from mineralpacts.cli._output import deliver
    from mineralpacts.cli._table import render_table, terminal_width

    width = None if output else terminal_width()
    blocks = []
    from mineralpacts.model.vocab import country_name

    for name in DIMENSIONS:
        cols = (Col("value", rank=0, shrink_to=20, header=name.replace("_", " ")), STATS_COLUMNS[2])
        shown = [r for r in rows if r["dimension"] == name]
        if name == "party":  # names for people; the code stays in the other formats
            shown = [
                {**r, "value": f"{country_name(r['value']) or r['value']} ({r['value']})"} for r in shown
            ]
        block = render_table(shown, cols, width)
        blocks.append("\n".join(block))
    summary = f"{stats.total} agreements; {stats.unknown_facts} facts recorded as unknown"
    deliver("\n\n".join([*blocks, summary]) + "\n", output)


def register(app: typer.Typer) -> None:
    """Add ``stats`` to the app."""
    app.command("stats", cls=PactsCommand)(stats_command)
