"""The package's layers, checked by walking its imports.

Each subpackage sits on one layer; a module may import from its own subpackage and from lower
layers only, and the imports between modules have no cycle. The order is the way data flows
through the code (docs/architecture.md): a file's bytes become YAML data (files), an Agreement
(model), diagnostics (check), a cached read (store), answers (analysis), published artefacts
(publish), and finally terminal output (cli).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mineralpacts"

# Lower number = lower layer. Base modules at the package root sit at 0.
LAYERS: dict[str, int] = {
    "errors": 0,
    "diagnostics": 0,
    "model": 1,
    "files": 2,
    "check": 3,
    "store": 4,
    "analysis": 5,
    "publish": 6,
    "cli": 7,
    "__init__": 8,  # the public API re-exports from every layer (lazily)
    "__main__": 8,
}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """``src/mineralpacts/check/validate.py`` -> ``mineralpacts.check.validate``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path = PACKAGE) -> Iterator[tuple[int, str]]:
    """(line, module) for every ``mineralpacts`` module that the file imports, anywhere in it."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mineralpacts"):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if not base.startswith("mineralpacts"):
                continue
            for alias in node.names:
                if base == "mineralpacts" and alias.name == "__version__":
                    continue  # the version is a constant of the package itself, not a layer
                candidate = f"{base}.{alias.name}"
                is_module = (
                    any(
                        (root.parent / Path(*candidate.split("."))).with_suffix(suffix).exists()
                        for suffix in (".py",)
                    )
                    or (root.parent / Path(*candidate.split(".")) / "__init__.py").exists()
                )
                yield node.lineno, candidate if is_module else base


def layer_of(module: str) -> tuple[str, int]:
    """The top-level entry (``check``) a module belongs to, and its layer number."""
    parts = module.split(".")
    entry = parts[1] if len(parts) > 1 else "__init__"
    if entry not in LAYERS:
        raise KeyError(f"{module}: {entry!r} has no layer in tests/test_layers.py LAYERS")
    return entry, LAYERS[entry]


def violations(root: Path = PACKAGE) -> list[str]:
    """Every import from a lower layer to a higher one, as 'file:line: a imports b'."""
    found = []
    for path in sorted(root.rglob("*.py")):
        here = module_name(path, root)
        entry, level = layer_of(here)
        for line, target in imports_of(path, root):
            their_entry, their_level = layer_of(target)
            if their_entry != entry and their_level >= level:
                found.append(f"{path.relative_to(root.parent)}:{line}: {here} imports {target}")
    return found


def cycles(root: Path = PACKAGE) -> list[list[str]]:
    """Import cycles between modules (strongly connected components of more than one module)."""
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        here = module_name(path, root)
        graph.setdefault(here, set()).update(
            t for _, t in imports_of(path, root) if t != here and not here.startswith(t + ".")
        )
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def test_every_import_goes_down_the_layers() -> None:
    assert violations() == []


def test_no_import_cycles() -> None:
    assert cycles() == []


def test_top_level_stays_small() -> None:
    entries = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert len(entries) <= 13, entries
    assert {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()} - {
        "__pycache__",
        "data",
        "_bundled",
    } <= set(LAYERS)


def test_no_module_is_too_long() -> None:
    too_long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 450
    }
    assert too_long == {}


@pytest.fixture
def fake_package(tmp_path: Path) -> Path:
    root = tmp_path / "mineralpacts"
    for sub in ("model", "check", "cli"):
        (root / sub).mkdir(parents=True)
        (root / sub / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "model" / "agreement.py").write_text("from mineralpacts.check import validate\n")
    (root / "check" / "validate.py").write_text("from mineralpacts.model import agreement\n")
    (root / "cli" / "main.py").write_text("from mineralpacts.check.validate import x\n")
    return root


def test_a_back_import_is_caught(fake_package: Path) -> None:
    assert violations(fake_package) == [
        "mineralpacts/model/agreement.py:1: mineralpacts.model.agreement imports mineralpacts.check.validate"
    ]


def test_a_cycle_is_caught(fake_package: Path) -> None:
    assert cycles(fake_package) == [["mineralpacts.check.validate", "mineralpacts.model.agreement"]]
