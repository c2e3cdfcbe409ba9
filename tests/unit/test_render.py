"""Rendering: HTML pages escape hostile text, status and deadlines appear, SVG charts, the site."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from mineralpacts.errors import UsageError
from mineralpacts.model.agreement import Agreement, Party
from mineralpacts.publish.render.html import render_html, standing
from mineralpacts.publish.render.markdown import render_markdown
from mineralpacts.publish.render.site import MARKER, build_site
from mineralpacts.publish.render.svg import network_svg, pairs, timeline_svg
from mineralpacts.store.repository import Repository
from tests.conftest import AGREEMENTS

ON = dt.date(2026, 5, 1)
SCRIPT = "<script>window.pwned=1</script>"
IMG = '<img src=x onerror="window.pwned=1">'


@pytest.fixture(scope="module")
def agreements() -> list[Agreement]:
    return list(Repository.load(AGREEMENTS, use_cache=False))


@pytest.fixture(scope="module")
def uk_japan(agreements: list[Agreement]) -> Agreement:
    return next(a for a in agreements if a.id == "uk-japan-2023")


def hostile(base: Agreement) -> Agreement:
    """A copy of ``base`` whose text fields carry script and onerror payloads."""
    party = base.parties[0].model_copy(update={"name": IMG, "represented_by": SCRIPT})
    return base.model_copy(
        update={
            "id": "hostile-xss-2024",
            "title": SCRIPT,
            "short_title": IMG,
            "summary": f"{SCRIPT} and {IMG}",
            "notes": '"><svg onload=alert(1)>',
            "parties": [party, *base.parties[1:]],
        }
    )


def test_html_page_holds_everything_show_has(uk_japan: Agreement) -> None:
    page = render_html(uk_japan, ON)
    assert page.startswith("<!doctype html>") and '<html lang="en">' in page
    assert "UK–Japan Critical Minerals MoC" in page and "Ministry of Economy, Trade and Industry" in page
    for source in uk_japan.sources:
        assert f'href="{source.url}"' in page
    assert "2.6(1)" in page and "Osaka" in page
    assert 'rel="stylesheet"' not in page and "<style>" in page  # stand-alone: CSS inlined, nothing fetched
    assert "initial term" in page and "2026-07-30" in page and "last day to give notice" in page
    assert '<th scope="col">Clause</th>' in page and "<main" in page and 'name="viewport"' in page


def test_status_and_deadlines_follow_the_lifecycle(uk_japan: Agreement) -> None:
    st = standing(uk_japan, ON)
    assert st.status == "initial-term"
    assert [(d.date.isoformat(), d.kind) for d in st.deadlines][:2] == [
        ("2026-07-30", "notice-due"),
        ("2026-10-27", "term-end"),
    ]
    assert [(p.kind, p.start.isoformat(), p.end.isoformat() if p.end else None) for p in st.periods] == [
        ("initial", "2023-10-28", "2026-10-27"),
        ("renewal", "2026-10-28", "2029-10-27"),
    ]
    assert standing(uk_japan, dt.date(2030, 1, 1)).status == "expired"


def test_markdown_keeps_its_signature_and_adds_deadlines(uk_japan: Agreement) -> None:
    assert render_markdown(uk_japan).startswith("# UK–Japan Critical Minerals MoC")
    text = render_markdown(uk_japan, status_line="initial term", deadlines=[("2026-07-30", "notice <due>")])
    assert "- **Status:** initial term" in text and "## Deadlines\n\n- 2026-07-30: notice \\<due\\>" in text


def test_hostile_text_is_escaped_in_html_and_markdown(uk_japan: Agreement) -> None:
    bad = hostile(uk_japan)
    page = render_html(bad, ON)
    assert "<script>window" not in page and "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.pwned=1&#34;&gt;" in page
    from markdown_it import MarkdownIt  # rich's Markdown parser: how `pacts show` reads this text

    md_html = MarkdownIt("commonmark").render(render_markdown(bad))
    assert "<script" not in md_html and "<img" not in md_html and "&lt;script&gt;" in md_html


def test_timeline_svg_is_valid_xml_with_a_row_per_agreement(
    agreements: list[Agreement], uk_japan: Agreement
) -> None:
    rows = [(a, standing(a, ON)) for a in [*agreements, hostile(uk_japan)]]
    svg = timeline_svg(rows, ON)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    links = [a.get("href") for a in root.iter(f"{ns}a")]
    assert len(links) == len(rows) and "agreements/uk-japan-2023.html" in links
    assert root.get("role") == "img" and root.find(f"{ns}title") is not None
    titles = [t.text or "" for t in root.iter(f"{ns}title")]
    assert any("notice" in t and "2026-07-30" in t for t in titles)
    assert "<img" not in svg and "&lt;img src=x" in svg


def test_network_svg_draws_a_line_per_pair(agreements: list[Agreement]) -> None:
    root = ET.fromstring(network_svg(agreements))
    ns = "{http://www.w3.org/2000/svg}"
    edges = next(g for g in root.iter(f"{ns}g") if g.get("class") == "edges")
    assert len(list(edges.iter(f"{ns}path"))) == len(pairs(agreements))
    assert "parties/gb.html" in [a.get("href") for a in root.iter(f"{ns}a")]
    assert pairs(agreements)[("GB", "JP")][0] == "uk-japan-2023"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(values[key] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")


@pytest.fixture(scope="module")
def site(agreements: list[Agreement], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    summary = build_site(agreements, out, on=ON)
    assert summary.agreements == len(agreements)
    return out


def test_site_has_every_page_and_download(site: Path, agreements: list[Agreement]) -> None:
    for a in agreements:
        assert (site / "agreements" / f"{a.id}.html").is_file()
        for code in a.party_codes:
            assert (site / "parties" / f"{code.lower()}.html").is_file()
    index = (site / "index.html").read_text("utf-8")
    assert all(f'href="agreements/{a.id}.html"' in index for a in agreements)
    for name in (
        "timeline.html",
        "network.html",
        "matrix.html",
        "data.html",
        "feed.xml",
        MARKER,
        "data/agreement.schema.json",
        "data/agreements.json",
        "data/datapackage/datapackage.json",
        "data/csv/agreements.csv",
        "data/agreements.db",
        "assets/style.css",
        "assets/site.js",
    ):
        assert (site / name).is_file(), name


def test_every_internal_link_resolves_and_nothing_is_fetched_from_the_network(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                assert parser.links and "<a" in page.read_text("utf-8")
                continue  # a source link: followed by the reader, never loaded by the page
            assert not parts.scheme and not link.startswith("//"), (page, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)} links to missing {link}"
            assert site.resolve() in target.parents
    for page in pages:  # stylesheets and scripts are local files only
        text = page.read_text("utf-8")
        assert not re.search(r'<(link|script)[^>]+(href|src)="(https?:)?//', text), page


def test_feed_is_atom_with_new_agreements_and_coming_deadlines(site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    ids = [e.findtext("a:id", namespaces=ns) for e in entries]
    assert "urn:mineralpacts:agreement:uk-japan-2023" in ids or len(ids) >= 50
    assert "urn:mineralpacts:deadline:uk-japan-2023:notice-due:2026-07-30" in ids
    assert all(e.findtext("a:updated", namespaces=ns) for e in entries)


def test_rebuild_replaces_a_site_but_never_a_foreign_folder(
    agreements: list[Agreement], tmp_path: Path
) -> None:
    out = tmp_path / "public"
    build_site(agreements[:2], out, on=ON)
    build_site(agreements[:3], out, on=ON)
    assert len(list((out / "agreements").iterdir())) == 3
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(UsageError, match="holds other files"):
        build_site(agreements, foreign, on=ON)
    assert [p.name for p in foreign.iterdir()] == ["thesis.tex"]


def test_party_name_from_the_data_never_reaches_a_page_unescaped(uk_japan: Agreement, tmp_path: Path) -> None:
    bad = hostile(uk_japan)
    assert isinstance(bad.parties[0], Party)
    out = tmp_path / "site"
    build_site([bad, uk_japan], out, on=ON)
    for page in out.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "<script>window" not in text and "<img src=x" not in text, page


def test_pages_name_links_that_only_the_other_file_records(uk_japan: Agreement) -> None:
    """The site's Related section and status come from the derived links (issue 9)."""
    from mineralpacts.analysis.lifecycle import Family, status
    from mineralpacts.model.agreement import Related

    successor = uk_japan.model_copy(
        update={"id": "uk-japan-2026", "related": [Related(id="uk-japan-2023", relation="supersedes")]}
    )
    family = Family.of([uk_japan, successor])
    st = standing(uk_japan, ON, family)
    assert [(x.relation, x.target) for x in st.links] == [("superseded-by", "uk-japan-2026")]
    page = render_html(uk_japan, ON, family)
    assert "superseded by" in page and "uk-japan-2026" in page
    assert "superseded by" not in render_html(uk_japan, ON)  # alone, the older file says nothing
    st_new = standing(successor, ON, family)
    assert [(x.relation, x.target) for x in st_new.links] == [("supersedes", "uk-japan-2023")]
    assert st.label == status(uk_japan, ON, family).describe()
