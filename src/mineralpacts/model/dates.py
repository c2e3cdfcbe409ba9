"""Dates as the sources give them: a day, a month or a year, or a window, never a day invented.

A date field holds text in one of these forms (format version 2):

* ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: a partial date, as precise as the sources are;
* ``A/B``: a day known to lie between two dates, inclusive (ISO 8601-2 / EDTF interval style),
  each bound itself partial: ``2021-05-03/2021-05-04``, ``2018-04/2018-05``;
* ``../B``: on or before B; ``A/..``: on or after A.

:func:`date_bounds` gives the earliest and latest day any form could be (an open end is
``datetime.date.min`` or ``max``), which is how the lifecycle reasons about it: a state is given
only when every possible day gives the same answer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

__all__ = [
    "DATE_PATTERN",
    "DAY_PATTERN",
    "OPEN",
    "PartialDate",
    "date_anchor",
    "date_bounds",
    "date_words",
    "date_year",
    "is_exact",
    "parse_partial_date",
]

_ONE = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
#: One partial date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
DAY_PATTERN = rf"^{_ONE}$"
#: Any date form a date field accepts: a partial date, ``A/B``, ``../B`` or ``A/..``.
DATE_PATTERN = rf"^({_ONE}|{_ONE}/{_ONE}|\.\./{_ONE}|{_ONE}/\.\.)$"
#: How an open end of a window is written.
OPEN = ".."


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """Split ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into (year, month, day); reject impossible dates."""
    if not re.match(DAY_PATTERN, text):
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    year, month, day = (
        parts[0],
        (parts[1] if len(parts) > 1 else None),
        (parts[2] if len(parts) > 2 else None),
    )
    if day is not None and month is not None:
        dt.date(year, month, day)  # raises ValueError for 2023-02-30
    return year, month, day


def _one_bounds(text: str) -> tuple[dt.date, dt.date]:
    year, month, day = parse_partial_date(text)
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day), dt.date(year, month, day)


def date_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The earliest and latest day a date field could mean.

    ``2024-02`` -> (2024-02-01, 2024-02-29); ``2021-05-03/2021-05-04`` -> (2021-05-03,
    2021-05-04); ``../2021-05-04`` -> (date.min, 2021-05-04); ``2021-05-04/..`` -> (2021-05-04,
    date.max). Raises ``ValueError`` for text that is none of the forms.
    """
    if "/" not in text:
        return _one_bounds(text)
    start, _, end = text.partition("/")
    if start == OPEN and end == OPEN:
        raise ValueError(f"{text!r} has no bound; write null for a date that is not known")
    first = dt.date.min if start == OPEN else _one_bounds(start)[0]
    last = dt.date.max if end == OPEN else _one_bounds(end)[1]
    if first > last:
        raise ValueError(f"{text!r}: the start {start} is after the end {end}")
    return first, last


def is_exact(text: str) -> bool:
    """True when the date field names one day."""
    first, last = date_bounds(text)
    return first == last


def date_anchor(text: str) -> dt.date:
    """The day to sort or plot a date by: its earliest day, or its latest for ``../B``."""
    first, last = date_bounds(text)
    return last if first == dt.date.min else first


def date_year(text: str) -> int | None:
    """The year of the date when every day it could be lies in one year, else None."""
    first, last = date_bounds(text)
    return first.year if first.year == last.year else None


def date_words(text: str) -> str:
    """The date in words for people: ``between 2021-05-03 and 2021-05-04``, ``on or before 2021``."""
    if "/" not in text:
        return text
    start, _, end = text.partition("/")
    if start == OPEN:
        return f"on or before {end}"
    if end == OPEN:
        return f"on or after {start}"
    return f"between {start} and {end}"


def _date_to_text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_partial_date(value: str) -> str:
    if not re.match(DATE_PATTERN, value):
        raise ValueError(
            f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, a window A/B, ../B or A/.."
        )
    try:
        date_bounds(value)
    except ValueError as exc:
        raise ValueError(
            str(exc).replace("day is out of range for month", f"{value} is not a real date")
        ) from None
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_check_partial_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": (
                "A date as precise as the sources allow: YYYY-MM-DD, YYYY-MM or YYYY; a day between "
                "two bounds A/B (inclusive, each bound may be partial); ../B (on or before B); "
                "A/.. (on or after A)."
            ),
        }
    ),
]
