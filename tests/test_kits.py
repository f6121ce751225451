"""Word files of the topic-session kits and the meeting packet (Word and PDF).

Checked like the forms (tests/test_forms.py): python-docx opens them, A4 with the
forms' margins, the Party header with the asterisk line, placeholders as single
highlighted runs, and the text of the page: each kit's sections as the site
renders them (read from site/), character for character in order; the packet's
forms paragraph by paragraph. LibreOffice converts all of them; the PDFs are
read back with poppler.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import docx.table
import pytest
from lxml import html as lhtml

from sotay import docx_export, forms, kit_docx, model, packet
from test_forms import docx_paragraphs

ROOT = Path(__file__).resolve().parents[1]
PAGES = model.load_pages()
KITS = {p.base.rsplit("/", 1)[-1][:-3]: p for p in PAGES if p.type == "template" and p.lang == model.DEFAULT_LANG}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def md_config():
    return kit_docx.markdown_config()


@pytest.fixture(scope="module")
def kit_files(md_config) -> dict[str, bytes]:
    return {name: kit_docx.build_docx(page, md_config) for name, page in KITS.items()}


@pytest.fixture(scope="module")
def packet_files() -> dict[str, bytes]:
    return packet.files(PAGES)


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", s))


def paragraphs_of(document) -> list:
    out = []
    for item in document.iter_inner_content():
        out += [p for row in item.rows for c in row.cells for p in c.paragraphs] \
            if isinstance(item, docx.table.Table) else [item]
    return out


def test_every_kit_has_a_word_file(kit_files):
    assert len(KITS) >= 12
    assert set(kit_files) == set(KITS)


@pytest.mark.parametrize("name", sorted(KITS))
def test_kit_docx_is_a_party_document_on_a4(kit_files, name):
    doc = docx.Document(io.BytesIO(kit_files[name]))
    s = doc.sections[0]
    assert abs(s.page_width.mm - 210) < 0.2 and abs(s.page_height.mm - 297) < 0.2
    m = docx_export.MARGINS_MM
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == \
        [m["top"], m["bottom"], m["left"], m["right"]]
    header = next(doc.iter_inner_content())
    assert isinstance(header, docx.table.Table)
    issuer = [p.text for p in header.rows[0].cells[0].paragraphs]
    assert issuer == ["ĐẢNG BỘ [Tên đảng bộ cấp trên]", "CHI BỘ [Tên chi bộ]", "*"]
    assert [p.text for p in header.rows[0].cells[1].paragraphs] == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert header.rows[1].cells[0].paragraphs[0].text == "Số [Số văn bản]-KH/CB"
    texts = docx_paragraphs(doc)
    summary = texts[texts.index("KẾ HOẠCH") + 1]
    assert summary.startswith("sinh hoạt chuyên đề “"), summary
    # The kit's parts, numbered, in the page's order.
    heads = [t for t in texts if re.match(r"^[IVX]+\. ", t)]
    assert [h.split(". ", 1)[1] for h in heads][:6] == ["Mục đích, yêu cầu", "Chuẩn bị", "Chương trình",
                                                       "Đề cương bài trình bày", "Gợi ý thảo luận", "Dự thảo kết luận"]
    last = [x for x in doc.iter_inner_content() if isinstance(x, docx.table.Table)][-1]
    right = [p.text for p in last.rows[0].cells[1].paragraphs]
    assert right[:2] == ["T/M CHI BỘ", "BÍ THƯ"] and right[-1] == "[Họ tên bí thư]"
    assert [p.text for p in last.rows[0].cells[0].paragraphs][0] == "Nơi nhận:"


def test_frame_labels_are_the_forms_labels():
    """The header's placeholders mean what they mean on the forms (fill-in shares them by name)."""
    seen = {}
    for p in PAGES:
        if p.type in ("form", "template") and p.lang == model.DEFAULT_LANG:
            for name, label in (p.meta.get("placeholders") or {}).items():
                seen.setdefault(name, label)
    for name, label in kit_docx.FRAME_LABELS.items():
        assert seen.get(name, label) == label, name


@pytest.mark.parametrize("name", sorted(KITS))
def test_kit_placeholders_are_single_highlighted_runs(kit_files, name):
    labels = {f"[{v}]" for v in (KITS[name].meta.get("placeholders") or {}).values()} | \
        {f"[{v}]" for v in kit_docx.FRAME_LABELS.values()}
    found = set()
    for p in paragraphs_of(docx.Document(io.BytesIO(kit_files[name]))):
        for r in p.runs:
            if r.font.highlight_color is not None:
                assert r.text in labels, f"highlighted run '{r.text}' is not a whole placeholder"
                found.add(r.text)
    page_labels = {f"[{v}]" for k, v in (KITS[name].meta.get("placeholders") or {}).items()
                   if "{{" + k + "}}" in KITS[name].body}
    assert page_labels <= found


