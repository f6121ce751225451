"""Form pages (docs/mau/, type: form) and their Word files.

Every form page parses in the Markdown subset of ``sotay.forms``; every Word
file the export produces opens with python-docx, is A4 with the chosen margins
and font, has the Party header block and the signature block, keeps each
placeholder in one highlighted run, and holds the same text as the web page
(rendered here with Python-Markdown, compared paragraph by paragraph both
ways). LibreOffice converts each file to a one-font A4 PDF when it is installed.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import docx.table
import markdown
import pytest
from docx.oxml.ns import qn
from lxml import html as lhtml

from sotay import docx_export, forms, model, render
from sotay.text import slugify

ROOT = Path(__file__).resolve().parents[1]
VI_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
FORMS = [
    "bien-ban-hop-chi-uy",
    "bien-ban-sinh-hoat-chuyen-de",
    "bien-ban-sinh-hoat-thuong-ky",
    "chuong-trinh-sinh-hoat-thuong-ky",
    "diem-danh-bieu-quyet",
    "ket-luan-sinh-hoat",
    "kich-ban-chu-tri",
    "nghi-quyet-thang",
    "phieu-danh-gia-buoi-sinh-hoat",
    "thong-bao-hop",
]


def _form_pages() -> dict[str, model.Page]:
    out = {}
    for path in sorted((model.DOCS / "mau").glob("*.md")):
        page = model.load_page(path)
        if page.type == "form" and page.lang == model.DEFAULT_LANG:
            out[path.stem] = page
    return out


PAGES = _form_pages()
# The English pages of the forms (the same document, English around it).
EN_PAGES = {path.name[:-6]: page for path in sorted((model.DOCS / "mau").glob("*.en.md"))
            for page in [model.load_page(path)] if page.type == "form"}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {name: docx_export.build_docx(page) for name, page in PAGES.items()}


def _doc(data: bytes):
    return docx.Document(io.BytesIO(data))


# --------------------------------------------------------------------------
# Text of the Word file and of the web page
# --------------------------------------------------------------------------


def docx_paragraphs(document) -> list[str]:
    """Body paragraphs and table cell paragraphs, in reading order, normalised, empty ones left out."""
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            for row in item.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
        else:
            out.append(item.text)
    return [t for t in (forms.norm(x) for x in out) if t]


def _cell_lines(cell) -> list[str]:
    """Lines of a table cell split at <br>."""
    lines, cur = [], [cell.text or ""]
    for child in cell:
        if child.tag == "br":
            lines.append("".join(cur))
            cur = [child.tail or ""]
        else:
            cur.append(child.text_content() + (child.tail or ""))
    lines.append("".join(cur))
    return lines


def page_paragraphs(page: model.Page) -> list[str]:
    """The document part of the page as the site renders it (Python-Markdown, same extensions), as text."""
    body = page.body
    start = body.index(forms.DOC_OPEN)
    end = body.rindex("</div>") + len("</div>")
    md = render.placeholders_to_html(body[start:end], page.meta.get("placeholders") or {})
    out_html = markdown.markdown(md, extensions=["md_in_html", "tables", "attr_list", "toc"],
                                 extension_configs={"toc": {"slugify": slugify}})
    root = lhtml.fragment_fromstring(out_html, create_parent="div")
    out: list[str] = []

    def walk(el):
        for child in el:
            tag = child.tag
            if tag == "table":
                for tr in child.iter("tr"):
                    for cell in tr:
                        out.extend(_cell_lines(cell))
            elif tag in ("ol", "ul"):
                for i, li in enumerate(child.findall("li"), 1):
                    out.append((f"{i}. " if tag == "ol" else "- ") + li.text_content())
            elif tag in ("p", "h2", "h3", "h4"):
                out.append(child.text_content())
            elif tag == "div":
                walk(child)
            else:
                raise AssertionError(f"unexpected <{tag}> in the rendered document of {page.src}")

    walk(root)
    return [t for t in (forms.norm(x) for x in out) if t]


# --------------------------------------------------------------------------
# The pages
# --------------------------------------------------------------------------


def test_all_ten_forms_exist():
    assert sorted(PAGES) == FORMS


@pytest.mark.parametrize("name", FORMS)
def test_form_page_parses(name):
    page = PAGES[name]
    assert page.problems == []
    form = forms.parse_form(page)
    assert [str(p) for p in form.problems] == []
    assert form.title and form.body
    if form.internal:  # the chair's script: an aid, not a Party document
        assert not form.header and not form.signature and not form.doc_code
    else:
        assert form.header and form.signature
        assert form.doc_code in ("NQ", "BB", "KL", "TB", "CTr")


def test_only_the_chairs_script_is_an_internal_aid():
    assert sorted(n for n, p in PAGES.items() if forms.parse_form(p).internal) == ["kich-ban-chu-tri"]


@pytest.mark.parametrize("name", FORMS)
def test_party_format_of_each_form(name):
    """The asterisk under the issuing cell, the summary in lower case, "Nơi nhận:" plain with
    one recipient a line, T/M CHI BỘ then the signer's title (36-HD/VPTW; see forms.py)."""
    form = forms.parse_form(PAGES[name])
    summary = forms.line_text(form.title[1].runs)
    assert summary[:1].islower(), summary
    if form.internal:
        return
    issuer = [forms.line_text(x) for x in form.header.rows[0][0]]
    assert issuer[-1] == "*" and issuer[-2].startswith("CHI BỘ")
    left = form.signature.rows[0][0]
    if form.recipients:
        assert not any(r.bold for r in left[0])
        items = [forms.line_text(x) for x in left[1:]]
        assert items[-1].startswith("- Lưu") and items[-1].endswith(".")


