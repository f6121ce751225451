"""Build time of both languages beside a bare Material build of the same Markdown (`make bench`).

Prints figures; asserts nothing. Budget: ours ≤ 1.3 × bare Material (issue 10).
The two builds alternate in the same run (so machine load hits both alike); the
ratio uses each one's fastest run. Then the exports (Word files are made during
the build; print views and PDFs, 404 pages, the offline zip after it) are timed
once on our build.

    .venv/bin/python benchmarks/bench_build.py [--runs 2] [--no-exports]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sotay import budget


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 2)))
    ap.add_argument("--no-exports", action="store_true", help="time only mkdocs build")
    args = ap.parse_args()
    ours, bare = [], []
    with tempfile.TemporaryDirectory(prefix="sotay-bench-build-") as tmp:
        for i in range(args.runs):
            ours.append(budget.build(Path(tmp) / "ours"))
            bare.append(budget.build(Path(tmp) / "bare", bare=True))
            print(f"run {i + 1}: ours {ours[-1]:.1f} s, bare Material {bare[-1]:.1f} s", flush=True)
        pages = sum(1 for _ in (Path(tmp) / "ours").rglob("index.html"))
        bare_pages = sum(1 for _ in (Path(tmp) / "bare").rglob("index.html"))
        ratio = min(ours) / min(bare)
        print(f"mkdocs build, both languages: ours {min(ours):.1f} s ({pages} index.html), "
              f"bare Material {min(bare):.1f} s ({bare_pages} index.html)")
        print(f"build ratio ours/bare: {ratio:.2f} (budget ≤ {budget.BUDGET['build_ratio']}) "
              f"{'OK' if ratio <= budget.BUDGET['build_ratio'] else 'OVER BUDGET'}")
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
