"""The flat layout of agreements shared by every tabular export: CSV, SQLite, the data package.

``agreements`` has one row per agreement; long tables (``parties``, ``pairs``, ``areas``,
``minerals``, ``sources``, ``events``) join to it on ``agreement_id``. Each column carries a
Frictionless type and a one-line meaning, used for the data package schema, the SQLite column
types and the site's data page.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mineralpacts.model.agreement import Agreement
from mineralpacts.model.dates import date_year

__all__ = [
    "FORMULA_PREFIXES",
    "TABLES",
    "Column",
    "safe_cell",
    "table_rows",
]


@dataclass(frozen=True)
class Column:
    """One column of an export table: its name, Frictionless type and meaning."""

    name: str
    type: str
    description: str


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


_LINK = ("agreement_id", "string", "The agreement's id (joins to agreements.id).")
_POS = ("position", "integer", "Order within the agreement, from 1.")

#: Every table: its columns, primary key, and whether it links to ``agreements``.
TABLES: dict[str, tuple[tuple[Column, ...], tuple[str, ...]]] = {
    "agreements": (
        _cols(
            ("id", "string", "Slug equal to the file name, e.g. uk-japan-2023."),
            ("title", "string", "Official English title, or a descriptive one."),
            ("title_official", "boolean", "False when the title is descriptive."),
            ("short_title", "string", "The short name people use."),
            ("instrument", "string", "Kind of instrument (instrument vocabulary)."),
            ("level", "string", "government, agency or state-company."),
            ("focus", "string", "dedicated (about critical minerals) or broader (minerals are one part)."),
            ("legally_binding", "boolean", "Whether it binds in law; empty when unknown."),
            ("binding_ref", "string", "The clause that says whether it binds."),
            ("parties", "string", "Party codes, separated by '; '."),
            ("party_names", "string", "Party names, separated by '; '."),
            ("signed_status", "string", "signed, endorsed or announced."),
            (
                "signed_date",
                "string",
                "Date of signature: YYYY-MM-DD, YYYY-MM, YYYY, or a window A/B, ../B, A/...",
            ),
            (
                "signed_year",
                "integer",
                "Year of signature; empty when the date could fall in more than one year.",
            ),
            ("signed_city", "string", "City where it was signed."),
            ("signed_country", "string", "Country code where it was signed."),
            ("occasion", "string", "The meeting or visit at which it was signed."),
            ("languages", "string", "Languages of the authentic texts, separated by '; '."),
            ("disclosure", "string", "How much of the agreement is public."),
            ("summary", "string", "What the agreement does, in our own words."),
            ("areas", "string", "Areas of cooperation, separated by '; '."),
            ("minerals", "string", "Minerals named, separated by '; '."),
            ("stages", "string", "Value-chain stages covered, separated by '; '."),
            ("term_status", "string", "stated, silent, not-public or unknown."),
            ("entry_into_force_how", "string", "How it entered into force (entry_into_force vocabulary)."),
            ("entry_into_force_date", "string", "When it entered into force, as precise as known."),
            ("commencement", "string", "signature, entry-into-force, a date, or unknown."),
            ("initial_years", "integer", "Initial period: whole years."),
            ("initial_months", "integer", "Initial period: further months."),
            ("open_ended", "boolean", "True when it runs until ended."),
            ("renewal_kind", "string", "none, automatic or by-agreement."),
            ("renewal_years", "integer", "Each renewal: whole years."),
            ("renewal_months", "integer", "Each renewal: further months."),
            ("max_renewals", "integer", "Most renewals allowed; empty when no limit is stated."),
            ("notice_days", "integer", "Days of notice to discontinue; empty when not stated."),
            (
                "notice_written",
                "boolean",
                "True when the text says written notice; empty when it does not say.",
            ),
            ("confidence", "string", "How well the core facts are sourced."),
            ("source_count", "integer", "Number of sources."),
            ("notes", "string", "Anything else a reader should know."),
        ),
        ("id",),
    ),
    "parties": (
        _cols(
            _LINK,
            _POS,
            ("code", "string", "ISO 3166-1 alpha-2 code, or EU."),
            ("name", "string", "The party's name in English."),
            ("represented_by", "string", "The ministry or agency that acted for it."),
            ("signatories", "string", "Who signed, 'name (role)', separated by '; '."),
        ),
        ("agreement_id", "position"),
    ),
    "pairs": (
        _cols(
            _LINK,
            ("party_a", "string", "One party's code (the smaller, alphabetically)."),
            ("party_b", "string", "The other party's code."),
            ("signed_year", "integer", "Year of signature."),
        ),
        ("agreement_id", "party_a", "party_b"),
    ),
    "areas": (
        _cols(
            _LINK,
            _POS,
            ("area", "string", "Area of cooperation (area vocabulary)."),
            ("ref", "string", "The clause that names it."),
            ("summary", "string", "What the parties will do, in our own words."),
        ),
        ("agreement_id", "position"),
    ),
    "minerals": (
        _cols(
            _LINK,
            ("mineral", "string", "A mineral named (mineral vocabulary)."),
            ("named", "string", "focus, potential or passing; empty when the file does not qualify it."),
        ),
        ("agreement_id", "mineral"),
    ),
    "sources": (
        _cols(
            _LINK,
            _POS,
            ("url", "string", "Where the source is published."),
            ("publisher", "string", "Who published it."),
            ("kind", "string", "official-text, official-announcement, news or analysis."),
            ("title", "string", "The source's title."),
            ("published", "string", "When it was published."),
            ("accessed", "string", "When it was read."),
            ("supports", "string", "Field paths it backs, separated by '; '."),
            ("note", "string", "What it says that matters."),
        ),
        ("agreement_id", "position"),
    ),
    "events": (
        _cols(
            _LINK,
            _POS,
            (
                "date",
                "string",
                "When it happened: YYYY-MM-DD, YYYY-MM, YYYY or a window; empty when undated.",
            ),
            ("kind", "string", "What kind of event (event_kind vocabulary)."),
            ("summary", "string", "What happened, in our own words."),
            ("follow_up", "string", "Id of a follow-up agreement, if any."),
        ),
        ("agreement_id", "position"),
    ),
}


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


def _agreement_row(a: Agreement) -> dict[str, Any]:
    t, place = a.term, a.signed.place
    com, eif = t.commencement, a.entry_into_force
    return {
        "id": a.id,
        "title": a.title,
        "title_official": a.title_official,
        "short_title": a.short_title,
        "instrument": a.instrument,
        "level": a.level,
        "focus": a.focus,
        "legally_binding": a.legally_binding.value,
        "binding_ref": a.legally_binding.ref,
        "parties": _join(a.party_codes),
        "party_names": _join(p.name for p in a.parties),
        "signed_status": a.signed.status,
        "signed_date": a.signed.date,
        "signed_year": date_year(a.signed.date) if a.signed.date else None,
        "signed_city": place.city if place else None,
        "signed_country": place.country if place else None,
        "occasion": a.signed.occasion,
        "languages": _join(a.languages),
        "disclosure": a.disclosure,
        "summary": a.summary,
        "areas": _join(a.area_terms),
        "minerals": _join(a.mineral_terms),
        "stages": _join(a.scope.stages),
        "term_status": t.status,
        "entry_into_force_how": eif.how if eif else None,
        "entry_into_force_date": eif.date if eif else None,
        "commencement": (com.date if com.from_ == "date" else com.from_) if com else None,
        "initial_years": t.initial_period.years if t.initial_period else None,
        "initial_months": t.initial_period.months if t.initial_period else None,
        "open_ended": t.open_ended,
        "renewal_kind": t.renewal.kind if t.renewal else None,
        "renewal_years": t.renewal.period.years if t.renewal and t.renewal.period else None,
        "renewal_months": t.renewal.period.months if t.renewal and t.renewal.period else None,
        "max_renewals": t.renewal.max_renewals if t.renewal else None,
        "notice_days": t.notice.days if t.notice else None,
        "notice_written": t.notice.written if t.notice else None,
        "confidence": a.confidence,
        "source_count": len(a.sources),
        "notes": a.notes,
    }


def table_rows(agreements: Iterable[Agreement]) -> dict[str, list[dict[str, Any]]]:
    """Flatten agreements into the rows of every table of :data:`TABLES`, in id order."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for a in sorted(agreements, key=lambda x: x.id):
        out["agreements"].append(_agreement_row(a))
        year = date_year(a.signed.date) if a.signed.date else None
        for i, p in enumerate(a.parties, 1):
            who = _join(s.name + (f" ({s.role})" if s.role else "") for s in p.signatories)
            out["parties"].append(
                {
                    "agreement_id": a.id,
                    "position": i,
                    "code": p.code,
                    "name": p.name,
                    "represented_by": p.represented_by,
                    "signatories": who,
                }
            )
        for x, y in itertools.combinations(sorted(set(a.party_codes)), 2):
            out["pairs"].append({"agreement_id": a.id, "party_a": x, "party_b": y, "signed_year": year})
        for i, ar in enumerate(a.areas, 1):
            out["areas"].append(
                {"agreement_id": a.id, "position": i, "area": ar.area, "ref": ar.ref, "summary": ar.summary}
            )
        named: dict[str, str | None] = {}
        for m in a.minerals:
            named.setdefault(*((m, None) if isinstance(m, str) else (m.mineral, m.named)))
        for m, how in named.items():
            out["minerals"].append({"agreement_id": a.id, "mineral": m, "named": how})
        for i, s in enumerate(a.sources, 1):
            out["sources"].append(
                {
                    "agreement_id": a.id,
                    "position": i,
                    "url": s.url,
                    "publisher": s.publisher,
                    "kind": s.kind,
                    "title": s.title,
                    "published": s.published,
                    "accessed": s.accessed,
                    "supports": _join(s.supports),
                    "note": s.note,
                }
            )
        for i, e in enumerate(a.events, 1):
            out["events"].append(
                {
                    "agreement_id": a.id,
                    "position": i,
                    "date": e.date,
                    "kind": e.kind,
                    "summary": e.summary,
                    "follow_up": e.agreement,
                }
            )
    return out


#: Leading characters that make spreadsheet programs evaluate a cell (CWE-1236).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return ``value`` with a leading apostrophe when it is text a spreadsheet would run.

    Numbers are left alone; text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return is prefixed with ``'`` so that Excel, LibreOffice and Sheets show it as text.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
