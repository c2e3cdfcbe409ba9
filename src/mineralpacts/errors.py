"""Exceptions of mineralpacts: one base class, one class per thing a user can get wrong.

The library raises these; only :mod:`mineralpacts.cli` turns them into messages and exit codes
(:class:`UsageError` and its children exit 2, :class:`DataError` exits 1).
"""

from __future__ import annotations

__all__ = [
    "DataError",
    "NotFound",
    "PactsError",
    "RepositoryNotFound",
    "UnknownParty",
    "UsageError",
]


class PactsError(Exception):
    """Base class of every error mineralpacts raises on purpose."""

    exit_code = 1


class UsageError(PactsError):
    """The user asked for something that cannot be done as asked (exit code 2)."""

    exit_code = 2


class DataError(PactsError):
    """The data itself is invalid (exit code 1)."""

    exit_code = 1


class NotFound(UsageError):
    """No agreement has the id asked for; ``suggestions`` holds the nearest ids."""

    def __init__(self, ident: str, suggestions: list[str]) -> None:
        self.ident = ident
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no agreement with id {ident!r}{hint}")


class UnknownParty(UsageError):
    """A party name or code matched no country; ``suggestions`` holds the closest names."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        self.text = text
        self.suggestions = suggestions
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"{text!r} matches no country or party{hint}")


class RepositoryNotFound(UsageError):
    """The folder given as the repository does not exist or holds no agreements folder."""
