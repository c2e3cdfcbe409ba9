"""``pacts timeline``: dated events and deadlines in order; the iCalendar file parsed back."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.files.yamlio import dump_yaml
from tests.conftest import AGREEMENTS, real_data

Invoke = Callable[..., Any]


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    """The UK-Japan MoC plus a variant signed in a month without a day, with a partially dated event."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    shutil.copy(AGREEMENTS / "uk-japan-2023.yaml", folder)
    data = real_data("uk-japan-2023")
    data.update(id="partial-date-2024", short_title="Partial MoC")
    data["signed"]["date"] = "2024-11"
    data["events"] = [{"date": "2025-03", "kind": "review-meeting", "summary": "First review."}]
    (folder / "partial-date-2024.yaml").write_text(dump_yaml(data), "utf-8")
    return folder


def entries(invoke: Invoke, *args: str, repo: Path | None = None) -> list[dict[str, Any]]:
    kwargs = {"repo": repo} if repo is not None else {}
    result = invoke("timeline", "-f", "json", *args, **kwargs)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_uk_japan_deadlines_in_order(invoke: Invoke, small_repo: Path) -> None:
    got = [
        (e["date"], e["kind"])
        for e in entries(invoke, "--from", "2023-01-01", "--to", "2035-12-31", repo=small_repo)
        if e["id"] == "uk-japan-2023"
    ]
    assert got == [
        ("2023-10-28", "signed"),
        ("2026-07-30", "notice-due"),
        ("2026-10-27", "term-end"),
        ("2029-10-27", "term-end"),
    ]


def test_real_timeline_is_sorted_and_bounded(invoke: Invoke) -> None:
    from mineralpacts.analysis.lifecycle import date_bounds
    from mineralpacts.model.dates import date_anchor

    got = [e for e in entries(invoke, "--from", "2024-01-01", "--to", "2026-12-31") if e["date"]]
    assert got
    anchors = [date_anchor(e["date"]) for e in got]
    assert anchors == sorted(anchors)
    assert all(date_bounds(e["date"])[1] >= dt.date(2024, 1, 1) for e in got)
    assert all(date_bounds(e["date"])[0] <= dt.date(2026, 12, 31) for e in got)


def test_partial_dates_stay_partial(invoke: Invoke, small_repo: Path) -> None:
    got = {(e["id"], e["kind"]): e["date"] for e in entries(invoke, repo=small_repo)}
    assert got[("partial-date-2024", "signed")] == "2024-11"
    assert got[("partial-date-2024", "review-meeting")] == "2025-03"
    # No deadline is computed from a signing date without a day.
    assert not any(k[0] == "partial-date-2024" and k[1] in ("notice-due", "term-end") for k in got)


def test_ics_parses_back(invoke: Invoke, small_repo: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "deadlines.ics"
    result = invoke("timeline", "-f", "ics", "--output", str(target), repo=small_repo)
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(target.read_bytes())
    assert cal["PRODID"] and str(cal["VERSION"]) == "2.0"
    events = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    notice = events["uk-japan-2023-notice-due-2026-07-30@mineralpacts"]
    assert notice.decoded("DTSTART") == dt.date(2026, 7, 30)
    assert notice.decoded("DTEND") == dt.date(2026, 7, 31)
    assert "UK–Japan" in str(notice["SUMMARY"])
    assert "uk-japan-2023" in str(notice["DESCRIPTION"])
    assert str(notice["URL"]).startswith("https://www.gov.uk/")
    assert "uk-japan-2023-term-end-2029-10-27@mineralpacts" in events
    # Partial dates cannot be calendar days; they are left out, not given a guessed day.
    assert not any(uid.startswith("partial-date-2024") for uid in events)


def test_ics_to_stdout_and_range(invoke: Invoke, small_repo: Path) -> None:
    from icalendar import Calendar

    result = invoke("timeline", "-f", "ics", "--from", "2026-08-01", "--to", "2027-01-01", repo=small_repo)
    assert result.exit_code == 0
    cal = Calendar.from_ical(result.stdout)
    assert [str(ev["UID"]) for ev in cal.walk("VEVENT")] == ["uk-japan-2023-term-end-2026-10-27@mineralpacts"]


def test_table(invoke: Invoke, small_repo: Path) -> None:
    result = invoke("timeline", "--from", "2026-01-01", repo=small_repo)
    assert result.exit_code == 0
    assert "2026-07-30" in result.stdout and "notice-due *" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2027-01-01", "--to", "2026-01-01"), "is after --to"),
        (("--from", "2026-13"), "--from"),
        (("-f", "ics", "--output", "/nonexistent/folder/x.ics"), "does not exist"),
    ],
)
def test_timeline_usage_errors(invoke: Invoke, small_repo: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke("timeline", *args, repo=small_repo)
    assert result.exit_code == 2
    assert message in result.stderr
