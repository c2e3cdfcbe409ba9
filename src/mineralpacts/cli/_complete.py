"""Shell completion of values: agreement ids, the parties of the repository, vocabulary terms.

Each function takes what the user has typed so far and returns ``(value, help)`` pairs; the
shell shows the help beside the value where it can (zsh, fish). A completion never fails: a
repository that cannot be read completes nothing rather than printing a traceback into the shell.
"""

from __future__ import annotations

import typer

__all__ = ["areas", "focuses", "ids", "instruments", "levels", "minerals", "parties", "states"]


def _continue(typed: str, value: str) -> str | None:
    """``value`` as the continuation of what was typed, keeping its case (shells and Click keep
    only completions that start with the typed text; the matching of values ignores case)."""
    if value.casefold().startswith(typed.casefold()):
        return typed + value[len(typed) :]
    return None


def _repository(ctx: typer.Context) -> object | None:
    from mineralpacts.store.repository import Repository

    repo = ctx.find_root().params.get("repo")
    try:
        return Repository.load(repo)
    except Exception:  # a completion must never fail in the user's shell
        return None


def ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Ids of the repository's agreements that start with what was typed, with their short titles."""
    repository = _repository(ctx)
    if repository is None:
        return []
    return [(a.id, a.label) for a in repository if a.id.startswith(incomplete)]  # type: ignore[attr-defined]


def parties(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Parties of the repository's agreements: by code (``JP``), id slug (``japan``) or name."""
    from mineralpacts.model.vocab import country_name, party_slug

    repository = _repository(ctx)
    if repository is None:
        return []
    codes = sorted({c for a in repository for c in a.party_codes})  # type: ignore[attr-defined]
    out: list[tuple[str, str]] = []
    for code in codes:
        name = country_name(code) or code
        for form in (code, party_slug(code), name.replace(" ", "-")):
            value = _continue(incomplete, form)
            if value is not None:
                out.append((value, f"{name} ({code})"))
                break
    return out


def _terms(kind: str, incomplete: str) -> list[tuple[str, str]]:
    from mineralpacts.model.vocab import vocabulary

    terms = vocabulary()[kind]
    found = [(_continue(incomplete, term), definition) for term, definition in terms.items()]
    return [(value, definition) for value, definition in found if value is not None]


def areas(incomplete: str) -> list[tuple[str, str]]:
    """Area-of-cooperation terms."""
    return _terms("area", incomplete)


def minerals(incomplete: str) -> list[tuple[str, str]]:
    """Mineral terms."""
    return _terms("mineral", incomplete)


def instruments(incomplete: str) -> list[tuple[str, str]]:
    """Instrument terms."""
    return _terms("instrument", incomplete)


def levels(incomplete: str) -> list[tuple[str, str]]:
    """Level terms."""
    return _terms("level", incomplete)


def focuses(incomplete: str) -> list[tuple[str, str]]:
    """Focus terms (dedicated, broader)."""
    return _terms("focus", incomplete)


def states(incomplete: str) -> list[tuple[str, str]]:
    """What ``--status`` accepts."""
    from mineralpacts.analysis.lifecycle import STATUS_CHOICES

    found = [_continue(incomplete, s) for s in STATUS_CHOICES]
    return [(value, "") for value in found if value is not None]
