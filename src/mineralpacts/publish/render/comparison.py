"""Markdown for ``pacts diff``: field changes, two agreements side by side, changes since a revision.

The Markdown is fit to paste as a pull-request comment; the terminal view renders the same text
with rich. Text from the data is escaped (see :func:`mineralpacts.publish.render.markdown.escape`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mineralpacts.analysis.diff import Change, Comparison, FileDiff, Split
from mineralpacts.model.agreement import Source
from mineralpacts.publish.render.markdown import escape

__all__ = ["changes_markdown", "comparison_markdown", "since_markdown"]

MAX_CELL = 240
SYMBOL = {"added": "+ added", "removed": "− removed", "changed": "~ changed"}


def _value(v: Any) -> str:
    if v is None:
        return ""
    text = (
        "; ".join(f"{k}: {_plain(x)}" for k, x in v.items() if x not in (None, [], {}, ""))
        if isinstance(v, dict)
        else _plain(v)
    )
    text = text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
    return escape(text)


def _plain(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(_plain(x) for x in v)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_plain(x)}" for k, x in v.items() if x not in (None, [], {}, "")) + "}"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _code(text: str) -> str:
    """Text for a code span: backticks cannot end it early, pipes cannot break a table."""
    return text.replace("`", "'").replace("|", "/")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*out, ""]


def changes_markdown(title: str, found: list[Change], level: int = 2) -> str:
    """The field-level changes of one agreement as a Markdown table under a heading."""
    out = [f"{'#' * level} {title}", ""]
    if not found:
        return "\n".join([*out, "No difference.", ""])
    out += [f"{len(found)} change{'s' * (len(found) != 1)}.", ""]
    rows = [[SYMBOL[c.kind], f"`{_code(c.path)}`", _value(c.old), _value(c.new)] for c in found]
    return "\n".join([*out, *_table(["change", "field", "before", "after"], rows)])


def _split_lines(label: str, split: Split, a: str, b: str, show: Callable[[str], str] = escape) -> list[str]:
    out = [f"**{label}**", ""]
    out.append(f"- In both: {', '.join(show(x) for x in split.both) or 'none'}")
    out.append(f"- Only in `{a}`: {', '.join(show(x) for x in split.only_a) or 'none'}")
    out.append(f"- Only in `{b}`: {', '.join(show(x) for x in split.only_b) or 'none'}")
    return [*out, ""]


def _source_link(s: Source) -> str:
    url = s.url.replace(">", "%3E").replace(" ", "%20")
    return f"[{escape(s.publisher)}](<{url}>) ({s.kind})"


def comparison_markdown(c: Comparison) -> str:
    """Two agreements side by side: facts; areas in both, only A, only B (with refs); parties, minerals..."""
    a, b = c.a.id, c.b.id
    out = [f"## `{a}` compared with `{b}`", ""]
    out += _table(
        ["", "field", f"`{a}`", f"`{b}`"],
        [[" " if x == y else "≠", f, escape(x), escape(y)] for f, x, y in c.facts],
    )
    areas_a = {x.area: x for x in c.a.areas}
    areas_b = {x.area: x for x in c.b.areas}
    out += ["### Areas of cooperation", ""]
    for label, terms, side, agreement in (
        (f"Only in `{a}`", c.areas.only_a, areas_a, a),
        (f"Only in `{b}`", c.areas.only_b, areas_b, b),
    ):
        out += [f"**{label}** ({len(terms)})", ""]
        if terms:
            rows = [[t, escape(side[t].ref or ""), escape(side[t].summary or "")] for t in terms]
            out += _table(["area", f"ref in `{agreement}`", "summary"], rows)
        else:
            out += ["None.", ""]
    out += [f"**In both** ({len(c.areas.both)})", ""]
    if c.areas.both:
        rows = [[t, escape(areas_a[t].ref or ""), escape(areas_b[t].ref or "")] for t in c.areas.both]
        out += _table(["area", f"ref in `{a}`", f"ref in `{b}`"], rows)
    else:
        out += ["None.", ""]
    out += ["### Parties, minerals, stages, sources", ""]
    out += _split_lines("Parties", c.parties, a, b)
    out += _split_lines("Minerals", c.minerals, a, b)
    out += _split_lines("Value-chain stages", c.stages, a, b)
    sources = {s.url: s for s in (*c.a.sources, *c.b.sources)}
    out += _split_lines("Sources", c.sources, a, b, lambda url: _source_link(sources[url]))
    return "\n".join(out).rstrip() + "\n"


def since_markdown(rev: str, files: list[FileDiff]) -> str:
    """Every agreement added, removed or changed since ``rev``, one section per changed file."""
    out = [f"## Agreements changed since `{_code(rev)}`", ""]
    if not files:
        return "\n".join([*out, "No agreement changed.", ""])
    counts = {s: sum(1 for f in files if f.status == s) for s in ("added", "removed", "changed", "invalid")}
    out += [", ".join(f"{n} {s}" for s, n in counts.items() if n) + ".", ""]
    rows = [
        [f.status, f"`{f.id}`", f"`{_code(f.name)}`", escape(f.message) or str(len(f.changes) or "")]
        for f in files
    ]
    out += _table(["status", "id", "file", "changes"], rows)
    for f in files:
        if f.status == "changed":
            out.append(changes_markdown(f"`{f.id}`", f.changes, level=3))
    return "\n".join(out).rstrip() + "\n"
