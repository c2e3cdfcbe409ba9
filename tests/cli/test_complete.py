"""Completion of ids, parties, vocabulary terms and formats, through Click's own machinery.

Each test runs ``pacts`` as the shell would during completion (``_PACTS_COMPLETE`` set, the
words typed so far in ``COMP_WORDS``), so it covers what a user gets on <TAB>, not a helper.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mineralpacts.cli import app


def complete(line: str, repo: Path | None = None, shell: str = "bash") -> list[str]:
    """The completions bash (or zsh) would offer after ``line`` (the last word is being typed)."""
    words = line.split(" ")
    if repo is not None:
        words[1:1] = ["--repo", str(repo)]
    env = {
        "_PACTS_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": " ".join(words),
        "COMP_CWORD": str(len(words) - 1),
    }
    if shell != "bash":
        env["_TYPER_COMPLETE_ARGS"] = " ".join(words)
    result = CliRunner().invoke(app, [], env=env, prog_name="pacts")
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_ids(fixed_repo: Path) -> None:
    assert complete("pacts show uk-j", fixed_repo) == ["uk-japan-2023"]
    assert complete("pacts show uk-", fixed_repo) == ["uk-japan-2023", "uk-zambia-2023"]
    assert complete("pacts diff uk-japan-2023 can", fixed_repo) == ["canada-uk-2023"]
    assert complete("pacts render kaz", fixed_repo) == ["kazakhstan-uk-2023"]


def test_ids_come_with_their_titles_where_the_shell_shows_them(fixed_repo: Path) -> None:
    (line,) = complete("pacts show uk-j", fixed_repo, shell="zsh")
    assert "uk-japan-2023" in line and "UK–Japan Critical Minerals MoC" in line


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Jap", ["Japan"]), ("ja", ["japan"]), ("JP", ["JP"]), ("sau", ["saudi-arabia"]), ("Z", ["ZM"])],
)
def test_parties_of_the_repository(fixed_repo: Path, typed: str, expected: list[str]) -> None:
    assert complete(f"pacts list --party {typed}", fixed_repo) == expected


def test_a_completed_party_resolves(fixed_repo: Path) -> None:
    from mineralpacts.model.vocab import resolve_party

    for typed in ("Jap", "sau", "kaz", "can", "aus"):
        (value,) = complete(f"pacts list -p {typed}", fixed_repo)
        resolve_party(value)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("pacts list --mineral lith", ["lithium"]),
        ("pacts list --mineral Lith", ["Lithium"]),
        ("pacts status --area recy", ["recycling-circularity"]),
        ("pacts timeline --instrument m", ["mou", "moc"]),
        ("pacts export --level gov", ["government"]),
        ("pacts list --focus b", ["broader"]),
        ("pacts list --status renewal", ["renewal-term"]),
        ("pacts search --mineral cob", ["cobalt"]),
    ],
)
def test_vocabulary_terms(line: str, expected: list[str]) -> None:
    assert complete(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("pacts list -f j", ["json", "jsonl"]),
        ("pacts validate --format ", ["text", "json", "github", "sarif"]),
        ("pacts export -f sq", ["sqlite"]),
        ("pacts timeline -f i", ["ids", "ics"]),
    ],
)
def test_formats_from_their_registries(line: str, expected: list[str]) -> None:
    assert complete(line) == expected


def test_an_unreadable_repository_completes_nothing_quietly(tmp_path: Path) -> None:
    assert complete("pacts show uk", tmp_path / "missing") == []
