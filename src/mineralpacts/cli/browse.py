"""``pacts list`` and ``pacts show``: find agreements and read one."""

from __future__ import annotations

from typing import Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._output import emit_json, emit_yaml, state
from mineralpacts.errors import UsageError


def list_command(
    ctx: typer.Context,
    party: opt.Party = None,
    area: opt.AreaOpt = None,
    mineral: opt.MineralOpt = None,
    instrument: opt.InstrumentOpt = None,
    level: opt.LevelOpt = None,
    signed_since: opt.Since = None,
    signed_until: opt.Until = None,
    status: opt.StatusOpt = None,
    on: opt.OnOpt = None,
    fmt: Annotated[opt.ListFormat, opt.FORMAT] = opt.ListFormat.table,
) -> None:
    """List agreements, filtered by party, area, mineral, instrument or signing date.

    Every filter given must hold: [bold]--party UK --party Japan[/] lists agreements between both.
    """
    from mineralpacts.analysis.query import SUMMARY_COLUMNS, filter_agreements, summary_row

    filters = opt.make_filters(
        party, area, mineral, instrument, level, signed_since, signed_until, status, on
    )
    repo = state(ctx).repository()
    found = filter_agreements(repo, filters)
    if fmt is opt.ListFormat.json:
        emit_json([a.model_dump(mode="json") for a in found])
    elif fmt is opt.ListFormat.yaml:
        emit_yaml([a.model_dump(mode="json") for a in found])
    elif fmt is opt.ListFormat.ids:
        for a in found:
            typer.echo(a.id)
    elif fmt is opt.ListFormat.csv:
        from mineralpacts.cli._output import emit_csv

        emit_csv(SUMMARY_COLUMNS, [summary_row(a) for a in found])
    else:
        from mineralpacts.cli._output import print_table

        print_table(
            [summary_row(a) for a in found],
            SUMMARY_COLUMNS,
            title=f"{len(found)} of {len(repo)} agreements",
        )


def show_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="The agreement's id, e.g. uk-japan-2023.")],
    fmt: Annotated[opt.ShowFormat, opt.FORMAT] = opt.ShowFormat.text,
    on: opt.OnOpt = None,
) -> None:
    """Show one agreement in full: parties, signing, scope, areas, term, sources, discrepancies."""
    import datetime as dt

    from mineralpacts.analysis.lifecycle import parse_day, status
    from mineralpacts.publish.render.markdown import render_markdown

    repo = state(ctx).repository()
    agreement = repo.get(ident)
    status_line = status(agreement, parse_day(on) if on else dt.date.today()).describe()
    if fmt is opt.ShowFormat.json:
        emit_json(agreement.model_dump(mode="json"))
    elif fmt is opt.ShowFormat.yaml:
        emit_yaml(agreement.model_dump(mode="json"))
    elif fmt is opt.ShowFormat.markdown:
        typer.echo(render_markdown(agreement, status_line), nl=False)
    elif fmt is opt.ShowFormat.text:
        from rich.markdown import Markdown

        from mineralpacts.cli._output import console

        console().print(Markdown(render_markdown(agreement, status_line), hyperlinks=False))
    else:  # pragma: no cover - the enum is exhaustive
        raise UsageError(f"unknown format {fmt}")


def register(app: typer.Typer) -> None:
    """Add ``list`` and ``show`` to the app."""
    app.command("list")(list_command)
    app.command("show")(show_command)
