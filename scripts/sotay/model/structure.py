"""What the handbook makes of its pages: the sources a page names, review dates, the navigation, each type's required sections, translation hashes."""
from __future__ import annotations

import datetime as dt
import re
from .core import (
    _NAV,
    DEFAULT_LANG, NORMATIVE_TYPES, Problem, QA_GROUPS, SECTION_ORDER, SECTION_TITLES,
)
from .pages import Page, _similar
from .registry import Registry


# --------------------------------------------------------------------------
# Sources on a page
# --------------------------------------------------------------------------

# Document symbols as they appear in text: 42-HD/BTCTW, 294-QĐ/TW, 36-HD/VPTW, 03-HD/TW
SYMBOL = re.compile(r"(?<![\w/-])(\d{1,5}-[A-ZĐ]{1,6}(?:/[A-ZĐ]{1,8})+)(?![\w/])")


def source_problems(page: Page, registry: Registry) -> list[Problem]:
    """Sources named in front matter and document symbols mentioned in the text."""
    out: list[Problem] = []
    where = page.where
    for key in ("sources", "history"):
        ids = page.meta.get(key) or []
        if not isinstance(ids, list):
            continue
        for sid in ids:
            s = registry.get(sid)
            line = page.line_of(key)
            if s is None:
                close = [k for k in registry.sources if _similar(k, str(sid))]
                out.append(Problem(where, line, f"mã văn bản '{sid}' không có trong sổ văn bản",
                                   f"có phải '{close[0]}'?" if close else "thêm văn bản vào data/sources.yml hoặc sửa mã",
                                   check="sources"))
            elif key == "sources" and s.status == "superseded":
                new = registry.get(s.superseded_by)
                out.append(Problem(where, line, f"'{sid}' ({s.symbol}) đã được thay thế nhưng được nêu làm căn cứ hiện hành",
                                   f"dẫn {new.symbol} ({new.id}) thay thế; nếu cần nhắc văn bản cũ, chuyển '{sid}' sang 'history:'"
                                   if new else f"chuyển '{sid}' sang 'history:'", check="sources"))
            elif key == "history" and s.is_reference:
                out.append(Problem(where, line, f"'{sid}' là bài viết tham khảo, không phải văn bản đã được thay thế",
                                   f"chuyển '{sid}' sang 'sources:'; trang sẽ ghi nó dưới mục 'Tham khảo'", check="sources"))
            elif key == "sources" and not s.verified:
                out.append(Problem(where, line, f"'{sid}' ({s.symbol}) chưa được đối chiếu với văn bản gốc",
                                   "trang sẽ tự ghi 'chưa đối chiếu văn bản gốc' cạnh văn bản này; ghi vào data/sources-notes.yml điều đã thấy khi đối chiếu được",
                                   severity="warning", check="sources"))
    if page.type in NORMATIVE_TYPES:
        ids = page.meta.get("sources") or []
        if ids and isinstance(ids, list) and not any((registry.get(i) and registry.get(i).status in ("in_force", "pilot")) for i in ids):
            out.append(Problem(where, page.line_of("sources"), "không có văn bản nào đang có hiệu lực trong 'sources'",
                               "nêu ít nhất một văn bản đang có hiệu lực (xem trang Văn bản căn cứ)", check="sources"))
    by_symbol = registry.by_symbol()
    history = set(page.meta.get("history") or []) | set(page.meta.get("sources") or [])
    in_code = False
    for n, line in page.body_lines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        for m in SYMBOL.finditer(line):
            sym = m.group(1).upper()
            s = by_symbol.get(sym)
            if s is None:
                out.append(Problem(where, n, f"văn bản '{m.group(1)}' được nhắc nhưng không có trong sổ văn bản",
                                   "thêm vào data/sources.yml (số, ngày, cơ quan, trạng thái, đã đối chiếu chưa) hoặc sửa số hiệu",
                                   check="sources"))
            elif s.status == "superseded" and s.id not in history:
                out.append(Problem(where, n, f"'{m.group(1)}' đã được thay thế nhưng trang không ghi là văn bản cũ",
                                   f"thêm '{s.id}' vào 'history:' của trang và nói rõ văn bản hiện hành", check="sources"))
    return out


# --------------------------------------------------------------------------
# Review dates (as GOV.UK does)
# --------------------------------------------------------------------------


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    import calendar

    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def review_due(page: Page) -> dt.date | None:
    r, n = page.meta.get("reviewed"), page.meta.get("review_in")
    if isinstance(r, dt.date) and not isinstance(r, dt.datetime) and isinstance(n, int) and not isinstance(n, bool):
        return add_months(r, n)
    return None


# --------------------------------------------------------------------------
# Navigation
# --------------------------------------------------------------------------


def section_pages(pages: list[Page], section: str, lang: str = DEFAULT_LANG) -> list[Page]:
    """Pages of a section in nav order (order, then title), default language only."""
    items = [p for p in pages if p.section == section and p.lang == lang and not p.src.endswith("index.md")]
    return sorted(items, key=lambda p: (p.meta.get("order", 999) if isinstance(p.meta.get("order"), int) else 999,
                                        str(p.meta.get("title", ""))))


