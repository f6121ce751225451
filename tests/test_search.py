"""Vietnamese search in real Chromium against the built site.

The query set (tests/search_queries.yml) is written the way secretaries ask,
half without accents; each query's page must be in the top 5. The benchmark
(benchmarks/bench_search.py) measures recall on a separate, held-out set.
"""
from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from sotay import searcheval as se
from sotay import text

ROOT = Path(__file__).resolve().parents[1]
QUERIES = se.load_queries(ROOT / "tests" / "search_queries.yml")
WRAPPER = ROOT / "docs" / "assets" / "javascripts" / "workers" / "sotay-search.js"


def test_query_set_is_big_enough_and_half_unaccented():
    assert len(QUERIES) >= 80
    unaccented = [q for q in QUERIES if text.fold(q.q) == q.q.lower()]
    assert len(unaccented) >= len(QUERIES) // 2 - 2


def _node(expr: str):
    js = (f"global.self = {{location: {{href: 'http://x/w.js?lang=vi'}}, addEventListener(){{}}, importScripts(){{}}}};"
          f"require({json.dumps(str(WRAPPER))}); const s = self.__sotaySearch; console.log(JSON.stringify({expr}))")
    out = subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


WORDS = ["Biên bản", "ĐẢNG ỦY", "hoà thuận", "thuỷ lợi", "cấp uỷ", "quý", "quỳ", "khoẻ", "tuỳ", "hoàn thành",
         "thuyền", "“Nghị quyết”", unicodedata.normalize("NFD", "biểu quyết"), "Đoàn", "gỉ", "khuya", "HOÀ"]


def test_browser_normalisation_matches_python():
    """The worker's folding and tone-mark rules are the ones the checks use (sotay.text)."""
    got = _node("[" + ",".join(f"[s.normalize({json.dumps(w)}), s.fold({json.dumps(w)})]" for w in WORDS) + "]")
    want = [[text.normalize_query(w), text.fold(w)] for w in WORDS]
    assert got == want


def test_query_rewrite_keeps_exact_words_and_pairs():
    q = _node("s.rewriteQuery('Bí thư vắng, ai “chủ trì”?')")
    assert "bí_thư^6" in q and "chủ_trì^6" in q and "trì^2" in q
    assert "“" not in q and "?" not in q


# Feeds a small text through the index pipeline (as lunr does while building),
# then asks the wrapper to put the accents back on a query typed without them.
_CORPUS = ("Đồng chí cấp trên về dự họp chi bộ. Chi bộ họp thường kỳ. Đồng chí bí thư chủ trì. "
           "Dòng chữ. Đóng đảng phí. Chi bộ đóng góp ý kiến. Cấp ủy cấp trên.")


def _restore(*queries: str):
    feed = (f"const T = x => ({{x, toString() {{ return this.x }}, update(f) {{ this.x = f(this.x); return this }},"
            f" clone(f) {{ return T(f ? f(this.x) : this.x) }} }});"
            f"const toks = {json.dumps(_CORPUS)}.split(/[\\s.]+/).filter(Boolean).map(T);"
            f"toks.forEach((t, i, a) => s.expand(t, i, a));")
    js = (f"global.self = {{location: {{href: 'http://x/w.js?lang=vi'}}, addEventListener(){{}}, importScripts(){{}}}};"
          f"require({json.dumps(str(WRAPPER))}); const s = self.__sotaySearch; {feed}"
          f"console.log(JSON.stringify({json.dumps(queries)}.map(q => [s.restore(q.split(' ')), s.rewriteQuery(q)])))")
    out = subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_unaccented_query_gets_the_accents_the_site_uses():
    got = _restore("dong chi cap tren ve du hop", "chi bo hop", "dong dang phi", "dong chí", "xyz chi bo",
                   "đồng chí cấp trên về dự họp")
    assert got[0][0] == "đồng chí cấp trên về dự họp".split()
    assert got[1][0] == ["chi", "bộ", "họp"]          # "chi" stays: "chi bộ" is the pair the text has
    assert got[2][0] == ["đóng", "đảng", "phí"]       # the pair decides, not the commonest "dong"
    assert got[3][0] == ["đồng", "chí"]               # words typed with accents are kept
    assert got[4][0] == ["xyz", "chi", "bộ"]          # unknown words are kept
    # The unaccented query is searched with exactly the terms of the accented one.
    assert got[0][1] == got[5][1]
    assert "họp^2" in got[0][1] and " họp " in got[0][1] + " " and " hop" in got[0][1]  # last word: exact, prefixes


