"""The handbook on a phone with no signal: service worker, "Lưu cả sổ tay", updates, installability.

Browser tests run Debian's Chromium with a real (non-incognito) profile against
a copy of the built site served by the repository's nginx config on 127.0.0.1
(sotay.deploy.Nginx). "Offline" is Playwright's ``context.set_offline(True)``,
which also cuts the service worker's own downloads; the tests check nginx's
access log too: nothing reaches the server while the reader is offline.

The installability checks replace Lighthouse's PWA audits (Lighthouse 12 no
longer has a PWA category): Chromium's own ``Page.getInstallabilityErrors``
returns nothing, the worker controls the manifest's start URL, and the start URL
answers 200 with no network.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sotay import deploy, model, offline, pwa

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
from conftest import CHROMIUM_ARGS  # noqa: E402

SAVED = {"vi": "Đã lưu, đọc được khi không có mạng", "en": "Saved: readable with no network"}
UPDATE = {"vi": "Có bản cập nhật — tải lại", "en": "An update is available — reload"}
FALLBACK = {"vi": "Trang này chưa được lưu trên máy", "en": "This page is not saved on this device"}
QUERIES = {"vi": ["bien ban", "chi uy vang mat"], "en": ["minutes", "secretary absent"]}
DONE = ("saved", "quota", "network", "denied", "error", "changed", "unsupported")


def manifest_of(site: Path) -> dict:
    text = (site / pwa.SW_NAME).read_text(encoding="utf-8")
    m = re.search(r"^self\.__SOTAY = (\{.*\});$", text, re.M)
    assert m, "sw.js without self.__SOTAY"
    return json.loads(m.group(1))


def lang_dir(lang: str) -> str:
    return "" if lang == model.DEFAULT_LANG else f"{lang}/"


# --------------------------------------------------------------------------
# The manifest the build writes (no browser)
# --------------------------------------------------------------------------


def test_worker_lists_every_file_with_its_hash_and_size(site_dir):
    man = manifest_of(site_dir)
    assert re.fullmatch(r"[0-9a-f]{12}", man["version"]) and re.fullmatch(r"\d{4}-\d\d-\d\d", man["date"])
    listed = {}
    for part in ("shell", "content", "pdf"):
        for url, rev, size, stored, *fingerprinted in man[part]:
            assert bool(fingerprinted) == (part == "shell" and bool(pwa.FINGERPRINTED.search(url))), url
            rel = url[:-1] + "/index.html" if url.endswith("/") else url
            rel = "index.html" if url == "./" else rel
            data = (site_dir / rel).read_bytes()
            assert pwa.revision(data) == rev, f"{url}: revision is not the file's SHA-256"
            assert size == len(data) and 0 < stored <= size + 64, url
            assert url not in listed, f"{url} listed twice"
            listed[url] = part
    # The shell: what every page loads, both home pages, the "not saved" pages.
    for url in ("./", "en/", "offline.html", "en/offline.html", "manifest.webmanifest", "en/manifest.webmanifest",
                "assets/stylesheets/sotay.css", pwa.PAGE_SCRIPT, f"{pwa.VENDOR}/workbox-window.prod.umd.js",
                "assets/javascripts/workers/sotay-search.js"):
        assert listed.get(url) == "shell", url
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert listed.get(f"assets/javascripts/{bundle}") == "shell"
    # Every page of the site, every file under search/, every Word form: content; PDFs apart.
    for f in site_dir.rglob("*"):
        rel = f.relative_to(site_dir).as_posix()
        if f.suffix == ".docx" or rel.startswith("search/") and f.is_file():
            assert listed.get(rel) == "content", rel
        if f.suffix == ".pdf":
            assert listed.get(rel) == "pdf", rel
        if f.name == "index.html" and not rel.startswith("assets/"):
            assert pwa.url_of(rel) in listed, rel
    # Never listed: the worker itself, source maps, the zip, what only file:// or search engines use.
    for url in listed:
        assert not url.endswith((".map", ".zip")) and url not in ("sw.js", "404.html", "en/404.html", "robots.txt",
                                                                  "sitemap.xml", pwa.SW_LOGIC, offline.SHIM), url
        assert not url.startswith(f"{pwa.VENDOR}/workbox-sw"), url


def test_each_language_saves_its_pages_search_and_forms(site_dir):
    man = manifest_of(site_dir)
    content = [e[0] for e in man["content"]]
    for lang in model.LANGS:
        group = {content[i] for i in man["groups"][lang]}
        pages = {pwa.url_of(f.relative_to(site_dir).as_posix()) for f in (site_dir / lang_dir(lang)).rglob("index.html")
                 if f.relative_to(site_dir).as_posix().split("/")[0] not in ("assets", "search")
                 and (lang != model.DEFAULT_LANG or not f.relative_to(site_dir).as_posix().startswith(
                     tuple(f"{x}/" for x in model.LANGS if x != model.DEFAULT_LANG)))}
        pages -= {"./", "en/"}
        assert pages and pages <= group, sorted(pages - group)[:5]
        assert all(u.startswith(lang_dir(lang)) for u in group if u.endswith("/")), lang
        # The search files of this language (and those of every language); never another's.
        search_files = {u for u in content if u.startswith("search/")}
        own = {u for u in search_files if lang in pwa._search_file_langs(u)}
        assert f"search/sotay-{lang}.json" in own and "search/search_index.json" in own, sorted(search_files)
        assert own <= group and not (search_files - own) & group, (lang, sorted(group & search_files))
        docx = {u for u in content if u.endswith(".docx")}
        assert docx and docx <= group, lang
        pdfs = {man["pdf"][i][0] for i in man["groups"][f"pdf-{lang}"]}
        # The language's print views' PDFs, and the meeting packet (a Vietnamese document, linked
        # from the forms pages of both languages).
        packet = "mau/bo-mau-buoi-sinh-hoat.pdf"
        assert packet in pdfs, lang
        assert all(u.startswith(f"{lang_dir(lang)}in/") for u in pdfs - {packet}), pdfs


def test_search_files_come_from_the_built_site(tmp_path):
    """Whatever search/ holds is saved (another index format, one file per language), never a fixed list."""
    site = tmp_path / "site"
    for rel, text in {"index.html": "<html lang=vi><a href='mau/x/'>x</a></html>", "en/index.html": "<html></html>",
                      "mau/x/index.html": "<a href='../x.docx'>w</a>", "mau/x.docx": "PK",
                      "search/search_index.json": "{}", "search/vi/shards.bin": "1", "search/en/shards.bin": "2",
                      "search/prebuilt.en.json": "{}", "in/huong-dan/sach.pdf": "%PDF"}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    (site / "in" / "huong-dan" / "index.html").write_text("<a href='sach.pdf'>pdf</a>", encoding="utf-8")
    man = pwa.collect(site)
    urls = [e[0] for e in man["content"]]
    vi = {urls[i] for i in man["groups"]["vi"]}
    en = {urls[i] for i in man["groups"]["en"]}
    assert {"search/search_index.json", "search/vi/shards.bin", "mau/x/", "mau/x.docx", "in/huong-dan/"} <= vi
    assert "search/en/shards.bin" not in vi and "search/prebuilt.en.json" not in vi
    assert {"search/search_index.json", "search/en/shards.bin", "search/prebuilt.en.json"} <= en
    assert [man["pdf"][i][0] for i in man["groups"]["pdf-vi"]] == ["in/huong-dan/sach.pdf"]


def test_integrity_is_the_sha256_in_standard_base64():
    data = b"S\xe1\xbb\x95 tay"
    expected = "sha256-" + __import__("base64").b64encode(hashlib.sha256(data).digest()).decode()
    assert pwa.integrity(pwa.revision(data)) == expected


def test_workbox_is_vendored_pinned_and_local():
    assert set(pwa.vendored_version().values()) == {pwa.WORKBOX_VERSION}
    assert (pwa.VENDOR_DIR / pwa.LICENSE_NAME).read_text(encoding="utf-8").startswith("Copyright")
    for name in pwa.WORKBOX_FILES.values():
        text = (pwa.VENDOR_DIR / name).read_text(encoding="utf-8")
        assert "sourceMappingURL" not in text, name
    logic = (model.DOCS / pwa.SW_LOGIC).read_text(encoding="utf-8")
    # workbox-sw would load its modules from Google's CDN without modulePathPrefix.
    assert "modulePathPrefix" in logic and "debug: false" in logic


def test_box_on_home_and_about_pages_says_the_size_and_how_to_install(site_dir):
    man = manifest_of(site_dir)
    pages = {"vi": ["index.html", "gioi-thieu/index.html"], "en": ["en/index.html", "en/gioi-thieu/index.html"]}
    sizes = pwa.sizes({k: man[k] for k in ("shell", "content", "pdf", "groups")})
    for lang, files in pages.items():
        for rel in files:
            html = (site_dir / rel).read_text(encoding="utf-8")
            box = re.search(r'<div class="admonition tip sotay-offline[ "].*?</div>', html, re.S)
            assert box, rel
            box = box.group(0)
            size = re.search(rf'<span data-sotay-size="{lang}">([^<]*)</span>', box).group(1)
            assert size == pwa.L[lang]["size"].format(size=offline.human_size(sizes[lang]["stored"], lang)), (rel, size)
            pdf = re.search(rf'<span data-sotay-size="pdf-{lang}">([^<]*)</span>', box).group(1)
            count = len(man["groups"][f"pdf-{lang}"])
            assert re.match(rf"{count} (tệp|files), \d", pdf), (rel, pdf)
            assert 'data-act="save" disabled' in box   # enabled by offline.js where the browser can save
            assert "Android" in box and "iPhone" in box
            assert ("ẩn danh" if lang == "vi" else "private") in box
            zip_href = re.search(r'<a href="([^"]*\.zip)" ', box).group(1)
            assert ((site_dir / rel).parent / zip_href).resolve() == (site_dir / offline.ZIP_NAME).resolve(), rel
            assert ("máy tính" if lang == "vi" else "computer") in box
            assert re.search(r"<span data-sotay-offline-meta>\d", box), rel


# --------------------------------------------------------------------------
# A copy of the site behind nginx, and a browser with a real profile
# --------------------------------------------------------------------------


def copy_site(src: Path, dest: Path) -> Path:
    """Hard links where possible (the build and the tests replace files, never edit them in place)."""
    def link(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.copytree(src, dest, copy_function=link)
    return dest


class Served:
    """A copy of the built site at ``root`` served by nginx; ``publish`` swaps in a new build."""

    def __init__(self, site_dir: Path, tmp: Path):
        self.tmp = tmp
        self.root = copy_site(site_dir, tmp / "www")
        self.nginx = deploy.Nginx(self.root, tmp / "nginx")

    @property
    def url(self) -> str:
        return self.nginx.url

    def log(self) -> list[str]:
        """nginx's access log, without the browser's own checks for a new worker: Chromium fetches
        sw.js and its importScripts from the browser process on a navigation, where Playwright's
        offline switch does not reach (with no network they fail and change nothing)."""
        log = self.tmp / "nginx" / "logs" / "access.log"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        worker = [pwa.SW_NAME, pwa.SW_LOGIC] + [f"{pwa.VENDOR}/{n}" for k, n in pwa.WORKBOX_FILES.items()
                                                 if k != "workbox-window"]
        check = re.compile(r'"GET /(?:%s)[? ]' % "|".join(re.escape(w) for w in worker))
        return [x for x in lines if not check.search(x)]

    def requests(self) -> int:
        return len(self.log())

    def rebuild_with(self, rel: str, marker: str) -> Path:
        """A new build: the same site with one page changed, its worker written again."""
        new = copy_site(self.root, self.tmp / "www-new")
        page = new / rel
        html = page.read_text(encoding="utf-8")
        html, n = re.subn(r"(<h1[^>]*>.*?</h1>)", rf'\1\n<p id="sotay-test-update">{marker}</p>', html, count=1, flags=re.S)
        assert n == 1, rel
        page.unlink()
        page.write_text(html, encoding="utf-8")
        pwa.build(new)
        return new

    def publish(self, new: Path) -> None:
        old = self.tmp / "www-old"
        self.root.rename(old)
        new.rename(self.root)


@pytest.fixture
def served(site_dir, tmp_path):
    if not Path(deploy.nginx_bin()).exists():
        pytest.fail(f"{deploy.nginx_bin()} not found: run `make system-deps` (apt-get install nginx-light)")
    s = Served(site_dir, tmp_path)
    with s.nginx:
        yield s


@pytest.fixture
def profile(browser, tmp_path, request):
    """Chromium with a profile on disk (not incognito: an installable app needs a normal window)."""
    ctx = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        locale="vi-VN", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    ctx.problems = []
    ctx.remote = []

    def on_request(r):
        if urlsplit(r.url).hostname not in ("127.0.0.1", None, "") and not r.url.startswith(("data:", "blob:")):
            ctx.remote.append(r.url)

    ctx.on("request", on_request)
    ctx.on("weberror", lambda e: ctx.problems.append(f"error: {e.error}"))
    ctx.on("console", lambda m: ctx.problems.append(f"console: {m.text}")
           if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
    yield ctx
    ctx.close()


def page_of(ctx):
    return ctx.pages[0] if ctx.pages else ctx.new_page()


def wait_ready(page, lang: str = "vi"):
    """The worker is active and the save buttons are enabled (offline.js found it ready)."""
    page.locator(f'[data-group="{lang}"] button[data-act="save"]:not([disabled])').wait_for(timeout=60000)


def wait_controlled(page, timeout: float = 60):
    end = time.time() + timeout
    while time.time() < end:
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            return
        page.wait_for_timeout(200)
    raise AssertionError("the service worker does not control the page")


def save(page, group: str) -> tuple[str, str]:
    box = page.locator(f'[data-group="{group}"]')
    box.locator('button[data-act="save"]').click()
    page.locator(f'[data-group="{group}"]:is({", ".join(f"[data-state={s}]" for s in DONE)})').wait_for(timeout=180000)
    return box.get_attribute("data-state"), box.locator('[role="status"]').inner_text()


def search(page, q: str) -> list[str]:
    """Material's search box: the result addresses, once they stop changing."""
    from test_site import open_search

    if not page.locator("input.md-search__input").is_visible():
        open_search(page)
    box = page.locator("input.md-search__input")
    box.fill("")   # the previous query's results go first, so they are never read as this one's
    box.dispatch_event("keyup")
    page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=30000)
    box.fill(q)
    box.dispatch_event("keyup")
    page.locator(".md-search-result__item").first.wait_for(timeout=60000)
    last, same = None, 0
    for _ in range(60):
        hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                          "els => els.map(e => e.getAttribute('href'))")
        same = same + 1 if hrefs == last else 0
        if same >= 3:
            break
        last = hrefs
        page.wait_for_timeout(150)
    # Material renders results ten at a time and more when the list is scrolled (an
    # IntersectionObserver): the first ten are what both runs show for certain.
    return [re.sub(r"\?h=.*$", "", h) for h in last][:10]


