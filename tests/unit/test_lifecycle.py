"""The lifecycle engine: table-driven cases of the documented convention."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mineralpacts.analysis.lifecycle import (
    anniversary,
    date_bounds,
    deadlines,
    parse_day,
    period_end,
    status,
    status_matches,
)
from mineralpacts.errors import UsageError
from mineralpacts.model.agreement import Agreement, Period

D = dt.date.fromisoformat


def make(
    signed: str | None = "2023-10-28",
    term: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    signing_status: str = "signed",
) -> Agreement:
    """A minimal agreement; ``term`` defaults to the UK-Japan MoC's (3 years, 1 automatic renewal)."""
    if term is None:
        term = {
            "status": "stated",
            "commencement": {"from": "signature"},
            "initial_period": {"years": 3},
            "renewal": {"kind": "automatic", "period": {"years": 3}, "max_renewals": 1},
            "notice": {"days": 90, "written": True},
        }
    data: dict[str, Any] = {
        "id": "test-case-2023",
        "title": "Test memorandum",
        "instrument": "moc",
        "legally_binding": {"value": False},
        "parties": [{"code": "GB", "name": "United Kingdom"}, {"code": "JP", "name": "Japan"}],
        "signed": {"status": signing_status, **({"date": signed} if signed else {})},
        "disclosure": "full-text-public",
        "summary": "A test.",
        "term": term,
        "events": events or [],
        "sources": [{"url": "https://example.org/moc", "publisher": "Example", "kind": "official-text"}],
        "confidence": "high",
    }
    return Agreement.model_validate(data)


def stated(**changes: Any) -> dict[str, Any]:
    """A stated term commencing on signature, with ``changes`` applied."""
    base: dict[str, Any] = {"status": "stated", "commencement": {"from": "signature"}}
    base.update(changes)
    return base


UK_JAPAN = make()

