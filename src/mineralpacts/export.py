"""Exports of the repository for other tools: CSV, JSON, JSON Lines, SQLite and a data package.

Every tabular format shares one layout (:data:`TABLES`): ``agreements`` with one row per
agreement, and long tables (``parties``, ``pairs``, ``areas``, ``minerals``, ``sources``,
``events``) that join to it on ``agreement_id``. JSON and JSON Lines carry the full model,
each object valid against ``schema/agreement.schema.json``.

Writes are atomic: a file is written to a temporary name beside the target and renamed; a
folder is built beside the target and swapped in, so a failed export leaves nothing half done.
An existing folder is replaced only when it holds nothing but files an export writes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mineralpacts.errors import UsageError
from mineralpacts.model import Agreement, parse_partial_date
from mineralpacts.tabular import safe_cell

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "atomic_file",
    "export",
    "replace_folder",
    "table_rows",
    "write_csv_folder",
    "write_datapackage",
    "write_json",
    "write_jsonl",
    "write_sqlite",
]

FORMATS = ("csv", "json", "jsonl", "sqlite", "datapackage")
FOLDER_FORMATS = frozenset({"csv", "datapackage"})


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
            ("legally_binding", "boolean", "Whether it binds in law; empty when unknown."),
            ("binding_ref", "string", "The clause that says whether it binds."),
            ("parties", "string", "Party codes, separated by '; '."),
            ("party_names", "string", "Party names, separated by '; '."),
            ("signed_status", "string", "signed, endorsed or announced."),
            ("signed_date", "string", "Date of signature: YYYY-MM-DD, YYYY-MM or YYYY."),
            ("signed_year", "integer", "Year of signature."),
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
            ("commencement", "string", "signature, a date, or unknown."),
            ("initial_years", "integer", "Initial period: whole years."),
            ("initial_months", "integer", "Initial period: further months."),
            ("open_ended", "boolean", "True when it runs until ended."),
            ("renewal_kind", "string", "none, automatic or by-agreement."),
            ("renewal_years", "integer", "Each renewal: whole years."),
            ("renewal_months", "integer", "Each renewal: further months."),
            ("max_renewals", "integer", "Most renewals allowed; empty when no limit is stated."),
            ("notice_days", "integer", "Days of written notice to discontinue."),
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
        _cols(_LINK, ("mineral", "string", "A mineral named (mineral vocabulary).")),
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
            ("date", "string", "When it happened: YYYY-MM-DD, YYYY-MM or YYYY."),
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
    com = t.commencement
    return {
        "id": a.id,
        "title": a.title,
        "title_official": a.title_official,
        "short_title": a.short_title,
        "instrument": a.instrument,
        "level": a.level,
        "legally_binding": a.legally_binding.value,
        "binding_ref": a.legally_binding.ref,
        "parties": _join(a.party_codes),
        "party_names": _join(p.name for p in a.parties),
        "signed_status": a.signed.status,
        "signed_date": a.signed.date,
        "signed_year": parse_partial_date(a.signed.date)[0] if a.signed.date else None,
        "signed_city": place.city if place else None,
        "signed_country": place.country if place else None,
        "occasion": a.signed.occasion,
        "languages": _join(a.languages),
        "disclosure": a.disclosure,
        "summary": a.summary,
        "areas": _join(a.area_terms),
        "minerals": _join(a.minerals),
        "stages": _join(a.scope.stages),
        "term_status": t.status,
        "commencement": (com.date if com.on == "date" else com.on) if com else None,
        "initial_years": t.initial_period.years if t.initial_period else None,
        "initial_months": t.initial_period.months if t.initial_period else None,
        "open_ended": t.open_ended,
        "renewal_kind": t.renewal.kind if t.renewal else None,
        "renewal_years": t.renewal.period.years if t.renewal and t.renewal.period else None,
        "renewal_months": t.renewal.period.months if t.renewal and t.renewal.period else None,
        "max_renewals": t.renewal.max_renewals if t.renewal else None,
        "notice_days": t.notice_days,
        "confidence": a.confidence,
        "source_count": len(a.sources),
        "notes": a.notes,
    }


def table_rows(agreements: Iterable[Agreement]) -> dict[str, list[dict[str, Any]]]:
    """Flatten agreements into the rows of every table of :data:`TABLES`, in id order."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for a in sorted(agreements, key=lambda x: x.id):
        out["agreements"].append(_agreement_row(a))
        year = parse_partial_date(a.signed.date)[0] if a.signed.date else None
        for i, p in enumerate(a.parties, 1):
            who = _join(s.name + (f" ({s.role})" if s.role else "") for s in p.signatories)
            out["parties"].append(
                {"agreement_id": a.id, "position": i, "code": p.code, "name": p.name,
                 "represented_by": p.represented_by, "signatories": who}
            )
        for x, y in itertools.combinations(sorted(set(a.party_codes)), 2):
            out["pairs"].append({"agreement_id": a.id, "party_a": x, "party_b": y, "signed_year": year})
        for i, ar in enumerate(a.areas, 1):
            out["areas"].append(
                {"agreement_id": a.id, "position": i, "area": ar.area, "ref": ar.ref, "summary": ar.summary}
            )
        for m in dict.fromkeys(a.minerals):
            out["minerals"].append({"agreement_id": a.id, "mineral": m})
        for i, s in enumerate(a.sources, 1):
            out["sources"].append(
                {"agreement_id": a.id, "position": i, "url": s.url, "publisher": s.publisher, "kind": s.kind,
                 "title": s.title, "published": s.published, "accessed": s.accessed,
                 "supports": _join(s.supports), "note": s.note}
            )
        for i, e in enumerate(a.events, 1):
            out["events"].append(
                {"agreement_id": a.id, "position": i, "date": e.date, "kind": e.kind,
                 "summary": e.summary, "follow_up": e.agreement}
            )
    return out


