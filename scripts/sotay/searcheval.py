"""Measuring search: recall@5 of a query set in real Chromium, our search vs Material's.

Used by tests/test_search.py (the project's query set) and
benchmarks/bench_search.py (a held-out set, side by side with Material's
default search on the same content).
"""
from __future__ import annotations

import gzip
import html as htmlmod
import json
import re
import shutil
import statistics
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from . import search
from .browser import SearchBox, block_remote, chromium, serve
from .text import fold


@dataclass
class Query:
    q: str
    expect: str          # page path, e.g. "hoi-dap/bi-thu-vang-mat/"
    lang: str = "vi"


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(q=str(d["q"]), expect=d["expect"].strip("/") + "/", lang=d.get("lang", "vi")) for d in data]


def page_of(href: str, base: str) -> str:
    """'http://127.0.0.1:1/hoi-dap/x/?h=a#b' -> 'hoi-dap/x/'"""
    path = urlparse(href).path
    base_path = urlparse(base).path.rstrip("/")
    path = path[len(base_path):] if path.startswith(base_path) else path
    return path.lstrip("/")


def top_pages(hrefs: list[str], base: str, k: int = 5) -> list[str]:
    out: list[str] = []
    for h in hrefs:
        p = page_of(h, base)
        if p not in out:
            out.append(p)
        if len(out) == k:
            break
    return out


def run_queries(site: Path, queries: list[Query], k: int = 5, browser=None) -> list[dict]:
    """Type each query into the search box of the right language; return results and timings.

    Pass ``browser`` to reuse a running Playwright browser (the tests do).
    """
    if browser is None:
        with chromium() as b:
            return run_queries(site, queries, k, b)
    results = []
    with serve(site) as url:
        ctx = browser.new_context()
        blocked = block_remote(ctx)
        boxes = {}
        for q in queries:
            if q.lang not in boxes:
                page = ctx.new_page()
                boxes[q.lang] = SearchBox(page, url + ("/" if q.lang == "vi" else f"/{q.lang}/"))
            hrefs, secs = boxes[q.lang].query(q.q)
            pages = top_pages(hrefs, url, k)
            results.append({"q": q.q, "expect": q.expect, "lang": q.lang, "top": pages,
                            "hit": q.expect in pages, "seconds": secs})
        ctx.close()
    if blocked:
        raise AssertionError(f"search made requests off 127.0.0.1: {blocked[:5]}")
    return results


def recall(results: list[dict]) -> float:
    return sum(r["hit"] for r in results) / len(results) if results else 0.0


def unaccented(q: str) -> str:
    """How most people type on a phone: no diacritics, đ as d."""
    return fold(q)


def variants(q: str) -> dict[str, str]:
    """Other ways the same query arrives: NFD, upper case, the other tone-mark placement."""
    new_style = (q.replace("òa", "oà").replace("óa", "oá").replace("ỏa", "oả").replace("õa", "oã").replace("ọa", "oạ")
                 .replace("ủy", "uỷ").replace("ùy", "uỳ").replace("úy", "uý").replace("ũy", "uỹ").replace("ụy", "uỵ")
                 .replace("òe", "oè").replace("óe", "oé").replace("ỏe", "oẻ"))
    return {"nfd": unicodedata.normalize("NFD", q), "upper": q.upper(), "new-style": new_style}


def material_default_copy(site: Path, dest: Path) -> Path:
    """A copy of the built site that uses Material's stock search worker and index settings.

    The pages are the same; Material's worker gets back its own index (every
    document of both languages, as its search plugin wrote them, in
    search/search_index.json) and its default separator and pipeline.
    """
    shutil.copytree(site, dest)
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    for html in dest.rglob("*.html"):
        t = html.read_text(encoding="utf-8")
        t2 = re.sub(r"sotay-search\.js\?lang=[a-z]+", worker, t)
        if t2 != t:
            html.write_text(t2, encoding="utf-8")
    config, docs = search.load_documents(site)
    config = {k: v for k, v in config.items() if k != "sotay"}
    config.update({"separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]})
    docs = [{k: v for k, v in d.items() if k != "boost"} for d in docs]
    (dest / search.INDEX).write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False),
                                     encoding="utf-8")
    for f in search.LANGUAGE_FILES.values():
        (dest / f).unlink(missing_ok=True)
    return dest


def _gz(b: bytes) -> int:
    return len(gzip.compress(b, 9))


def index_sizes(site: Path, lang: str = "vi") -> dict[str, int]:
    """What opening search downloads in one language: Material's index file, our language file, our worker."""
    raw = (site / search.INDEX).read_bytes()
    part = site / search.LANGUAGE_FILES[lang]
    p = part.read_bytes() if part.exists() else b""
    worker = site / search.WORKER
    w = worker.read_bytes() if worker.exists() else b""
    return {"index_bytes": len(raw) + len(p), "index_gzip": _gz(raw) + (_gz(p) if p else 0),
            "wrapper_bytes": len(w), "wrapper_gzip": _gz(w) if w else 0}


def median_ms(results: list[dict]) -> float:
    return 1000 * statistics.median(r["seconds"] for r in results) if results else 0.0


# --------------------------------------------------------------------------
# What a reader sees (tests/test_search.py)
# --------------------------------------------------------------------------

def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def plain(html_text: str) -> str:
    """Material's search text without markup, as the worker shows it."""
    return squash(htmlmod.unescape(re.sub(r"<[^>]*>", " ", html_text)))


