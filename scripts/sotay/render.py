"""Markdown the site generates from the content model.

Pure functions from (page, registry, pages) to Markdown text, so the MkDocs
hooks, the print views and the tests produce the same thing.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re

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
    },
}


def fmt_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def link(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative Markdown link from one docs/ file to another (language-neutral names)."""
    start = posixpath.dirname(base_name(from_src))
    target = posixpath.relpath(to_src, start or ".")
    return target + (f"#{anchor}" if anchor else "")


def source_line(s: Source, from_src: str, lang: str, registry: Registry) -> str:
    t = L[lang]
    title = s.title_en if lang == "en" and s.title_en else s.title
    when = f"{t['date']} {s.date_vi()}" if s.date else t["nodate"]
    text = f"[{s.label()}]({link(from_src, 'van-ban/index.md', s.anchor)}) {when} {t['of']} {s.issuer}: *{title}*"
    marks = []
    if s.status == "pilot":
        marks.append(t["pilot"])
    if s.status == "superseded":
        new = registry.get(s.superseded_by)
        marks.append(f"{t['superseded']} {new.label() if new else '?'}")
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
        parts.append(f"[{s.symbol}{mark}]({link(page.src, 'van-ban/index.md', s.anchor)})")
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
        item = f"- [{shown.meta.get('title', p.src)}]({link(page.src, p.base)}) — {shown.meta.get('description', '')}"
        tags = [t for t in p.meta.get("tags") or [] if isinstance(t, str)]
        if tags:  # read by the filter on the Q&A index (qa-filter.js); not shown
            item += f' <span class="sotay-tags" hidden>{", ".join(tags)}</span>'
        out.append(item)
    return "\n".join(out) + "\n"


def sources_table(page: Page, registry: Registry, lang: str) -> str:
    """The 'Văn bản căn cứ' page body, one heading per document."""
    from .model import SOURCE_STATUSES

    en = lang == "en"
    groups = [("in_force", "Văn bản đang có hiệu lực" if not en else "Documents in force"),
              ("pilot", "Văn bản thí điểm" if not en else "Pilot documents"),
              ("superseded", "Văn bản đã được thay thế (chỉ để tham khảo lịch sử)" if not en else "Superseded documents (history only)"),
              ("reference", "Bài viết, tài liệu tham khảo" if not en else "Articles and other references")]
    out = []
    for status, heading in groups:
        items = [s for s in registry.sources.values() if s.status == status]
        if not items:
            continue
        items.sort(key=lambda s: (s.date or dt.date(1900, 1, 1)), reverse=True)
        out.append(f"## {heading}\n")
        for s in items:
            title = s.title_en if en and s.title_en else s.title
            out.append(f"### {s.label()} {{ #{s.anchor} }}\n")
            rows = [
                ("Tên" if not en else "Title", title),
                ("Ngày ban hành" if not en else "Date", s.date_vi() if s.date else ("chưa rõ" if not en else "not confirmed")),
                ("Cơ quan ban hành" if not en else "Issued by", s.issuer),
                ("Trạng thái" if not en else "Status", SOURCE_STATUSES[s.status] if not en else s.status.replace("_", " ")),
            ]
            if s.superseded_by and registry.get(s.superseded_by):
                new = registry.get(s.superseded_by)
                rows.append(("Được thay thế bởi" if not en else "Superseded by", f"[{new.label()}](#{new.anchor})"))
            rows.append(("Đối chiếu" if not en else "Checked",
                         ("Đã thấy trong nguồn công khai" if not en else "Seen in a public source") + (f" ({s.seen_in})" if s.seen_in else "")
                         if s.verified else ("**Chưa đối chiếu văn bản gốc** — cần kiểm tra trước khi dẫn làm căn cứ"
                                             if not en else "**Not yet checked against the original**")))
            note = s.note_en if en and s.note_en else s.note
            if note:
                rows.append(("Ghi chú" if not en else "Note", note))
            out.append("| | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n")
    return "\n".join(out)


def glossary_table(glossary: dict, lang: str) -> str:
    head = "| Viết tắt | Nghĩa |\n|---|---|\n" if lang == "vi" else "| Abbreviation | Meaning |\n|---|---|\n"
    return head + "\n".join(f"| {a.abbr} | {a.expansion} |" for a in sorted(glossary.values(), key=lambda a: a.abbr)) + "\n"


def expand_markers(markdown: str, page: Page, pages: list[Page], registry: Registry, glossary: dict, lang: str) -> str:
    def sub(m: re.Match) -> str:
        kind, args = m.group(1), _args(m.group(2))
        if kind == "list":
            return page_list(page, pages, args["section"], lang, args.get("group"), args.get("type"))
        if kind == "sources":
            return sources_table(page, registry, lang)
        if kind == "glossary":
            return glossary_table(glossary, lang)
        if kind == "offline-zip":  # the download paragraph of the offline copy (sotay.offline)
            from .offline import marker_html

            return marker_html(lang)
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


def placeholders_to_html(markdown: str, labels: dict[str, str]) -> str:
    """{{ten_chi_bo}} -> an inline field the fill-in script and print CSS understand."""

    def sub(m: re.Match) -> str:
        name = m.group(1)
        label = labels.get(name, name)
        return f'<span class="ph" data-ph="{name}" title="{label}">[{label}]</span>'

    return PLACEHOLDER.sub(sub, markdown)
