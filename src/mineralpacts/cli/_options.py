"""Options shared by several commands, declared once: ``--format`` and the filters.

``--format`` is built from a registry of names (the row formats of :mod:`._emit`, the reporters
of ``validate``, the writers of ``export``) and matched without regard to case, so ``-f JSON``
works everywhere. The filters are one set, added by :func:`with_filters` to every command that
selects agreements (``list``, ``status``, ``timeline``, ``export``, ``search``) and handed to it
as one :class:`~mineralpacts.analysis.query.Filters`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mineralpacts.cli import _complete as complete
from mineralpacts.cli._command import LAZY_CHOICES

if TYPE_CHECKING:
    from mineralpacts.analysis.query import Filters

__all__ = ["OnOpt", "Output", "format_option", "make_filters", "with_filters"]


def _names(source: Sequence[str] | str) -> Callable[[], Sequence[str]]:
    """The names of a registry: a sequence, or ``"module:attribute"`` imported when first needed."""
    if not isinstance(source, str):
        names = tuple(source)
        return lambda: names

    @functools.cache
    def load() -> Sequence[str]:
        import importlib

        module, _, attribute = source.partition(":")
        return tuple(getattr(importlib.import_module(module), attribute))

    return load


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _choices_text(source: Sequence[str] | str) -> str:
    """``a, b or c`` for help: now for a sequence, when help is shown for a ``module:attribute``."""
    names = _names(source)
    if not isinstance(source, str):
        return _listed(names())
    token = f"<{source}>"
    LAZY_CHOICES[token] = lambda: _listed(names())
    return token


def format_option(source: Sequence[str] | str, help: str = "") -> Any:
    """A ``--format/-f FORMAT`` option whose choices are the names of ``source``, in any case.

    ``source`` is a sequence of names or ``"module:attribute"`` of a registry too heavy to
    import at start-up; its names are then read when the option is parsed, completed or shown
    in help. The help lists the choices, then ``help``.
    """
    names = _names(source)
    token = _choices_text(source)

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        known = names()
        for name in known:
            if name.lower() == value.strip().lower():
                return name
        raise typer.BadParameter(f"--format {value!r} is not one of {', '.join(known)}")

    def choices(incomplete: str) -> list[str]:
        return [incomplete + n[len(incomplete) :] for n in names() if n.startswith(incomplete.lower())]

    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"{token}. {help}".strip(),
        callback=check,
        autocompletion=choices,
        show_default=True,
    )


Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to PATH (atomically) instead of the terminal.",
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

_PANEL = "Filters (every one given must hold)"


def _many(*decls: str, metavar: str, help: str, complete_with: Callable[..., Any] | None = None) -> Any:
    return Annotated[
        list[str] | None,
        typer.Option(
            *decls,
            metavar=metavar,
            help=help,
            show_default=False,
            rich_help_panel=_PANEL,
            autocompletion=complete_with,
        ),
    ]


def _one(*decls: str, metavar: str, help: str) -> Any:
    return Annotated[
        str | None,
        typer.Option(*decls, metavar=metavar, help=help, show_default=False, rich_help_panel=_PANEL),
    ]


#: The filter options, in the order --help lists them: (parameter name, annotation).
FILTER_OPTIONS: tuple[tuple[str, Any], ...] = (
    (
        "party",
        _many(
            "--party",
            "-p",
            metavar="PARTY",
            help="A party: UK, GB, GBR, United Kingdom, Japan, JP, EU... Repeat to require several.",
            complete_with=complete.parties,
        ),
    ),
    (
        "area",
        _many(
            "--area",
            "-a",
            metavar="AREA",
            help="An area of cooperation, e.g. investment or recycling (repeatable; all must be present).",
            complete_with=complete.areas,
        ),
    ),
    (
        "mineral",
        _many(
            "--mineral",
            "-m",
            metavar="MINERAL",
            help="A mineral, e.g. lithium or 'rare earths' (repeatable; all must be named).",
            complete_with=complete.minerals,
        ),
    ),
    (
        "instrument",
        _many(
            "--instrument",
            "-i",
            metavar="KIND",
            help="A kind of instrument: mou, moc, framework... (repeatable; any).",
            complete_with=complete.instruments,
        ),
    ),
    (
        "level",
        _many(
            "--level",
            metavar="LEVEL",
            help="government, agency or state-company (repeatable; any).",
            complete_with=complete.levels,
        ),
    ),
    (
        "focus",
        _many(
            "--focus",
            metavar="FOCUS",
            help="dedicated (about minerals) or broader (minerals are one chapter) (repeatable; any).",
            complete_with=complete.focuses,
        ),
    ),
    (
        "status",
        _many(
            "--status",
            metavar="STATE",
            help=f"Where it stands on --on: {_choices_text('mineralpacts.analysis.lifecycle:STATUS_CHOICES')}; "
            "renewal-term-N for the N-th renewal (repeatable; any).",
            complete_with=complete.states,
        ),
    ),
    (
        "signed_since",
        _one("--signed-since", metavar="DATE", help="Signed on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ),
    (
        "signed_until",
        _one(
            "--signed-until", metavar="DATE", help="Signed on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)."
        ),
    ),
    (
        "on",
        Annotated[
            str | None,
            typer.Option(
                "--on",
                metavar="DATE",
                help="The day statuses are computed on (YYYY-MM-DD). Default: today.",
                show_default=False,
                rich_help_panel=_PANEL,
            ),
        ],
    ),
)


def make_filters(
    party: list[str] | None = None,
    area: list[str] | None = None,
    mineral: list[str] | None = None,
    instrument: list[str] | None = None,
    level: list[str] | None = None,
    focus: list[str] | None = None,
    status: list[str] | None = None,
    signed_since: str | None = None,
    signed_until: str | None = None,
    on: str | None = None,
) -> Filters:
    """The :class:`~mineralpacts.analysis.query.Filters` of the shared filter options.

    Values are checked (and vocabulary terms matched without regard to case) when applied.
    """
    from mineralpacts.analysis.query import Filters

    if on:  # the lifecycle (and the model with it) is imported only when a day is asked for
        from mineralpacts.analysis.lifecycle import parse_day

    return Filters(
        parties=party or (),
        areas=area or (),
        minerals=mineral or (),
        instruments=instrument or (),
        levels=level or (),
        focus=focus or (),
        status=status or (),
        signed_since=signed_since,
        signed_until=signed_until,
        on=parse_day(on) if on else None,
    )


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Add the filter options to ``command`` and pass it ``filters: Filters`` built from them.

    Like sqlite-utils' shared output options: one declaration, the same options and the same
    meaning in every command that selects agreements.
    """
    signature = inspect.signature(command)
    own = [
        p.replace(annotation=eval(p.annotation, command.__globals__)) if isinstance(p.annotation, str) else p
        for p in signature.parameters.values()
        if p.name != "filters"  # only named for type checkers (Filters is imported lazily)
    ]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        for name, annotation in FILTER_OPTIONS
    ]
    names = [name for name, _ in FILTER_OPTIONS]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        values = {name: kwargs.pop(name, None) for name in names}
        command(*args, filters=make_filters(**values), **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *added]}
    return wrapper
