"""``pacts list`` and ``pacts show``: find agreements and read one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mineralpacts.cli import _complete as complete
from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._emit import ROW_FORMATS, Col
from mineralpacts.cli._output import state

if TYPE_CHECKING:
    from mineralpacts.analysis.query import Filters

#: ``pacts list`` columns: the id and date always; the title shrinks to what the terminal leaves.
LIST_COLUMNS = (
    Col("id", rank=0),
    Col("short_title", rank=3, shrink_to=24, want=40, header="title"),
    Col("parties", rank=2),
    Col("signed", rank=1),
    Col("place", rank=5, shrink_to=12),
    Col("instrument", rank=4),
)

SHOW_FORMATS = ("text", "json", "yaml", "markdown")


@opt.with_filters
def list_command(
    ctx: typer.Context,
    fmt: Annotated[str, opt.format_option(ROW_FORMATS)] = "table",
    output: opt.Output = None,
    *,
    filters: Filters,
) -> None:
    """List agreements, filtered by party, area, mineral, instrument, status or signing date.

    Every filter given must hold: [bold]--party UK --party Japan[/] lists agreements between both.
    The table shows one line per agreement, fitted to the terminal; [bold]pacts show ID[/] has
    everything, and [bold]--format json[/] gives whole agreements.
    """
    from mineralpacts.analysis.query import select_ids, summary_rows
    from mineralpacts.cli._emit import emit

    repo = state(ctx).repository()
    found = select_ids(repo, filters)  # answered from the store: no agreement is built
    records = [repo.data(ident) for ident in found] if fmt in ("json", "jsonl", "yaml") else None
    emit(
        summary_rows(repo, found),
        fmt,
        output,
        cols=LIST_COLUMNS,
        title=f"{len(found)} of {len(repo)} agreements",
        records=records,
    )


def show_command(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The agreement's id, e.g. uk-japan-2023.", autocompletion=complete.ids
        ),
    ],
    fmt: Annotated[str, opt.format_option(SHOW_FORMATS)] = "text",
    on: opt.OnOpt = None,
) -> None:
    """Show one agreement in full: parties, signing, scope, areas, term, sources, discrepancies."""
    import datetime as dt

    from mineralpacts.analysis.lifecycle import Family, parse_day, status
    from mineralpacts.cli._emit import dump
    from mineralpacts.publish.render.markdown import render_markdown

    repo = state(ctx).repository()
    agreement = repo.get(ident)
    if fmt in ("json", "yaml"):
        typer.echo(dump(agreement.model_dump(mode="json"), fmt), nl=False)
        return
    st = status(agreement, parse_day(on) if on else dt.date.today(), Family.of(repo))
    text = render_markdown(agreement, st.describe(), links=st.links)
    if fmt == "markdown":
        typer.echo(text, nl=False)
        return
    from rich.markdown import Markdown

    from mineralpacts.cli._output import console

    console().print(Markdown(text, hyperlinks=False))


def register(app: typer.Typer) -> None:
    """Add ``list`` and ``show`` to the app."""
    app.command("list", cls=PactsCommand)(list_command)
    app.command("show", cls=PactsCommand)(show_command)
