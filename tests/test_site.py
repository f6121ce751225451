"""The built site: languages, navigation, search, no outside requests, accessibility."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import AXE, built_pages


class _Refs(HTMLParser):
    """Collects URLs a browser would fetch: scripts, styles, icons, images, fonts, frames."""

    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.refs.append(a["src"])
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
            "stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "preconnect", "dns-prefetch"
        }:
            self.refs.append(a["href"])


def _remote(url: str) -> bool:
    u = urlparse(url)
    return bool(u.scheme in ("http", "https") and u.hostname not in ("127.0.0.1", "localhost")) or url.startswith("//")


def test_both_languages_built(site_dir):
    assert (site_dir / "index.html").exists()
    assert (site_dir / "en" / "index.html").exists()
    vi = (site_dir / "index.html").read_text(encoding="utf-8")
    en = (site_dir / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in vi
    assert '<html lang="en"' in en


def test_no_remote_scripts_styles_or_fonts(site_dir):
    bad = []
    for f in site_dir.rglob("*.html"):
        p = _Refs()
        p.feed(f.read_text(encoding="utf-8"))
        bad += [f"{f.relative_to(site_dir)}: {r}" for r in p.refs if _remote(r)]
    for f in list(site_dir.rglob("*.css")) + list(site_dir.rglob("*.js")):
        text = f.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"""(?:@import\s+|url\()\s*['"]?(https?:)?//([^'")\s]+)""", text):
            host = m.group(2).split("/")[0]
            if host not in ("127.0.0.1", "localhost", "www.w3.org"):
                bad.append(f"{f.relative_to(site_dir)}: {m.group(0)}")
    assert not bad, "remote resources referenced:\n" + "\n".join(bad[:30])


def test_meta_description_on_every_page(site_dir):
    missing = []
    for path in built_pages(site_dir):
        html = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
        m = re.search(r'<meta name="description" content="([^"]*)"', html)
        if not m or len(m.group(1)) < 20:
            missing.append(path)
    assert not missing, f"pages without a meta description: {missing[:20]}"


def test_heading_anchors_keep_vietnamese_d(site_dir):
    from sotay.text import slugify

    assert slugify("Đại biểu dự họp") == "dai-bieu-du-hop"
    ids = re.findall(r'<h2 id="([^"]+)"', (site_dir / "van-ban" / "index.html").read_text(encoding="utf-8"))
    assert ids and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    assert "van-ban-dang-co-hieu-luc" in ids


def test_ui_strings_translated(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Initializing search" not in html
    assert "Đang tải chỉ mục tìm kiếm" in html


def open_search(page):
    """Focus the search box: on a phone through the header button, on a desktop directly."""
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():
        button.click()
    else:
        page.locator("input.md-search__input").click()


@pytest.mark.browser
def test_home_page_in_vietnamese(context, server, watch):
    page = context.new_page()
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").first.inner_text().strip() == "Sổ tay sinh hoạt chi bộ"
    assert page.locator(".sotay-quick a.sotay-role__main", has_text="Bí thư, chi ủy").is_visible()
    assert not watch.external and not watch.failed, (watch.external, watch.failed)


@pytest.mark.browser
def test_home_page_on_a_360px_phone_shows_the_three_paths(phone, server, watch):
    page = phone.new_page()
    page.goto(server + "/")
    links = page.locator(".sotay-quick a.sotay-role__main")
    assert links.count() == 3
    for i, text in enumerate(("Bí thư, chi ủy", "Giảng viên", "In tài liệu")):
        link = links.nth(i)
        assert text in link.inner_text()
        box = link.bounding_box()
        # On the first screen, without scrolling, and within the width.
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 740, (text, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not watch.external and not watch.failed, (watch.external, watch.failed)


@pytest.mark.browser
def test_language_switcher_goes_to_english_and_back(context, server, watch):
    page = context.new_page()
    page.goto(server + "/huong-dan/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/en/huong-dan/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="vi"]').click()
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/huong-dan/$"))
    assert page.locator("html").get_attribute("lang") == "vi"
    assert not watch.external and not watch.failed, (watch.external, watch.failed)


@pytest.mark.browser
def test_search_returns_a_result(context, server, watch):
    page = context.new_page()
    page.goto(server + "/")
    open_search(page)
    page.locator("input.md-search__input").fill("văn bản căn cứ")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() >= 1
    assert not watch.external and not watch.failed, (watch.external, watch.failed)


def pages_to_audit(site_dir) -> list[tuple[str, bool]]:
    """(path, check the navigation too) for the accessibility crawl.

    Every Vietnamese page and every English page that has its own text. An
    English page that only shows the Vietnamese text (no translation yet) has
    the same content as its Vietnamese twin: one per section is audited. The
    navigation sidebars are the same template on every page: they are audited
    on the first page of each section in each language, and left out elsewhere
    (they are most of axe's time on a page).
    """
    from sotay import model

    translated = {p.base for p in model.load_pages() if p.lang == "en"}
    out, seen_sections, seen_fallback = [], set(), set()
    for path in built_pages(site_dir):
        if "/in/toan-bo/" in path:
            continue  # the whole-handbook print view only joins the section views audited here
        lang = "en" if path.startswith("/en/") else "vi"
        rel = path[4:] if lang == "en" else path[1:]
        section = rel.split("/")[0]
        src = (rel.rstrip("/") or "index") + ".md"
        src_index = rel + "index.md"
        if lang == "en" and src not in translated and src_index not in translated:
            if section in seen_fallback:
                continue
            seen_fallback.add(section)
        key = (lang, section)
        out.append((path, key not in seen_sections))
        seen_sections.add(key)
    return out


@pytest.mark.browser
def test_every_page_loads_locally_and_passes_axe(context, server, watch, site_dir):
    """No request off 127.0.0.1, none failing, no serious or critical axe violation."""
    axe = AXE.read_text(encoding="utf-8")
    page = context.new_page()
    problems = []
    audited = pages_to_audit(site_dir)
    assert len(audited) > 100
    for path, with_nav in audited:
        page.goto(server + path, wait_until="load")
        page.add_script_tag(content=axe)
        result = page.evaluate(
            "async (withNav) => (await axe.run(withNav ? document : {exclude: [['.md-sidebar']]},"
            " {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))", with_nav)
        problems += [f"{path}: {r}" for r in result]
    assert not watch.external, "requests left 127.0.0.1:\n" + "\n".join(sorted(set(watch.external))[:20])
    assert not watch.failed, "failed requests:\n" + "\n".join(sorted(set(watch.failed))[:20])
    assert not problems, "axe serious/critical violations:\n" + "\n".join(problems[:40])


class _ArticleText(HTMLParser):
    """The text of a built page's article (what a reader sees): elements with ``hidden``,
    scripts and styles left out."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "col", "embed", "param", "track"}

    def __init__(self):
        super().__init__()
        self.inside, self.skip, self.stack, self.parts = False, 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        if tag == "article" and "md-content__inner" in (a.get("class") or ""):
            self.inside = True
            self.stack.append("article")
        elif self.inside:
            hidden = "hidden" in a or tag in ("script", "style")
            self.stack.append("hidden" if hidden else "")
            self.skip += hidden

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        kind = self.stack.pop()
        if kind == "article":
            self.inside = False
        elif kind == "hidden":
            self.skip -= 1

    def handle_data(self, data):
        if self.inside and not self.skip:
            self.parts.append(data)


def test_hedge_check_counts_what_the_built_pages_show(site_dir):
    """`sotay check hedges` reads docs/ through the build's own functions; the built HTML must show
    exactly the hedges it lists, page by page."""
    import unicodedata
    from collections import Counter

    from sotay import model
    from sotay.checks import hedges

    shown = Counter()
    for f in sorted(site_dir.rglob("index.html")):
        rel = f.relative_to(site_dir).as_posix()
        if rel.startswith(("en/", "assets/", "search/", "in/")):
            continue
        p = _ArticleText()
        p.feed(f.read_text(encoding="utf-8"))
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", " ".join(p.parts)))
        n = len(hedges.HEDGE.findall(text))
        if n:
            shown[rel] = n
    pages, registry = model.load_pages(), model.load_registry()
    glossary, _ = model.load_glossary()
    listed = Counter()
    for h in hedges.find(pages, registry, glossary):
        base = h.page[: -len(".md")]
        listed["index.html" if base == "index" else (base[: -len("index")] if base.endswith("/index") else base + "/")
               + ("index.html" if base != "index" else "")] += 1
    assert shown == listed, f"built pages {dict(shown)} != check {dict(listed)}"
