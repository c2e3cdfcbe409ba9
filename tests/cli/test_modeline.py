"""The schema modeline works wherever a file lives, and fmt, new and validate agree on it.

Inside a repository that holds ``schema/agreement.schema.json`` (this one), the modeline points
there by a relative path; anywhere else (a repository that only uses our pre-commit hooks), at
the published URL, the schema's ``$id``, which the GitHub Pages workflow serves.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.model.schema import MODELINE, SCHEMA_ID
from tests.conftest import CASES, ROOT

Invoke = Callable[..., Any]
NEW = ("new", "-p", "UK", "-p", "Japan", "-d", "2024-05-01", "-i", "mou", "--no-prompt")


def _warnings(invoke: Invoke, path: Path) -> list[dict[str, Any]]:
    result = invoke("validate", str(path), "-f", "json", repo=None)
    return [w for w in json.loads(result.stdout)["warnings"] if w["code"] == "W404"]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A repository of agreements with no schema/ folder (one that uses our hooks)."""
    folder = tmp_path / "theirs" / "agreements"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def inside(tmp_path: Path) -> Path:
    """A checkout like this one: agreements/ beside schema/agreement.schema.json."""
    root = tmp_path / "ours"
    (root / "schema").mkdir(parents=True)
    shutil.copy(ROOT / "schema" / "agreement.schema.json", root / "schema")
    (root / "agreements").mkdir()
    return root / "agreements"


def test_new_points_outside_files_at_the_published_schema(invoke: Invoke, outside: Path) -> None:
    assert invoke(*NEW, repo=outside).exit_code == 0
    path = outside / "japan-uk-2024.yaml"
    assert path.read_text("utf-8").splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_ID}"
    assert _warnings(invoke, path) == []


def test_new_points_files_of_this_repository_at_its_own_copy(invoke: Invoke, inside: Path) -> None:
    assert invoke(*NEW, repo=inside).exit_code == 0
    path = inside / "japan-uk-2024.yaml"
    assert (
        path.read_text("utf-8").splitlines()[0]
        == "# yaml-language-server: $schema=../schema/agreement.schema.json"
    )
    assert _warnings(invoke, path) == []


@pytest.mark.parametrize(
    ("first_line", "problem"),
    [
        (f"# yaml-language-server: $schema={SCHEMA_ID}", None),
        ("# yaml-language-server: $schema=../schema/agreement.schema.json", None),
        ("#yaml-language-server: $schema=../schema/agreement.schema.json", None),
        ("# yaml-language-server: $schema=https://example.org/other.json", "not the agreement schema"),
        ("# just a comment", "first line should be the schema modeline"),
    ],
)
def test_validate_accepts_both_forms_and_explains_the_rest(
    invoke: Invoke, inside: Path, first_line: str, problem: str | None
) -> None:
    body = (CASES / "valid" / "minimal-2024.yaml").read_text("utf-8").split("\n", 1)[1]
    path = inside / "minimal-2024.yaml"
    path.write_text(f"{first_line}\n{body}", "utf-8")
    found = _warnings(invoke, path)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0]["message"]


def test_fmt_writes_the_modeline_one_way(invoke: Invoke, inside: Path, outside: Path) -> None:
    body = (CASES / "valid" / "minimal-2024.yaml").read_text("utf-8").split("\n", 1)[1]
    spaced = inside / "minimal-2024.yaml"
    spaced.write_text("#yaml-language-server:$schema=../schema/agreement.schema.json\n" + body, "utf-8")
    bare = outside / "minimal-2024.yaml"
    bare.write_text(body, "utf-8")
    assert invoke("fmt", str(spaced), str(bare), repo=None).exit_code == 0
    assert (
        spaced.read_text("utf-8").splitlines()[0]
        == "# yaml-language-server: $schema=../schema/agreement.schema.json"
    )
    assert bare.read_text("utf-8").splitlines()[0] == MODELINE
    assert _warnings(invoke, spaced) == [] and _warnings(invoke, bare) == []


def test_one_modeline_definition_in_the_package() -> None:
    holders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "src" / "mineralpacts").rglob("*.py")
        if "yaml-language-server: $schema=" in p.read_text("utf-8")
    ]
    assert holders == ["src/mineralpacts/model/schema.py"]


def test_the_pages_workflow_serves_the_schema_at_its_id() -> None:
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    owner, repo = re.search(r"github\.com/([\w-]+)/([\w-]+)", hooks).groups()  # type: ignore[union-attr]
    assert f"https://{owner}.github.io/{repo}/schema/agreement.schema.json" == SCHEMA_ID
    assert "pacts render --site _site" in workflow and "actions/deploy-pages" in workflow
    assert "_site/schema/agreement.schema.json" in workflow  # the job checks the file is there
    committed = json.loads((ROOT / "schema" / "agreement.schema.json").read_text("utf-8"))
    assert committed["$id"] == SCHEMA_ID


def test_the_site_carries_the_schema_where_its_id_says(
    invoke: Invoke, fixed_repo: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert invoke("render", "--site", str(site), repo=fixed_repo).exit_code == 0
    published = json.loads((site / "schema" / "agreement.schema.json").read_text("utf-8"))
    assert published["$id"] == SCHEMA_ID


def test_the_pages_workflow_is_valid_against_the_github_workflow_schema() -> None:
    import subprocess
    import sys

    workflow = ROOT / ".github" / "workflows" / "pages.yml"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
