"""Our files read the same to YAML 1.1 readers (PyYAML's safe loader, most people's scripts) as to
our YAML 1.2 loader: no key or value of the format, nor of any file, is a YAML 1.1 trap.

Issue 10, finding 2: ``term.commencement.on`` read as the key ``True`` in PyYAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mineralpacts.files.load import load_text
from tests.conftest import AGREEMENTS, CASES

FILES = sorted(AGREEMENTS.glob("*.yaml")) + sorted((CASES / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_pyyaml_reads_the_same_data_as_our_loader(path: Path) -> None:
    text = path.read_text("utf-8")
    assert yaml.safe_load(text) == load_text(text, str(path)).data


def test_the_files_are_there() -> None:
    assert len(FILES) > 100