def _page_sections_text(site_dir: Path, name: str) -> str:
    """What a reader sees of the kit's sections on the built page, from "Mục đích, yêu cầu" on
    (the build's own basis box at the end left out), letters only."""
    doc = lhtml.fromstring((site_dir / "mau" / name / "index.html").read_text(encoding="utf-8"))
    art = doc.xpath('//article[contains(@class, "md-content__inner")]')[0]
    for el in art.xpath('.//a[contains(@class, "headerlink")] | .//*[contains(@class, "sotay-basis")]'
                        ' | .//*[contains(@class, "admonition") and contains(@class, "basis")]'
                        ' | .//*[contains(@class, "sotay-reviewed")] | .//script | .//style'):
        el.drop_tree()
    started, parts = False, []
    for el in art:
        if el.tag == "h2" and " ".join(el.text_content().split()) == kit_docx.FIRST_SECTION:
            started = True
        if started and isinstance(el.tag, str):
            parts.append(el.text_content())
    return squeeze(" ".join(parts))


@pytest.mark.parametrize("name", sorted(KITS))
def test_kit_docx_text_matches_the_page(kit_files, site_dir, name):
    """The Word file's body is the page's text, character for character and in order
    (without the section numbers I., II., …, list markers and the drawn checkboxes)."""
    doc = docx.Document(io.BytesIO(kit_files[name]))
    items = list(doc.iter_inner_content())
    start = next(k for k, x in enumerate(items) if not isinstance(x, docx.table.Table) and x.text == "KẾ HOẠCH") + 2
    texts = []
    for item in items[start:-1]:  # between the title and the signature block
        if isinstance(item, docx.table.Table):
            texts += [p.text for row in item.rows for c in row.cells for p in c.paragraphs]
        else:  # list markers are drawn by the page's style sheet, written out in Word: "1. ", "- "
            texts.append(re.sub(r"^(?:[IVX]+\. |\d+\. |- )", "", item.text))
    word = squeeze(" ".join(texts)).replace("☐", "").replace("☑", "")
    page = _page_sections_text(site_dir, name)
    assert word == page, _first_difference(word, page)


def _first_difference(a: str, b: str) -> str:
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"Word …{a[max(0, k - 60):k + 60]}…\npage …{b[max(0, k - 60):k + 60]}…"


def test_site_publishes_the_kit_files_and_links_them(site_dir, kit_files):
    for name in KITS:
        f = site_dir / "mau" / f"{name}.docx"
        assert f.exists(), f"{f} not built"
        assert f.read_bytes() == kit_files[name]
        doc = lhtml.fromstring((site_dir / "mau" / name / "index.html").read_text(encoding="utf-8"))
        links = doc.xpath('//article//a[contains(concat(" ", @class, " "), " sotay-docx ")]')
        assert [a.get("href") for a in links] == [f"../{name}.docx"], name
        assert links[0].get("download") == f"{name}.docx"
    assert not list((ROOT / "docs").rglob("*.docx")), "Word files are generated, never kept in docs/"


KITS_EN = {name: p for p in PAGES if p.type == "template" and p.lang == "en"
           for name in [p.base.rsplit("/", 1)[-1][:-3]]}


def test_english_kit_pages_link_the_vietnamese_word_file(site_dir, kit_files):
    """An English kit page offers the kit's Word file (the Vietnamese document, made from the
    Vietnamese page) with an English button, and its fields carry the Vietnamese labels the
    Word file shows, so the fill-in can fill it from the English page."""
    assert KITS_EN, "no English kit pages"
    for name, page in KITS_EN.items():
        doc = lhtml.fromstring((site_dir / "en" / "mau" / name / "index.html").read_text(encoding="utf-8"))
        links = doc.xpath('//article//a[contains(concat(" ", @class, " "), " sotay-docx ")]')
        assert [a.get("href") for a in links] == [f"../../../mau/{name}.docx"], name
        assert links[0].text_content() == forms.L["en"]["docx_button"]
        assert (site_dir / "mau" / f"{name}.docx").read_bytes() == kit_files[name]
        labels_vi = KITS[name].meta["placeholders"]
        for span in doc.xpath('//article//span[@class="ph"]'):
            ph = span.get("data-ph")
            assert span.get("title") == page.meta["placeholders"][ph], (name, ph)
            assert span.get("data-docx-label") == labels_vi[ph], (name, ph)


# --------------------------------------------------------------------------
# The meeting packet
# --------------------------------------------------------------------------