def title_of(site: Path, rel: str) -> str:
    import html as htmlmod

    m = re.search(r"<title>(.*?)</title>", (site / rel).read_text(encoding="utf-8"), re.S)
    return htmlmod.unescape(m.group(1)).strip()


def unvisited_pages(site: Path, lang: str) -> list[str]:
    """Three pages of different kinds: an answer, a form, a lesson."""
    out = []
    for section in ("hoi-dap", "mau", "tap-huan"):
        files = sorted((site / lang_dir(lang) / section).glob("*/index.html"))
        out.append(files[len(files) // 2].relative_to(site).as_posix())
    return out


# --------------------------------------------------------------------------
# The acceptance test, in both languages
# --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_save_read_offline_search_then_update(profile, served, site_dir, lang):
    page = page_of(profile)
    home = f"{served.url}/{lang_dir(lang)}"
    page.goto(home, wait_until="load")
    wait_ready(page, lang)
    man = manifest_of(served.root)

    # Save: the size shown before, a progress bar while saving, then the saved state.
    box = page.locator(f'[data-group="{lang}"]')
    assert re.search(r"\d[\d,.]* MB", box.locator(".sotay-save__size").inner_text())
    state, text = save(page, lang)
    assert state == "saved" and SAVED[lang] in text, text
    assert man["date"][:4] in text   # the edition's date
    assert box.locator("progress").is_hidden()
    online = {q: search(page, q) for q in QUERIES[lang]}
    assert all(online.values()), online

    # Offline: three pages never opened, a Word form, search: all from the cache.
    before = served.requests()
    profile.set_offline(True)
    pages = unvisited_pages(served.root, lang)
    for rel in pages:
        r = page.goto(f"{served.url}/{pwa.url_of(rel)}")
        assert r.status == 200 and r.from_service_worker, rel
        assert page.title() == title_of(served.root, rel), rel
        assert page.locator("article h1").count() == 1, rel
    docx = next(e for e in man["content"] if e[0].endswith(".docx"))
    got = page.evaluate("u => fetch(u).then(r => r.arrayBuffer()).then(b => b.byteLength)", f"{served.url}/{docx[0]}")
    assert got == docx[2], "the Word form read offline is not the file"
    page.goto(home)
    for q, expected in online.items():
        assert search(page, q) == expected, f"offline search for {q!r} differs from online"
    page.goto(f"{served.url}/{lang_dir(lang)}khong-co-trang-nay/")
    assert FALLBACK[lang] in page.locator("article").inner_text()
    assert served.requests() == before, "requests reached the server while offline:\n" + "\n".join(served.log()[before:])

    # A new build with a changed page, online again: the notice, then the new page.
    changed = pages[0]
    marker = f"Nội dung mới {time.time()}"
    new = served.rebuild_with(changed, marker)
    new_man = manifest_of(new)
    assert new_man["version"] != man["version"]
    served.publish(new)
    profile.set_offline(False)
    page.goto(f"{served.url}/{pwa.url_of(changed)}")
    notice = page.locator(".sotay-update")
    notice.wait_for(timeout=120000)
    assert UPDATE[lang] in notice.inner_text()
    # Until the reader reloads, the old build is served whole: no new page among old ones.
    assert page.locator("#sotay-test-update").count() == 0
    with page.expect_navigation(timeout=60000):
        notice.locator("button").click()
    page.locator("#sotay-test-update").wait_for(timeout=30000)
    assert marker in page.locator("#sotay-test-update").inner_text()

    # Old entries are gone: every cached file has this build's revision.
    keys = page.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) {
          out[name] = (await (await caches.open(name)).keys()).map(r => r.url);
        }
        return out;
    }""")
    revs = {e[1] for part in ("shell", "content", "pdf") for e in new_man[part]}
    old_only = {e[1] for part in ("shell", "content", "pdf") for e in man[part]} - revs
    cached = [re.search(r"__WB_REVISION__=([^&]+)", u) for urls in keys.values() for u in urls]
    assert old_only and all(m.group(1) in revs for m in cached if m), "entries of the old build left in the cache"
    assert sorted(n.split("-")[1] for n in keys) == ["content", "pdf", "shell", "state"], list(keys)

    # And the saved copy is the new build, offline too.
    profile.set_offline(True)
    before = served.requests()
    r = page.goto(f"{served.url}/{pwa.url_of(changed)}")
    assert r.from_service_worker and marker in page.locator("#sotay-test-update").inner_text()
    r = page.goto(f"{served.url}/{pwa.url_of(pages[1])}")
    assert r.status == 200 and page.title() == title_of(served.root, pages[1])
    assert served.requests() == before
    assert not profile.remote, profile.remote
    assert not profile.problems, profile.problems


@pytest.mark.browser
def test_pages_read_once_open_offline_without_saving(profile, served, site_dir):
    """No button pressed: the shell and every page opened (the first one too) are kept, both languages."""
    page = page_of(profile)
    first = unvisited_pages(served.root, "vi")[0]
    page.goto(f"{served.url}/{pwa.url_of(first)}", wait_until="load")
    wait_controlled(page)
    read = [first, unvisited_pages(served.root, "en")[1]]
    page.goto(f"{served.url}/{pwa.url_of(read[1])}", wait_until="load")
    page.wait_for_timeout(500)
    profile.set_offline(True)
    before = served.requests()
    for rel in read:
        r = page.goto(f"{served.url}/{pwa.url_of(rel)}")
        assert r.status == 200 and r.from_service_worker and page.title() == title_of(served.root, rel), rel
    r = page.goto(f"{served.url}/{read[0]}?h=chi+bo#top")   # …/index.html, a search result's ?h=
    assert r.status == 200 and r.from_service_worker and page.title() == title_of(served.root, read[0])
    for lang in model.LANGS:   # the home pages are in the shell
        r = page.goto(f"{served.url}/{lang_dir(lang)}")
        assert r.status == 200 and page.locator("html").get_attribute("lang") == lang
    not_read = unvisited_pages(served.root, "vi")[2]
    page.goto(f"{served.url}/{pwa.url_of(not_read)}")
    assert FALLBACK["vi"] in page.locator("article").inner_text()
    assert page.locator(".md-header").count() == 1   # styled: the shell is there
    assert served.requests() == before


@pytest.mark.browser
def test_pdfs_are_kept_only_when_asked_for(profile, served):
    page = page_of(profile)
    page.goto(f"{served.url}/", wait_until="load")
    wait_ready(page)
    man = manifest_of(served.root)
    pdf = man["pdf"][man["groups"]["pdf-vi"][0]]
    size = "u => fetch(u).then(r => r.ok ? r.arrayBuffer().then(b => b.byteLength) : -r.status, () => 'offline')"
    assert page.evaluate(size, f"{served.url}/{pdf[0]}") == pdf[2]   # opened online: not kept (they are large)
    kept = """async () => { let n = 0; for (const name of await caches.keys())
        if (name.startsWith('sotay-pdf-')) n += (await (await caches.open(name)).keys()).length; return n }"""
    page.wait_for_timeout(500)
    assert page.evaluate(kept) == 0
    state, text = save(page, "pdf-vi")
    assert state == "saved" and "Đã lưu các tệp PDF" in text, text
    assert page.locator('[data-group="vi"]').get_attribute("data-state") != "saved"   # the pages are apart
    assert page.evaluate(kept) == len(man["groups"]["pdf-vi"])
    profile.set_offline(True)
    for i in man["groups"]["pdf-vi"]:
        url, _rev, nbytes = man["pdf"][i][:3]
        assert page.evaluate(size, f"{served.url}/{url}") == nbytes, url


# --------------------------------------------------------------------------
# Bad cases: no space, a broken download, storage refused, private windows
# --------------------------------------------------------------------------


@pytest.mark.browser
def test_full_storage_and_a_broken_download_are_told_and_resumable(profile, served):
    page = page_of(profile)
    page.goto(f"{served.url}/", wait_until="load")
    wait_ready(page)
    cdp = profile.new_cdp_session(page)
    box = page.locator('[data-group="vi"]')

    # No space at all (Chromium's estimate() does not show the override: the first write fails).
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": served.url, "quotaSize": 200_000})
    state, text = save(page, "vi")
    assert state == "quota" and "không đủ chỗ" in text and "Đã lưu" not in text, text

    # Space runs out midway (the quota drops after the first files): told, nothing reported as saved.
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": served.url})
    seen = []

    def shrink(route):
        seen.append(route.request.url)
        if len(seen) == 15:   # the first batch (12 files) is stored by then
            cdp.send("Storage.overrideQuotaForOrigin", {"origin": served.url, "quotaSize": 100_000})
        route.continue_()

    profile.route("**/hoi-dap/**", shrink)
    state, text = save(page, "vi")
    profile.unroute("**/hoi-dap/**")
    assert state == "quota" and "Chưa lưu xong" in text and "Đã lưu" not in text, text
    assert int(re.search(r"(\d+)/\d+ tệp", text).group(1)) >= 12, text
    assert box.locator('button[data-act="save"]').inner_text() == "Tải tiếp"
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": served.url})

    # The connection drops midway: told how far it got; "Tải tiếp" finishes without starting again.
    profile.route("**/mau/**", lambda r: r.abort("internetdisconnected"))
    state, text = save(page, "vi")
    profile.unroute("**/mau/**")
    assert state == "network" and "Mất kết nối" in text and "Đã lưu" not in text, text
    have = int(re.search(r"(\d+)/(\d+) tệp", text).group(1))
    assert have > 10
    page.reload(wait_until="load")   # the reader comes back later: the page says it is unfinished
    wait_ready(page)
    box.locator('[role="status"]:has-text("chưa xong")').wait_for()
    before = served.requests()
    state, text = save(page, "vi")
    assert state == "saved", text
    fetched = served.requests() - before
    total = len(manifest_of(served.root)["groups"]["vi"])
    assert fetched < total - have + 5, f"{fetched} downloads to finish {total - have} files"

    # Deleting the saved copy frees the space and says so.
    box.locator('button[data-act="forget"]').click()
    page.locator('[data-group="vi"][data-state="idle"]').wait_for()


@pytest.mark.browser
def test_storage_refused_or_unavailable_is_said(browser, served):
    # A browser that refuses the worker (site data blocked; as Chromium answers then).
    ctx = browser.new_context(locale="vi-VN")
    ctx.add_init_script("""ServiceWorkerContainer.prototype.register = function () {
        return Promise.reject(new DOMException('The user denied permission to use Service Worker.', 'SecurityError'))
    }""")
    page = ctx.new_page()
    page.goto(f"{served.url}/", wait_until="load")
    page.locator('[data-group="vi"][data-state="denied"]').wait_for(timeout=30000)
    assert "không cho trang này lưu" in page.locator('[data-group="vi"] [role="status"]').inner_text()
    assert page.locator('[data-group="vi"] button[data-act="save"]').is_disabled()
    ctx.close()
    # A browser that reports too little free space (Firefox and Safari report it): nothing is downloaded.
    ctx = browser.new_context(locale="vi-VN")
    ctx.add_init_script("""StorageManager.prototype.estimate = function () {
        return Promise.resolve({ quota: 3e6, usage: 2.5e6 })
    }""")
    page = ctx.new_page()
    page.goto(f"{served.url}/", wait_until="load")
    wait_ready(page)
    before = served.requests()
    state, text = save(page, "vi")
    man = manifest_of(served.root)
    need = offline.human_size(pwa.sizes({k: man[k] for k in ("shell", "content", "pdf", "groups")})["vi"]["stored"], "vi")
    assert state == "quota" and f"cần khoảng {need}, còn 500 KB" in text and "Chưa lưu xong: 0/" in text, text
    assert served.requests() == before, "files were downloaded although there was no space"
    ctx.close()
    # A site published without its worker (or `mkdocs serve`): the reader is told, not misled.
    (served.root / pwa.SW_NAME).unlink()
    ctx = browser.new_context(locale="vi-VN")
    page = ctx.new_page()
    page.goto(f"{served.url}/", wait_until="load")
    page.locator('[data-group="vi"][data-state="unavailable"]').wait_for(timeout=30000)
    assert "sw.js" in page.locator('[data-group="vi"] [role="status"]').inner_text()
    ctx.close()
    # A window without service workers at all (as Firefox's private windows): the reader is told why.
    ctx = browser.new_context(locale="en-US")
    ctx.add_init_script("delete Navigator.prototype.serviceWorker")
    page = ctx.new_page()
    page.goto(f"{served.url}/en/", wait_until="load")
    page.locator('[data-group="en"][data-state="unsupported"]').wait_for(timeout=30000)
    assert "private" in page.locator('[data-group="en"] [role="status"]').inner_text()
    ctx.close()


@pytest.mark.browser
def test_private_window_is_warned_that_it_cannot_keep_a_copy(browser, served):
    ctx = browser.new_context(locale="vi-VN")   # Playwright's contexts are incognito
    page = ctx.new_page()
    page.goto(f"{served.url}/", wait_until="load")
    assert "Cửa sổ ẩn danh (riêng tư) không giữ được bản lưu" in page.locator(".sotay-offline__intro").inner_text()
    assert page.locator(".sotay-offline__intro").is_visible()
    ctx.close()


# --------------------------------------------------------------------------
# Installable (replaces Lighthouse's PWA audits) and the worker's headers
# --------------------------------------------------------------------------


@pytest.mark.browser
def test_installable_worker_controls_the_start_url_which_opens_offline(profile, served):
    page = page_of(profile)
    cdp = profile.new_cdp_session(page)
    starts = {}
    for lang in model.LANGS:
        page.goto(f"{served.url}/{lang_dir(lang)}", wait_until="load")
        wait_controlled(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], (lang, errors)
        app = cdp.send("Page.getAppManifest")
        assert not app.get("errors"), app.get("errors")
        data = json.loads(app["data"])
        assert data["lang"] == lang and data["display"] == "standalone"
        starts[lang] = urljoin(app["url"], data["start_url"])
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert starts[lang].startswith(scope), (starts[lang], scope)
    profile.set_offline(True)
    for lang, url in starts.items():
        r = page.goto(url)
        assert r.status == 200 and r.from_service_worker, (lang, url)
        assert page.evaluate("navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL") \
            == f"{served.url}/sw.js"
        assert page.locator("html").get_attribute("lang") == lang
    assert not profile.remote, profile.remote


def fetch(url: str):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    r = urllib.request.urlopen(req, timeout=10)
    body = r.read()
    return r.headers, gzip.decompress(body) if r.headers.get("Content-Encoding") == "gzip" else body


def test_nginx_serves_the_worker_uncached_under_the_policy(served):
    h, body = fetch(f"{served.url}/sw.js")
    assert h["Cache-Control"] == "no-cache" and h["Content-Type"].startswith("application/javascript")
    assert body.startswith(b"/* S") and b"self.__SOTAY" in body
    policy = h["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "script-src 'self'" in policy and "connect-src 'self'" in policy
    for m in re.finditer(rb'importScripts\(([^)]*)\)', body):
        for u in re.findall(rb'"([^"]*)"', m.group(1)):
            assert not re.match(rb"^[a-z]+:|^//", u), u
            h2, _ = fetch(f"{served.url}/{u.decode()}")
            assert h2["Content-Type"].startswith("application/javascript"), u
    for name in pwa.WORKBOX_FILES.values():
        h2, _ = fetch(f"{served.url}/{pwa.VENDOR}/{name}")
        assert h2["Content-Type"].startswith("application/javascript")
