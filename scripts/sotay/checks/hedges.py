"""Hedges a reader sees: "cần đối chiếu", "chưa đối chiếu", "không chính thức" and their variants.

A handbook that doubts itself on every page loses its readers' trust; one that never
says what it could not verify misleads them. So the number of hedges is counted and
kept small (``LIMIT``), and every one of them is listed with the file and line it comes
from, so an editor can verify the fact instead of hedging it (CONTRIBUTING.md, rule 3).

What is counted is what a reader sees on the Vietnamese pages, not what an editor
typed: each page goes through the build's own Markdown steps
(``sotay.pipeline.page_markdown``), so the count includes

- the title (shown as the page heading) and the body, admonition titles included;
- what the build adds: the "Căn cứ" line and box with their mark for a registry entry
  that is not verified (``render.L['vi']['unverified']``), the generated lists (where
  other pages' descriptions are shown), the "Văn bản căn cứ" table (registry notes),
  the training pages built from the lessons.

and leaves out what no reader sees: HTML comments, link targets, attribute lists,
abbreviation definitions, elements with the ``hidden`` attribute, front matter other
than the title. English pages are not counted (the phrases are Vietnamese; an English
page that only falls back to the Vietnamese text is the same text already counted).

It reads docs/ and the registry rather than site/, so it needs no build and is never
stale; tests/test_site.py checks that the count equals the hedges in the built HTML.

Phrases (``HEDGE``): "cần / chưa / chưa được" + "đối chiếu", "xác minh", "kiểm chứng";
"không / chưa" + "chính thức". Not counted: "đã đối chiếu", "đối chiếu lại" (an
instruction), "tin chưa kiểm chứng" (advice about rumours, not a doubt about the handbook),
and a plain statement that no text was found ("không có quy định riêng …"), which is a
finding, not a doubt about a stated rule.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .. import model

LIMIT = 20

HEDGE = re.compile(
    r"(?<![\w])(?:(?:cần|chưa(?:\s+được)?)\s+(?:đối\s+chiếu|xác\s+minh)"
    r"|(?<!tin\s)(?:cần|chưa(?:\s+được)?)\s+kiểm\s+chứng"
    r"|(?:không|chưa)\s+chính\s+thức)(?![\w])",
    re.I,
)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HIDDEN = re.compile(r"<(span|div|p)\b[^>]*\shidden(?=[\s>=])[^>]*>.*?</\1>", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
_LINK = re.compile(r"(!?)\[((?:\\.|[^\[\]\\]|\[[^\[\]]*\])*)\]\([^()\s]*(?:\([^()]*\))?[^()]*\)")
_ATTR_LIST = re.compile(r"\{:?\s*(?:[#.][\w:.-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
                        r"(?:\s+(?:[#.][\w:.-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*\s*\}")
_ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+[\w -]+?(?:\s+\"([^\"]*)\")?\s*$")
_ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:.*$")


@dataclass(frozen=True)
class Hedge:
    page: str          # docs-relative source of the page the reader is on
    path: str          # file to edit (the page, or data/sources.yml for registry text)
    line: int | None   # line in that file, when the text comes from it
    phrase: str        # the phrase as written
    context: str       # the visible sentence around it
    generated: bool    # added by the build (basis mark, list, table), not typed on the page


def visible_lines(markdown: str) -> list[str]:
    """The text of each Markdown line as a reader sees it (same number of lines)."""
    def blank(m: re.Match) -> str:
        return "\n" * m.group(0).count("\n")

    text = _COMMENT.sub(blank, markdown)
    text = _HIDDEN.sub(blank, text)
    out = []
    for line in text.split("\n"):
        if _ABBR_DEF.match(line):
            out.append("")
            continue
        m = _ADMONITION.match(line)
        if m:
            out.append(m.group(2) or "")
            continue
        line = _LINK.sub(lambda m: "" if m.group(1) else m.group(2), line)
        line = _ATTR_LIST.sub("", line)
        line = _TAG.sub(" ", line)
        line = line.replace("&nbsp;", " ").replace("&amp;", "&")
        out.append(re.sub(r"\s+", " ", line).strip())
    return out


def rendered_markdown(page, content) -> str:
    """The page's Markdown as the build renders it (sotay.pipeline.page_markdown)."""
    from .. import pipeline

    return pipeline.page_markdown(page, content)