@pytest.fixture(scope="module")
def results(site_dir, browser):
    return se.run_queries(site_dir, QUERIES, browser=browser)


@pytest.mark.browser
def test_every_query_finds_its_page_in_the_top_5(results):
    misses = [f"{r['q']!r}: expected {r['expect']}, got {r['top']}" for r in results if not r["hit"]]
    assert not misses, "\n".join(misses)


@pytest.mark.browser
def test_unaccented_queries_find_what_the_accented_ones_find(results, site_dir, browser):
    """Every accented query of the set, typed again without accents: the same top 5."""
    accented = [(q, r) for q, r in zip(QUERIES, results) if text.fold(q.q) != q.q.lower()]
    folded = se.run_queries(site_dir, [se.Query(q=se.unaccented(q.q), expect=q.expect, lang=q.lang)
                                       for q, _ in accented], browser=browser)
    differ = [f"{q.q!r}: {r['top']} / {f['q']!r}: {f['top']}" for (q, r), f in zip(accented, folded) if f["top"] != r["top"]]
    assert len(accented) >= 40
    assert not differ, "\n".join(differ)


@pytest.mark.browser
def test_results_are_in_the_language_of_the_site(results, site_dir, browser):
    assert all(not p.startswith("en/") for r in results for p in r["top"])
    en = se.run_queries(site_dir, [se.Query(q="cell meeting", expect="en/", lang="en"),
                                   se.Query(q="documents cited", expect="en/van-ban/", lang="en")], browser=browser)
    for r in en:
        assert r["top"] and all(p.startswith("en/") for p in r["top"]), r
    assert en[1]["hit"], en[1]


@pytest.mark.browser
def test_the_same_query_typed_differently_finds_the_same_pages(site_dir, browser):
    """Accents or not, NFD, upper case, the other tone-mark placement: the same top results."""
    base = [q for q in QUERIES if text.fold(q.q) != q.q.lower()][:8] + [
        se.Query(q="hòa giải", expect="x/"), se.Query(q="cấp ủy cấp trên", expect="x/")]
    forms = []
    for q in base:
        forms.append(q)
        forms += [se.Query(q=v, expect=q.expect) for v in se.variants(q.q).values()]
        forms.append(se.Query(q=se.unaccented(q.q), expect=q.expect))
    res = se.run_queries(site_dir, forms, browser=browser)
    by_query = {}
    i = 0
    for q in base:
        group = res[i:i + 5]
        i += 5
        exact, nfd, upper, new_style, folded = group
        assert nfd["top"] == exact["top"], (q.q, nfd["top"], exact["top"])
        assert upper["top"] == exact["top"], (q.q, upper["top"], exact["top"])
        assert new_style["top"] == exact["top"], (q.q, new_style["top"], exact["top"])
        if q.expect != "x/":
            # Typed without accents, the query gets the accents the site's text has: same pages, same order.
            assert folded["top"] == exact["top"], (q.q, folded["top"], exact["top"])
        else:
            # A phrase the site does not have ("hòa giải"): the accents are a guess, the pages overlap.
            assert set(folded["top"]) & set(exact["top"]), (q.q, folded["top"], exact["top"])
        by_query[q.q] = exact["top"]
    assert by_query["cấp ủy cấp trên"], "no result for a plain phrase"


@pytest.mark.browser
def test_accented_query_ranks_the_exact_spelling_first(site_dir, browser):
    """'bán' and 'bản' fold to the same word; an accented query prefers the exact one."""
    res = se.run_queries(site_dir, [se.Query(q="biên bản", expect="x/"), se.Query(q="biến", expect="x/")], browser=browser)
    assert res[0]["top"][0].split("/")[0] in ("huong-dan", "mau", "hoi-dap")
    top = res[0]["top"][0]
    html = (site_dir / top / "index.html").read_text(encoding="utf-8")
    assert "biên bản" in html.lower()
