"""The built site in a real browser: headless Chromium (Debian's) driven through Playwright.

One site is built per module from a copy of the repository plus a hostile agreement whose text
fields hold script and onerror payloads. Run only these with ``pytest -m browser``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import AGREEMENTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ON = dt.date(2026, 5, 1)
HOSTILE_ID = "hostile-xss-2024"
SCRIPT = "<script>window.pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.pwned=1;alert(1)">'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A site built from the real agreements plus one hostile file; (site folder, every id)."""
    from mineralpacts.publish.render.site import build_site
    from mineralpacts.store.repository import Repository

    repo = tmp_path_factory.mktemp("repo") / "agreements"
    shutil.copytree(AGREEMENTS, repo)
    data = Repository.load(AGREEMENTS).get("uk-japan-2023").model_dump(mode="json")
    data.update(id=HOSTILE_ID, title=SCRIPT, short_title=IMG, summary=f"{SCRIPT} {IMG}", notes=IMG)
    data["parties"][0].update(name=IMG, represented_by=SCRIPT)
    data["areas"][0]["summary"] = SCRIPT
    # JSON is YAML: written this way, the payloads reach the loader exactly as they are.
    (repo / f"{HOSTILE_ID}.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = Repository.load(repo, use_cache=False)
    assert not loaded.problems and HOSTILE_ID in loaded
    site = tmp_path_factory.mktemp("site") / "public"
    build_site(loaded, site, on=ON)
    return site, sorted(loaded.agreements)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("PACTS_BROWSER_TESTS") == "required":  # CI installs it: missing is a failure
            pytest.fail(message)
        pytest.skip(message)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("requestfailed", lambda r: pg.errors.append(f"failed {r.url}"))
    yield pg
    context.close()


def _url(site: Path, rel: str) -> str:
    return (site / rel).as_uri()


def _visible_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#agreements tbody tr:not([hidden]) th a", "els => els.map(a => a.getAttribute('href').slice(11, -5))"
    )


def test_index_lists_every_agreement_with_and_without_javascript(
    built: tuple[Path, list[str]], page: Any, browser: Any
) -> None:
    site, ids = built
    page.goto(_url(site, "index.html"))
    assert sorted(_visible_ids(page)) == ids
    assert (
        page.is_visible("#filters")
        and page.text_content("#count") == f"{len(ids)} of {len(ids)} agreements shown."
    )
    plain = browser.new_context(java_script_enabled=False).new_page()
    plain.goto(_url(site, "index.html"))
    assert sorted(_visible_ids(plain)) == ids and not plain.is_visible("#filters")
    plain.context.close()
    assert page.errors == []


def test_filtering_and_sorting_the_index(built: tuple[Path, list[str]], page: Any) -> None:
    site, ids = built
    page.goto(_url(site, "index.html"))
    page.select_option("select[name=party]", "JP")
    japan = _visible_ids(page)
    assert "uk-japan-2023" in japan and "uk-us-2026" not in japan and len(japan) < len(ids)
    assert page.text_content("#count") == f"{len(japan)} of {len(ids)} agreements shown."
    page.select_option("select[name=year]", "2023")
    rows = page.eval_on_selector_all(
        "#agreements tbody tr:not([hidden])", "els => els.map(r => [r.dataset.party, r.dataset.year])"
    )
    assert rows and all("JP" in party.split() and year == "2023" for party, year in rows)
    assert "uk-japan-2023" in _visible_ids(page) and len(rows) <= len(japan)
    page.click("button[type=reset]")
    page.fill("input[name=q]", "METI")
    assert "uk-japan-2023" in _visible_ids(page) and len(_visible_ids(page)) < len(ids)
    page.click("button[type=reset]")
    page.wait_for_function(
        f"document.querySelectorAll('#agreements tbody tr:not([hidden])').length === {len(ids)}"
    )
    page.get_by_role("button", name="Signed").click()
    dates = page.eval_on_selector_all(
        "#agreements tbody tr td:nth-child(4)", "els => els.map(e => e.dataset.sort)"
    )
    assert (
        dates == sorted(dates)
        and page.get_attribute("#agreements thead th:nth-child(4)", "aria-sort") == "ascending"
    )
    page.get_by_role("button", name="Signed").click()
    dates = page.eval_on_selector_all(
        "#agreements tbody tr td:nth-child(4)", "els => els.map(e => e.dataset.sort)"
    )
    assert dates == sorted(dates, reverse=True)
    page.goto(_url(site, "index.html") + "?party=GB&instrument=moc")
    assert "uk-japan-2023" in _visible_ids(page) and "uk-us-2026" not in _visible_ids(page)


def test_every_internal_link_resolves(built: tuple[Path, list[str]], page: Any) -> None:
    site, _ = built
    pages = [
        "index.html",
        "agreements/uk-japan-2023.html",
        "parties/gb.html",
        "parties/index.html",
        "timeline.html",
        "network.html",
        "matrix.html",
        "data.html",
    ]
    for rel in pages:
        page.goto(_url(site, rel))
        hrefs = page.evaluate(
            "() => Array.from(document.querySelectorAll('a[href], svg a')).map("
            "a => new URL(a.getAttribute('href'), document.baseURI).href)"
        )
        assert hrefs, rel
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme == "file":
                assert Path(unquote(parts.path)).is_file(), f"{rel} links to missing {href}"
            else:
                assert parts.scheme == "https" or parts.scheme == "http", href
    assert page.errors == []


