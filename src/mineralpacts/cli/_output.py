"""Terminal output and the one place where library errors become exit codes.

Exit codes: 0 success, 1 invalid data (or a difference, for ``diff``), 2 usage error,
3 internal error (a bug: please report it). Colour follows ``NO_COLOR`` (rich honours it).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from mineralpacts.errors import PactsError

if TYPE_CHECKING:
    from rich.console import Console

    from mineralpacts.store.repository import Repository

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass
class RootOptions:
    """Options of the root command (``--repo``), shared with every subcommand through ``ctx.obj``."""

    repo: str | None = None

    def repository(self) -> Repository:
        """Load the repository the user pointed at (or found by the search order)."""
        from mineralpacts.store.repository import Repository

        repository = Repository.load(self.repo)
        shared = {str(path) for paths in repository.duplicates.values() for path in paths}
        for ident, paths in sorted(repository.duplicates.items()):
            names = ", ".join(map(str, paths))
            warn(f"left out {names}: each claims the id {ident!r} (run `pacts validate`)")
        files = sorted({d.path for d in repository.problems} - shared)
        if files:
            warn(f"skipped {len(files)} invalid file(s): {', '.join(files)} (run `pacts validate`)")
        return repository


def state(ctx: typer.Context) -> RootOptions:
    """The root options, whatever the nesting of ``ctx``."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, RootOptions) else RootOptions()


def console(stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr); width from $COLUMNS, colour off under NO_COLOR."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 here; a closed pipe is handled once, in PactsGroup.invoke
            raise BrokenPipeError

    return _Console(stderr=stderr, highlight=False, soft_wrap=False)


def warn(message: str) -> None:
    """Print a warning on stderr."""
    typer.echo(f"warning: {message}", err=True)


def error(message: str) -> None:
    """Print an error on stderr."""
    typer.echo(f"error: {message}", err=True)


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def deliver(content: str | bytes, output: Path | None) -> None:
    """Print ``content`` on stdout, or write it atomically to ``output`` and say so on stderr."""
    from mineralpacts.files.atomic import atomic_write_bytes

    if output is None:
        typer.echo(content if isinstance(content, str) else content.decode("utf-8"), nl=False)
        return
    atomic_write_bytes(output, content.encode("utf-8") if isinstance(content, str) else content)
    typer.echo(f"wrote {output}", err=True)


def emit_yaml(data: Any) -> None:
    """Print ``data`` as block-style YAML on stdout."""
    from mineralpacts.files.yamlio import dump_yaml

    typer.echo(dump_yaml(data), nl=False)


# Typer may bundle its own copy of click, so click's classes are reached through Typer's public
# exceptions rather than imported: ClickException is a base class of typer.BadParameter.
_CLICK_ERRORS: tuple[type[BaseException], ...] = (
    typer.Exit,
    typer.Abort,
    next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"),
    SystemExit,
)
_CLICK_USAGE_ERROR: type[BaseException] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
)


def _usage_error(exc: BaseException) -> bool:
    """A Click usage error to print in the house style (not the request for help it also uses)."""
    return isinstance(exc, _CLICK_USAGE_ERROR) and type(exc).__name__ != "NoArgsIsHelpError"


class PactsGroup(TyperGroup):
    """The root command group: turns library errors into messages and exit codes, once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from mineralpacts.cli._command import reflow

        super().__init__(*args, **kwargs)
        self.help = reflow(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        from mineralpacts.cli._command import polish_params

        params: list[Any] = super().get_params(ctx)
        polish_params(params)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            parsed: list[str] = super().parse_args(ctx, args)
        except Exception as exc:
            if not _usage_error(exc):
                raise
            from mineralpacts.cli._command import usage_exit

            if getattr(exc, "ctx", None) is None:
                exc.ctx = ctx  # type: ignore[attr-defined]
            raise usage_exit(exc) from None
        return parsed

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # registration order, not alphabetical

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PactsError as exc:
            error(_message(exc, ctx))
            command = self.commands.get(ctx.invoked_subcommand or "")
            exit_code = getattr(command, "exit_code_for", lambda e: e.exit_code)(exc)
            raise typer.Exit(exit_code) from None
        except _CLICK_ERRORS as exc:
            if not _usage_error(exc):
                raise
            from mineralpacts.cli._command import usage_exit

            raise usage_exit(exc) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            error("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:
            if os.environ.get("PACTS_DEBUG"):
                raise
            error(
                f"internal error: {type(exc).__name__}: {exc} (set PACTS_DEBUG=1 for the traceback; please report it)"
            )
            raise typer.Exit(EXIT_INTERNAL) from None


def _message(exc: PactsError, ctx: Any) -> str:
    """The error as the user should read it: the option they typed in place of the library's field.

    The library says ``area 'x' is not a term...``; ``pacts list --area x`` reads
    ``--area 'x' is not a term...``. A field that no option of the command matches stays as it is.
    """
    field = getattr(exc, "field", None)
    name = getattr(ctx, "invoked_subcommand", None)
    command = ctx.command.get_command(ctx, name) if field and name else None
    for param in getattr(command, "params", ()):
        flags = [o for o in param.opts if o.startswith("--")]
        if flags and (param.name == field or f"--{str(field).replace('_', '-')}" in flags):
            return f"{max(flags, key=len)} {getattr(exc, 'detail', '')}"
    return str(exc)


def _silence_stdout() -> None:
    """After a closed pipe (``pacts list | head``), stop Python complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def emit_csv(columns: tuple[str, ...] | list[str], rows: list[dict[str, Any]]) -> None:
    """Print rows as CSV on stdout, neutralising cells a spreadsheet would run as formulas."""
    import csv

    from mineralpacts.publish.tables import safe_cell

    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})


def print_table(
    rows: list[dict[str, Any]],
    columns: tuple[str, ...] | list[str],
    title: str | None = None,
    no_wrap: tuple[str, ...] = ("id", "signed", "date", "parties"),
) -> None:
    """Print rows as a rich table for people; ``no_wrap`` columns are never folded."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    for name in columns:
        table.add_column(name.replace("_", " "), overflow="fold", no_wrap=name in no_wrap)
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in columns))
    console().print(table)