def test_the_conclusion_can_be_signed_by_the_deputy_secretary():
    """A meeting the phó bí thư chaired: the chair signs T/M CHI BỘ with his or her own title."""
    form = forms.parse_form(PAGES["ket-luan-sinh-hoat"])
    right = form.signature.rows[0][1]
    k = [forms.line_text(x) for x in right].index("T/M CHI BỘ")
    assert right[k + 1][0].ph == "chuc_vu_nguoi_ky" and "PHÓ BÍ THƯ" in form.labels["chuc_vu_nguoi_ky"]
    assert right[-1][0].ph == "ho_ten_chu_tri"


@pytest.mark.parametrize("name", FORMS)
def test_form_cites_format_basis(name):
    sources = PAGES[name].meta["sources"]
    assert "qd-399-2026" in sources and "hd-36-2018" in sources


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_same_placeholder_same_label_everywhere(lang):
    """The fill-in shares values between forms by name: a name must mean one thing (in each language)."""
    seen: dict[str, tuple[str, str]] = {}
    for name, page in (PAGES if lang == "vi" else EN_PAGES).items():
        for ph, label in page.meta["placeholders"].items():
            if ph in seen:
                assert seen[ph][0] == label, f"{ph}: '{label}' in {name}, '{seen[ph][0]}' in {seen[ph][1]}"
            seen[ph] = (label, name)


@pytest.mark.parametrize("name", FORMS)
def test_page_markdown_adds_note_and_button(name):
    page = PAGES[name]
    out = forms.page_markdown(page.body, page)
    form = forms.parse_form(page)
    if form.internal:
        assert out.count(f'!!! note "{forms.INTERNAL_NOTE_TITLE}"') == 1 and "T/M CHI BỘ" in out
    else:
        assert out.count(f'!!! note "{forms.FORMAT_NOTE_TITLE}"') == 1
        for words in ("399-QĐ/TW", "36-HD/VPTW", "dấu sao", "chữ thường", f"-{page.meta['doc_code']}/CB",
                      "hỏi văn phòng cấp ủy cấp trên", "thay-doi-sap-toi.md#hd-36-2018"):
            assert words in out
    from sotay.checks.hedges import HEDGE

    assert not HEDGE.search(forms.format_note(form)), "the format note must not hedge (sotay check hedges counts it)"
    assert f"]({name}.docx)" in out
    assert out.index(f"]({name}.docx)") < out.index(forms.DOC_OPEN)
    from sotay.text import new_style_words

    assert list(new_style_words(forms.format_note(form))) == []
    if form.recipients:
        assert '<span class="doc-recipients">Nơi nhận:</span>' in out


