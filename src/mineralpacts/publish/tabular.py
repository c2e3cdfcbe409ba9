"""Helpers for tabular output (CSV, spreadsheets): cells that cannot run as formulas."""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_PREFIXES", "safe_cell"]

#: Leading characters that make spreadsheet programs evaluate a cell (CWE-1236).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return ``value`` with a leading apostrophe when it is text a spreadsheet would run.

    Numbers are left alone; text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return is prefixed with ``'`` so that Excel, LibreOffice and Sheets show it as text.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
