"""Links between agreement files: a stored inverse must agree with the newer file (R305)."""

from __future__ import annotations

from pathlib import Path

from mineralpacts.check.validate import validate_paths
from mineralpacts.files.load import load_path
from mineralpacts.files.yamlio import dump_yaml
from tests.conftest import CASES

BASE = load_path(CASES / "valid" / "minimal-2024.yaml").data


def write(folder: Path, ident: str, related: list[dict[str, str]]) -> None:
    data = {**BASE, "id": ident, "related": related}
    (folder / f"{ident}.yaml").write_text(dump_yaml(data), "utf-8")


def codes(folder: Path) -> list[tuple[str, str, str]]:
    report = validate_paths([folder])
    return [(Path(d.path).stem, d.code, d.field) for d in report.diagnostics if d.code.startswith("R")]


def test_the_newer_file_alone_holds_the_link(tmp_path: Path) -> None:
    write(tmp_path, "old-2012", [])
    write(tmp_path, "new-2024", [{"id": "old-2012", "relation": "supersedes"}])
    assert codes(tmp_path) == []


def test_a_stored_inverse_that_agrees_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "old-2012", [{"id": "new-2024", "relation": "superseded-by"}])
    write(tmp_path, "new-2024", [{"id": "old-2012", "relation": "supersedes"}])
    assert codes(tmp_path) == []


def test_a_stored_inverse_that_disagrees_is_r305_on_the_older_file(tmp_path: Path) -> None:
    write(tmp_path, "old-2012", [{"id": "new-2024", "relation": "related"}])
    write(tmp_path, "new-2024", [{"id": "old-2012", "relation": "supersedes"}])
    assert codes(tmp_path) == [("old-2012", "R305", "related[0].relation")]
    report = validate_paths([tmp_path])
    (d,) = [d for d in report.diagnostics if d.code == "R305"]
    assert "new-2024 supersedes old-2012" in d.message and "'superseded-by'" in d.message


def test_an_inverse_without_the_forward_link_asks_for_it_in_the_newer_file(tmp_path: Path) -> None:
    write(tmp_path, "old-2012", [{"id": "new-2024", "relation": "superseded-by"}])
    write(tmp_path, "new-2024", [])
    report = validate_paths([tmp_path])
    (d,) = [d for d in report.diagnostics if d.code == "R305"]
    assert "write `relation: supersedes` in new-2024" in d.message and not report.ok


def test_the_real_links_agree() -> None:
    from tests.conftest import AGREEMENTS

    assert [c for c in codes(AGREEMENTS) if c[1] == "R305"] == []