# What the Vietnamese pages showed around the document before the string table (forms.L):
# a form with one signer and recipients, minutes (two signers, no recipients), the internal aid.
VI_CHROME = {
    'kich-ban-chu-tri': (
        '!!! note "Tài liệu nội bộ"\n'
        '\n'
        '    Kịch bản là tài liệu giúp người chủ trì, không thuộc các thể loại văn bản của Đảng (Quy định '
        '399-QĐ/TW): không có tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”, không ghi số và ký hiệu, không ký “T/M CHI '
        'BỘ”, không có nơi nhận. Văn bản chi bộ ban hành sau buổi họp (nghị quyết, kết luận, biên bản) mới '
        'trình bày theo thể thức.\n'
        '\n'
        '[Tải bản Word](kich-ban-chu-tri.docx){ .md-button .md-button--primary .sotay-docx '
        'download="kich-ban-chu-tri.docx" }\n'
        '[Mẫu trống (.docx)](kich-ban-chu-tri.docx){ .sotay-docx-blank download="kich-ban-chu-tri.docx" }\n'
        '{ .sotay-docx-line .sotay-screen-only }\n'
        '\n'
    ),
    'ket-luan-sinh-hoat': (
        '!!! note "Thể thức văn bản"\n'
        '\n'
        '    Mẫu trình bày theo thể thức văn bản của Đảng (Quy định 399-QĐ/TW; Hướng dẫn 36-HD/VPTW, Phụ lục '
        '3): khổ A4; “ĐẢNG CỘNG SẢN VIỆT NAM” ở góc phải, có đường kẻ ngang dưới; tên chi bộ in hoa, đậm, '
        'dưới có dấu sao (*); trích yếu viết chữ thường; tổ chức đảng ký thay mặt tập thể (T/M). Số văn bản '
        'đánh từ 01 theo từng loại văn bản trong một nhiệm kỳ của cấp ủy, không đánh lại theo năm. Ký hiệu '
        '“Số …-KL/CB”, chức danh ký “T/M CHI BỘ” rồi “BÍ THƯ” hoặc “PHÓ BÍ THƯ” và cách trình bày “Nơi nhận” '
        '(gạch chân, mỗi nơi một dòng) theo cách các tổ chức đảng đang dùng, chưa thấy trong văn bản gốc '
        'công khai. Năm 2026 đã có tin về hướng dẫn thể thức mới của Văn phòng Trung ương Đảng thay '
        '36-HD/VPTW: xem [Văn bản sắp thay đổi](../van-ban/thay-doi-sap-toi.md#hd-36-2018). Trước khi ban '
        'hành, hỏi văn phòng cấp ủy cấp trên mẫu đang áp dụng.\n'
        '\n'
        '[Tải bản Word](ket-luan-sinh-hoat.docx){ .md-button .md-button--primary .sotay-docx '
        'download="ket-luan-sinh-hoat.docx" }\n'
        '[Mẫu trống (.docx)](ket-luan-sinh-hoat.docx){ .sotay-docx-blank download="ket-luan-sinh-hoat.docx" }\n'
        '{ .sotay-docx-line .sotay-screen-only }\n'
        '\n'
    ),
    'bien-ban-sinh-hoat-thuong-ky': (
        '!!! note "Thể thức văn bản"\n'
        '\n'
        '    Mẫu trình bày theo thể thức văn bản của Đảng (Quy định 399-QĐ/TW; Hướng dẫn 36-HD/VPTW, Phụ lục '
        '3): khổ A4; “ĐẢNG CỘNG SẢN VIỆT NAM” ở góc phải, có đường kẻ ngang dưới; tên chi bộ in hoa, đậm, '
        'dưới có dấu sao (*); trích yếu viết chữ thường; tổ chức đảng ký thay mặt tập thể (T/M). Số văn bản '
        'đánh từ 01 theo từng loại văn bản trong một nhiệm kỳ của cấp ủy, không đánh lại theo năm. Ký hiệu '
        '“Số …-BB/CB”, chức danh ký “NGƯỜI GHI BIÊN BẢN”, “CHỦ TRÌ” theo cách các tổ chức đảng đang dùng, '
        'chưa thấy trong văn bản gốc công khai. Năm 2026 đã có tin về hướng dẫn thể thức mới của Văn phòng '
        'Trung ương Đảng thay 36-HD/VPTW: xem [Văn bản sắp thay '
        'đổi](../van-ban/thay-doi-sap-toi.md#hd-36-2018). Trước khi ban hành, hỏi văn phòng cấp ủy cấp trên '
        'mẫu đang áp dụng.\n'
        '\n'
        '[Tải bản Word](bien-ban-sinh-hoat-thuong-ky.docx){ .md-button .md-button--primary .sotay-docx '
        'download="bien-ban-sinh-hoat-thuong-ky.docx" }\n'
        '[Mẫu trống (.docx)](bien-ban-sinh-hoat-thuong-ky.docx){ .sotay-docx-blank download="bien-ban-sinh-hoat-thuong-ky.docx" }\n'
        '{ .sotay-docx-line .sotay-screen-only }\n'
        '\n'
    ),
}


@pytest.mark.parametrize("name", sorted(VI_CHROME))
def test_vietnamese_chrome_is_unchanged_word_for_word(name):
    page = PAGES[name]
    out = forms.page_markdown(page.body, page)
    assert VI_CHROME[name] in out
    assert forms.DOC_OPEN in out and forms.DOC_OPEN_VI not in out and 'lang="vi"' not in out


# --------------------------------------------------------------------------
# The English form pages: English around the document, the document in Vietnamese
# --------------------------------------------------------------------------

def test_every_form_has_its_english_page():
    assert sorted(EN_PAGES) == FORMS


