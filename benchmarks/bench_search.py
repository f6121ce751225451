"""Search benchmark: recall@5 with and without accents, keystroke-to-results
time, index size — ours beside Material's default search on the same content.

Uses the held-out queries in benchmarks/search_holdout.yml (not used by the
tests). Needs a built site (make build) and Debian's Chromium.

    .venv/bin/python benchmarks/bench_search.py [--site site]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sotay import searcheval as se

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--queries", default=str(ROOT / "benchmarks" / "search_holdout.yml"))
    args = ap.parse_args()
    site = Path(args.site)
    if not (site / "search" / "search_index.json").exists():
        raise SystemExit(f"{site}: no search index; run `make build` first")
    accented = se.load_queries(Path(args.queries))
    folded = [se.Query(q=se.unaccented(q.q), expect=q.expect, lang=q.lang) for q in accented]

    with tempfile.TemporaryDirectory() as tmp:
        default_site = se.material_default_copy(site, Path(tmp) / "site")
        rows = {}
        for name, s in (("sotay", site), ("material-default", default_site)):
            t = time.perf_counter()
            ra = se.run_queries(s, accented)
            rf = se.run_queries(s, folded)
            rows[name] = (ra, rf, time.perf_counter() - t)
        sizes_ours, sizes_default = se.index_sizes(site), se.index_sizes(default_site)

    print(f"queries: {len(accented)} held-out (benchmarks/search_holdout.yml), each accented and unaccented")
    print(f"{'search':<18}{'recall@5 accented':>19}{'recall@5 unaccented':>21}{'median ms':>11}{'p90 ms':>9}")
    for name, (ra, rf, _) in rows.items():
        times = sorted(r["seconds"] for r in ra + rf)
        p90 = 1000 * times[int(0.9 * (len(times) - 1))]
        print(f"{name:<18}{se.recall(ra):>19.1%}{se.recall(rf):>21.1%}{se.median_ms(ra + rf):>11.0f}{p90:>9.0f}")
    print("(ms: from the last keystroke to the result list settling, in headless Chromium on this machine)")
    print(f"index search_index.json: {sizes_ours['index_bytes']:,} B, gzip {sizes_ours['index_gzip']:,} B "
          f"(Material default on the same content: {sizes_default['index_bytes']:,} B, gzip {sizes_default['index_gzip']:,} B)")
    print(f"added by the Vietnamese search: index +{sizes_ours['index_gzip'] - sizes_default['index_gzip']:,} B gzip, "
          f"worker wrapper {sizes_ours['wrapper_bytes']:,} B ({sizes_ours['wrapper_gzip']:,} B gzip)")
    ours_a, ours_f, _ = rows["sotay"]
    misses = [r for r in ours_a + ours_f if not r["hit"]]
    if misses:
        print("missed (ours):")
        for r in misses:
            print(f"  {r['q']!r} -> {r['expect']} | got {r['top']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
