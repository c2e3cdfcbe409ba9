"""Tables that fit the terminal: one line per row, the most useful columns first.

Each :class:`Col` has a rank (lower is more useful). At a given width the columns are taken in
rank order while they fit, at their natural width or, for a column that may shrink, at its
minimum; the room left widens the shrinkable columns again. A cell too long for its column is
cut after its last whole word and ends with an ellipsis, so no word is ever broken in two and no
row takes two lines. The full text is always a ``pacts show`` or a ``--format csv`` away.

Without a known width (output to a file or a pipe, no ``$COLUMNS``) nothing is dropped or cut.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Col", "cell_width", "layout", "render_table", "shorten", "terminal_width"]

GAP = "  "
ELLIPSIS = "…"
#: Little words a cut text should not end on ("Memorandum of…" reads as "Memorandum…").
_DANGLING = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


@dataclass(frozen=True)
class Col:
    """A column: the row key, its rank (lower is kept first) and, if it may shrink, its minimum.

    A shrinkable column with ``want`` keeps that much room (when its text is as long) before
    columns of lower rank are admitted, so a title is not squeezed to make room for a place.
    A rank of None keeps the column out of tables (CSV still has it); ``csv=False`` keeps a
    column made for people (a date and its kind in one cell) out of CSV.
    """

    key: str
    rank: int | None = 0
    shrink_to: int | None = None
    want: int | None = None
    header: str | None = None
    align_right: bool = False
    csv: bool = True

    @property
    def title(self) -> str:
        """The header shown: ``header``, else the key with spaces for underscores."""
        return self.header if self.header is not None else self.key.replace("_", " ")


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: East Asian wide characters count two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells after its last whole word, with an ellipsis.

    Only a single word longer than the whole column is cut inside the word (there is no other
    way to show any of it).
    """
    text = " ".join(text.split())
    if cell_width(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    words = text.split(" ")
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if cell_width(candidate) + 1 > width:
            break
        kept = candidate
    if not kept:
        out = ""
        for char in text:
            if cell_width(out + char) + 1 > width:
                break
            out += char
        return out + ELLIPSIS
    words = kept.split(" ")
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(",;:–-") + ELLIPSIS


def terminal_width() -> int | None:
    """The width to fit: ``$COLUMNS``, else the terminal's; None when writing to a file or pipe."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        pass
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def layout(
    rows: Sequence[Mapping[str, Any]], cols: Sequence[Col], width: int | None
) -> list[tuple[Col, int]]:
    """The columns shown, in their declared order, with their widths, for a terminal ``width``."""
    cols = [c for c in cols if c.rank is not None]
    natural = {
        c.key: max([cell_width(c.title)] + [cell_width(_text(r.get(c.key))) for r in rows]) for c in cols
    }
    if width is None:
        return [(c, natural[c.key]) for c in cols]

    def least(c: Col) -> int:
        if c.shrink_to is None:
            return natural[c.key]
        return min(natural[c.key], max(c.shrink_to, cell_width(c.title)))

    def preferred(c: Col) -> int:
        return min(natural[c.key], c.want) if c.want else least(c)

    chosen: dict[str, int] = {}
    reserved = 0
    ranked = sorted(cols, key=lambda c: c.rank or 0)
    for c in ranked:
        gap = len(GAP) if chosen else 0
        if reserved + gap + least(c) <= width or not chosen:  # the first is shown even if too wide
            chosen[c.key] = least(c)
            reserved += gap + max(least(c), min(preferred(c), width - reserved - gap))
    used = sum(chosen.values()) + len(GAP) * (len(chosen) - 1)
    room = width - used
    # The room left goes first to each column's wanted width, then to its full width, by rank.
    for target in (preferred, lambda c: natural[c.key]):
        for c in ranked:
            if room > 0 and c.key in chosen and chosen[c.key] < target(c):
                extra = min(room, target(c) - chosen[c.key])
                chosen[c.key] += extra
                room -= extra
    return [(c, chosen[c.key]) for c in cols if c.key in chosen]


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - cell_width(text))
    return fill + text if right else text + fill


def render_table(
    rows: Sequence[Mapping[str, Any]],
    cols: Sequence[Col],
    width: int | None,
    title: str | None = None,
) -> list[str]:
    """The lines of a table fitted to ``width``: an optional title, a header, a rule, one line per row."""
    shown = layout(rows, cols, width)
    lines = [title] if title else []
    if not shown:
        return lines
    lines.append(GAP.join(_pad(c.title, w, c.align_right) for c, w in shown).rstrip())
    lines.append(GAP.join("─" * w for _, w in shown))
    for row in rows:
        cells = [shorten(_text(row.get(c.key)), w) for c, w in shown]
        line = GAP.join(_pad(text, w, c.align_right) for text, (c, w) in zip(cells, shown, strict=True))
        lines.append(line.rstrip())
    return lines
