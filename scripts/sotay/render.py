"""Markdown the site generates from the content model.

Pure functions from (page, registry, pages) to Markdown text, so the MkDocs
hooks, the print views and the tests produce the same thing.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re

from . import model
from .model import (AUDIENCES, DEFAULT_LANG, NORMATIVE_TYPES, PLACEHOLDER, QA_GROUPS, QA_GROUPS_EN, Page, Registry, Source,
                    base_name, review_due, section_pages)

L = {
    "vi": {
        "basis": "Căn cứ",
        "reference": "Tham khảo",
        "reviewed": "Rà soát lần cuối",
        "next": "rà soát tiếp trước",
        "unverified": "chưa đối chiếu văn bản gốc",
        "pilot": "thí điểm",
        "superseded": "đã được thay thế bởi",
        "history": "Văn bản trước đây (chỉ để tham khảo lịch sử, không còn là căn cứ)",
        "overdue": "Trang này đã quá hạn rà soát ({due}). Đối chiếu với văn bản hiện hành hoặc hỏi cấp ủy cấp trên trước khi áp dụng.",
        "of": "của",
        "date": "ngày",
        "nodate": "chưa rõ ngày ban hành",
        "check_note": "Văn bản có dấu * được dẫn theo bản tin, bài viết công khai: hỏi cấp ủy cấp trên trực tiếp để có bản gốc.",
        "expected": "sắp thay đổi",
        "expected_long": "Sắp thay đổi",
        "expected_page": "van-ban/thay-doi-sap-toi.md",
        # The sources page (<!-- sotay:sources -->)
        "in_force_docs": "Văn bản đang có hiệu lực",
        "pilot_docs": "Văn bản thí điểm",
        "superseded_docs": "Văn bản đã được thay thế (chỉ để tham khảo lịch sử)",
        "reference_docs": "Bài viết, tài liệu tham khảo",
        "title": "Tên",
        "issued": "Ngày ban hành",
        "unknown": "chưa rõ",
        "issuer": "Cơ quan ban hành",
        "status": "Trạng thái",
        "superseded_by": "Được thay thế bởi",
        "checked": "Đối chiếu",
        "seen": "Đã thấy trong nguồn công khai",
        "not_checked": "**Chưa đối chiếu văn bản gốc**: dẫn theo bản tin, bài viết công khai",
        "note": "Ghi chú",
        # The glossaries (<!-- sotay:glossary -->, <!-- sotay:terms -->)
        "abbr_head": "| Viết tắt | Nghĩa |\n|---|---|\n",
        "terms_head": "| Tiếng Việt | Tiếng Anh | Ghi chú |\n|---|---|---|\n",
        "terms_not": "Không dùng",
        "task": "Việc cần làm",
    },
    "en": {
        "basis": "Basis",
        "reference": "Further reading",
        "reviewed": "Last reviewed",
        "next": "next review by",
        "unverified": "not yet checked against the original text",
        "pilot": "pilot",
        "superseded": "superseded by",
        "history": "Earlier documents (history only, no longer a basis)",
        "overdue": "This page is past its review date ({due}). Check it against the documents in force or ask the upper-level committee before relying on it.",
        "of": "by",
        "date": "of",
        "nodate": "date not confirmed",
        "check_note": "Documents marked * are cited from public news reports or articles: ask the upper-level committee for the original.",
        "expected": "change expected",
        "expected_long": "Change expected",
        "expected_page": "van-ban/thay-doi-sap-toi.md",
        "in_force_docs": "Documents in force",
        "pilot_docs": "Pilot documents",
        "superseded_docs": "Superseded documents (history only)",
        "reference_docs": "Articles and other references",
        "title": "Title",
        "issued": "Date",
        "unknown": "not confirmed",
        "issuer": "Issued by",
        "status": "Status",
        "superseded_by": "Superseded by",
        "checked": "Checked",
        "seen": "Seen in a public source",
        "not_checked": "**Not yet checked against the original**: cited from public reports",
        "note": "Note",
        "abbr_head": "| Abbreviation | Meaning | Vietnamese |\n|---|---|---|\n",
        "terms_head": "| Vietnamese | English | Notes |\n|---|---|---|\n",
        "terms_not": "Not",
        "task": "Task",
    },
}


def fmt_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def link(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative Markdown link from one docs/ file to another (language-neutral names)."""
    start = posixpath.dirname(base_name(from_src))
    target = posixpath.relpath(to_src, start or ".")
    return target + (f"#{anchor}" if anchor else "")


