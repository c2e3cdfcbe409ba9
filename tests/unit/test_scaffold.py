"""The scaffold of a new agreement: the id convention, every field, TODOs that validation reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mineralpacts.check.validate import validate_paths
from mineralpacts.errors import UnknownParty, UsageError
from mineralpacts.files.fmt import MODELINE, format_text
from mineralpacts.files.load import load_text
from mineralpacts.files.scaffold import Draft, derive_id, parse_place, render_draft, todo_lines, write_new
from mineralpacts.model.agreement import Agreement


@pytest.mark.parametrize(
    ("codes", "date", "expected"),
    [
        (["GB", "AU"], "2023-06-20", "australia-uk-2023"),
        (["US", "UA"], "2025-04", "ukraine-us-2025"),
        (["EU", "NA"], "2022", "eu-namibia-2022"),
        (["SA", "GB"], "2025-01-14", "saudi-arabia-uk-2025"),
        (["CD", "US"], "2025", "drc-us-2025"),
    ],
)
def test_id_is_sorted_party_slugs_then_year(codes: list[str], date: str, expected: str) -> None:
    assert derive_id(codes, date) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Osaka, Japan", ("Osaka", "JP")),
        ("Washington, DC", ("Washington, DC", None)),
        ("Washington, DC, USA", ("Washington, DC", "US")),
        ("Osaka", ("Osaka", None)),
        ("Japan", (None, "JP")),
        ("  ", (None, None)),
    ],
)
def test_place_splits_city_and_country(text: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_place(text) == expected


def _draft(**kw: object) -> Draft:
    base: dict[str, object] = {
        "parties": ["UK", "Australia"],
        "date": "2023-06-20",
        "today": dt.date(2024, 1, 2),
    }
    base.update(kw)
    return Draft(**base)  # type: ignore[arg-type]


def test_scaffold_has_every_model_field_and_the_modeline() -> None:
    ident, text = render_draft(_draft(place="Paris, France", instrument="mou"))
    doc = load_text(text)
    assert ident == "australia-uk-2023" and doc.ok
    assert text.splitlines()[0] == MODELINE
    assert list(doc.data) == list(Agreement.model_fields)
    assert doc.data["parties"][0] == {
        "code": "GB",
        "name": "United Kingdom",
        "represented_by": None,
        "signatories": [],
    }
    assert doc.data["signed"]["place"] == {"city": "Paris", "country": "FR"}
    assert doc.data["sources"][0]["accessed"] == "2024-01-02"
    assert format_text(text) == text  # already in the canonical layout


def test_every_todo_line_is_reported_by_validate_and_nothing_else(tmp_path: Path) -> None:
    ident, text = render_draft(_draft())
    path = tmp_path / f"{ident}.yaml"
    path.write_text(text)
    report = validate_paths([str(path)])
    assert not report.ok
    assert {d.line for d in report.errors} == set(todo_lines(text))
    assert not report.warnings


def test_what_the_flags_give_is_not_marked_todo() -> None:
    _, text = render_draft(
        _draft(
            title="A title",
            instrument="mou",
            source="https://example.org/x",
            publisher="X",
            source_kind="news",
        )
    )
    doc = load_text(text)
    assert doc.data["title"] == "A title" and doc.data["instrument"] == "mou"
    for line in todo_lines(text):
        assert not text.splitlines()[line - 1].lstrip().startswith(("title:", "instrument:", "url:", "kind:"))


def test_a_filled_in_scaffold_validates(tmp_path: Path) -> None:
    ident, text = render_draft(
        _draft(
            title="A title",
            instrument="mou",
            source="https://example.org/x",
            publisher="X",
            source_kind="news",
        )
    )
    filled = (
        text.replace("title_official: TODO", "title_official: true")
        .replace("value: TODO", "value: null")
        .replace("languages: TODO", "languages: []")
        .replace("disclosure: TODO", "disclosure: announcement-only")
        .replace("summary: null", "summary: Cooperation on critical minerals.")
        .replace("areas: TODO", "areas: []")
        .replace("minerals: TODO", "minerals: []")
        .replace("status: TODO", "status: unknown")
        .replace("supports: TODO", "supports: [signed.date]")
        .replace("confidence: TODO", "confidence: low")
    )
    path = tmp_path / f"{ident}.yaml"
    path.write_text(filled)
    report = validate_paths([str(path)])
    assert report.ok, [str(d) for d in report.errors]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"parties": ["UK"]}, "at least two parties"),
        ({"parties": ["UK", "Britain"]}, "given twice"),
        ({"date": "2023-02-30"}, "not a real date"),
        ({"date": None}, "pass --date"),
        ({"instrument": "memo"}, "not a term of the instrument vocabulary"),
        ({"source": "example.org"}, "not an http"),
        ({"ident": "Bad Id"}, "not a valid id"),
    ],
)
def test_bad_input_is_a_usage_error_naming_the_remedy(kw: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        render_draft(_draft(**kw))


def test_unknown_party_suggests_the_closest() -> None:
    with pytest.raises(UnknownParty, match="Japan"):
        render_draft(_draft(parties=["UK", "Japn"]))


def test_write_new_refuses_to_overwrite_and_hints_at_id(tmp_path: Path) -> None:
    path = write_new(tmp_path, _draft())
    assert path.name == "australia-uk-2023.yaml"
    before = path.read_bytes()
    with pytest.raises(UsageError, match=r"already exists.*--id australia-uk-2023-"):
        write_new(tmp_path, _draft())
    assert path.read_bytes() == before
    second = write_new(tmp_path, _draft(ident="australia-uk-2023-mou"))
    assert second.name == "australia-uk-2023-mou.yaml"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "australia-uk-2023-mou.yaml",
        "australia-uk-2023.yaml",
    ]


def test_write_new_refuses_when_a_yml_file_has_the_id(tmp_path: Path) -> None:
    (tmp_path / "australia-uk-2023.yml").write_text("id: australia-uk-2023\n")
    with pytest.raises(UsageError, match="already exists"):
        write_new(tmp_path, _draft())