def test_hostile_payloads_render_as_inert_text(built: tuple[Path, list[str]], page: Any) -> None:
    site, _ = built
    for rel in (
        f"agreements/{HOSTILE_ID}.html",
        "index.html",
        "parties/gb.html",
        "timeline.html",
        "matrix.html",
    ):
        page.goto(_url(site, rel))
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.pwned") is None, rel
        assert page.evaluate("() => document.querySelectorAll('img, script:not([src])').length") == 0, rel
    page.goto(_url(site, f"agreements/{HOSTILE_ID}.html"))
    assert page.text_content("h1") == IMG
    assert SCRIPT in page.text_content("p.summary")
    assert page.dialogs == [] and page.errors == []


def _pixels(page: Any, png: bytes) -> dict[str, Any]:
    """Width, height and colour statistics of a PNG, decoded by the browser's own canvas."""
    data = base64.b64encode(png).decode()
    return page.evaluate(
        """async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            const colours = new Set(); let ink = 0, n = 0;
            for (let i = 0; i < d.length; i += 4 * 7) {
                n++; colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                if (d[i] + d[i + 1] + d[i + 2] < 600) ink++;
            }
            return {width: c.width, height: c.height, colours: colours.size, ink: ink / n};
        }""",
        f"data:image/png;base64,{data}",
    )


@pytest.mark.parametrize(
    ("rel", "width", "height"),
    [("index.html", 1280, 800), ("timeline.html", 1280, 800), ("agreements/uk-japan-2023.html", 390, 844)],
)
def test_screenshot_is_a_real_page_and_fits_a_phone(
    built: tuple[Path, list[str]], browser: Any, rel: str, width: int, height: int
) -> None:
    site, _ = built
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.goto(_url(site, rel))
    stats = _pixels(pg, pg.screenshot())
    assert (stats["width"], stats["height"]) == (width, height)
    assert stats["colours"] > 20 and 0.01 < stats["ink"] < 0.6, stats  # neither blank nor a solid block
    assert pg.evaluate("() => document.documentElement.scrollWidth") <= width  # no sideways scrolling
    context.close()


def test_the_mineral_filter_matches_pacts_list(built: tuple[Path, list[str]], page: Any) -> None:
    from mineralpacts.analysis.query import Filters, filter_agreements
    from mineralpacts.store.repository import Repository

    site, _ = built
    repo = Repository.load(AGREEMENTS)
    page.goto(_url(site, "index.html"))
    for mineral in ("cobalt", "lithium", "rare-earth-elements"):
        page.select_option("select[name=mineral]", mineral)
        expected = [a.id for a in filter_agreements(repo, Filters(minerals=[mineral]))]
        assert expected and sorted(_visible_ids(page)) == sorted(expected), mineral
    assert page.errors == []


def test_filters_are_kept_in_the_address(built: tuple[Path, list[str]], page: Any, browser: Any) -> None:
    site, _ = built
    page.goto(_url(site, "index.html"))
    page.select_option("select[name=party]", "JP")
    page.select_option("select[name=mineral]", "lithium")
    page.fill("input[name=q]", "battery")
    page.wait_for_function("() => window.location.search.includes('q=battery')")
    query = urlsplit(page.evaluate("() => window.location.href")).query
    assert sorted(query.split("&")) == ["mineral=lithium", "party=JP", "q=battery"]
    shown = _visible_ids(page)
    other = browser.new_context().new_page()  # someone the address was sent to
    other.goto(page.evaluate("() => window.location.href"))
    assert other.input_value("select[name=mineral]") == "lithium" and _visible_ids(other) == shown
    other.context.close()
    page.click("button[type=reset]")
    page.wait_for_function("() => window.location.search === ''")


SEARCHES = [
    "cobalt",
    "rare earths",
    "battery minerals",
    "Osaka",
    "METI",
    "lithium",
    "Kazakh*",
    "Türkiye",
    "supplies",
]


def test_the_search_box_finds_what_pacts_search_finds(built: tuple[Path, list[str]], page: Any) -> None:
    from mineralpacts.analysis.search import search
    from mineralpacts.store.repository import Repository

    site, _ = built
    repo = Repository.load(AGREEMENTS)
    page.goto(_url(site, "index.html"))
    for text in SEARCHES:
        page.fill("input[name=q]", text)
        expected = sorted(h.id for h in search(repo, text))
        shown = sorted(i for i in _visible_ids(page) if i != HOSTILE_ID)  # a copy of uk-japan-2023
        assert shown == expected, text
    assert page.errors == []