VI_LETTERS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def vi_text(text: str) -> str:
    """Vietnamese shown on an English page: marked, so a screen reader reads it as Vietnamese."""
    return f'<span lang="vi">{text}</span>' if VI_LETTERS.search(text) else text


def in_english(vi: str, lang: str) -> str:
    """A name from the registry (kind, issuer, unnumbered document) in the page's language:
    its English from data/terms-en.yml, or the Vietnamese marked lang="vi"."""
    if lang != "en":
        return vi
    en = model.cached_terms().english(vi)
    return en if en else vi_text(vi)


def source_symbol(s: Source, lang: str) -> str:
    """'42-HD/BTCTW'; a document without a number by its name ('Party Charter')."""
    return s.symbol if re.search(r"\d", s.symbol) else in_english(s.symbol, lang)


def source_label(s: Source, lang: str) -> str:
    """'Hướng dẫn 42-HD/BTCTW' / 'Guidance 42-HD/BTCTW' — how pages name a document."""
    if lang != "en":
        return s.label()
    if not re.search(r"\d", s.symbol):
        return in_english(s.symbol, lang)
    return f"{in_english(s.kind, lang)} {s.symbol}"


def source_title(s: Source, lang: str) -> str:
    if lang != "en":
        return s.title
    return s.title_en or vi_text(s.title)


def source_line(s: Source, from_src: str, lang: str, registry: Registry) -> str:
    """One document as the "Căn cứ" box lists it, in the words a person would write:
    "Hướng dẫn 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương: *…*", or for an
    article "Bài viết đăng trên báo: *Bắc Giang nâng cao chất lượng sinh hoạt chi bộ*"."""
    t = L[lang]
    title = source_title(s, lang)
    target = link(from_src, 'van-ban/index.md', s.anchor)
    if s.is_reference:
        label = (f"{s.kind} {s.issuer}" if lang == "vi" else "Article") if s.issuer else source_label(s, lang)
        when = f", {s.date_vi()}" if s.date else ""
        return f"[{label}]({target}){when}: *{title}*"
    when = f"{t['date']} {s.date_vi()}" if s.date else t["nodate"]
    text = f"[{source_label(s, lang)}]({target}) {when} {t['of']} {in_english(s.issuer, lang)}: *{title}*"
    marks = []
    if s.status == "pilot":
        marks.append(t["pilot"])
    if s.status == "superseded":
        new = registry.get(s.superseded_by)
        marks.append(f"{t['superseded']} {source_label(new, lang) if new else '?'}")
    if not s.verified:
        marks.append(t["unverified"])
    if marks:
        text += " — **" + "; ".join(marks) + "**"
    return text


def expected_change_line(s: Source, from_src: str, lang: str) -> str:
    """'Sắp thay đổi: …' under a document that is announced or reported to change."""
    c = s.expected_change
    if not c:
        return ""
    t = L[lang]
    note = c.get("note_en") if lang == "en" and c.get("note_en") else c.get("note", "")
    target = link(from_src, t["expected_page"], s.anchor)
    return f"**[{t['expected_long']}]({target}):** {note}"


