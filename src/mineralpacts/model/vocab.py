"""Controlled vocabularies and party (country) resolution.

The vocabularies live as data in ``data/vocab.yaml``: each term with a one-line definition.
Parties are resolved with :mod:`pycountry` (ISO 3166-1) plus a small alias table for the
names people actually type (``UK``, ``Britain``, ``USA``, ``EU``).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from mineralpacts.errors import AmbiguousParty, UnknownParty, UsageError, did_you_mean

__all__ = [
    "AMBIGUOUS",
    "KINDS",
    "Country",
    "check_term",
    "country_name",
    "definition",
    "is_party_code",
    "label",
    "match_term",
    "normal_form",
    "party_slug",
    "read_vocab_file",
    "resolve_party",
    "suggest",
    "synonyms",
    "terms",
    "vocabulary",
    "vocabulary_json",
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

#: Names that fit several countries: resolving one is an error that lists them, never a guess.
AMBIGUOUS = {
    "congo": ("CG", "CD"),
    "korea": ("KR", "KP"),
    "guinea": ("GN", "GQ", "GW", "PG"),
    "sudan": ("SD", "SS"),
    "virgin islands": ("VG", "VI"),
}


@functools.cache
def _vocab_file() -> dict[str, dict[str, Any]]:
    """``data/vocab.yaml``, read from its generated JSON form (``data/vocab.json``, written by
    ``pacts docs``) when that was made from the YAML as it is now, else parsed from the YAML.

    Start-up then needs neither PyYAML nor its pure-Python parser, and a vocabulary just edited
    is never read stale.
    """
    return read_vocab_file(resources.files("mineralpacts").joinpath("data"))


def read_vocab_file(folder: Any) -> dict[str, dict[str, Any]]:
    """The vocabulary file of ``folder`` (a path or package resource): its JSON form if fresh."""
    raw = folder.joinpath("vocab.yaml").read_bytes()
    try:
        generated = json.loads(folder.joinpath("vocab.json").read_text("utf-8"))
        if generated["source"] == _digest(raw):
            found: dict[str, dict[str, Any]] = generated["vocabulary"]
            return found
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return _parse_vocab(raw)


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _parse_vocab(raw: bytes) -> dict[str, dict[str, Any]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, dict[str, Any]] = yaml.load(raw, Loader=loader)
    return data


def vocabulary_json(raw: bytes) -> str:
    """The text of ``data/vocab.json`` for the bytes of ``data/vocab.yaml`` (``pacts docs``)."""
    return (
        json.dumps({"source": _digest(raw), "vocabulary": _parse_vocab(raw)}, indent=1, ensure_ascii=False)
        + "\n"
    )


@functools.cache
def vocabulary() -> dict[str, dict[str, str]]:
    """Return every vocabulary as ``{kind: {term: definition}}``, read once from package data."""
    return {kind: terms for kind, terms in _vocab_file().items() if kind not in ("labels", "synonyms")}


def label(kind: str, term: str) -> str:
    """How ``term`` reads for people: ``ESG standards`` for ``esg-standards``, ``MoU`` for ``mou``.

    The labels of ``data/vocab.yaml`` where one is given, else the term with spaces and a capital.
    """
    given = _vocab_file().get("labels", {}).get(kind, {}).get(term)
    if given:
        return str(given)
    text = term.replace("-", " ")
    return text[:1].upper() + text[1:]


def synonyms(kind: str) -> dict[str, str]:
    """Other names people type for the terms of ``kind``: ``{synonym: term}`` (``MoU`` is a term)."""
    return dict(_vocab_file().get("synonyms", {}).get(kind, {}))


def normal_form(text: str) -> str:
    """What matching compares: lower case, no accents, words joined by one hyphen (``R&D`` -> ``r-d``)."""
    return "-".join(re.findall(r"[a-z0-9]+", _fold(text)))


@functools.cache
def _term_index(kind: str) -> dict[str, str]:
    index = {normal_form(name): term for name, term in synonyms(kind).items()}
    index.update({normal_form(term): term for term in terms(kind)})
    return index


def match_term(kind: str, text: str) -> str | None:
    """The term of vocabulary ``kind`` that ``text`` names, or None.

    Case, accents, spaces, hyphens and punctuation do not matter, and the documented synonyms of
    ``data/vocab.yaml`` count: ``MoU`` is ``mou``, ``Rare Earths`` is ``rare-earth-elements``.
    """
    return _term_index(kind).get(normal_form(text))


def _term_hint(kind: str, value: str) -> list[str]:
    """Close terms, by whole term or by one of its words (``reserch`` -> research-innovation)."""
    by_word: dict[str, str] = {}
    for name, term in _term_index(kind).items():
        by_word.setdefault(name, term)
        for word in name.split("-"):
            if len(word) >= 3:
                by_word.setdefault(word, term)
    close = suggest(normal_form(value), by_word, n=6, cutoff=0.75)
    return list(dict.fromkeys(by_word[c] for c in close))[:3]


#: The vocabulary kinds, in the order of ``data/vocab.yaml``.
KINDS: tuple[str, ...] = tuple(vocabulary())


def terms(kind: str) -> list[str]:
    """Return the terms of vocabulary ``kind`` in their documented order."""
    return list(vocabulary()[kind])


def check_term(kind: str, value: str | None, field: str | None = None) -> str | None:
    """The term of vocabulary ``kind`` that ``value`` names (see :func:`match_term`), or None for None.

    Raises :class:`~mineralpacts.errors.UsageError` naming ``field`` (default: ``kind``) with the
    closest terms, or the whole list when nothing is close.
    """
    if value is None:
        return None
    found = match_term(kind, value)
    if found is not None:
        return found
    elsewhere = [k for k in KINDS if k != kind and match_term(k, value)]
    # A term of another vocabulary (--area mining: a stage) is named as such, not "corrected".
    otherwise = (
        f"it is a {' and '.join(elsewhere)} term" if elsewhere else f"choose from {', '.join(terms(kind))}"
    )
    hint = [] if elsewhere else _term_hint(kind, value)
    tail = did_you_mean(hint, otherwise=otherwise)
    raise UsageError(f"{value!r} is not a term of the {kind} vocabulary{tail}", field=field or kind)


def definition(kind: str, term: str) -> str:
    """Return the one-line definition of ``term`` in vocabulary ``kind``."""
    return vocabulary()[kind][term]


def suggest(
    word: str,
    choices: Iterable[str],
    n: int = 3,
    *,
    any_order: bool = False,
    cutoff: float = 0.6,
) -> list[str]:
    """Return up to ``n`` of ``choices`` closest to ``word``, best first: the suggestions of every
    "did you mean" (worded by :func:`mineralpacts.errors.did_you_mean`).

    Case is ignored. With ``any_order``, the hyphen-separated words may come in any order, as in
    ids, whose party slugs people type either way round: ``germany-chile-2013`` finds
    ``chile-germany-2013``.
    """
    lowered = {c.lower(): c for c in choices}
    target = word.lower()
    if not any_order:
        return [lowered[h] for h in difflib.get_close_matches(target, list(lowered), n=n, cutoff=cutoff)]
    key = _word_key(target)
    scored = []
    for low, original in lowered.items():
        score = max(_ratio(target, low, cutoff), _ratio(key, _word_key(low), cutoff))
        if score >= cutoff:
            scored.append((-score, low, original))
    return [original for _, _, original in sorted(scored)[:n]]


def _word_key(text: str) -> str:
    return "-".join(sorted(text.split("-")))


def _ratio(a: str, b: str, cutoff: float) -> float:
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return 0.0
    return matcher.ratio()


@dataclass(frozen=True)
class Country:
    """A party as a code and a common English name."""

    code: str
    name: str


def _fold(text: str) -> str:
    """Lower-case, strip accents and dots, hyphens as spaces: 'Türkiye' is 'turkiye', 'U.S.' is
    'us' and 'saudi-arabia' (a slug of an id) is 'saudi arabia'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace(".", "")
    return " ".join(re.split(r"[\s_\-‐–—]+", plain)).strip()


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


def _label(code: str) -> str:
    return f"{country_name(code) or code} ({code})"


def resolve_party(text: str) -> Country:
    """Resolve what a user typed (``UK``, ``GBR``, ``Britain``, ``Japan``) to a :class:`Country`.

    Raises :class:`~mineralpacts.errors.AmbiguousParty` listing the candidates for a name that
    fits several countries (``Congo``, ``Korea``), and :class:`~mineralpacts.errors.UnknownParty`
    with the closest names when nothing matches.
    """
    folded = _fold(text)
    if folded in AMBIGUOUS:
        raise AmbiguousParty(text, [_label(c) for c in AMBIGUOUS[folded]])
    index = _name_index()
    code = index.get(folded)
    if code is None:
        # A looser second pass so that a typo of a short code (``XX``) still gets an answer.
        close = suggest(folded, index, n=5) or suggest(folded, index, n=5, cutoff=0.3)
        names: list[str] = []
        for key in close:
            label = _label(index[key])
            if label not in names:
                names.append(label)
        raise UnknownParty(text, names[:3])
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