def test_the_stemmer_of_the_page_is_sqlites(built: tuple[Path, list[str]], page: Any) -> None:
    """Every word of every agreement stems in the page as SQLite's FTS5 stems it."""
    import re
    import sqlite3
    import unicodedata

    from mineralpacts.analysis.search import search_row
    from mineralpacts.store.repository import Repository

    text = " ".join(" ".join(search_row(a).values()) for a in Repository.load(AGREEMENTS))
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    words = sorted({w for w in re.findall(r"[a-z]+", plain)})
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(w, tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO t (rowid, w) VALUES (?, ?)", list(enumerate(words)))
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    sqlite = {words[doc]: term for term, doc in db.execute("SELECT term, doc FROM v")}
    page.goto(_url(site := built[0], "index.html"))
    assert site.is_dir()
    ours = page.evaluate("ws => ws.map(w => window.mineralpacts.stem(w))", words)
    differ = {w: (s, sqlite[w]) for w, s in zip(words, ours, strict=True) if s != sqlite[w]}
    assert len(words) > 1000 and differ == {}


def test_vocabulary_terms_read_as_words_with_the_term_kept(built: tuple[Path, list[str]], page: Any) -> None:
    from mineralpacts.model.vocab import vocabulary

    site, _ = built
    known = {t for terms in vocabulary().values() for t in terms}
    for rel in ("index.html", "agreements/uk-japan-2023.html", "matrix.html", "parties/gb.html"):
        page.goto(_url(site, rel))
        tagged = page.eval_on_selector_all(".term", "els => els.map(e => [e.dataset.term, e.textContent])")
        assert tagged, rel
        assert all(term in known for term, _ in tagged), rel
        shown = page.inner_text("main")
        for raw in ("esg-standards", "announcement-only", "full-text-public", "research-innovation"):
            assert raw not in shown, (rel, raw)
    page.goto(_url(site, "agreements/uk-japan-2023.html"))
    assert page.get_attribute(".term[data-term=esg-standards]", "title").startswith("esg-standards: ")
    assert page.text_content(".term[data-term=esg-standards]") == "ESG standards"


@pytest.mark.parametrize("width", [1280, 390])
def test_dates_never_wrap(built: tuple[Path, list[str]], browser: Any, width: int) -> None:
    site, _ = built
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    for rel in ("index.html", "timeline.html", "parties/jp.html", "agreements/uk-japan-2023.html"):
        pg.goto(_url(site, rel))
        lines = pg.eval_on_selector_all(".date, time", "els => els.map(e => e.getClientRects().length)")
        assert lines and set(lines) == {1}, rel
        # Every ISO date shown in the page's text sits in such an element.
        loose = pg.evaluate(
            """() => { const w = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                const out = []; let n;
                while ((n = w.nextNode())) {
                    if (/\\d{4}-\\d{2}-\\d{2}/.test(n.textContent) && !n.parentElement.closest('.date, time, code, svg'))
                        out.push(n.textContent.trim().slice(0, 60));
                }
                return out; }"""
        )
        assert loose == [], (rel, loose[:3])
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_network_labels_never_overlap(built: tuple[Path, list[str]], browser: Any, width: int) -> None:
    site, _ = built
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(_url(site, "network.html"))
    boxes = pg.eval_on_selector_all(
        "svg .nodes text",
        """els => els.map(e => { const r = e.getBoundingClientRect();
            return [e.textContent, r.left, r.top, r.right, r.bottom]; })""",
    )
    assert len(boxes) > 30

    # Rotated labels have slanted boxes; compare their outlines along each label's own line.
    outlines = pg.eval_on_selector_all(
        "svg .nodes text",
        """els => els.map(e => { const b = e.getBBox(); const m = e.getScreenCTM();
            const p = (x, y) => { const q = new DOMPoint(x, y).matrixTransform(m); return [q.x, q.y]; };
            return [p(b.x, b.y), p(b.x + b.width, b.y), p(b.x + b.width, b.y + b.height), p(b.x, b.y + b.height)]; })""",
    )

    def overlap(a: list[list[float]], b: list[list[float]]) -> bool:
        """Separating-axis test for two convex quadrilaterals."""
        for poly in (a, b):
            for i in range(4):
                (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % 4]
                nx, ny = y2 - y1, x1 - x2
                pa = [nx * x + ny * y for x, y in a]
                pb = [nx * x + ny * y for x, y in b]
                if max(pa) <= min(pb) + 0.5 or max(pb) <= min(pa) + 0.5:
                    return False
        return True

    clashes = [
        (boxes[i][0], boxes[j][0])
        for i in range(len(outlines))
        for j in range(i + 1, len(outlines))
        if overlap(outlines[i], outlines[j])
    ]
    assert clashes == []
    assert pg.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize(
    ("rel", "width"), [("index.html", 390), ("network.html", 390), ("matrix.html", 1280)]
)
def test_more_pages_fit_desktop_and_phone(
    built: tuple[Path, list[str]], browser: Any, rel: str, width: int
) -> None:
    site, _ = built
    context = browser.new_context(viewport={"width": width, "height": 844})
    pg = context.new_page()
    pg.goto(_url(site, rel))
    stats = _pixels(pg, pg.screenshot())
    assert stats["colours"] > 20 and 0.01 < stats["ink"] < 0.6, stats
    assert pg.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()
