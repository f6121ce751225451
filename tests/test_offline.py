"""The offline copy: the zip of the built site, unzipped and opened from file:// with no network."""
from __future__ import annotations

import os
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sotay import offline, pwa

ATTR = re.compile(r'\s(href|src)="([^"]*)"')
FETCHED = re.compile(r'<(?:script|img|iframe)\b[^>]*\ssrc="([^"]*)"[^>]*>|<link\b[^>]*\shref="([^"]*)"[^>]*>')


@pytest.fixture(scope="session")
def offline_zip(site_dir) -> Path:
    """site/<zip>, as `python -m sotay build` writes it (made here if the site was built without it)."""
    z = site_dir / offline.ZIP_NAME
    if not z.exists():
        offline.build(site_dir)
    return z


@pytest.fixture(scope="session")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(offline_zip) as z:
        assert z.testzip() is None
        z.extractall(dest)
    return dest / offline.FOLDER


# --------------------------------------------------------------------------
# Link rewriting (no site needed)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("url, page, expected", [
    (".", "index.html", "./index.html"),
    ("..", "en/index.html", "../index.html"),
    ("../", "huong-dan/x/index.html", "../index.html"),
    ("huong-dan/", "index.html", "huong-dan/index.html"),
    ("../x/#a", "en/y/index.html", "../x/index.html#a"),
    ("../bien-ban.docx", "mau/x/index.html", "../bien-ban.docx"),
    ("/en/", "huong-dan/x/index.html", "../../en/index.html"),
    ("#top", "index.html", "#top"),
    ("?h=bien", "index.html", "?h=bien"),
    ("https://example.org/", "index.html", "https://example.org/"),
    ("sotay.pdf", "in/huong-dan/index.html", "sotay.pdf"),
])
def test_links_become_file_links(url, page, expected):
    assert offline.file_url(url, page) == expected


def test_search_entries_point_at_files():
    data = offline.offline_index({"docs": [{"location": ""}, {"location": "huong-dan/x/"},
                                           {"location": "en/hoi-dap/y/#giai-thich"}]})
    assert [d["location"] for d in data["docs"]] == ["index.html", "huong-dan/x/index.html",
                                                    "en/hoi-dap/y/index.html#giai-thich"]


# --------------------------------------------------------------------------
# The zip and the unzipped folder
# --------------------------------------------------------------------------


def test_home_pages_link_the_zip_with_size_and_date(site_dir, offline_zip):
    for home, href, unit in ((site_dir / "index.html", offline.ZIP_NAME, "MB, ngày"),
                             (site_dir / "en" / "index.html", "../" + offline.ZIP_NAME, "MB, 20")):
        html = home.read_text(encoding="utf-8")
        assert f'href="{href}"' in html, home
        meta = re.search(r"<span data-sotay-offline-meta>([^<]*)</span>", html)
        assert meta and unit in meta.group(1), (home, meta and meta.group(1))
    assert offline_zip.stat().st_size > 100_000


