"""The parts of sotay.printbook on their own, without a built site: the glyph grafting
that keeps one font family in the PDFs, the one definition of the books that the
page template reads, and the printed addresses of links on the site's pages."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from sotay import printbook
from sotay.printbook import books, fonts
from sotay.printbook.settings import DEFAULT_FONT_DIR

ROOT = Path(__file__).resolve().parents[1]
SYMBOLS = "→≥☐✓−"   # in the handbook's text; Noto Serif has none of them


def _families(pdf: Path) -> set[str]:
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return {re.sub(r"(?:[-,]?(?:Bold|Italic|Regular))+$", "", re.sub(r"^[A-Z]{6}\+", "", r.split()[0])) for r in rows}


def _pdf(tmp_path: Path, faces_css: str, name: str) -> Path:
    from weasyprint import HTML

    out = tmp_path / name
    HTML(string=f'<html><head><style>{faces_css} body {{ font-family: "{fonts.FAMILY}"; }}</style></head>'
                f"<body><p>Chi bộ họp {SYMBOLS} hằng tháng</p></body></html>").write_pdf(str(out))
    return out


@pytest.fixture(scope="module")
def font_dir():
    if not (DEFAULT_FONT_DIR / fonts.FONT_FACES[(400, "normal")]).exists():
        pytest.skip("fonts-noto-core is not installed (make system-deps)")
    return DEFAULT_FONT_DIR


def test_css_fallback_embeds_other_families_grafting_keeps_one(font_dir, tmp_path):
    """Why the glyphs are grafted: with plain CSS fallback the symbols come from other
    families (the PDF breaks the one-font-family rule); with the grafted faces, one family."""
    plain = {face: font_dir / f for face, f in fonts.FONT_FACES.items()}
    fallback = _families(_pdf(tmp_path, fonts.font_faces_css(plain), "fallback.pdf"))
    assert len(fallback) > 1, f"CSS fallback now keeps one family ({fallback}): the grafting may be dropped"

    grafted = fonts.font_with_glyphs(set(SYMBOLS) | set("Chi bộ họp"), tmp_path, font_dir)
    assert grafted[(400, "normal")].parent == tmp_path  # a copy, with the glyphs added
    one = _families(_pdf(tmp_path, fonts.font_faces_css(grafted), "grafted.pdf"))
    assert len(one) == 1, one


def test_grafted_font_maps_the_missing_characters_and_keeps_its_name(font_dir, tmp_path):
    from fontTools.ttLib import TTFont

    grafted = fonts.font_with_glyphs(set(SYMBOLS), tmp_path, font_dir)[(400, "normal")]
    font = TTFont(grafted)
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in SYMBOLS), [c for c in SYMBOLS if ord(c) not in cmap]
    assert font["name"].getDebugName(1) == "Noto Serif"
    assert font["glyf"][cmap[ord("→")]].numberOfContours > 0  # drawn, not an empty glyph
    # Nothing missing: the original face is used as it is.
    assert fonts.font_with_glyphs(set("abc"), tmp_path, font_dir)[(400, "normal")] == font_dir / "NotoSerif-Regular.ttf"


def test_text_chars_are_what_a_reader_sees():
    html = '<html><head><title>T</title><style>p::after { content: "★" }</style></head>' \
           '<body><p title="ẞ">a &amp; →</p><script>var x = "☂";</script></body></html>'
    chars = fonts.text_chars(html)
    assert {"a", "&", "→", "T"} <= chars and not {"★", "☂", "ẞ"} & chars


# --------------------------------------------------------------------------
# The books: one definition, read by the page template too
# --------------------------------------------------------------------------


def test_print_links_of_a_page_come_from_the_books():
    p = books.page_print("huong-dan/trinh-tu-sinh-hoat-thuong-ky.md", "vi")
    assert (p["view"], p["pdf"], p["trainer_pdf"]) == ("in/huong-dan/", "in/huong-dan/sotay-huong-dan-vi.pdf", "")
    assert p["t"]["view"] == "In cả phần"
    t = books.page_print("tap-huan/index.en.md", "en")
    assert t["view"] == "en/in/tap-huan/" and t["trainer_pdf"] == "en/in/tap-huan/sotay-tap-huan-giang-vien-en.pdf"
    assert t["t"]["trainer"] == "Trainer PDF"
    whole = books.page_print("gioi-thieu/cach-dung.md", "vi")  # a section without a book of its own
    assert whole["view"] == "in/toan-bo/" and whole["t"]["view"] == "In cả sổ tay"
    assert books.page_print("index.md", "vi") is None          # the home page has its own links
    assert books.page_print("cong-cu/thang-nay.md", "vi") is None


def test_the_page_template_names_no_book():
    """The books are defined once (sotay.printbook.books); the template asks page_print."""
    template = (ROOT / "overrides" / "partials" / "sotay-print.html").read_text(encoding="utf-8")
    assert "sotay_print(" in template
    for name in list(books.BOOKS) + [books.WHOLE, books.TRAINER]:
        assert f'"{name}"' not in template, name


# --------------------------------------------------------------------------
# Printed addresses of links on the site's pages
# --------------------------------------------------------------------------


PAGE = """<!doctype html>
<html><head><title>x</title></head><body>
<nav><a href="../khac/">outside the article</a><svg viewBox="0 0 24 24"><path d="M3 6h18"/></svg></nav>
<article class="md-content__inner md-typeset">
<p><a href="../y/">y</a> <a class="md-button" href="../../mau/z/#a">z</a> <a href="#top">top</a>
<a href="https://example.org/">ext</a> <a href="mailto:a@b.vn">mail</a> <a href="../y/" data-print-url="kept">k</a></p>
</article>
<footer><a href="../../">home</a></footer>
</body></html>"""


def test_internal_links_of_the_article_get_their_printed_address_and_nothing_else_changes():
    out = printbook.annotate_html(PAGE, "huong-dan/x/index.html", "https://sotay.example.vn/")
    assert re.sub(r' data-print-url="[^"]*"(?= ?[^>]*>[yz]<)', "", out) == PAGE
    assert '<a href="../y/" data-print-url="sotay.example.vn/huong-dan/y/">y</a>' in out
    assert '<a class="md-button" href="../../mau/z/#a" data-print-url="sotay.example.vn/mau/z/#a">z</a>' in out
    assert out.count("data-print-url") == 3  # not #top, the outside address, mailto:, nor the nav and footer
    assert 'viewBox="0 0 24 24"' in out


def test_a_page_without_an_article_is_left_alone():
    page = "<html><body><a href='x/'>x</a></body></html>"
    assert printbook.annotate_html(page, "index.html", "https://sotay.example.vn/") == page