# (agreement, on, state label, current term end, next deadline, next deadline kind)
CASES = [
    pytest.param(UK_JAPAN, "2023-10-27", "not-yet-in-force", None, None, None, id="uk-japan-before-signing"),
    pytest.param(
        UK_JAPAN,
        "2023-10-28",
        "initial-term",
        "2026-10-27",
        "2026-07-30",
        "notice-due",
        id="uk-japan-day-one",
    ),
    pytest.param(
        UK_JAPAN,
        "2026-07-30",
        "initial-term",
        "2026-10-27",
        "2026-07-30",
        "notice-due",
        id="uk-japan-notice-day",
    ),
    pytest.param(
        UK_JAPAN,
        "2026-07-31",
        "initial-term",
        "2026-10-27",
        "2026-10-27",
        "term-end",
        id="uk-japan-notice-passed",
    ),
    pytest.param(
        UK_JAPAN, "2026-10-27", "initial-term", "2026-10-27", "2026-10-27", "term-end", id="uk-japan-last-day"
    ),
    pytest.param(
        UK_JAPAN,
        "2026-10-28",
        "renewal-term-1",
        "2029-10-27",
        "2029-10-27",
        "term-end",
        id="uk-japan-renewed",
    ),
    pytest.param(
        UK_JAPAN,
        "2026-11-25",
        "renewal-term-1",
        "2029-10-27",
        "2029-10-27",
        "term-end",
        id="uk-japan-2026-11-25",
    ),
    pytest.param(
        UK_JAPAN,
        "2029-10-27",
        "renewal-term-1",
        "2029-10-27",
        "2029-10-27",
        "term-end",
        id="uk-japan-final-day",
    ),
    pytest.param(UK_JAPAN, "2029-10-28", "expired", None, None, None, id="uk-japan-expired"),
    # 29 February: the anniversary in a common year is 1 March, so the year ends on 28 February.
    pytest.param(
        make(
            "2024-02-29",
            stated(
                initial_period={"years": 1},
                renewal={"kind": "automatic", "period": {"years": 1}},
                notice={"days": 30},
            ),
        ),
        "2025-02-28",
        "initial-term",
        "2025-02-28",
        "2025-02-28",
        "term-end",
        id="leap-day-initial-ends-feb-28",
    ),
    pytest.param(
        make(
            "2024-02-29",
            stated(
                initial_period={"years": 1},
                renewal={"kind": "automatic", "period": {"years": 1}},
                notice={"days": 30},
            ),
        ),
        "2025-01-30",
        "initial-term",
        "2025-02-28",
        "2025-01-30",
        "notice-due",
        id="leap-day-notice-before-march-1",
    ),
    pytest.param(
        make(
            "2024-02-29",
            stated(initial_period={"years": 1}, renewal={"kind": "automatic", "period": {"years": 1}}),
        ),
        "2025-03-01",
        "renewal-term-1",
        "2026-02-28",
        "2026-02-28",
        "term-end",
        id="leap-day-renewal-starts-march-1",
    ),
    # No limit on renewals: the 10th renewal of a 2-year term.
    pytest.param(
        make(
            "2020-01-15",
            stated(
                initial_period={"years": 2},
                renewal={"kind": "automatic", "period": {"years": 2}},
                notice={"days": 60},
            ),
        ),
        "2041-06-01",
        "renewal-term-10",
        "2042-01-14",
        "2041-11-16",
        "notice-due",
        id="unlimited-renewals",
    ),
    # Renewal by agreement: expires unless a renewal is recorded.
    pytest.param(
        make(
            "2020-05-01",
            stated(initial_period={"years": 5}, renewal={"kind": "by-agreement", "period": {"years": 5}}),
        ),
        "2025-05-01",
        "expired",
        None,
        None,
        None,
        id="by-agreement-no-renewal-recorded",
    ),
    pytest.param(
        make(
            "2020-05-01",
            stated(initial_period={"years": 5}, renewal={"kind": "by-agreement", "period": {"years": 5}}),
            events=[{"date": "2025-03-10", "kind": "renewal", "summary": "Renewed for five years."}],
        ),
        "2025-05-01",
        "renewal-term-1",
        "2030-04-30",
        "2030-04-30",
        "term-end",
        id="by-agreement-renewal-recorded",
    ),
    pytest.param(
        make(
            "2020-05-01",
            stated(initial_period={"years": 5}, renewal={"kind": "by-agreement", "period": {"years": 5}}),
            events=[{"date": "2025-03-10", "kind": "renewal", "summary": "Renewed for five years."}],
        ),
        "2030-05-01",
        "expired",
        None,
        None,
        None,
        id="by-agreement-second-renewal-not-recorded",
    ),
    pytest.param(
        make(
            "2020-05-01",
            stated(initial_period={"years": 5}, renewal={"kind": "by-agreement", "period": {"years": 5}}),
            events=[{"date": "2025-05", "kind": "renewal", "summary": "Renewed in May."}],
        ),
        "2025-05-02",
        "unknown",
        None,
        None,
        None,
        id="by-agreement-renewal-month-straddles-end",
    ),
    # Discontinuation recorded as an event ends it, whatever the term says.
    pytest.param(
        make(events=[{"date": "2025-01-15", "kind": "discontinuation", "summary": "Japan gave notice."}]),
        "2025-01-15",
        "discontinued",
        None,
        None,
        None,
        id="discontinued-on-the-day",
    ),
    pytest.param(
        make(events=[{"date": "2025-01-15", "kind": "discontinuation", "summary": "Japan gave notice."}]),
        "2025-01-14",
        "initial-term",
        "2026-10-27",
        "2025-01-15",
        "discontinued",
        id="before-discontinuation",
    ),
    pytest.param(
        make(events=[{"date": "2025-01", "kind": "discontinuation", "summary": "Ended in January."}]),
        "2025-01-20",
        "unknown",
        None,
        None,
        None,
        id="discontinued-month-only",
    ),
    pytest.param(
        make(
            term={"status": "not-public"},
            events=[{"date": "2025-01", "kind": "discontinuation", "summary": "Ended in January."}],
        ),
        "2025-02-01",
        "discontinued",
        None,
        None,
        None,
        id="discontinued-term-unknown",
    ),
    # Partial signing dates: never a guessed day; a state only when every day gives the same answer.
    pytest.param(
        make("2024-11"), "2025-06-01", "initial-term", None, None, None, id="partial-signing-stated-term"
    ),
    pytest.param(
        make("2024-11"), "2027-11-15", "unknown", None, None, None, id="partial-signing-term-may-have-ended"
    ),
    pytest.param(
        make("2024-11"), "2024-10-31", "not-yet-in-force", None, None, None, id="partial-signing-before"
    ),
    pytest.param(
        make("2024-11", {"status": "silent"}),
        "2024-11-15",
        "unknown",
        None,
        None,
        None,
        id="partial-signing-silent-within-month",
    ),
    pytest.param(
        make("2024-11", {"status": "silent"}),
        "2024-12-01",
        "open-ended",
        None,
        None,
        None,
        id="partial-signing-silent-after-month",
    ),
    pytest.param(
        make("2024", stated(open_ended=True)),
        "2025-01-01",
        "open-ended",
        None,
        None,
        None,
        id="partial-year-open-ended",
    ),
    # No term published.
    pytest.param(
        make(term={"status": "not-public"}), "2025-01-01", "unknown", None, None, None, id="term-not-public"
    ),
    pytest.param(
        make(term={"status": "unknown"}), "2025-01-01", "unknown", None, None, None, id="term-unknown"
    ),
    pytest.param(
        make(term={"status": "not-public"}),
        "2020-01-01",
        "not-yet-in-force",
        None,
        None,
        None,
        id="term-not-public-before-signing",
    ),
    pytest.param(make(term=stated()), "2025-01-01", "unknown", None, None, None, id="stated-without-period"),
    pytest.param(
        make(signed=None, signing_status="announced"),
        "2025-01-01",
        "unknown",
        None,
        None,
        None,
        id="announced-not-signed",
    ),
    # Other term shapes.
    pytest.param(
        make("2022-06-01", stated(initial_period={"years": 2})),
        "2024-06-01",
        "expired",
        None,
        None,
        None,
        id="no-renewal-stated-expires",
    ),
    pytest.param(
        make(
            "2022-06-01",
            stated(
                commencement={"from": "date", "date": "2022-09-01"},
                initial_period={"years": 1},
                renewal={"kind": "none"},
            ),
        ),
        "2022-07-01",
        "not-yet-in-force",
        None,
        None,
        None,
        id="commences-after-signing",
    ),
    pytest.param(
        make("2022-01-31", stated(initial_period={"months": 1})),
        "2022-02-28",
        "initial-term",
        "2022-02-28",
        "2022-02-28",
        "term-end",
        id="month-end-clamped-to-next-month",
    ),
    pytest.param(
        make("2022-01-10", stated(initial_period={"years": 1}, renewal={"kind": "automatic"})),
        "2023-01-10",
        "unknown",
        None,
        None,
        None,
        id="automatic-without-renewal-period",
    ),
]


