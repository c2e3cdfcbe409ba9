"""Exceptions of mineralpacts: one base class, one class per thing a user can get wrong.

The library raises these; only :mod:`mineralpacts.cli` turns them into messages and exit codes
(:class:`UsageError` and its children exit 2, :class:`DataError` exits 1).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousParty",
    "DataError",
    "NotFound",
    "PactsError",
    "RepositoryNotFound",
    "UnknownParty",
    "UsageError",
    "did_you_mean",
]


def did_you_mean(suggestions: Sequence[str], *, quote: bool = False, otherwise: str = "") -> str:
    """The end of a message that offers ``suggestions``: ``; did you mean a, b or c?``.

    Every "did you mean" of the package is worded here (the suggestions themselves come from
    :func:`mineralpacts.model.vocab.suggest`). ``quote`` puts each in quotes, as values in a file
    are shown; ``otherwise`` is the end used when there is nothing to suggest.
    """
    if not suggestions:
        return f"; {otherwise}" if otherwise else ""
    shown = [repr(s) if quote else s for s in suggestions]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
    return f"; did you mean {listed}?"


class PactsError(Exception):
    """Base class of every error mineralpacts raises on purpose."""

    exit_code = 1


class UsageError(PactsError):
    """The user asked for something that cannot be done as asked (exit code 2).

    ``field`` names what was wrong in the library's terms (``area``, ``signed_since``); the
    message then reads ``area 'x' is not a term...``. The command line shows the option the user
    typed in its place (``--area 'x' is not a term...``), from :attr:`detail`.
    """

    exit_code = 2

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        self.field = field
        self.detail = message
        super().__init__(f"{field} {message}" if field else message)


class DataError(PactsError):
    """The data itself is invalid (exit code 1)."""

    exit_code = 1


class NotFound(UsageError):
    """No agreement has the id asked for; ``suggestions`` holds the nearest ids."""

    def __init__(self, ident: str, suggestions: list[str]) -> None:
        self.ident = ident
        self.suggestions = suggestions
        super().__init__(f"no agreement with id {ident!r}{did_you_mean(suggestions)}")


class UnknownParty(UsageError):
    """A party name or code matched no country; ``suggestions`` holds the closest names."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        self.text = text
        self.suggestions = suggestions
        otherwise = "write a country's name or its ISO 3166 code (Japan, JP, JPN) or EU"
        super().__init__(
            f"{text!r} matches no country or party{did_you_mean(suggestions, otherwise=otherwise)}"
        )


class AmbiguousParty(UsageError):
    """A party name that fits several countries (``Congo``, ``Korea``); ``candidates`` lists them."""

    def __init__(self, text: str, candidates: list[str]) -> None:
        self.text = text
        self.candidates = candidates
        listed = (
            f"{', '.join(candidates[:-1])} or {candidates[-1]}"
            if len(candidates) > 1
            else "".join(candidates)
        )
        super().__init__(f"{text!r} could mean {listed}; give the code of the one you mean")


class RepositoryNotFound(UsageError):
    """The folder given as the repository does not exist or holds no agreements folder."""