def test_packet_holds_the_meeting_papers_in_order(packet_files):
    doc = docx.Document(io.BytesIO(packet_files[packet.DOCX]))
    texts = docx_paragraphs(doc)
    want: list[str] = []
    for page in packet.packet_pages(PAGES):
        want += forms.paragraphs(forms.parse_form(page))
    assert texts == want
    types = [forms.parse_form(p).doc_type for p in packet.packet_pages(PAGES)]
    assert types == ["THÔNG BÁO", "CHƯƠNG TRÌNH", "KỊCH BẢN ĐIỀU HÀNH", "DANH SÁCH ĐẢNG VIÊN DỰ HỌP VÀ KẾT QUẢ BIỂU QUYẾT",
                     "BIÊN BẢN", "NGHỊ QUYẾT", "KẾT LUẬN"]
    s = doc.sections[0]
    assert abs(s.page_width.mm - 210) < 0.2 and abs(s.page_height.mm - 297) < 0.2
    # one page break between two papers
    xml = zipfile.ZipFile(io.BytesIO(packet_files[packet.DOCX])).read("word/document.xml").decode("utf-8")
    assert xml.count('w:type="page"') == len(packet.FORMS) - 1
    assert zipfile.ZipFile(io.BytesIO(packet_files[packet.DOCX])).getinfo("word/document.xml").compress_type == \
        zipfile.ZIP_STORED, "fill.js rewrites document.xml without a decompressor"
    labels = {f"[{v}]" for p in packet.packet_pages(PAGES) for v in p.meta["placeholders"].values()}
    for p in paragraphs_of(doc):
        for r in p.runs:
            if r.font.highlight_color is not None:
                assert r.text in labels


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_packet_pdf_has_every_paper_one_font_and_no_hollow_page(packet_files, tmp_path):
    pdf = tmp_path / "packet.pdf"
    pdf.write_bytes(packet_files[packet.PDF])
    info = run("pdfinfo", str(pdf))
    assert "595.2" in info and "841.8" in info
    families = {re.sub(r"^[A-Z]{6}\+|(?:-Bold|-Italic|-BoldItalic)$", "", row.split()[0])
                for row in run("pdffonts", str(pdf)).splitlines()[2:]}
    assert families == {"Sotay-Text"}, families
    text = run("pdftotext", "-x", "0", "-y", "0", "-W", "596", "-H", "780", str(pdf), "-")  # without page numbers
    pages = text.split("\f")[:-1]
    for n, page in enumerate(pages, 1):
        assert len(squeeze(page)) > 40, f"page {n} nearly empty: {page!r}"
    flat = squeeze(text).casefold()  # (the issuing cell is shown in capitals, as in Word)
    words = set(text.casefold().split())
    for page in packet.packet_pages(PAGES):
        form = forms.parse_form(page)
        for para in form.title + [b for b in form.body if isinstance(b, forms.Para)]:
            assert squeeze(para.text).casefold() in flat, para.text
        for para in forms.paragraphs(form):  # table cells: pdftotext may read their lines across columns
            assert set(para.casefold().split()) <= words, para


def test_site_publishes_the_packet(site_dir, packet_files, tmp_path):
    for path in (packet.DOCX, packet.PDF):
        assert (site_dir / path).exists(), f"{path} not built"
    assert (site_dir / packet.DOCX).read_bytes() == packet_files[packet.DOCX]
    (tmp_path / "p.pdf").write_bytes(packet_files[packet.PDF])  # (a PDF carries its time of making)
    assert run("pdftotext", str(site_dir / packet.PDF), "-") == run("pdftotext", str(tmp_path / "p.pdf"), "-")
    # The forms index links both, in both languages (the English page to the same files).
    for index in ("mau/index.html", "en/mau/index.html"):
        hrefs = lhtml.fromstring((site_dir / index).read_text(encoding="utf-8")).xpath("//article//a/@href")
        for path in (packet.DOCX, packet.PDF):
            assert any((site_dir / index).parent.joinpath(h).resolve() == (site_dir / path).resolve() for h in hrefs), \
                (index, path)


@pytest.mark.slow  # LibreOffice
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_converts_every_kit_and_the_packet(kit_files, packet_files, tmp_path):
    assert SOFFICE, "LibreOffice is required in CI: apt-get install libreoffice-writer-nogui"
    names = []
    for name, data in kit_files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
        names.append(name)
    (tmp_path / "packet.docx").write_bytes(packet_files[packet.DOCX])
    names.append("packet")
    profile = tmp_path / "lo-profile"
    r = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / "pdf")] + [str(tmp_path / f"{n}.docx") for n in names],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    for name in names:
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}: {r.stdout} {r.stderr}"
        assert "(A4)" in run("pdfinfo", str(pdf))
        text = run("pdftotext", str(pdf), "-")
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and ("KẾ HOẠCH" in text or name == "packet")
        if name == "packet":
            for t in ("THÔNG BÁO", "KỊCH BẢN ĐIỀU HÀNH", "BIÊN BẢN", "NGHỊ QUYẾT", "KẾT LUẬN"):
                assert t in text
