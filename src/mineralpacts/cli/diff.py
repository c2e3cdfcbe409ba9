"""``pacts diff``: how two agreements differ, what changed in one, what changed since a revision.

Exit codes follow ``diff``: 0 no difference, 1 a difference, 2 an error.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Annotated

import typer

from mineralpacts.cli import _complete as complete
from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._output import EXIT_USAGE, emit_json, state
from mineralpacts.errors import DataError, PactsError, UsageError

if TYPE_CHECKING:
    from mineralpacts.analysis.diff import Side


DIFF_FORMATS = ("text", "markdown", "json")


def diff_command(
    ctx: typer.Context,
    a: Annotated[
        str | None,
        typer.Argument(
            metavar="A",
            help="ID, ID@REV, PATH or PATH@REV (REV: any git revision, e.g. HEAD~1).",
            show_default=False,
            autocompletion=complete.ids,
        ),
    ] = None,
    b: Annotated[
        str | None,
        typer.Argument(
            metavar="B", help="The same forms as A.", show_default=False, autocompletion=complete.ids
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Every agreement added, removed or changed between git revision REV and the working tree.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, opt.format_option(DIFF_FORMATS)] = "text",
) -> None:
    """Compare two agreements, one agreement at two git revisions, or everything since a revision.

    Two different agreements: key facts side by side and the areas of cooperation, parties,
    minerals and sources in both, only in A and only in B ([bold]pacts diff uk-japan-2023 uk-us-2026[/]).
    The same agreement: field-level changes ([bold]pacts diff uk-japan-2023@HEAD~1 uk-japan-2023[/]).
    [bold]--format markdown[/] is fit for a pull-request comment.
    Exit 0: no difference; 1: a difference; 2: an error.
    """
    differs = _run(ctx, a, b, since, fmt)
    raise typer.Exit(1 if differs else 0)


def _run(ctx: typer.Context, a: str | None, b: str | None, since: str | None, fmt: str) -> bool:
    from mineralpacts.analysis import diff

    if since is not None:
        if a is not None or b is not None:
            raise UsageError("give either --since REV or two agreements A and B, not both")
        from mineralpacts.store.repository import find_folder

        files = diff.since(find_folder(state(ctx).repo), since)
        if fmt == "json":
            emit_json({"mode": "since", "since": since, "files": [f.as_dict() for f in files]})
        else:
            from mineralpacts.publish.render.comparison import since_markdown

            _emit_markdown(since_markdown(since, files), fmt)
        return bool(files)
    if a is None or b is None:
        raise UsageError("give two agreements to compare (pacts diff A B), or --since REV")
    load = functools.cache(lambda: state(ctx).repository())
    left, right = diff.resolve(a, load), diff.resolve(b, load)
    if left.agreement.id == right.agreement.id:
        found = diff.changes(left.agreement, right.agreement)
        if fmt == "json":
            emit_json(
                {
                    "mode": "changes",
                    "id": left.agreement.id,
                    "a": a,
                    "b": b,
                    "changes": [c.as_dict() for c in found],
                }
            )
        else:
            from mineralpacts.publish.render.comparison import changes_markdown

            title = f"`{left.agreement.id}`: {_where(left)} → {_where(right)}"
            _emit_markdown(changes_markdown(title, found), fmt)
        return bool(found)
    comparison = diff.compare(left.agreement, right.agreement, load())
    if fmt == "json":
        emit_json({"mode": "compare", **comparison.as_dict()})
    else:
        from mineralpacts.publish.render.comparison import comparison_markdown

        _emit_markdown(comparison_markdown(comparison), fmt)
    return comparison.differs


def _where(side: Side) -> str:
    """How a side is named in a heading: its revision, else where it was read from."""
    from mineralpacts.analysis.gitrev import split_revision

    name, rev = split_revision(side.label)
    if rev is not None:
        return rev
    return "working tree" if name == side.agreement.id else name


def _emit_markdown(text: str, fmt: str) -> None:
    if fmt == "markdown":
        typer.echo(text, nl=False)
        return
    from rich.markdown import Markdown

    from mineralpacts.cli._output import console

    console().print(Markdown(text, hyperlinks=False))


class DiffCommand(PactsCommand):
    """``diff`` exits 1 for a difference, so an unreadable file is an error (2), not invalid data."""

    def exit_code_for(self, exc: PactsError) -> int:
        return EXIT_USAGE if isinstance(exc, DataError) else exc.exit_code


def register(app: typer.Typer) -> None:
    """Add ``diff`` to the app."""
    app.command("diff", cls=DiffCommand)(diff_command)
