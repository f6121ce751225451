"""The web page around a form's document: the Word button, the format note, the document's name as the page's heading, in the page's language."""
from __future__ import annotations

import re
from ..model import DEFAULT_LANG, Page
from .document import DIV_CLOSE, DOC_OPEN, Form, RECIPIENTS
from .parse import HEADING, parse_form
from ..strings import table as string_table


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
L = string_table("forms")  # sotay.strings
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