@pytest.mark.parametrize(("agreement", "on", "label", "term_end", "deadline", "kind"), CASES)
def test_status_table(
    agreement: Agreement, on: str, label: str, term_end: str | None, deadline: str | None, kind: str | None
) -> None:
    st = status(agreement, D(on))
    assert st.label == label, st.reason
    assert (st.term_end.isoformat() if st.term_end else None) == term_end
    nxt = st.next_deadline
    assert (nxt.date.isoformat() if nxt else None) == deadline
    assert (nxt.kind if nxt else None) == kind
    assert st.reason  # every state says why


def test_unknown_states_say_why() -> None:
    assert "not public" in status(make(term={"status": "not-public"}), D("2025-01-01")).reason
    assert "day" in status(make("2024-11"), D("2027-11-15")).reason
    assert "initial period" in status(make(term=stated()), D("2025-01-01")).reason


def test_uk_japan_deadlines_in_order() -> None:
    got = [(d.date.isoformat(), d.kind) for d in deadlines(UK_JAPAN, D("2100-01-01"))]
    assert got == [("2026-07-30", "notice-due"), ("2026-10-27", "term-end"), ("2029-10-27", "term-end")]


def test_unlimited_deadlines_stop_at_horizon() -> None:
    a = make(
        "2020-01-15",
        stated(initial_period={"years": 2}, renewal={"kind": "automatic", "period": {"years": 2}}),
    )
    got = deadlines(a, D("2030-01-01"))
    assert [d.date.isoformat() for d in got] == ["2022-01-14", "2024-01-14", "2026-01-14", "2028-01-14"]


