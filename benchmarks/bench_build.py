"""Build time of both languages beside a bare Material build of the same Markdown (`make bench`).

Prints figures; asserts nothing. Budget: ours ≤ 1.3 × bare Material (issue 10).
The two builds alternate in pairs (so machine load hits both alike); the ratio
is the median over the pairs, after a first pair on an empty cache (reported too),
in wall-clock and in CPU time. Then the exports (Word files are made during
the build; print views and PDFs, 404 pages, the offline zip after it) are timed
once on our build.

    .venv/bin/python benchmarks/bench_build.py [--runs 5] [--no-exports]
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from sotay import budget, settings


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 5)))
    ap.add_argument("--no-exports", action="store_true", help="time only mkdocs build")
    args = ap.parse_args()
    ours, bare = [], []
    with tempfile.TemporaryDirectory(prefix="sotay-bench-build-") as tmp:
        # Our build keeps QR codes and Word files in a cache (.cache/); the
        # benchmark gives it an empty one, so run 1 is a first build on a fresh
        # clone and the later runs are builds after a change, as in daily work.
        cache = Path(tmp) / "cache"
        s = settings.current()
        settings.use(s.with_(cache_dir=cache, env={**s.env, "SOTAY_CACHE": str(cache)}))  # the builds' environment
        for i in range(args.runs):
            ours.append(budget.build_timed(Path(tmp) / "ours"))
            bare.append(budget.build_timed(Path(tmp) / "bare", bare=True))
            print(f"run {i + 1}{' (empty cache)' if i == 0 else ''}: ours {ours[-1][0]:.1f} s (CPU {ours[-1][1]:.1f} s), "
                  f"bare Material {bare[-1][0]:.1f} s (CPU {bare[-1][1]:.1f} s), ratio {ours[-1][0] / bare[-1][0]:.2f}",
                  flush=True)
        pages = sum(1 for _ in (Path(tmp) / "ours").rglob("index.html"))
        bare_pages = sum(1 for _ in (Path(tmp) / "bare").rglob("index.html"))
        warm = list(range(1, args.runs)) or [0]
        # Each pair runs back to back, so a machine that gets busier or quieter
        # between pairs changes both alike; the median pair is the figure.
        ratio = statistics.median(ours[i][0] / bare[i][0] for i in warm)
        cpu_ratio = statistics.median(ours[i][1] / bare[i][1] for i in warm)
        print(f"mkdocs build, both languages: ours {min(ours[i][0] for i in warm):.1f} s ({pages} index.html), "
              f"bare Material {min(bare[i][0] for i in warm):.1f} s ({bare_pages} index.html) (fastest runs)")
        print(f"build ratio ours/bare (median of the pairs{' after the first' if args.runs > 1 else ''}): "
              f"{ratio:.2f} wall clock (budget ≤ {budget.BUDGET['build_ratio']}) "
              f"{'OK' if ratio <= budget.BUDGET['build_ratio'] else 'OVER BUDGET'}; {cpu_ratio:.2f} CPU time "
              f"(the print views are written by forked processes beside the build; SOTAY_JOBS=1 for one process)")
        print(f"first build on an empty cache: ours/bare {ours[0][0] / bare[0][0]:.2f} wall clock")
        if not args.no_exports:
            from sotay import exports

            site = Path(tmp) / "ours"
            times = {}
            for name in [n for n in exports.EXPORTERS if n not in exports.LAST] + list(exports.LAST):
                fn = exports.EXPORTERS.get(name) or {"deploy": exports._deploy, "offline": exports._offline}[name]
                t = time.perf_counter()
                fn(site)
                times[name] = time.perf_counter() - t
            total = min(ours) + sum(times.values())
            print("exports: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
            print(f"full `sotay build` (build + exports): about {total:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