@pytest.mark.parametrize("name", FORMS)
def test_english_page_keeps_the_vietnamese_document_with_english_labels(name):
    en, vi = EN_PAGES[name], PAGES[name]
    assert en.problems == [] and [str(p) for p in forms.parse_form(en).problems] == []
    assert [s for _n, s in forms.document_lines(en)] == [s for _n, s in forms.document_lines(vi)]
    assert forms.translated_document_problems([vi, en]) == []
    assert en.meta.get("internal") == vi.meta.get("internal")
    labels, vi_labels = en.meta["placeholders"], vi.meta["placeholders"]
    assert list(labels) == list(vi_labels), "the same placeholder names, in the same order"
    for key, label in labels.items():
        words = re.sub(r"\([^)]*\)", "", label)  # a parenthesis may quote what to write: (BÍ THƯ or PHÓ BÍ THƯ)
        assert label != vi_labels[key] and not VI_LETTER.search(words), f"{key}: '{label}' is not English"


@pytest.mark.parametrize("name", FORMS)
def test_english_page_markdown_has_english_note_and_button_and_a_vietnamese_document(name):
    en = EN_PAGES[name]
    out = forms.page_markdown(en.body, en)
    form = forms.parse_form(en)
    t = forms.L["en"]
    assert out.count(f'!!! note "{t["internal_title" if form.internal else "format_title"]}"') == 1
    assert f'[{t["docx_button"]}]({name}.docx){{ .md-button .md-button--primary .sotay-docx download="{name}.docx" }}' in out
    assert out.index(f"]({name}.docx)") < out.index(forms.DOC_OPEN_VI)
    note = forms.format_note(form)
    for vi_text in (forms.FORMAT_NOTE_TITLE, forms.INTERNAL_NOTE_TITLE, forms.DOCX_BUTTON, "Mẫu trình bày", "Kịch bản là"):
        assert vi_text not in note and vi_text not in out
    if not form.internal:
        for words in ("399-QĐ/TW", "36-HD/VPTW", "asterisk", "lower case", f"*Số …-{form.doc_code}/CB*",
                      "ask the office of the upper-level Party committee", "thay-doi-sap-toi.md#hd-36-2018"):
            assert words in note, words
    # The document: marked lang="vi", and so is each of its headings (the table of contents lists them).
    assert out.count(forms.DOC_OPEN_VI) == 1 and forms.DOC_OPEN not in out
    doc = _block(out, forms.DOC_OPEN_VI)
    headings = [line for line in doc.split("\n") if line.startswith("#")]
    assert headings and all(line.endswith('lang="vi" }') for line in headings), headings
    assert headings[0].endswith('{ .doc-title__name lang="vi" }')
    if form.recipients:
        assert '<span class="doc-recipients">Nơi nhận:</span>' in out
    # Apart from the marks, the same document as on the Vietnamese page.
    vi_out = forms.page_markdown(PAGES[name].body, PAGES[name])
    unmarked = re.sub(r' \{ lang="vi" \}$', "", doc.replace(forms.DOC_OPEN_VI, forms.DOC_OPEN), flags=re.M)
    unmarked = unmarked.replace('.doc-title__name lang="vi"', ".doc-title__name")
    assert unmarked == _block(vi_out, forms.DOC_OPEN)


def _block(markdown: str, opening: str) -> str:
    """The lines from ``opening`` to its closing </div>."""
    lines = markdown.split("\n")
    start = lines.index(opening)
    depth = 0
    for k in range(start, len(lines)):
        st = lines[k].strip()
        depth += st.startswith("<div") - (st == "</div>")
        if depth == 0:
            return "\n".join(lines[start:k + 1])
    raise AssertionError(f"{opening} not closed")


def test_vietnamese_headings_in_the_table_of_contents_and_italics_with_abbreviations_are_marked():
    """On an English page: the entries of the table of contents of headings marked lang="vi"
    (a form's document), with their subsections; italic Vietnamese holding an abbreviation."""
    from sotay import site as sitemod

    html = ('<nav class="md-nav md-nav--secondary"><ul><li><a href="#nghi-quyet" class="md-nav__link">NGHỊ QUYẾT</a>'
            '<nav class="md-nav" aria-label="NGHỊ QUYẾT"><ul><li><a href="#i-ket-qua" class="md-nav__link">I. Kết quả</a>'
            '</li></ul></nav></li><li><a href="#notes" class="md-nav__link">Notes</a></li></ul></nav>'
            '<article class="md-content__inner md-typeset"><h2 class="doc-title__name" id="nghi-quyet" lang="vi">NGHỊ QUYẾT</h2>'
            '<h3 id="i-ket-qua" lang="vi">I. Kết quả</h3><h2 id="notes">Notes</h2>'
            '<p>“<em><abbr title="Thay mặt — On behalf of">T/M</abbr> CHI BỘ</em>” and <em>T/M</em></p></article>')
    out = sitemod.mark_vietnamese(html, "en/mau/x/index.html", "en", "en")
    assert '<a lang="vi" href="#nghi-quyet"' in out and '<a lang="vi" href="#i-ket-qua"' in out
    assert '<nav class="md-nav" lang="vi" aria-label="NGHỊ QUYẾT">' in out
    assert '<a href="#notes" class="md-nav__link">Notes</a>' in out
    assert '<em lang="vi"><abbr title="On behalf of (Thay mặt)">T/M</abbr> CHI BỘ</em>' in out and "<em>T/M</em>" in out
    assert sitemod.mark_vietnamese(html, "mau/x/index.html", "vi", "vi") == html


