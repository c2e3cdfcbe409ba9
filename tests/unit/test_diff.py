"""diff.py: field changes matched by identity, two agreements compared, revisions read from git."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mineralpacts.analysis.diff import Split, changes, compare, resolve, since
from mineralpacts.errors import DataError, NotFound, UsageError
from mineralpacts.files.yamlio import dump_yaml
from mineralpacts.model.agreement import Agreement
from mineralpacts.store.repository import Repository
from tests.conftest import AGREEMENTS, git, real_data


def build(data: dict[str, Any]) -> Agreement:
    return Agreement.model_validate(data)


def test_no_change() -> None:
    assert changes(build(real_data("uk-japan-2023")), build(real_data("uk-japan-2023"))) == []


def test_scalar_change_has_old_and_new() -> None:
    new = real_data("uk-japan-2023")
    new["term"]["notice"]["days"] = 60
    assert [
        (c.path, c.kind, c.old, c.new) for c in changes(build(real_data("uk-japan-2023")), build(new))
    ] == [("term.notice.days", "changed", 90, 60)]


def test_list_items_are_matched_by_identity_not_position() -> None:
    old = real_data("uk-japan-2023")
    new = real_data("uk-japan-2023")
    new["areas"] = list(reversed(new["areas"]))  # reordering is not a change
    new["parties"] = list(reversed(new["parties"]))
    new["sources"] = list(reversed(new["sources"]))
    assert changes(build(old), build(new)) == []


def test_area_party_source_event_unknown_keys() -> None:
    old = real_data("uk-japan-2023")
    new = real_data("uk-japan-2023")
    first_area = new["areas"][0]["area"]
    new["areas"][0]["ref"] = "9.9"
    new["areas"].append({"area": "stockpiling", "summary": "Stocks."})
    jp = next(p for p in new["parties"] if p["code"] == "JP")
    jp["represented_by"] = "METI"
    removed_url = new["sources"].pop()["url"]
    new["events"] = [{"date": "2026-07-30", "kind": "review-meeting", "summary": "Reviewed."}]
    new["unknown"] = [{"field": "languages", "reason": "Not said."}]
    new["minerals"] = [*new.get("minerals", []), "lithium"]
    got = {(c.path, c.kind) for c in changes(build(old), build(new))}
    assert (f"areas[{first_area}].ref", "changed") in got
    assert ("areas[stockpiling]", "added") in got
    assert ("parties[JP].represented_by", "changed") in got
    assert (f"sources[{removed_url}]", "removed") in got
    assert ("events", "added") in got or ("events[2026-07-30 review-meeting]", "added") in got
    assert ("unknown", "added") in got or ("unknown[languages]", "added") in got
    assert ("minerals", "added") in got


def test_events_keyed_by_date_and_kind() -> None:
    base = real_data("uk-japan-2023")
    base["events"] = [
        {"date": "2025-01-10", "kind": "review-meeting", "summary": "First."},
        {"date": "2026-01-10", "kind": "review-meeting", "summary": "Second."},
    ]
    new = real_data("uk-japan-2023")
    new["events"] = [dict(base["events"][1], summary="Second, revised."), base["events"][0]]
    got = [(c.path, c.kind) for c in changes(build(base), build(new))]
    assert got == [("events[2026-01-10 review-meeting].summary", "changed")]


def test_split() -> None:
    s = Split.of(["a", "b", "c"], ["c", "d"])
    assert (s.both, s.only_a, s.only_b, s.same) == (["c"], ["a", "b"], ["d"], False)


def test_compare_two_agreements() -> None:
    a = build(real_data("uk-japan-2023"))
    other = real_data("uk-japan-2023")
    other.update(id="uk-us-2026", instrument="mou")
    other["parties"] = [p for p in other["parties"] if p["code"] == "GB"] + [
        {"code": "US", "name": "United States"}
    ]
    other["areas"] = [{"area": "stockpiling"}, *[x for x in other["areas"] if x["area"] == "investment"]]
    c = compare(a, build(other))
    assert c.differs
    assert (c.parties.both, c.parties.only_a, c.parties.only_b) == (["GB"], ["JP"], ["US"])
    assert c.areas.both == ["investment"] and c.areas.only_b == ["stockpiling"]
    assert "research-innovation" in c.areas.only_a
    facts = {f: (x, y) for f, x, y in c.facts}
    assert facts["instrument"] == ("moc", "mou")
    assert "3 years from signature" in facts["term"][0]
    assert c.as_dict()["area_refs"]["investment"]["a"]


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A git repository whose agreements/ holds uk-japan-2023 in two commits, then a working-tree edit."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    git(tmp_path, "init", "-q")
    data = real_data("uk-japan-2023")
    (folder / "uk-japan-2023.yaml").write_text(dump_yaml(data), "utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    data["term"]["notice"]["days"] = 60
    (folder / "uk-japan-2023.yaml").write_text(dump_yaml(data), "utf-8")
    git(tmp_path, "commit", "-q", "-am", "notice 60")
    data["areas"].append({"area": "stockpiling", "summary": "Stocks."})
    (folder / "uk-japan-2023.yaml").write_text(dump_yaml(data), "utf-8")
    return folder


def test_resolve_id_at_revisions(history: Path) -> None:
    load = lambda: Repository.load(history, use_cache=False)  # noqa: E731
    first = resolve("uk-japan-2023@HEAD~1", load).agreement
    second = resolve("uk-japan-2023@HEAD", load).agreement
    now = resolve("uk-japan-2023", load).agreement
    assert [(c.path, c.old, c.new) for c in changes(first, second)] == [("term.notice.days", 90, 60)]
    assert [(c.path, c.kind) for c in changes(second, now)] == [("areas[stockpiling]", "added")]
    by_path = resolve(f"{history / 'uk-japan-2023.yaml'}@HEAD~1", load).agreement
    assert by_path == first


def test_since(history: Path) -> None:
    (history / "uk-us-2026.yaml").write_text(
        dump_yaml(dict(real_data("uk-japan-2023"), id="uk-us-2026")), "utf-8"
    )
    got = {f.id: f for f in since(history, "HEAD~1")}
    assert got["uk-us-2026"].status == "added"
    assert got["uk-japan-2023"].status == "changed"
    assert {c.path for c in got["uk-japan-2023"].changes} == {"term.notice.days", "areas[stockpiling]"}


@pytest.mark.parametrize(
    ("spec", "error", "message"),
    [
        ("uk-japan-2023@nosuch", UsageError, "unknown git revision"),
        ("uk-japan-2023@--output=/tmp/x", UsageError, "not a git revision"),
        ("uk-japn-2023@HEAD", NotFound, "did you mean uk-japan-2023"),
        ("uk-japn-2023", NotFound, "did you mean uk-japan-2023"),
        ("@HEAD", UsageError, "ID@REV"),
    ],
)
def test_resolve_errors(history: Path, spec: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        resolve(spec, lambda: Repository.load(history, use_cache=False))


def test_not_a_git_repository(tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "uk-japan-2023.yaml").write_bytes((AGREEMENTS / "uk-japan-2023.yaml").read_bytes())
    with pytest.raises(UsageError, match="not in a git repository"):
        since(folder, "HEAD")


def test_invalid_file_at_revision_is_a_data_error(history: Path) -> None:
    (history / "uk-japan-2023.yaml").write_text("id: [unclosed\n", "utf-8")
    git(history.parent, "commit", "-q", "-am", "broken")
    with pytest.raises(DataError, match="not a valid agreement"):
        resolve("uk-japan-2023@HEAD", lambda: Repository.load(history, use_cache=False))
    assert [f.status for f in since(history, "HEAD~1")] == ["invalid"]


def test_compare_names_the_link_both_ways_though_only_the_newer_file_stores_it() -> None:
    old, new = real_data("uk-japan-2023"), real_data("uk-japan-2023")
    new["id"], new["related"] = "uk-japan-2026", [{"id": "uk-japan-2023", "relation": "supersedes"}]
    old["related"] = []
    a, b = build(old), build(new)
    facts = {k: (x, y) for k, x, y in compare(a, b).facts}
    assert facts["related"] == ("superseded by uk-japan-2026", "supersedes uk-japan-2023")
    # Without the newer file, the older one has no link to show.
    alone = {k: (x, y) for k, x, y in compare(a, a).facts}
    assert alone["related"] == ("none", "none")


def test_compare_shows_entry_into_force_and_focus() -> None:
    data = real_data("uk-japan-2023")
    data["entry_into_force"] = {"how": "exchange-of-notes", "date": "2024-01-15"}
    data["focus"] = "broader"
    facts = {k: (x, y) for k, x, y in compare(build(real_data("uk-japan-2023")), build(data)).facts}
    assert facts["entry into force"] == ("not recorded", "exchange-of-notes, 2024-01-15")
    assert facts["focus"] == ("dedicated", "broader")


def test_qualifying_a_mineral_is_a_change_to_that_mineral() -> None:
    old, new = real_data("uk-japan-2023"), real_data("uk-japan-2023")
    old["minerals"] = ["lithium", "cobalt"]
    new["minerals"] = ["lithium", {"mineral": "cobalt", "named": "potential"}]
    review = {"date": "2024-05", "kind": "review-meeting", "summary": "Reviewed."}
    old["events"] = [review]
    new["events"] = [review, {"date": None, "kind": "talks", "summary": "Talks announced."}]
    got = [(c.path, c.kind) for c in changes(build(old), build(new))]
    assert got == [("minerals[cobalt]", "changed"), ("events[undated talks]", "added")]
