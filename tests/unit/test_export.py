"""Exports: the table layout, every format's content, neutralised CSV cells and atomic writes."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.errors import UsageError
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.schema import validator
from mineralpacts.publish import export as ex
from mineralpacts.store.repository import Repository
from tests.conftest import AGREEMENTS


@pytest.fixture(scope="module")
def agreements() -> list[Agreement]:
    return list(Repository.load(AGREEMENTS, use_cache=False))


def _hostile(base: Agreement) -> Agreement:
    """An agreement whose text fields would run as spreadsheet formulas."""
    return base.model_copy(
        update={
            "id": "formula-test-2024",
            "title": '=HYPERLINK("http://evil.example","click")',
            "short_title": "+SUM(A1:A9)",
            "summary": "-2+3",
            "notes": "@cmd",
        }
    )


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_one_agreement_row_each_and_long_tables_join_on_id(agreements: list[Agreement]) -> None:
    rows = ex.table_rows(agreements)
    ids = [r["id"] for r in rows["agreements"]]
    assert ids == sorted(a.id for a in agreements)
    for name in ("parties", "pairs", "areas", "minerals", "sources", "events"):
        assert {r["agreement_id"] for r in rows[name]} <= set(ids), name
    assert len(rows["parties"]) == sum(len(a.parties) for a in agreements)
    assert len(rows["sources"]) == sum(len(a.sources) for a in agreements)
    uk_japan = next(r for r in rows["agreements"] if r["id"] == "uk-japan-2023")
    assert uk_japan["parties"] == "GB; JP"
    assert (uk_japan["initial_years"], uk_japan["notice_days"], uk_japan["renewal_kind"]) == (
        3,
        90,
        "automatic",
    )
    assert {"agreement_id": "uk-japan-2023", "party_a": "GB", "party_b": "JP", "signed_year": 2023} in rows[
        "pairs"
    ]


def test_csv_folder_has_every_table_with_the_declared_columns(
    agreements: list[Agreement], tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    ex.export(agreements, "csv", out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in ex.TABLES)
    for name, (columns, _) in ex.TABLES.items():
        rows = _read_csv(out / f"{name}.csv")
        assert list(rows[0]) == [c.name for c in columns] if rows else True
    main = _read_csv(out / "agreements.csv")
    assert len(main) == len(agreements)
    assert next(r for r in main if r["id"] == "uk-japan-2023")["legally_binding"] == "false"


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(
    agreements: list[Agreement], tmp_path: Path
) -> None:
    ex.export([_hostile(agreements[0])], "csv", tmp_path / "csv")
    row = _read_csv(tmp_path / "csv" / "agreements.csv")[0]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["short_title"] == "'+SUM(A1:A9)"
    assert row["summary"] == "'-2+3"
    assert row["notes"] == "'@cmd"
    assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_json_is_the_model_and_each_object_matches_the_schema(
    agreements: list[Agreement], tmp_path: Path
) -> None:
    path = ex.export(agreements, "json", tmp_path / "pacts.json")
    data = json.loads(path.read_text("utf-8"))
    assert [d["id"] for d in data] == sorted(a.id for a in agreements)
    for item in data:
        errors = list(validator().iter_errors(item))
        assert not errors, (item["id"], errors[0].message if errors else "")
        assert Agreement.model_validate(item) == next(a for a in agreements if a.id == item["id"])


def test_jsonl_has_one_valid_agreement_per_line(agreements: list[Agreement], tmp_path: Path) -> None:
    path = ex.export(agreements, "jsonl", tmp_path / "pacts.jsonl")
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == len(agreements)
    assert all(validator().is_valid(json.loads(line)) for line in lines)


def test_sqlite_has_tables_foreign_keys_and_full_text_search(
    agreements: list[Agreement], tmp_path: Path
) -> None:
    import sqlite_utils

    path = ex.export(agreements, "sqlite", tmp_path / "pacts.db")
    db = sqlite_utils.Database(path)
    assert set(ex.TABLES) <= set(db.table_names())
    assert db.table("agreements").count == len(agreements)
    fks = {(fk.column, fk.other_table, fk.other_column) for fk in db.table("parties").foreign_keys}
    assert ("agreement_id", "agreements", "id") in fks
    hits = [r["id"] for r in db.table("agreements").search("METI")]
    assert "uk-japan-2023" in hits
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_datasette_opens_the_database_and_answers_queries(
    agreements: list[Agreement], tmp_path: Path
) -> None:
    from datasette.app import Datasette

    path = ex.export(agreements, "sqlite", tmp_path / "pacts.db")

    async def ask() -> tuple[Any, Any]:
        ds = Datasette([str(path)])
        row = await ds.client.get("/pacts/agreements.json?id=uk-japan-2023&_shape=array")
        search = await ds.client.get("/pacts/agreements.json?_search=METI&_shape=array")
        return row, search

    row, search = asyncio.run(ask())
    assert row.status_code == 200 and row.json()[0]["parties"] == "GB; JP"
    assert search.status_code == 200 and "uk-japan-2023" in [r["id"] for r in search.json()]


def test_datapackage_is_valid_for_frictionless(agreements: list[Agreement], tmp_path: Path) -> None:
    import frictionless

    out = ex.export([*agreements, _hostile(agreements[0])], "datapackage", tmp_path / "package")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    names = [r["name"] for r in json.loads((out / "datapackage.json").read_text("utf-8"))["resources"]]
    assert names == list(ex.TABLES)


def test_a_failed_file_export_leaves_the_old_file_and_no_temporary(
    agreements: list[Agreement], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pacts.json"
    target.write_text("old", encoding="utf-8")

    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ex.json, "dump", boom)
    with pytest.raises(RuntimeError):
        ex.export(agreements, "json", target)
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["pacts.json"]


def test_a_failed_folder_export_leaves_the_old_folder_and_no_temporary(
    agreements: list[Agreement], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "csv"
    ex.export(agreements[:1], "csv", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ex, "_write_csv_table", boom)
    with pytest.raises(RuntimeError):
        ex.export(agreements, "csv", out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["csv"]


def test_an_earlier_export_folder_is_replaced_but_a_foreign_folder_is_not(
    agreements: list[Agreement], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ex.export(agreements[:1], "datapackage", out)
    ex.export(agreements, "csv", out)  # an earlier export's files only: replaced whole
    assert not (out / "datapackage.json").exists()
    assert len(_read_csv(out / "agreements.csv")) == len(agreements)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="holds other files"):
        ex.export(agreements, "csv", out)
    assert (out / "notes.txt").read_text("utf-8") == "mine"


@pytest.mark.parametrize(
    ("fmt", "name", "message"),
    [
        ("json", "missing/x.json", "does not exist"),
        ("sqlite", ".", "is a folder"),
        ("yaml", "x", "unknown export format"),
    ],
)
def test_bad_outputs_are_usage_errors(
    agreements: list[Agreement], tmp_path: Path, fmt: str, name: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        ex.export(agreements, fmt, tmp_path / name)
