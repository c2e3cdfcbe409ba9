"""One output path: every row format means the same in every command, on the terminal or in a file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

Invoke = Callable[..., Any]
ROWS = [("list",), ("status", "--on", "2026-07-01"), ("timeline",), ("search", "critical"), ("stats",)]


@pytest.mark.parametrize("args", ROWS, ids=[a[0] for a in ROWS])
def test_every_row_format_parses_and_a_file_gets_the_same_bytes(
    invoke: Invoke, fixed_repo: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    for fmt, parse in [
        ("json", json.loads),
        ("jsonl", lambda t: [json.loads(line) for line in t.splitlines()]),
        ("csv", lambda t: list(csv.DictReader(io.StringIO(t)))),
        ("yaml", yaml.safe_load),
    ]:
        shown = invoke(*args, "-f", fmt, repo=fixed_repo)
        assert shown.exit_code == 0, shown.stderr
        assert parse(shown.stdout), (args, fmt)
        target = tmp_path / f"{args[0]}.{fmt}"
        written = invoke(*args, "-f", fmt, "-o", str(target), repo=fixed_repo)
        assert written.exit_code == 0 and written.stdout == "" and f"wrote {target}" in written.stderr
        assert target.read_text("utf-8") == shown.stdout, (args, fmt)


def test_a_table_written_to_a_file_is_complete(
    invoke: Invoke, fixed_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    target = tmp_path / "list.txt"
    assert invoke("list", "-o", str(target), repo=fixed_repo).exit_code == 0
    text = target.read_text("utf-8")
    assert "…" not in text and "Kazakhstan–UK Memorandum of Understanding on a strategic partnership" in text


def test_timeline_json_is_written_one_way(invoke: Invoke, fixed_repo: Path, tmp_path: Path) -> None:
    shown = invoke("timeline", "-f", "json", repo=fixed_repo).stdout
    target = tmp_path / "t.json"
    invoke("timeline", "-f", "json", "-o", str(target), repo=fixed_repo)
    assert target.read_text("utf-8") == shown
    assert {"date", "id", "kind", "text", "deadline"} <= set(json.loads(shown)[0])


def test_list_json_has_whole_agreements_and_csv_the_summary(invoke: Invoke, fixed_repo: Path) -> None:
    whole = json.loads(invoke("list", "-f", "json", repo=fixed_repo).stdout)
    assert {"sources", "term", "parties"} <= set(whole[0])
    rows = list(csv.DictReader(io.StringIO(invoke("list", "-f", "csv", repo=fixed_repo).stdout)))
    assert list(rows[0]) == ["id", "short_title", "parties", "signed", "place", "instrument"]


@pytest.mark.parametrize("command", ["list", "status", "timeline", "search", "export"])
def test_every_filtering_command_takes_every_filter(
    invoke: Invoke, fixed_repo: Path, tmp_path: Path, command: str
) -> None:
    args = [command] + (["minerals"] if command == "search" else [])
    args += ["-o", str(tmp_path / "out.json"), "-f", "json"] if command == "export" else ["-f", "ids"]
    filters = ["--party", "uk", "--instrument", "MoC", "--level", "Government", "--focus", "dedicated"]
    filters += [
        "--status",
        "in-force",
        "--on",
        "2026-07-01",
        "--signed-since",
        "2023",
        "--signed-until",
        "2023-12",
    ]
    result = invoke(*args, *filters, repo=fixed_repo)
    assert result.exit_code == 0, result.stderr
    if command == "export":
        assert [a["id"] for a in json.loads((tmp_path / "out.json").read_text("utf-8"))] == ["uk-japan-2023"]
    else:
        assert "uk-japan-2023" in result.stdout and "canada-uk-2023" not in result.stdout
