"""Word (.docx) files of the form pages, in the format of Party documents.

``build_docx(page)`` takes a form page loaded with :func:`sotay.model.load_page`,
parses its document with :func:`sotay.forms.parse_form` and returns the bytes
of a .docx. The build adds one per form as ``mau/<name>.docx`` (MkDocs hook
:func:`sotay.pipeline.site_files`); nothing generated is committed.

How the layout maps to the research notes (legal-basis.md, section 6; basis
Quy định 399-QĐ/TW and Hướng dẫn 36-HD/VPTW, Phụ lục 3 — check against the
format guidance in force, a successor to 36-HD/VPTW is rumoured):

* A4, 210 × 297 mm [V]; margins :data:`MARGINS_MM` (the sources conflict, see there).
* One font, :data:`FONT`, for every run (Vietnamese in Unicode, TCVN 6909:2001 [V]).
* Header block: a borderless 2-column table. Left: the direct upper body
  (capitals, 14, upright), the cell (capitals, 14, bold), then an asterisk "*"
  under it [V: 36-HD/VPTW 1.2, examples; the header of 36-HD/VPTW itself];
  right: "ĐẢNG CỘNG SẢN VIỆT NAM" (capitals, 15, bold) with a solid line
  *below* it as long as the text (a paragraph border, the text is not
  underlined) [V]. Second row: number and symbol "Số …-NQ/CB" (14, upright,
  no colon) left; place and date (14, italic) right.
* Title: document type (capitals, bold, :data:`SIZES` ``type``, 15–16 in the
  notes), summary (lower case, bold, 14–15 [V: Phụ lục 3, "về quy hoạch cán
  bộ…"]), body (14–15, upright).
* Signature block: a borderless 2-column table; "T/M CHI BỘ" then "BÍ THƯ" or
  "PHÓ BÍ THƯ" on the right (T/M for a collective body [V: 36-HD/VPTW 1.7.1];
  "T/M CHI BỘ" and the deputy signing T/M [S]) and "Nơi nhận:" on the left
  (underlined, 14; recipients 12, one a line [S]), or for minutes "NGƯỜI GHI
  BIÊN BẢN" left and "CHỦ TRÌ" right ([S] in the notes: the pages say so).
* An internal aid (``internal: true``, the chair's script) has the title and
  the body only: it is not a Party document.
* Placeholders: one run each, the text ``[Label]`` highlighted yellow, so the
  in-browser fill-in (docs/assets/javascripts/fill.js) can replace it.

Line spacing and paragraph spacing are not in the notes: :data:`SPACING` is a
readable choice, not a rule.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import forms
from .model import ROOT, Page

# --------------------------------------------------------------------------
# The format, named once
# --------------------------------------------------------------------------

#: The one font. Times New Roman ships with Windows and Word and covers every
#: Vietnamese letter; LibreOffice on Linux substitutes a metric-compatible font.
FONT = "Times New Roman"
#: A4 [V: 36-HD/VPTW; 399-QĐ/TW].
PAGE_MM = (210, 297)
#: Margins, mm. The notes list two unofficial sources that disagree:
#: 25/25/35/15 (top/bottom/left/right; Đảng ủy Khối Bình Thuận's "Sổ tay điện
#: tử" site) and 20/20/30/15 (unnamed). We use the Bình Thuận figures, the one
#: source we can name; check against the format guidance in force.
MARGINS_MM = {"top": 25, "bottom": 25, "left": 35, "right": 15}
#: Font sizes in points [V: 36-HD/VPTW Phụ lục 3, as quoted in the notes].
SIZES = {
    "party": 15,      # "ĐẢNG CỘNG SẢN VIỆT NAM": capitals, bold, 15
    "upper": 14,      # direct upper body: capitals, upright, 14
    "issuer": 14,     # issuing body (the cell): capitals, bold, 14
    "number": 14,     # "Số …-NQ/CB": upright, 14
    "date": 14,       # place and date: italic, 14
    "type": 16,       # document type: capitals, bold, 15–16
    "summary": 14,    # summary line: bold, 14–15
    "body": 14,       # body text: upright, 14–15
    "table": 13,      # tables in the body: not in the notes; 13 keeps 5–6 columns readable
    "recipients": 12,  # recipients list items: not in the notes; common practice
}
#: Paragraph spacing (not in the notes): single line spacing, 6 pt after a paragraph.
SPACING = {"after_pt": 6, "line": 1.0, "first_line_mm": 10}
#: Width of the header block's left column, as a share of the text width.
HEADER_LEFT_SHARE = 0.42
#: Width of "ĐẢNG CỘNG SẢN VIỆT NAM" in Times New Roman Bold 15 pt: 13.777 em
#: (Adobe Times-Bold widths, same as Times New Roman Bold) = 72.9 mm. The line
#: under the header is drawn this long.
PARTY_HEADER_WIDTH_MM = 72.9
#: The line runs this much past the text on each side (so a wider fallback font does not wrap the header).
PARTY_RULE_OVERHANG_MM = 4
HIGHLIGHT = WD_COLOR_INDEX.YELLOW
LANG = "vi-VN"
#: Timestamp written into the .docx (zip entries); core properties use the page's `reviewed`.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
CELL_MARGIN_MM = 1.9  # Word's default left/right cell margin (108 twips)


def text_width_mm() -> float:
    return PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]


class FormError(ValueError):
    """The form page does not follow the subset of :mod:`sotay.forms`."""


# --------------------------------------------------------------------------
# Low-level helpers
# --------------------------------------------------------------------------


# Children of w:rPr in schema order (ECMA-376 CT_RPr); Word refuses some files whose order is wrong.
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


def _child(rpr, name: str):
    """The w:<name> child of rpr, created in schema order if missing."""
    el = rpr.find(qn(f"w:{name}"))
    if el is None:
        el = OxmlElement(f"w:{name}")
        later = {qn(f"w:{n}") for n in _RPR_ORDER[_RPR_ORDER.index(name) + 1:]}
        for k, c in enumerate(rpr):
            if c.tag in later:
                rpr.insert(k, el)
                break
        else:
            rpr.append(el)
    return el


def _set_fonts(rpr, size: float | None = None) -> None:
    """Explicit font on every script slot of a w:rPr (no theme fonts), language Vietnamese."""
    fonts = _child(rpr, "rFonts")
    for a in list(fonts.attrib):
        del fonts.attrib[a]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
    if size is not None:
        for name in ("sz", "szCs"):
            _child(rpr, name).set(qn("w:val"), str(int(size * 2)))
    lang = _child(rpr, "lang")
    for a in list(lang.attrib):
        del lang.attrib[a]
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)


def _setup(doc, page: Page) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    sec.top_margin, sec.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    sec.left_margin, sec.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    sec.header_distance = sec.footer_distance = Mm(10)
    # Document defaults and the Normal style: the one font, Vietnamese, body size.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, SIZES["body"])
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZES["body"])
    _set_fonts(normal.element.get_or_add_rPr(), SIZES["body"])
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(SPACING["after_pt"])
    pf.line_spacing = SPACING["line"]
    # No theme fonts anywhere in the template's styles (headings, table styles…): one font.
    for fonts in list(doc.styles.element.iter(qn("w:rFonts"))):
        _set_fonts(fonts.getparent())
    cp = doc.core_properties
    cp.title = str(page.meta.get("title", ""))
    cp.subject = str(page.meta.get("description", ""))
    cp.author = "Sổ tay sinh hoạt chi bộ"
    cp.last_modified_by = ""
    cp.comments = "Mẫu tham khảo; đối chiếu hướng dẫn thể thức văn bản của Đảng đang áp dụng trước khi ban hành."
    cp.language = LANG
    cp.keywords = str(page.meta.get("doc_code", ""))
    cp.revision = 1
    reviewed = page.meta.get("reviewed")
    when = dt.datetime(reviewed.year, reviewed.month, reviewed.day) if isinstance(reviewed, dt.date) else dt.datetime(*ZIP_TIME)
    cp.created = cp.modified = when


def _runs(p, runs, size: float, bold: bool | None = None, italic: bool | None = None, caps: bool = False) -> None:
    for r in runs:
        run = p.add_run(r.text)
        run.bold = True if bold else (r.bold or None)
        run.italic = True if italic else (r.italic or None)
        run.font.size = Pt(size)
        if caps:
            run.font.all_caps = True
        if r.ph:
            run.font.highlight_color = HIGHLIGHT


def _para(container, runs=(), size: float = SIZES["body"], align=None, bold=None, italic=None, caps=False,
          space_after: float | None = None, space_before: float | None = None, first_line: float | None = None,
          keep_next: bool = False):
    p = container.add_paragraph()
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    if space_after is not None:
        pf.space_after = Pt(space_after)
    if space_before is not None:
        pf.space_before = Pt(space_before)
    if first_line is not None:
        pf.first_line_indent = Mm(first_line)
    if keep_next:
        pf.keep_with_next = True
    _runs(p, runs, size, bold, italic, caps)
    return p


def _no_borders(table) -> None:
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tblPr.append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    tblPr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = OxmlElement("w:tblW")
        tblPr.append(tblW)
    tblW.set(qn("w:w"), str(int(sum(widths_mm) / 25.4 * 1440)))
    tblW.set(qn("w:type"), "dxa")
    for col, w in zip(table.columns, widths_mm):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)


def _bottom_rule(p) -> None:
    """A solid line under the paragraph (between its indents): the line under the Party header."""
    pPr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")       # eighths of a point: 0.75 pt
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "auto")
    bdr.append(bottom)
    pPr.append(bdr)


def _cell_lines(cell, lines, size: float, align, bold=None, italic=None, caps=False, space_after: float = 0,
                sizes=None) -> list:
    """Write lines into a table cell, one paragraph each (the first reuses the cell's empty paragraph)."""
    out = []
    for k, ln in enumerate(lines):
        sz = sizes(k, ln) if sizes else size
        if k == 0 and cell.paragraphs and not cell.paragraphs[0].runs:
            p = cell.paragraphs[0]
            p.alignment = align
            p.paragraph_format.space_after = Pt(space_after)
            _runs(p, ln, sz, bold, italic, caps)
        else:
            p = _para(cell, ln, sz, align, bold, italic, caps, space_after=space_after)
        out.append(p)
    return out


# --------------------------------------------------------------------------
# The parts of the document
# --------------------------------------------------------------------------


def _header(doc, t: forms.Table) -> None:
    w = text_width_mm()
    left, right = w * HEADER_LEFT_SHARE, w * (1 - HEADER_LEFT_SHARE)
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [left, right])
    C = WD_ALIGN_PARAGRAPH.CENTER
    issuer = t.rows[0][0]
    # upper body lines upright, the cell bold (as written), then the asterisk line; shown in capitals
    sizes = lambda k, ln: SIZES["issuer"] if ln and all(r.bold for r in ln) else SIZES["upper"]  # noqa: E731
    _cell_lines(table.cell(0, 0), issuer, SIZES["upper"], C, caps=True, sizes=sizes)
    (party,) = _cell_lines(table.cell(0, 1), t.rows[0][1], SIZES["party"], C, bold=True)
    inner = right - 2 * CELL_MARGIN_MM
    indent = max(0.0, (inner - PARTY_HEADER_WIDTH_MM) / 2 - PARTY_RULE_OVERHANG_MM)
    party.paragraph_format.left_indent = Mm(indent)
    party.paragraph_format.right_indent = Mm(indent)
    _bottom_rule(party)
    _cell_lines(table.cell(1, 0), t.rows[1][0], SIZES["number"], C, space_after=0)
    for p in table.cell(1, 0).paragraphs:
        p.paragraph_format.space_before = Pt(6)
    _cell_lines(table.cell(1, 1), t.rows[1][1], SIZES["date"], C, italic=True)
    for p in table.cell(1, 1).paragraphs:
        p.paragraph_format.space_before = Pt(6)


