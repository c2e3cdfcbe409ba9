"""Dates as the sources give them: a day, a month or a year, never a day invented.

A partial date is text: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. :func:`date_bounds` gives the
first and last day it could be, which is how the lifecycle reasons about it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

__all__ = ["DATE_PATTERN", "PartialDate", "date_bounds", "parse_partial_date"]

DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """Split ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into (year, month, day); reject impossible dates."""
    if not re.match(DATE_PATTERN, text):
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


def date_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date could be: ``2024-02`` -> (2024-02-01, 2024-02-29)."""
    year, month, day = parse_partial_date(text)
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day), dt.date(year, month, day)


def _date_to_text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_partial_date(value: str) -> str:
    try:
        parse_partial_date(value)
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
            "description": "A date, as precise as the sources allow: YYYY-MM-DD, YYYY-MM or YYYY.",
        }
    ),
]
