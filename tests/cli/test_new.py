"""`pacts new` through Typer's runner: writes the file, derives the id, prompts, refuses to overwrite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mineralpacts.files.load import load_path


def test_new_writes_the_conventional_file_and_lists_the_todo_lines(invoke: Any, tmp_path: Path) -> None:
    result = invoke(
        "new",
        "--party",
        "UK",
        "--party",
        "Australia",
        "--date",
        "2023-06-20",
        "--instrument",
        "mou",
        "--title",
        "Australia-UK critical minerals partnership",
        "--place",
        "Paris, France",
        "--no-prompt",
        repo=tmp_path,
    )
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "australia-uk-2023.yaml"
    assert f"created {path}" in result.stdout and "fill in the TODO on lines" in result.stdout
    data = load_path(path).data
    assert data["id"] == "australia-uk-2023" and data["instrument"] == "mou"
    assert data["signed"] == {
        "status": "signed",
        "date": "2023-06-20",
        "place": {"city": "Paris", "country": "FR"},
        "occasion": None,
    }


def test_the_new_file_fails_validation_until_filled_in_and_is_already_formatted(
    invoke: Any, tmp_path: Path
) -> None:
    assert (
        invoke("new", "-p", "EU", "-p", "Namibia", "-d", "2022-11", "--no-prompt", repo=tmp_path).exit_code
        == 0
    )
    checked = invoke("validate", str(tmp_path / "eu-namibia-2022.yaml"), repo=tmp_path)
    assert checked.exit_code == 1 and "'TODO'" in checked.stdout
    assert invoke("fmt", "--check", repo=tmp_path).exit_code == 0


def test_new_refuses_to_overwrite_and_suggests_an_id(invoke: Any, tmp_path: Path) -> None:
    args = ("new", "-p", "UK", "-p", "Japan", "-d", "2023-10-28", "-i", "moc", "--no-prompt")
    assert invoke(*args, repo=tmp_path).exit_code == 0
    before = (tmp_path / "japan-uk-2023.yaml").read_bytes()
    again = invoke(*args, repo=tmp_path)
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "--id japan-uk-2023-moc" in again.stderr
    assert (tmp_path / "japan-uk-2023.yaml").read_bytes() == before
    assert invoke(*args, "--id", "japan-uk-2023-moc", repo=tmp_path).exit_code == 0


def test_new_prompts_for_what_the_flags_do_not_give(invoke: Any, tmp_path: Path) -> None:
    answers = "UK, Korea\nUK, KR\n2024-05\nmou\nA title\nn\nSeoul, South Korea\nhttps://example.org/a\n"
    result = invoke("new", "--prompt", repo=tmp_path, input=answers)
    assert result.exit_code == 0, result.stderr
    # an ambiguous name is asked again, never guessed (finding 6 of issue 10)
    assert "'Korea' could mean South Korea (KR) or North Korea (KP)" in result.stderr
    data = load_path(tmp_path / "korea-uk-2024.yaml").data
    assert data["title"] == "A title" and data["signed"]["place"] == {"city": "Seoul", "country": "KR"}
    assert data["title_official"] is False  # asked, never assumed (finding 9 of issue 10)
    assert data["sources"][0]["url"] == "https://example.org/a"


def test_new_without_a_terminal_does_not_prompt(invoke: Any, tmp_path: Path) -> None:
    result = invoke("new", "-p", "UK", "-p", "Japan", repo=tmp_path, input="")
    assert result.exit_code == 2 and "pass --date" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_stdout_prints_and_writes_nothing(invoke: Any, tmp_path: Path) -> None:
    result = invoke("new", "-p", "UK", "-p", "Japan", "-d", "2023", "--stdout", repo=tmp_path)
    assert result.exit_code == 0 and result.stdout.startswith("# yaml-language-server: $schema=")
    assert list(tmp_path.iterdir()) == []


def test_unknown_party_is_a_usage_error_with_suggestions(invoke: Any, tmp_path: Path) -> None:
    result = invoke("new", "-p", "UK", "-p", "Japn", "-d", "2023", "--no-prompt", repo=tmp_path)
    assert result.exit_code == 2 and "Japan (JP)" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_answer_is_asked_again_not_fatal(invoke: Any, tmp_path: Path) -> None:
    # parties: nothing (needed), one unknown name, then good; date: impossible month, then good; instrument: typo,
    # then good; title, place: empty; source: not an address, then empty.
    answers = "\nUK, Jpan\nUK, Chile\n2025-13\n2025-03\nmemo\nmou\n\n\nwww.example.org\n\n"
    result = invoke("new", "--prompt", repo=tmp_path, input=answers)
    assert result.exit_code == 0, result.stderr
    assert "Japan (JP)" in result.stderr and "try again" in result.stderr
    assert "an answer is needed" in result.stderr and "choose from mou" in result.stderr
    assert "not a date" in result.stderr and "not an http" in result.stderr
    written = (tmp_path / "chile-uk-2025.yaml").read_text("utf-8")
    assert "date: '2025-03'" in written and "instrument: mou" in written
