"""``pacts status`` and ``pacts timeline``: where agreements stand, and what falls when."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._output import deliver, emit_json, state
from mineralpacts.errors import UsageError

#: How far ahead automatic renewals are projected when ``--to`` is not given.
HORIZON_YEARS = 10
STATUS_COLUMNS = ("id", "state", "term_end", "next_deadline", "note")


class StatusFormat(StrEnum):
    """Formats of ``pacts status``."""

    table = "table"
    json = "json"
    csv = "csv"


class TimelineFormat(StrEnum):
    """Formats of ``pacts timeline``."""

    table = "table"
    json = "json"
    ics = "ics"


def status_command(
    ctx: typer.Context,
    on: opt.OnOpt = None,
    party: opt.Party = None,
    area: opt.AreaOpt = None,
    mineral: opt.MineralOpt = None,
    instrument: opt.InstrumentOpt = None,
    level: opt.LevelOpt = None,
    signed_since: opt.Since = None,
    signed_until: opt.Until = None,
    status: opt.StatusOpt = None,
    fmt: Annotated[StatusFormat, opt.FORMAT] = StatusFormat.table,
) -> None:
    """Where each agreement stands on a date, and its next deadline.

    States: not-yet-in-force, initial-term, renewal-term-N, expired, discontinued, open-ended,
    unknown (with the reason). See docs/lifecycle.md for the convention.
    """
    from mineralpacts.analysis.lifecycle import status as status_of
    from mineralpacts.analysis.query import filter_agreements

    filters = opt.make_filters(
        party, area, mineral, instrument, level, signed_since, signed_until, status, on
    )
    day = filters.on or dt.date.today()
    repo = state(ctx).repository()
    rows = [status_of(a, day).as_dict() for a in filter_agreements(repo, filters)]
    if fmt is StatusFormat.json:
        emit_json(rows)
        return
    if fmt is StatusFormat.csv:
        from mineralpacts.cli._output import emit_csv

        emit_csv(list(rows[0]) if rows else list(STATUS_COLUMNS), rows)
        return
    from mineralpacts.cli._output import print_table

    for row in rows:
        row["term_end"] = row["term_end"] or ""
        row["next_deadline"] = (
            f"{row['next_deadline']} {row['next_deadline_kind']}" if row["next_deadline"] else ""
        )
    print_table(rows, STATUS_COLUMNS, title=f"{len(rows)} of {len(repo)} agreements on {day}")


def timeline_command(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="Only what falls on or after DATE.", show_default=False),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help=f"Only what falls on or before DATE. Automatic renewals are "
            f"projected to DATE, or {HORIZON_YEARS} years ahead when not given.",
            show_default=False,
        ),
    ] = None,
    party: opt.Party = None,
    area: opt.AreaOpt = None,
    mineral: opt.MineralOpt = None,
    instrument: opt.InstrumentOpt = None,
    fmt: Annotated[TimelineFormat, opt.FORMAT] = TimelineFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (json or ics) instead of the terminal.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Every dated event and deadline, in order: signings, recorded events, notice days, term ends.

    [bold]--format ics[/] writes an iCalendar file for calendar programs (entries with a full date).
    """
    from mineralpacts.analysis.lifecycle import parse_day
    from mineralpacts.analysis.query import filter_agreements
    from mineralpacts.analysis.timeline import timeline, to_ics

    first = parse_day(since, "--from") if since else None
    last = parse_day(until, "--to") if until else None
    if first and last and first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    if output is not None and fmt is TimelineFormat.table:
        raise UsageError("--output needs --format json or --format ics")
    today = dt.date.today()
    horizon = last or today.replace(year=today.year + HORIZON_YEARS, day=min(today.day, 28))
    filters = opt.make_filters(party, area, mineral, instrument)
    repo = state(ctx).repository()
    entries = timeline(filter_agreements(repo, filters), first, last, horizon=horizon)
    if fmt is TimelineFormat.ics:
        try:
            import icalendar  # noqa: F401
        except ImportError:
            raise UsageError("--format ics needs icalendar: pip install 'mineralpacts[calendar]'") from None
        data = to_ics(entries, dt.datetime.now(dt.UTC).replace(microsecond=0))
        deliver(data, output)
    elif fmt is TimelineFormat.json:
        if output is None:
            emit_json([e.as_dict() for e in entries])
        else:
            import json

            deliver(
                json.dumps([e.as_dict() for e in entries], indent=2, ensure_ascii=False).encode() + b"\n",
                output,
            )
    else:
        from mineralpacts.cli._output import print_table

        rows = [{**e.as_dict(), "kind": e.kind + (" *" if e.deadline else "")} for e in entries]
        print_table(
            rows, ("date", "id", "kind", "text"), title=f"{len(rows)} dated entries (* computed deadline)"
        )


def register(app: typer.Typer) -> None:
    """Add ``status`` and ``timeline`` to the app."""
    app.command("status")(status_command)
    app.command("timeline")(timeline_command)
