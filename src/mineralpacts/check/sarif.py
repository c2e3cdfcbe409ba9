"""SARIF 2.1.0 output of ``pacts validate --format sarif``, for GitHub code scanning and other tools.

One run, the tool ``pacts`` with one rule per diagnostic code of
:data:`mineralpacts.diagnostics.CODES` (so rule indices are stable across runs), one result per
diagnostic, each located by file, line and column, and by its field path as a logical location.
Paths are written as relative URIs against ``%SRCROOT%`` (absolute paths as ``file://`` URIs),
which is what ``github/codeql-action/upload-sarif`` expects.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from mineralpacts.check.validate import Report
from mineralpacts.diagnostics import CODES, Diagnostic

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "sarif_log"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://mineralpacts.github.io/"

_LAYERS = {"Y": "yaml", "S": "schema", "M": "model", "R": "repository", "W": "data-quality"}
_RULE_INDEX = {code: i for i, code in enumerate(CODES)}


def _uri(path: str) -> tuple[str, str | None]:
    """A SARIF artifact URI for a diagnostic path, and its base id (None for absolute URIs)."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri(), None
    return quote(PurePosixPath(*p.parts).as_posix(), safe="/"), "%SRCROOT%"


def _rule_name(title: str) -> str:
    """``"file cannot be read"`` -> ``FileCannotBeRead`` (SARIF's readable rule name)."""
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return "".join(w[:1].upper() + w[1:] for w in words)


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": code,
            "name": _rule_name(title),
            "shortDescription": {"text": title},
            "defaultConfiguration": {"level": severity},
            "properties": {"tags": [_LAYERS.get(code[0], "other")]},
        }
        for code, (severity, title) in CODES.items()
    ]


def _result(d: Diagnostic) -> dict[str, Any]:
    uri, base = _uri(d.path)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": max(d.line, 1), "startColumn": max(d.col, 1)},
        }
    }
    if d.field:
        location["logicalLocations"] = [{"fullyQualifiedName": d.field, "kind": "member"}]
    text = d.message + (f" ({d.field})" if d.field else "")
    if d.hints:
        text += " Hint: " + "; ".join(d.hints)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": "error" if d.severity == "error" else "warning",
        "message": {"text": text},
        "locations": [location],
    }
    if d.code in _RULE_INDEX:
        result["ruleIndex"] = _RULE_INDEX[d.code]
    return result


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF 2.1.0 log of a validation report, as plain JSON-ready data."""
    from mineralpacts import __version__

    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pacts",
                        "fullName": "mineralpacts validate",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": _rules(),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(d) for d in report.diagnostics],
            }
        ],
    }
