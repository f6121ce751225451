"""Fill-in on form pages, in Debian's Chromium against the built site (served on 127.0.0.1).

Typing into the panel changes the document, is remembered, prints without the
site's chrome, and the "Tải bản Word đã điền" button downloads a Word file with
the typed values (made in the browser from the generated .docx).
"""
from __future__ import annotations

import io

import docx
import docx.table
import pytest

pytestmark = pytest.mark.browser

FORM = "/mau/nghi-quyet-thang/"


def _open(context, url):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    _open_panel(page)
    return page, errors


def _open_panel(page):
    """The panel is closed when the page loads, and has no inputs until opened."""
    page.wait_for_selector("details.sotay-fill > summary")
    assert page.locator(".sotay-fill input").count() == 0
    page.click("details.sotay-fill > summary")
    page.wait_for_selector(".sotay-fill input[data-ph='ten_chi_bo']")


def _all_text(document) -> str:
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            out += [p.text for row in item.rows for c in row.cells for p in c.paragraphs]
        else:
            out.append(item.text)
    return "\n".join(out)


def test_typing_fills_the_document_and_is_remembered(server, context, watch):
    page, errors = _open(context, server + FORM)
    spans = page.locator(".sotay-doc .ph[data-ph='ten_chi_bo']")
    assert spans.count() >= 2
    assert spans.first.evaluate("e => e.textContent") == "[Tên chi bộ]"
    page.fill("input[data-ph='ten_chi_bo']", "Khu phố 3")
    page.fill("input[data-ph='so_van_ban']", "07")
    for k in range(spans.count()):
        assert spans.nth(k).inner_text() in ("Khu phố 3", "KHU PHỐ 3")  # the header shows capitals (CSS)
    assert spans.nth(0).evaluate("e => e.textContent") == "Khu phố 3"
    label = page.locator(".sotay-fill label", has_text="Tên chi bộ")
    assert label.count() == 1, "each input has a Vietnamese label"

    # Remembered in this browser; shared with other forms except document numbers.
    page.reload()
    # Shown in the document at once, before the panel is opened.
    page.wait_for_selector("details.sotay-fill > summary")
    assert page.locator(".sotay-doc .ph[data-ph='ten_chi_bo']").first.evaluate("e => e.textContent") == "Khu phố 3"
    _open_panel(page)
    assert page.input_value("input[data-ph='ten_chi_bo']") == "Khu phố 3"
    assert page.input_value("input[data-ph='so_van_ban']") == "07"
    other, errors2 = _open(context, server + "/mau/thong-bao-hop/")
    assert other.input_value("input[data-ph='ten_chi_bo']") == "Khu phố 3"
    assert other.input_value("input[data-ph='so_van_ban']") == ""
    assert other.locator(".sotay-doc .ph[data-ph='ten_chi_bo']").first.evaluate("e => e.textContent") == "Khu phố 3"
    # A topic-session kit has the panel too, and uses the same names for the same
    # things (chi bộ, chủ trì, date): what was typed on a form is there.
    kit = context.new_page()
    kit.goto(server + "/mau/chuyen-de-chuyen-doi-so/")
    _open_panel(kit)
    assert kit.locator(".md-content .ph[data-ph='ten_chi_bo']").first.evaluate("e => e.textContent") == "Khu phố 3"
    kit.fill("input[data-ph='ho_ten_chu_tri']", "Nguyễn Văn A")
    assert kit.locator(".md-content .ph[data-ph='ho_ten_chu_tri']").first.evaluate("e => e.textContent") == "Nguyễn Văn A"
    assert kit.locator("a.sotay-docx").count() == 1  # the kit's Word file, filled in
    form = context.new_page()
    form.goto(server + "/mau/bien-ban-sinh-hoat-chuyen-de/")
    form.wait_for_selector("details.sotay-fill > summary")
    assert form.locator(".sotay-doc .ph[data-ph='ho_ten_chu_tri']").first.evaluate("e => e.textContent") == "Nguyễn Văn A"
    assert errors == [] and errors2 == []
    assert watch.external == [], watch.external


