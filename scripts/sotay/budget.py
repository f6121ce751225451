"""Performance budgets: what the benchmarks in benchmarks/ measure (figures, never asserted).

Shared by ``benchmarks/bench_build.py``, ``bench_pages.py`` and
``bench_lighthouse.py``:

* ``build(dest, bare=False)`` — one ``mkdocs build`` of both languages, timed;
  ``bare=True`` builds the same Markdown with Material and mkdocs-static-i18n
  only (no hooks, overrides, extra CSS/JS), the reference for the budget.
* ``site_for_bench()`` — the built site to measure: ``site/`` when it is there,
  else a fresh build (a fresh clone has none).
* ``first_load(url)`` — bytes a phone downloads to show a page the first time
  (compressed, as sent by nginx with deploy/nginx/sotay.conf), by request.
* ``lighthouse(url, runs)`` — Lighthouse mobile scores, median of ``runs``
  (npm ``lighthouse`` in tests/js, Debian's Chromium).

Budgets (issue 10): build ≤ 1.3 × bare Material; home page ≤ 120 KB
transferred; Lighthouse performance ≥ 98, accessibility 100, SEO 100.
"""
from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import browser, model

ROOT = model.ROOT
BUDGET = {"build_ratio": 1.3, "home_kb": 120, "performance": 98, "accessibility": 100, "seo": 100}
LIGHTHOUSE = ROOT / "tests" / "js" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Pages measured: the home page, a long guide, a Q&A answer, a form.
PAGES = {
    "home": "/",
    "guide": "/huong-dan/chuan-bi-sinh-hoat-thuong-ky/",
    "answer": "/hoi-dap/bi-thu-vang-mat/",
    "form": "/mau/bien-ban-sinh-hoat-thuong-ky/",
}

BARE_CONFIG = """\
site_name: Sổ tay sinh hoạt chi bộ
site_url: http://127.0.0.1:8000/
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  language: vi
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_material: true
      reconfigure_search: true
      languages:
        - locale: vi
          default: true
          name: Tiếng Việt
          build: true
        - locale: en
          name: English
          build: true
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.mark
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.snippets:
      base_path: [{includes}]
      auto_append: [abbreviations.md]
"""


def env() -> dict:
    from . import settings

    return settings.current().subprocess_env()


def bare_config(dest: Path, work: Path) -> Path:
    """mkdocs.yml for Material alone on the project's Markdown (docs/), writing to ``dest``."""
    f = work / "mkdocs-bare.yml"
    f.write_text(BARE_CONFIG.format(docs=ROOT / "docs", site=dest, includes=ROOT / "includes"), encoding="utf-8")
    return f


def build(dest: Path, bare: bool = False) -> float:
    """Seconds (wall clock) for one ``mkdocs build`` of both languages into ``dest``."""
    return build_timed(dest, bare)[0]


def build_timed(dest: Path, bare: bool = False) -> tuple[float, float]:
    """(wall, CPU) seconds for one ``mkdocs build`` of both languages into ``dest``.
    CPU is user + system time of the build and every process it started."""
    dest = Path(dest)
    shutil.rmtree(dest, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="sotay-bench-") as work:
        if bare:
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare_config(dest, Path(work)))]
        else:
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(dest)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        r = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True)
        seconds = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode or not (dest / "index.html").exists():
        raise SystemExit(f"build failed ({'bare Material' if bare else 'ours'}):\n{r.stderr[-3000:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def site_for_bench(work: Path) -> tuple[Path, str]:
    """The built site to measure, and where it came from."""
    site = ROOT / "site"
    if (site / "index.html").exists() and (site / "404.html").exists():
        return site, "site/ (make build)"
    dest = Path(work) / "site"
    build(dest)
    from . import deploy

    deploy.export(dest)
    return dest, "a fresh build (no site/; run `make build` to measure the exports too)"


def pages_in(site: Path) -> dict[str, str]:
    """PAGES that exist in this build (falls back to the largest page of the section)."""
    out = {}
    for name, path in PAGES.items():
        if (site / path.strip("/") / "index.html").exists():
            out[name] = path
            continue
        section = site / path.strip("/").split("/")[0]
        cands = sorted(section.glob("*/index.html"), key=lambda p: -p.stat().st_size)
        if cands:
            out[name] = "/" + cands[0].parent.relative_to(site).as_posix() + "/"
    return out


def longest_guide(site: Path) -> str:
    cands = sorted((site / "huong-dan").glob("*/index.html"), key=lambda p: -p.stat().st_size)
    return "/" + cands[0].parent.relative_to(site).as_posix() + "/"


def first_load(browser, url: str) -> tuple[int, list[tuple[int, str]]]:
    """Bytes transferred (headers and compressed bodies) for a first visit on a phone, by request."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                              has_touch=True)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)
    rows = sorted(((n, urls.get(k, k)) for k, n in sizes.items() if not urls.get(k, "").startswith("data:")),
                  reverse=True)
    ctx.close()
    return sum(n for n, _ in rows), rows


def lighthouse_once(url: str, out: Path) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(ROOT)} not found: npm ci --prefix tests/js (make bench does it)")
    cmd = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
           "--only-categories=performance,accessibility,seo", "--chrome-flags=" + " ".join(CHROME_FLAGS)]
    r = subprocess.run(cmd, env={**env(), "CHROME_PATH": browser.CHROMIUM},
                       capture_output=True, text=True, timeout=300)
    if r.returncode:
        raise RuntimeError(f"lighthouse failed for {url}:\n{r.stderr[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items() if v["score"] is not None}
    metrics = {a: data["audits"][a].get("numericValue") for a in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
                "speed-index")}
    failing = sorted({f"{cat}:{ref['id']}" for cat in ("accessibility", "seo", "performance")
                      for ref in data["categories"][cat]["auditRefs"]
                      if ref["weight"] and (data["audits"][ref["id"]].get("score") is not None)
                      and data["audits"][ref["id"]]["score"] < (0.9 if cat == "performance" else 1)})
    return {"scores": scores, "metrics": metrics, "failing": failing,
            "benchmark_index": data.get("environment", {}).get("benchmarkIndex")}


def lighthouse(url: str, runs: int = 5) -> dict:
    """Median scores and metrics of ``runs`` Lighthouse mobile runs."""
    results = []
    with tempfile.TemporaryDirectory(prefix="sotay-lh-") as tmp:
        for i in range(runs):
            results.append(lighthouse_once(url, Path(tmp) / f"r{i}.json"))
    med = {k: statistics.median(r["scores"][k] for r in results) for k in results[0]["scores"]}
    metrics = {k: statistics.median(r["metrics"][k] for r in results if r["metrics"][k] is not None)
               for k in results[0]["metrics"]}
    failing = sorted({f for r in results for f in r["failing"]})
    return {"scores": med, "all": [r["scores"] for r in results], "metrics": metrics, "failing": failing,
            "benchmark_index": statistics.median(r["benchmark_index"] or 0 for r in results)}


def gzip_size(path: Path) -> int:
    import gzip

    return len(gzip.compress(path.read_bytes(), compresslevel=6))
