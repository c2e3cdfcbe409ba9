"""The generated reference pages are current, and complete: every command, field and term."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import typer.main

from mineralpacts.cli import app
from mineralpacts.cli.docs import PAGES, cli_reference, data_model_reference, stale_pages
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.schema import agreement_schema
from mineralpacts.model.vocab import vocabulary
from tests.conftest import ROOT


@pytest.mark.parametrize("relative", sorted(PAGES))
def test_committed_page_is_current(relative: str) -> None:
    committed = (ROOT / relative).read_text("utf-8")
    assert committed == PAGES[relative](ROOT), f"{relative} is stale: run `pacts docs`"


def test_every_generated_file_is_built_by_pacts_docs() -> None:
    assert set(PAGES) == {
        "schema/agreement.schema.json",
        "docs/cli.md",
        "docs/data-model.md",
        "docs/diagnostics.md",
        "docs/coverage.md",
        "src/mineralpacts/data/vocab.json",
    }


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


def test_check_mode_reports_a_stale_page_and_writing_fixes_it(invoke: Any, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    checked = invoke("docs", "--check", str(tmp_path))
    assert checked.exit_code == 1 and "stale: " in checked.stdout and "pacts docs" in checked.stderr
    assert invoke("docs", str(tmp_path)).exit_code == 0
    assert stale_pages(tmp_path) == []
    again = invoke("docs", "--check", str(tmp_path))
    assert again.exit_code == 0 and "current" in again.stderr
    assert (tmp_path / "docs" / "cli.md").read_text("utf-8") == cli_reference()
    assert (tmp_path / "schema" / "agreement.schema.json").read_text("utf-8").startswith("{")