def _title(doc, paras: list, first: bool = False) -> None:
    """Document type and summary (``first``: at the top of the page, no space above)."""
    C = WD_ALIGN_PARAGRAPH.CENTER
    for k, p in enumerate(paras):
        if p.kind == "type":
            _para(doc, p.runs, SIZES["type"], C, bold=True, space_before=0 if first else 18, space_after=0,
                  keep_next=True)
        else:
            last = k == len(paras) - 1
            _para(doc, p.runs, SIZES["summary"], C, bold=True, space_after=12 if last else 0, keep_next=True)


def _col_widths(t: forms.Table) -> list[float]:
    """Column widths (mm) of a body table: from the dashes of its |---| row when they differ
    (the editor's hint), otherwise from the text: no word broken, long text gets the room."""
    total = text_width_mm()
    if t.dashes and len(set(t.dashes)) > 1:
        return [total * d / sum(t.dashes) for d in t.dashes]
    char_mm = SIZES["table"] * 0.3528 * 0.5  # average character width of a serif font
    pad = 2 * CELL_MARGIN_MM + 1
    need, want = [], []
    for c in range(len(t.head)):
        lines = [forms.line_text(x) for x in t.head[c]] + [forms.line_text(x) for row in t.rows for x in row[c]]
        word = max([len(w) for ln in lines for w in ln.split()] + [2])
        longest = max([len(ln) for ln in lines] + [2])
        # the head row is bold (wider letters): a short head word ("Phút") must not break
        head_word = max([len(w) for x in t.head[c] for w in forms.line_text(x).split()] + [0])
        need.append(max(10.0, word * char_mm + pad, head_word * char_mm * 1.2 + pad + 1))
        want.append(max(need[-1], min(longest * char_mm + pad, 90.0)))
    if sum(want) <= total:
        return [w * total / sum(want) for w in want]
    if sum(need) >= total:
        return [n * total / sum(need) for n in need]
    spare = total - sum(need)
    excess = [w - n for w, n in zip(want, need)]
    return [n + spare * e / sum(excess) for n, e in zip(need, excess)]


