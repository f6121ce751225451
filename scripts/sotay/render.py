"""Markdown the site generates from the content model.

Pure functions from (page, registry, pages) to Markdown text, so the MkDocs
hooks, the print views and the tests produce the same thing.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re

from . import model
from .model import (AUDIENCES, NORMATIVE_TYPES, PLACEHOLDER, QA_GROUPS, QA_GROUPS_EN, Page, Registry, Source,
                    base_name, review_due, section_pages)

L = {
    "vi": {
        "basis": "Căn cứ",
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
        "check_note": "Văn bản đánh dấu “chưa đối chiếu văn bản gốc” được dẫn theo nguồn công khai thứ cấp; cần đối chiếu bản gốc hoặc hỏi cấp ủy cấp trên.",
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
        "not_checked": "**Chưa đối chiếu văn bản gốc** — cần kiểm tra trước khi dẫn làm căn cứ",
        "note": "Ghi chú",
        # The glossaries (<!-- sotay:glossary -->, <!-- sotay:terms -->)
        "abbr_head": "| Viết tắt | Nghĩa |\n|---|---|\n",
        "terms_head": "| Tiếng Việt | Tiếng Anh | Ghi chú |\n|---|---|---|\n",
        "terms_not": "Không dùng",
        "task": "Việc cần làm",
    },
    "en": {
        "basis": "Basis",
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
        "check_note": "Documents marked “not yet checked against the original text” are cited from secondary public sources; check the original or ask the upper-level committee.",
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
        "not_checked": "**Not yet checked against the original text** — check it before relying on it",
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
    t = L[lang]
    title = source_title(s, lang)
    when = f"{t['date']} {s.date_vi()}" if s.date else t["nodate"]
    text = (f"[{source_label(s, lang)}]({link(from_src, 'van-ban/index.md', s.anchor)}) {when} {t['of']} "
            f"{in_english(s.issuer, lang)}: *{title}*")
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


def basis_block(page: Page, registry: Registry, lang: str, today: dt.date | None = None) -> str:
    """The 'Căn cứ' block and review date appended to every content page."""
    t = L[lang]
    ids = [i for i in page.meta.get("sources") or [] if registry.get(i)]
    hist = [i for i in page.meta.get("history") or [] if registry.get(i)]
    reviewed = page.meta.get("reviewed")
    if not ids and not hist and page.type not in NORMATIVE_TYPES:
        if isinstance(reviewed, dt.date):
            return f'\n\n<p class="sotay-reviewed">{t["reviewed"]}: {fmt_date(reviewed)}</p>\n'
        return ""
    lines = ["", "", f'!!! basis "{t["basis"]}"', ""]
    for i in ids:
        lines.append("    - " + source_line(registry.get(i), page.src, lang, registry))
    if hist:
        lines.append("")
        lines.append(f"    {t['history']}:")
        lines.append("")
        for i in hist:
            lines.append("    - " + source_line(registry.get(i), page.src, lang, registry))
    if any(not registry.get(i).verified for i in ids):
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
    """A one-line 'Căn cứ: …' under the title, so the basis is on the first screen."""
    ids = [i for i in page.meta.get("sources") or [] if registry.get(i)]
    if not ids:
        return ""
    t = L[lang]
    parts = []
    for i in ids:
        s = registry.get(i)
        mark = "*" if not s.verified else ""
        parts.append(f"[{source_symbol(s, lang)}{mark}]({link(page.src, 'van-ban/index.md', s.anchor)})")
    reviewed = page.meta.get("reviewed")
    tail = f" · {t['reviewed']} {fmt_date(reviewed)}" if isinstance(reviewed, dt.date) else ""
    return f'{t["basis"]}: {", ".join(parts)}{tail}\n{{: .sotay-basis-line }}\n\n'


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
        tags = [t for t in p.meta.get("tags") or [] if isinstance(t, str)]
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
            rows.append((t["checked"], t["seen"] + seen if s.verified else t["not_checked"]))
            note = (s.note_en or vi_text(s.note)) if en else s.note
            if note:
                rows.append((t["note"], note))
            out.append("| | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n")
    return "\n".join(out)


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
        if kind == "terms":
            return terms_table(lang)
        if kind == "offline-zip":  # the download paragraph of the offline copy (sotay.offline)
            from .offline import marker_html

            return marker_html(lang)
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


def placeholders_to_html(markdown: str, labels: dict[str, str]) -> str:
    """{{ten_chi_bo}} -> an inline field the fill-in script and print CSS understand."""

    def sub(m: re.Match) -> str:
        name = m.group(1)
        label = labels.get(name, name)
        return f'<span class="ph" data-ph="{name}" title="{label}">[{label}]</span>'

    return PLACEHOLDER.sub(sub, markdown)
