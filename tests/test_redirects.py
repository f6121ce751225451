"""Old addresses of merged pages: the redirect pages the build writes (sotay.redirects)."""
from __future__ import annotations

import re

import pytest

from sotay import model, redirects

# Pages merged in issue 17: old address -> the page that answers it now.
MERGED = {
    "hoi-dap/tinh-tong-so-dang-vien.md": "hoi-dap/ty-le-bieu-quyet.md",
    "hoi-dap/chuyen-de-thay-sinh-hoat-thuong-ky.md": "hoi-dap/gop-chuyen-de-voi-thuong-ky.md",
}


def test_every_merged_page_has_a_redirect_in_both_languages():
    pages = model.load_pages()
    have = {(r.old, r.lang): r for r in redirects.redirects(pages)}
    for old, new in MERGED.items():
        assert not (model.DOCS / old).exists(), f"{old} was merged: its file must be gone"
        assert model.alias_map(pages)[old].src == new
        for lang in model.LANGS:
            r = have[(model.page_url(old, lang), lang)]
            assert r.new == model.page_url(new, lang)
            assert r.href == "../" + new.rsplit("/", 1)[-1][:-3] + "/"


def test_redirect_page_moves_on_without_script_and_says_where():
    r = redirects.Redirect("hoi-dap/cu/", "hoi-dap/moi/", "vi", "Câu hỏi mới & đúng?")
    html = redirects.page_html(r, "https://sotay.example.vn/")
    assert '<html lang="vi">' in html
    assert '<meta http-equiv="refresh" content="0; url=../moi/">' in html
    assert '<link rel="canonical" href="https://sotay.example.vn/hoi-dap/moi/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="../moi/" data-sotay-redirect>Câu hỏi mới &amp; đúng?</a>' in html
    assert "đã được gộp vào trang" in html and "<script" not in html
    en = redirects.page_html(redirects.Redirect("en/hoi-dap/cu/", "en/hoi-dap/moi/", "en", "New"), "https://x.vn/")
    assert '<html lang="en">' in en and "is now part of" in en and "gộp" not in en
    # An English address whose page is not translated yet: the Vietnamese title is marked as such.
    fallback = redirects.page_html(redirects.Redirect("en/a/", "en/b/", "en", "Tiêu đề", "vi"), "https://x.vn/")
    assert '<a href="../b/" data-sotay-redirect lang="vi">Tiêu đề</a>' in fallback
    assert redirects.is_redirect(html) and not redirects.is_redirect("<html><body>trang thường</body></html>")


def test_redirects_are_in_the_built_site_and_nowhere_else(site_dir, site_with_url):
    # site/ has no published address, so no sitemap: the one with an address has it.
    sitemap = (site_with_url / "sitemap.xml").read_text(encoding="utf-8")
    for site in (site_dir, site_with_url):
        index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
        for old in MERGED:
            for lang in model.LANGS:
                f = site / model.page_url(old, lang) / "index.html"
                assert f.is_file() and redirects.is_redirect(f.read_text(encoding="utf-8")), f
            stem = old.rsplit("/", 1)[-1][:-3]
            assert stem not in sitemap and f"{stem}/" not in index
    # The canonical link names the new page only where there is an address to name.
    some = site_dir / model.page_url(next(iter(MERGED)), "vi") / "index.html"
    with_url = site_with_url / model.page_url(next(iter(MERGED)), "vi") / "index.html"
    assert 'rel="canonical"' not in some.read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://example.org/sotay/' in with_url.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("old, lang", [(o, lang) for o in MERGED for lang in model.LANGS])
def test_old_address_opens_the_new_page_in_chromium(context, server, watch, old, lang):
    new = MERGED[old]
    page = context.new_page()
    page.goto(server + "/" + model.page_url(old, lang))
    page.wait_for_url(re.compile(re.escape("/" + model.page_url(new, lang)) + "$"), timeout=15000)
    src = new if lang == model.DEFAULT_LANG else new[:-3] + f".{lang}.md"
    shown = model.load_page(model.DOCS / src) if (model.DOCS / src).exists() else model.load_page(model.DOCS / new)
    assert page.locator("h1").first.inner_text().strip() == shown.meta["title"]
    assert page.locator("html").get_attribute("lang") == lang
    assert not watch.external and not watch.failed, (watch.external, watch.failed)