_READ = """() => [...document.querySelectorAll('.md-search-result__article')].map(a => {
    const link = a.closest('a')
    return {
      href: link.getAttribute('href'),
      title: (a.querySelector(':scope > h1, :scope > h2') || {textContent: ''}).textContent,
      text: [...a.querySelectorAll(':scope > p:not(.md-search-result__terms)')].map(p => p.textContent).join(' '),
      tags: [...a.querySelectorAll('.md-tag')].map(t => t.textContent),
      terms: [...a.querySelectorAll('.md-search-result__terms del')].map(t => t.textContent),
      marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
      html: a.innerHTML,
    }
  })"""


def _open(page, url: str):
    SearchBox(page, url)   # opens search and waits until it is ready


def _type(page, q: str):
    box = page.locator("input.md-search__input")
    box.fill("")
    box.dispatch_event("keyup")
    page.wait_for_timeout(100)
    box.fill(q)
    box.dispatch_event("keyup")  # Material searches on keyup
    page.wait_for_timeout(120)
    # Settled: the same list twice in a row.
    last = None
    for _ in range(40):
        now = page.evaluate("() => document.querySelector('.md-search-result__list').innerHTML.length + ':' +"
                            " document.querySelector('.md-search-result__meta').textContent")
        if now == last:
            break
        last = now
        page.wait_for_timeout(120)


def _location(href: str, base: str) -> str:
    """A result link as a location of the index ('hoi-dap/x/#a', offline 'hoi-dap/x/index.html#a')."""
    parts = urlparse(href)
    path = parts.path
    base_path = urlparse(base).path
    if path.startswith(base_path):
        path = path[len(base_path):]
    return path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def shown_results(site: Path, queries: list[str], browser, file_url: bool = False, lang: str = "vi") -> list[dict]:
    """Type each query; return what the result list shows (titles, snippets, tags, missing words, suggestion)."""
    out = []

    def run(url: str, base: str, ctx):
        page = ctx.new_page()
        _open(page, url)
        for q in queries:
            _type(page, q)
            items = page.evaluate(_READ)
            for it in items:
                it["location"] = _location(page.evaluate("h => new URL(h, location.href).href", it["href"]), base)
            out.append({"q": q, "items": items,
                        "suggest": page.locator(".md-search__suggest").inner_text(),
                        "meta": page.locator(".md-search-result__meta").inner_text()})

    if file_url:
        ctx = browser.new_context(offline=True)
        start = site / ("index.html" if lang == "vi" else f"{lang}/index.html")
        run(start.as_uri(), site.as_uri() + "/", ctx)
        ctx.close()
        return out
    with serve(site) as url:
        ctx = browser.new_context()
        blocked = block_remote(ctx)
        run(url + ("/" if lang == "vi" else f"/{lang}/"), url + "/", ctx)
        ctx.close()
    if blocked:
        raise AssertionError(f"search made requests off 127.0.0.1: {blocked[:5]}")
    return out


def count_of(meta: str) -> int:
    m = re.match(r"\s*(\d+)", meta)
    return int(m.group(1)) if m else 0


def result_counts(site: Path, queries: list[str], browser) -> dict[str, int]:
    """The count Material shows above the results ("30 tài liệu liên quan")."""
    return {s["q"]: count_of(s["meta"]) for s in shown_results(site, queries, browser)}


def open_first_result(site: Path, q: str, browser) -> list[str]:
    """Search, open the first result; the words Material highlights on that page."""
    with serve(site) as url:
        ctx = browser.new_context()
        page = ctx.new_page()
        _open(page, url + "/")
        _type(page, q)
        page.locator(".md-search-result__item > .md-search-result__link").first.click()
        page.wait_for_load_state("load")
        page.wait_for_selector("mark[data-md-highlight]", timeout=20000)
        marks = page.eval_on_selector_all("mark[data-md-highlight]", "els => els.map(e => e.innerText)")
        ctx.close()
    return marks


CONNECTIONS = {
    "plain": "undefined",                                     # a browser that does not say (Safari, Firefox)
    "save-data": "{effectiveType: '4g', saveData: true}",
    "fast": "{effectiveType: '4g', saveData: false}",
}


def requests_before_search(site: Path, browser) -> dict[str, list[str]]:
    """Search files the page requests before search is opened, per kind of connection; and on opening.

    The service worker is blocked: what it stores on a first visit (the worker script in
    its shell, never an index) is tested in tests/test_pwa.py."""
    out: dict[str, list[str]] = {}
    with serve(site) as url:
        for name, conn in CONNECTIONS.items():
            ctx = browser.new_context(service_workers="block")
            ctx.add_init_script(f"Object.defineProperty(Navigator.prototype, 'connection', "
                                f"{{get: () => ({conn}), configurable: true}})")
            seen: list[str] = []
            ctx.on("request", lambda r, seen=seen: seen.append(r.url)
                   if "/search/" in r.url or "/workers/" in r.url else None)
            page = ctx.new_page()
            page.goto(url + "/hoi-dap/")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(2500)   # idle time
            out[name] = list(seen)
            if name == "plain":
                seen.clear()
                _open(page, url + "/hoi-dap/")
                out["opened"] = list(seen)
                seen.clear()
                page.goto(url + "/hoi-dap/bi-thu-vang-mat/?h=b%C3%AD+th%C6%B0")   # opened from a result
                page.wait_for_selector("mark[data-md-highlight]", timeout=20000)
                page.wait_for_timeout(1000)
                out["highlight"] = list(seen)
            ctx.close()
    return out
