"""``pacts status``, ``pacts list --status`` and the status line of ``pacts show``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.analysis.lifecycle import STATES
from tests.conftest import AGREEMENTS

Invoke = Callable[..., Any]


@pytest.fixture
def one(tmp_path: Path) -> Path:
    """A repository holding only the UK-Japan MoC (fast: one file to parse)."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    shutil.copy(AGREEMENTS / "uk-japan-2023.yaml", folder)
    return folder


def rows(invoke: Invoke, *args: str, repo: Path = AGREEMENTS) -> dict[str, dict[str, Any]]:
    result = invoke("status", "-f", "json", *args, repo=repo)
    assert result.exit_code == 0, result.output
    return {r["id"]: r for r in json.loads(result.stdout)}


@pytest.mark.parametrize(
    ("on", "state", "term_end", "deadline", "kind"),
    [
        ("2026-07-30", "initial-term", "2026-10-27", "2026-07-30", "notice-due"),
        ("2026-07-31", "initial-term", "2026-10-27", "2026-10-27", "term-end"),
        ("2026-11-25", "renewal-term-1", "2029-10-27", "2029-10-27", "term-end"),
        ("2029-10-27", "renewal-term-1", "2029-10-27", "2029-10-27", "term-end"),
        ("2029-10-28", "expired", None, None, None),
    ],
)
def test_uk_japan_status_on_dates(
    invoke: Invoke, one: Path, on: str, state: str, term_end: str, deadline: str, kind: str
) -> None:
    row = rows(invoke, "--on", on, "--party", "UK", "--party", "Japan", repo=one)["uk-japan-2023"]
    assert (row["state"], row["term_end"], row["next_deadline"], row["next_deadline_kind"]) == (
        state,
        term_end,
        deadline,
        kind,
    )


def test_status_table_shows_state_and_deadline(invoke: Invoke, one: Path) -> None:
    result = invoke("status", "--on", "2026-07-30", "--party", "JP", repo=one)
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "uk-japan-2023" in x)
    assert "initial-term" in line and "2026-10-27" in line and "2026-07-30 notice due" in line
    assert "on 2026-07-30" in result.stdout


def test_status_csv(invoke: Invoke, one: Path) -> None:
    result = invoke("status", "--on", "2026-11-25", "-f", "csv", repo=one)
    assert result.exit_code == 0
    header, *lines = result.stdout.splitlines()
    assert header.startswith("id,on,state,")
    assert any(x.startswith("uk-japan-2023,2026-11-25,renewal-term-1,") for x in lines)


def test_every_real_agreement_gets_a_known_state_and_a_reason(invoke: Invoke, real_ids: list[str]) -> None:
    got = rows(invoke)
    assert set(got) == set(real_ids)
    for row in got.values():
        assert row["state"].startswith("renewal-term-") or row["state"] in STATES
        assert row["reason"]


@pytest.mark.parametrize(
    ("status", "on", "present"),
    [
        ("in-force", "2026-11-25", True),
        ("renewal-term", "2026-11-25", True),
        ("renewal-term-1", "2026-11-25", True),
        ("initial-term", "2026-11-25", False),
        ("expired", "2030-01-01", True),
        ("in-force", "2030-01-01", False),
    ],
)
def test_list_status_filter(invoke: Invoke, one: Path, status: str, on: str, present: bool) -> None:
    result = invoke("list", "--status", status, "--on", on, "-f", "ids", repo=one)
    assert result.exit_code == 0, result.output
    assert ("uk-japan-2023" in result.stdout.split()) is present


