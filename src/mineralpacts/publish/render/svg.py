"""Charts as SVG, built with :mod:`xml.etree.ElementTree` so every text and attribute is escaped.

Two pictures for the site: a timeline of every agreement's terms and deadlines, and a network
of who signed with whom. Each is an accessible image (``role="img"`` with a title and a
description) meant to be inlined in a page beside a table that says the same in words.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence

from mineralpacts.model.agreement import Agreement
from mineralpacts.model.dates import date_anchor
from mineralpacts.model.vocab import country_name
from mineralpacts.publish.render.html import Standing

__all__ = ["network_svg", "pairs", "timeline_svg"]

ACCENT, RENEWAL, OPEN, NOTICE, END, TODAY, INK, MUTED, GRID = (
    "#0b5cad",
    "#7fb0e0",
    "#b9d3ee",
    "#d97706",
    "#1d2330",
    "#c0262d",
    "#1d2330",
    "#5a6275",
    "#e3e6ed",
)


def _el(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: object) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _titled(parent: ET.Element, tag: str, title: str, **attrs: object) -> ET.Element:
    node = _el(parent, tag, **attrs)
    _el(node, "title", title)
    return node


def _root(width: int, height: int, ident: str, title: str, desc: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
            "font-size": "12",
        },
    )
    _el(svg, "title", title, id=f"{ident}-title")
    _el(svg, "desc", desc, id=f"{ident}-desc")
    return svg


def _signed_day(a: Agreement) -> dt.date | None:
    if a.signed.date is None:
        return None
    return date_anchor(a.signed.date)


def _short(text: str, n: int = 34) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def timeline_svg(rows: Sequence[tuple[Agreement, Standing]], on: dt.date, root: str = "") -> str:
    """A timeline: one row per agreement with its signing, terms, notice days and term ends.

    Rows are sorted by signing date; ``on`` is drawn as a line. Labels link to agreement pages
    under ``root``.
    """
    rows = sorted(rows, key=lambda r: (_signed_day(r[0]) or dt.date.max, r[0].id))
    days = [d for a, s in rows for d in (_signed_day(a), *(p.start for p in s.periods))] + [on]
    first = min(d for d in days if d is not None)
    ends = [p.end for _, s in rows for p in s.periods if p.end] + [
        d.date for _, s in rows for d in s.deadlines
    ]
    last = max([on.replace(year=on.year + 2), *ends])
    start, stop = dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)
    label_w, plot_w, row_h, top = 250, 700, 22, 34
    width, height = label_w + plot_w + 20, top + row_h * max(len(rows), 1) + 40
    span = (stop - start).days

    def x(d: dt.date) -> float:
        return round(label_w + plot_w * (d - start).days / span, 1)

    svg = _root(
        width,
        height,
        "timeline",
        "Timeline of agreements, their terms and deadlines",
        f"{len(rows)} agreements from {start.year} to {stop.year - 1}: a dot marks signing, bars mark the "
        "initial term (dark), renewal terms (light) and open-ended agreements (pale, to the edge); "
        "orange diamonds mark notice deadlines, black ticks term ends, the red line the date of the chart.",
    )
    axis = _el(svg, "g", class_="axis", fill=MUTED)
    for year in range(start.year, stop.year + 1):
        xx = x(dt.date(year, 1, 1))
        _el(axis, "line", x1=xx, x2=xx, y1=top - 6, y2=height - 30, stroke=GRID)
        if year < stop.year:
            _el(axis, "text", str(year), x=xx + 2, y=top - 12)
    for i, (a, st) in enumerate(rows):
        y = top + i * row_h
        mid = y + row_h / 2
        row = _el(svg, "g", class_="row")
        link = _el(row, "a", href=f"{root}agreements/{a.id}.html")
        _el(link, "text", _short(a.label), x=4, y=mid + 4, fill=ACCENT)
        for p in st.periods:
            x1, x2 = x(p.start), x(p.end + dt.timedelta(days=1)) if p.end else label_w + plot_w
            colour = {"initial": ACCENT, "renewal": RENEWAL}.get(p.kind, OPEN)
            what = f"{a.label}: {p.kind} term {p.start}" + (f" to {p.end}" if p.end else ", open-ended")
            _titled(row, "rect", what, x=x1, y=y + 5, width=max(x2 - x1, 1), height=row_h - 10, fill=colour)
        signed = _signed_day(a)
        if signed is not None:
            _titled(
                row,
                "circle",
                f"{a.label}: {a.signed.status} {a.signed.date}",
                cx=x(signed),
                cy=mid,
                r=4,
                fill="#fff",
                stroke=INK,
                stroke_width=1.5,
            )
        for d in st.deadlines:
            dx = x(d.date)
            if d.kind == "notice-due":
                pts = f"{dx},{mid - 6} {dx + 5},{mid} {dx},{mid + 6} {dx - 5},{mid}"
                _titled(row, "polygon", f"{a.label}: {d.text} {d.date}", points=pts, fill=NOTICE)
            else:
                _titled(
                    row,
                    "line",
                    f"{a.label}: {d.text} {d.date}",
                    x1=dx,
                    x2=dx,
                    y1=y + 2,
                    y2=y + row_h - 2,
                    stroke=END,
                    stroke_width=2,
                )
    tx = x(on)
    _el(
        svg,
        "line",
        x1=tx,
        x2=tx,
        y1=top - 6,
        y2=height - 30,
        stroke=TODAY,
        stroke_width=1.5,
        stroke_dasharray="4 3",
    )
    _el(svg, "text", f"{on.isoformat()}", x=tx + 3, y=height - 16, fill=TODAY)
    return ET.tostring(svg, encoding="unicode")


def pairs(agreements: Sequence[Agreement]) -> dict[tuple[str, str], list[str]]:
    """Every pair of party codes that signed together, with the ids of their agreements."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in sorted(agreements, key=lambda x: x.id):
        for pair in itertools.combinations(sorted(set(a.party_codes)), 2):
            out[pair].append(a.id)
    return dict(sorted(out.items()))


