"""``pacts search TEXT``: ranked full-text search over the agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._emit import ROW_FORMATS, Col
from mineralpacts.cli._output import state

if TYPE_CHECKING:
    from mineralpacts.analysis.query import Filters

SEARCH_COLUMNS = (
    Col("id", rank=0),
    Col("score", rank=None),
    Col("signed", rank=3),
    Col("title", rank=2, shrink_to=16, want=24),
    Col("snippet", rank=None),
    Col("match", rank=1, shrink_to=24, want=34, header="where it matches", csv=False),
)


def _from_first_match(snippet: str) -> str:
    """The passage from two words before its first match, so a narrow column still shows it."""
    words = snippet.split(" ")
    first = next((i for i, w in enumerate(words) if "[" in w), 0)
    start = max(0, first - 2)
    return ("…" if start else "") + " ".join(words[start:]).lstrip("…")


@opt.with_filters
def search_command(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT",
            help="Words to find, all of them (cobalt, 'rare earths', batter*).",
            show_default=False,
        ),
    ],
    fmt: Annotated[str, opt.format_option(ROW_FORMATS)] = "table",
    output: opt.Output = None,
    *,
    filters: Filters,
) -> None:
    """Find agreements by the words of their titles, summaries, areas, minerals, parties, places
    and notes, best match first.

    Every word must match, in any field; endings are ignored ([bold]earths[/] finds earth) and
    [bold]word*[/] matches the start of a word. Filters narrow the agreements searched. The same
    index is in the SQLite export ([bold]search[/] table) and the site's search box.
    """
    from mineralpacts.analysis.query import filter_agreements
    from mineralpacts.analysis.search import search
    from mineralpacts.cli._emit import emit

    repo = state(ctx).repository()
    found = filter_agreements(repo, filters)
    by_id = {a.id: a for a in found}
    text = " ".join(words)
    hits = search(found, text)
    rows = [
        {
            **hit.as_dict(),
            "title": by_id[hit.id].label,
            "signed": by_id[hit.id].signed.date or "",
            "match": _from_first_match(hit.snippet),
        }
        for hit in hits
    ]
    title = f"{len(hits)} of {len(found)} agreements match {text!r}"
    emit(rows, fmt, output, cols=SEARCH_COLUMNS, title=title)


def register(app: typer.Typer) -> None:
    """Add ``search`` to the app."""
    app.command("search", cls=PactsCommand)(search_command)
