"""Write a synthetic repository of valid, realistic agreement files for the benchmark.

Usage: ``python bench/generate.py N OUT_DIR [--seed S]`` writes ``OUT_DIR/agreements/<id>.yaml``
for N agreements. Every file passes ``pacts validate`` with no error and no warning: terms come
from the project's vocabularies (:func:`mineralpacts.model.vocab.terms`), parties are real ISO 3166
codes (or EU), ids follow ``<slug>-<slug>-<year>[-n]``, dates are never in the future, and the
cross-field rules (sources cited, unknowns left empty, term rules consistent) hold. The same N
and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from mineralpacts.model.vocab import country_name, definition, party_slug, terms

__all__ = ["generate", "main", "make_agreement"]

MODELINE = "# yaml-language-server: $schema=../schema/agreement.schema.json\n"
LATEST_YEAR = 2025  # every generated date lies before this year ends, so none is in the future

# fmt: off
# Parties that sign many minerals agreements; drawn more often than the rest of ISO 3166.
MAJOR = ["GB", "US", "JP", "EU", "AU", "CA", "DE", "FR", "KR", "IN", "SA", "AE", "CL", "AR", "ID",
         "CD", "ZM", "NA", "KZ", "UZ", "MN", "BR", "PH", "UA", "MA", "ZA", "VN", "TZ", "GH", "PE"]
CAPITALS = {
    "GB": "London", "US": "Washington, DC", "JP": "Tokyo", "EU": "Brussels", "AU": "Canberra",
    "CA": "Ottawa", "DE": "Berlin", "FR": "Paris", "KR": "Seoul", "IN": "New Delhi", "SA": "Riyadh",
    "AE": "Abu Dhabi", "CL": "Santiago", "AR": "Buenos Aires", "ID": "Jakarta", "CD": "Kinshasa",
    "ZM": "Lusaka", "NA": "Windhoek", "KZ": "Astana", "UZ": "Tashkent", "MN": "Ulaanbaatar",
    "BR": "Brasília", "PH": "Manila", "UA": "Kyiv", "MA": "Rabat", "ZA": "Pretoria", "VN": "Hanoi",
    "TZ": "Dodoma", "GH": "Accra", "PE": "Lima",
}
LANGUAGES = {
    "JP": ("ja", "重要鉱物に関する協力覚書"),
    "FR": ("fr", "Protocole d'accord sur les minéraux critiques"),
    "DE": ("de", "Absichtserklärung über die Zusammenarbeit bei kritischen Rohstoffen"),
    "KR": ("ko", "핵심광물 협력에 관한 양해각서"),
    "CL": ("es", "Memorando de entendimiento sobre minerales críticos"),
    "AR": ("es", "Memorando de entendimiento sobre minerales críticos"),
    "PE": ("es", "Memorando de entendimiento sobre minerales críticos"),
    "BR": ("pt", "Memorando de entendimento sobre minerais críticos"),
    "ID": ("id", "Nota Kesepahaman tentang Kerja Sama Mineral Kritis"),
    "UA": ("uk", "Меморандум про взаєморозуміння щодо критичних мінералів"),
    "KZ": ("ru", "Меморандум о взаимопонимании в области критически важных минералов"),
    "SA": ("ar", "مذكرة تفاهم في مجال المعادن الحرجة"),
    "AE": ("ar", "مذكرة تفاهم في مجال المعادن الحرجة"),
}
MINISTRIES = [
    "Ministry of Mines and Energy", "Department of Industry, Science and Resources",
    "Ministry of Foreign Affairs", "Ministry of Economy, Trade and Industry", "Department of State",
    "Ministry of Natural Resources", "Ministry of Trade and Industry", "Department for Business and Trade",
    "Ministry of Mining", "Geological Survey", "Ministry of Industry and Mineral Resources",
    "Ministry of Energy and Mineral Resources", "Directorate-General for Internal Market, Industry",
]
ROLES = ["Minister", "Deputy Minister", "Secretary of State", "Ambassador", "Under Secretary", "Commissioner"]
GIVEN = ["Amina", "Kenji", "Sarah", "Luis", "Olena", "Jae-won", "Priya", "Tomás", "Aigerim", "David",
         "Nomvula", "Rahul", "Ingrid", "Mohammed", "Hannah", "Bat-Erdene", "Chloé", "Dilnoza"]
FAMILY = ["Okafor", "Tanaka", "Mitchell", "Fernández", "Kovalenko", "Kim", "Sharma", "Silva", "Nurlanova",
          "Schmidt", "Dlamini", "Verma", "Larsen", "Al-Rashid", "Becker", "Gantulga", "Moreau", "Yusupova"]
PUBLISHERS = {
    "official-text": ["Ministry of Foreign Affairs", "Treaty Series", "Official Gazette"],
    "official-announcement": ["Ministry of Mines (press release)", "Prime Minister's Office", "Embassy"],
    "news": ["Reuters", "Mining Weekly", "Financial Times", "Nikkei Asia", "Argus Media", "Bloomberg"],
    "analysis": ["IEA Critical Minerals Policy Tracker", "CSIS", "Chatham House", "OECD"],
}
OCCASIONS = ["State visit", "G7 summit", "G20 summit", "Joint economic commission",
             "Minerals Security Partnership meeting", "Ministerial visit", "UN climate conference",
             "Business and investment forum", "Critical Minerals Ministerial"]
SUPPORTABLE = ["title", "parties", "signed.date", "signed.place", "signed.occasion", "areas", "minerals",
               "scope", "term", "legally_binding", "disclosure", "summary", "implementation"]
MEETINGS = ["yearly", "twice a year", "as needed"]
AIMS = ["the clean energy transition", "industrial policy", "economic security"]
EVENTS = {
    "review-meeting": "The joint working group met to review progress and agreed a new work plan.",
    "follow-up": "The parties adopted an action plan with projects under the instrument.",
    "amendment": "The parties agreed in writing to add recycling to the areas of cooperation.",
}
INSTRUMENT_NAMES = {
    "mou": "Memorandum of Understanding", "moc": "Memorandum of Cooperation", "framework": "Framework",
    "agreement": "Agreement", "strategic-partnership": "Strategic Partnership",
    "joint-statement": "Joint Statement", "letter-of-intent": "Letter of Intent",
    "action-plan": "Action Plan", "roadmap": "Roadmap", "other": "Arrangement",
}
# fmt: on


class _Dumper(yaml.SafeDumper):
    """Lay files out like the hand-written ones: nested lists indented, short scalar lists inline."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, str) and len(x) < 40 for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump(data: dict[str, Any]) -> str:
    """The agreement as YAML text, with the schema modeline first."""
    return MODELINE + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _pick_party(rng: random.Random, codes: Sequence[str], exclude: str | None = None) -> str:
    while True:
        code = rng.choice(MAJOR) if rng.random() < 0.7 else rng.choice(codes)
        if code != exclude:
            return code


