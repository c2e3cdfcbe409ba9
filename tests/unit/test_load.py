"""The safe loader: hostile and malformed files each give one clear diagnostic, fast, never code."""

from __future__ import annotations

from pathlib import Path

import pytest

from mineralpacts.files.load import Limits, load_path, load_text, parse_bytes


def _bomb() -> bytes:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghijk":
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text.encode()


HOSTILE = [
    ("empty", b"", "Y005", 1),
    ("only-comments", b"# nothing here\n\n", "Y005", 1),
    ("binary", b"id: x\n\x00\x01\x02", "Y003", 2),
    ("latin-1", b"id: x\ntitle: caf\xe9\n", "Y004", 2),
    ("syntax", b"id: x\ntitle: [unclosed\n", "Y010", 3),
    ("duplicate", b"id: x\ntitle: a\ntitle: b\n", "Y011", 3),
    ("python-tag", b"id: !!python/object/apply:os.system [touch /tmp/pwned]\n", "Y012", 1),
    ("python-name", b"x: !!python/name:os.system\n", "Y012", 1),
    ("custom-tag", b"x: !Ref foo\n", "Y012", 1),
    ("deep-flow", b"x: " + b"[" * 5000 + b"]" * 5000 + b"\n", "Y013", 1),
    (
        "deep-block",
        "".join(f"{'  ' * i}k{i}:\n" for i in range(80)).encode() + b"  " * 80 + b"v\n",
        "Y013",
        65,
    ),
    ("alias-bomb", _bomb(), "Y014", None),
    ("two-docs", b"id: a\n---\nid: b\n", "Y015", 2),
    ("list", b"- a\n- b\n", "Y016", 1),
    ("scalar", b"just text\n", "Y016", 1),
    ("complex-key", b"? [a, b]\n: c\n", "Y017", 1),
    ("control-char", b"id: \x07\n", "Y010", 1),
]


@pytest.mark.parametrize(("name", "raw", "code", "line"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gives_one_diagnostic(name: str, raw: bytes, code: str, line: int | None) -> None:
    doc = parse_bytes(raw, f"{name}.yaml")
    assert not doc.ok
    codes = [d.code for d in doc.diagnostics]
    assert code in codes, codes
    found = next(d for d in doc.diagnostics if d.code == code)
    if line is not None:
        assert found.line == line
    assert found.path == f"{name}.yaml"


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    doc = load_text(f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not doc.ok
    assert not marker.exists()


def test_large_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"notes: " + b"x" * 5_000_000 + b"\n")
    doc = load_path(big)
    assert [d.code for d in doc.diagnostics] == ["Y002"]


def test_y002_states_the_real_size_of_a_large_file(tmp_path: Path) -> None:
    """Finding 5 of issue 10: the size was that of the bytes read (1,000,001), not of the file."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"notes: " + b"x" * 5_000_000 + b"\n")
    (diagnostic,) = load_path(big).diagnostics
    assert "file is 5,000,008 bytes; agreement files are limited to 1,000,000" in diagnostic.message


def test_long_value_in_small_file_is_refused() -> None:
    doc = load_text("notes: " + "x" * 200 + "\n", limits=Limits(max_scalar=100))
    assert [d.code for d in doc.diagnostics] == ["Y018"]
    assert doc.diagnostics[0].field == "notes"


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    doc = load_path(tmp_path / "missing.yaml")
    assert [d.code for d in doc.diagnostics] == ["Y001"]


def test_yaml_1_2_scalars_norway_stays_a_string() -> None:
    doc = load_text("a: NO\nb: yes\nc: 2023-10-28\nd: true\ne: 3\nf: 0x10\ng: ~\nh: 1.5\n")
    assert doc.data == {
        "a": "NO",
        "b": "yes",
        "c": "2023-10-28",
        "d": True,
        "e": 3,
        "f": 16,
        "g": None,
        "h": 1.5,
    }


def test_positions_of_values_and_keys() -> None:
    doc = load_text("id: x\nparties:\n  - code: GB\n    name: UK\n")
    assert doc.pos(("parties", 0, "code")) == (3, 11)
    assert doc.pos(("parties", 0, "name"), key=True) == (4, 5)
    assert doc.pos(("parties", 5, "code")) == (3, 3)  # nearest ancestor: the list itself


def test_aliases_are_expanded_within_limits() -> None:
    doc = load_text("a: &x [1, 2]\nb: *x\n")
    assert doc.ok and doc.data == {"a": [1, 2], "b": [1, 2]}


def test_byte_order_mark_is_accepted() -> None:
    doc = parse_bytes("\ufeffid: x\n".encode(), "bom.yaml")
    assert doc.ok and doc.data == {"id": "x"}


def test_libyaml_parser_is_used_when_available() -> None:
    import yaml

    from mineralpacts.files import load

    if getattr(yaml, "__with_libyaml__", False):
        assert load._Parser.__module__ == "yaml._yaml"


@pytest.mark.parametrize(
    "text", ["NO", "yes", "Off", "1:30", "2.6(1)", "2023-10-28", "2023-10-28 (US time)", "~"]
)
def test_dumped_yaml_reads_back_the_same_in_yaml_1_1_and_1_2(text: str) -> None:
    import yaml

    from mineralpacts.files.yamlio import dump_yaml

    dumped = dump_yaml({"v": text})
    assert yaml.safe_load(dumped) == {"v": text}  # PyYAML: YAML 1.1
    assert load_text(dumped).data == {"v": text}  # our loader: YAML 1.2


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("code: NO\n", "code"),
        ("a: yes\n", "a"),
        ("a: Off\n", "a"),
        ("a: n\n", "a"),
        ("a: [x, Y]\n", "a[1]"),
        ("on: signature\n", "on"),
        ("ON: 1\n", "ON"),
    ],
)
def test_an_unquoted_yaml_1_1_boolean_is_a_warning(text: str, field: str) -> None:
    """Issue 10, finding 2: what we read as a string, YAML 1.1 readers read as a boolean."""
    doc = load_text(text)
    assert doc.ok  # a warning: the file reads fine here
    assert [(d.code, d.severity, d.field) for d in doc.diagnostics] == [("Y019", "warning", field)]


@pytest.mark.parametrize("text", ["code: 'NO'\n", 'a: "yes"\n', "a: true\n", "a: nothing\n", "'on': 1\n"])
def test_quoted_words_and_real_booleans_are_fine(text: str) -> None:
    assert load_text(text).diagnostics == []
