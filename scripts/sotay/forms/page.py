"""The web page around a form's document: the Word button, the format note, the document's name as the page's heading, in the page's language."""
from __future__ import annotations

import re
from ..model import DEFAULT_LANG, Page
from .document import DIV_CLOSE, DOC_OPEN, Form, RECIPIENTS
from .parse import HEADING, parse_form


# --------------------------------------------------------------------------
# The web page around the document
# --------------------------------------------------------------------------

def docx_name(page: Page) -> str:
    """'mau/nghi-quyet-thang.md' -> 'mau/nghi-quyet-thang.docx' (the generated Word file)."""
    return page.base[:-3] + ".docx"


# What the page around the document says, in the page's language (``page.lang``): the
# Word button, the format note, the note on an internal aid. The document itself stays in
# Vietnamese on every page: it is filed in Vietnamese, and the Word file is made from the
# Vietnamese page. Vietnamese words quoted in the English text are in italics, which the
# build marks lang="vi" on English pages (sotay.site.mark_vietnamese).
L = {
    "vi": {
        "docx_button": "Tải bản Word",
        "docx_blank": "Mẫu trống (.docx)",
        "format_title": "Thể thức văn bản",
        "format_text": (
            "Mẫu trình bày theo thể thức văn bản của Đảng (Quy định 399-QĐ/TW; Hướng dẫn 36-HD/VPTW, Phụ lục 3): "
            "khổ A4; “ĐẢNG CỘNG SẢN VIỆT NAM” ở góc phải, có đường kẻ ngang dưới; tên chi bộ in hoa, đậm, "
            "dưới có dấu sao (*); trích yếu viết chữ thường; tổ chức đảng ký thay mặt tập thể (T/M). "
            "Số văn bản đánh từ 01 theo từng loại văn bản trong một nhiệm kỳ của cấp ủy, không đánh lại theo năm. "
            "Ký hiệu “Số …-{code}/CB”, chức danh ký {sign}{recipients} theo cách các tổ chức đảng đang dùng, "
            "chưa thấy trong văn bản gốc công khai. Năm 2026 đã có tin về hướng dẫn thể thức mới của Văn phòng Trung ương Đảng "
            "thay 36-HD/VPTW: xem [Văn bản sắp thay đổi](../van-ban/thay-doi-sap-toi.md#hd-36-2018). Trước khi ban hành, "
            "hỏi văn phòng cấp ủy cấp trên mẫu đang áp dụng."
        ),
        "sign_minutes": "“NGƯỜI GHI BIÊN BẢN”, “CHỦ TRÌ”",
        "sign_one": "“T/M CHI BỘ” rồi “BÍ THƯ” hoặc “PHÓ BÍ THƯ”",
        "recipients": " và cách trình bày “Nơi nhận” (gạch chân, mỗi nơi một dòng)",
        "internal_title": "Tài liệu nội bộ",
        "internal_text": (
            "Kịch bản là tài liệu giúp người chủ trì, không thuộc các thể loại văn bản của Đảng "
            "(Quy định 399-QĐ/TW): không có tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”, không ghi số và ký hiệu, "
            "không ký “T/M CHI BỘ”, không có nơi nhận. Văn bản chi bộ ban hành sau buổi họp "
            "(nghị quyết, kết luận, biên bản) mới trình bày theo thể thức."
        ),
    },
    "en": {
        "docx_button": "Download the Word file (in Vietnamese)",
        "docx_blank": "Blank form (.docx)",
        "format_title": "Document format",
        "format_text": (
            "The form follows the format of Party documents (Regulation 399-QĐ/TW; Guidance 36-HD/VPTW, Appendix 3): "
            "A4 paper; “*ĐẢNG CỘNG SẢN VIỆT NAM*” (Communist Party of Vietnam) at the top right, with a line under it; "
            "the cell’s name in bold capitals, with an asterisk (\\*) under it; the summary line in lower case; "
            "a Party organisation signs on behalf of the collective (T/M). "
            "Documents are numbered from 01 for each kind of document within the Party committee’s term, "
            "not restarted each year. The number and symbol “*Số …-{code}/CB*”, the signatures {sign}{recipients} "
            "follow the practice of Party organisations; the handbook has not seen them in a public original text. "
            "In 2026 there were reports of new format guidance from the Office of the Party Central Committee "
            "to replace 36-HD/VPTW: see [Documents about to change](../van-ban/thay-doi-sap-toi.md#hd-36-2018). "
            "Before issuing a document, ask the office of the upper-level Party committee which template applies."
        ),
        "sign_minutes": "“*NGƯỜI GHI BIÊN BẢN*” (minute-taker) and “*CHỦ TRÌ*” (chair)",
        "sign_one": "“*T/M CHI BỘ*” (on behalf of the cell) followed by “*BÍ THƯ*” (secretary) "
                    "or “*PHÓ BÍ THƯ*” (deputy secretary)",
        "recipients": " and the layout of “*Nơi nhận*” (recipients: underlined, one a line)",
        "internal_title": "Internal document",
        "internal_text": (
            "The script is an aid for the chair, not one of the kinds of Party documents "
            "(Regulation 399-QĐ/TW): it has no “*ĐẢNG CỘNG SẢN VIỆT NAM*” heading, no number or symbol, "
            "no “*T/M CHI BỘ*” signature and no recipients. Only the documents the cell issues after the meeting "
            "(resolution, conclusion, minutes) follow the Party’s document format."
        ),
    },
}
DOCX_BUTTON = L["vi"]["docx_button"]
DOCX_BLANK = L["vi"]["docx_blank"]
FORMAT_NOTE_TITLE = L["vi"]["format_title"]
INTERNAL_NOTE_TITLE = L["vi"]["internal_title"]


