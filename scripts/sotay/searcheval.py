"""Measuring search: recall@5 of a query set in real Chromium, our search vs Material's.

Used by tests/test_search.py (the project's query set) and
benchmarks/bench_search.py (a held-out set, side by side with Material's
default search on the same content).
"""
from __future__ import annotations

import gzip
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
    """A copy of the built site that uses Material's stock search worker and index settings."""
    shutil.copytree(site, dest)
    for html in dest.rglob("*.html"):
        t = html.read_text(encoding="utf-8")
        t2 = re.sub(r"sotay-search\.js\?lang=[a-z]+&w=search\.", "search.", t)
        if t2 != t:
            html.write_text(t2, encoding="utf-8")
    idx = dest / "search" / "search_index.json"
    data = json.loads(idx.read_text(encoding="utf-8"))
    data["config"].update({"separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]})
    data["config"].pop("sotay", None)
    idx.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return dest


def index_sizes(site: Path) -> dict[str, int]:
    raw = (site / "search" / "search_index.json").read_bytes()
    worker = site / "assets" / "javascripts" / "workers" / "sotay-search.js"
    w = worker.read_bytes() if worker.exists() else b""
    return {"index_bytes": len(raw), "index_gzip": len(gzip.compress(raw, 9)),
            "wrapper_bytes": len(w), "wrapper_gzip": len(gzip.compress(w, 9)) if w else 0}


def median_ms(results: list[dict]) -> float:
    return 1000 * statistics.median(r["seconds"] for r in results) if results else 0.0
