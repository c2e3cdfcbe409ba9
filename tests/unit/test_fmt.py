"""The formatter: canonical layout, comments kept, values never changed, idempotent on every real file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from mineralpacts.errors import DataError, UsageError
from mineralpacts.files.fmt import MODELINE, format_paths, format_text
from mineralpacts.files.load import load_path, load_text
from tests.conftest import AGREEMENTS

REAL = sorted(AGREEMENTS.glob("*.yaml"))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_every_real_file_keeps_its_data_and_formats_once(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    before = load_path(copy).data
    format_paths([copy])
    first = copy.read_text("utf-8")
    assert load_path(copy).data == before
    assert first.splitlines()[0].startswith("# yaml-language-server: $schema=")
    results = format_paths([copy])
    assert results[0].changed is False and copy.read_text("utf-8") == first


MESSY = """\
# about this file
title: Some title   # the official one
id: a-b-2023
# before parties
parties:
    # before the first party
    -   name: Japan
        code: JP  # code comment
    - code: GB
      name: UK
signed:
  date: 2023-10-28
  place: {city: Osaka, country: JP}
summary: >-
  One two three
  four five.

  Second paragraph.
minerals:
- lithium  # the main one
- cobalt
languages:
- en
titles:
  no: Norsk
notes: |
  Line one
    # not a comment, part of the text
sources:
  - url: https://example.org/a#fragment
    kind: news # kind comment
    publisher: 'NO'
# yaml-language-server: $schema=somewhere/else.json
extra_field: yes
# the very end
"""

EXPECTED = """\
# yaml-language-server: $schema=somewhere/else.json
# about this file
id: a-b-2023
title: Some title  # the official one
titles:
  'no': Norsk
# before parties
parties:
  # before the first party
  - code: JP  # code comment
    name: Japan
  - code: GB
    name: UK
signed:
  date: '2023-10-28'
  place:
    city: Osaka
    country: JP
languages: [en]
summary: >-
  One two three
  four five.

  Second paragraph.
minerals:
  - lithium  # the main one
  - cobalt
sources:
  - url: https://example.org/a#fragment
    publisher: 'NO'
    kind: news  # kind comment
notes: |
  Line one
    # not a comment, part of the text
extra_field: 'yes'
# the very end
"""


def test_canonical_layout_moves_comments_with_their_keys() -> None:
    assert format_text(MESSY) == EXPECTED


def test_formatting_is_idempotent_and_keeps_values() -> None:
    once = format_text(MESSY)
    assert format_text(once) == once
    assert load_text(once).data == load_text(MESSY).data


def test_yaml11_readers_read_the_same_strings() -> None:
    """PyYAML (YAML 1.1) would turn an unquoted NO into False and a date into a date object."""
    text = "id: x\ncode: NO\nanswer: 'yes'\nwhen: 2023-10-28\nref: '1.1'\ntime: '1:30'\nlabel: 2.6(1)\n"
    out = format_text(text)
    assert yaml.safe_load(out) == {
        "id": "x",
        "code": "NO",
        "answer": "yes",
        "when": "2023-10-28",
        "ref": "1.1",
        "time": "1:30",
        "label": "2.6(1)",
    }
    assert "label: '2.6(1)'" in out  # clause numbers are quoted like dates


def test_text_starting_with_a_date_is_quoted_other_text_is_plain() -> None:
    out = format_text("id: x\na: 2021-06-15 (announced)\nb: 2026 Critical Minerals Ministerial\n")
    assert "a: '2021-06-15 (announced)'" in out and "b: 2026 Critical Minerals Ministerial" in out


def test_model_field_names_are_never_quoted() -> None:
    """``from`` is a Python keyword (the field is ``from_``), but the file's key stays as written."""
    out = format_text("id: x\nterm:\n  commencement:\n    from: signature\n  status: stated\n")
    assert "    from: signature" in out
    assert out.index("status:") < out.index("commencement:")


V1 = """id: x
term:
  status: stated
  # when it starts
  commencement:
    on: signature  # clause 4.2
  notice_days: 90  # clause 4.5
  summary: s
"""


def test_migrate_renames_version_1_keys_and_keeps_their_comments() -> None:
    out = format_text(V1, migrate=True)
    assert "  # when it starts\n  commencement:\n    from: signature  # clause 4.2\n" in out
    assert "  notice:  # clause 4.5\n    days: 90\n" in out or "  notice:\n    days: 90" in out
    assert "clause 4.5" in out and "notice_days" not in out and " on:" not in out
    assert "written" not in out  # version 1 did not say whether the text asks for written notice


def test_without_migrate_version_1_keys_are_left_for_the_diagnostic() -> None:
    out = format_text(V1)
    assert "notice_days: 90" in out and "from:" not in out


def test_migrate_drops_a_null_notice_days_and_leaves_version_2_alone() -> None:
    out = format_text("id: x\nterm:\n  status: unknown\n  notice_days: null\n", migrate=True)
    assert "notice" not in out
    v2 = format_text("id: x\nterm:\n  status: stated\n  notice:\n    days: 30\n")
    assert format_text(v2, migrate=True) == v2


def test_modeline_is_added_when_missing() -> None:
    assert format_text("id: x\n").splitlines()[0] == MODELINE


def test_anchors_are_expanded_and_crlf_normalised() -> None:
    out = format_text("id: x\r\nshort_title: &t Same\r\nnotes: *t\r\n")
    assert "\r" not in out and "&" not in out
    assert load_text(out).data == {"id": "x", "short_title": "Same", "notes": "Same"}


def test_prose_lists_are_block_and_word_lists_are_flow() -> None:
    out = format_text(
        "id: x\npurposes: ['First aim, in words.', Second aim.]\nminerals:\n  - lithium\n  - nickel\n"
    )
    assert "minerals: [lithium, nickel]" in out
    assert "purposes:\n  - First aim, in words.\n  - Second aim.\n" in out


@pytest.mark.parametrize(
    "text",
    ["- a list\n", "a: [unclosed\n", "a: 1\na: 2\n", "", "a: !!python/object:os.system x\n"],
    ids=["list", "syntax", "duplicate", "empty", "tag"],
)
def test_unloadable_text_is_refused_with_the_diagnostic(text: str) -> None:
    with pytest.raises(DataError, match=r"cannot format .*pacts validate"):
        format_text(text, "f.yaml")


def test_check_mode_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("title: t\nid: x\n")
    [result] = format_paths([tmp_path], check=True)
    assert result.changed and path.read_text() == "title: t\nid: x\n"


def test_write_is_atomic_and_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("title: t\nid: x\n")
    os.chmod(path, 0o600)
    format_paths([path])
    assert path.read_text().startswith(MODELINE) and (path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]  # no temporary file left


def test_a_broken_file_is_left_alone_and_reported(tmp_path: Path) -> None:
    good, bad = tmp_path / "a.yaml", tmp_path / "b.yaml"
    good.write_text("title: t\nid: a\n")
    bad.write_text("id: [b\n")
    results = {r.path.name: r for r in format_paths([tmp_path])}
    assert results["a.yaml"].changed and results["b.yaml"].error
    assert bad.read_text() == "id: [b\n"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        format_paths([tmp_path / "nope.yaml"])