def test_deadlines_stop_at_discontinuation() -> None:
    a = make(events=[{"date": "2026-01-15", "kind": "discontinuation", "summary": "Ended."}])
    assert [d.date.isoformat() for d in deadlines(a, D("2100-01-01"))] == []
    b = make(events=[{"date": "2027-01-15", "kind": "discontinuation", "summary": "Ended."}])
    assert [d.kind for d in deadlines(b, D("2100-01-01"))] == ["notice-due", "term-end"]


@pytest.mark.parametrize(
    ("start", "years", "months", "end"),
    [
        ("2023-10-28", 3, 0, "2026-10-27"),
        ("2024-02-29", 1, 0, "2025-02-28"),
        ("2024-02-29", 4, 0, "2028-02-28"),
        ("2023-01-31", 0, 1, "2023-02-28"),
        ("2024-01-31", 0, 1, "2024-02-29"),
        ("2023-08-31", 0, 6, "2024-02-29"),
        ("2023-01-01", 1, 0, "2023-12-31"),
    ],
)
def test_period_end(start: str, years: int, months: int, end: str) -> None:
    assert period_end(D(start), Period(years=years, months=months)) == D(end)


def test_leap_day_anniversary_is_march_first() -> None:
    assert anniversary(D("2024-02-29"), Period(years=1)) == D("2025-03-01")


def test_status_filter_names() -> None:
    st = status(UK_JAPAN, D("2026-11-25"))
    assert status_matches(st, {"in-force"})
    assert status_matches(st, {"renewal-term"}) and status_matches(st, {"renewal-term-1"})
    assert not status_matches(st, {"expired", "initial-term"})


def test_date_bounds_and_parse_day() -> None:
    assert date_bounds("2024-02") == (D("2024-02-01"), D("2024-02-29"))
    assert date_bounds("2023") == (D("2023-01-01"), D("2023-12-31"))
    assert parse_day("2026-07-30") == D("2026-07-30")
    with pytest.raises(UsageError, match="full date"):
        parse_day("2026-07")
    with pytest.raises(UsageError, match="not a real date"):
        parse_day("2026-02-30")


@pytest.mark.parametrize("on", ["2020-01-01", "2026-11-25", "2040-01-01"])
def test_every_real_agreement_has_a_state(on: str) -> None:
    from mineralpacts.store.repository import Repository

    for a in Repository.load(Path(__file__).resolve().parents[2] / "agreements", use_cache=False):
        st = status(a, D(on))
        assert st.reason, a.id
        assert st.next_deadline is None or st.next_deadline.date >= D(on)


# ------------------------------------------------------------------ issue 9: successions, entry into force,
# date windows, undated events, not-ended


