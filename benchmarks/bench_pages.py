"""First-load bytes and search index size (`make bench`). Prints figures; asserts nothing.

A phone's first visit, through nginx with the repository's config
(deploy/nginx/sotay.conf: gzip), in Debian's Chromium: every byte transferred
(headers and compressed bodies) until the network is idle. The search index and
worker load only when search is opened (docs/assets/javascripts/lazy-search.js;
at idle on a fast connection), so they are counted separately. Budget: home page ≤ 120 KB (issue 10).

    .venv/bin/python benchmarks/bench_pages.py [--site site] [-v]
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from sotay import budget, search
from sotay.browser import chromium
from sotay.deploy import Nginx


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=None, help="a built site (default: site/, or a fresh build)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every request")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sotay-bench-pages-") as tmp:
        site, origin = (Path(args.site), args.site) if args.site else budget.site_for_bench(Path(tmp))
        print(f"site: {origin}")
        # Search files (sotay.search): Material's settings and one file of documents per language.
        for f in search.LANGUAGE_FILES.values():
            index = site / f
            docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
            print(f"search index {f}: {index.stat().st_size / 1000:.0f} KB, "
                  f"{budget.gzip_size(index) / 1000:.0f} KB gzip, {len(docs)} entries (loaded when search is opened)")
        pages = {"home page": "/", "long guide": budget.longest_guide(site)}
        with Nginx(site, Path(tmp) / "nginx") as ng, chromium() as browser:
            for name, path in pages.items():
                total, rows = budget.first_load(browser, ng.url + path)
                kb = total / 1000
                note = ""
                if name == "home page":
                    note = f" (budget ≤ {budget.BUDGET['home_kb']} KB: {'OK' if kb <= budget.BUDGET['home_kb'] else 'OVER BUDGET'})"
                print(f"first load, {name} {path}: {kb:.1f} KB in {len(rows)} requests{note}")
                if args.verbose:
                    for n, url in rows:
                        print(f"    {n / 1000:7.1f} KB  {url.replace(ng.url, '')}")
            # What opening search adds: the index (the worker's own scripts are fetched by the worker).
            ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            urls: dict = {}
            sizes: dict = {}
            cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            from sotay.browser import SearchBox

            SearchBox(page, ng.url + "/")
            got = sum(n for k, n in sizes.items() if "/search/" in urls.get(k, "") or "/workers/" in urls.get(k, ""))
            print(f"opening search downloads the index and worker: {got / 1000:.0f} KB")
            ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