def test_status_filter_on_status_command(invoke: Invoke, one: Path) -> None:
    got = rows(invoke, "--on", "2030-01-01", "--status", "expired", repo=one)
    assert "uk-japan-2023" in got and all(r["state"] == "expired" for r in got.values())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "--status", "in-forse"), "did you mean in-force"),
        (("list", "--status", "bogus"), "not a state"),
        (("status", "--on", "2026-02-30"), "not a real date"),
        (("status", "--on", "2026-07"), "full date"),
    ],
)
def test_bad_status_input_is_a_usage_error(
    invoke: Invoke, one: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke(*args, repo=one)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_show_has_a_status_line(invoke: Invoke, one: Path) -> None:
    result = invoke("show", "uk-japan-2023", "--on", "2026-07-30", "-f", "markdown", repo=one)
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "**Status:**" in x)
    assert "initial term" in line and "2026-10-27" in line
    assert "next: 2026-07-30, last day to give notice to stop the renewal" in line


def test_show_status_line_in_terminal_view(invoke: Invoke, one: Path) -> None:
    result = invoke("show", "uk-japan-2023", "--on", "2029-10-28", repo=one)
    assert result.exit_code == 0
    assert "Status: expired on 2029-10-28" in result.stdout


@pytest.fixture
def succession(tmp_path: Path) -> Path:
    """uk-japan-2023 and a made-up successor that supersedes it, in force on 2027-01-01."""
    from mineralpacts.files.load import load_path
    from mineralpacts.files.yamlio import dump_yaml

    folder = tmp_path / "agreements"
    folder.mkdir()
    shutil.copy(AGREEMENTS / "uk-japan-2023.yaml", folder)
    data = load_path(AGREEMENTS / "uk-japan-2023.yaml").data
    data["id"] = "uk-japan-2026"
    data["signed"] = {**data["signed"], "date": "2026-09-01"}
    data["entry_into_force"] = {"how": "exchange-of-notes", "date": "2027-01-01"}
    data["term"] = {"status": "unknown"}
    data["related"] = [{"id": "uk-japan-2023", "relation": "supersedes"}]
    (folder / "uk-japan-2026.yaml").write_text(dump_yaml(data), "utf-8")
    return folder


def test_status_names_the_successor_and_unknowns_are_null(invoke: Invoke, succession: Path) -> None:
    before = rows(invoke, "--on", "2026-12-31", repo=succession)
    assert before["uk-japan-2023"]["state"] == "renewal-term-1"
    assert before["uk-japan-2023"]["next_deadline_kind"] == "superseded"
    assert before["uk-japan-2026"]["state"] == "not-yet-in-force"
    after = rows(invoke, "--on", "2027-01-01", repo=succession)
    old, new = after["uk-japan-2023"], after["uk-japan-2026"]
    assert old["state"] == "superseded" and old["superseded_by"] == "uk-japan-2026"
    assert old["in_force"] is False and old["not_ended"] is False
    assert new["state"] == "unknown" and new["supersedes"] == "uk-japan-2023"
    assert new["in_force"] is None and new["not_ended"] is True  # unknown is null, never false
    assert "in force from 2027-01-01 (exchange of notes)" in new["text"]


def test_list_not_ended_beside_the_exact_states(invoke: Invoke, succession: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = invoke("list", "--format", "ids", *args, repo=succession)
        assert result.exit_code == 0, result.output
        return result.stdout.split()

    assert ids("--status", "not-ended", "--on", "2027-01-01") == ["uk-japan-2026"]
    assert ids("--status", "in-force", "--on", "2027-01-01") == []
    assert ids("--status", "superseded", "--on", "2027-01-01") == ["uk-japan-2023"]
    assert ids("--status", "not-ended", "--on", "2026-12-31") == ["uk-japan-2023"]


def test_show_names_the_successor_of_the_older_file(invoke: Invoke, succession: Path) -> None:
    result = invoke("show", "uk-japan-2023", "--on", "2027-01-01", "--format", "markdown", repo=succession)
    assert (
        "superseded by uk\\-japan\\-2026" in result.stdout or "superseded by uk-japan-2026" in result.stdout
    )
    assert "- superseded by `uk-japan-2026`" in result.stdout
