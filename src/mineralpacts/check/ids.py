"""Ids against what they name: the convention (parties and year) and uniqueness across files.

Both are pure functions of a few values, so the validator, the read path and ``pacts new`` ask
the same question the same way: :func:`id_mismatch` for one agreement (warning ``W405``),
:func:`duplicate_ids` for a repository (error ``R302``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mineralpacts.errors import UnknownParty
from mineralpacts.model.vocab import party_slug

__all__ = ["DuplicateId", "conventional_id", "duplicate_ids", "id_mismatch"]


def conventional_id(codes: Sequence[str], year: int) -> str:
    """The id the convention gives (docs/ids.md): party slugs in alphabetical order, then the year."""
    return "-".join([*sorted(party_slug(c) for c in codes), str(year)])


@functools.cache
def _country_slugs() -> frozenset[str]:
    """The id slug of every ISO 3166 country and of the EU."""
    import pycountry

    slugs = set()
    for code in [c.alpha_2 for c in pycountry.countries] + ["EU"]:
        try:
            slugs.add(party_slug(code))
        except UnknownParty:  # a code without a usable name has no slug
            continue
    return frozenset(slugs)


@functools.cache
def _slugs_by_first_word() -> dict[str, list[list[str]]]:
    """The country slugs as word lists, by their first word (checked for every file: kept fast)."""
    out: dict[str, list[list[str]]] = {}
    for slug in _country_slugs():
        parts = slug.split("-")
        out.setdefault(parts[0], []).append(parts)
    return out


def _slugs_in(words: list[str]) -> set[str]:
    """The country slugs spelled by consecutive ``words`` (the longest where one holds another)."""
    found = set()
    starting = _slugs_by_first_word()
    for i, word in enumerate(words):
        for parts in starting.get(word, ()):
            if words[i : i + len(parts)] == parts:
                found.add("-".join(parts))
    # "guinea" inside "papua-new-guinea", "korea" inside "north-korea": keep the longer
    return {s for s in found if not any(s != t and f"-{s}-" in f"-{t}-" for t in found)}


def id_mismatch(ident: str, codes: Sequence[str], signed: str | None) -> str | None:
    """What in ``ident`` contradicts the agreement it names, or None.

    The id's year must fall within the signing date (``signed``, possibly partial or a window);
    the country slugs before the year must be those of ``codes``, in any order (``uk-japan-2023``
    keeps its historical order). An id that names no country (a descriptive one) is judged on
    its year only, and an id without a year on its parties only.
    """
    from mineralpacts.model.dates import date_bounds  # with pydantic: not on the read path

    words = ident.split("-")
    at = next((i for i, w in enumerate(words) if len(w) == 4 and w.isdigit()), len(words))
    try:
        bounds = date_bounds(signed) if signed else None
    except ValueError:
        bounds = None
    problems = []
    if at < len(words) and bounds is not None:
        year, (low, high) = int(words[at]), (bounds[0].year, bounds[1].year)
        if not low <= year <= high:
            when = str(low) if low == high else f"{low}-{high}"
            problems.append(f"its year is {year} but the agreement was signed in {when}")
    named = _slugs_in(words[:at])
    expected = {party_slug(c) for c in codes}
    if named and named != expected:
        problems.append(
            f"it names {', '.join(sorted(named))} but the parties are {', '.join(sorted(expected))}"
        )
    if problems and bounds is not None:
        problems.append(f"the convention gives {conventional_id(codes, bounds[0].year)}")
    return "; ".join(problems) or None


@dataclass(frozen=True)
class DuplicateId:
    """Several files claiming one id: none of them can be trusted to be the one meant."""

    id: str
    paths: tuple[Path, ...]

    def message(self, path: Path) -> str:
        """The problem as seen from one of the files."""
        others = ", ".join(str(p) for p in self.paths if p != path)
        return f"id {self.id!r} is also used by {others}"


def duplicate_ids(entries: Iterable[tuple[Path, str]]) -> list[DuplicateId]:
    """Every id claimed by more than one file, from (path, id) pairs; files in the order given."""
    by_id: dict[str, list[Path]] = {}
    for path, ident in entries:
        by_id.setdefault(ident, []).append(path)
    return [DuplicateId(ident, tuple(paths)) for ident, paths in by_id.items() if len(paths) > 1]