def test_english_note_and_button_strings_are_checked_for_terms():
    from sotay.checks import terms

    from sotay import forms

    checked = {v for _path, v in terms.english_strings()}
    assert {v for v in forms.L["en"].values() if isinstance(v, str)} <= checked


@pytest.mark.parametrize("name", FORMS)
def test_english_fields_carry_the_label_the_word_file_holds(built, name):
    """On an English page a field shows its English label; data-docx-label keeps the
    Vietnamese one, the "[Label]" run of the Word file (made from the Vietnamese page)."""
    from sotay import site as sitemod

    en, vi = EN_PAGES[name], PAGES[name]
    html = render.placeholders_to_html(en.body, en.meta["placeholders"], *sitemod._docx_labels(en, [vi, en]))
    spans = re.findall(r'<span class="ph" data-ph="([a-z0-9_]+)" title="([^"]*)" lang="en" '
                       r'data-docx-label="([^"]*)">\[([^\]]*)\]</span>', html)
    assert spans and len(spans) == html.count('class="ph"')
    runs = {r.text for p in _doc(built[name]).iter_inner_content()
            for q in ([q for row in p.rows for c in row.cells for q in c.paragraphs] if isinstance(p, docx.table.Table) else [p])
            for r in q.runs if r.font.highlight_color is not None}
    for ph, title, docx_label, shown in spans:
        assert title == shown == en.meta["placeholders"][ph]
        assert docx_label == vi.meta["placeholders"][ph] and f"[{docx_label}]" in runs
    # A Vietnamese page's fields are as they were.
    assert 'data-docx-label' not in render.placeholders_to_html(vi.body, vi.meta["placeholders"], *sitemod._docx_labels(vi, [vi, en]))


def test_a_changed_document_in_a_translation_is_an_error_and_a_warning_while_stale():
    vi, en = PAGES["ket-luan-sinh-hoat"], EN_PAGES["ket-luan-sinh-hoat"]
    text = en.path.read_text(encoding="utf-8")
    changed = model.parse_page(text.replace("Bí thư chi bộ theo dõi, đôn đốc.", "The secretary follows up."), en.path)
    (problem,) = forms.translated_document_problems([vi, changed])
    assert problem.severity == "error" and problem.path.endswith("ket-luan-sinh-hoat.en.md")
    assert "ket-luan-sinh-hoat.md" in problem.message and "tiếng Việt" in problem.message
    assert changed.body.split("\n")[problem.line - changed.body_line].startswith("Người phụ trách từng việc")
    assert problem in forms.form_problems([vi, changed])
    stale = model.parse_page(text.replace(en.meta["translation_of"], "0000000000")
                             .replace("Bí thư chi bộ theo dõi, đôn đốc.", ""), en.path)
    (problem,) = forms.translated_document_problems([vi, stale])
    assert problem.severity == "warning"


# --------------------------------------------------------------------------
# The parser refuses what the Word file or the page would get wrong
# --------------------------------------------------------------------------

GOOD = (model.DOCS / "mau" / "ket-luan-sinh-hoat.md").read_text(encoding="utf-8")


def _problems(text: str) -> str:
    page = model.parse_page(text, model.DOCS / "mau" / "thu.md")
    return "\n".join(str(p) for p in forms.parse_form(page).problems)


