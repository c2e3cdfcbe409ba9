"""The committed JSON Schema: fresh, documented, and agreed with by a third-party validator."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.check.validate import validate_paths
from mineralpacts.files.load import load_path
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.schema import agreement_schema, validator
from tests.conftest import AGREEMENTS, CASES, ROOT

SCHEMA_FILE = ROOT / "schema" / "agreement.schema.json"
# Cases whose problem is visible to a JSON Schema (the rest need the model, the repository or YAML rules).
SCHEMA_LEVEL = ["missing-title", "unknown-field", "wrong-type", "vocab-typo", "bad-date-format", "one-party"]


def test_schema_is_draft_2020_12_with_an_id() -> None:
    schema = agreement_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    validator().check_schema(schema)


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("Agreement." + k, v) for k, v in schema["properties"].items()]
    for name, sub in schema.get("$defs", {}).items():
        found += [(f"{name}.{k}", v) for k, v in sub.get("properties", {}).items()]
    return found


def test_every_field_has_a_description() -> None:
    missing = [name for name, prop in _properties(agreement_schema()) if not prop.get("description")]
    assert not missing, f"fields without a description: {missing}"


def _loadable_cases() -> list[Path]:
    """Every case file whose YAML loads into a mapping (the others never reach the schema)."""
    paths = sorted((CASES / "valid").glob("*.yaml")) + sorted((CASES / "invalid").glob("*.yaml"))
    return [p for p in paths if (doc := load_path(p)).ok and isinstance(doc.data, dict)]


@pytest.mark.parametrize("path", _loadable_cases(), ids=lambda p: p.stem)
def test_model_never_accepts_what_the_schema_rejects(path: Path) -> None:
    """validate.py skips the full schema pass for files the model accepts; this keeps that sound."""
    doc = load_path(path)
    try:
        Agreement.model_validate(doc.data)
    except Exception:
        return
    assert list(validator().iter_errors(doc.data)) == []


def _check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    return subprocess.run(
        [exe, "--schemafile", str(SCHEMA_FILE), *map(str, files)], capture_output=True, text=True, check=False
    )


def test_check_jsonschema_accepts_every_real_agreement() -> None:
    result = _check_jsonschema(*sorted(AGREEMENTS.glob("*.yaml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_what_pacts_rejects() -> None:
    paths = [CASES / "invalid" / f"{name}.yaml" for name in SCHEMA_LEVEL]
    report = validate_paths(paths)
    assert {Path(d.path).name for d in report.errors} == {p.name for p in paths}
    result = _check_jsonschema(*paths)  # one process for every case: it reports each failing file
    assert result.returncode == 1
    output = result.stdout + result.stderr
    missing = [p.name for p in paths if p.name not in output]
    assert missing == [], output


def test_schema_command_prints_the_committed_schema(invoke: Any) -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(SCHEMA_FILE.read_text("utf-8"))
