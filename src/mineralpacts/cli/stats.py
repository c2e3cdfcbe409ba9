"""``pacts stats``: counts of agreements by party, year, instrument, area and more."""

from __future__ import annotations

from typing import Annotated

import typer

from mineralpacts.cli._output import emit_json, state
from mineralpacts.errors import UsageError


def stats_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: table or json.")] = "table",
) -> None:
    """Count agreements by party, year, instrument, area, disclosure, confidence and source kind."""
    from mineralpacts.analysis.stats import compute_stats

    if fmt not in ("table", "json"):
        raise UsageError(f"unknown format {fmt!r}; choose table or json")
    repo = state(ctx).repository()
    stats = compute_stats(repo)
    if fmt == "json":
        emit_json(stats.to_dict())
        return
    from mineralpacts.cli._output import print_table

    data = stats.to_dict()
    for name in (
        "party",
        "year",
        "instrument",
        "area",
        "disclosure",
        "confidence",
        "level",
        "signing_status",
        "source_kind",
    ):
        counts = data[name]
        assert isinstance(counts, dict)
        rows = [{name: k, "agreements": v} for k, v in counts.items()]
        print_table(rows, (name, "agreements"), title=f"by {name.replace('_', ' ')}")
    typer.echo(f"{stats.total} agreements; {stats.unknown_facts} facts recorded as unknown")


def register(app: typer.Typer) -> None:
    """Add ``stats`` to the app."""
    app.command("stats")(stats_command)