def agreement(
    ident: str,
    signed: str | None,
    term: dict[str, Any],
    events: list[dict[str, Any]] | None = None,
    entry_into_force: dict[str, Any] | None = None,
    related: list[dict[str, Any]] | None = None,
) -> Agreement:
    """A minimal agreement with the format-2 fields this table needs."""
    data: dict[str, Any] = {
        "id": ident,
        "title": ident,
        "instrument": "agreement",
        "legally_binding": {"value": None},
        "parties": [{"code": "DE", "name": "Germany"}, {"code": "KZ", "name": "Kazakhstan"}],
        "signed": {"date": signed} if signed else {"status": "announced"},
        "disclosure": "summary-only",
        "summary": "A test.",
        "term": term,
        "events": events or [],
        "related": related or [],
        "sources": [{"url": "https://example.org/a", "publisher": "Example", "kind": "official-text"}],
        "confidence": "high",
    }
    if entry_into_force is not None:
        data["entry_into_force"] = entry_into_force
    return Agreement.model_validate(data)


SILENT = {"status": "silent"}
OLD = agreement("old-2012", "2012-02-08", SILENT)
NEW = agreement(
    "new-2024",
    "2024-05-10",
    {"status": "stated", "commencement": {"from": "entry-into-force"}, "initial_period": {"years": 5}},
    entry_into_force={"how": "ratification", "date": "2024-09-01"},
    related=[{"id": "old-2012", "relation": "supersedes"}],
)
SIGNED_ONLY = agreement(
    "new-2025", "2025-03-10", {"status": "not-public"}, related=[{"id": "old-2012", "relation": "supersedes"}]
)
OLD_ENDED_BY_EVENT = agreement(
    "old-2012",
    "2012-02-08",
    SILENT,
    events=[{"date": "2023-12-31", "kind": "discontinuation", "summary": "Ended by notice."}],
)
NOTES = agreement(
    "notes-2020",
    "2020-01-15",
    {"status": "unknown"},
    entry_into_force={"how": "exchange-of-notes", "date": "2020-03-01"},
)
WINDOW_SILENT = agreement("window-2021", "2021-05-03/2021-05-04", SILENT)
WINDOW_TERM = agreement(
    "window-2023",
    "2023-10-27/2023-10-28",
    {
        "status": "stated",
        "commencement": {"from": "signature"},
        "initial_period": {"years": 3},
        "renewal": {"kind": "automatic", "period": {"years": 3}, "max_renewals": 1},
    },
)
UNDATED_END = agreement(
    "undated-2022",
    "2022-06-01",
    SILENT,
    events=[
        {"date": "2024-03", "kind": "review-meeting", "summary": "Reviewed."},
        {"date": None, "kind": "talks", "summary": "Talks on a successor were announced."},
        {"date": None, "kind": "discontinuation", "summary": "Ended; the day is not reported."},
    ],
)
NOT_PUBLIC = agreement(
    "secret-2019",
    "2019-06-01",
    {"status": "not-public"},
    events=[{"date": "2023-05", "kind": "follow-up", "summary": "A roadmap."}],
)
EXPIRED = agreement(
    "fixed-2015",
    "2015-01-01",
    {"status": "stated", "commencement": {"from": "signature"}, "initial_period": {"years": 2}},
)

