"""The README's first command (``pip install .``) installs what every command needs."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT


def _core() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return {
        re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower().replace("_", "-") for d in project["dependencies"]
    }


def _third_party_imports() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "mineralpacts").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("mineralpacts", "__future__")}


def test_rendering_sqlite_and_calendars_are_core_dependencies() -> None:
    assert {"jinja2", "sqlite-utils", "icalendar"} <= _core()


def _with_their_requirements(names: set[str]) -> set[str]:
    from importlib.metadata import PackageNotFoundError, requires

    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            needs = requires(name) or []
        except PackageNotFoundError:
            continue
        todo += [
            re.split(r"[<>=!~\[ ;(]", r, maxsplit=1)[0].lower().replace("_", "-")
            for r in needs
            if "extra ==" not in r
        ]
    return seen


def test_every_module_the_package_imports_comes_with_a_core_dependency() -> None:
    dists = packages_distributions()
    core = _with_their_requirements(_core())
    missing = {
        name: dists.get(name)
        for name in _third_party_imports()
        if not {d.lower().replace("_", "-") for d in dists.get(name, [])} & core
    }
    assert missing == {}, missing


def test_hook_examples_cite_only_revisions_that_exist() -> None:
    import subprocess

    tags = set(
        subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    )
    for rel in (".pre-commit-hooks.yaml", "docs/contributing.md", "README.md"):
        for rev in re.findall(r"rev:\s*(\S+)", (ROOT / rel).read_text("utf-8")):
            assert rev in tags or re.fullmatch(r"[0-9a-f]{40}|<.*", rev), (rel, rev)


def test_the_ci_test_job_installs_chromium_and_requires_the_browser_tests() -> None:
    import yaml

    job = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))["jobs"]["tests"]
    steps = " ".join(str(step.get("run", "")) for step in job["steps"])
    assert "apt-get install" in steps and "chromium" in steps
    assert job["env"]["PACTS_BROWSER_TESTS"] == "required"
    assert "bookworm" in job["container"]  # Debian: the chromium package is a real browser there
