"""The generated reference pages are current, and complete: every command, field and term."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from mineralpacts.cli import app
from mineralpacts.cli.docs import PAGES, cli_reference, data_model_reference, main
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.schema import agreement_schema
from mineralpacts.model.vocab import vocabulary
from tests.conftest import ROOT


@pytest.mark.parametrize("relative", sorted(PAGES))
def test_committed_page_is_current(relative: str) -> None:
    committed = (ROOT / relative).read_text("utf-8")
    assert committed == PAGES[relative](), f"{relative} is stale: run python -m mineralpacts.cli.docs"


def test_cli_page_documents_every_visible_command_and_option() -> None:
    text = cli_reference()
    group = typer.main.get_command(app)
    assert isinstance(group, typer.main.TyperGroup)
    for name, command in group.commands.items():
        if command.hidden:
            continue
        assert f"### `pacts {name}`" in text, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in text, (name, opt)
    assert "--install-completion" in text and "[bold]" not in text


def test_data_model_page_has_every_field_and_every_term_with_its_definition() -> None:
    text = data_model_reference()
    schema = agreement_schema()
    for definition in [schema, *schema["$defs"].values()]:
        for field, prop in definition["properties"].items():
            assert f"| `{field}` |" in text and prop["description"].replace("|", "\\|") in text
    for name in Agreement.model_fields:
        assert f"| `{name}` |" in text
    for kind, terms in vocabulary().items():
        assert f"### Vocabulary: {kind}" in text
        for term, definition in terms.items():
            cell = definition.replace("|", "\\|")
            assert f"| `{term}` | {cell} |" in text


def test_check_mode_reports_a_stale_page_and_writing_fixes_it(tmp_path: Path) -> None:
    assert main(["--check", str(tmp_path)]) == 1
    assert main([str(tmp_path)]) == 0
    assert main(["--check", str(tmp_path)]) == 0
    assert (tmp_path / "docs" / "cli.md").read_text("utf-8") == cli_reference()