# (family, id, on, state label, in_force, not_ended, words the reason or line must contain)
ISSUE_9 = [
    # A superseded agreement before and after its successor commences (on entry into force).
    pytest.param(
        [OLD, NEW],
        "old-2012",
        "2024-08-31",
        "open-ended",
        True,
        True,
        "next: 2024-09-01, superseded by new-2024",
        id="superseded-before-successor-commences",
    ),
    pytest.param(
        [OLD, NEW],
        "old-2012",
        "2024-09-01",
        "superseded",
        False,
        False,
        "superseded by new-2024, which took effect 2024-09-01",
        id="superseded-when-successor-commences",
    ),
    pytest.param(
        [OLD],
        "old-2012",
        "2024-09-01",
        "open-ended",
        True,
        True,
        "the text states no end",
        id="without-successor-in-family",
    ),
    pytest.param(
        [OLD, SIGNED_ONLY],
        "old-2012",
        "2025-06-01",
        "unknown",
        None,
        None,
        "when it took effect is not recorded",
        id="successor-start-not-recorded",
    ),
    pytest.param(
        [OLD, SIGNED_ONLY],
        "old-2012",
        "2025-03-09",
        "open-ended",
        True,
        True,
        "",
        id="before-successor-signed",
    ),
    pytest.param(
        [OLD_ENDED_BY_EVENT, NEW],
        "old-2012",
        "2024-09-01",
        "discontinued",
        False,
        False,
        "discontinued 2023-12-31",
        id="event-says-otherwise",
    ),
    # Entry into force after signature starts the term.
    pytest.param(
        [OLD, NEW],
        "new-2024",
        "2024-06-01",
        "not-yet-in-force",
        False,
        False,
        "enters into force 2024-09-01",
        id="signed-not-yet-in-force",
    ),
    pytest.param(
        [OLD, NEW],
        "new-2024",
        "2024-09-01",
        "initial-term",
        True,
        True,
        "(2024-09-01 to 2029-08-31)",
        id="entry-into-force-starts-term",
    ),
    pytest.param(
        [NOTES],
        "notes-2020",
        "2020-02-01",
        "not-yet-in-force",
        False,
        False,
        "enters into force 2020-03-01",
        id="eif-term-unknown-before",
    ),
    pytest.param(
        [NOTES],
        "notes-2020",
        "2021-01-01",
        "unknown",
        None,
        True,
        "in force from 2020-03-01 (exchange of notes)",
        id="eif-term-unknown-after",
    ),
    # A two-day window: the same answer for both days, and one where the days differ.
    pytest.param(
        [WINDOW_SILENT], "window-2021", "2021-05-04", "open-ended", True, True, "", id="window-same-answer"
    ),
    pytest.param(
        [WINDOW_SILENT],
        "window-2021",
        "2021-05-03",
        "unknown",
        None,
        None,
        "the day is not recorded",
        id="window-answers-differ",
    ),
    pytest.param(
        [WINDOW_TERM],
        "window-2023",
        "2026-11-30",
        "renewal-term-1",
        True,
        True,
        "every day it could have commenced",
        id="window-fixed-term-same",
    ),
    pytest.param(
        [WINDOW_TERM],
        "window-2023",
        "2026-10-27",
        "unknown",
        None,
        True,
        "cannot be computed",
        id="window-fixed-term-differs",
    ),
    # Undated events: kept in order between their neighbours.
    pytest.param(
        [UNDATED_END],
        "undated-2022",
        "2024-02-15",
        "open-ended",
        True,
        True,
        "",
        id="undated-end-not-before-earlier-event",
    ),
    pytest.param(
        [UNDATED_END],
        "undated-2022",
        "2025-01-01",
        "unknown",
        None,
        None,
        "discontinued on a day that is not recorded",
        id="undated-end-after",
    ),
    # not-ended beside the exact states.
    pytest.param(
        [NOT_PUBLIC],
        "secret-2019",
        "2026-11-30",
        "unknown",
        None,
        True,
        "signed 2019-06-01; no end recorded; last recorded activity 2023-05 (follow up)",
        id="not-ended-unknown-term",
    ),
    pytest.param([EXPIRED], "fixed-2015", "2026-11-30", "expired", False, False, "", id="expired-is-ended"),
]