def find(pages, registry, glossary, sources_file: str = "data/sources.yml", rel=model.rel) -> list[Hedge]:
    """Every hedge on every Vietnamese page, in page order (``rel``: how paths are shown)."""
    from .. import pipeline

    content = pipeline.Content(docs_dir=model.DOCS, root=model.ROOT, pages=pages, registry=registry, glossary=glossary)
    out: list[Hedge] = []
    for page in pages:
        if page.lang != model.DEFAULT_LANG or not page.meta:
            continue
        where = rel(page.path)
        title = page.meta.get("title")
        if isinstance(title, str):
            for m in HEDGE.finditer(unicodedata.normalize("NFC", title)):
                out.append(Hedge(page.src, where, page.line_of("title"), m.group(0), title, False))
        source: dict[str, list[int]] = {}
        for n, line in zip(range(page.body_line, page.body_line + 10**9), visible_lines(page.body)):
            if line:
                source.setdefault(unicodedata.normalize("NFC", line), []).append(n)
        used: Counter = Counter()
        rendered = rendered_markdown(page, content)
        section = None  # the registry entry whose heading the sources table is under
        for raw, line in zip(rendered.split("\n"), visible_lines(rendered)):
            m = _SECTION.match(raw)
            if m:
                section = registry.get(m.group(1))
            line = unicodedata.normalize("NFC", line)
            hits = list(HEDGE.finditer(line))
            if not hits:
                continue
            numbers = source.get(line)
            if numbers:
                k = min(used[line], len(numbers) - 1)
                used[line] += 1
                for h in hits:
                    out.append(Hedge(page.src, where, numbers[k], h.group(0), line, False))
                continue
            ids = [registry.get(i) for i in _SOURCE_REF.findall(raw)]
            entry = next((s for s in ids if s is not None), None) or section
            for h in hits:
                if entry is not None:
                    out.append(Hedge(page.src, sources_file, entry.line, h.group(0), line, True))
                else:
                    out.append(Hedge(page.src, where, None, h.group(0), line, True))
    return out


_SECTION = re.compile(r"^#{2,4} .*\{ *#([\w-]+) *\}\s*$")
_SOURCE_REF = re.compile(r"van-ban/index\.md#([\w-]+)")


def _snippet(text: str, phrase: str, width: int = 90) -> str:
    i = text.lower().find(phrase.lower())
    start = max(0, i - width // 2)
    s = text[start:start + width]
    return ("…" if start else "") + s + ("…" if start + width < len(text) else "")


def check(ctx) -> list:
    sources_file = ctx.rel(ctx.sources_file)
    hedges = find(ctx.pages, ctx.registry, ctx.glossary, sources_file, ctx.rel)
    out = []
    seen: Counter = Counter()
    for h in hedges:
        msg = f"“{h.phrase}”: {_snippet(h.context, h.phrase)}"
        seen[(h.path, h.line, msg)] += 1
        if seen[(h.path, h.line, msg)] > 1:  # the same phrase twice on one line: keep both in the listing
            msg += f" (lần {seen[(h.path, h.line, msg)]})"
        if h.generated:
            msg += f" (bản dựng thêm vào {h.page}" + (": sửa mục này trong sổ văn bản)" if h.path == sources_file else ")")
        out.append(model.Problem(h.path, h.line, msg, severity="info", check="hedges"))
    pages = Counter(h.page for h in hedges)
    top = ", ".join(f"{p} ({n})" for p, n in pages.most_common(5))
    summary = (f"người đọc thấy {len(hedges)} chỗ rào đón “cần/chưa đối chiếu”, “không chính thức”… "
               f"trên {len(pages)} trang (giới hạn {LIMIT})" + (f"; nhiều nhất: {top}" if top else ""))
    if len(hedges) > LIMIT:
        out.append(model.Problem(ctx.rel(ctx.docs_dir), None, summary,
                                 "đối chiếu từng điều với văn bản công khai và nêu căn cứ (ghi vào data/sources-notes.yml); "
                                 "chỉ giữ một ghi chú ngắn nói rõ điều chưa biết và hỏi ai",
                                 check="hedges"))
    else:
        out.append(model.Problem(ctx.rel(ctx.docs_dir), None, summary, severity="info", check="hedges"))
    return out
