"""``pacts new``: start an agreement file from what the contributor knows, asking for the rest."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._output import error, state, warn
from mineralpacts.errors import UsageError

if TYPE_CHECKING:
    from mineralpacts.files.scaffold import Draft


def _ask(label: str, check: Callable[[str], object] | None = None, required: bool = False) -> str | None:
    """Prompt until the answer passes ``check`` (or is empty, unless ``required``).

    A rejected answer is explained and asked again, so nothing typed so far is lost.
    """
    while True:
        typed: str = typer.prompt(label, default="", show_default=False)
        answer = typed.strip() or None
        if answer is None and not required:
            return None
        try:
            if answer is None:
                raise UsageError("an answer is needed")
            if check is not None:
                check(answer)
        except (UsageError, ValueError) as exc:
            error(f"{exc}; try again" + ("" if required else ", or leave it empty to fill in later"))
            continue
        return answer


def _prompt_missing(draft: Draft) -> None:
    """Ask, on a terminal, for what the flags did not give; each answer is checked as it is typed."""
    from mineralpacts.files.scaffold import resolve_parties
    from mineralpacts.model.agreement import URL_PATTERN, parse_partial_date
    from mineralpacts.model.vocab import check_term, terms

    def split(answer: str) -> list[str]:
        return [p.strip() for p in answer.split(",") if p.strip()]

    def check_url(answer: str) -> None:
        if not re.match(URL_PATTERN, answer):
            raise UsageError(f"{answer!r} is not an http:// or https:// address")

    if not draft.parties:
        answer = _ask(
            "Parties, separated by commas (e.g. UK, Japan)",
            lambda a: resolve_parties(split(a)),
            required=True,
        )
        draft.parties = split(answer or "")
    if draft.date is None:
        draft.date = _ask("Date signed (YYYY-MM-DD, YYYY-MM or YYYY)", parse_partial_date)
    if draft.instrument is None:
        draft.instrument = _ask(
            f"Instrument ({', '.join(terms('instrument'))}; empty to decide later)",
            lambda a: check_term("instrument", a, "instrument"),
        )
    if draft.title is None:
        draft.title = _ask("Official English title (empty to fill in later)")
    if draft.title and draft.title_official is None:
        draft.title_official = typer.confirm(
            "Is that the official English title (as the text or a government gives it), not ours?",
            default=None,
        )
    if draft.place is None:
        draft.place = _ask("Place signed, as 'City, Country' (empty if unknown)")
    if draft.source is None:
        draft.source = _ask("Address of the best source (empty to fill in later)", check_url)


def _shown(path: Path) -> Path:
    """``path`` relative to the working folder when it is below it (as people type paths)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def new_command(
    ctx: typer.Context,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party", "-p", help="A party: UK, Japan, EU, US... Repeat for each party.", show_default=False
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="DATE",
            help="Date signed: YYYY-MM-DD, YYYY-MM or YYYY.",
            show_default=False,
        ),
    ] = None,
    instrument: Annotated[
        str | None,
        typer.Option(
            "--instrument",
            "-i",
            metavar="KIND",
            help="Instrument: mou, moc, framework, ...",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", "-t", metavar="TEXT", help="The official English title.", show_default=False),
    ] = None,
    official: Annotated[
        bool | None,
        typer.Option(
            "--official-title/--descriptive-title",
            help="Whether --title is the official English title or a descriptive one of ours. "
            "Default: asked on a terminal, else left as a TODO.",
            show_default=False,
        ),
    ] = None,
    short_title: Annotated[
        str | None,
        typer.Option("--short-title", metavar="TEXT", help="The short name people use.", show_default=False),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            metavar="'CITY, COUNTRY'",
            help="Where it was signed: 'Osaka, Japan'.",
            show_default=False,
        ),
    ] = None,
    occasion: Annotated[
        str | None,
        typer.Option(
            "--occasion",
            metavar="TEXT",
            help="The meeting or visit at which it was signed.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", "-s", metavar="URL", help="Address of the best source.", show_default=False),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option("--publisher", metavar="NAME", help="Who published the source.", show_default=False),
    ] = None,
    source_kind: Annotated[
        str | None,
        typer.Option(
            "--source-kind",
            metavar="KIND",
            help="official-text, official-announcement, news or analysis.",
            show_default=False,
        ),
    ] = None,
    ident: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="The id, when the conventional one is taken (a pair's second agreement in a year).",
            show_default=False,
        ),
    ] = None,
    prompt: Annotated[
        bool | None,
        typer.Option(
            "--prompt/--no-prompt",
            help="Ask for missing values. Default: ask only on a terminal.",
            show_default=False,
        ),
    ] = None,
    stdout: Annotated[
        bool, typer.Option("--stdout", help="Print the new file instead of writing it.")
    ] = False,
) -> None:
    """Start a new agreement file, [bold]agreements/<id>.yaml[/], with every field.

    The id is the parties' names in alphabetical order, then the year:
    [bold]pacts new -p UK -p Australia -d 2023-06-20[/] writes australia-uk-2023.yaml.

    What only a person can supply is marked TODO, on lines that [bold]pacts validate[/] reports
    until they are filled in. An existing file is never overwritten.
    """
    from mineralpacts.files.scaffold import Draft, draft_notes, render_draft, todo_lines, write_new

    draft = Draft(
        parties=list(party or []),
        date=date,
        instrument=instrument,
        title=title,
        short_title=short_title,
        place=place,
        occasion=occasion,
        source=source,
        publisher=publisher,
        source_kind=source_kind,
        ident=ident,
        title_official=official,
    )
    if prompt or (prompt is None and sys.stdin.isatty()):
        _prompt_missing(draft)
    if stdout:
        text = render_draft(draft)[1]
        for note in draft_notes(draft):
            warn(note)
        typer.echo(text, nl=False)
        return
    from mineralpacts.store.repository import find_folder

    folder = find_folder(state(ctx).repo)
    if "_bundled" in folder.parts:
        raise UsageError(
            "no agreements/ folder here or above: run pacts new inside your repository, or pass --repo"
        )
    written = write_new(folder, draft)
    lines = todo_lines(written.read_text("utf-8"))
    path = _shown(written)
    typer.echo(f"created {path}")
    for note in draft_notes(draft):
        warn(note)
    if lines:
        typer.echo(
            f"fill in the TODO on line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}, "
            f"then run: pacts validate {path}"
        )


def register(app: typer.Typer) -> None:
    """Add ``new`` to the app."""
    app.command("new", cls=PactsCommand)(new_command)