def _table(doc, t: forms.Table) -> None:
    rows = [t.head] + t.rows
    table = doc.add_table(rows=len(rows), cols=len(t.head))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, _col_widths(t))
    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
    cells = table._cells  # table.cell(r, c) walks the whole table each time
    ncols = len(t.head)
    for r, row in enumerate(rows):
        for c, lines in enumerate(row):
            cell = cells[r * ncols + c]
            if r == 0:
                _cell_lines(cell, lines, SIZES["table"], WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            else:
                _cell_lines(cell, lines, SIZES["table"], aligns[t.align[c]])
    if len(rows) > 1:  # repeat the head row on each page
        trPr = table.rows[0]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        trPr.append(el)
    _para(doc, (), SIZES["body"], space_after=0)  # a gap after the table


def _body(doc, blocks: list) -> None:
    J = WD_ALIGN_PARAGRAPH.JUSTIFY
    for b in blocks:
        if isinstance(b, forms.Table):
            _table(doc, b)
        elif b.kind == "h":
            _para(doc, b.runs, SIZES["body"], WD_ALIGN_PARAGRAPH.LEFT, bold=True, space_before=6, keep_next=True)
        elif b.kind in ("ol", "ul"):
            # as Party documents write them: the marker is text, the item indented like a paragraph
            _para(doc, (forms.Run(b.marker),) + tuple(b.runs), SIZES["body"], J, first_line=SPACING["first_line_mm"],
                  space_after=3)
        else:
            _para(doc, b.runs, SIZES["body"], J, first_line=SPACING["first_line_mm"])


def _signature(doc, t: forms.Table) -> None:
    w = text_width_mm()
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [w * 0.5, w * 0.5])
    left = t.rows[0][0]
    is_recipients = bool(left) and forms.line_text(left[0]) == forms.RECIPIENTS
    if is_recipients:
        # "Nơi nhận:" 14, upright, underlined; the recipients 12, one a line (RECIPIENTS_STYLE)
        sizes = lambda k, ln: SIZES["body"] if k == 0 else SIZES["recipients"]  # noqa: E731
        paras = _cell_lines(table.cell(0, 0), left, SIZES["body"], WD_ALIGN_PARAGRAPH.LEFT, sizes=sizes)
        for run in paras[0].runs:
            run.underline = True
    else:
        _cell_lines(table.cell(0, 0), left, SIZES["body"], WD_ALIGN_PARAGRAPH.CENTER)
    _cell_lines(table.cell(0, 1), t.rows[0][1], SIZES["body"], WD_ALIGN_PARAGRAPH.CENTER)
    # keep the signature block on one page, with the end of the body
    for row in table.rows:
        trPr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        trPr.append(cant)


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


