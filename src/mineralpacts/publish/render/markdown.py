"""One agreement as a Markdown document: what ``pacts show`` prints and ``--format markdown`` emits.

Everything in the file appears: title, parties and who represented them, signing, instrument and
bindingness, scope, areas with clause references, minerals, term and renewal rules, events,
related agreements, sources as links, discrepancies and the facts that are unknown. Text from the
data is escaped so that it cannot inject Markdown or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from mineralpacts.model.agreement import (
    Agreement,
    EntryIntoForce,
    MineralMention,
    Party,
    Period,
    Source,
    Term,
)
from mineralpacts.model.dates import date_words
from mineralpacts.model.relations import LABELS, Link
from mineralpacts.model.vocab import country_name, definition

__all__ = ["entry_into_force_text", "escape", "mineral_text", "period_text", "render_markdown", "term_lines"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Escape Markdown and HTML metacharacters in data text (one line: newlines become spaces)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _link(text: str, url: str) -> str:
    return f"[{escape(text)}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"


def period_text(p: Period | None) -> str:
    """A period in words: '3 years', '1 year 6 months', or 'not stated'."""
    return "not stated" if p is None else p.text()


def term_lines(term: Term) -> list[str]:
    """The term, renewal and notice rules as short sentences."""
    lines = []
    if term.status != "stated":
        lines.append(f"Term: {term.status} ({definition('term_status', term.status)})")
    if term.commencement is not None:
        c = term.commencement
        start = {"signature": "on signature", "entry-into-force": "on entry into force"}.get(
            c.from_, date_words(c.date) if c.date else "unknown"
        )
        lines.append(f"Commences: {start}")
    if term.open_ended:
        lines.append("Duration: open-ended, until discontinued")
    elif term.status == "stated":
        lines.append(f"Initial period: {period_text(term.initial_period)}")
    if term.renewal is not None:
        r = term.renewal
        times = "no limit stated" if r.max_renewals is None else f"at most {r.max_renewals} time(s)"
        if r.kind == "none":
            lines.append("Renewal: none")
        else:
            lines.append(f"Renewal: {r.kind}, {period_text(r.period)} each, {times}")
    if term.notice is not None:
        ref = f" ({term.notice.ref})" if term.notice.ref else ""
        lines.append(f"Notice to discontinue: {term.notice.text()}{ref}")
    if term.discontinuation:
        lines.append(f"Discontinuation: {term.discontinuation}")
    if term.modification:
        lines.append(f"Modification: {term.modification}")
    if term.summary:
        lines.append(term.summary)
    if term.ref:
        lines.append(f"Clauses: {term.ref}")
    return lines


def entry_into_force_text(e: EntryIntoForce) -> str:
    """Entry into force in words, plain text: 'on ratification, 2012-02-08 (7.1)'."""
    how = {"signature": "on signature", "date": "on a stated date", "unknown": "how is not known"}.get(
        e.how, f"on {e.how.replace('-', ' ')}"
    )
    text = f"{how}, {date_words(e.date)}" if e.date else f"{how}, date not known"
    if e.ref:
        text += f" ({e.ref})"
    return text + (f". {e.note}" if e.note else "")


def mineral_text(m: str | MineralMention) -> str:
    """A mineral with its qualifier, plain text: 'cobalt (named as a potential subject)'."""
    if isinstance(m, str):
        return m
    words = {"focus": "the focus", "potential": "named as a potential subject", "passing": "named in passing"}
    return f"{m.mineral} ({words.get(m.named, m.named)}" + (f": {m.note})" if m.note else ")")


def _ref(ref: str | None) -> str:
    return f"**{escape(ref)}** " if ref else ""


def _section(title: str, lines: Iterable[str]) -> list[str]:
    body = list(lines)
    return [f"## {title}", "", *body, ""] if body else []


def render_markdown(
    a: Agreement,
    status_line: str | None = None,
    deadlines: Sequence[tuple[str, str]] | None = None,
    links: Sequence[Link] | None = None,
) -> str:
    """Render agreement ``a`` as a Markdown document.

    ``status_line`` adds where it stands today; ``deadlines`` adds (date, what) rows after the term;
    ``links`` (from :func:`mineralpacts.model.relations.links`) names predecessors and successors
    that other files record, beside the links this file stores.
    """
    out = [f"# {escape(a.label)}", "", f"`{a.id}`", ""]
    if a.short_title:
        note = "" if a.title_official else " (descriptive; no official title seen)"
        out += [f"*{escape(a.title)}*{note}", ""]
    for lang, title in sorted(a.titles.items()):
        out += [f"- Title ({escape(lang)}): {escape(title)}"]
    if a.titles:
        out.append("")
    binding = {True: "legally binding", False: "not legally binding", None: "bindingness unknown"}
    b = a.legally_binding
    binding_text = binding[b.value] + (f" ({escape(b.ref)})" if b.ref else "")
    facts = [
        f"- **Instrument:** {a.instrument} — {binding_text}",
        f"- **Level:** {a.level}"
        + (" — minerals are one part of a broader instrument" if a.focus == "broader" else ""),
        f"- **Signed:** {_signing(a)}",
        *(
            [f"- **Entry into force:** {escape(entry_into_force_text(a.entry_into_force))}"]
            if a.entry_into_force
            else []
        ),
        f"- **Languages:** {', '.join(a.languages) or 'unknown'}",
        f"- **Disclosure:** {a.disclosure}",
        f"- **Confidence:** {a.confidence}",
    ]
    if status_line:
        facts.append(f"- **Status:** {escape(status_line)}")
    out += [*facts, ""]
    if b.basis:
        out += [f"Bindingness: {escape(b.basis)}", ""]
    out += [escape(a.summary), ""]

    out += _section("Parties", (_party(p) for p in a.parties))
    out += _section("Purposes", (f"- {escape(p)}" for p in a.purposes))
    scope = []
    if a.scope.stages:
        scope += [f"Value-chain stages: {', '.join(a.scope.stages)}", ""]
    scope += [f"- {_ref(i.ref)}{escape(i.summary)}" for i in a.scope.items]
    out += _section("Scope", scope)
    out += _section(
        "Areas of cooperation",
        (f"- {_ref(x.ref)}*{x.area}*" + (f": {escape(x.summary)}" if x.summary else "") for x in a.areas),
    )
    out += _section(
        "Minerals", [escape(", ".join(mineral_text(m) for m in a.minerals))] if a.minerals else []
    )
    out += _section("Implementation", (f"- {_ref(i.ref)}{escape(i.summary)}" for i in a.implementation))
    out += _section("Term", (f"- {escape(line)}" for line in term_lines(a.term)))
    out += _section("Deadlines", (f"- {d}: {escape(what)}" for d, what in deadlines or ()))
    out += _section(
        "Events",
        (
            f"- {date_words(e.date) if e.date else 'undated'} — {e.kind}: {escape(e.summary)}"
            + (f" (`{e.agreement}`)" if e.agreement else "")
            for e in a.events
        ),
    )
    if links is None:
        links = [Link(a.id, r.id, r.relation, r.note) for r in a.related]
    out += _section(
        "Related",
        (
            f"- {LABELS.get(x.relation, x.relation)} `{x.target}`" + (f": {escape(x.note)}" if x.note else "")
            for x in links
        ),
    )
    out += _section("Discrepancies", _discrepancies(a))
    out += _section("Unknown", (f"- `{u.field}`: {escape(u.reason)}" for u in a.unknown))
    out += _section("Sources", (_source(s) for s in a.sources))
    if a.notes:
        out += _section("Notes", [escape(a.notes)])
    return "\n".join(out).rstrip() + "\n"


def _signing(a: Agreement) -> str:
    s = a.signed
    text = date_words(s.date) if s.date else "date unknown"
    if s.status != "signed":
        text = f"{s.status} {text}"
    if s.place is not None:
        country = country_name(s.place.country) if s.place.country else None
        text += " in " + ", ".join(escape(x) for x in (s.place.city, country) if x)
    if s.occasion:
        text += f" ({escape(s.occasion)})"
    return text


def _party(p: Party) -> str:
    line = f"- **{escape(p.name)}** ({p.code})"
    if p.represented_by:
        line += f", represented by {escape(p.represented_by)}"
    if p.signatories:
        who = "; ".join(escape(s.name) + (f", {escape(s.role)}" if s.role else "") for s in p.signatories)
        line += f"; signed by {who}"
    return line


def _source(s: Source) -> str:
    line = f"- {_link(s.title or s.publisher, s.url)} — {escape(s.publisher)}, {s.kind}"
    if s.published:
        line += f", {s.published}"
    if s.supports:
        line += f"; supports {', '.join(escape(x) for x in s.supports)}"
    if s.note:
        line += f". {escape(s.note)}"
    return line


def _discrepancies(a: Agreement) -> list[str]:
    lines = []
    for d in a.discrepancies:
        lines.append(f"- `{d.field}`: {escape(d.resolution)}")
        for v in d.values:
            refs = ", ".join(_link(_host(u), u) for u in v.sources)
            lines.append(f"  - {escape(v.value)} — {refs}")
    return lines


def _host(url: str) -> str:
    return url.split("/")[2] if url.count("/") >= 2 else url
