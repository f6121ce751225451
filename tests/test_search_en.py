"""English search on the built site, the way a reader uses it: type into the search
box of /en/, read the results list (sotay.searcheval.run_queries, sotay.browser.SearchBox).
Nothing here depends on how the search worker builds or ranks its index.

The query set (tests/search_queries_en.yml) covers the pages that exist in English;
it grows as pages are translated.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from sotay import model
from sotay import searcheval as se

ROOT = Path(__file__).resolve().parents[1]
QUERIES = se.load_queries(ROOT / "tests" / "search_queries_en.yml")


def test_english_query_set_covers_the_english_pages():
    assert len(QUERIES) >= 20 and all(q.lang == "en" and q.expect.startswith("en/") for q in QUERIES)
    from sotay import printbook

    english = {"en/" + printbook.page_path(p.src) for p in model.load_pages() if p.lang == "en"}
    expected = {q.expect for q in QUERIES}
    assert expected <= english, f"queries expect pages that have no English text: {sorted(expected - english)}"
    # Every translated guide, and the documents and about pages, are asked for.
    for url in english:
        if url.startswith(("en/huong-dan/", "en/gioi-thieu/")) and url.count("/") == 3:
            assert url in expected, f"no English query finds {url}"


@pytest.fixture(scope="module")
def results(site_dir, browser):
    return se.run_queries(site_dir, QUERIES, browser=browser)


@pytest.mark.browser
def test_english_recall_at_5(results):
    """Each query's page in the top 5 (recall@5 = 1.0 on the set)."""
    misses = [f"{r['q']!r}: expected {r['expect']}, got {r['top']}" for r in results if not r["hit"]]
    print(f"English recall@5: {se.recall(results):.2f} on {len(results)} queries")
    assert not misses, "\n".join(misses)


@pytest.mark.browser
def test_english_results_are_english_pages(results):
    """Results stay on /en/ and never list a page that only shows the Vietnamese text."""
    from sotay import printbook

    english = {"en/" + printbook.page_path(p.src) for p in model.load_pages() if p.lang == "en"}
    for r in results:
        for url in r["top"]:
            assert url.startswith("en/"), (r["q"], url)
            assert url in english, (r["q"], url)
