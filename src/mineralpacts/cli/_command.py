"""How every command reads in ``--help`` and how every usage error reads: one style for all.

- Metavars name what to type (``ID``, ``PARTY``, ``DATE``, ``PATH``) and flags have none: no
  generated ``<bool>`` or ``<list[str]>``.
- Usage lines read as a person writes them: ``pacts validate [OPTIONS] [PATH]...``.
- Help paragraphs are reflowed to the terminal, never broken where the docstring was.
- A usage error is one line on stderr, ``error: what went wrong; the fix``, exit 2, whether
  Click found it (an unknown option) or the library did (an unknown party).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand

from mineralpacts.errors import PactsError, did_you_mean

__all__ = ["LAZY_CHOICES", "PactsCommand", "polish_params", "reflow", "usage_message"]

#: Choices listed in help only when help is shown, because they live in a module too heavy to
#: import at start-up (the reporters of ``validate``, the writers of ``export``): the placeholder
#: in the help text -> the text that replaces it.
LAZY_CHOICES: dict[str, Callable[[], str]] = {}


def reflow(text: str | None) -> str | None:
    """Join the lines of each paragraph of a docstring, so the terminal wraps them, not the source.

    A paragraph starting with ``\\b`` (Click's marker) keeps its lines.
    """
    if not text:
        return text
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split()) for p in paragraphs)


def _resolve_choices(param: Any) -> None:
    for token, text in LAZY_CHOICES.items():
        if param.help and token in param.help:
            param.help = param.help.replace(token, text())


def _no_type(ctx: Any) -> None:
    return None


def polish_params(params: Sequence[Any]) -> None:
    """Give every option a metavar a person reads: none for flags, the option's name otherwise."""
    for param in params:
        if param.param_type_name == "argument":
            param.display_type_rich = _no_type  # the metavar (ID, PATH) says it all
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""
        elif param.metavar is None:
            long = max(param.opts, key=len).lstrip("-")
            param.metavar = long.upper().replace("-", "_")


class PactsCommand(TyperCommand):
    """A command whose help and usage line read as a person would write them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = reflow(self.help)

    def exit_code_for(self, exc: PactsError) -> int:
        """The exit code of a library error in this command (``PactsGroup.invoke`` asks)."""
        return exc.exit_code

    _parsing = False

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        polish_params(params)
        if not self._parsing:  # help texts name choices from heavy modules: only when read
            for param in params:
                _resolve_choices(param)
        return params

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in super().get_params(ctx):  # --help is shown while the arguments are parsed
            _resolve_choices(param)
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        self._parsing = True
        try:
            parsed: list[str] = super().parse_args(ctx, args)
        except Exception as exc:
            if getattr(exc, "ctx", "absent") is None:
                exc.ctx = ctx  # type: ignore[attr-defined]  # so the message names the command
            raise
        finally:
            self._parsing = False
        return parsed

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = param.metavar or param.name.upper()
            piece = name if param.required else f"[{name}]"
            pieces.append(piece + ("..." if param.nargs != 1 else ""))
        return pieces


def _option_name(param: Any) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return str(param.metavar or param.name.upper())
    return str(max(param.opts, key=len))


def _sentence(text: str) -> str:
    """Click's 'Capitalised message.' as the house style's 'lower-case message'."""
    text = " ".join(text.split()).rstrip(".")
    if text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def usage_message(exc: Any) -> str:
    """One line for a Click usage error, with the fix: the closest name, the usage, or ``--help``."""
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "pacts"
    kind = type(exc).__name__
    help_hint = f"see '{path} --help'"
    param = getattr(exc, "param", None)
    if kind == "MissingParameter" and param is not None:
        usage = " ".join([path, *ctx.command.collect_usage_pieces(ctx)]) if ctx is not None else path
        return f"missing {_option_name(param)}; usage: {usage}"
    if kind == "NoSuchOption":
        close = list(getattr(exc, "possibilities", None) or [])
        return f"no such option {exc.option_name} for {path}{did_you_mean(close, otherwise=help_hint)}"
    if kind == "BadParameter":
        message = _sentence(str(exc.message))
        name = _option_name(param)
        if name and not message.startswith(name):
            message = f"{name}: {message}"
        return message
    message = _sentence(exc.format_message())
    message = re.sub(r"^option '(--[\w-]+)' requires an argument", r"\1 needs a value", message)
    message = re.sub(r"\. did you mean", "; did you mean", message, flags=re.I)
    if "did you mean" not in message:
        message += f"; {help_hint}"
    return message


def usage_exit(exc: Any) -> typer.Exit:
    """Print ``exc`` in the house style and return the exit to raise (2)."""
    typer.echo(f"error: {usage_message(exc)}", err=True)
    return typer.Exit(2)
