"""``pacts render``: one agreement as Markdown or HTML, or the whole repository as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mineralpacts.cli import _complete as complete
from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._output import deliver, state
from mineralpacts.errors import UsageError

RENDER_FORMATS = ("markdown", "html")


def render_command(
    ctx: typer.Context,
    ident: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="The agreement to render, e.g. uk-japan-2023.",
            show_default=False,
            autocompletion=complete.ids,
        ),
    ] = None,
    fmt: Annotated[str, opt.format_option(RENDER_FORMATS, help="Format of one agreement.")] = "markdown",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of printing.",
            show_default=False,
        ),
    ] = None,
    site: Annotated[
        Path | None,
        typer.Option(
            "--site",
            metavar="DIR",
            help="Build the static site of every agreement into DIR.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str,
        typer.Option("--on", metavar="DATE", help="Compute status and deadlines on DATE (YYYY-MM-DD)."),
    ] = "today",
) -> None:
    """Render one agreement as a document (Markdown or HTML), or every agreement as a static website.

    [bold]pacts render uk-japan-2023 --format html -o uk-japan.html[/] writes a page with its CSS
    inlined. [bold]pacts render --site public/[/] builds index, agreement and party pages, a timeline,
    a who-signed-with-whom picture, an area matrix, downloads and an Atom feed; open
    public/index.html from disk or serve the folder. No page fetches anything from the network.
    """
    from mineralpacts.analysis.lifecycle import parse_day

    day = parse_day(on)
    if site is not None:
        if ident is not None or output is not None:
            raise UsageError("--site builds every agreement; give either ID (with --output) or --site DIR")
        from mineralpacts.publish.render.site import build_site

        summary = build_site(state(ctx).repository(), site, on=day)
        typer.echo(
            f"built {summary.pages} pages for {summary.agreements} agreements in {summary.folder}; "
            f"open {summary.folder / 'index.html'}",
            err=True,
        )
        return
    if ident is None:
        raise UsageError("give an agreement ID (pacts render uk-japan-2023) or --site DIR for the whole site")
    from mineralpacts.analysis.lifecycle import Family

    repo = state(ctx).repository()
    agreement, family = repo.get(ident), Family.of(repo)
    if fmt == "html":
        from mineralpacts.publish.render.html import render_html

        text = render_html(agreement, day, family)
    else:
        from mineralpacts.publish.render.html import standing
        from mineralpacts.publish.render.markdown import render_markdown

        st = standing(agreement, day, family)
        text = render_markdown(
            agreement,
            status_line=st.label,
            deadlines=[(d.date.isoformat(), d.text) for d in st.deadlines],
            links=st.links,
        )
    deliver(text, output)


def register(app: typer.Typer) -> None:
    """Add ``render`` to the app."""
    app.command("render", cls=PactsCommand)(render_command)
