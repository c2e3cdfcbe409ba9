"""Reporters: one validation :class:`~mineralpacts.check.validate.Report`, several ways to show it.

Each reporter turns a report into text; :data:`REPORTERS` maps a ``--format`` name to a class,
and :func:`register_reporter` lets another module add one (the SARIF log itself is built in :mod:`mineralpacts.check.sarif`).
"""

from __future__ import annotations

import json
from typing import ClassVar

from mineralpacts.check import sarif
from mineralpacts.check.validate import Report
from mineralpacts.diagnostics import Diagnostic

__all__ = [
    "REPORTERS",
    "GithubReporter",
    "JsonReporter",
    "Reporter",
    "TextReporter",
    "get_reporter",
    "register_reporter",
]


class Reporter:
    """Base class: ``render(report)`` returns the whole output as one string."""

    name: ClassVar[str] = ""

    def render(self, report: Report) -> str:
        """The report as text, ending with a newline (or empty)."""
        raise NotImplementedError


def _summary(report: Report) -> str:
    n_err, n_warn, n_files = len(report.errors), len(report.warnings), len(report.files)
    files = f"{n_files} file{'s' if n_files != 1 else ''}"
    bad = len({d.path for d in report.errors})
    if not n_err:
        tail = f", {n_warn} warning{'s' if n_warn != 1 else ''}" if n_warn else ""
        return f"{files} valid{tail}"
    more = f", {report.omitted:,} more not shown" if report.omitted else ""
    warnings = f"{n_warn} warning{'s' if n_warn != 1 else ''}"
    return f"{n_err} error{'s' if n_err != 1 else ''} in {bad} of {files}{more}, {warnings}"


class TextReporter(Reporter):
    """Compiler-style lines, errors first then warnings, then a one-line summary."""

    name = "text"

    def render(self, report: Report) -> str:
        lines = [str(d) for d in report.errors]
        if report.warnings:
            if lines:
                lines.append("")
            lines += [str(d) for d in report.warnings]
        if lines:
            lines.append("")
        lines.append(_summary(report))
        return "\n".join(lines) + "\n"


class JsonReporter(Reporter):
    """One JSON object: ok, counts, errors and warnings as lists of diagnostic objects."""

    name = "json"

    def render(self, report: Report) -> str:
        data = {
            "ok": report.ok,
            "files": len(report.files),
            "summary": _summary(report),
            "omitted": report.omitted,
            "errors": [d.to_dict() for d in report.errors],
            "warnings": [d.to_dict() for d in report.warnings],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on its line."""

    name = "github"

    def render(self, report: Report) -> str:
        lines = [self._line(d) for d in report.diagnostics]
        lines.append(_summary(report))
        return "\n".join(lines) + "\n"

    @staticmethod
    def _line(d: Diagnostic) -> str:
        level = "error" if d.severity == "error" else "warning"
        props = f"file={_gh_escape(d.path, True)},line={d.line},col={d.col},title={_gh_escape(d.code, True)}"
        field = f" ({d.field})" if d.field else ""
        return f"::{level} {props}::{_gh_escape(d.message + field)}"


class SarifReporter(Reporter):
    """One SARIF 2.1.0 log (JSON) holding every diagnostic of the report."""

    name = "sarif"

    def render(self, report: Report) -> str:
        return json.dumps(sarif.sarif_log(report), indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, type[Reporter]] = {
    r.name: r for r in (TextReporter, JsonReporter, GithubReporter, SarifReporter)
}


def register_reporter(cls: type[Reporter]) -> type[Reporter]:
    """Add a reporter class under its ``name`` (usable as a decorator)."""
    REPORTERS[cls.name] = cls
    return cls


def get_reporter(name: str) -> Reporter:
    """An instance of the reporter called ``name``."""
    from mineralpacts.errors import UsageError

    if name not in REPORTERS:
        raise UsageError(f"unknown format {name!r}; choose from {', '.join(sorted(REPORTERS))}")
    return REPORTERS[name]()
