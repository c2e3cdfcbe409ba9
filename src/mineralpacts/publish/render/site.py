"""A static website of the whole repository, built into a folder that works from disk or served.

Pages: an index with every agreement in a table (sortable and filterable with a little vanilla
JavaScript; without it the table is complete and plain), a page per agreement, a page per party,
a timeline, a who-signed-with-whom picture, an agreement × area matrix, a downloads page with the
JSON Schema and every export, and an Atom feed of new agreements and coming deadlines.

Every link is relative and nothing is fetched at view time (no CDN, no remote fonts). The site is
built in a temporary folder and swapped in whole; an existing folder is replaced only when an
earlier build left its marker file in it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mineralpacts.analysis.lifecycle import Family
from mineralpacts.errors import UsageError
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.dates import date_anchor
from mineralpacts.model.vocab import country_name, terms
from mineralpacts.publish.render.html import TEMPLATES, Standing, environment, page_context, standing

__all__ = ["MARKER", "SiteSummary", "build_site"]

#: A file every built site holds, so that a rebuild may replace the folder and nothing else.
MARKER = ".pacts-site"
FEED_DAYS = 365
FEED_NEW = 50


@dataclass(frozen=True)
class SiteSummary:
    """What a build wrote."""

    folder: Path
    pages: int
    agreements: int
    parties: int
    downloads: tuple[str, ...]


def _year(a: Agreement) -> str:
    return str(date_anchor(a.signed.date).year) if a.signed.date else ""


def _sort_date(a: Agreement) -> str:
    return date_anchor(a.signed.date).isoformat() if a.signed.date else ""


def _name(code: str) -> str:
    return country_name(code) or code


class _Writer:
    """Renders templates into the build folder and counts pages."""

    def __init__(self, folder: Path, known: frozenset[str], built_on: dt.date) -> None:
        self.folder, self.known, self.built_on, self.pages = folder, known, built_on, 0
        self.env = environment()

    def page(self, rel: str, template: str, **values: Any) -> None:
        depth = rel.count("/")
        ctx = page_context("../" * depth, known_ids=self.known)
        text = self.env.get_template(template).render(built_on=self.built_on.isoformat(), **ctx, **values)
        path = self.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.pages += 1


def _party_index(agreements: list[Agreement]) -> dict[str, list[Agreement]]:
    out: dict[str, list[Agreement]] = defaultdict(list)
    for a in agreements:
        for code in dict.fromkeys(a.party_codes):
            out[code].append(a)
    return dict(sorted(out.items(), key=lambda kv: _name(kv[0])))


def _write_downloads(folder: Path, agreements: list[Agreement]) -> list[tuple[str, str, str]]:
    from mineralpacts.model.schema import schema_text
    from mineralpacts.publish.export import (
        write_csv_folder,
        write_datapackage,
        write_json,
        write_jsonl,
        write_sqlite,
    )

    data = folder / "data"
    data.mkdir()
    # schema/ is where the schema's $id points once the site is published (GitHub Pages).
    (folder / "schema").mkdir()
    for path in (folder / "schema" / "agreement.schema.json", data / "agreement.schema.json"):
        path.write_text(schema_text(), encoding="utf-8")
    write_json(agreements, data / "agreements.json")
    write_jsonl(agreements, data / "agreements.jsonl")
    write_csv_folder(agreements, data / "csv")
    write_datapackage(agreements, data / "datapackage")
    rows = [
        (
            "schema/agreement.schema.json",
            "JSON Schema (draft 2020-12)",
            "The rules every agreement file follows; editors use it through the modeline.",
        ),
        ("data/agreements.json", "JSON", "Every agreement as one array, each valid against the schema."),
        ("data/agreements.jsonl", "JSON Lines", "One agreement per line."),
        ("data/csv/agreements.csv", "CSV: agreements", "One row per agreement."),
    ]
    rows += [
        (f"data/csv/{p.name}", f"CSV: {p.stem}", "A long table, joined on agreement_id.")
        for p in sorted((data / "csv").glob("*.csv"))
        if p.stem != "agreements"
    ]
    rows.append(
        ("data/datapackage/datapackage.json", "Frictionless data package", "Descriptor plus the CSV tables.")
    )
    write_sqlite(agreements, data / "agreements.db")
    rows.append(
        (
            "data/agreements.db",
            "SQLite",
            "Every table with foreign keys and full-text search (the search table); open with Datasette.",
        )
    )
    return rows


def _write_search_index(path: Path, agreements: list[Agreement]) -> None:
    """The words of every agreement as ``pacts search`` indexes them, for the index's search box.

    A script that sets a global rather than JSON to fetch, so that the site works from disk.
    """
    import json

    from mineralpacts.analysis.search import index_terms

    words = {ident: " ".join(terms) for ident, terms in index_terms(agreements).items()}
    text = json.dumps(words, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    path.write_text(f"window.PACTS_WORDS = {text};\n", encoding="utf-8")


def _feed_entries(rows: list[tuple[Agreement, Standing]], on: dt.date) -> list[dict[str, Any]]:
    entries = []
    for a, _ in sorted(rows, key=lambda r: (_sort_date(r[0]), r[0].id), reverse=True)[:FEED_NEW]:
        signed = date_anchor(a.signed.date) if a.signed.date else on
        entries.append(
            {
                "id": f"urn:mineralpacts:agreement:{a.id}",
                "title": f"New: {a.label}",
                "updated": signed.isoformat(),
                "href": f"agreements/{a.id}.html",
                "summary": a.summary,
            }
        )
    horizon = on + dt.timedelta(days=FEED_DAYS)
    for a, st in rows:
        for d in st.deadlines:
            if on <= d.date <= horizon:
                entries.append(
                    {
                        "id": f"urn:mineralpacts:deadline:{a.id}:{d.kind}:{d.date.isoformat()}",
                        "title": f"{d.date.isoformat()}: {a.label}: {d.text}",
                        "updated": on.isoformat(),
                        "href": f"agreements/{a.id}.html",
                        "summary": f"{a.label}: {d.text} on {d.date.isoformat()}. {st.label}",
                    }
                )
    return entries


def _build(folder: Path, agreements: list[Agreement], on: dt.date) -> int:
    known = frozenset(a.id for a in agreements)
    w = _Writer(folder, known, on)
    family = Family.of(agreements)
    rows = [(a, standing(a, on, family)) for a in agreements]
    st = {a.id: s for a, s in rows}
    by_party = _party_index(agreements)
    area_order = [t for t in terms("area") if any(t in a.area_terms for a in agreements)]

    (folder / "assets").mkdir()
    shutil.copyfile(TEMPLATES / "style.css", folder / "assets" / "style.css")
    shutil.copyfile(TEMPLATES / "site.js", folder / "assets" / "site.js")
    _write_search_index(folder / "assets" / "search.js", agreements)

    statuses = sorted({s.status or "not computed" for s in st.values()})
    w.page(
        "index.html",
        "index.html",
        title="Bilateral critical-minerals agreements",
        agreements=agreements,
        st=st,
        parties=[(c, _name(c)) for c in by_party],
        areas=area_order,
        minerals=[t for t in terms("mineral") if any(t in a.mineral_terms for a in agreements)],
        year={a.id: _year(a) for a in agreements},
        sort_date={a.id: _sort_date(a) for a in agreements},
        instruments=sorted({a.instrument for a in agreements}),
        years=sorted({_year(a) for a in agreements if _year(a)}, reverse=True),
        statuses=statuses,
    )
    for a, s in rows:
        w.page(f"agreements/{a.id}.html", "agreement.html", title=a.label, a=a, st=s)
    partners: dict[str, Counter[str]] = {}
    for code, items in by_party.items():
        partners[code] = Counter(c for a in items for c in dict.fromkeys(a.party_codes) if c != code)
        w.page(
            f"parties/{code.lower()}.html",
            "party.html",
            title=_name(code),
            code=code,
            name=_name(code),
            agreements=sorted(items, key=_sort_date),
            st=st,
            partners=sorted(partners[code].items(), key=lambda kv: (-kv[1], _name(kv[0]))),
            names=_name,
        )
    w.page(
        "parties/index.html",
        "parties.html",
        title="Parties",
        by_party=by_party,
        partners=partners,
        names=_name,
    )

    from mineralpacts.publish.render.svg import network_svg, pairs, timeline_svg

    w.page("timeline.html", "timeline.html", title="Timeline", chart=timeline_svg(rows, on), rows=rows, on=on)
    w.page(
        "network.html",
        "network.html",
        title="Who signed with whom",
        chart=network_svg(agreements),
        pairs=pairs(agreements),
        names=_name,
    )
    w.page(
        "matrix.html",
        "matrix.html",
        title="Agreements by area of cooperation",
        agreements=agreements,
        areas=area_order,
        area_counts=Counter(t for a in agreements for t in a.area_terms),
    )
    downloads = _write_downloads(folder, agreements)
    from mineralpacts.publish.export import TABLES

    w.page("data.html", "data.html", title="Data and downloads", downloads=downloads, tables=TABLES)
    feed = (
        environment().get_template("feed.xml").render(entries=_feed_entries(rows, on), updated=on.isoformat())
    )
    (folder / "feed.xml").write_text(feed, encoding="utf-8")
    (folder / MARKER).write_text(
        "Built by `pacts render --site`; a rebuild replaces this folder whole.\n", "utf-8"
    )
    return w.pages


def build_site(
    agreements: Iterable[Agreement], output: str | os.PathLike[str], *, on: dt.date | None = None
) -> SiteSummary:
    """Build the static site of ``agreements`` into folder ``output``, status computed on ``on`` (today).

    The folder is built beside ``output`` and swapped in whole. Raises :class:`UsageError` when
    ``output`` is a file, its parent is missing, or it is a folder with other content.
    """
    from mineralpacts.files.atomic import replace_folder

    target = Path(output).expanduser().absolute()
    if not target.parent.is_dir():
        raise UsageError(f"folder {target.parent} does not exist; create it first or choose another --site")
    items = sorted(agreements, key=lambda a: a.id)
    environment()  # fail early, before any folder is made, when Jinja2 is missing
    pages = 0

    def build(tmp: Path) -> None:
        nonlocal pages
        pages = _build(tmp, items, on or dt.date.today())

    replace_folder(target, build, lambda folder: (folder / MARKER).is_file())
    parties = {c for a in items for c in a.party_codes}
    downloads = tuple(str(p.relative_to(target)) for p in sorted((target / "data").rglob("*")) if p.is_file())
    return SiteSummary(target, pages, len(items), len(parties), downloads)
