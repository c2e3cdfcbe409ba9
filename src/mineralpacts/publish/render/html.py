"""One agreement as an HTML page, and the Jinja2 environment every HTML page of the site uses.

Templates live in ``render/templates/`` and are rendered with autoescaping on, so text from the
data (titles, summaries, names) can never become markup. Addresses in ``href`` come only from
fields the model checks (``http(s)://`` sources) or from ids and codes with a fixed pattern.

Status and deadlines come from :mod:`mineralpacts.analysis.lifecycle` (:func:`standing`), the same
engine and the same status line as ``pacts show`` and ``pacts status``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mineralpacts.analysis import lifecycle
from mineralpacts.analysis.periods import Deadline
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.dates import date_words
from mineralpacts.model.relations import LABELS, Link
from mineralpacts.model.vocab import country_name, definition, label
from mineralpacts.publish.render.markdown import mineral_text, period_text, term_lines

if TYPE_CHECKING:
    import jinja2

    from mineralpacts.analysis.lifecycle import Family

__all__ = ["Deadline", "Standing", "environment", "page_context", "render_html", "standing"]

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Period:
    """A stretch of time the agreement runs: the initial term, a renewal, or open-ended."""

    start: dt.date
    end: dt.date | None
    kind: str


@dataclass(frozen=True)
class Standing:
    """Where an agreement stands on a date, as the lifecycle engine computes it."""

    on: dt.date
    status: str
    label: str
    deadlines: tuple[Deadline, ...] = ()
    periods: tuple[Period, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    links: tuple[Link, ...] = ()


def standing(a: Agreement, on: dt.date | None = None, family: Family | None = None) -> Standing:
    """The status, deadlines, term periods and links of ``a`` on date ``on`` (default today).

    ``label`` is the lifecycle's one status line (:meth:`~mineralpacts.analysis.lifecycle.Status.describe`,
    as ``pacts show`` prints it). Deadlines are every computed date from commencement to
    :data:`~mineralpacts.analysis.lifecycle.HORIZON_YEARS` after ``on``. ``family`` (the
    repository) lets successors end ``a`` and names the links other files record.
    """
    on = on or dt.date.today()
    stored = tuple(Link(a.id, r.id, r.relation, r.note) for r in a.related)
    st = lifecycle.status(a, on, family)
    until = lifecycle.horizon(on)
    found = {(d.date, d.kind): d for d in lifecycle.deadlines(a, until, family)}
    for d in st.deadlines:
        found.setdefault((d.date, d.kind), d)
    dls = tuple(sorted(found.values(), key=lambda d: (d.date, d.kind)))
    return Standing(
        on=on,
        status=st.label,
        label=st.describe(),
        deadlines=dls,
        periods=_periods(a, st, dls),
        links=st.links if family is not None else stored,
    )


def _periods(a: Agreement, st: lifecycle.Status, dls: tuple[Deadline, ...]) -> tuple[Period, ...]:
    """The terms to draw on a timeline: from commencement, term after term, or open-ended."""
    start = _first_day(a)
    if start is None:
        return ()
    if st.state == "open-ended":
        return (Period(start, None, "open-ended"),)
    ends = sorted(d.date for d in dls if d.kind == "term-end")
    out = []
    for i, end in enumerate(ends):
        if end < start:
            continue
        out.append(Period(start, end, "initial" if i == 0 else "renewal"))
        start = end + dt.timedelta(days=1)
    return tuple(out)


def _first_day(a: Agreement) -> dt.date | None:
    """The day the agreement commenced, when the data pins it to one day."""
    text, _how = lifecycle.commencement(a)
    if text is None:
        return None
    first, last = lifecycle.date_bounds(text)
    return first if first == last else None


def _country(code: str | None) -> str:
    return (country_name(code) or code) if code else ""


def _define(kind: str, term: str) -> str:
    try:
        return definition(kind, term)
    except KeyError:
        return ""


def _nowrap_dates(text: object) -> Any:
    """``text``, escaped, with every ISO date in a ``date`` span the page never breaks."""
    from markupsafe import Markup, escape

    return Markup(
        re.sub(r"\b\d{4}-\d{2}(?:-\d{2})?\b", r'<span class="date">\g<0></span>', str(escape(text)))
    )


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the templates: autoescaping on, undefined names are errors."""
    import jinja2  # a core dependency, imported here to keep it out of CLI start-up

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["country"] = _country
    env.filters["period"] = period_text
    env.filters["mineral"] = mineral_text
    env.filters["relation"] = lambda kind: LABELS.get(kind, kind)
    env.filters["when"] = lambda text: date_words(text) if text else "undated"
    env.globals["define"] = _define
    env.globals["label"] = label
    env.filters["dates"] = _nowrap_dates
    env.globals["term_lines"] = term_lines
    return env


def stylesheet() -> str:
    """The site's CSS, inlined into stand-alone pages."""
    return (TEMPLATES / "style.css").read_text("utf-8")


def page_context(
    root: str = "", *, standalone: bool = False, known_ids: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Variables every page template expects: the relative ``root`` and how to link agreements."""
    return {
        "root": root,
        "standalone": standalone,
        "inline_css": stylesheet() if standalone else "",
        "known_ids": known_ids,
        "generator": "mineralpacts",
    }


def render_html(a: Agreement, on: dt.date | None = None, family: Family | None = None) -> str:
    """Render agreement ``a`` as a stand-alone HTML document (CSS inlined, no network needed)."""
    ctx = page_context(standalone=True)
    st = standing(a, on, family)
    return environment().get_template("agreement.html").render(a=a, st=st, title=a.label, **ctx)
