"""Option types shared by several commands, declared once with ``Annotated``."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from mineralpacts.analysis.query import Filters

FORMAT = typer.Option("--format", "-f", help="Output format.", case_sensitive=False)

Party = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        "-p",
        help="A party: UK, GB, GBR, United Kingdom, Japan, JP, EU... Repeat to require several.",
        show_default=False,
    ),
]
AreaOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--area",
        "-a",
        help="An area of cooperation term (repeatable; all must be present).",
        show_default=False,
    ),
]
MineralOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--mineral",
        "-m",
        help="A mineral term, e.g. lithium (repeatable; all must be named).",
        show_default=False,
    ),
]
InstrumentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--instrument",
        "-i",
        help="An instrument type: mou, moc, framework... (repeatable; any).",
        show_default=False,
    ),
]
LevelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--level", help="government, agency or state-company (repeatable; any).", show_default=False
    ),
]
Since = Annotated[
    str | None,
    typer.Option(
        "--signed-since",
        metavar="DATE",
        help="Signed on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
        show_default=False,
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--signed-until",
        metavar="DATE",
        help="Signed on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
        show_default=False,
    ),
]

StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="Where it stands on --on: in-force, not-yet-in-force, initial-term, renewal-term (or renewal-term-N), "
        "expired, discontinued, open-ended, unknown (repeatable; any).",
        show_default=False,
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="The day to compute where agreements stand (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]


class ListFormat(StrEnum):
    """Formats of ``pacts list``."""

    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"
    ids = "ids"


class ShowFormat(StrEnum):
    """Formats of ``pacts show``."""

    text = "text"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"


def make_filters(
    party: list[str] | None,
    area: list[str] | None,
    mineral: list[str] | None,
    instrument: list[str] | None,
    level: list[str] | None = None,
    signed_since: str | None = None,
    signed_until: str | None = None,
    status: list[str] | None = None,
    on: str | None = None,
) -> Filters:
    """The :class:`~mineralpacts.analysis.query.Filters` of the options that ``list``, ``status``,
    ``timeline`` and ``export`` share (values are checked when the filter is applied)."""
    from mineralpacts.analysis.lifecycle import parse_day
    from mineralpacts.analysis.query import Filters

    return Filters(
        parties=party or (),
        areas=area or (),
        minerals=mineral or (),
        instruments=instrument or (),
        levels=level or (),
        signed_since=signed_since,
        signed_until=signed_until,
        status=status or (),
        on=parse_day(on) if on else None,
    )
