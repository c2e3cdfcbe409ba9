"""``pacts new``: a new agreement file with every field, ready to be filled in.

What the tool can know (the parties' codes and names, the id, the date, the place, today's date
as the source's access date) is filled in; what only a person can supply is marked ``TODO``, on
a line that ``pacts validate`` reports until it is filled in: vocabulary, date and address
fields hold the word ``TODO`` (not a valid term), and required text fields hold ``null`` with a
``# TODO`` comment saying what to write. Optional fields are ``null`` or empty: fill them in, or
leave them and say why under ``unknown``.

The id follows the convention: the parties' slugs (:func:`mineralpacts.model.vocab.party_slug`) in
alphabetical order, then the year, e.g. ``australia-uk-2023``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mineralpacts.errors import UsageError
from mineralpacts.files.atomic import create_exclusive
from mineralpacts.model.agreement import ID_PATTERN, URL_PATTERN, parse_partial_date
from mineralpacts.model.schema import modeline, modeline_target, schema_target
from mineralpacts.model.vocab import Country, check_term, party_slug, resolve_party, terms

__all__ = [
    "TODO",
    "Draft",
    "derive_id",
    "draft_notes",
    "parse_place",
    "render_draft",
    "todo_lines",
    "write_new",
]

#: The marker for what only a person can supply.
TODO = "TODO"


@dataclass
class Draft:
    """What is known about a new agreement before a person fills in the rest."""

    parties: list[str]
    date: str | None = None
    instrument: str | None = None
    title: str | None = None
    short_title: str | None = None
    place: str | None = None
    occasion: str | None = None
    source: str | None = None
    publisher: str | None = None
    source_kind: str | None = None
    ident: str | None = None
    #: whether ``title`` is the official English title; None (not said) leaves a TODO
    title_official: bool | None = None
    today: dt.date = field(default_factory=dt.date.today)


def resolve_parties(names: Sequence[str]) -> list[Country]:
    """Resolve two or more party names (``UK``, ``Japan``, ``EU``); reject repeats and unknowns."""
    if len(names) < 2:
        raise UsageError(
            "an agreement has at least two parties: pass --party twice (e.g. --party UK --party Japan)"
        )
    found = [resolve_party(n) for n in names]
    seen: set[str] = set()
    for name, country in zip(names, found, strict=True):
        if country.code in seen:
            raise UsageError(f"party {name!r} ({country.code}) is given twice")
        seen.add(country.code)
    return found


def derive_id(codes: Sequence[str], date: str) -> str:
    """The conventional id: party slugs sorted alphabetically, then the year (``australia-uk-2023``)."""
    year = parse_partial_date(date)[0]
    return "-".join([*sorted(party_slug(c) for c in codes), str(year)])


def parse_place(text: str) -> tuple[str | None, str | None]:
    """Split ``"Osaka, Japan"`` into (city, country code); a last part naming no country stays in the city."""
    text = text.strip()
    if not text:
        return None, None
    city, sep, last = text.rpartition(",")
    if sep:
        try:
            return city.strip() or None, resolve_party(last.strip()).code
        except UsageError:
            return text, None
    try:
        return None, resolve_party(text).code
    except UsageError:
        return text, None


def _choices(kind: str) -> str:
    return "TODO: one of " + ", ".join(terms(kind))


def _build(
    draft: Draft, parties: list[Country], ident: str
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str]]:
    """The data of the new file and the comments that explain each TODO."""
    city, country = parse_place(draft.place) if draft.place else (None, None)
    notes: dict[tuple[str | int, ...], str] = {
        ("title",): "TODO: the official English title (or a descriptive one, with title_official: false)",
        ("title_official",): "TODO: true when the title is the official English one, false when it is ours",
        ("instrument",): _choices("instrument"),
        (
            "legally_binding",
            "value",
        ): "TODO: true, false, or null when no source says; cite the clause in ref",
        ("signed", "date"): "TODO: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the sources give it",
        (
            "languages",
        ): "TODO: a list of the authentic texts' languages ([en, ja]), or [] and an unknown entry",
        ("disclosure",): _choices("disclosure"),
        ("summary",): "TODO: what the agreement does, in your own words",
        ("areas",): "TODO: a list of areas of cooperation, each {area: TERM, ref: CLAUSE, summary: ...}",
        ("minerals",): "TODO: a list of the minerals named (vocabulary terms), or [] when none is named",
        ("term", "status"): _choices("term_status"),
        ("sources", 0, "url"): "TODO: where the text or announcement is published",
        ("sources", 0, "publisher"): "TODO: who published the source",
        ("sources", 0, "kind"): _choices("source_kind"),
        (
            "sources",
            0,
            "supports",
        ): "TODO: a list of the fields this source backs ([signed.date, parties, areas])",
        ("confidence",): _choices("confidence"),
    }
    for i in range(len(parties)):
        notes[("parties", i, "represented_by")] = "if known: the ministry or agency that acted for this party"
    if draft.title:
        notes.pop(("title",))
    if draft.title_official is not None:
        notes.pop(("title_official",))
    if draft.instrument:
        notes.pop(("instrument",))
    if draft.date:
        notes.pop(("signed", "date"))
    if draft.source:
        notes.pop(("sources", 0, "url"))
    if draft.publisher:
        notes.pop(("sources", 0, "publisher"))
    if draft.source_kind:
        notes.pop(("sources", 0, "kind"))
    data: dict[str, Any] = {
        "id": ident,
        "title": draft.title,
        "title_official": TODO if draft.title_official is None else draft.title_official,
        "short_title": draft.short_title,
        "titles": {},
        "instrument": draft.instrument or TODO,
        "level": "government",
        "focus": "dedicated",
        "legally_binding": {"value": TODO, "ref": None, "basis": None},
        "parties": [
            {"code": p.code, "name": p.name, "represented_by": None, "signatories": []} for p in parties
        ],
        "signed": {
            "status": "signed",
            "date": draft.date or TODO,
            "place": {"city": city, "country": country},
            "occasion": draft.occasion,
        },
        "languages": TODO,
        "disclosure": TODO,
        "summary": None,
        "purposes": [],
        "scope": {"stages": [], "items": []},
        "areas": TODO,
        "minerals": TODO,
        "implementation": [],
        "entry_into_force": None,
        "term": {
            "status": TODO,
            "ref": None,
            "commencement": None,
            "initial_period": None,
            "open_ended": False,
            "renewal": None,
            "notice": None,
            "discontinuation": None,
            "modification": None,
            "summary": None,
        },
        "events": [],
        "related": [],
        "sources": [
            {
                "url": draft.source or TODO,
                "publisher": draft.publisher,
                "kind": draft.source_kind or TODO,
                "title": None,
                "published": None,
                "accessed": draft.today.isoformat(),
                "supports": TODO,
                "note": None,
            }
        ],
        "discrepancies": [],
        "unknown": [],
        "confidence": TODO,
        "notes": None,
    }
    return data, notes


def _to_yaml(data: dict[str, Any], notes: dict[tuple[str | int, ...], str]) -> str:
    """Dump ``data`` with each note as an end-of-line comment, then in the canonical layout."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def convert(value: Any, path: tuple[str | int, ...]) -> Any:
        if isinstance(value, dict):
            out = CommentedMap()
            for k, v in value.items():
                out[k] = convert(v, (*path, k))
                if (*path, k) in notes:
                    out.yaml_add_eol_comment("# " + notes[(*path, k)], k)
            return out
        if isinstance(value, list):
            return CommentedSeq(convert(v, (*path, i)) for i, v in enumerate(value))
        return value

    yaml = YAML(typ="rt")
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    yaml.representer.add_representer(
        type(None), lambda rep, _v: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    buffer = io.StringIO()
    yaml.dump(convert(data, ()), buffer)
    from mineralpacts.files.fmt import format_text

    return format_text(buffer.getvalue())


def render_draft(draft: Draft) -> tuple[str, str]:
    """Check ``draft`` and return (id, the text of the new file).

    Raises :class:`UsageError` for unknown parties, a bad date, a term not in its vocabulary, a
    malformed id or address, or when no id can be derived (no date and no ``ident``).
    """
    parties = resolve_parties(draft.parties)
    if draft.date is not None:
        try:
            parse_partial_date(draft.date)
        except ValueError as exc:
            reason = str(exc).replace("day is out of range for month", "not a real date")
            raise UsageError(f"{draft.date!r}: {reason}", field="date") from None
    check_term("instrument", draft.instrument)
    check_term("source_kind", draft.source_kind)
    if draft.source is not None:
        import re

        if not re.match(URL_PATTERN, draft.source):
            raise UsageError(f"{draft.source!r} is not an http(s) address", field="source")
    if draft.ident is not None:
        import re

        if not re.match(ID_PATTERN, draft.ident):
            raise UsageError(
                f"{draft.ident!r} is not a valid id: lower-case words and hyphens, like uk-japan-2023",
                field="id",
            )
        ident = draft.ident
    elif draft.date:
        ident = derive_id([p.code for p in parties], draft.date)
    else:
        raise UsageError("cannot derive the id without a date: pass --date (at least the year) or --id")
    data, notes = _build(draft, parties, ident)
    return ident, _to_yaml(data, notes)


def draft_notes(draft: Draft) -> list[str]:
    """Advice on a draft that is valid but may not say what was meant: a signing date after
    today, or an id other than the conventional one (with the conventional one)."""
    from mineralpacts.model.dates import date_bounds

    notes = []
    if draft.date and date_bounds(draft.date)[0] > draft.today:
        notes.append(
            f"the signing date {draft.date} is after today ({draft.today}): "
            "pacts validate reports it (M203) until then; was it announced rather than signed?"
        )
    if draft.ident and draft.date:
        usual = derive_id([p.code for p in resolve_parties(draft.parties)], draft.date)
        if draft.ident != usual and not draft.ident.startswith(f"{usual}-"):
            notes.append(
                f"the conventional id is {usual} (party slugs in alphabetical order, then the year); "
                f"keep another only for a second agreement of these parties that year, as {usual}-<word>"
            )
    return notes


def todo_lines(text: str) -> list[int]:
    """The 1-based numbers of the lines that still carry a TODO marker."""
    return [i for i, line in enumerate(text.splitlines(), 1) if TODO in line]


def write_new(folder: Path, draft: Draft) -> Path:
    """Write the new agreement file into ``folder`` and return its path; never overwrite.

    Raises :class:`UsageError` when a file with that id exists (with a hint to pass ``--id``).
    """
    ident, text = render_draft(draft)
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder; pass --repo with your agreements folder")
    target = folder / f"{ident}.yaml"
    taken = [p for p in (target, folder / f"{ident}.yml") if p.exists()]

    def refuse() -> UsageError:
        hint = (
            f"; if the same parties concluded another agreement that year, pass --id {ident}-<word> "
            f"(e.g. --id {ident}-{draft.instrument or 'mou'})"
            if draft.ident is None
            else ""
        )
        return UsageError(f"{taken[0] if taken else target} already exists and is never overwritten{hint}")

    if taken:
        raise refuse()
    # The draft points at the published schema; inside a repository with schema/, at that copy.
    first, _, rest = text.partition("\n")
    text = modeline(schema_target(target)) + "\n" + rest if modeline_target(first) else text
    try:
        create_exclusive(target, text.encode("utf-8"))
    except FileExistsError:
        taken = [target]
        raise refuse() from None
    return target