def _split(page: Page, registry: Registry, key: str = "sources") -> tuple[list[Source], list[Source]]:
    """(documents that are a basis, references) named in the page's ``key``."""
    found = [registry.get(i) for i in page.meta.get(key) or [] if isinstance(i, str) and registry.get(i)]
    return [s for s in found if not s.is_reference], [s for s in found if s.is_reference]


def basis_block(page: Page, registry: Registry, lang: str, today: dt.date | None = None) -> str:
    """The 'Căn cứ' box and review date appended to every content page.

    Documents are listed under "Căn cứ"; articles and other references (registry
    status ``reference``) under "Tham khảo" — never as a basis."""
    t = L[lang]
    basis, refs = _split(page, registry)
    hist = [registry.get(i) for i in page.meta.get("history") or [] if registry.get(i)]
    reviewed = page.meta.get("reviewed")
    if not basis and not refs and not hist and page.type not in NORMATIVE_TYPES:
        if isinstance(reviewed, dt.date):
            return f'\n\n<p class="sotay-reviewed">{t["reviewed"]}: {fmt_date(reviewed)}</p>\n'
        return ""
    title = t["basis"] if basis or hist or page.type in NORMATIVE_TYPES else t["reference"]
    lines = ["", "", f'!!! basis "{title}"', ""]
    for s in basis:
        lines.append("    - " + source_line(s, page.src, lang, registry))
        change = expected_change_line(s, page.src, lang)
        if change:
            lines += ["", "        " + change, ""]  # a paragraph of the list item (4 spaces past the "- ")
    if hist:
        lines += ["", f"    {t['history']}:", ""]
        for s in hist:
            lines.append("    - " + source_line(s, page.src, lang, registry))
    if refs:
        if basis or hist:
            lines += ["", f"    {t['reference']}:", ""]
        for s in refs:
            lines.append("    - " + source_line(s, page.src, lang, registry))
    if any(not s.verified for s in basis):
        lines += ["", f"    {t['check_note']}"]
    if isinstance(reviewed, dt.date):
        due = review_due(page)
        lines += ["", f"    {t['reviewed']}: **{fmt_date(reviewed)}**" + (f" · {t['next']} {fmt_date(due)}" if due else "")]
    out = "\n".join(lines) + "\n"
    due = review_due(page)
    if due and due < (today or dt.date.today()):
        out = f'\n\n!!! warning ""\n\n    {t["overdue"].format(due=fmt_date(due))}\n' + out
    return out


def basis_line(page: Page, registry: Registry, lang: str) -> str:
    """A one-line 'Căn cứ: … · Tham khảo: …' under the title, so the basis is on the first screen."""
    basis, refs = _split(page, registry)
    if not basis and not refs:
        return ""
    t = L[lang]
    parts = []
    for s in basis:
        mark = "*" if not s.verified else ""
        item = f"[{source_symbol(s, lang)}{mark}]({link(page.src, 'van-ban/index.md', s.anchor)})"
        if s.expected_change:
            item += f" ([{t['expected']}]({link(page.src, t['expected_page'], s.anchor)}))"
        parts.append(item)
    groups = []
    if parts:
        groups.append(f'{t["basis"]}: {", ".join(parts)}')
    if refs:
        groups.append(f'{t["reference"]}: ' + ", ".join(f"[{source_label(s, lang)}]({link(page.src, 'van-ban/index.md', s.anchor)})"
                                                        for s in refs))
    reviewed = page.meta.get("reviewed")
    tail = f" · {t['reviewed']} {fmt_date(reviewed)}" if isinstance(reviewed, dt.date) else ""
    return f'{" · ".join(groups)}{tail}\n{{: .sotay-basis-line }}\n\n'


# --------------------------------------------------------------------------
# Generated lists: <!-- sotay:KIND key=value -->
# --------------------------------------------------------------------------

MARKER = re.compile(r"^<!--\s*sotay:([a-z-]+)((?:\s+[a-z_]+=[\w-]+)*)\s*-->\s*$", re.M)


def _args(s: str) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in s.split())


