"""The real data, held to account: every file in agreements/ is valid and consistent."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from mineralpacts.check.validate import validate_paths
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.vocab import is_party_code, terms
from mineralpacts.store.repository import Repository
from tests.conftest import AGREEMENTS

FILES = sorted(AGREEMENTS.glob("*.yaml"))


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return validate_paths([AGREEMENTS])


def test_founding_agreements_are_present() -> None:
    assert {"uk-japan-2023", "uk-us-2026"} <= {p.stem for p in FILES}


def test_repository_has_no_errors(report: Any) -> None:
    assert report.ok, "\n".join(map(str, report.errors))


def test_every_file_loads_into_the_model(report: Any) -> None:
    assert len(report.files) == len(FILES)
    assert all(r.agreement is not None for r in report.files)


def test_ids_unique_and_equal_to_file_names(report: Any) -> None:
    ids = [r.agreement.id for r in report.files]
    assert len(ids) == len(set(ids))
    assert ids == [p.stem for p in FILES]


def test_related_targets_exist(report: Any) -> None:
    ids = {r.agreement.id for r in report.files}
    for r in report.files:
        for link in r.agreement.related:
            assert link.id in ids, f"{r.agreement.id} -> {link.id}"


def test_every_related_link_has_its_counterpart_on_the_other_file(report: Any, invoke: Any) -> None:
    from mineralpacts.model.relations import inverse, links

    agreements = [r.agreement for r in report.files]
    by_id = links(agreements)
    stored = [(a.id, link.id, link.relation) for a in agreements for link in a.related]
    assert stored, "the corpus has links"
    for source, target, relation in stored:
        assert any(back.target == source and back.relation == inverse(relation) for back in by_id[target]), (
            f"{target} does not show {inverse(relation)} {source}"
        )
    # and `pacts show` on either file names the other
    source, target, _ = stored[0]
    assert target in invoke("show", source).stdout and source in invoke("show", target).stdout


def test_terms_codes_and_dates(report: Any) -> None:
    areas, today = set(terms("area")), dt.date.today().isoformat()
    for r in report.files:
        a: Agreement = r.agreement
        assert {x.area for x in a.areas} <= areas
        assert all(is_party_code(c) for c in a.party_codes), a.id
        if a.signed.date:
            assert a.signed.date <= today, a.id


def test_uk_japan_term_is_encoded_from_the_text() -> None:
    a = Repository.load(AGREEMENTS, use_cache=False).get("uk-japan-2023")
    assert a.term.status == "stated"
    assert a.term.initial_period is not None and a.term.initial_period.years == 3
    assert a.term.renewal is not None and (a.term.renewal.kind, a.term.renewal.max_renewals) == (
        "automatic",
        1,
    )
    assert a.term.notice is not None and a.term.notice.days == 90
    assert a.legally_binding.value is False and a.legally_binding.ref == "4.1"
    assert [x.ref for x in a.scope.items] == ["1.1", "1.2", "1.3"]
    assert {x.ref for x in a.areas} >= {"2.1", "2.2", "2.3", "2.4", "2.5", "2.6(1)", "2.6(2)"}
    assert (a.signed.date, a.signed.place.city if a.signed.place else None) == ("2023-10-28", "Osaka")


def test_uk_us_signing_date_discrepancy_is_recorded() -> None:
    a = Repository.load(AGREEMENTS, use_cache=False).get("uk-us-2026")
    (d,) = [d for d in a.discrepancies if d.field == "signed.date"]
    assert [v.value for v in d.values][:2] == ["2026-02-04", "2026-02-05"]
    assert a.signed.date == "2026-02-04"
    assert {u.field for u in a.unknown} >= {"languages", "term"}


@pytest.fixture(scope="module")
def repository() -> Repository:
    return Repository.load(AGREEMENTS, use_cache=False)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_show_json_round_trips_to_the_same_model(path: Any, invoke: Any, repository: Repository) -> None:
    result = invoke("show", path.stem, "--format", "json")
    assert result.exit_code == 0, result.stderr
    again = Agreement.model_validate(json.loads(result.stdout))
    assert again == repository.get(path.stem)
