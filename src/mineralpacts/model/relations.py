"""Links between agreements, each with its inverse derived rather than typed twice.

A link is written on the newer (or dependent) agreement, pointing at the older one: a 2024
partnership ``supersedes`` a 2012 agreement, a roadmap ``implements`` its memorandum. The older
agreement's side (``superseded-by``, ``implemented-by``) is derived here, the one place every
command and the site take links from. A file may store the inverse too; then the two must agree
(``pacts validate`` checks, rule R305).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # links are read from agreements, or from the store's facts shaped like them
    from mineralpacts.model.agreement import Agreement

__all__ = [
    "FORWARD",
    "INVERSE",
    "LABELS",
    "Conflict",
    "Link",
    "conflicts",
    "inverse",
    "links",
    "predecessors",
    "successors",
]

#: Each relation kind and its inverse; ``related`` is its own inverse.
INVERSE: dict[str, str] = {
    "supersedes": "superseded-by",
    "amends": "amended-by",
    "implements": "implemented-by",
    "follows-up": "followed-up-by",
    "related": "related",
}
INVERSE.update({v: k for k, v in list(INVERSE.items())})
#: The kinds written on the newer or dependent agreement (pointing at the older one).
FORWARD: tuple[str, ...] = ("supersedes", "amends", "implements", "follows-up")
#: How a relation reads in a sentence: "superseded by uk-japan-2030".
LABELS: dict[str, str] = {kind: kind.replace("-by", " by").replace("-", " ") for kind in INVERSE}
LABELS["follows-up"] = "follows up"


def inverse(relation: str) -> str:
    """The relation seen from the other agreement: ``supersedes`` -> ``superseded-by``."""
    return INVERSE.get(relation, relation)


@dataclass(frozen=True)
class Link:
    """One link of agreement ``source``: ``source`` <relation> ``target``."""

    source: str
    target: str
    relation: str
    note: str | None = None
    derived: bool = False  # True when taken from the target's file, not stored in the source's

    @property
    def text(self) -> str:
        """``superseded by uk-japan-2030``."""
        return f"{LABELS.get(self.relation, self.relation)} {self.target}"


def links(agreements: Iterable[Agreement]) -> dict[str, list[Link]]:
    """Every agreement's links by id: those its file stores, then those derived from other files.

    A derived link is added only when the agreement does not itself store a link to that target
    (a stored one that disagrees is reported by :func:`conflicts`, not overridden).
    """
    items = list(agreements)
    out: dict[str, list[Link]] = {a.id: [] for a in items}
    for a in items:
        for r in a.related:
            out[a.id].append(Link(a.id, r.id, r.relation, r.note))
    stored = {(link.source, link.target) for group in out.values() for link in group}
    for a in items:
        for r in a.related:
            if (r.id, a.id) not in stored:
                out.setdefault(r.id, []).append(Link(r.id, a.id, inverse(r.relation), r.note, derived=True))
    return out


def successors(group: Iterable[Link]) -> list[str]:
    """The ids that supersede the agreement, from its links."""
    return [link.target for link in group if link.relation == "superseded-by"]


def predecessors(group: Iterable[Link]) -> list[str]:
    """The ids the agreement supersedes, from its links."""
    return [link.target for link in group if link.relation == "supersedes"]


@dataclass(frozen=True)
class Conflict:
    """A stored link that disagrees with the other file: in ``source``'s ``related[index]``."""

    source: str
    index: int
    message: str


def conflicts(agreements: Iterable[Agreement]) -> list[Conflict]:
    """Stored links whose inverse, stored in the other file, disagrees (or is missing).

    A link of an inverse kind (``superseded-by``) must be matched by the forward kind in the
    other file, since that is where the link is written; a link stored on both sides must read
    as each other's inverse.
    """
    items = {a.id: a for a in agreements}
    out: list[Conflict] = []
    for a in items.values():
        for i, r in enumerate(a.related):
            other = items.get(r.id)
            if other is None:
                continue  # a missing target is rule R303's
            back = [x.relation for x in other.related if x.id == a.id]
            if back and inverse(r.relation) not in back:
                if r.relation in FORWARD and not any(b in FORWARD for b in back):
                    continue  # the other file's stored inverse is the odd one out: reported there
                theirs = next((b for b in back if b in FORWARD), back[0])
                out.append(
                    Conflict(
                        a.id,
                        i,
                        f"{a.id} stores {r.relation!r} for {r.id}, but {r.id} {LABELS[theirs]} {a.id}: "
                        f"the inverse is {inverse(theirs)!r} (derived, so the link can be left out here)",
                    )
                )
            elif not back and r.relation not in FORWARD and r.relation != "related":
                out.append(
                    Conflict(
                        a.id,
                        i,
                        f"{r.relation!r} is derived from the newer file: write `relation: {inverse(r.relation)}` "
                        f"in {r.id} (pointing at {a.id}) instead",
                    )
                )
    return out
