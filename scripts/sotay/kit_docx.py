"""Word files of the topic-session kits (``docs/mau/chuyen-de-*.md``, ``type: template``).

A secretary adapts the plan, the outline and the draft conclusion in Word before
the meeting. Each kit becomes one document in the Party's format, made by the
build from the kit's page (:func:`sotay.pipeline.site_files` adds it
as ``mau/<kit>.docx`` beside the page, which links to it like the forms do):

* the Party header of the forms (:mod:`sotay.docx_export`): the direct upper
  body, the cell, the asterisk line, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số …-KH/CB",
  place and date;
* the title "KẾ HOẠCH" and the summary "sinh hoạt chuyên đề “…”" (lower case);
* the kit's sections from "Mục đích, yêu cầu" on, in the page's order, numbered
  I., II., … (purpose and requirements, preparation, programme, outline,
  discussion prompts, draft conclusion, the minutes frame): the same text as the
  page, its tables as tables, its notes as notes;
* "T/M CHI BỘ / BÍ THƯ" and the recipients.

Placeholders are one highlighted ``[Label]`` run each, as in the forms, so the
page's "Tải bản Word đã điền" (docs/assets/javascripts/fill.js) fills them.

The page is read as the site renders it: its Markdown through Python-Markdown with
the site's extensions (``mkdocs.yml``), then walked with lxml. Nothing here
parses Markdown by hand.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import docx_export, forms, render
from .model import ROOT, Page

DOC_CODE = "KH"             # Kế hoạch
DOC_TYPE = "KẾ HOẠCH"
FIRST_SECTION = "Mục đích, yêu cầu"   # the page's sections from this one on go into the Word file
KIT_PREFIX = "Chuyên đề: "
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
CHECKBOX = ("☐ ", "☑ ")
# The frame's placeholders, with the labels the forms give them (tests/test_kits.py checks
# they agree), so a value typed on a form page and a kit page is the same value.
FRAME_LABELS = {
    "ten_dang_bo": "Tên đảng bộ cấp trên",
    "ten_chi_bo": "Tên chi bộ",
    "so_van_ban": "Số văn bản",
    "dia_danh": "Địa danh",
    "ngay_ky": "Ngày ký",
    "thang_ky": "Tháng ký",
    "nam_ky": "Năm ký",
    "ho_ten_bi_thu": "Họ tên bí thư",
}
RECIPIENTS = ("- Đảng viên trong chi bộ,", "- Đồng chí cấp ủy viên cấp trên theo dõi chi bộ,", "- Lưu chi bộ.")

R = forms.Run


def docx_name(page: Page) -> str:
    """'mau/chuyen-de-neu-guong.md' -> 'mau/chuyen-de-neu-guong.docx'."""
    return forms.docx_name(page)


def is_kit(page: Page) -> bool:
    return page.type == "template"


# --------------------------------------------------------------------------
# The page as the site renders it
# --------------------------------------------------------------------------


def markdown_config(config=None) -> tuple[list, dict]:
    """(extensions, extension configs) of the site: from MkDocs' config, or read from mkdocs.yml."""
    if config is None:
        from mkdocs.config import load_config

        config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def page_html(page: Page, md_config: tuple[list, dict]) -> str:
    import markdown

    labels = page.meta.get("placeholders") or {}
    md = markdown.Markdown(extensions=md_config[0], extension_configs=md_config[1])
    return md.convert(render.placeholders_to_html(page.body, labels))


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)   # forms.Para | forms.Table