def _t(lang: str) -> dict:
    """The strings of ``lang`` (Vietnamese for a language without its own)."""
    return L.get(lang, L["vi"])


def docx_button(name: str, lang: str = "vi") -> str:
    """The download of a page's Word file (``name``: the .docx beside the page): one button that
    downloads what was typed on the page (fill.js looks for the class sotay-docx), and the blank
    file as a small link. Screen only: print views leave both out."""
    t = _t(lang)
    return (f'[{t["docx_button"]}]({name}){{ .md-button .md-button--primary .sotay-docx download="{name}" }}\n'
            f'[{t["docx_blank"]}]({name}){{ .sotay-docx-blank download="{name}" }}\n{{ .sotay-docx-line .sotay-screen-only }}\n\n')


def format_note(form: Form, lang: str | None = None) -> str:
    """The one short note every form page carries about the document format, in ``lang``
    (by default the page's language).

    What public copies of 36-HD/VPTW show is stated (A4, the header and its line, the
    asterisk under the issuing body, the summary in lower case, T/M for a collective
    body); what only unofficial sources show is said once, with whom to ask."""
    t = _t(lang or form.page.lang)
    if form.internal:
        return f'!!! note "{t["internal_title"]}"\n\n    {t["internal_text"]}\n\n'
    text = t["format_text"].format(code=form.doc_code, sign=t["sign_minutes"] if form.minutes else t["sign_one"],
                                   recipients=t["recipients"] if form.recipients else "")
    return f'!!! note "{t["format_title"]}"\n\n    {text}\n\n'


RECIPIENTS_CELL = re.compile(r"(\|\s*)" + re.escape(RECIPIENTS) + r"(<br)")


# The document on a page in another language: it stays Vietnamese, and says so to
# screen readers and browsers (hyphenation, fonts, translation tools).
DOC_OPEN_VI = '<div class="sotay-doc" lang="vi" markdown>'


def page_markdown(markdown: str, page: Page) -> str:
    """Add the format note and the Word download button just before the document, in the
    page's language (``L``). On a page in another language than Vietnamese, the document
    (still in Vietnamese) and its name in the table of contents are marked lang="vi"."""
    if page.type != "form":
        return markdown
    lines = markdown.split("\n")
    try:
        k = next(i for i, s in enumerate(lines) if s.strip() == DOC_OPEN)
    except StopIteration:
        return markdown
    form = parse_form(page)
    button = docx_button(docx_name(page).rsplit("/", 1)[-1], page.lang)
    extra = format_note(form) + button
    foreign = page.lang != DEFAULT_LANG
    if foreign:
        lines[k] = lines[k].replace(DOC_OPEN, DOC_OPEN_VI)
        # The document's headings carry lang="vi" themselves too: the table of contents
        # lists them outside the document (sotay.site.mark_vietnamese marks those links).
        depth = 0
        for i in range(k, len(lines)):
            st = lines[i].strip()
            depth += st.startswith("<div") - (st == DIV_CLOSE)
            if depth == 0:
                break
            if HEADING.match(lines[i]):
                lines[i] = lines[i].rstrip() + ' { lang="vi" }'
    if form.recipients:
        # lets the page lay out the recipients list as the Word file does (left-aligned, smaller,
        # "Nơi nhận:" underlined)
        lines = [s.replace('<div class="doc-signature" markdown>', '<div class="doc-signature doc-signature--recipients" markdown>')
                 for s in lines]
        lines = [RECIPIENTS_CELL.sub(lambda m: f'{m.group(1)}<span class="doc-recipients">{RECIPIENTS}</span>{m.group(2)}', s)
                 if s.startswith("|") else s for s in lines]
    lines = _title_as_heading(lines, foreign)
    return "\n".join(lines[:k]) + ("\n" if k else "") + extra + "\n".join(lines[k:])


TITLE_OPEN = '<div class="doc-title" markdown>'
BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*$")


def _title_as_heading(lines: list[str], foreign: bool = False) -> list[str]:
    """The document's name ("BIÊN BẢN") as the page's h2, so the document's own
    section headings (h3) sit under it: the heading levels of the page do not
    jump from h1 to h3, and the table of contents has a link to the document.
    ``foreign``: the page is in another language; the heading is marked lang="vi"."""
    try:
        start = next(i for i, s in enumerate(lines) if s.strip() == TITLE_OPEN)
    except StopIteration:
        return lines
    for i in range(start + 1, len(lines)):
        s = lines[i].strip()
        if not s:
            continue
        m = BOLD_LINE.match(s)
        if m:
            attrs = '.doc-title__name lang="vi"' if foreign else ".doc-title__name"
            lines = lines[:i] + [f"## {m.group(1)} {{ {attrs} }}"] + lines[i + 1:]
        break
    return lines
