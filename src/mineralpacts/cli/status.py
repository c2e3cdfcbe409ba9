"""``pacts status`` and ``pacts timeline``: where agreements stand, and what falls when."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._emit import ROW_FORMATS, Col
from mineralpacts.cli._output import state
from mineralpacts.errors import UsageError

if TYPE_CHECKING:
    from mineralpacts.analysis.query import Filters


#: ``pacts status`` columns: id and state always, then the next deadline (or, when there is none,
#: the note that says why) and the term's end as the terminal allows. CSV and JSON carry every
#: field of the status.
STATUS_COLUMNS = (
    Col("id", rank=0),
    Col("on", rank=None),
    Col("state", rank=1),
    Col("in_force", rank=None),
    Col("not_ended", rank=None),
    Col("reason", rank=None),
    Col("term_start", rank=None),
    Col("term_end", rank=4),
    Col("notice_due", rank=None),
    Col("next_deadline", rank=None),
    Col("next_deadline_kind", rank=None),
    Col("next_deadline_text", rank=None),
    Col("note", rank=None),
    Col("text", rank=None),
    Col("signed", rank=None),
    Col("last_activity", rank=None),
    Col("superseded_by", rank=None),
    Col("supersedes", rank=None),
    Col("details", rank=2, shrink_to=24, want=40, header="next deadline or note", csv=False),
)

TIMELINE_COLUMNS = (
    Col("date", rank=0),
    Col("id", rank=1),
    Col("title", rank=None),
    Col("what", rank=2, header="kind", csv=False),
    Col("kind", rank=None),
    Col("text", rank=3, shrink_to=20),
    Col("deadline", rank=None),
    Col("undated", rank=None),
    Col("url", rank=None),
)
TIMELINE_FORMATS = (*ROW_FORMATS, "ics")


def _details(row: dict[str, object]) -> str:
    """The next deadline and its note, or the note alone: what a person reads the table for."""
    note = str(row["note"] or "")
    if not row["next_deadline"]:
        return note
    deadline = f"{row['next_deadline']} {str(row['next_deadline_kind']).replace('-', ' ')}"
    return f"{deadline}: {note}" if note else deadline


@opt.with_filters
def status_command(
    ctx: typer.Context,
    fmt: Annotated[str, opt.format_option(ROW_FORMATS)] = "table",
    output: opt.Output = None,
    *,
    filters: Filters,
) -> None:
    """Where each agreement stands on a date (--on, default today), and its next deadline.

    States: not-yet-in-force, initial-term, renewal-term-N, expired, discontinued, superseded,
    open-ended, unknown (with the reason and what is known). --status not-ended keeps those in
    force or signed with no end recorded. See docs/lifecycle.md for the convention.
    """
    from mineralpacts.analysis.lifecycle import Family
    from mineralpacts.analysis.lifecycle import status as status_of
    from mineralpacts.analysis.query import filter_agreements
    from mineralpacts.cli._emit import emit

    day = filters.on or dt.date.today()
    repo = state(ctx).repository()
    family = Family.of(repo)
    records = [status_of(a, day, family).as_dict() for a in filter_agreements(repo, filters)]
    rows = [{**r, "details": _details(r)} for r in records]
    title = f"{len(rows)} of {len(repo)} agreements on {day}"
    emit(rows, fmt, output, cols=STATUS_COLUMNS, title=title, records=records)


@opt.with_filters
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
            help="Only what falls on or before DATE. Automatic renewals are "
            "projected to DATE, or ten years ahead when not given.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str, opt.format_option(TIMELINE_FORMATS, help="ics is an iCalendar file for calendar programs.")
    ] = "table",
    output: opt.Output = None,
    *,
    filters: Filters,
) -> None:
    """Every dated event and deadline, in order: signings, recorded events, notice days, term ends.

    [bold]--format ics[/] writes an iCalendar file for calendar programs (entries with a full date).
    """
    from mineralpacts.analysis.lifecycle import Family, horizon, parse_day
    from mineralpacts.analysis.query import filter_agreements
    from mineralpacts.analysis.timeline import timeline

    first = parse_day(since, "from") if since else None
    last = parse_day(until, "to") if until else None
    if first and last and first > last:
        raise UsageError(f"--from {first} is after --to {last}; swap them")
    repo = state(ctx).repository()
    projected = last or horizon(dt.date.today())
    entries = timeline(
        filter_agreements(repo, filters), first, last, horizon=projected, family=Family.of(repo)
    )
    if fmt == "ics":
        from mineralpacts.analysis.timeline import to_ics
        from mineralpacts.cli._output import deliver

        deliver(to_ics(entries, dt.datetime.now(dt.UTC).replace(microsecond=0)), output)
        return
    from mineralpacts.cli._emit import emit

    rows = [{**e.as_dict(), "what": e.kind + (" *" if e.deadline else "")} for e in entries]
    records = [e.as_dict() for e in entries]
    title = f"{len(rows)} dated entries (* computed deadline)"
    emit(rows, fmt, output, cols=TIMELINE_COLUMNS, title=title, records=records, key="id")


def register(app: typer.Typer) -> None:
    """Add ``status`` and ``timeline`` to the app."""
    app.command("status", cls=PactsCommand)(status_command)
    app.command("timeline", cls=PactsCommand)(timeline_command)