@dataclass
class Kit:
    page: Page
    title: str
    sections: list[Section]

    @property
    def summary(self) -> str:
        t = self.title[len(KIT_PREFIX):] if self.title.startswith(KIT_PREFIX) else self.title
        return f"sinh hoạt chuyên đề “{t}”"


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _text(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def inline_runs(el, bold: bool = False, italic: bool = False) -> tuple:
    """The text of an element as runs: bold, italic, placeholders (one run each), checkboxes;
    nested lists are left out (they are blocks of their own), links keep their text."""
    out: list = []

    def add(text: str, b: bool, i: bool) -> None:
        if text:
            out.append(R(_text(text), b, i))

    def walk(node, b: bool, i: bool) -> None:
        add(node.text or "", b, i)
        for c in node:
            tag = c.tag if isinstance(c.tag, str) else ""
            if tag in ("ul", "ol", "script", "style") or not tag:
                pass
            elif tag == "span" and "ph" in _classes(c) and c.get("data-ph"):
                out.append(R(c.text_content(), b, i, ph=c.get("data-ph")))
            elif tag == "input" and c.get("type") == "checkbox":
                add(CHECKBOX[c.get("checked") is not None], b, i)
            elif tag in ("strong", "b"):
                walk(c, True, i)
            elif tag in ("em", "i"):
                walk(c, b, True)
            elif tag == "br":
                add(" ", b, i)
            elif tag == "a" and "headerlink" in _classes(c):
                pass
            else:
                walk(c, b, i)
            add(c.tail or "", b, i)

    walk(el, bold, italic)
    # trim and merge neighbouring runs of the same style
    merged: list = []
    for r in out:
        if merged and r.ph is None and merged[-1].ph is None and (merged[-1].bold, merged[-1].italic) == (r.bold, r.italic):
            merged[-1] = R(_text(merged[-1].text + r.text), r.bold, r.italic)
        else:
            merged.append(r)
    while merged and merged[0].ph is None and not merged[0].text.strip():
        merged.pop(0)
    while merged and merged[-1].ph is None and not merged[-1].text.strip():
        merged.pop()
    if merged and merged[0].ph is None:
        merged[0] = R(merged[0].text.lstrip(), merged[0].bold, merged[0].italic)
    if merged and merged[-1].ph is None:
        merged[-1] = R(merged[-1].text.rstrip(), merged[-1].bold, merged[-1].italic)
    return tuple(merged)


def _cell_lines(cell) -> list:
    """A table cell: its lines (split at <br>) as runs."""
    from lxml import html as lhtml

    parts = re.split(r"<br\s*/?>", lhtml.tostring(cell, encoding="unicode", method="html"))
    lines = []
    for k, part in enumerate(parts):
        frag = lhtml.fragment_fromstring(part if k == 0 else f"<td>{part}", create_parent="div") if part.strip() else None
        lines.append(inline_runs(frag) if frag is not None else ())
    return lines or [()]


def _table(el) -> forms.Table:
    head = [_cell_lines(c) for c in el.xpath("./thead/tr[1]/th | ./thead/tr[1]/td")]
    rows = [[_cell_lines(c) for c in tr.xpath("./th | ./td")] for tr in el.xpath("./tbody/tr | ./tr")]
    align = []
    for c in el.xpath("./thead/tr[1]/th | ./thead/tr[1]/td"):
        a = (c.get("align") or re.search(r"text-align:\s*(\w+)", c.get("style") or "") and
             re.search(r"text-align:\s*(\w+)", c.get("style") or "").group(1) or "left")
        align.append(a if a in ("left", "center", "right") else "left")
    return forms.Table(head=head, rows=rows, align=align)


def blocks_of(parent, italic: bool = False) -> list:
    """Block-level content of an element: paragraphs, headings, list items, tables; notes
    (admonitions, details) as a bold title and their content in italics."""
    out: list = []
    for el in parent:
        tag = el.tag if isinstance(el.tag, str) else ""
        cls = _classes(el)
        if not tag or tag in ("script", "style", "hr", "input", "button"):
            continue
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            out.append(forms.Para("h", inline_runs(el, italic=italic), level=int(tag[1])))
        elif tag == "p":
            if "admonition-title" in cls:
                out.append(forms.Para("p", inline_runs(el, bold=True, italic=True)))
            else:
                runs = inline_runs(el, italic=italic)
                if runs:
                    out.append(forms.Para("p", runs))
        elif tag in ("ul", "ol"):
            out += _list(el, italic)
        elif tag == "table":
            out.append(_table(el))
        elif tag == "details":
            summary = el.xpath("./summary")
            if summary:
                out.append(forms.Para("p", inline_runs(summary[0], bold=True, italic=True)))
            out += blocks_of([c for c in el if c.tag != "summary"], italic=True)
        elif tag == "div" and "admonition" in cls:
            out += blocks_of(el, italic=True)
        else:  # md_in_html divs, blockquotes, table wrappers: their content
            out += blocks_of(el, italic)
    return out


def _list(el, italic: bool) -> list:
    kind = "ol" if el.tag == "ol" else "ul"
    out = []
    for n, li in enumerate(el.xpath("./li"), 1):
        paras = li.xpath("./p")
        first = paras[0] if paras else li
        runs = inline_runs(first, italic=italic)
        if li.xpath("./input[@type='checkbox'] | ./label/input[@type='checkbox']") and first is not li:
            box = li.xpath(".//input[@type='checkbox']")[0]
            runs = (R(CHECKBOX[box.get("checked") is not None]),) + runs
        task = "task-list-item" in _classes(li)
        out.append(forms.Para("ul" if task else kind, runs, number=n))
        if task:  # the box is the marker: no "- " before it
            out[-1].kind = "p"
        for p in paras[1:]:
            out.append(forms.Para("p", inline_runs(p, italic=italic)))
        for sub in li.xpath("./ul | ./ol"):
            out += _list(sub, italic)
    return out


def parse_kit(page: Page, html: str) -> Kit:
    """The kit's sections (h2) from FIRST_SECTION on, as blocks."""
    from lxml import html as lhtml

    root = lhtml.fragment_fromstring(html, create_parent="div")
    sections: list[Section] = []
    started = False
    for el in root:
        if el.tag == "h2":
            title = " ".join(el.text_content().replace("¶", "").split())
            started = started or title == FIRST_SECTION
            if started:
                sections.append(Section(title))
            continue
        if started:
            sections[-1].blocks += blocks_of([el])
    if not sections:
        raise forms_error(page, f"bộ tài liệu không có mục “## {FIRST_SECTION}”")
    return Kit(page=page, title=str(page.meta.get("title", "")), sections=sections)


def forms_error(page: Page, message: str) -> docx_export.FormError:
    return docx_export.FormError(f"{page.where}: {message}")


# --------------------------------------------------------------------------
# The Word document
# --------------------------------------------------------------------------


def _ph(name: str, labels: dict, bold: bool = False, italic: bool = False) -> forms.Run:
    return R(f"[{labels.get(name, FRAME_LABELS[name])}]", bold, italic, ph=name)


def frame(kit: Kit) -> tuple[forms.Table, list, forms.Table]:
    """Header, title and signature of the plan, as the forms' parser would give them."""
    labels = {**FRAME_LABELS, **(kit.page.meta.get("placeholders") or {})}
    header = forms.Table(head=[[()], [()]], align=["center", "center"], rows=[
        [[(R("ĐẢNG BỘ "), _ph("ten_dang_bo", labels)), (R("CHI BỘ ", bold=True), _ph("ten_chi_bo", labels, bold=True)),
          (R(forms.ASTERISK),)],
         [(R(forms.PARTY_HEADER, bold=True),)]],
        [[(R("Số "), _ph("so_van_ban", labels), R(f"-{DOC_CODE}/{forms.ISSUER_SYMBOL}"))],
         [(_ph("dia_danh", labels, italic=True), R(", ngày ", italic=True), _ph("ngay_ky", labels, italic=True),
           R(" tháng ", italic=True), _ph("thang_ky", labels, italic=True), R(" năm ", italic=True),
           _ph("nam_ky", labels, italic=True))]],
    ])
    title = [forms.Para("type", (R(DOC_TYPE, bold=True),)), forms.Para("summary", (R(kit.summary, bold=True),))]
    signature = forms.Table(head=[[()], [()]], align=["left", "center"], rows=[[
        [(R(forms.RECIPIENTS),)] + [(R(x),) for x in RECIPIENTS],
        [(R("T/M CHI BỘ", bold=True),), (R("BÍ THƯ", bold=True),), (), (), (), (_ph("ho_ten_bi_thu", labels, bold=True),)],
    ]])
    return header, title, signature


def build_document(kit: Kit):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    docx_export._setup(doc, kit.page)
    doc.core_properties.keywords = DOC_CODE
    header, title, signature = frame(kit)
    docx_export._header(doc, header)
    docx_export._title(doc, title)
    for k, sec in enumerate(kit.sections):
        docx_export._para(doc, (R(f"{ROMAN[k]}. "), R(sec.title)), docx_export.SIZES["body"], WD_ALIGN_PARAGRAPH.LEFT,
                          bold=True, caps=True, space_before=8, keep_next=True)
        docx_export._body(doc, sec.blocks)
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    docx_export._para(doc, (), docx_export.SIZES["body"], space_after=6).paragraph_format.keep_with_next = True
    docx_export._signature(doc, signature)
    return doc


def build_docx(page: Page, md_config: tuple[list, dict]) -> bytes:
    buf = io.BytesIO()
    build_document(parse_kit(page, page_html(page, md_config))).save(buf)
    return docx_export._repack(buf.getvalue())




def _stable(obj) -> str:
    """The Markdown configuration as text that does not change between runs (functions by name)."""
    import json

    def name(o):
        return f"{getattr(o, '__module__', '')}.{getattr(o, '__qualname__', type(o).__name__)}"

    return json.dumps(obj, default=name, sort_keys=True, ensure_ascii=False)


def docx_for(page: Page, md_config: tuple[list, dict]) -> bytes:
    """build_docx, kept in .cache/docx/ by what it is made from (the page, this module,
    the forms' writer, the Markdown configuration)."""
    key = hashlib.sha256("\n".join([
        docx_export._code(), Path(__file__).read_text(encoding="utf-8"), str(page.path), page.body,
        repr(sorted(page.meta.items(), key=str)), _stable([md_config[0], md_config[1]])]).encode("utf-8")).hexdigest()[:24]
    return docx_export.kept(docx_export.cache_dir() / f"kit-{key}.docx", lambda: build_docx(page, md_config))


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def page_markdown(markdown: str, page: Page) -> str:
    """The Word download link, before the kit's first section (the fill-in finds it by its class)."""
    if not is_kit(page):
        return markdown
    lines = markdown.split("\n")
    k = next((i for i, s in enumerate(lines) if s.startswith("## ")), len(lines))
    button = forms.docx_button(docx_name(page).rsplit("/", 1)[-1], page.lang)
    return "\n".join(lines[:k]) + "\n" + button + "\n".join(lines[k:])