def page_list(page: Page, pages: list[Page], section: str, lang: str, group: str | None = None,
              ptype: str | None = None) -> str:
    items = section_pages(pages, section)
    by_base = {p.base: p for p in pages if p.lang == lang}
    out = []
    for p in items:
        if group and p.meta.get("group") != group:
            continue
        if ptype and p.type != ptype:
            continue
        shown = by_base.get(p.base, p)  # the translation if there is one
        title, desc = shown.meta.get("title", p.src), shown.meta.get("description", "")
        if shown.lang != lang:  # no translation yet: the Vietnamese, marked for screen readers
            item = f'- [{title}]({link(page.src, p.base)}){{: lang="{shown.lang}" }} — <span lang="{shown.lang}">{desc}</span>'
        else:
            item = f"- [{title}]({link(page.src, p.base)}) — {desc}"
        tags = [t for t in shown.meta.get("tags") or [] if isinstance(t, str)]
        if tags:  # read by the filter on the Q&A index (qa-filter.js); not shown
            item += f' <span class="sotay-tags" hidden>{", ".join(tags)}</span>'
        out.append(item)
    return "\n".join(out) + "\n"


def sources_table(page: Page, registry: Registry, lang: str) -> str:
    """The 'Văn bản căn cứ' page body, one heading per document."""
    from .model import SOURCE_STATUSES

    en = lang == "en"
    t = L[lang]
    groups = [("in_force", t["in_force_docs"]), ("pilot", t["pilot_docs"]), ("superseded", t["superseded_docs"]),
              ("reference", t["reference_docs"])]
    out = []
    for status, heading in groups:
        items = [s for s in registry.sources.values() if s.status == status]
        if not items:
            continue
        items.sort(key=lambda s: (s.date or dt.date(1900, 1, 1)), reverse=True)
        out.append(f"## {heading}\n")
        for s in items:
            out.append(f"### {source_label(s, lang)} {{ #{s.anchor} }}\n")
            rows = _reference_rows(s, lang) if s.is_reference else _document_rows(s, registry, lang)
            note = (s.note_en or vi_text(s.note)) if en else s.note
            if note:
                rows.append((t["note"], note))
            out.append("| | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n")
    return "\n".join(out)


def expected_changes(page: Page, pages: list[Page], registry: Registry, lang: str) -> str:
    """The list on van-ban/thay-doi-sap-toi.md: each document with an ``expected_change``,
    what is expected, where it was seen, and the pages that cite it."""
    en = lang == "en"
    items = [s for s in registry.sources.values() if s.expected_change]
    items.sort(key=lambda s: s.expected_change.get("date") or dt.date(1900, 1, 1), reverse=True)
    if not items:
        return ("Hiện không có văn bản nào được ghi là sắp thay đổi.\n" if not en
                else "No document is currently marked as about to change.\n")
    out = []
    for s in items:
        c = s.expected_change
        note = c.get("note_en") if en and c.get("note_en") else _vi(c["note"], en)
        detail = c.get("detail_en") if en and c.get("detail_en") else _vi(c.get("detail") or "", en)
        when = f" ({fmt_date(c['date'])})" if isinstance(c.get("date"), dt.date) else ""
        citing = sorted({p.base for p in pages if s.id in (p.meta.get("sources") or []) and p.lang == DEFAULT_LANG},
                        key=str)
        out.append(f"### {source_label(s, lang)} {{ #{s.anchor} }}\n")
        out.append(f"{note}\n")
        if detail:
            out.append(f"{detail}\n")
        out.append(("Nguồn thông tin" if not en else "Reported in") + f": {_vi(c['seen_in'], en)}{when}. "
                   + ("Văn bản hiện hành" if not en else "Document now cited")
                   + f": [{source_label(s, lang)}]({link(page.src, 'van-ban/index.md', s.anchor)}).\n")
        if citing:
            label = "Các trang đang dẫn văn bản này" if not en else "Pages citing it"
            out.append(f"{label} ({len(citing)}): " + ", ".join(
                _titled_link(pages, b, lang, page.src) for b in citing) + ".\n")
    return "\n".join(out)