@pytest.mark.parametrize("old, new, words", [
    ("Bí thư chi bộ theo dõi, đôn đốc.", "Xem [trang này](../index.md).", "ký tự '['"),
    ("**ĐẢNG CỘNG SẢN VIỆT NAM**", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("Số {{so_van_ban}}-KL/CB", "Số: {{so_van_ban}}-NQ/CB", "số và ký hiệu"),
    ("Bí thư chi bộ theo dõi, đôn đốc.", "Bí thư {{nguoi_lạ}} theo dõi.", "không hợp lệ"),
    ("Bí thư chi bộ theo dõi, đôn đốc.", "Bí thư {{nguoi_theo_doi}} theo dõi.", "chưa khai báo"),
    ("- Việc chưa đạt và nguyên nhân: ……", "- Việc chưa đạt và nguyên nhân: ……\n1. Một việc", "khác loại"),
    ("**T/M CHI BỘ**<br>**{{chuc_vu_nguoi_ky}}**", "**CHỦ TỊCH**", "T/M CHI BỘ"),
    ("**T/M CHI BỘ**<br>**{{chuc_vu_nguoi_ky}}**", "**T/M CHI BỘ**<br>**CHI ỦY VIÊN**", "PHÓ BÍ THƯ"),
    ("**CHI BỘ {{ten_chi_bo}}**<br>* |", "**CHI BỘ {{ten_chi_bo}}** |", "dấu sao"),
    ("**buổi sinh hoạt chi bộ thường kỳ", "**Buổi sinh hoạt chi bộ thường kỳ", "trích yếu viết chữ thường"),
    ("| Nơi nhận:<br>", "| **Nơi nhận:**<br>", "không đậm"),
    ("- Lưu chi bộ.", "- Lưu chi bộ", "dòng cuối"),
    ("doc_code: KL\n", "doc_code: KL\ninternal: true\n", "tài liệu nội bộ"),
    ('<div class="doc-header" markdown>', '<div class="doc-head" markdown>', "khối lạ"),
    ("Bí thư chi bộ theo dõi, đôn đốc.", "Bí thư chi bộ theo dõi,  \nđôn đốc.", "hai dấu cách"),
    ("### 3. Tổ chức thực hiện", "!!! note\n\n    Ghi chú.\n\n### 3. Tổ chức thực hiện", "không dùng trong phần văn bản mẫu"),
    ("**KẾT LUẬN**", "**Kết luận**", "chữ in hoa"),
])
def test_parser_refuses(old, new, words):
    assert old in GOOD
    assert words in _problems(GOOD.replace(old, new, 1))


def test_parser_requires_two_signers_on_minutes():
    text = GOOD.replace("**KẾT LUẬN**", "**BIÊN BẢN**")
    assert "người ghi biên bản và người chủ trì" in _problems(text)


def test_parser_refuses_undeclared_and_unused_placeholders():
    text = GOOD.replace("  ho_ten_chu_tri: Người chủ trì\n", "  ho_ten_chu_tri: Người chủ trì\n  thua: Chỗ thừa\n")
    assert "khai báo nhưng không dùng" in _problems(text)
    text = GOOD.replace("  ten_chi_bo: Tên chi bộ\n", "  ten_chi_bo: Tên đảng bộ cấp trên\n")
    assert "trùng" in _problems(text)


def test_the_good_page_has_no_problems():
    assert _problems(GOOD) == ""


# --------------------------------------------------------------------------
# The Word files
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMS)
def test_docx_is_a4_with_the_chosen_margins(built, name):
    doc = _doc(built[name])
    assert len(doc.sections) == 1
    s = doc.sections[0]
    assert abs(s.page_width.mm - 210) < 0.2 and abs(s.page_height.mm - 297) < 0.2
    m = docx_export.MARGINS_MM
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == \
        [m["top"], m["bottom"], m["left"], m["right"]]


@pytest.mark.parametrize("name", FORMS)
def test_docx_uses_one_font(built, name):
    z = zipfile.ZipFile(io.BytesIO(built[name]))
    for part in ("word/document.xml", "word/styles.xml"):
        xml = z.read(part).decode("utf-8")
        assert "w:asciiTheme" not in xml and "w:hAnsiTheme" not in xml, f"theme fonts left in {part}"
    doc = _doc(built[name])
    assert doc.styles["Normal"].font.name == docx_export.FONT
    fonts = doc.element.body.iter(qn("w:rFonts"))
    for f in fonts:
        assert f.get(qn("w:ascii")) in (None, docx_export.FONT)
    for p in doc.paragraphs:
        for r in p.runs:
            assert r.font.name in (None, docx_export.FONT)