@pytest.mark.parametrize(("family", "ident", "on", "label", "in_force", "not_ended", "words"), ISSUE_9)
def test_issue_9_table(
    family: list[Agreement],
    ident: str,
    on: str,
    label: str,
    in_force: bool | None,
    not_ended: bool | None,
    words: str,
) -> None:
    from mineralpacts.analysis.lifecycle import Family

    fam = Family.of(family)
    st = status(fam.agreements[ident], D(on), fam)
    assert st.label == label, st.describe()
    assert st.in_force is in_force and st.not_ended is not_ended, st.describe()
    assert words in st.describe()
    assert status_matches(st, {"not-ended"}) is bool(not_ended)
    row = st.as_dict()
    assert row["in_force"] is in_force and row["not_ended"] is not_ended  # unknown is null, never false


def test_successor_is_named_both_ways() -> None:
    from mineralpacts.analysis.lifecycle import Family

    fam = Family.of([OLD, NEW])
    old, new = status(OLD, D("2025-01-01"), fam), status(NEW, D("2025-01-01"), fam)
    assert old.as_dict()["superseded_by"] == "new-2024" and new.as_dict()["supersedes"] == "old-2012"
    assert [d.kind for d in deadlines(OLD, D("2100-01-01"), fam)] == []


def test_status_filter_not_ended_uses_the_repository() -> None:
    from mineralpacts.analysis.lifecycle import status_filter

    keep = status_filter(["not-ended"], D("2024-09-01"), [OLD, NEW])
    assert [a.id for a in (OLD, NEW) if keep(a)] == ["new-2024"]
    assert status_filter(["not-ended"], D("2024-09-01"))(OLD)  # without the successor it runs on
    with pytest.raises(UsageError, match="not-ended"):
        status_filter(["not-endd"], D("2024-09-01"))


def test_undated_events_are_ordered_shown_and_left_out_of_the_calendar() -> None:
    from mineralpacts.analysis.timeline import timeline, to_ics

    entries = [e for e in timeline([UNDATED_END], horizon=D("2030-01-01")) if e.id == "undated-2022"]
    assert [(e.date, e.kind) for e in entries] == [
        ("2022-06-01", "signed"),
        ("2024-03", "review-meeting"),
        (None, "talks"),
        (None, "discontinuation"),
    ]
    assert entries[2].as_dict()["undated"] is True
    pytest.importorskip("icalendar")
    ics = to_ics(entries, dt.datetime(2026, 11, 30, tzinfo=dt.UTC)).decode()
    assert ics.count("BEGIN:VEVENT") == 1 and "talks" not in ics


def test_worked_examples_in_the_docs() -> None:
    """Every row of docs/lifecycle.md's worked-examples tables is what the engine prints."""
    import re

    from mineralpacts.analysis.lifecycle import Family

    withdrawn = agreement(
        "uk-japan-2023",
        "2023-10-28",
        {
            "status": "stated",
            "commencement": {"from": "signature"},
            "initial_period": {"years": 3},
            "renewal": {"kind": "automatic", "period": {"years": 3}, "max_renewals": 1},
            "notice": {"days": 90, "written": True, "ref": "4.5"},
        },
        events=[
            {"date": "2025-03-03", "kind": "other", "summary": "The UK gave Japan written notice (4.5)."},
            {
                "date": "2025-06-01",
                "kind": "discontinuation",
                "summary": "Discontinued 90 days after the UK's written notice of 3 March 2025 (4.5).",
            },
        ],
    )
    undated = agreement(
        "undated-2022",
        "2022-06-01",
        {"status": "not-public"},
        events=[
            {"date": "2024-03", "kind": "review-meeting", "summary": "Reviewed."},
            {"date": None, "kind": "talks", "summary": "Talks on a joint project announced."},
        ],
    )
    family = Family.of([OLD, NEW, WINDOW_SILENT, undated, withdrawn])
    text = (Path(__file__).resolve().parents[2] / "docs" / "lifecycle.md").read_text("utf-8")
    section = text.split("## Worked examples: what the record says", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (\d{4}-\d{2}-\d{2}) \| (.+) \|$", section, re.M)
    assert len(rows) == 9
    for ident, on, line in rows:
        assert status(family.agreements[ident], D(on), family).describe() == line