def test_print_shows_the_document_only(server, context):
    page, _ = _open(context, server + FORM)
    page.fill("input[data-ph='ten_dang_bo']", "phường An Phú")
    page.emulate_media(media="print")
    for sel in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                ".sotay-fill", "a.sotay-docx", ".admonition", ".sotay-basis-line", "h1"):
        loc = page.locator(sel)
        for k in range(loc.count()):
            assert not loc.nth(k).is_visible(), f"{sel} is printed"
    assert page.locator(".sotay-doc").is_visible()
    assert "phường An Phú".upper() in page.locator(".sotay-doc .doc-header").inner_text().upper()
    assert "[Tên đảng bộ cấp trên]" not in page.locator(".sotay-doc").inner_text()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_filled_word_file_is_built_in_the_browser(server, context):
    page, errors = _open(context, server + FORM)
    page.fill("input[data-ph='ten_chi_bo']", "Khu phố 3 & Tổ <5>")
    page.fill("input[data-ph='ho_ten_bi_thu']", "Nguyễn Văn A")
    with page.expect_download() as info:
        page.click("a.sotay-docx")  # the one Word button: what was typed
    download = info.value
    assert download.suggested_filename == "nghi-quyet-thang-da-dien.docx"
    data = open(download.path(), "rb").read()
    document = docx.Document(io.BytesIO(data))
    text = _all_text(document)
    assert "CHI BỘ Khu phố 3 & Tổ <5>" in text
    assert "Nguyễn Văn A" in text
    assert "[Tên chi bộ]" not in text and "[Họ tên bí thư]" not in text
    assert "[Số văn bản]" in text, "unfilled placeholders stay"
    filled = [r for p in document.paragraphs for r in p.runs if "Khu phố 3" in r.text]
    assert filled and all(r.font.highlight_color is None for r in filled), "filled values are not highlighted"
    assert "Đã tạo bản Word" in page.locator(".sotay-fill__status").first.inner_text()
    assert errors == []


def test_word_fill_in_from_file_url_explains_itself(site_dir, context):
    page = context.new_page()
    page.goto((site_dir / "mau" / "nghi-quyet-thang" / "index.html").as_uri())
    _open_panel(page)
    page.fill("input[data-ph='ten_chi_bo']", "Khu phố 3")
    assert page.locator(".sotay-doc .ph[data-ph='ten_chi_bo']").first.evaluate("e => e.textContent") == "Khu phố 3"
    # From file:// the browser cannot read the Word file to fill it: the button downloads the
    # blank file and says why.
    with page.expect_download() as info:
        page.click("a.sotay-docx")
    assert open(info.value.path(), "rb").read()[:2] == b"PK"
    status = page.locator(".sotay-fill__status").first
    status.wait_for()
    assert "file://" in status.inner_text()


def test_clear_button_resets_the_form(server, context):
    page, _ = _open(context, server + FORM)
    page.fill("input[data-ph='thang_danh_gia']", "10")
    page.click("button[data-act='clear']")
    assert page.input_value("input[data-ph='thang_danh_gia']") == ""
    span = page.locator(".sotay-doc .ph[data-ph='thang_danh_gia']").first
    assert span.inner_text() == "[Tháng được đánh giá]"