def _vi(text: str, en: bool) -> str:
    """Registry text written only in Vietnamese, shown on an English page: marked lang="vi"."""
    return vi_text(text) if en and text else text


def _titled_link(pages: list[Page], base: str, lang: str, from_src: str) -> str:
    """A link to a page by its title in ``lang``, or its Vietnamese title marked lang="vi"."""
    shown = next((p for p in pages if p.base == base and p.lang == lang), None)
    if shown is not None:
        return f"[{shown.meta.get('title', base)}]({link(from_src, base)})"
    return f'[{_title_of(pages, base, lang)}]({link(from_src, base)}){{: lang="vi" }}'


def _title_of(pages: list[Page], base: str, lang: str) -> str:
    for p in pages:
        if p.base == base and p.lang == lang:
            return str(p.meta.get("title", base))
    for p in pages:
        if p.src == base:
            return str(p.meta.get("title", base))
    return base


def _document_rows(s: Source, registry: Registry, lang: str) -> list[tuple[str, str]]:
    from .model import SOURCE_STATUSES

    en = lang == "en"
    t = L[lang]
    seen = (f" ({vi_text(s.seen_in) if en else s.seen_in})" if s.seen_in else "")
    rows = [
        (t["title"], source_title(s, lang)),
        (t["issued"], s.date_vi() if s.date else t["unknown"]),
        (t["issuer"], in_english(s.issuer, lang)),
        (t["status"], SOURCE_STATUSES[s.status] if not en else s.status.replace("_", " ")),
    ]
    if s.superseded_by and registry.get(s.superseded_by):
        new = registry.get(s.superseded_by)
        rows.append((t["superseded_by"], f"[{source_label(new, lang)}](#{new.anchor})"))
    rows.append((t["checked"], t["seen"] + seen if s.verified else t["not_checked"] + seen))
    c = s.expected_change
    if c:
        note = c.get("note_en") if en and c.get("note_en") else _vi(c["note"], en)
        when = f", {fmt_date(c['date'])}" if isinstance(c.get("date"), dt.date) else ""
        rows.append((t["expected_long"], f"{note} ({_vi(c['seen_in'], en)}{when})"))
    return rows


def _reference_rows(s: Source, lang: str) -> list[tuple[str, str]]:
    en = lang == "en"
    rows = [("Tên bài" if not en else "Title", source_title(s, lang))]
    if s.date:
        rows.append(("Ngày đăng" if not en else "Published", s.date_vi()))
    if s.issuer:
        rows.append(("Nguồn" if not en else "Source", f"{s.kind} {s.issuer}" if not en else vi_text(s.issuer)))
    rows.append(("Loại" if not en else "Kind", "Bài viết tham khảo, không phải văn bản quy định: dùng làm ví dụ thực tiễn"
                 if not en else "Article for reference, not a rule: used for examples from practice"))
    return rows


def glossary_table(glossary: dict, lang: str) -> str:
    """The abbreviations; on English pages the English meaning first, the Vietnamese marked lang="vi"."""
    rows = []
    for a in sorted(glossary.values(), key=lambda a: a.abbr):
        if lang != "en":
            rows.append(f"| {a.abbr} | {a.expansion} |")
            continue
        vi, sep, english = a.expansion.partition(" — ")
        rows.append(f"| {a.abbr} | {english if sep else ''} | {vi_text(vi)} |")
    return L[lang]["abbr_head"] + "\n".join(rows) + "\n"