def test_zip_holds_both_languages_search_and_the_shim(unzipped):
    for rel in ("index.html", "en/index.html", "search/search_index.js", offline.SHIM, "DOC-TRUOC.txt",
                "assets/javascripts/vendor/LICENSE-iframe-worker.txt",
                "assets/javascripts/workers/sotay-search.js"):
        assert (unzipped / rel).is_file(), rel
    assert (unzipped / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    left_out = [p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*")
                if p.suffix == ".map" or p.name in ("sitemap.xml", "404.html", offline.ZIP_NAME)]
    assert not left_out, left_out
    # Nothing of the service worker (phones save through it; the zip is for computers).
    worker = [p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*")
              if p.name in (pwa.SW_NAME, pwa.FALLBACK) or p.relative_to(unzipped).as_posix().startswith(
                  (pwa.VENDOR, pwa.PAGE_SCRIPT, pwa.SW_LOGIC))]
    assert not worker, worker
    pages = [p for p in unzipped.rglob("*.html") if offline.PWA_SCRIPT.search(p.read_text(encoding="utf-8"))]
    assert not pages, pages[:5]


def test_every_page_loads_the_local_shim_and_nothing_remote(unzipped):
    bad = []
    for f in unzipped.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        rel = f.relative_to(unzipped).as_posix()
        if "md-header" in html and "iframe-worker-shim.js" not in html:
            bad.append(f"{rel}: no shim")
        for m in FETCHED.finditer(html):
            tag = m.group(0)
            url = m.group(1) or m.group(2)
            if tag.startswith("<link") and not re.search(r'rel="(?:stylesheet|icon|manifest|preload|modulepreload|apple-touch-icon)"', tag):
                continue  # canonical, alternate: addresses, not fetched
            if url.startswith(("http:", "https:", "//")):
                bad.append(f"{rel}: {url}")
    assert not bad, "\n".join(bad[:30])


def test_every_link_in_the_copy_opens_a_file(unzipped, site_dir):
    """Navigation, print views, PDFs and Word files: each relative link names a file in the copy.

    A target also missing from site/ is the site's own problem (the `site` check reports it)."""
    root = str(unzipped)

    @lru_cache(maxsize=None)
    def problem(folder: str, url: str) -> str | None:
        path = unquote(urlsplit(url).path)
        if not path:
            return None
        target = os.path.normpath(os.path.join(folder, path))
        if path.endswith("/") or os.path.isdir(target):
            return "a folder: needs index.html"
        if not os.path.isfile(target):
            rel = os.path.relpath(target, root)
            if (site_dir / rel).exists():
                return "missing"
        return None

    missing = set()
    for f in unzipped.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        folder = str(f.parent)
        for _attr, url in ATTR.findall(html):
            if not url or url.startswith(("#", "//")) or re.match(r"^[a-z][a-z0-9+.-]*:", url):
                continue
            why = problem(folder, url)
            if why:
                missing.add(f"{f.relative_to(unzipped)}: {url} ({why})")
    assert not missing, f"{len(missing)} broken links in the offline copy:\n" + "\n".join(sorted(missing)[:30])


# --------------------------------------------------------------------------
# In Chromium, from file://, with the network off
# --------------------------------------------------------------------------


@pytest.fixture
def offline_page(browser):
    ctx = browser.new_context(locale="vi-VN", offline=True, accept_downloads=True)
    page = ctx.new_page()
    page.remote = []
    page.errors = []
    page.on("request", lambda r: page.remote.append(r.url)
            if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    ctx.close()


def open_search_and_wait(page):
    from test_site import open_search

    open_search(page)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() && !/Đang tải|Initializing|Loading/.test(m.textContent) }", timeout=60000)


def search(page, q: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.fill(q)
    box.dispatch_event("keyup")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)")


@pytest.mark.browser
def test_offline_copy_reads_navigates_and_searches_without_network(offline_page, unzipped):
    page = offline_page
    page.goto((unzipped / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "vi"
    # The browser is an ordinary one: it refuses to read other files from a file:// page
    # (no --allow-file-access-from-files), so search must work without that.
    assert page.evaluate("fetch('index.html').then(() => 'read', () => 'refused')") == "refused"
    box = page.locator(".sotay-offline").inner_text()
    assert "bản không cần mạng" in box and "máy tính" in box and "Lưu cả sổ tay" not in box, box
    # A page opened from file:// registers no service worker.
    assert page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.getRegistrations()"
                         ".then(r => r.length, () => 0) : 0") == 0

    # Navigation: a link in the page opens the file, not a folder listing.
    page.locator('article a[href="huong-dan/index.html"]').first.click()
    page.wait_for_url(re.compile(r"/huong-dan/index\.html$"))
    assert page.locator("h1").count() == 1

    # Search, with and without accents; a result opens its page.
    page.goto((unzipped / "index.html").as_uri())
    open_search_and_wait(page)
    accented = search(page, "biên bản")
    folded = search(page, "bien ban")
    assert accented and folded, (accented, folded)
    assert all(h.startswith("file:") and ".html" in h for h in accented + folded)
    pages = lambda hrefs: {urlsplit(h).path for h in hrefs[:5]}  # noqa: E731 (?h= differs)
    assert pages(accented) & pages(folded), (accented[:5], folded[:5])
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file:") and "/index.html" in page.url

    # English pages search English.
    page.goto((unzipped / "en" / "index.html").as_uri())
    open_search_and_wait(page)
    assert search(page, "minutes")
    assert not page.remote, page.remote
    assert not page.errors, page.errors


@pytest.mark.browser
def test_offline_copy_downloads_word_files_and_opens_print_views(offline_page, unzipped, site_dir):
    page = offline_page
    forms = sorted((unzipped / "mau").glob("*/index.html"))
    form = next((f for f in forms if "sotay-docx" in f.read_text(encoding="utf-8")), None)
    assert form, "no form page with a Word download in the offline copy"
    page.goto(form.as_uri())
    link = page.locator("a.sotay-docx").first
    with page.expect_download() as dl:
        link.click()
    d = dl.value
    saved = Path(d.path())
    assert saved.read_bytes()[:2] == b"PK", "the Word file is not a .docx (zip)"

    views = sorted((unzipped / "in").glob("*/index.html"))
    assert views, "no print views in the offline copy"
    page.goto(views[0].as_uri())
    assert page.locator("h1").count() > 0
    # PDFs: a file:// page is its own origin, so the browser ignores `download` and shows the PDF
    # in its viewer; the link must name the PDF file of the copy.
    for href in page.eval_on_selector_all("a[href$='.pdf']", "els => els.map(e => e.getAttribute('href'))"):
        target = views[0].parent / unquote(href)
        if (site_dir / target.relative_to(unzipped)).exists():
            assert target.read_bytes()[:5] == b"%PDF-", href
    assert not page.remote, page.remote


@pytest.mark.browser
def test_offline_copy_old_address_opens_the_merged_page(offline_page, unzipped):
    """A redirect page at an old address (sotay.redirects) leads to the new page's file, not a folder."""
    from sotay import model, redirects

    old, new = next(iter(model.alias_map(model.load_pages()).items()))
    f = unzipped / model.page_url(old) / "index.html"
    html = f.read_text(encoding="utf-8")
    assert redirects.is_redirect(html) and 'url=../' in html and '/index.html">' in html
    page = offline_page
    page.goto(f.as_uri())
    page.wait_for_url(re.compile(re.escape("/" + model.page_url(new.src)) + "index\\.html$"), timeout=15000)
    assert page.locator("h1").first.inner_text().strip() == new.meta["title"]
    assert not page.remote, page.remote


@pytest.mark.parametrize("src, lang, expected", [
    ("index.md", "vi", ""), ("index.en.md", "en", "../"), ("gioi-thieu/index.md", "vi", "../"),
    ("gioi-thieu/index.en.md", "en", "../../"), ("gioi-thieu/trien-khai.md", "vi", "../../"),
])
def test_offline_box_links_the_zip_from_any_page(src, lang, expected):
    assert offline.root_prefix(src, lang) == expected
    assert f'href="{expected}{offline.ZIP_NAME}"' in offline.marker_html(lang, src)
