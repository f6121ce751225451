"""How long each content check takes on the real docs/ (`make bench`). Prints figures; asserts nothing.

    python benchmarks/bench_checks.py            # the default set of `make check`, 3 runs each
    python benchmarks/bench_checks.py --all      # also `mkdocs` (a full strict build, once)
    python benchmarks/bench_checks.py --runs 10

For each check: the median and the fastest of the runs, each on a Context with an
empty cache (the pages are loaded once; the first check does not lend its scans to the
next), plus loading the content and the whole `python -m sotay check` command as an
editor runs it.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sotay import checks, model  # noqa: E402


def ms(seconds: float) -> str:
    return f"{1000 * seconds:8.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--all", action="store_true", help="include the slow mkdocs check (one run)")
    args = ap.parse_args()

    loads = []
    for _ in range(args.runs):
        t = time.perf_counter()
        ctx = checks.Context.load()
        loads.append(time.perf_counter() - t)
    loaded = ctx
    n_pages = len(ctx.pages)
    n_lines = sum(len(p.body.split("\n")) for p in ctx.pages)
    site = "yes" if (ctx.site_dir / "index.html").exists() else "no"
    print(f"content: {n_pages} pages, {n_lines} body lines; site/ built: {site}")
    print(f"{'load (model.load_pages, registry, glossary)':45s} median {ms(statistics.median(loads))}  min {ms(min(loads))}")

    names = list(checks.CHECKS) if args.all else list(checks.DEFAULT)
    total = 0.0
    for name in names:
        runs = 1 if name in checks.SLOW else args.runs
        times, found = [], 0
        for _ in range(runs):
            ctx = dataclasses.replace(loaded, _cache={})
            t = time.perf_counter()
            found = len(checks.CHECKS[name](ctx))
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        total += med
        print(f"  {name:43s} median {ms(med)}  min {ms(min(times))}  ({found} problems, {runs} run{'s' if runs > 1 else ''})")
    print(f"{'sum of medians':45s}        {ms(total)}")

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "sotay", "check"] + (["--all"] if args.all else [])
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    print(f"{'`' + ' '.join(['python -m sotay check'] + (['--all'] if args.all else [])) + '` (wall clock)':45s}        "
          f"{ms(wall)}  exit {r.returncode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