def terms_table(lang: str) -> str:
    """The English renderings of the handbook's terms (data/terms-en.yml), for both languages."""
    from .text import fold

    t = L[lang]
    other = "en" if lang != "en" else "vi"

    def mark(text: str) -> str:
        return f'<span lang="{other}">{text}</span>' if text else ""

    rows = []
    for term in sorted(model.cached_terms().terms, key=lambda x: fold(x.vi).lower()):
        vi = f"*{term.vi}*" + (" (" + ", ".join(f"*{v}*" for v in term.vi_also) + ")" if term.vi_also else "")
        english = f"**{term.en}**" + (" (" + ", ".join(term.also) + ")" if term.also else "")
        wrong = ", ".join(w.replace("{symbol}", "…") for w in term.wrong)
        # The English note; the renderings the handbook does not use, struck through.
        notes = [mark(term.note) if lang != "en" else term.note] if term.note else []
        if wrong:
            struck = f"<del>{wrong}</del>"
            notes.append(f"{t['terms_not']}: " + (mark(struck) if lang != "en" else struck))
        vi, english = (vi, mark(english)) if lang != "en" else (mark(vi), english)
        rows.append(f"| {vi} | {english} | {'<br>'.join(notes)} |")
    return t["terms_head"] + "\n".join(rows) + "\n"


def expand_markers(markdown: str, page: Page, pages: list[Page], registry: Registry, glossary: dict, lang: str) -> str:
    def sub(m: re.Match) -> str:
        kind, args = m.group(1), _args(m.group(2))
        if kind == "list":
            return page_list(page, pages, args["section"], lang, args.get("group"), args.get("type"))
        if kind == "sources":
            return sources_table(page, registry, lang)
        if kind == "glossary":
            return glossary_table(glossary, lang)
        if kind == "expected-changes":
            return expected_changes(page, pages, registry, lang)
        if kind == "terms":
            return terms_table(lang)
        if kind == "offline-zip":  # the download paragraph of the offline copy (sotay.offline)
            from .offline import marker_html

            return marker_html(lang, page.src)
        if kind == "print-handbook":  # the home page's print view and PDF links, with the PDF's size (sotay.home)
            from .home import marker_html as print_links

            return print_links(lang)
        if kind == "tool":  # the tools of docs/cong-cu/ (sotay.tools), from data/*-rules.yml
            from .tools import tool_markdown

            return tool_markdown(args.get("name", ""), page, pages, registry, lang)
        if kind == "qa-groups":
            groups = QA_GROUPS_EN if lang == "en" else QA_GROUPS
            out = []
            out.append('<div class="sotay-qa-filter" data-lang="%s" hidden></div>\n' % lang)
            for gid, title in groups.items():
                out.append(f"### {title} {{ #{gid} }}\n\n" + page_list(page, pages, "hoi-dap", lang, group=gid, ptype="qa"))
            return "\n".join(out)
        return m.group(0)

    return MARKER.sub(sub, markdown)


def audience_labels(page: Page) -> list[str]:
    return [AUDIENCES[a] for a in page.meta.get("audience") or [] if a in AUDIENCES]


def placeholders_to_html(markdown: str, labels: dict[str, str], docx_labels: dict[str, str] | None = None,
                         lang: str | None = None) -> str:
    """{{ten_chi_bo}} -> an inline field the fill-in script and print CSS understand.

    On a translated page, ``lang`` is its language and ``docx_labels`` the labels of the
    Vietnamese page: the field shows its label in ``lang`` (marked so: on a form it sits in
    the Vietnamese document) and keeps the Vietnamese one in ``data-docx-label``, the
    "[Label]" the Word file holds (the Word file is made from the Vietnamese page only)."""

    def sub(m: re.Match) -> str:
        name = m.group(1)
        label = labels.get(name, name)
        if lang is None:
            return f'<span class="ph" data-ph="{name}" title="{label}">[{label}]</span>'
        vi = (docx_labels or {}).get(name, label)
        return f'<span class="ph" data-ph="{name}" title="{label}" lang="{lang}" data-docx-label="{vi}">[{label}]</span>'

    return PLACEHOLDER.sub(sub, markdown)
