"""`pacts render` through Typer's runner: one agreement as Markdown or HTML, the site, and errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def test_render_markdown_has_status_and_deadlines(invoke: Any) -> None:
    result = invoke("render", "uk-japan-2023", "--on", "2026-05-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# UK–Japan Critical Minerals MoC")
    assert "**Status:** initial term on 2026-05-01" in result.stdout
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