def _date(rng: random.Random, year: int) -> str:
    """A date as precise as sources often are: mostly a day, sometimes a month or only a year."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.75:
        return f"{year}-{month:02d}-{day:02d}"
    return f"{year}-{month:02d}" if roll < 0.92 else str(year)


def _lower_def(kind: str, term: str) -> str:
    text = definition(kind, term).rstrip(".")
    return text[0].lower() + text[1:]


def _term(rng: random.Random, disclosure: str) -> dict[str, Any]:
    if disclosure != "full-text-public":
        return (
            {"status": rng.choice(["not-public", "unknown"])}
            if disclosure == "not-public" or rng.random() < 0.5
            else {"status": "unknown"}
        )
    roll = rng.random()
    if roll < 0.15:
        return {"status": "silent"}
    if roll < 0.3:
        return {
            "status": "stated",
            "ref": f"{rng.randint(5, 9)}",
            "open_ended": True,
            "discontinuation": "Either side may end it by written notice through diplomatic channels.",
        }
    years = rng.randint(1, 5)
    kind = rng.choice(terms("renewal"))
    term: dict[str, Any] = {
        "status": "stated",
        "ref": f"{rng.randint(5, 9)}.1-{rng.randint(5, 9)}.{rng.randint(2, 4)}",
        "commencement": {"from": "signature"},
        "initial_period": {"years": years},
        "renewal": {"kind": kind},
    }
    if kind != "none":
        term["renewal"]["period"] = {"years": rng.randint(1, years)}
        if rng.random() < 0.5:
            term["renewal"]["max_renewals"] = rng.randint(1, 3)
    days = rng.choice([30, 60, 90, 180])
    term["notice"] = {"days": days, "written": True}
    term["discontinuation"] = f"Either side may end it with {days} days' written notice to the other."
    term["modification"] = "Changed at any time by mutual written consent of the participants."
    return term


def make_agreement(
    rng: random.Random, ident: str, a: str, b: str, year: int, earlier: Sequence[str]
) -> dict[str, Any]:
    """One agreement between parties ``a`` and ``b`` signed in ``year``, as plain data.

    ``earlier`` holds the ids of agreements already generated for the same pair; the newest may
    become a ``related`` link, so every link points at a file of the same repository.
    """
    name_a, name_b = country_name(a) or a, country_name(b) or b
    instrument = rng.choice(terms("instrument"))
    disclosure = rng.choice(terms("disclosure"))
    full = disclosure == "full-text-public"
    signed_date = _date(rng, year)
    inst_name = INSTRUMENT_NAMES[instrument]
    short_kind = instrument.upper() if instrument in ("mou", "moc") else inst_name
    topic = rng.choice(
        [
            "Critical Minerals",
            "Critical Raw Materials",
            "Mineral Resources",
            "Sustainable Mining",
            "Critical Minerals Supply Chains",
            "Battery Minerals",
        ]
    )
    stages = sorted(rng.sample(terms("stage"), rng.randint(1, 6)), key=terms("stage").index)
    area_terms = rng.sample(terms("area"), rng.randint(3, 6))
    minerals = rng.sample(terms("mineral"), rng.choice([0, 0, 1, 2, 3, 4, 6]))
    unknown: list[dict[str, str]] = []

    parties = []
    for code, name in ((a, name_a), (b, name_b)):
        party: dict[str, Any] = {"code": code, "name": name, "represented_by": rng.choice(MINISTRIES)}
        if rng.random() < 0.5:
            person = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            party["signatories"] = [{"name": person, "role": f"{rng.choice(ROLES)}, {name}"}]
        parties.append(party)
    if not any("signatories" in p for p in parties):
        unknown.append({"field": "parties.signatories", "reason": "No source seen names who signed."})

    signed: dict[str, Any] = {
        "status": rng.choice(["signed", "signed", "signed", "endorsed", "announced"]),
        "date": signed_date,
    }
    host = rng.choice([a, b])
    if rng.random() < 0.8:
        signed["place"] = {"city": CAPITALS[host], "country": host} if host in CAPITALS else {"country": host}
        signed["occasion"] = f"{rng.choice(OCCASIONS)}, hosted by {country_name(host) or host}"
    else:
        unknown.append(
            {"field": "signed.place", "reason": "The announcements do not say where it was signed."}
        )

    languages: list[str] = []
    titles: dict[str, str] = {}
    if full:
        languages = ["en"]
        for code in (a, b):
            if code in LANGUAGES and LANGUAGES[code][0] not in languages:
                languages.append(LANGUAGES[code][0])
                titles[LANGUAGES[code][0]] = LANGUAGES[code][1]
    else:
        unknown.append(
            {"field": "languages", "reason": "The text is not public, so its languages are not known."}
        )
    if not minerals:
        unknown.append({"field": "minerals", "reason": "The sources name no specific mineral."})

    ref = (lambda i: f"{2}.{i + 1}") if full else (lambda i: None)
    areas = []
    for i, term in enumerate(area_terms):
        area: dict[str, Any] = {"area": term}
        if ref(i):
            area["ref"] = ref(i)
        area["summary"] = f"Work together on {_lower_def('area', term)}."
        areas.append(area)

    n_sources = rng.randint(1, 4)
    slug = ident.replace("-", "/", 1)
    sources: list[dict[str, Any]] = []
    for i in range(n_sources):
        kind = (
            "official-text"
            if full and i == 0
            else ("official-announcement" if i == 0 else rng.choice(terms("source_kind")))
        )
        source: dict[str, Any] = {
            "url": f"https://{rng.choice(['gov', 'news', 'press', 'treaties'])}.example.org/{slug}/{i + 1}",
            "publisher": rng.choice(PUBLISHERS[kind]),
            "kind": kind,
            "published": _date(rng, year),
            "supports": rng.sample(SUPPORTABLE, rng.randint(1, 4)),
        }
        if rng.random() < 0.4:
            source["note"] = (
                f"Reports the {inst_name.lower()} between {name_a} and {name_b} and its main areas."
            )
        sources.append(source)

    agreement: dict[str, Any] = {
        "id": ident,
        "title": f"{inst_name} between the Government of {name_a} and the Government of {name_b} on {topic}",
        "title_official": full or rng.random() < 0.5,
        "short_title": f"{name_a}\u2013{name_b} {topic} {short_kind}",
    }
    if titles:
        agreement["titles"] = titles
    binding = instrument == "agreement"
    agreement |= {
        "instrument": instrument,
        "level": rng.choice(["government"] * 6 + ["agency", "state-company"]),
        "legally_binding": {
            "value": binding,
            **({"ref": f"{rng.randint(6, 12)}"} if full else {}),
            "basis": "The text says it creates obligations under international law."
            if binding
            else "It records intentions and creates no legal rights or obligations.",
        },
        "parties": parties,
        "signed": signed,
        "languages": languages,
        "disclosure": disclosure,
        "summary": (
            f"A {'binding' if binding else 'non-binding'} {inst_name.lower()} under which "
            f"{name_a} and {name_b} "
            f"cooperate on {topic.lower()} across {', '.join(stages)}: "
            f"{'; '.join(_lower_def('area', t) for t in area_terms[:3])}."
        ),
        "purposes": [
            f"Build secure, diversified and responsible supply chains for {topic.lower()}.",
            f"Support {rng.choice(AIMS)} in {name_a} and {name_b}.",
        ][: rng.randint(1, 2)],
        "scope": {
            "stages": stages,
            "items": [
                {
                    **({"ref": f"1.{i + 1}"} if full else {}),
                    "summary": f"Cooperation on {_lower_def('stage', s)}.",
                }
                for i, s in enumerate(stages[:2])
            ],
        },
        "areas": areas,
        "minerals": minerals,
        "implementation": [
            {
                **({"ref": "3.1"} if full else {}),
                "summary": f"A joint working group meets {rng.choice(MEETINGS)} to review progress.",
            }
        ],
        "term": _term(rng, disclosure),
    }
    if agreement["term"]["status"] in ("unknown", "not-public"):
        unknown.append({"field": "term", "reason": "The sources seen say nothing about duration or renewal."})

    events = []
    if year < LATEST_YEAR and rng.random() < 0.35:
        event_year = rng.randint(year + 1, LATEST_YEAR)
        kind, what = rng.choice(list(EVENTS.items()))
        events.append(
            {"date": _date(rng, event_year), "kind": kind, "summary": what, "sources": [sources[-1]["url"]]}
        )
    agreement["events"] = events
    related = []
    if earlier and rng.random() < 0.6:
        related.append(
            {
                "id": earlier[-1],
                "relation": rng.choice(["follows-up", "supersedes", "related"]),
                "note": "An earlier instrument between the same two parties.",
            }
        )
    agreement["related"] = related
    agreement["sources"] = sources
    discrepancies = []
    if n_sources >= 2 and signed_date.count("-") == 2 and rng.random() < 0.3:
        other = f"{signed_date[:8]}{int(signed_date[8:]) + 1:02d}"
        discrepancies.append(
            {
                "field": "signed.date",
                "values": [
                    {"value": signed_date, "sources": [sources[0]["url"]]},
                    {"value": other, "sources": [sources[1]["url"]]},
                ],
                "resolution": "The official date is recorded; the later one is probably a report date.",
            }
        )
    agreement["discrepancies"] = discrepancies
    agreement["unknown"] = unknown
    agreement["confidence"] = "high" if full else ("medium" if n_sources >= 2 else "low")
    if rng.random() < 0.3:
        agreement["notes"] = "Generated for the mineralpacts benchmark; not a real agreement."
    return agreement


def generate(n: int, out_dir: str | os.PathLike[str], seed: int = 0) -> list[Path]:
    """Write ``n`` agreement files under ``out_dir/agreements/`` and return their paths, in order."""
    rng = random.Random(seed)
    folder = Path(out_dir) / "agreements"
    folder.mkdir(parents=True, exist_ok=True)
    import pycountry

    codes = sorted(c.alpha_2 for c in pycountry.countries)
    seen: dict[str, int] = {}
    by_pair: dict[tuple[str, str], list[str]] = {}
    paths: list[Path] = []
    for _ in range(n):
        a = _pick_party(rng, codes)
        b = _pick_party(rng, codes, exclude=a)
        year = min(LATEST_YEAR, int(rng.triangular(1995, LATEST_YEAR + 1, LATEST_YEAR)))
        base = f"{party_slug(a)}-{party_slug(b)}-{year}"
        seen[base] = seen.get(base, 0) + 1
        ident = base if seen[base] == 1 else f"{base}-{seen[base]}"
        pair = (min(a, b), max(a, b))
        data = make_agreement(rng, ident, a, b, year, by_pair.get(pair, []))
        text = dump(data)
        path = folder / f"{ident}.yaml"
        path.write_text(text, encoding="utf-8")
        by_pair.setdefault(pair, []).append(ident)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("n", type=int, help="how many agreement files to write")
    parser.add_argument("out_dir", help="folder to write agreements/ into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    paths = generate(args.n, args.out_dir, args.seed)
    print(f"wrote {len(paths)} files to {Path(args.out_dir) / 'agreements'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