def build_document(page: Page):
    """The python-docx Document of a form page. Raises FormError if the page breaks the subset."""
    form = forms.parse_form(page)
    errors = [p for p in form.problems if p.severity == "error"]
    if errors:
        raise FormError("\n".join(str(p) for p in errors))
    doc = Document()
    _setup(doc, page)
    write_form(doc, form)
    return doc


def write_form(doc, form: forms.Form) -> None:
    """The parts of a parsed form, appended to ``doc`` (a form's own file, or the meeting packet).
    An internal aid (the chair's script) has no header and no signature block."""
    if not form.internal:
        _header(doc, form.header)
    _title(doc, form.title, first=form.internal)
    _body(doc, form.body)
    if form.internal:
        return
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    gap = _para(doc, (), SIZES["body"], space_after=6)  # space before the signature block
    gap.paragraph_format.keep_with_next = True
    _signature(doc, form.signature)


THUMBNAIL = "docProps/thumbnail.jpeg"


def _repack(data: bytes) -> bytes:
    """Same package, reproducible: fixed timestamps; word/document.xml stored uncompressed
    so the browser fill-in can rewrite it without a decompressor."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            if info.filename == THUMBNAIL:
                continue  # python-docx's template preview (an English sample page): not ours
            body = src.read(info.filename)
            if info.filename == "_rels/.rels":
                body = re.sub(rb'<Relationship [^>]*Target="%s"/>' % THUMBNAIL.encode(), b"", body)
            new = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            new.compress_type = zipfile.ZIP_STORED if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            z.writestr(new, body)
    return out.getvalue()


def build_docx(page: Page) -> bytes:
    """The .docx bytes of a form page."""
    buf = io.BytesIO()
    build_document(page).save(buf)
    return _repack(buf.getvalue())


_CACHE: dict = {}
# Word files are kept in .cache/docx/ between builds, named by a hash of what
# they are made from: the page, this module, sotay.forms and python-docx's
# version. A changed form or exporter makes a new file; nothing goes stale.
def cache_dir() -> Path:  # .cache/docx/ (sotay.settings: SOTAY_CACHE)
    from . import settings

    return settings.current().cache("docx")


_code_hash: list[str] = []


def source_files(*modules) -> list[Path]:
    """The source files of ``modules``: a package's every module (cache keys change with the code)."""
    out = []
    for mod in modules:
        path = Path(mod.__file__)
        out += sorted(path.parent.rglob("*.py")) if hasattr(mod, "__path__") else [path]
    return out


