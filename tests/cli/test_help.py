"""Help a person can read, and one style for every usage error, across every command."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main

from mineralpacts.cli import app

Invoke = Callable[..., Any]
COMMANDS = list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_generated_type_placeholders(invoke: Invoke, command: str) -> None:
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0
    placeholders = re.findall(
        r"<(?:bool|str|int|float|path|list\[[^\]]*\]|[a-z-]+\|[a-z|-]+)>", result.stdout
    )
    assert placeholders == [], placeholders
    assert "{" not in result.stdout.splitlines()[1]  # the usage line: no {ID}


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("validate", "pacts validate [OPTIONS] [PATH]..."),
        ("fmt", "pacts fmt [OPTIONS] [PATH]..."),
        ("show", "pacts show [OPTIONS] ID"),
        ("render", "pacts render [OPTIONS] [ID]"),
        ("diff", "pacts diff [OPTIONS] [A] [B]"),
        ("search", "pacts search [OPTIONS] TEXT..."),
        ("list", "pacts list [OPTIONS]"),
    ],
)
def test_usage_lines_read_as_a_person_writes_them(invoke: Invoke, command: str, usage: str) -> None:
    lines = invoke(command, "--help").stdout.splitlines()
    assert any(line.strip() == f"Usage: {usage}" for line in lines), lines[:3]


def test_help_paragraphs_are_not_broken_where_the_source_was(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    text = invoke("render", "--help").stdout
    assert "writes a page with its CSS inlined" in text


def test_filters_are_grouped_and_the_same_everywhere(invoke: Invoke) -> None:
    def options(command: str) -> list[str]:
        text = invoke(command, "--help").stdout
        panel = text.split("Filters (every one given must hold)")[1]
        return re.findall(r"│ (--[a-z-]+)", panel)

    expected = options("list")
    assert expected == [
        "--party",
        "--area",
        "--mineral",
        "--instrument",
        "--level",
        "--focus",
        "--status",
        "--signed-since",
        "--signed-until",
        "--on",
    ]
    for command in ("status", "timeline", "export", "search"):
        assert options(command) == expected, command


#: (arguments, what the one line must say). Each is a mistake a person makes.
MISTAKES = [
    (("lst",), "no such command 'lst'; did you mean 'list'?"),
    (("--bogus", "list"), "no such option --bogus for pacts; see 'pacts --help'"),
    (("list", "--prty", "UK"), "no such option --prty for pacts list; did you mean --party?"),
    (("list", "--party"), "--party needs a value; see 'pacts list --help'"),
    (("list", "-f", "xml"), "--format 'xml' is not one of table, json, jsonl, csv, yaml, ids"),
    (("stats", "-f", "xml"), "--format 'xml' is not one of table, json, jsonl, csv, yaml, ids"),
    (("validate", "-f", "xml"), "--format 'xml' is not one of text, json, github, sarif"),
    (
        ("export", "-f", "xml", "-o", "x"),
        "--format 'xml' is not one of csv, json, jsonl, sqlite, datapackage",
    ),
    (("show",), "missing ID; usage: pacts show [OPTIONS] ID"),
    (("search",), "missing TEXT; usage: pacts search [OPTIONS] TEXT..."),
    (("show", "uk-japan-2023", "extra"), "got unexpected extra argument(s) (extra); see 'pacts show --help'"),
    (("list", "--party", "Jpan"), "'Jpan' matches no country or party; did you mean Japan (JP)"),
    (("list", "--area", "nonsense"), "--area 'nonsense' is not a term of the area vocabulary"),
    (("status", "--on", "someday"), "--on"),
    (("timeline", "--from", "2027-01-01", "--to", "2026-01-01"), "is after --to"),
]


@pytest.mark.parametrize(("args", "message"), MISTAKES)
def test_every_usage_error_is_one_line_in_one_style(
    invoke: Invoke, fixed_repo: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke(*args, repo=fixed_repo)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and message in lines[0], lines[0]
    assert not set("╭╮╰╯│") & set(result.stderr)


#: Every command with --format, and a format it takes, in capitals.
FORMATS = [
    ("list", "JSON"),
    ("show", "JSON", "uk-japan-2023"),
    ("stats", "JSON"),
    ("validate", "JSON"),
    ("status", "JSON"),
    ("timeline", "JSON"),
    ("search", "JSON", "critical"),
    ("diff", "JSON", "uk-japan-2023", "canada-uk-2023"),
    ("render", "HTML", "uk-japan-2023"),
]


@pytest.mark.parametrize("case", FORMATS, ids=[c[0] for c in FORMATS])
def test_every_format_option_ignores_case(invoke: Invoke, fixed_repo: Path, case: tuple[str, ...]) -> None:
    command, fmt, *rest = case
    result = invoke(command, *rest, "-f", fmt, repo=fixed_repo)
    assert result.exit_code in (0, 1), result.stderr  # diff exits 1 for a difference
    text = result.stdout.lstrip()
    assert text.startswith(("{", "[", "<!")), text[:80]


def test_export_format_ignores_case(invoke: Invoke, fixed_repo: Path, tmp_path: Path) -> None:
    result = invoke("export", "-f", "SQLite", "-o", str(tmp_path / "pacts.db"), repo=fixed_repo)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "pacts.db").stat().st_size > 0


def test_every_format_option_is_listed_in_help(invoke: Invoke) -> None:
    for command in COMMANDS:
        text = invoke(command, "--help").stdout
        if "--format" in text:
            assert "FORMAT" in text, command
