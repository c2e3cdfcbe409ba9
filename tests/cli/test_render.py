"""`pacts render` through Typer's runner: one agreement as Markdown or HTML, the site, and errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AGREEMENTS


def test_render_markdown_has_status_and_deadlines(invoke: Any) -> None:
    result = invoke("render", "uk-japan-2023", "--on", "2026-05-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# UK–Japan Critical Minerals MoC")
    assert "**Status:** initial term \\(2023-10-28 to 2026-10-27\\) on 2026-05-01" in result.stdout
    assert "## Deadlines" in result.stdout and "2026-07-30: last day to give notice" in result.stdout


def test_render_html_to_a_file(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "uk-japan.html"
    result = invoke("render", "uk-japan-2023", "--format", "html", "--output", str(out), "--on", "2026-05-01")
    assert result.exit_code == 0, result.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!doctype html>") and "UK–Japan Critical Minerals MoC" in page
    assert "initial term" in page and result.stdout == ""


def test_render_site_builds_every_page(invoke: Any, tmp_path: Path, real_ids: list[str]) -> None:
    out = tmp_path / "public"
    result = invoke("render", "--site", str(out), "--on", "2026-05-01")
    assert result.exit_code == 0, result.stderr
    assert f"for {len(real_ids)} agreements" in result.stderr
    assert sorted(p.stem for p in (out / "agreements").glob("*.html")) == real_ids
    assert (out / "index.html").is_file() and (out / "feed.xml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["uk-japn-2023"], "did you mean uk-japan-2023"),
        ([], "give an agreement ID"),
        (["uk-japan-2023", "--site", "public"], "either ID"),
        (["uk-japan-2023", "--on", "2026-13-01"], "--on"),
        (["--site", "."], "holds other files"),
        (["uk-japan-2023", "--format", "pdf"], "pdf"),
    ],
)
def test_render_errors_exit_2_with_a_message(
    invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = invoke("render", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize(
    ("ident", "on"),
    [
        ("uk-japan-2023", "2026-05-01"),
        ("uk-japan-2023", "2029-10-28"),
        ("germany-kazakhstan-2012", "2026-11-30"),
    ],
)
def test_show_render_and_status_print_the_same_status_line(invoke: Any, ident: str, on: str) -> None:
    """One status text, from lifecycle.Status.describe(), in show, render, status and the site."""
    import json

    from mineralpacts.analysis.lifecycle import Family, status
    from mineralpacts.publish.render.html import standing
    from mineralpacts.store.repository import Repository

    def status_line(text: str) -> str:
        return next(line for line in text.splitlines() if line.startswith("- **Status:**"))

    shown = status_line(invoke("show", ident, "--on", on, "--format", "markdown").stdout)
    rendered = status_line(invoke("render", ident, "--on", on).stdout)
    rows = json.loads(invoke("status", "--on", on, "--format", "json").stdout)
    text = next(r["text"] for r in rows if r["id"] == ident)
    repo = Repository.load(AGREEMENTS, use_cache=False)
    site = standing(repo.get(ident), dt.date.fromisoformat(on), Family.of(repo)).label
    assert shown == rendered
    assert shown.removeprefix("- **Status:** ").replace("\\", "") == text == site
    assert text == status(repo.get(ident), dt.date.fromisoformat(on), Family.of(repo)).describe()