@pytest.mark.parametrize("name", FORMS)
def test_docx_header_block(built, name):
    doc = _doc(built[name])
    first = next(doc.iter_inner_content())
    if forms.parse_form(PAGES[name]).internal:  # an aid: no Party header, number or symbol
        assert not isinstance(first, docx.table.Table) and first.text == "KỊCH BẢN ĐIỀU HÀNH"
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in "\n".join(docx_paragraphs(doc))
        return
    assert isinstance(first, docx.table.Table), "the document starts with the header block"
    cells = [[p for p in c.paragraphs] for row in first.rows for c in row.cells]
    texts = [p.text for c in cells for p in c]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert any("[Tên chi bộ]" in t for t in texts)
    assert any(t.startswith("CHI BỘ ") for t in texts)
    number = " ".join(p.text for p in cells[2])
    assert "số" in number.lower() and f"-{PAGES[name].meta['doc_code']}/CB" in number and ":" not in number
    party = next(p for c in cells for p in c if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert all(r.bold for r in party.runs) and all(r.font.size.pt == docx_export.SIZES["party"] for r in party.runs)
    assert not any(r.underline for r in party.runs), "the header text itself is not underlined"
    bottom = party._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single", "a solid line below the Party header"
    date = cells[3]
    assert all(r.italic for p in date for r in p.runs)
    assert first._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val")) == "nil"
    issuer = cells[0]
    assert all(r.font.all_caps for p in issuer for r in p.runs)
    assert all(r.bold for r in issuer[-2].runs) and not any(r.bold for r in issuer[0].runs)
    assert issuer[-1].text == "*" and issuer[-1].alignment == issuer[-2].alignment, "the asterisk under the cell's name"


@pytest.mark.parametrize("name", FORMS)
def test_docx_title_sizes(built, name):
    doc = _doc(built[name])
    form = forms.parse_form(PAGES[name])
    p = next(p for p in doc.paragraphs if p.text == form.doc_type)
    assert all(r.bold and r.font.size.pt == docx_export.SIZES["type"] for r in p.runs)
    assert 15 <= docx_export.SIZES["type"] <= 16 and 14 <= docx_export.SIZES["summary"] <= 15
    assert 14 <= docx_export.SIZES["body"] <= 15


@pytest.mark.parametrize("name", FORMS)
def test_docx_signature_block(built, name):
    doc = _doc(built[name])
    if forms.parse_form(PAGES[name]).internal:  # no T/M CHI BỘ, no recipients
        text = "\n".join(docx_paragraphs(doc))
        assert "T/M CHI BỘ" not in text and "Nơi nhận" not in text
        return
    last = [x for x in doc.iter_inner_content() if isinstance(x, docx.table.Table)][-1]
    left = [p.text for p in last.rows[0].cells[0].paragraphs]
    right = [p.text for p in last.rows[0].cells[1].paragraphs]
    k = right.index("T/M CHI BỘ") if "T/M CHI BỘ" in right else -1
    one = k >= 0 and (right[k + 1] in ("BÍ THƯ", "PHÓ BÍ THƯ") or right[k + 1].startswith("[Chức vụ"))
    minutes = "NGƯỜI GHI BIÊN BẢN" in left and "CHỦ TRÌ" in right
    assert one or minutes
    if forms.parse_form(PAGES[name]).doc_type.startswith("BIÊN BẢN"):
        assert minutes
    if left and left[0] == "Nơi nhận:":
        assert len([t for t in left if t.startswith("- ")]) >= 1
        head = last.rows[0].cells[0].paragraphs[0]
        assert all(r.underline and not r.bold for r in head.runs), "“Nơi nhận:” underlined, not bold"
        assert all(r.font.size.pt == docx_export.SIZES["recipients"] for p in last.rows[0].cells[0].paragraphs[1:]
                   for r in p.runs)


@pytest.mark.parametrize("name", FORMS)
def test_docx_placeholders_are_single_highlighted_runs(built, name):
    doc = _doc(built[name])
    labels = {f"[{v}]" for v in PAGES[name].meta["placeholders"].values()}
    found = set()
    for p in doc.iter_inner_content():
        paras = [q for row in p.rows for c in row.cells for q in c.paragraphs] if isinstance(p, docx.table.Table) else [p]
        for q in paras:
            for r in q.runs:
                if r.font.highlight_color is not None:
                    assert r.text in labels, f"highlighted run '{r.text}' is not a whole placeholder"
                    found.add(r.text)
                else:
                    assert "[" not in r.text and "]" not in r.text, f"placeholder text outside a highlighted run: {r.text}"
    assert found == labels


@pytest.mark.parametrize("name", FORMS)
def test_docx_text_matches_the_page(built, name):
    page_text = page_paragraphs(PAGES[name])
    word_text = docx_paragraphs(_doc(built[name]))
    assert [t for t in word_text if t not in page_text] == [], "in the Word file, not on the page"
    assert [t for t in page_text if t not in word_text] == [], "on the page, not in the Word file"
    assert word_text == page_text
    assert forms.paragraphs(forms.parse_form(PAGES[name])) == page_text


def test_docx_is_reproducible_and_document_xml_stored():
    page = PAGES["nghi-quyet-thang"]
    a, b = docx_export.build_docx(page), docx_export.build_docx(page)
    assert a == b
    info = zipfile.ZipFile(io.BytesIO(a)).getinfo("word/document.xml")
    assert info.compress_type == zipfile.ZIP_STORED, "fill.js rewrites document.xml without a decompressor"


def test_docx_core_properties():
    doc = _doc(docx_export.build_docx(PAGES["thong-bao-hop"]))
    assert doc.core_properties.title == PAGES["thong-bao-hop"].meta["title"]
    assert doc.core_properties.language == "vi-VN"


def test_export_refuses_a_broken_form():
    page = model.parse_page(GOOD.replace("**ĐẢNG CỘNG SẢN VIỆT NAM**", "Đảng"), model.DOCS / "mau" / "thu.md")
    with pytest.raises(docx_export.FormError):
        docx_export.build_docx(page)


# --------------------------------------------------------------------------
# The build publishes the Word files; pages link to them
# --------------------------------------------------------------------------


def test_site_has_the_word_files_and_links(site_dir):
    for name in FORMS:
        f = site_dir / "mau" / f"{name}.docx"
        assert f.exists(), f"{f} not built"
        assert f.read_bytes() == docx_export.build_docx(PAGES[name])
        html = (site_dir / "mau" / name / "index.html").read_text(encoding="utf-8")
        assert f'href="../{name}.docx"' in html
        title = forms.INTERNAL_NOTE_TITLE if forms.parse_form(PAGES[name]).internal else forms.FORMAT_NOTE_TITLE
        assert 'class="sotay-doc"' in html and title in html and "cần đối chiếu" not in html
    assert not list((ROOT / "docs").rglob("*.docx")), "Word files are generated, never kept in docs/"


def test_english_form_pages_in_the_site(site_dir):
    """What an English reader gets: the note and the button in English, the Vietnamese Word
    file, the document in Vietnamese marked lang="vi" (and its entries in the table of
    contents), the fields' English labels marked lang="en"."""
    t = forms.L["en"]
    for name in FORMS:
        f = site_dir / "en" / "mau" / name / "index.html"
        page = f.read_text(encoding="utf-8")
        doc = lhtml.fromstring(page)
        (article,) = doc.xpath("//article")
        assert article.get("lang") is None, f"{name}: the English page is English"
        internal = forms.parse_form(EN_PAGES[name]).internal
        titles = [e.text_content().strip() for e in article.xpath(".//p[@class='admonition-title']")]
        assert (t["internal_title"] if internal else t["format_title"]) in titles, titles
        assert forms.FORMAT_NOTE_TITLE not in titles and forms.INTERNAL_NOTE_TITLE not in titles
        (button,) = article.xpath(".//a[contains(concat(' ', @class, ' '), ' sotay-docx ')]")
        assert button.text_content().strip() == t["docx_button"]
        target = (f.parent / button.get("href")).resolve()
        assert target == (site_dir / "mau" / f"{name}.docx").resolve() and target.exists(), button.get("href")
        assert forms.DOCX_BUTTON not in page
        (sotay_doc,) = article.xpath(".//div[contains(@class, 'sotay-doc')]")
        assert sotay_doc.get("lang") == "vi"
        vi_doc = lhtml.fromstring((site_dir / "mau" / name / "index.html").read_text(encoding="utf-8"))
        (vi_sotay_doc,) = vi_doc.xpath("//div[contains(@class, 'sotay-doc')]")
        labels = {f"[{v}]": f"[{PAGES[name].meta['placeholders'][k]}]" for k, v in EN_PAGES[name].meta["placeholders"].items()}
        english_text = sotay_doc.text_content()
        for en_label, vi_label in labels.items():
            english_text = english_text.replace(en_label, vi_label)
        assert forms.norm(english_text) == forms.norm(vi_sotay_doc.text_content()), f"{name}: not the Vietnamese document"
        fields = sotay_doc.xpath(".//span[@class='ph']")
        assert fields and all(e.get("lang") == "en" and e.get("data-docx-label") for e in fields)
        ids = {h.get("id") for h in sotay_doc.xpath(".//h2|.//h3|.//h4")}
        toc = doc.xpath("//nav[contains(@class, 'md-nav--secondary')]//a[@href]")
        marked = {a.get("href")[1:] for a in toc if a.get("lang") == "vi"}
        assert ids and ids <= marked, f"{name}: entries of the table of contents not marked lang='vi': {ids - marked}"
        assert not [a.get("href") for a in toc if a.get("lang") == "vi" and a.get("href")[1:] not in ids]


# --------------------------------------------------------------------------
# LibreOffice (CI installs libreoffice-writer-nogui; the test never skips there)
# --------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow  # LibreOffice
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_converts_every_form(built, tmp_path):
    assert SOFFICE, "LibreOffice is required in CI: apt-get install libreoffice-writer-nogui"
    for name, data in built.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    profile = tmp_path / "lo-profile"
    r = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / "pdf")] + [str(tmp_path / f"{n}.docx") for n in FORMS],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    for name in FORMS:
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}: {r.stdout} {r.stderr}"
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            assert "(A4)" in info, info
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
            assert ("ĐẢNG CỘNG SẢN VIỆT NAM" in text) != forms.parse_form(PAGES[name]).internal
            assert forms.parse_form(PAGES[name]).doc_type.split()[0] in text
