"""``pacts diff``: the analyst's view, revisions from a real git history, --since, exit codes 0/1/2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.files.yamlio import dump_yaml
from tests.conftest import AGREEMENTS, git, real_data

Invoke = Callable[..., Any]


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """agreements/ in a new git repository: two commits of uk-japan-2023, the second with 60 days' notice."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    git(tmp_path, "init", "-q")
    data = real_data("uk-japan-2023")
    (folder / "uk-japan-2023.yaml").write_text(dump_yaml(data), "utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    data["term"]["notice"]["days"] = 60
    data["areas"] = list(reversed(data["areas"]))  # a reordering alone is no change
    data["areas"].append({"area": "stockpiling", "ref": "2.9", "summary": "Stocks | `pipes`."})
    (folder / "uk-japan-2023.yaml").write_text(dump_yaml(data), "utf-8")
    git(tmp_path, "commit", "-q", "-am", "second")
    return folder


@pytest.mark.skipif(not (AGREEMENTS / "uk-us-2026.yaml").exists(), reason="needs the UK-US MoU")
def test_uk_japan_against_uk_us(invoke: Invoke) -> None:
    result = invoke("diff", "uk-japan-2023", "uk-us-2026", "-f", "json")
    assert result.exit_code == 1
    got = json.loads(result.stdout)
    assert got["mode"] == "compare"
    assert got["parties"] == {"both": ["GB"], "only_a": ["JP"], "only_b": ["US"]}
    assert got["areas"]["only_a"] and got["areas"]["only_b"]
    markdown = invoke("diff", "uk-japan-2023", "uk-us-2026", "-f", "markdown").stdout
    assert "**Only in `uk-japan-2023`**" in markdown and "**Only in `uk-us-2026`**" in markdown
    for term in got["areas"]["only_a"]:
        assert f"| {term} |" in markdown


def test_terminal_view(invoke: Invoke, history: Path) -> None:
    result = invoke("diff", "uk-japan-2023@HEAD~1", "uk-japan-2023", repo=history)
    assert result.exit_code == 1
    assert "uk-japan-2023: HEAD~1 → working tree" in result.stdout
    assert "term.notice.days" in result.stdout and "areas[stockpiling]" in result.stdout


def test_revision_changes_json(invoke: Invoke, history: Path) -> None:
    result = invoke("diff", "uk-japan-2023@HEAD~1", "uk-japan-2023@HEAD", "-f", "json", repo=history)
    assert result.exit_code == 1
    changes = {c["path"]: c for c in json.loads(result.stdout)["changes"]}
    assert set(changes) == {"term.notice.days", "areas[stockpiling]"}
    assert (changes["term.notice.days"]["old"], changes["term.notice.days"]["new"]) == (90, 60)
    assert changes["areas[stockpiling]"]["kind"] == "added"


def test_revision_changes_markdown_is_safe_for_a_table(invoke: Invoke, history: Path) -> None:
    path = str(history / "uk-japan-2023.yaml")
    result = invoke("diff", f"{path}@HEAD~1", path, "-f", "markdown", repo=history)
    assert result.exit_code == 1
    row = next(x for x in result.stdout.splitlines() if "areas[stockpiling]" in x)
    assert row.startswith("| + added |") and row.count(" | ") == 3  # the pipe in the data is escaped
    assert "\\|" in row


def test_no_difference_exits_0(invoke: Invoke, history: Path) -> None:
    result = invoke("diff", "uk-japan-2023@HEAD", "uk-japan-2023", repo=history)
    assert result.exit_code == 0
    assert "No difference" in result.stdout


def test_since(invoke: Invoke, history: Path) -> None:
    (history / "uk-us-2026.yaml").write_text(
        dump_yaml(dict(real_data("uk-japan-2023"), id="uk-us-2026")), "utf-8"
    )
    result = invoke("diff", "--since", "HEAD~1", "-f", "json", repo=history)
    assert result.exit_code == 1
    files = {f["id"]: f for f in json.loads(result.stdout)["files"]}
    assert files["uk-us-2026"]["status"] == "added"
    assert files["uk-japan-2023"]["status"] == "changed"
    markdown = invoke("diff", "--since", "HEAD~1", "-f", "markdown", repo=history).stdout
    assert "1 added, 1 changed." in markdown and "### `uk-japan-2023`" in markdown
    assert invoke("diff", "--since", "HEAD", repo=history).exit_code == 1  # the untracked file
    (history / "uk-us-2026.yaml").unlink()
    quiet = invoke("diff", "--since", "HEAD", repo=history)
    assert quiet.exit_code == 0 and "No agreement changed" in quiet.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("uk-japn-2023", "uk-japan-2023"), "did you mean uk-japan-2023"),
        (("uk-japan-2023@nosuchrev", "uk-japan-2023"), "unknown git revision 'nosuchrev'"),
        (("uk-japan-2023@-x", "uk-japan-2023"), "not a git revision"),
        (("--since", "nosuchrev"), "unknown git revision"),
        (("uk-japan-2023",), "give two agreements"),
        (("--since", "HEAD", "uk-japan-2023"), "not both"),
        (("nowhere/x.yaml", "uk-japan-2023"), "no such file"),
    ],
)
def test_errors_exit_2(invoke: Invoke, history: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke("diff", *args, repo=history)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_not_a_git_repository_exits_2(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "uk-japan-2023.yaml").write_bytes((AGREEMENTS / "uk-japan-2023.yaml").read_bytes())
    for args in (("uk-japan-2023@HEAD", "uk-japan-2023"), ("--since", "HEAD")):
        result = invoke("diff", *args, repo=folder)
        assert result.exit_code == 2
        assert "not in a git repository" in result.stderr


def test_invalid_file_at_revision_exits_2(invoke: Invoke, history: Path) -> None:
    (history / "uk-japan-2023.yaml").write_text("id: uk-japan-2023\ntitle: [unclosed\n", "utf-8")
    git(history.parent, "commit", "-q", "-am", "broken")
    result = invoke("diff", "uk-japan-2023@HEAD", "uk-japan-2023@HEAD~1", repo=history)
    assert result.exit_code == 2
    assert "not a valid agreement" in result.stderr