def build_nav(pages: list[Page]) -> list:
    """The MkDocs nav, from the content: sections in SECTION_ORDER, pages by 'order'.

    Q&A pages are grouped by their 'group'. Titles come from the pages (so each
    language gets its own); section titles are translated by the i18n plugin.
    """
    nav: list = ["index.md"]
    have = {p.src for p in pages}
    for section in SECTION_ORDER:
        if f"{section}/index.md" not in have:
            continue
        title = SECTION_TITLES[section][0]
        items: list = [f"{section}/index.md"]
        members = section_pages(pages, section)
        if section == "hoi-dap":
            for gid, gtitle in QA_GROUPS.items():
                group_index = f"hoi-dap/{gid}.md"
                qs = [p.src for p in members if p.type == "qa" and p.meta.get("group") == gid]
                if group_index in have:
                    items.append({gtitle: [group_index] + qs})
                elif qs:
                    items.append({gtitle: qs})
            others = [p.src for p in members if p.type != "qa" and p.src.split("/")[-1][:-3] not in QA_GROUPS]
            items.extend(others)
        elif section == "mau":
            kits = [p.src for p in members if p.type == "template"]
            forms = [p.src for p in members if p.type == "form"]
            rest = [p.src for p in members if p.type not in ("template", "form")]
            if forms:
                items.append({_NAV["vi"]["forms"]: forms})
            if kits:
                items.append({_NAV["vi"]["kits"]: kits})
            items.extend(rest)
        else:
            items.extend(p.src for p in members)
        nav.append({title: items})
    return nav


# Vietnamese navigation label -> English (mkdocs-static-i18n's nav_translations).
NAV_TRANSLATIONS_EN = {
    _NAV["vi"][k]: _NAV["en"][k] for k in ("home", "forms", "kits")
} | {_NAV["vi"][part][k]: _NAV["en"][part][k] for part in ("sections", "qa_groups") for k in _NAV["vi"][part]}


# --------------------------------------------------------------------------
# Required structure of each page type (checked by `sotay check templates`)
# --------------------------------------------------------------------------

# Level-2 headings ("## …") a page of the type must have, in this order.
REQUIRED_SECTIONS: dict[str, list[str]] = {
    "guide": ["Xem thêm"],
    "qa": ["Giải thích", "Cần làm", "Xem thêm"],
    "template": ["Mục đích, yêu cầu", "Chuẩn bị", "Chương trình", "Đề cương bài trình bày",
                 "Gợi ý thảo luận", "Dự thảo kết luận", "Biên bản"],
    "lesson": ["Nội dung", "Bài tập", "Đóng vai", "Tự kiểm tra"],
    "tool": ["Xem thêm"],
}
# The first block of a guide: a short "what to do" box readable on the first screen.
GUIDE_OPENING = '!!! abstract "Việc cần làm"'
# The first paragraph of an answer: the one-sentence answer.
QA_OPENING = "**Trả lời:**"
# The timed programme of a topic-session kit is the table under "## Chương trình";
# its column "Phút" must add up to the front matter `duration`. The English kit
# (chuyen-de-….en.md) has the same table under "## Programme", column "Minutes".
PROGRAMME_SECTION = "Chương trình"
PROGRAMME_MINUTES_COLUMN = "Phút"
PROGRAMME_SECTION_EN = "Programme"
PROGRAMME_MINUTES_COLUMN_EN = "Minutes"


def headings(page: Page, level: int = 2) -> list[tuple[int, str]]:
    """(line, text) of the headings of one level, outside code blocks; attribute lists dropped."""
    out, in_code = [], False
    prefix = "#" * level + " "
    for n, line in page.body_lines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if not in_code and line.startswith(prefix):
            out.append((n, re.sub(r"\s*\{[^}]*\}\s*$", "", line[len(prefix):]).strip()))
    return out


def section_text(page: Page, title: str, level: int = 2) -> list[tuple[int, str]]:
    """Lines (with numbers) under the heading ``title`` until the next heading of that level or higher."""
    out, inside = [], False
    for n, line in page.body_lines():
        m = re.match(r"^(#{1,6}) (.*)$", line)
        if m and len(m.group(1)) <= level:
            inside = re.sub(r"\s*\{[^}]*\}\s*$", "", m.group(2)).strip() == title
            continue
        if inside:
            out.append((n, line))
    return out


# --------------------------------------------------------------------------
# Translations: which version of the Vietnamese page an English page translates
# --------------------------------------------------------------------------

TRANSLATION_HASH_LEN = 10
TRANSLATION_HASH = re.compile(r"^[0-9a-f]{%d}$" % TRANSLATION_HASH_LEN)
# What a translation renders: the title, the description and the body. Review dates,
# order, tags and sources are front matter a translation copies, not text it translates.
TRANSLATED_KEYS = ("title", "description")


def translated_text(page: Page) -> str:
    """The text of a page a translation renders, normalised: NFC, Unix line ends, no
    trailing spaces, one blank line at most. Whitespace-only edits do not change it."""
    import unicodedata

    head = [f"{k}: {page.meta.get(k, '')}" for k in TRANSLATED_KEYS]
    text = unicodedata.normalize("NFC", "\n".join(head) + "\n\n" + page.body)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def translation_hash(page: Page) -> str:
    """The short hash an English page records in ``translation_of``."""
    import hashlib

    return hashlib.sha256(translated_text(page).encode("utf-8")).hexdigest()[:TRANSLATION_HASH_LEN]
