"""Fields of format version 1 that version 2 renamed or replaced, found and migrated.

A version-1 file is never misread: :func:`legacy_fields` names each old field with the new one
(``pacts validate`` reports them), and :func:`migrate` rewrites the data (``pacts fmt
--migrate`` keeps the comments).
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["MIGRATE_HINT", "legacy_fields", "migrate"]

FieldPath = tuple[str | int, ...]

MIGRATE_HINT = "run `pacts fmt --migrate`"


def _term(data: Any) -> dict[str, Any] | None:
    term = data.get("term") if isinstance(data, dict) else None
    return term if isinstance(term, dict) else None


def legacy_fields(data: Any) -> list[tuple[FieldPath, str]]:
    """(path of the old key, message naming the new field) for every version-1 field in ``data``."""
    out: list[tuple[FieldPath, str]] = []
    term = _term(data)
    if term is None:
        return out
    commencement = term.get("commencement")
    if isinstance(commencement, dict) and "on" in commencement and "from" not in commencement:
        out.append(
            (
                ("term", "commencement", "on"),
                f"`on` was renamed `from` (YAML 1.1 reads `on` as true); {MIGRATE_HINT}",
            )
        )
    if "notice_days" in term and "notice" not in term:
        out.append(
            (
                ("term", "notice_days"),
                "`notice_days` was replaced by `notice: {days: N}` (add `written: true` only when the "
                f"text says the notice is written); {MIGRATE_HINT}",
            )
        )
    return out


def migrate(data: Any) -> tuple[Any, dict[FieldPath, FieldPath]]:
    """``data`` in format version 2, and which old key paths became which new ones.

    ``on`` becomes ``from`` (same value); ``notice_days: N`` becomes ``notice: {days: N}``
    (``written`` is left out: version 1 did not record whether the text says written notice),
    and ``notice_days: null`` is dropped.
    Data without version-1 fields comes back equal.
    """
    moved: dict[FieldPath, FieldPath] = {}
    if not legacy_fields(data):
        return data, moved
    data = copy.deepcopy(data)
    term = _term(data)
    assert term is not None  # legacy_fields found something under term
    commencement = term.get("commencement")
    if isinstance(commencement, dict) and "on" in commencement and "from" not in commencement:
        term["commencement"] = {("from" if k == "on" else k): v for k, v in commencement.items()}
        moved[("term", "commencement", "on")] = ("term", "commencement", "from")
    if "notice_days" in term and "notice" not in term:
        days = term["notice_days"]
        # ``notice_days: null`` said nothing about notice, so it is dropped, not turned into
        # ``notice: {days: null}`` (which would claim the text requires notice).
        data["term"] = {
            ("notice" if k == "notice_days" else k): ({"days": days} if k == "notice_days" else v)
            for k, v in term.items()
            if k != "notice_days" or days is not None
        }
        moved[("term", "notice_days")] = ("term", "notice")
    return data, moved
