"""Tables fit the terminal: one line per agreement, never a word broken, richer as it widens.

The snapshots (``tests/cli/snapshots/``) are of the fixed repository of ``conftest.py``, at 80
and 200 columns. After a deliberate change of layout, rewrite them with
``PACTS_UPDATE_SNAPSHOTS=1 python -m pytest tests/cli/test_tables.py`` and read the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.cli._table import Col, cell_width, layout, render_table, shorten

SNAPSHOTS = Path(__file__).parent / "snapshots"
Invoke = Callable[..., Any]


def _check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("PACTS_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), f"{name} changed (PACTS_UPDATE_SNAPSHOTS=1 rewrites it)"


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize(
    ("name", "args"),
    [("list", ("list",)), ("status", ("status", "--on", "2026-07-01"))],
)
def test_snapshot(
    invoke: Invoke,
    fixed_repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    width: int,
    name: str,
    args: tuple[str, ...],
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = invoke(*args, repo=fixed_repo)
    assert result.exit_code == 0, result.stderr
    _check_snapshot(f"{name}-{width}.txt", result.stdout)


def test_list_at_80_columns_is_one_line_per_agreement(
    invoke: Invoke, fixed_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = invoke("list", repo=fixed_repo).stdout.splitlines()
    assert lines[0] == "6 of 6 agreements"
    assert lines[1].split() == ["id", "title", "parties", "signed"]
    assert len(lines) == 3 + 6
    assert "kazakhstan-uk-2023    Kazakhstan–UK Memorandum…" in lines[5]


def test_status_at_80_columns_keeps_the_deadline(
    invoke: Invoke, fixed_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = invoke("status", "--on", "2026-07-01", repo=fixed_repo).stdout.splitlines()
    japan = next(line for line in lines if line.startswith("uk-japan-2023"))
    assert japan.split()[:4] == ["uk-japan-2023", "initial-term", "2026-07-30", "notice"]
    assert len(lines) == 3 + 6


def test_wider_terminals_show_more_columns(
    invoke: Invoke, fixed_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = []
    for width in (60, 80, 100, 120, 200):
        monkeypatch.setenv("COLUMNS", str(width))
        headers.append(invoke("list", repo=fixed_repo).stdout.splitlines()[1].split())
    counts = [len(h) for h in headers]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    assert headers[-1] == ["id", "title", "parties", "signed", "place", "instrument"]


def _cells_are_whole_words(line: str, full_texts: set[str]) -> None:
    for cell in re.split(r"\s{2,}", line.strip()):
        if cell.endswith("…"):
            kept = cell[:-1]
            assert any(
                t.startswith(kept) and t[len(kept)] in " ,;:–-" for t in full_texts if len(t) > len(kept)
            ), cell


@pytest.mark.parametrize("command", ["list", "status", "timeline"])
@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_real_data_fits_every_width_without_breaking_words(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, command: str, width: int
) -> None:
    """Over the real repository: no line is wider than the terminal; each row takes one line."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = invoke(command, "--party", "UK")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(cell_width(line) <= width for line in lines), max(lines, key=cell_width)
    count = int(lines[0].split()[0])
    assert len(lines) == 3 + count
    import csv
    import io

    full = invoke(command, "--party", "UK", "--format", "csv").stdout
    texts = {cell for row in csv.reader(io.StringIO(full)) for cell in row}
    texts |= {f"{d} {k.replace('-', ' ')}: {n}" for d, k, n in _deadline_notes(full)}
    texts |= {f"{k} *" for k in texts}
    for line in lines[3:]:
        _cells_are_whole_words(line, texts)


def _deadline_notes(text: str) -> list[tuple[str, str, str]]:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "next_deadline" not in rows[0]:
        return []
    return [(r["next_deadline"], r["next_deadline_kind"], r["note"]) for r in rows if r["next_deadline"]]


def test_output_to_a_pipe_is_not_cut(
    invoke: Invoke, fixed_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    out = invoke("list", repo=fixed_repo).stdout
    assert (
        "Kazakhstan–UK Memorandum of Understanding on a strategic partnership in the field of critical minerals"
        in out
    )
    assert "…" not in out


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("UK–Japan Critical Minerals MoC", 40, "UK–Japan Critical Minerals MoC"),
        ("Kazakhstan–UK Memorandum of Understanding", 30, "Kazakhstan–UK Memorandum…"),
        ("the sources seen do not state its term", 24, "the sources seen do not…"),
        ("renews automatically, unless notice", 22, "renews automatically…"),
        ("Supercalifragilistic", 8, "Superca…"),
        ("a  b\n c", 10, "a b c"),
    ],
)
def test_shorten_cuts_after_a_whole_word(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
    assert cell_width(shorten(text, width)) <= width


def test_wide_characters_count_two_cells() -> None:
    assert cell_width("日本") == 4
    lines = render_table([{"t": "日本と英国の重要鉱物協力覚書"}], [Col("t", shrink_to=10)], 12)
    assert all(cell_width(line) <= 12 for line in lines)


def test_the_first_column_shows_even_when_nothing_fits() -> None:
    rows = [{"id": "japan-saudi-arabia-2023-joint-investment", "x": "y"}]
    assert [c.key for c, _ in layout(rows, [Col("id", rank=0), Col("x", rank=1)], 20)] == ["id"]
