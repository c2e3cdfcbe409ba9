"""The composer walk gives the very Document of the event builder: data, positions, diagnostics.

Compared on every real file, every case, generated and mutated files, the loader's hostile
inputs and scalars of every YAML 1.2 type; and it is really taken for ordinary files.
"""

from __future__ import annotations

import importlib.util
import random
from typing import Any

import pytest

from mineralpacts.files import compose
from mineralpacts.files.compose import load_composed
from mineralpacts.files.load import DEFAULT_LIMITS, Document, Limits, load_text
from tests.conftest import AGREEMENTS, CASES, ROOT
from tests.unit.test_load import HOSTILE

EDGES = [
    "a: !!python/object x\n",
    "! a: 1\nb: ! 2\nc: ! [1]\n",
    "a: [1, 2, {b: c}]\nd: {e: [f, g]}\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  b: {c: 1, c: 2}\n",
    "a: {b: 1}\na: {b: 2, b: 3}\n",
    "? [a]\n: 1\n",
    "'1': a\n1: b\ntrue: c\n~: d\n",
    "a: 'yes'\nb: yes\nc: no\nd: 0o17\ne: 0x1F\nf: .inf\ng: ~\nh: -.INF\ni: .NaN\nj: +1\nk: -2.5e3\nl: 1_000\n",
    "a: !!str 1\nb: !!int '2'\n!!str c: 3\nd: !!float '1'\ne: !!bool 'true'\nf: !!null ''\n",
    "a: !!set {x}\nb: !!map {c: 1}\nd: !!seq [1]\n",
    "a: !Ref " + "x" * 200 + "\n",
    "a:\n- 1\n- - 2\n  - 3\n- {b: [4, {c: 5}]}\n",
    "---\na: 1\n...\n",
    "---\n",
    'a: |\n  text\n  more\nb: >\n  folded\n  text\nc: "q\\tx"\n',
    "- " * 70 + "x\n",
    "[" * 70 + "]" * 70 + "\n",
    "a: " + "[" * 400 + "]" * 400 + "\n",
    "x: " + "{a: " * 100 + "1" + "}" * 100 + "\n",
]


def _same(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    slow, fast = load_text(text, "f.yaml", limits), load_composed(text, "f.yaml", limits)
    assert repr(fast.data) == repr(slow.data)
    assert fast.positions == slow.positions
    assert fast.key_positions == slow.key_positions
    assert fast.diagnostics == slow.diagnostics


def _generated(n: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng = random.Random(5)
    pycountry = __import__("pycountry")
    codes = sorted(c.alpha_2 for c in pycountry.countries)
    out = []
    for i in range(n):
        a, b = rng.choice(codes), rng.choice(codes)
        out.append(module.dump(module.make_agreement(rng, f"x-{i}-2020", a, b, 2020, [])))
    return out


def _corpus() -> list[str]:
    files = sorted(AGREEMENTS.glob("*.yaml")) + sorted(CASES.rglob("*.yaml"))
    return [p.read_text("utf-8") for p in files] + _generated(60)


def _mutants(texts: list[str], per_text: int = 4) -> list[str]:
    rng = random.Random(2026)
    out = []
    for text in texts:
        lines = text.splitlines(keepends=True)
        for _ in range(per_text):
            m = list(lines)
            i = rng.randrange(len(m))
            op = rng.randrange(7)
            if op == 0:
                del m[i]
            elif op == 1:
                m.insert(i, m[rng.randrange(len(m))])
            elif op == 2:
                m[i] = m[i].replace(":", "", 1)
            elif op == 3:
                m[i] = "  " + m[i]
            elif op == 4:
                m[i] = m[i][: rng.randrange(len(m[i]) + 1)]
            elif op == 5:
                m[i] = m[i].replace(": ", ": [", 1)
            else:
                m[i] = m[i].replace("- ", "- - ", 1)
            out.append("".join(m))
    return out


@pytest.mark.parametrize("text", EDGES + [raw.decode("utf-8", "replace") for _, raw, _, _ in HOSTILE])
def test_edges_and_hostile_inputs(text: str) -> None:
    _same(text)


def test_every_real_case_and_generated_file() -> None:
    for text in _corpus():
        _same(text)


def test_mutated_files() -> None:
    corpus = _corpus()
    for text in _mutants(corpus[:: max(1, len(corpus) // 80)]):
        _same(text)


def test_the_limits_apply_the_same_way() -> None:
    text = (AGREEMENTS / "uk-japan-2023.yaml").read_text("utf-8")
    for limits in (Limits(max_scalar=40), Limits(max_nodes=50), Limits(max_depth=2)):
        _same(text, limits)


def test_ordinary_files_take_the_composer(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> Document:
        raise AssertionError("fell back to the event builder")

    monkeypatch.setattr(compose, "load_text", refuse)
    for path in sorted(AGREEMENTS.glob("*.yaml"))[:20]:
        text = path.read_text("utf-8")
        if "&" not in text:
            assert load_composed(text).ok


def test_deep_nesting_never_reaches_the_c_composer() -> None:
    deep = "x: " + "[" * 200_000 + "]" * 200_000 + "\n"
    assert not compose._shallow(deep)
    assert [d.code for d in load_composed(deep).diagnostics] == ["Y013"]