# --- atomic writing -------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_file(target: Path, mode: str = "w") -> Iterator[tuple[Path, IO[Any] | None]]:
    """Yield a temporary path (and an open handle unless ``mode`` is ``""``) beside ``target``.

    On success the temporary file replaces ``target``; on any error it is removed and
    ``target`` is left as it was.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        if mode:
            with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
                yield tmp, fh
        else:
            os.close(fd)
            yield tmp, None
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_folder(target: Path, build: Callable[[Path], None], allowed: Callable[[Path], bool]) -> None:
    """Build a folder with ``build(tmp)`` beside ``target``, then swap it in for ``target``.

    An existing ``target`` is replaced only when ``allowed(target)`` says it is ours to replace
    (raises :class:`UsageError` otherwise); on any error nothing at ``target`` changes.
    """
    if target.exists():
        if not target.is_dir():
            raise UsageError(f"{target} is a file; give a folder path for this output")
        if any(target.iterdir()) and not allowed(target):
            raise UsageError(
                f"{target} is a folder that holds other files; give a new or empty folder "
                "(it is replaced whole, so it may only hold an earlier output of this command)"
            )
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        build(tmp)
        tmp.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, old / "x")
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _check_parent(output: Path) -> None:
    if not output.parent.is_dir():
        raise UsageError(f"folder {output.parent} does not exist; create it first or choose another --output")


# --- writers ----------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def _write_csv_table(fh: IO[str], name: str, rows: list[dict[str, Any]]) -> None:
    columns = [c.name for c in TABLES[name][0]]
    writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _csv_tables(folder: Path, agreements: Iterable[Agreement]) -> None:
    for name, rows in table_rows(agreements).items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            _write_csv_table(fh, name, rows)


def _only_export_files(folder: Path) -> bool:
    ours = {f"{n}.csv" for n in TABLES} | {"datapackage.json"}
    return all(p.name in ours for p in folder.iterdir())


def write_csv_folder(agreements: Iterable[Agreement], output: Path) -> None:
    """Write ``agreements.csv`` and the long tables into folder ``output`` (replaced atomically)."""
    _check_parent(output)
    items = list(agreements)
    replace_folder(output, lambda tmp: _csv_tables(tmp, items), _only_export_files)


def datapackage_descriptor() -> dict[str, Any]:
    """The Frictionless data package descriptor of the CSV tables."""
    resources = []
    for name, (columns, key) in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns],
            "primaryKey": list(key),
            "missingValues": [""],
        }
        if name != "agreements":
            schema["foreignKeys"] = [
                {"fields": ["agreement_id"], "reference": {"resource": "agreements", "fields": ["id"]}}
            ]
        resources.append(
            {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}
        )
    return {
        "profile": "tabular-data-package",
        "name": "mineralpacts",
        "title": "Bilateral critical-minerals agreements",
        "description": "Agreements between governments on critical minerals, one row per agreement "
        "plus long tables joinable on agreement_id. Cells starting with = + - @ are prefixed with ' .",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


def write_datapackage(agreements: Iterable[Agreement], output: Path) -> None:
    """Write a Frictionless data package (``datapackage.json`` plus CSV tables) into folder ``output``."""
    _check_parent(output)
    items = list(agreements)

    def build(tmp: Path) -> None:
        _csv_tables(tmp, items)
        text = json.dumps(datapackage_descriptor(), indent=2, ensure_ascii=False) + "\n"
        (tmp / "datapackage.json").write_text(text, encoding="utf-8")

    replace_folder(output, build, _only_export_files)


def _dump(a: Agreement) -> dict[str, Any]:
    # Every field, nulls included: a required field may be null (legally_binding.value), so
    # dropping nulls would break the schema.
    return a.model_dump(mode="json")


def write_json(agreements: Iterable[Agreement], output: Path) -> None:
    """Write a JSON array of agreements, each valid against the agreement JSON Schema."""
    _check_parent(output)
    data = [_dump(a) for a in sorted(agreements, key=lambda x: x.id)]
    with atomic_file(output) as (_, fh):
        assert fh is not None
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def write_jsonl(agreements: Iterable[Agreement], output: Path) -> None:
    """Write one agreement per line as JSON (JSON Lines)."""
    _check_parent(output)
    with atomic_file(output) as (_, fh):
        assert fh is not None
        for a in sorted(agreements, key=lambda x: x.id):
            fh.write(json.dumps(_dump(a), ensure_ascii=False) + "\n")


_SQL_TYPES = {"string": str, "integer": int, "boolean": int}


def write_sqlite(agreements: Iterable[Agreement], output: Path) -> None:
    """Write a SQLite database (via sqlite-utils) with every table, foreign keys and full-text search.

    ``datasette PATH`` browses it; search covers agreement titles and summaries.
    """
    try:
        import sqlite_utils
    except ImportError:
        raise UsageError(
            "SQLite export needs sqlite-utils: pip install 'mineralpacts[sqlite]'"
        ) from None
    _check_parent(output)
    if output.is_dir():
        raise UsageError(f"{output} is a folder; give a file path such as pacts.db")
    rows = table_rows(agreements)
    with atomic_file(output, mode="") as (tmp, _):
        db = sqlite_utils.Database(tmp)
        try:
            for name, (columns, key) in TABLES.items():
                fks = [("agreement_id", "agreements", "id")] if name != "agreements" else None
                table = db.table(name)
                table.create(
                    {c.name: _SQL_TYPES[c.type] for c in columns},
                    pk=key[0] if len(key) == 1 else key,
                    foreign_keys=fks,
                )
                table.insert_all(rows[name])
                if name != "agreements":
                    table.create_index(["agreement_id"])
            db.table("agreements").enable_fts(["title", "short_title", "summary"], create_triggers=True)
            db.table("areas").enable_fts(["summary"], create_triggers=True)
        finally:
            db.close()


_WRITERS: dict[str, Callable[[Iterable[Agreement], Path], None]] = {
    "csv": write_csv_folder,
    "json": write_json,
    "jsonl": write_jsonl,
    "sqlite": write_sqlite,
    "datapackage": write_datapackage,
}


def export(agreements: Iterable[Agreement], fmt: str, output: str | os.PathLike[str]) -> Path:
    """Export ``agreements`` as ``fmt`` (one of :data:`FORMATS`) to ``output``; return the path written.

    ``csv`` and ``datapackage`` write a folder; the others a single file.
    """
    if fmt not in _WRITERS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(output).expanduser().absolute()
    if fmt not in FOLDER_FORMATS and path.is_dir():
        raise UsageError(f"{path} is a folder; --format {fmt} writes a file, so give a file path")
    _WRITERS[fmt](agreements, path)
    return path


def csv_text(agreements: Iterable[Agreement], table: str = "agreements") -> str:
    """One table as CSV text (cells neutralised), for printing rather than writing."""
    buf = io.StringIO()
    _write_csv_table(buf, table, table_rows(agreements)[table])
    return buf.getvalue()
