"""``pacts search``: ranked full-text search, the same index as the SQLite export's."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.analysis.search import fts_query, search
from mineralpacts.store.repository import Repository
from tests.conftest import AGREEMENTS

Invoke = Callable[..., Any]


def _ids(invoke: Invoke, *args: str, repo: Path = AGREEMENTS) -> list[str]:
    result = invoke(*args, "--format", "ids", repo=repo)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("mineral", ["cobalt", "lithium", "graphite", "rare-earth-elements"])
def test_search_finds_every_agreement_that_names_a_mineral(invoke: Invoke, mineral: str) -> None:
    listed = set(_ids(invoke, "list", "--mineral", mineral))
    found = set(_ids(invoke, "search", mineral.replace("-", " ")))
    assert listed and listed <= found


def test_the_sqlite_export_has_the_same_index(invoke: Invoke, tmp_path: Path) -> None:
    db = tmp_path / "pacts.db"
    assert invoke("export", "-o", str(db)).exit_code == 0
    with sqlite3.connect(db) as conn:
        for text in ("cobalt", "rare earths", "Osaka", "battery minerals"):
            rows = conn.execute(
                "SELECT agreement_id FROM search JOIN search_fts ON search.rowid = search_fts.rowid "
                "WHERE search_fts MATCH ?",
                (fts_query(text),),
            ).fetchall()
            assert {r[0] for r in rows} == set(_ids(invoke, "search", text)), text
    listed = set(_ids(invoke, "list", "--mineral", "cobalt"))
    with sqlite3.connect(db) as conn:
        fts = {r[0] for r in conn.execute("SELECT agreement_id FROM search WHERE rowid IN "
                                          "(SELECT rowid FROM search_fts WHERE search_fts MATCH 'cobalt')")}  # fmt: skip
    assert listed <= fts


def test_a_title_match_ranks_above_a_passing_mention(fixed_repo: Path) -> None:
    repo = Repository.load(fixed_repo, use_cache=False)
    hits = search(repo, "Zambia")
    assert hits[0].id == "uk-zambia-2023"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_every_word_must_match_and_endings_do_not_matter(fixed_repo: Path) -> None:
    repo = Repository.load(fixed_repo, use_cache=False)
    assert [h.id for h in search(repo, "Osaka")] == ["uk-japan-2023"]
    assert [h.id for h in search(repo, "osaka memoranda")] == []
    assert {"australia-uk-2023", "canada-uk-2023"} <= {h.id for h in search(repo, "statements")}
    assert {h.id for h in search(repo, "Kazakh*")} == {"kazakhstan-uk-2023"}


def test_json_output_and_filters(invoke: Invoke, fixed_repo: Path) -> None:
    result = invoke("search", "critical", "minerals", "--party", "Japan", "-f", "json", repo=fixed_repo)
    assert result.exit_code == 0, result.stderr
    (hit,) = json.loads(result.stdout)
    assert hit["id"] == "uk-japan-2023" and isinstance(hit["score"], float) and "[" in hit["snippet"]


def test_the_table_shows_where_it_matches(
    invoke: Invoke, fixed_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = invoke("search", "Osaka", repo=fixed_repo).stdout.splitlines()
    assert lines[0] == "1 of 6 agreements match 'Osaka'"
    assert lines[3].startswith("uk-japan-2023") and "[Osaka]" in lines[3]


@pytest.mark.parametrize("text", ['"', "AND OR NOT", "(", "near/2", "*"])
def test_any_text_is_a_query_or_a_clear_error(invoke: Invoke, fixed_repo: Path, text: str) -> None:
    result = invoke("search", text, repo=fixed_repo)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("error: ") and "no words" in result.stderr
