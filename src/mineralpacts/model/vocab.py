"""Controlled vocabularies and party (country) resolution.

The vocabularies live as data in ``data/vocab.yaml``: each term with a one-line definition.
Parties are resolved with :mod:`pycountry` (ISO 3166-1) plus a small alias table for the
names people actually type (``UK``, ``Britain``, ``USA``, ``EU``).
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from mineralpacts.errors import UnknownParty

__all__ = [
    "KINDS",
    "Country",
    "country_name",
    "definition",
    "is_party_code",
    "party_slug",
    "resolve_party",
    "suggest",
    "terms",
    "vocabulary",
]

#: Non-ISO codes the project accepts as party codes.
EXTRA_CODES = {"EU": "European Union"}

#: Display names where ISO 3166's name is not what people write.
DISPLAY_NAMES = {"CD": "DR Congo", "CG": "Republic of the Congo", "KP": "North Korea", "KR": "South Korea"}

#: Names and codes people type that ISO 3166 does not spell that way.
ALIASES = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "united kingdom": "GB",
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states": "US",
    "united states of america": "US",
    "eu": "EU",
    "european union": "EU",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of the congo": "CD",
    "congo-kinshasa": "CD",
    "uae": "AE",
    "emirates": "AE",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "russia": "RU",
    "turkey": "TR",
    "turkiye": "TR",
    "vietnam": "VN",
    "viet nam": "VN",
    "tanzania": "TZ",
    "bolivia": "BO",
    "iran": "IR",
    "laos": "LA",
    "czechia": "CZ",
}


@functools.cache
def vocabulary() -> dict[str, dict[str, str]]:
    """Return every vocabulary as ``{kind: {term: definition}}``, read once from package data."""
    text = resources.files("mineralpacts").joinpath("data/vocab.yaml").read_text("utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


#: The vocabulary kinds, in the order of ``data/vocab.yaml``.
KINDS: tuple[str, ...] = tuple(vocabulary())


def terms(kind: str) -> list[str]:
    """Return the terms of vocabulary ``kind`` in their documented order."""
    return list(vocabulary()[kind])


def check_term(kind: str, value: str | None, label: str) -> str | None:
    """``value`` when it is a term of vocabulary ``kind`` (or None).

    Raises :class:`~mineralpacts.errors.UsageError` naming ``label`` (the option or field the
    user typed) with the closest terms, or the whole list when nothing is close.
    """
    from mineralpacts.errors import UsageError

    known = terms(kind)
    if value is None or value in known:
        return value
    hint = suggest(value, known)
    tail = f"; did you mean {' or '.join(hint)}?" if hint else f"; choose from {', '.join(known)}"
    raise UsageError(f"{label} {value!r} is not a term of the {kind} vocabulary{tail}")


def definition(kind: str, term: str) -> str:
    """Return the one-line definition of ``term`` in vocabulary ``kind``."""
    return vocabulary()[kind][term]


def suggest(word: str, choices: list[str] | tuple[str, ...], n: int = 3) -> list[str]:
    """Return up to ``n`` of ``choices`` closest to ``word``, best first (for "did you mean")."""
    lowered = {c.lower(): c for c in choices}
    hits = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[h] for h in hits]


@dataclass(frozen=True)
class Country:
    """A party as a code and a common English name."""

    code: str
    name: str


def _fold(text: str) -> str:
    """Lower-case, strip accents and surrounding space, so 'Türkiye' matches 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _name_index() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value: Any = getattr(c, attr, None)
            if value:
                index.setdefault(_fold(value), c.alpha_2)
    for code, name in EXTRA_CODES.items():
        index[_fold(code)] = code
        index[_fold(name)] = code
    for alias, code in ALIASES.items():
        index[_fold(alias)] = code
    return index


@functools.cache
def country_name(code: str) -> str | None:
    """Return the common English name of an ISO 3166-1 alpha-2 code (or ``EU``), else None."""
    if code in EXTRA_CODES:
        return EXTRA_CODES[code]
    import pycountry

    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return None
    name = str(getattr(found, "common_name", None) or found.name)
    # ISO's inverted names ("Bolivia, Plurinational State of") read badly in tables and charts.
    return name.split(", ")[0]


def is_party_code(code: str) -> bool:
    """True when ``code`` is an ISO 3166-1 alpha-2 code or ``EU``."""
    return country_name(code) is not None


def resolve_party(text: str) -> Country:
    """Resolve what a user typed (``UK``, ``GBR``, ``Britain``, ``Japan``) to a :class:`Country`.

    Raises :class:`~mineralpacts.errors.UnknownParty` with the closest names when nothing matches.
    """
    index = _name_index()
    code = index.get(_fold(text))
    if code is None:
        close = difflib.get_close_matches(_fold(text), list(index), n=5, cutoff=0.6)
        names: list[str] = []
        for key in close:
            name = country_name(index[key]) or key
            label = f"{name} ({index[key]})"
            if label not in names:
                names.append(label)
        raise UnknownParty(text, names)
    return Country(code, country_name(code) or code)


#: Slugs used in ids where the country's common name is not what people write.
SLUGS = {
    "GB": "uk",
    "US": "us",
    "EU": "eu",
    "AE": "uae",
    "CD": "drc",
    "KR": "korea",
    "KP": "north-korea",
    "TR": "turkiye",
    "RU": "russia",
    "VN": "vietnam",
    "TZ": "tanzania",
    "BO": "bolivia",
    "IR": "iran",
    "LA": "laos",
}


def party_slug(code: str) -> str:
    """The slug of a party code as used in ids: GB -> uk, JP -> japan, SA -> saudi-arabia."""
    if code in SLUGS:
        return SLUGS[code]
    name = country_name(code)
    if name is None:
        raise UnknownParty(code, [])
    folded = _fold(name.split(",")[0])
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())
