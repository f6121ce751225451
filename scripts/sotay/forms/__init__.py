"""Form pages (``type: form`` in ``docs/mau/``): the Markdown they are written in.

A form page is the document as the cell files it: a resolution, minutes, a
notice… It is written once. The web page renders it with Python-Markdown
(``md_in_html`` and ``tables``, already enabled), the Word file is built from
the :class:`Form` this module returns (:mod:`sotay.docx_export`), and the print
view is the web page with everything but the document hidden. The tests read
the Word file back and compare its text with the rendered page, both ways. So
the document is written in a small subset of Markdown that both sides read the
same way, and this module refuses anything outside it, with file and line.

Layout of a form page
---------------------

::

    ---
    title: Nghị quyết chi bộ tháng
    type: form
    doc_code: NQ
    placeholders: {ten_chi_bo: Tên chi bộ, …}
    …
    ---

    Text for the reader of the web page only: when to use the form, links.
    (Free Markdown; never in the Word file or the printout.)

    <div class="sotay-doc" markdown>

    <div class="doc-header" markdown>

    | | |
    |---|---|
    | ĐẢNG BỘ {{ten_dang_bo}}<br>**CHI BỘ {{ten_chi_bo}}**<br>* | **ĐẢNG CỘNG SẢN VIỆT NAM** |
    | Số {{so_van_ban}}-NQ/CB | *{{dia_danh}}, ngày {{ngay_ky}} tháng {{thang_ky}} năm {{nam_ky}}* |

    </div>

    <div class="doc-title" markdown>

    **NGHỊ QUYẾT**

    **về nhiệm vụ tháng {{thang_toi}} năm {{nam_toi}}**

    </div>

    The body: paragraphs, headings, lists, tables.

    <div class="doc-signature" markdown>

    | | |
    |---|---|
    | Nơi nhận:<br>- Các đảng viên,<br>- Lưu chi bộ. | **T/M CHI BỘ**<br>**BÍ THƯ**<br><br><br>**{{ho_ten_bi_thu}}** |

    </div>

    </div>

    Page-only text may follow the document too (e.g. ``## Lưu ý khi điền``).

A translated page (``x.en.md``) keeps the document exactly as the Vietnamese page
has it (:func:`translated_document_problems`): the cell files it in Vietnamese, and
the Word file is made from the Vietnamese page only. Its placeholder labels, the
text around the document and the note and button the build adds (``L``) are in the
page's language; the document is marked ``lang="vi"`` (:func:`page_markdown`).

Rules (each is checked by :func:`parse_form`)
---------------------------------------------

1. The document is one ``<div class="sotay-doc" markdown>`` … ``</div>``. The
   ``<div …>`` and ``</div>`` lines stand alone, with a blank line after the
   opening one. Inside: ``doc-header``, ``doc-title``, the body,
   ``doc-signature``, in this order.
2. **Header** (the Party header block, 36-HD/VPTW): a 2-column table with an
   empty head row and two rows. Top left: the direct upper body (upright),
   then the issuing cell in bold, starting ``CHI BỘ`` (both shown in capitals),
   then a line with the asterisk ``*`` alone (the mark under the issuing body's
   name). Top right: exactly ``**ĐẢNG CỘNG SẢN VIỆT NAM**``. Bottom left: the
   number and symbol ``Số {{…}}-<doc_code>/CB``, or for a paper attached to
   another document ``Kèm theo … số {{…}}-<doc_code>/CB``. Bottom right: place
   and date, all in italics.
3. **Title**: bold paragraphs; the first is the document type in capitals
   (``NGHỊ QUYẾT``), the others the summary line(s), starting in lower case
   (``về …``: Phụ lục 3 of 36-HD/VPTW).
4. **Body**: paragraphs (lines are joined, as Markdown does); headings
   ``##``–``####`` (bold paragraphs in Word); numbered lists ``1.`` starting
   at 1 and counting up; bulleted lists ``-``; simple tables (a head row, the
   ``|---|`` row, body rows; ``<br>`` breaks a line inside a cell; the number
   of dashes per column, when they differ, sets the relative column widths in
   Word, e.g. ``|:--:|------|---|``). One list
   level only. A list directly followed by a list of the other kind needs a
   paragraph between them (Markdown would merge the two).
5. **Signature**: a 2-column table with an empty head row and one row; lines
   split by ``<br>``; empty lines leave room to sign. It has either
   ``T/M CHI BỘ`` followed by the signer's title (``BÍ THƯ``, ``PHÓ BÍ THƯ``
   or a placeholder for either; one signer, right) or ``NGƯỜI GHI BIÊN BẢN``
   and ``CHỦ TRÌ`` (two signers; required when the title is ``BIÊN BẢN``). A
   left cell starting ``Nơi nhận:`` (plain: the page and the Word file
   underline it) is the list of recipients, one ``- …,`` a line, the last
   ``- Lưu ….``.
8. **Internal aids** (``internal: true`` in the front matter, e.g. the chair's
   script): not a Party document, so no ``doc_code``, no ``doc-header`` (no
   Party header, number or symbol) and no ``doc-signature`` (no ``T/M CHI BỘ``,
   no recipients): the title, then the body.
6. **Inline**: text, ``**bold**``, ``*italic*`` and placeholders ``{{name}}``.
   Nothing else: no links, code, images, ``_`` emphasis or HTML (except
   ``<br>`` inside table cells), no line ending in two spaces.
7. **Placeholders**: every ``{{name}}`` in the document is declared in the
   front matter ``placeholders:`` (name: Vietnamese label), every declared name
   is used, and labels are unique within a form: the page shows ``[Label]``,
   the Word file holds ``[Label]`` as one highlighted run, and both fill-ins
   find the placeholder by it.
"""

from .document import (  # noqa: F401
    DOC_OPEN, PART_OPEN, DIV_CLOSE, PARTY_HEADER, ISSUER_SYMBOL, SIGN_ONE, SIGNER_TITLES,
    SIGN_MINUTES, RECIPIENTS, ASTERISK, CHECK, Run, Line, line_text, Para, Table, Form, paragraphs,
    norm,
)
from .parse import (  # noqa: F401
    INLINE_TOKEN, FORBIDDEN, TABLE_SEP, OL_ITEM, UL_ITEM, HEADING, _Parser, parse_form,
    form_problems, document_lines, translated_document_problems,
)
from .page import (  # noqa: F401
    docx_name, L, DOCX_BUTTON, DOCX_BLANK, FORMAT_NOTE_TITLE, INTERNAL_NOTE_TITLE, _t, docx_button,
    format_note, RECIPIENTS_CELL, DOC_OPEN_VI, page_markdown, TITLE_OPEN, BOLD_LINE,
    _title_as_heading,
)
