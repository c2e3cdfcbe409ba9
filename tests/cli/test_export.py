"""`pacts export` through Typer's runner: each format, filters, and errors as exit codes."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AGREEMENTS


@pytest.mark.parametrize(("fmt", "name"), [("json", "a.json"), ("jsonl", "a.jsonl"), ("sqlite", "a.db")])
def test_export_writes_one_file(
    invoke: Any, tmp_path: Path, fmt: str, name: str, real_ids: list[str]
) -> None:
    result = invoke("export", "--format", fmt, "--output", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    target = tmp_path / name
    if fmt == "json":
        ids = [a["id"] for a in json.loads(target.read_text("utf-8"))]
    elif fmt == "jsonl":
        ids = [json.loads(line)["id"] for line in target.read_text("utf-8").splitlines()]
    else:
        with sqlite3.connect(target) as db:
            ids = [row[0] for row in db.execute("select id from agreements")]
    assert sorted(ids) == real_ids
    assert f"wrote {len(real_ids)} agreement(s)" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["csv", "datapackage"])
def test_export_writes_a_folder_of_tables(invoke: Any, tmp_path: Path, fmt: str, real_ids: list[str]) -> None:
    result = invoke("export", "-f", fmt, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    with (tmp_path / "out" / "agreements.csv").open(encoding="utf-8", newline="") as fh:
        assert sorted(r["id"] for r in csv.DictReader(fh)) == real_ids
    assert (tmp_path / "out" / "datapackage.json").exists() == (fmt == "datapackage")


def test_export_filters_like_list(invoke: Any, tmp_path: Path) -> None:
    result = invoke("export", "-f", "json", "-o", str(tmp_path / "jp.json"), "--party", "Japan")
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "jp.json").read_text("utf-8"))
    assert data and all("JP" in [p["code"] for p in a["parties"]] for a in data)
    assert "uk-japan-2023" in [a["id"] for a in data]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "json", "-o", "missing/x.json"], "does not exist"),
        (["-f", "sqlite", "-o", "."], "is a folder"),
        (["-f", "csv", "-o", "."], "holds other files"),
        (["-f", "json", "-o", "x.json", "--party", "Atlantis"], "Atlantis"),
        (["-f", "xlsx", "-o", "x"], "xlsx"),
    ],
)
def test_export_errors_exit_2_with_a_message(
    invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = invoke("export", *args, repo=AGREEMENTS)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "keep.txt").read_text("utf-8") == "mine"
