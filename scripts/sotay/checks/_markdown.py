"""Markdown scanning shared by the checks: code blocks, code spans, links, headings, anchors.

Line-based and regular-expression based on purpose: the checks must be fast and must
point at the exact line (and column) an editor wrote. Columns are preserved by
*masking* (replacing text by spaces) rather than deleting it.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field


FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
HTML_COMMENT_START = "<!--"
HTML_COMMENT_END = "-->"

# [text](target "title") and ![alt](src); the target may be in <…>.
INLINE_LINK = re.compile(
    r"(!?)\[((?:\\.|[^\[\]\\]|\[(?:\\.|[^\[\]\\])*\])*)\]"
    r"\(\s*(<[^<>\n]*>|(?:\\.|[^\s()\\]|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
# [text][id] and [text][]
REF_LINK = re.compile(r"(!?)\[((?:\\.|[^\[\]\\])+)\]\[((?:\\.|[^\[\]\\])*)\]")
# [id]: target "title"   (not *[ABBR]: and not [^footnote]:)
REF_DEF = re.compile(r"^\s{0,3}\[((?:\\.|[^\[\]\\^])(?:\\.|[^\[\]\\])*)\]:\s*(<[^>]*>|\S+)(?:\s+.*)?$")
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto|tel):[^<>\s]+)>", re.I)
BARE_URL = re.compile(r"(?<![\w/<(\"'=])((?:https?|ftp)://[^\s<>\"'\]\[)(]+)", re.I)
HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
HTML_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))")
ATTR_LIST = re.compile(r"\{:?[ \t]*((?:[#.][\w:.-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
                       r"(?:[ \t]+(?:[#.][\w:.-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*)[ \t]*\}")
PLACEHOLDER_ANY = re.compile(r"\{\{[^{}\n]*\}\}")
ABBR_DEF = re.compile(r"^\*\[([^\]]+)\]:")
HEADING = re.compile(r"^(\s{0,3}|(?:    )+)(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
EMOJI = re.compile(r":[a-z0-9_+-]+(?:-[a-z0-9_+]+)*:")


@dataclass
class Scan:
    """A page body, line by line. ``text`` is the line with code spans and HTML comments
    blanked; lines inside fenced code blocks are empty in ``text``."""

    nums: list = field(default_factory=list)
    raw: list = field(default_factory=list)
    text: list = field(default_factory=list)
    code: list = field(default_factory=list)
    unclosed_fence: int | None = None
    unclosed_comment: int | None = None

    def __iter__(self):
        return iter(zip(self.nums, self.raw, self.text, self.code))

    def prose(self):
        """(line number, line) of running text: link targets, URLs, HTML tags, attribute
        lists, placeholders and abbreviation definitions blanked as well."""
        for n, raw, text, code in self:
            if code or not text.strip():
                continue
            yield n, mask_prose(text)


def blank(s: str, start: int, end: int) -> str:
    return s[:start] + " " * (end - start) + s[end:]


def mask_code_spans(line: str) -> str:
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line


def scan(page) -> Scan:
    out = Scan()
    fence: tuple[str, int] | None = None
    fence_line = 0
    in_comment = False
    comment_line = 0
    for n, line in page.body_lines():
        out.nums.append(n)
        out.raw.append(line)
        m = FENCE.match(line)
        if fence is not None:
            out.code.append(True)
            out.text.append("")
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= fence[1] and not line[m.end():].strip():
                fence = None
            continue
        if m and not in_comment:
            fence = (m.group(2)[0], len(m.group(2)))
            fence_line = n
            out.code.append(True)
            out.text.append("")
            continue
        out.code.append(False)
        t = mask_code_spans(line)
        # HTML comments, possibly over several lines.
        pos = 0
        while True:
            if in_comment:
                end = t.find(HTML_COMMENT_END, pos)
                if end < 0:
                    t = blank(t, pos, len(t))
                    break
                t = blank(t, pos, end + 3)
                pos = end + 3
                in_comment = False
            start = t.find(HTML_COMMENT_START, pos)
            if start < 0:
                break
            in_comment = True
            comment_line = n
            pos = start
        out.text.append(t)
    if fence is not None:
        out.unclosed_fence = fence_line
    if in_comment:
        out.unclosed_comment = comment_line
    return out


def mask_prose(line: str) -> str:
    """Blank what is not running text: link targets, URLs, HTML tags, attribute lists,
    placeholders, abbreviation definitions, emoji shortcodes."""
    if ABBR_DEF.match(line):
        return ""
    t = line
    if "](" in t:
        t = INLINE_LINK.sub(lambda m: m.group(0)[: m.start(3) - m.start(0)].replace("!", " ") + " " * (m.end(0) - m.start(3)), t)
    if "]:" in t:
        m = REF_DEF.match(t)
        if m:
            t = " " * len(t)
    if "][" in t:
        t = REF_LINK.sub(lambda m: m.group(0)[: m.start(3) - m.start(0)] + " " * (m.end(0) - m.start(3)), t)
    if "<" in t:
        t = AUTOLINK.sub(lambda m: " " * len(m.group(0)), t)
        t = HTML_TAG.sub(lambda m: " " * len(m.group(0)), t)
    if "://" in t:
        t = BARE_URL.sub(lambda m: " " * len(m.group(0)), t)
    if "{" in t:
        t = PLACEHOLDER_ANY.sub(lambda m: " " * len(m.group(0)), t)
        t = ATTR_LIST.sub(lambda m: " " * len(m.group(0)), t)
    if ":" in t:
        t = EMOJI.sub(lambda m: " " * len(m.group(0)), t)
    if "&" in t:
        t = re.sub(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", lambda m: " " * len(m.group(0)), t)
    return t


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------


@dataclass
class Link:
    line: int
    col: int          # 1-based column of the target in the line
    kind: str         # link | image | ref | refdef | html | auto | bare
    target: str
    text: str = ""
    attr: str = ""    # for html: href or src; tag name in ``tag``
    tag: str = ""


def links(sc: Scan) -> list[Link]:
    out: list[Link] = []
    for n, raw, t, code in sc:
        if code or not t:
            continue
        if "](" in t:
            for m in INLINE_LINK.finditer(t):
                target = m.group(3)
                if target.startswith("<") and target.endswith(">"):
                    target = target[1:-1]
                out.append(Link(n, m.start(3) + 1, "image" if m.group(1) else "link", target, m.group(2)))
        if "]:" in t:
            m = REF_DEF.match(t)
            if m and not t.lstrip().startswith("*["):
                target = m.group(2)
                if target.startswith("<") and target.endswith(">"):
                    target = target[1:-1]
                out.append(Link(n, m.start(2) + 1, "refdef", target, m.group(1)))
        if "<" in t:
            for m in AUTOLINK.finditer(t):
                out.append(Link(n, m.start(1) + 1, "auto", m.group(1)))
            for m in HTML_TAG.finditer(t):
                if m.group(1):
                    continue
                tag = m.group(2).lower()
                for a in HTML_ATTR.finditer(m.group(3)):
                    name = a.group(1).lower()
                    if name in ("href", "src") or (name == "data" and tag == "object"):
                        val = next(v for v in a.groups()[1:] if v is not None)
                        col = m.start(3) + a.start() + 1
                        out.append(Link(n, col, "html", html.unescape(val), attr=name, tag=tag))
        if "://" in t:
            masked = INLINE_LINK.sub(lambda m: " " * len(m.group(0)), t)
            masked = AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
            masked = HTML_TAG.sub(lambda m: " " * len(m.group(0)), masked)
            rd = REF_DEF.match(masked)
            if rd:
                masked = " " * len(masked)
            for m in BARE_URL.finditer(masked):
                url = m.group(1).rstrip(".,;:!?")
                out.append(Link(n, m.start(1) + 1, "bare", url))
    return out


def ref_uses(sc: Scan):
    """(line, col, text, id) of reference-style links [text][id] / [text][]."""
    for n, raw, t, code in sc:
        if code or "][" not in t:
            continue
        for m in REF_LINK.finditer(t):
            ref = m.group(3) or m.group(2)
            yield n, m.start(0) + 1, m.group(2), ref


def norm_ref(ref: str) -> str:
    return re.sub(r"\s+", " ", ref.strip()).lower()


# --------------------------------------------------------------------------
# Headings and anchors
# --------------------------------------------------------------------------


def page_anchors(ctx, page) -> set[str]:
    """Anchors of a page as the site renders it: the page through the build's own steps and
    Python-Markdown with the site's extensions (sotay.pipeline.page_anchors), so generated
    lists, tables and the ids the forms step makes are there."""
    from .. import pipeline

    return pipeline.page_anchors(page, ctx.content)
