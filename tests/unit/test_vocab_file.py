"""The vocabulary is read from its generated JSON form, never stale, and without PyYAML at start-up."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from mineralpacts.model.vocab import read_vocab_file, vocabulary_json
from tests.conftest import ROOT

DATA = ROOT / "src" / "mineralpacts" / "data"


def test_json_form_holds_exactly_the_yaml() -> None:
    expected = yaml.safe_load((DATA / "vocab.yaml").read_text("utf-8"))
    assert read_vocab_file(DATA) == expected
    assert (DATA / "vocab.json").read_text("utf-8") == vocabulary_json((DATA / "vocab.yaml").read_bytes())


def test_a_stale_json_form_is_not_used(tmp_path: Path) -> None:
    shutil.copy(DATA / "vocab.json", tmp_path / "vocab.json")
    text = (DATA / "vocab.yaml").read_text("utf-8").replace("mou:", "memorandum:", 1)
    (tmp_path / "vocab.yaml").write_text(text, "utf-8")
    assert "memorandum" in read_vocab_file(tmp_path)["instrument"]
    (tmp_path / "vocab.json").write_text("{not json", "utf-8")
    assert "memorandum" in read_vocab_file(tmp_path)["instrument"]


def test_reading_the_vocabulary_imports_no_yaml() -> None:
    code = (
        "import sys; from mineralpacts.model.vocab import vocabulary, terms; "
        "assert terms('instrument'); print('yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
