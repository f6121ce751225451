"""Vietnamese search: the worker's rules, Material's internals it relies on, and what a
reader sees in real Chromium against the built site (online and over file://).

The query set (tests/search_queries.yml) is written the way secretaries ask,
half without accents; each query's page must be in the top 5. The benchmark
(benchmarks/bench_search.py) measures recall on a separate, held-out set.
"""
from __future__ import annotations

import json
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from sotay import offline, search
from sotay import searcheval as se
from sotay import text
from sotay.model import load_pages

ROOT = Path(__file__).resolve().parents[1]
QUERIES = se.load_queries(ROOT / "tests" / "search_queries.yml")
WORKER = ROOT / "docs" / "assets" / "javascripts" / "workers" / "sotay-search.js"
LAZY = ROOT / "docs" / "assets" / "javascripts" / "lazy-search.js"


def test_query_set_is_big_enough_and_half_unaccented():
    assert len(QUERIES) >= 80
    unaccented = [q for q in QUERIES if text.fold(q.q) == q.q.lower()]
    assert len(unaccented) >= len(QUERIES) // 2 - 2


# --------------------------------------------------------------------------
# The worker's rules, in Node (no browser)
# --------------------------------------------------------------------------

def _node(body: str, docs: list | None = None, config: dict | None = None, lang: str = "vi"):
    """Run `body` (an expression) with the worker loaded as `s`; documents built if given."""
    setup = f"s.build({json.dumps(docs)}, {json.dumps(config or {})}); s.prepare();" if docs is not None else ""
    js = (f"global.self = {{location: {{href: 'http://x/assets/javascripts/workers/sotay-search.js?lang={lang}'}},"
          f" __sotayNoStart: true}}; require({json.dumps(str(WORKER))}); const s = self.__sotaySearch; {setup}"
          f"console.log(JSON.stringify({body}))")
    out = subprocess.run(["node", "-e", js], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


WORDS = ["Biên bản", "ĐẢNG ỦY", "hoà thuận", "thuỷ lợi", "cấp uỷ", "quý", "quỳ", "khoẻ", "tuỳ", "hoàn thành",
         "thuyền", "“Nghị quyết”", unicodedata.normalize("NFD", "biểu quyết"), "Đoàn", "gỉ", "khuya", "HOÀ",
         "Tỉ lệ kỉ luật", "qui định", "lí do", "hi sinh", "Mĩ", "kì họp", "chi bộ thi khi vì", "kia kìa", "ly"]


def test_browser_normalisation_matches_python():
    """The worker's folding and tone-mark rules are the ones the checks use (sotay.text)."""
    got = _node("[" + ",".join(f"[s.normalize({json.dumps(w)}), s.fold({json.dumps(w)})]" for w in WORDS) + "]")
    want = [[text.normalize_query(w), text.fold(w)] for w in WORDS]
    assert got == want


def test_each_site_uses_its_own_synonyms():
    """The English search reads data/terms-en.yml ("Party branch", "chi bộ" -> "Party
    cell") and data/search-synonyms-en.yml ("zoom" -> "online"), not the Vietnamese
    table: there "zoom" stands for "trực tuyến", which English pages only quote."""
    tables = search.synonym_tables()
    assert tables["en"]["party branch"] == ["party cell"] and "party cell" in tables["en"]["chi bộ"]
    assert tables["en"]["zoom"] == ["online"] and "trực tuyến" in tables["vi"]["zoom"]
    docs = [_doc("en/a/", "Online meetings", "When a cell may meet online."),
            _doc("en/b/", "Quoting", "The Vietnamese says sinh hoạt trực tuyến."),
            _doc("en/c/", "Party cell", "The basic unit.")] + [
            _doc(f"en/{n}/", f"Page {n}", "Minutes and resolutions.") for n in "defgh"]
    got = _node("['zoom', 'Party branch', 'chi bộ'].map(q => s.results(q).items.map(g => g[0].location))",
                docs, {"synonyms": tables}, lang="en")
    assert "en/a/" in got[0] and "en/b/" not in got[0], got[0]
    assert got[1][:1] == ["en/c/"] and got[2][:1] == ["en/c/"], got


def test_little_words_are_not_marked_beside_real_ones():
    """'meeting on Zoom' marks 'meeting', not every 'on' of the snippet; a query of
    little words only still marks them."""
    docs = [_doc("en/a/", "Cell meeting", "Do not record on your own initiative; agree on it first.")] + [
            _doc(f"en/{n}/", f"Page {n}", "Minutes and resolutions.") for n in "bcdefgh"]
    got = _node("s.results('meeting on zoom').items.map(g => g[0].title + ' | ' + g[0].text)", docs, lang="en")
    assert got and "<mark>meeting</mark>" in got[0].lower() and "<mark>on</mark>" not in got[0], got
    got = _node("s.results('on ').items.map(g => g[0].text)", docs, lang="en")
    assert got and "<mark>on</mark>" in got[0], got


def test_i_and_y_spellings_find_each_other():
    """'tỉ lệ', 'kỉ luật', 'qui định' (typed with or without accents) find pages that
    write 'tỷ lệ', 'kỷ luật', 'quy định', and the match is highlighted."""
    docs = [_doc("a/", "Tỷ lệ biểu quyết kỷ luật", "Quy định thi hành Điều lệ về kỷ luật."),
            _doc("b/", "Chi bộ thi đua", "Khi chi bộ họp.")]
    got = _node("['tỉ lệ kỉ luật', 'ti le ki luat', 'qui định', 'Kỉ'].map(q => s.results(q).items.map(g => [g[0].location, g[0].title]))",
                docs)
    for q, res in zip(["tỉ lệ kỉ luật", "ti le ki luat", "qui định", "Kỉ"], got):
        assert res and res[0][0] == "a/", (q, res)
    assert got[0][0][1] == "<mark>Tỷ lệ</mark> biểu quyết <mark>kỷ luật</mark>", got[0][0][1]
    assert _node("s.normalize('chi thi khi vi kia')") == "chi thi khi vi kia"


def test_query_words_split_on_punctuation_and_never_keep_it():
    got = _node("s.words('Bí thư vắng, ai “chủ trì”? 42-HD/BTCTW — T/M chi_bộ')")
    assert got == ["bí", "thư", "vắng", "ai", "chủ", "trì", "42", "hd", "btctw", "t", "m", "chi", "bộ"]


def _doc(location, title, body, **extra):
    return {"location": location, "title": title, "text": f"<p>{body}</p>", **extra}


_CORPUS = [
    _doc("a/", "Đồng chí cấp trên về dự họp chi bộ", "Chi bộ họp thường kỳ. Đồng chí bí thư chủ trì."),
    _doc("b/", "Dòng chữ", "Đóng đảng phí. Chi bộ đóng góp ý kiến. Cấp ủy cấp trên."),
    _doc("c/", "Biên bản", "Biên bản ghi <b>đầy đủ</b> ý kiến &lt;của&gt; đảng viên."),
]


def test_unaccented_query_gets_the_accents_the_site_uses():
    got = _node("['dong chi cap tren ve du hop', 'chi bo hop', 'dong dang phi', 'dong chí', 'xyz chi bo']"
                ".map(q => s.restore(s.words(q)))", _CORPUS)
    assert got[0] == "đồng chí cấp trên về dự họp".split()
    assert got[1] == ["chi", "bộ", "họp"]          # "chi" stays: "chi bộ" is the pair the text has
    assert got[2] == ["đóng", "đảng", "phí"]       # the pair decides, not the commonest "dong"
    assert got[3] == ["đồng", "chí"]               # words typed with accents are kept
    assert got[4] == ["xyz", "chi", "bộ"]          # unknown words are kept


def test_results_are_clean_text_with_whole_word_marks():
    """Titles and snippets: the page's text, escaped, with <mark> around whole words of the query."""
    items = _node("['bien ban y kien', 'biên bản ý kiến', 'dang vie'].map(q => s.results(q))", _CORPUS)
    for res in items:
        assert res["items"], res
        for group in res["items"]:
            for it in group:
                for html in [it["title"], it["text"], *it.get("tags", [])]:
                    bare = re.sub(r"</?mark>", "", html)
                    assert "<" not in re.sub(r"</?p>", "", bare) and ">" not in re.sub(r"</?p>", "", bare), html
                    assert "_" not in html and "<mark><mark>" not in html, html
                assert all(k == text.nfc(k) and " " not in k and "_" not in k for k in it["terms"]), it["terms"]
    first = items[0]["items"][0][0]
    assert first["location"] == "c/"
    assert first["title"] == "<mark>Biên bản</mark>"
    assert "<mark>ý kiến</mark>" in first["text"] and "&lt;của&gt;" in first["text"]
    assert items[0]["items"][0][0]["terms"] == {"biên": True, "bản": True, "ý": True, "kiến": True}
    assert "<mark>đảng viên</mark>" in items[2]["items"][0][0]["text"]   # the last word as a prefix


def test_pairs_with_stop_words_are_not_indexed_but_still_searched_as_words():
    got = _node("[s.terms(), s.search('của').ranked.length, s.search('đảng viên').ranked.length]",
                [_doc("a/", "Tên", "của đảng viên")])
    assert got[0]["pairs"] == 1          # "đảng viên"; not "của đảng"
    assert got[1] == 1 and got[2] == 1


def test_suggestion_completes_a_word_of_the_text_never_an_index_term():
    got = _node("['dong gó', 'bie', 'chi b', 'chi bộ', 'xy'].map(q => s.results(q).suggest)", _CORPUS)
    assert got[0] == ["góp"]                     # Material puts it in place of the last word
    assert got[1] in (["biên"], [])             # a completion is a written word…
    assert all(" " not in x.split()[-1] and "_" not in x for g in got for x in g)
    assert got[3] == [] and got[4] == []        # …and never for a whole word or nothing


def test_abbreviations_and_synonyms_stand_for_their_words():
    docs = [_doc("a/", "Tổ chức cơ sở đảng", "Nhiệm vụ của tổ chức cơ sở đảng."),
            _doc("b/", "Sinh hoạt trực tuyến", "Khi nào được sinh hoạt trực tuyến."),
            _doc("c/", "Ghi hình", "Có được ghi hình buổi sinh hoạt không.")]
    config = {"abbr": {"TCCSĐ": "Tổ chức cơ sở đảng"}, "synonyms": search.synonym_tables()}
    got = _node("['TCCSĐ', 'tccsd', 'họp online', 'hop qua mang', 'zoom', 'quay video']"
                ".map(q => s.results(q).items.map(g => g[0].location))", docs, config)
    assert got[0][:1] == ["a/"] and got[1][:1] == ["a/"]
    assert got[2][:1] == got[3][:1] == got[4][:1] == ["b/"]
    assert got[5][:1] == ["c/"]


def _node_async(expr: str):
    js = (f"global.self = {{location: {{href: 'http://x/assets/javascripts/workers/sotay-search.js?lang=vi'}},"
          f" __sotayNoStart: true}}; require({json.dumps(str(WORKER))}); const s = self.__sotaySearch;"
          f" {expr}.then(r => console.log(JSON.stringify(r)))")
    out = subprocess.run(["node", "-e", js], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_worker_protocol_round_trip():
    """SETUP with documents (the offline copy) -> READY; QUERY -> RESULT with {items, suggest}."""
    got = _node_async("(async () => [await s.handle({type: 0, data: {config: {lang: ['vi']}, docs: "
                      + json.dumps(_CORPUS) + ", options: {suggest: true}}}), await s.handle({type: 2, data: 'biên bản'})])()")
    ready, result = got
    assert ready == {"type": 1}
    assert result["type"] == 3 and set(result["data"]) == {"items", "suggest"}
    assert result["data"]["items"][0][0]["location"] == "c/"


# --------------------------------------------------------------------------
# The search files the build writes (sotay.search)
# --------------------------------------------------------------------------

def test_separate_words_keeps_words_apart_and_leaves_code_alone():
    html = "<p>T/M CHI BỘ<br>BÍ THƯ</p><table><tr><td>Khai mạc</td><td>5</td></tr></table><pre>a<br>b</pre>"
    out = search.separate_words(html)
    assert "BỘ<br>\nBÍ" in out and "</td>\n<td>" in out and "<pre>a<br>b</pre>" in out
    field = ('<p class="sotay-field"><label for="x">Vắng mặt</label><input type="number" id="x">'
             '<span class="help">Người được miễn</span></p><select><option>Một</option><option>Hai</option></select>')
    out = search.separate_words(field)
    assert "</label>\n<input" in out and 'id="x">\n<span' in out and "</option>\n<option>" in out


# Words that are written with a capital inside them; anything else means two words ran together.
CAMEL_CASE = {"MkDocs", "ProperDocs", "GitHub", "JavaScript", "iPhone", "iPad"}


def _glued_words(text: str) -> list[str]:
    plain = re.sub(r"<[^>]+>", " ", re.sub(r"<code>.*?</code>", " ", text, flags=re.S))  # code names as written
    return [w for w in re.findall(r"\w+", plain) if w not in CAMEL_CASE
            and any(a.islower() and b.isupper() for a, b in zip(w, w[1:]))]


def test_page_locations_match_materials_index():
    pages = {p.src: p for p in load_pages()}
    assert search.page_location(pages["index.md"]) == ""
    assert search.page_location(pages["hoi-dap/index.md"]) == "hoi-dap/"
    assert search.page_location(pages["hoi-dap/bi-thu-vang-mat.md"]) == "hoi-dap/bi-thu-vang-mat/"
    en = next(p for p in pages.values() if p.lang == "en" and p.src.endswith("index.en.md") and "/" in p.src)
    assert search.page_location(en).startswith("en/") and search.page_location(en).endswith("/")


def test_asked_as_goes_to_the_pages_own_entry_only():
    from types import SimpleNamespace as NS

    page = NS(base="hoi-dap/x.md", lang="vi", type="qa", meta={"asked_as": ["lùi buổi hoa\u0300n"]})
    data = {"docs": [{"location": "hoi-dap/x/", "title": "X", "text": "a"},
                     {"location": "hoi-dap/x/#b", "title": "B", "text": "b"}]}
    docs = search.split_index(data, [page], {})["vi"]["docs"]
    assert docs[0]["asked"] == ["lùi buổi hoàn"] and "asked" not in docs[1]


def test_synonyms_file_errors_name_the_entry(tmp_path):
    bad = tmp_path / "s.yml"
    bad.write_text("họp online: sinh hoạt trực tuyến\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="họp online.*list of phrases"):
        search.synonym_table(bad)


@pytest.mark.browser
def test_build_writes_one_file_per_language_and_an_index_without_documents(site_dir):
    data = json.loads((site_dir / search.INDEX).read_text(encoding="utf-8"))
    assert data["docs"] == [] and data["config"]["separator"], "Material's index must keep its settings only"
    locations = {}
    for lang, f in search.LANGUAGE_FILES.items():
        part = json.loads((site_dir / f).read_text(encoding="utf-8"))
        assert part["docs"] and part["config"]["sotay"]["abbr"]
        assert list(part["config"]["sotay"]["synonyms"]) == [lang], "each language file carries its own table"
        assert all(search.language_of(d["location"]) == lang for d in part["docs"]), lang
        locations[lang] = {d["location"]: d for d in part["docs"]}
    assert locations["vi"]["hoi-dap/"].get("boost") == search.TYPE_BOOST["section"]
    assert "boost" not in locations["vi"]["hoi-dap/bi-thu-vang-mat/"]
    missing = [f for f in search.SEARCH_FILES if not (site_dir / f).is_file()]
    assert not missing, f"search files a service worker is told to cache are not in the site: {missing}"
    glued = [(d["location"], w) for lang in locations for d in locations[lang].values()
             for w in _glued_words(d["title"] + " " + d["text"])]
    assert not glued, f"words run together in the search text (a tag between them that separate_words misses): {glued[:8]}"
    glued = [d["location"] for d in locations["vi"].values() if re.search(r"CHI BỘBÍ|BỘBÍ THƯ", d["text"])]
    assert not glued, f"words glued across <br> in the search text: {glued[:5]}"


# --------------------------------------------------------------------------
# Material's internals the search relies on (sotay.search.MATERIAL_ASSUMPTIONS)
# --------------------------------------------------------------------------

def _material_source(site_dir: Path, name: str) -> str:
    """Material's TypeScript source of one module, from the source map it ships beside its bundle.

    The build leaves the maps out of the site (sotay.deploy), so they are read from
    the installed theme, after checking that the site uses that theme's bundles."""
    import material

    js = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    site_js = site_dir / "assets" / "javascripts"
    for bundle in list(js.glob("bundle.*.min.js")) + list((js / "workers").glob("search.*.min.js")):
        used = site_js / bundle.relative_to(js)
        assert used.is_file(), f"the site does not use the installed Material's {bundle.name}"
    for m in list(js.glob("bundle.*.min.js.map")) + list((js / "workers").glob("search.*.min.js.map")):
        data = json.loads(m.read_text(encoding="utf-8"))
        for src, content in zip(data["sources"], data.get("sourcesContent") or []):
            if src.endswith(name):
                return content or ""
    pytest.fail(f"Material's source {name} is not in its source maps: check MATERIAL_ASSUMPTIONS by hand")


def _assume(key: str, ok: bool, detail: str):
    assert key in search.MATERIAL_ASSUMPTIONS
    assert ok, f"Material assumption '{key}' no longer holds ({search.MATERIAL_ASSUMPTIONS[key]}): {detail}"


def test_every_assumption_has_a_test():
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [k for k in search.MATERIAL_ASSUMPTIONS if f'_assume("{k}"' not in source]
    assert not untested, untested


@pytest.mark.browser
def test_material_assumption_config_worker_url(site_dir):
    bad = []
    for f in [site_dir / "index.html", site_dir / "hoi-dap" / "index.html", site_dir / "en" / "index.html"]:
        m = re.search(r'<script id="__config" type="application/json">(.*?)</script>', f.read_text(encoding="utf-8"))
        url = json.loads(m.group(1)).get("search", "") if m else ""
        lang = "en" if "/en/" in f.as_posix() else "vi"
        if not url.endswith(f"workers/sotay-search.js?lang={lang}"):
            bad.append(f"{f.relative_to(site_dir)}: {url!r}")
    _assume("config-worker-url", not bad, "Material's worker address was not replaced (overrides/main.html, "
            f"block config): {bad}")


@pytest.mark.browser
def test_material_assumption_index_fetch(site_dir):
    src = _material_source(site_dir, "javascripts/bundle.ts")
    ok = ('"search/search_index.json"' in src and "search/search_index.js" in src and "__index" in src)
    req = _material_source(site_dir, "browser/request/index.ts")
    _assume("index-fetch", ok and "new XMLHttpRequest()" in req,
            "Material no longer fetches search/search_index.json with XMLHttpRequest "
            "(lazy-search.js would not hold it back), or no longer reads __index on file://")


@pytest.mark.browser
def test_material_assumption_worker_start(site_dir):
    src = _material_source(site_dir, "browser/worker/index.ts")
    _assume("worker-start", "new Worker(" in src,
            "Material no longer starts its search worker with new Worker(url) (lazy-search.js holds it back)")


@pytest.mark.browser
def test_material_assumption_protocol(site_dir):
    msg = _material_source(site_dir, "search/worker/message/index.ts")
    order = re.search(r"enum SearchMessageType \{(.*?)\}", msg, re.S)
    names = re.findall(r"\b(SETUP|READY|QUERY|RESULT)\b", order.group(1)) if order else []
    setup = _material_source(site_dir, "search/worker/_/index.ts")
    _assume("protocol", names == ["SETUP", "READY", "QUERY", "RESULT"] and "config," in setup and "docs," in setup,
            f"message types are now {names}; SETUP data: see integrations/search/worker/_/index.ts")


@pytest.mark.browser
def test_material_assumption_result_shape(site_dir):
    tsx = _material_source(site_dir, "templates/search/index.tsx")
    h = _material_source(site_dir, "utilities/h/index.ts")
    ok = all(s in tsx for s in ("document.title", "document.text", "document.terms", "data-md-score",
                                'url.searchParams.set("h"', "<del>", "document.tags"))
    _assume("result-shape", ok and "el.innerHTML += child" in h,
            "Material's result template no longer renders title/text/tags as HTML from the worker's items, "
            "or no longer names missing words and ?h= from `terms`")


@pytest.mark.browser
def test_material_assumption_suggest(site_dir):
    src = _material_source(site_dir, "components/search/suggest/index.ts")
    _assume("suggest", "suggest[suggest.length - 1]" in src and "startsWith" in src,
            "Material's suggestion line no longer completes the last word from `suggest`")


@pytest.mark.browser
def test_material_assumption_result_markup(site_dir):
    tsx = _material_source(site_dir, "templates/search/index.tsx")
    partial = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    classes = ["md-search-result__link", "md-search-result__article", "md-search-result__item",
               "md-search-result__terms", "md-tag"]
    missing = [c for c in classes if c not in tsx]
    missing += [c for c in ("md-search-result__meta", "md-search__suggest", "md-search-result__list")
                if c not in partial]
    _assume("result-markup", not missing, f"classes gone: {missing}")


@pytest.mark.browser
def test_material_assumption_page_highlight(site_dir):
    src = _material_source(site_dir, "integrations/search/highlighter/index.ts")
    comp = _material_source(site_dir, "components/search/highlight/index.ts")
    _assume("page-highlight", "config.separator" in src and 'searchParams.get("h")' in comp,
            "Material's page highlighter no longer reads ?h= or config.separator")


def test_material_assumption_iframe_worker():
    shim = (ROOT / "docs" / offline.SHIM).read_text(encoding="utf-8")
    _assume("iframe-worker", "importScripts=" in shim and 'location.protocol==="file:"&&(window.Worker=o)' in shim,
            "the vendored iframe-worker shim changed: check that the worker still gets the documents with SETUP")


# --------------------------------------------------------------------------
# In Chromium: what a reader sees
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def results(site_dir, browser):
    return se.run_queries(site_dir, QUERIES, browser=browser)


@pytest.mark.browser
def test_every_query_finds_its_page_in_the_top_5(results):
    misses = [f"{r['q']!r}: expected {r['expect']}, got {r['top']}" for r in results if not r["hit"]]
    assert not misses, "\n".join(misses)


@pytest.mark.browser
def test_unaccented_queries_find_what_the_accented_ones_find(results, site_dir, browser):
    """Every accented query of the set, typed again without accents: the page is in the top 5 both times."""
    accented = [(q, r) for q, r in zip(QUERIES, results) if text.fold(q.q) != q.q.lower()]
    folded = se.run_queries(site_dir, [se.Query(q=se.unaccented(q.q), expect=q.expect, lang=q.lang)
                                       for q, _ in accented], browser=browser)
    assert len(accented) >= 40
    differ = [f"{q.q!r}: {r['top']} / {f['q']!r}: {f['top']}" for (q, r), f in zip(accented, folded)
              if not f["hit"] or f["top"][0] != r["top"][0]]
    assert not differ, "\n".join(differ)


NAMED = [
    ("biên bản họp chi bộ", "mau/bien-ban-sinh-hoat-thuong-ky/"),
    ("bien ban hop chi bo", "mau/bien-ban-sinh-hoat-thuong-ky/"),
    ("mẫu nghị quyết", "mau/nghi-quyet-thang/"),
    ("mau nghi quyet", "mau/nghi-quyet-thang/"),
    ("thông báo họp", "mau/thong-bao-hop/"),
    ("thong bao hop", "mau/thong-bao-hop/"),
]
ONLINE = ("huong-dan/sinh-hoat-truc-tuyen/", "hoi-dap/khi-nao-duoc-hop-truc-tuyen/")
SYNONYMS = [("họp online", ONLINE), ("họp qua mạng", ONLINE), ("hop qua mang", ONLINE), ("zoom", ONLINE),
            ("quay video", ("hoi-dap/ghi-am-buoi-sinh-hoat/",)), ("quay video buổi họp", ("hoi-dap/ghi-am-buoi-sinh-hoat/",))]


@pytest.mark.browser
def test_forms_asked_for_by_name_come_first(site_dir, browser):
    res = se.run_queries(site_dir, [se.Query(q=q, expect=e) for q, e in NAMED], browser=browser)
    wrong = [f"{r['q']!r}: first {r['top'][:1]}, expected {r['expect']}" for r in res
             if r["top"][:1] != [r["expect"]]]
    assert not wrong, "\n".join(wrong)


@pytest.mark.browser
def test_synonyms_people_use(site_dir, browser):
    res = se.run_queries(site_dir, [se.Query(q=q, expect=e[0]) for q, e in SYNONYMS], browser=browser)
    wrong = [f"{q!r}: first {r['top'][:1]}, expected one of {e}" for (q, e), r in zip(SYNONYMS, res)
             if not r["top"] or r["top"][0] not in e]
    assert not wrong, "\n".join(wrong)


def _section_pages() -> set[str]:
    return {search.page_location(p) for p in load_pages() if p.type in search.TYPE_BOOST}


@pytest.mark.browser
def test_specific_answers_rank_above_section_index_pages(site_dir, browser):
    index_pages = _section_pages()
    for q in ("đảng viên vắng mặt", "dang vien vang mat", "biên bản", "nghị quyết"):
        top = se.run_queries(site_dir, [se.Query(q=q, expect="x/")], k=10, browser=browser)[0]["top"]
        assert top, q
        assert not index_pages & set(top[:3]), f"{q!r}: section index pages in the top 3: {top[:3]}"
        first_index = min((i for i, p in enumerate(top) if p in index_pages), default=len(top))
        assert first_index > 0, (q, top)


@pytest.mark.browser
def test_result_count_means_something(site_dir, browser):
    """A common word alone does not list nearly every page; a precise question lists few."""
    pages = sum(1 for p in load_pages() if p.lang == "vi")
    box_counts = se.result_counts(site_dir, ["chi bộ", "đảng viên", "sinh hoạt", "biên bản họp chi bộ",
                                             "đảng viên vắng mặt", "bí thư đi vắng ai chủ trì"], browser=browser)
    for q in ("chi bộ", "đảng viên", "sinh hoạt"):
        assert 0 < box_counts[q] <= 0.7 * pages, (q, box_counts[q], pages)
    for q in ("biên bản họp chi bộ", "đảng viên vắng mặt", "bí thư đi vắng ai chủ trì"):
        assert 0 < box_counts[q] <= 0.3 * pages, (q, box_counts[q], pages)


CLEAN_QUERIES = ["biên bản họp chi bộ", "bien ban hop chi bo", "nghị quyết", "nghi quyet", "đảng viên đi làm ăn xa",
                 "dang vien di lam an xa thi", "TCCSĐ", "hop online", "bien b", "chi bộ thường k", "42-HD/BTCTW",
                 "“Nghị quyết”", unicodedata.normalize("NFD", "biểu quyết"), "<script>", "a_b"]


def _check_clean(shown: dict, source: dict[str, dict]) -> list[str]:
    """What a reader sees is the site's own text: no markup, no index terms."""
    bad = []
    q = shown["q"]
    for item in shown["items"]:
        where = f"{q!r} {item['href']}"
        for part in ("title", "text", "terms", "tags"):
            for value in ([item[part]] if isinstance(item[part], str) else item[part]):
                if re.search(r"[<>_]", value):
                    bad.append(f"{where}: {part} shows {value[:80]!r}")
        doc = source.get(item["location"])
        if doc is None:
            bad.append(f"{where}: not a document of the index")
            continue
        if se.squash(item["title"]) != se.squash(doc["title"]):
            bad.append(f"{where}: title {item['title']!r} is not the page's {doc['title']!r}")
        snippet = se.squash(item["text"])
        snippet = snippet[2:] if snippet.startswith("… ") else snippet    # cut before…
        snippet = snippet[:-2] if snippet.endswith(" …") else snippet     # …and after
        if snippet and snippet not in se.squash(se.plain(doc["text"])):
            bad.append(f"{where}: snippet {item['text'][:80]!r} is not the page's text")
        if re.search(r"<[^>]*<|&lt;mark|&gt;", item["html"]):
            bad.append(f"{where}: broken markup {item['html'][:120]!r}")
    if re.search(r"[<>_]", shown["suggest"]):
        bad.append(f"{q!r}: suggestion {shown['suggest']!r}")
    return bad


def _source(site_dir: Path, offline_copy: bool = False) -> dict[str, dict]:
    _, docs = search.load_documents(site_dir)
    out = {}
    for d in docs:
        loc = offline.offline_index({"docs": [dict(d)]})["docs"][0]["location"] if offline_copy else d["location"]
        out[loc] = d
    return out


@pytest.mark.browser
def test_results_show_clean_text_online(site_dir, browser):
    shown = se.shown_results(site_dir, CLEAN_QUERIES, browser=browser)
    source = _source(site_dir)
    bad = [b for s in shown for b in _check_clean(s, source)]
    assert not bad, "\n".join(bad[:30])
    by_q = {s["q"]: s for s in shown}
    # The reader's words are marked, with the accents of the text even when typed without.
    first = by_q["bien ban hop chi bo"]["items"][0]
    assert first["marks"] and {text.fold(m) for m in first["marks"]} <= {"bien ban", "bien", "ban", "hop", "chi bo",
                                                                          "chi", "bo", "sinh hoat", "sinh hoat chi bo",
                                                                          "bien ban sinh hoat chi bo", "ban sinh hoat"}
    assert any("biên bản" in m.lower() for m in first["marks"]), first["marks"]
    assert by_q["bien b"]["suggest"] in ("bien ban", "bien bản", ""), by_q["bien b"]["suggest"]


@pytest.mark.browser
def test_asked_as_finds_the_page_and_is_never_shown(site_dir, browser):
    """A page's asked_as (the everyday words readers type for it) finds the page, and the reader
    never sees the phrase in a result unless the page itself says it."""
    docs = json.loads((site_dir / search.LANGUAGE_FILES["vi"]).read_text(encoding="utf-8"))["docs"]
    own = {d["location"]: d for d in docs}
    def words_of(s: str) -> set[str]:
        return set(re.findall(r"[0-9a-z]+", text.fold(re.sub(r"<[^>]+>", " ", s))))

    words = {loc: words_of(d["title"] + " " + d["text"] + " " + " ".join(d.get("tags") or [])) for loc, d in own.items()}
    asked = [(loc, a) for loc, d in own.items() for a in d.get("asked", [])]
    assert len(asked) >= 300, f"asked_as on too few pages: {len(asked)} phrases"
    # Phrases with a word the page never uses: only asked_as can find the page for them.
    hidden = [(loc, a) for loc, a in asked if not words_of(a) <= words[loc]]
    picked = hidden[:: max(1, len(hidden) // 12)][:12]
    shown = se.shown_results(site_dir, [a for _, a in picked], browser=browser)
    missed, leaked = [], []
    for (loc, a), s in zip(picked, shown):
        if loc not in [i["location"] for i in s["items"][:10]]:
            missed.append(f"{a!r} -> {loc}")
        for i in s["items"]:
            seen = " ".join([i["title"], i["text"], *i["tags"]]).lower()
            if a.lower() in seen and a.lower() not in (own.get(i["location"].split("#")[0], {}).get("text", "") or "").lower():
                leaked.append(f"{a!r} shown in {i['location']}")
    assert not leaked, leaked
    assert len(missed) <= 2, f"asked_as phrases that do not find their page in the top 10: {missed}"


@pytest.fixture(scope="module")
def unzipped(site_dir, tmp_path_factory) -> Path:
    z = site_dir / offline.ZIP_NAME
    if not z.exists():
        offline.build(site_dir)
    dest = tmp_path_factory.mktemp("offline-search")
    with zipfile.ZipFile(z) as f:
        f.extractall(dest)
    return dest / offline.FOLDER


@pytest.mark.browser
def test_results_show_clean_text_over_file_url(unzipped, site_dir, browser):
    shown = se.shown_results(unzipped, CLEAN_QUERIES[:8], browser=browser, file_url=True)
    bad = [b for s in shown for b in _check_clean(s, _source(site_dir, offline_copy=True))]
    assert all(s["items"] for s in shown), [s["q"] for s in shown if not s["items"]]
    assert not bad, "\n".join(bad[:30])


@pytest.mark.browser
def test_opened_result_highlights_the_words_on_the_page(site_dir, browser):
    """Typed without accents; the page opened from the first result marks the words as written."""
    marks = se.open_first_result(site_dir, "bien ban hop chi bo", browser=browser)
    assert marks, "no highlighted words on the opened page"
    assert {text.fold(m).lower() for m in marks} & {"bien", "ban", "bien ban"}, marks
    assert all(text.fold(m) != m.lower() or m.isascii() for m in marks)


@pytest.mark.browser
def test_results_are_in_the_language_of_the_site(results, site_dir, browser):
    assert all(not p.startswith("en/") for r in results for p in r["top"])
    en = se.run_queries(site_dir, [se.Query(q="cell meeting", expect="en/", lang="en"),
                                   se.Query(q="documents cited", expect="en/van-ban/", lang="en"),
                                   se.Query(q="minutes", expect="x/", lang="en")], browser=browser)
    for r in en:
        assert r["top"] and all(p.startswith("en/") for p in r["top"]), r
    assert en[1]["hit"], en[1]


@pytest.mark.browser
def test_the_same_query_typed_differently_finds_the_same_pages(site_dir, browser):
    """NFD, upper case, the other tone-mark placement: the same top results."""
    base = [q for q in QUERIES if text.fold(q.q) != q.q.lower()][:8] + [se.Query(q="cấp ủy cấp trên", expect="x/")]
    forms = []
    for q in base:
        forms.append(q)
        forms += [se.Query(q=v, expect=q.expect) for v in se.variants(q.q).values()]
    res = se.run_queries(site_dir, forms, browser=browser)
    for i, q in enumerate(base):
        exact, nfd, upper, new_style = res[4 * i:4 * i + 4]
        assert exact["top"], q.q
        assert nfd["top"] == exact["top"], (q.q, nfd["top"], exact["top"])
        assert upper["top"] == exact["top"], (q.q, upper["top"], exact["top"])
        assert new_style["top"] == exact["top"], (q.q, new_style["top"], exact["top"])


@pytest.mark.browser
def test_lazy_search_holds_back_the_index_and_prefetches_only_on_a_fast_connection(site_dir, browser):
    got = se.requests_before_search(site_dir, browser=browser)
    assert not got["plain"], f"search files fetched on page load: {got['plain']}"
    assert not got["save-data"], f"search files fetched with Save-Data: {got['save-data']}"
    assert any("sotay-vi.json" in u for u in got["fast"]), f"no idle prefetch on a fast connection: {got['fast']}"
    assert got["opened"] and any("sotay-vi.json" in u for u in got["opened"]), got["opened"]
    # A page opened from a result highlights the words with Material's small index file alone.
    assert [u.rsplit("/", 1)[-1] for u in got["highlight"]] == ["search_index.json"], got["highlight"]


def test_every_query_set_names_pages_that_exist():
    """A renamed or merged page must not leave the benchmark's held-out sets (or the
    tests' query files) expecting an address nobody can find: recall would drop for
    no reason the benchmark shows."""
    have = {search.page_location(p) for p in load_pages()}
    files = sorted((ROOT / "benchmarks").glob("search_holdout*.yml")) + sorted((ROOT / "tests").glob("search_queries*.yml"))
    assert len(files) >= 9
    wrong = []
    for f in files:
        queries = se.load_queries(f)
        assert queries, f
        wrong += [f"{f.name}: {q.q!r} expects {q.expect}, which is no page" for q in queries if q.expect not in have]
    assert not wrong, "\n".join(wrong)