def _code() -> str:
    if not _code_hash:
        h = hashlib.sha256(docx.__version__.encode() if hasattr(docx, "__version__") else b"")
        for f in source_files(sys.modules[__name__], forms):
            h.update(f.read_bytes())
        _code_hash.append(h.hexdigest())
    return _code_hash[0]


def docx_for(page: Page) -> bytes:
    """build_docx, cached in memory (the i18n plugin builds the site once per language) and in .cache/docx/."""
    key = (str(page.path), page.body, repr(sorted(page.meta.items(), key=str)))
    if key not in _CACHE:
        if len(_CACHE) > 64:
            _CACHE.clear()
        digest = hashlib.sha256((_code() + "\n" + repr(key)).encode("utf-8")).hexdigest()[:24]
        _CACHE[key] = kept(cache_dir() / f"{digest}.docx", lambda: build_docx(page))
    return _CACHE[key]


def kept(f: Path, make, stale_glob: str | None = None) -> bytes:
    """The bytes in ``f`` (a cache file named by what it is made from), or ``make()`` written there.
    ``stale_glob``: older files of the same thing to remove first. A read-only checkout still
    builds; it only does not keep the file."""
    try:
        return f.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        f.parent.mkdir(parents=True, exist_ok=True)
        for old in f.parent.glob(stale_glob) if stale_glob else ():
            old.unlink(missing_ok=True)
        tmp = f.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(f)
    except OSError:
        pass
    return data
