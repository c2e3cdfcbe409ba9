"""Property-based tests: real agreement files, broken at random, never break the tools.

Each example takes a real agreement (one without links to other files, so it stands alone), changes
it one way (a key deleted, duplicated, retyped or reordered; random bytes written in; the file cut
short), puts it in a small repository beside two untouched agreements, and runs ``pacts validate``
and ``pacts list`` in process. Whatever the change:

* no traceback and no internal error (exit 3): the exit code is 0 or 1;
* exit 1 comes with at least one diagnostic positioned in the changed file (line and column);
* a change that must break the file (a required key deleted, a key duplicated) gives exit 1;
* a reordering changes nothing: the file stays valid;
* the untouched agreements still answer ``pacts list``; the changed one answers exactly when
  ``validate`` finds no error in it (a read never answers from a file that ``validate`` fails,
  and names it on stderr instead).

Hypothesis runs a bounded, derandomized set of examples (the same ones on every run), with no
deadline, so the suite stays short and stable in CI; ``FUZZ_EXAMPLES`` raises the count locally.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mineralpacts.files.load import load_text
from mineralpacts.files.yamlio import dump_yaml
from tests.conftest import AGREEMENTS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
REQUIRED = ("id", "title", "instrument", "parties", "signed", "disclosure", "term", "sources", "confidence")
#: How many examples ran, by test (printed at the end with -s; the report of issue 10 cites it).
RAN: dict[str, int] = {}


def _standalone() -> list[tuple[str, dict[str, Any]]]:
    """Real agreements that validate alone: no links to other files, loaded as plain data."""
    from mineralpacts.check.validate import validate_document

    found = []
    for path in sorted(AGREEMENTS.glob("*.yaml")):
        doc = load_text(path.read_text("utf-8"), str(path))
        agreement, diagnostics = validate_document(doc)
        data = doc.data
        if agreement is None or any(d.severity == "error" for d in diagnostics):
            continue
        if data.get("related") or any(e.get("agreement") for e in data.get("events") or []):
            continue
        found.append((path.stem, data))
        if len(found) == 6:
            break
    return found


BASES = _standalone()


def _paths(data: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path to a mapping key or list item, depth first."""
    out: list[tuple[str | int, ...]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        out.append((*prefix, key))
        out += _paths(value, (*prefix, key))
    return out


def _get_parent(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _invoke(*args: str) -> Any:
    from mineralpacts.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Write the changed file beside two untouched agreements; run validate and list on them."""
    import typer.testing

    monkeypatch.setenv("PACTS_NO_CACHE", "1")
    # Typer builds the click command again on every call (a tenth of a second); once is enough here
    monkeypatch.setattr(typer.testing, "_get_command", functools.cache(typer.testing._get_command))
    folder = tmp_path / "agreements"
    folder.mkdir()
    others = BASES[-2:]
    for ident, data in others:
        (folder / f"{ident}.yaml").write_text(dump_yaml(data), encoding="utf-8")

    def go(name: str, content: bytes) -> tuple[int, list[dict[str, Any]], list[str]]:
        target = folder / f"{name}.yaml"
        target.write_bytes(content)
        try:
            checked = _invoke("--repo", str(folder), "validate", "--format", "json")
            listed = _invoke("--repo", str(folder), "list", "--format", "ids")
        finally:
            target.unlink()
        assert checked.exit_code in (0, 1), checked.stderr
        assert listed.exit_code == 0, listed.stderr
        assert "internal error" not in checked.stderr + listed.stderr
        errors = [e for e in json.loads(checked.stdout)["errors"] if e["path"].endswith(f"{name}.yaml")]
        if checked.exit_code == 1:
            assert errors and all(e["line"] >= 1 and e["col"] >= 1 for e in errors), checked.stdout
        ids = listed.stdout.split()
        assert {ident for ident, _ in others} <= set(ids)  # the other files still answer
        assert (name in ids) == (not errors), (errors, ids)  # answered exactly when it is valid
        if errors:
            assert "skipped" in listed.stderr or "left out" in listed.stderr, listed.stderr
        return checked.exit_code, errors, ids

    return go


def _count(test: str) -> None:
    RAN[test] = RAN.get(test, 0) + 1


bases = st.sampled_from(BASES[:-2])


@FUZZ
@given(base=bases, data=st.data())
def test_deleting_a_key(run: Any, base: tuple[str, dict[str, Any]], data: st.DataObject) -> None:
    ident, original = base
    changed = json.loads(json.dumps(original))
    path = data.draw(st.sampled_from([p for p in _paths(changed) if isinstance(p[-1], str)]))
    del _get_parent(changed, path)[path[-1]]
    code, _, _ = run(ident, dump_yaml(changed).encode())
    if len(path) == 1 and path[0] in REQUIRED:
        assert code == 1
    _count("delete")


@FUZZ
@given(base=bases, data=st.data())
def test_duplicating_a_key(run: Any, base: tuple[str, dict[str, Any]], data: st.DataObject) -> None:
    ident, original = base
    lines = dump_yaml(original).splitlines(keepends=True)
    # the lines that hold a mapping key (not a list item, nor the continuation of a long text)
    keyed = [i for i, line in enumerate(lines) if re.match(r"\s*[a-z_]+:(\s|$)", line)]
    i = data.draw(st.sampled_from(keyed))
    code, errors, _ = run(ident, "".join([*lines[: i + 1], lines[i], *lines[i + 1 :]]).encode())
    # a duplicate key, or a syntax error when the line opened a quoted text spanning several lines
    assert code == 1 and any(e["code"] in ("Y011", "Y010") for e in errors)
    _count("duplicate")


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), max_size=2),
)


@FUZZ
@given(base=bases, data=st.data(), value=VALUES)
def test_retyping_a_value(
    run: Any, base: tuple[str, dict[str, Any]], data: st.DataObject, value: Any
) -> None:
    ident, original = base
    changed = json.loads(json.dumps(original))
    path = data.draw(st.sampled_from(_paths(changed)))
    _get_parent(changed, path)[path[-1]] = value
    run(ident, dump_yaml(changed).encode())
    _count("retype")


@FUZZ
@given(base=bases, data=st.data())
def test_reordering_keys_changes_nothing(
    run: Any, base: tuple[str, dict[str, Any]], data: st.DataObject
) -> None:
    ident, original = base
    changed = json.loads(json.dumps(original))
    mappings = [()] + [p for p in _paths(changed) if isinstance(_get_parent(changed, (*p, "")), dict)]
    path = data.draw(st.sampled_from(mappings))
    target = _get_parent(changed, (*path, ""))
    order = data.draw(st.permutations(list(target)))
    reordered = {key: target[key] for key in order}
    target.clear()
    target.update(reordered)
    code, _, ids = run(ident, dump_yaml(changed).encode())
    assert code == 0 and ident in ids
    _count("reorder")


@FUZZ
@given(base=bases, at=st.floats(0, 1), junk=st.binary(min_size=1, max_size=16))
def test_random_bytes(run: Any, base: tuple[str, dict[str, Any]], at: float, junk: bytes) -> None:
    ident, original = base
    raw = dump_yaml(original).encode()
    cut = int(len(raw) * at)
    run(ident, raw[:cut] + junk + raw[cut:])
    _count("bytes")


@FUZZ
@given(base=bases, at=st.floats(0, 1))
def test_truncation(run: Any, base: tuple[str, dict[str, Any]], at: float) -> None:
    ident, original = base
    raw = dump_yaml(original).encode()
    run(ident, raw[: int(len(raw) * at)])
    _count("truncate")


def test_there_are_real_agreements_to_fuzz() -> None:
    assert len(BASES) >= 3


def teardown_module() -> None:
    if RAN:
        print(f"\nfuzzing: {sum(RAN.values())} examples ({', '.join(f'{k} {v}' for k, v in RAN.items())})")