def test_filled_word_file_of_a_kit(server, context):
    """A topic-session kit's "Tải bản Word đã điền": the kit's own Word file (mau/<kit>.docx, sotay.kit_docx)
    with what was typed on the page, in the kit's text and in the Party header."""
    page, errors = _open(context, server + "/mau/chuyen-de-neu-guong/")
    page.fill("input[data-ph='ten_chi_bo']", "Khu phố 7")
    page.fill("input[data-ph='nguoi_trinh_bay']", "Trần Thị B")
    with page.expect_download() as info:
        page.click("a.sotay-docx")
    download = info.value
    assert download.suggested_filename == "chuyen-de-neu-guong-da-dien.docx"
    document = docx.Document(io.BytesIO(open(download.path(), "rb").read()))
    text = _all_text(document)
    assert "CHI BỘ Khu phố 7" in text, "the header's placeholder is filled"
    assert "Trần Thị B" in text and "[Người trình bày chuyên đề]" not in text
    assert "KẾ HOẠCH" in text and "[Số văn bản]" in text, "unfilled placeholders stay"
    assert errors == []


def test_english_form_page_reads_english_around_a_vietnamese_document(server, context, watch):
    """What a screen reader and a reader of the English page get: the note and the button
    in English, the document in Vietnamese (lang="vi"), its fields' English labels (lang="en");
    the button downloads the Vietnamese Word file."""
    from sotay import forms

    page = context.new_page()
    page.goto(server + "/en" + FORM)
    lang_of = "sel => document.querySelector(sel).closest('[lang]').getAttribute('lang')"
    assert page.evaluate(lang_of, ".admonition.note .admonition-title") == "en"
    assert page.locator(".admonition.note .admonition-title").first.inner_text() == forms.L["en"]["format_title"]
    assert page.evaluate(lang_of, ".sotay-doc .doc-title") == "vi"
    assert page.evaluate(lang_of, ".sotay-doc h3") == "vi"
    assert page.evaluate(lang_of, ".sotay-doc .ph[data-ph='ten_chi_bo']") == "en"
    assert page.locator(".sotay-doc .ph[data-ph='ten_chi_bo']").first.inner_text().lower() == "[name of the cell]"
    assert page.evaluate(lang_of, "a.sotay-docx") == "en"
    link = page.locator("a.sotay-docx")
    assert link.inner_text().strip() == forms.L["en"]["docx_button"]
    with page.expect_download() as dl:
        link.click()
    data = open(dl.value.path(), "rb").read()
    assert data == page.request.get(server + FORM.rstrip("/") + ".docx").body()
    assert "Chi bộ" in _all_text(docx.Document(io.BytesIO(data)))
    assert not watch.external and not watch.failed, (watch.external, watch.failed)


def test_filled_word_file_of_an_english_kit(server, context):
    """On an English kit page the panel speaks English, the fields are labelled in English,
    and the Word file (the Vietnamese document) is filled through the Vietnamese labels."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/en/mau/chuyen-de-neu-guong/")
    page.wait_for_selector("details.sotay-fill > summary")
    assert page.inner_text("details.sotay-fill > summary").startswith("Fill in the blanks on this page")
    page.click("details.sotay-fill > summary")
    page.wait_for_selector(".sotay-fill input[data-ph='ten_chi_bo']")
    assert page.locator(".sotay-fill label", has_text="Name of the Party cell").count() == 1
    page.fill("input[data-ph='ten_chi_bo']", "Khu phố 7")
    page.fill("input[data-ph='nguoi_trinh_bay']", "Trần Thị B")
    assert page.inner_text("a.sotay-docx").startswith("Download the filled-in Word file (")
    with page.expect_download() as info:
        page.click("a.sotay-docx")
    download = info.value
    assert download.suggested_filename == "chuyen-de-neu-guong-filled.docx"
    document = docx.Document(io.BytesIO(open(download.path(), "rb").read()))
    text = _all_text(document)
    assert "CHI BỘ Khu phố 7" in text and "Trần Thị B" in text
    assert "[Người trình bày chuyên đề]" not in text, "filled through the Vietnamese label"
    assert "KẾ HOẠCH" in text and "[Số văn bản]" in text, "the Vietnamese document, unfilled fields kept"
    assert page.inner_text(".sotay-fill__status").startswith("Word file made (")
    assert errors == []