def _name(code: str) -> str:
    return country_name(code) or code


def network_svg(agreements: Sequence[Agreement], root: str = "") -> str:
    """Who signed with whom: parties on a circle, a curve per pair, thicker for more agreements.

    Labels run outward along their radius, so neighbours never overlap however many parties
    there are; curves bend toward the centre, so lines between neighbours stay short. Pointing
    at (or tabbing to) a party brings out its own curves. Each party links to its page under
    ``root``.
    """
    links = pairs(agreements)
    count = Counter(c for a in agreements for c in set(a.party_codes))
    codes = sorted(count, key=lambda c: _name(c))
    radius, label = 290, 150  # room outside the circle for the longest label (22 characters)
    size = 2 * (radius + label)
    cx = cy = size / 2
    svg = _root(
        size,
        size,
        "network",
        "Who signed with whom",
        f"{len(codes)} parties placed on a circle; a curve joins two parties for each pair that signed an "
        f"agreement, {len(links)} pairs in all, thicker where they signed more than one.",
    )
    svg.set("class", "network")
    # Pointing at a party dims every other curve: one rule per party, CSS only (no script).
    rules = [".network .edges path { transition: stroke-opacity .15s; }"]
    rules += [
        f".network:has(.n-{c.lower()}:hover, .n-{c.lower()}:focus) .edges path:not(.e-{c.lower()}) "
        "{ stroke-opacity: .06; }"
        for c in codes
    ]
    _el(svg, "style", "\n".join(rules))
    where: dict[str, tuple[float, float, float]] = {}
    for i, code in enumerate(codes):
        angle = 2 * math.pi * i / max(len(codes), 1) - math.pi / 2
        where[code] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    edges = _el(svg, "g", class_="edges", stroke=ACCENT, stroke_opacity="0.5", fill="none")
    for (p, q), ids in links.items():
        (x1, y1, _), (x2, y2, _) = where[p], where[q]
        # The control point sits between the chord's middle and the centre: near parties, a
        # shallow curve; opposite parties, nearly a straight line through the middle.
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        kx, ky = cx + (mx - cx) * 0.35, cy + (my - cy) * 0.35
        _titled(
            edges,
            "path",
            f"{_name(p)} – {_name(q)}: {len(ids)} agreement(s): {', '.join(ids)}",
            d=f"M{x1:.1f},{y1:.1f} Q{kx:.1f},{ky:.1f} {x2:.1f},{y2:.1f}",
            class_=f"e-{p.lower()} e-{q.lower()}",
            stroke_width=1 + 1.5 * (len(ids) - 1),
        )
    nodes = _el(svg, "g", class_="nodes")
    for code in codes:
        x, y, angle = where[code]
        link = _el(nodes, "a", href=f"{root}parties/{code.lower()}.html", class_=f"n-{code.lower()}")
        r = 3 + 1.8 * math.sqrt(count[code])
        _titled(
            link,
            "circle",
            f"{_name(code)}: {count[code]} agreement(s)",
            cx=round(x, 1),
            cy=round(y, 1),
            r=round(r, 1),
            fill=ACCENT,
            stroke="#fff",
        )
        degrees = math.degrees(angle)
        left = math.cos(angle) < 0  # labels on the left read outward too, not upside down
        lx, ly = x + (r + 4) * math.cos(angle), y + (r + 4) * math.sin(angle)
        _el(
            link,
            "text",
            _short(_name(code), 22),
            x=round(lx, 1),
            y=round(ly, 1),
            dy="0.35em",
            text_anchor="end" if left else "start",
            transform=f"rotate({degrees + (180 if left else 0):.1f} {lx:.1f} {ly:.1f})",
            fill=INK,
        )
    return ET.tostring(svg, encoding="unicode")
