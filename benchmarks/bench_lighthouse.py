"""Lighthouse mobile scores (`make bench`). Prints figures; asserts nothing.

Four pages (home, a guide, a Q&A answer, a form) served by nginx with the
repository's config, measured by Lighthouse (npm `lighthouse` in tests/js,
Debian's Chromium, default mobile emulation and simulated throttling), median
of 5 runs each. The same pages of a bare Material build of the same Markdown
are measured in the same run as a reference (fewer runs: --bare-runs), since
the scores depend on how busy the machine is (Lighthouse's benchmark index is
printed too). Budget: performance ≥ 98, accessibility 100, SEO 100 (issue 10).

    .venv/bin/python benchmarks/bench_lighthouse.py [--runs 5] [--bare-runs 1] [--site site]
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from sotay import budget
from sotay.deploy import Nginx

CATS = ("performance", "accessibility", "seo")


def show(label: str, path: str, r: dict) -> None:
    s = r["scores"]
    m = r["metrics"]
    print(f"{label:<22}{path:<48}" + "".join(f"{s.get(c, float('nan')):>6.0f}" for c in CATS)
          + f"   FCP {m['first-contentful-paint'] / 1000:.1f} s, LCP {m['largest-contentful-paint'] / 1000:.1f} s,"
            f" TBT {m['total-blocking-time']:.0f} ms, CLS {m['cumulative-layout-shift']:.3f}"
          + f"  [bench index {r['benchmark_index']:.0f}]", flush=True)
    if r["failing"]:
        print(f"{'':<22}below 100/0.9: {', '.join(r['failing'])}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_LH_RUNS", 5)))
    ap.add_argument("--bare-runs", type=int, default=int(os.environ.get("BENCH_LH_BARE_RUNS", 1)),
                    help="runs per page for bare Material (0: skip)")
    ap.add_argument("--site", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sotay-bench-lh-") as tmp:
        site, origin = (Path(args.site), args.site) if args.site else budget.site_for_bench(Path(tmp))
        pages = budget.pages_in(site)
        print(f"site: {origin}; Lighthouse mobile, median of {args.runs}")
        print(f"{'page':<22}{'path':<48}" + "".join(f"{c[:5]:>6}" for c in CATS))
        worst = {c: 100.0 for c in CATS}
        with Nginx(site, Path(tmp) / "nginx") as ng:
            for name, path in pages.items():
                r = budget.lighthouse(ng.url + path, args.runs)
                show(name, path, r)
                for c in CATS:
                    worst[c] = min(worst[c], r["scores"].get(c, 0))
        if args.bare_runs:
            bare = Path(tmp) / "bare"
            budget.build(bare, bare=True)
            with Nginx(bare, Path(tmp) / "nginx-bare") as ng:
                for name, path in pages.items():
                    r = budget.lighthouse(ng.url + path, args.bare_runs)
                    show(f"bare Material {name}", path, r)
        verdict = ", ".join(f"{c} {worst[c]:.0f} (≥ {budget.BUDGET[c]}: {'OK' if worst[c] >= budget.BUDGET[c] else 'MISSED'})"
                            for c in CATS)
        print(f"lowest median over the pages: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
