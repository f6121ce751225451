"""Placeholders: one syntax, ``{{ten_chi_bo}}``, declared in ``placeholders:`` and used.

- every ``{{x}}`` in a form or kit is declared (a near miss of a declared name is
  named: "có phải 'ten_chi_bo'?"), every declared name is used;
- names are lower-case ASCII and '_' with no spaces inside the braces;
- other syntaxes a hurried editor types are caught: ``{ten_chi_bo}``, ``{{x}``,
  ``{x}}``, ``{{{x}}}``, ``[[x]]``, ``<<x>>``, ``${x}``, ``[ten_chi_bo]``;
- placeholders left in example text (``!!! example`` boxes, sections titled
  "Ví dụ") and on pages that are not forms or kits (they would print as "{{x}}").
"""
from __future__ import annotations

import difflib
import re

from .. import model
from ..text import fold

FILL_TYPES = {"form", "template"}
GOOD = re.compile(r"\{\{([a-z][a-z0-9_]*)\}\}")
ANY_DOUBLE = re.compile(r"(?<!\{)\{\{(?!\{)([^{}\n]*)\}\}(?!\})")
TRIPLE = re.compile(r"\{\{\{[^{}\n]*\}\}\}")
UNCLOSED = re.compile(r"(?<!\{)\{\{(?!\{)([^{}\n]*?)(?:\}(?!\})|$|(?=\{))")
UNOPENED = re.compile(r"(?<!\{)\{(?!\{)([^{}\n]*)\}\}(?!\})")
SINGLE = re.compile(r"(?<![{\w$])\{(?!\{)\s*([A-Za-zÀ-ỹĐđ_][\wÀ-ỹĐđ ]*?)\s*\}(?!\})")
DOUBLE_BRACKET = re.compile(r"\[\[\s*([^\[\]\n]+?)\s*\]\]")
ANGLE = re.compile(r"<<\s*([A-Za-z_][\w ]*?)\s*>>|«\s*([a-z_][\w]*)\s*»")
DOLLAR = re.compile(r"\$\{\s*([^{}\n]+?)\s*\}")
BRACKET_NAME = re.compile(r"(?<![\[!\w])\[([a-z][a-z0-9]*_[a-z0-9_]+)\](?![(\[:])")


def _p(page, line, message, fix="", severity="error"):
    return model.Problem(page.where, line, message, fix, severity=severity, check="placeholders")


def suggest_name(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")
    return s if s and s[0].isalpha() else "ten_cho_dien"


def check(ctx) -> list:
    out = []
    for page in ctx.pages:
        if not page.meta and page.problems:
            continue
        out.extend(_page(ctx, page))
    return out


def _declared(page) -> dict:
    ph = page.meta.get("placeholders")
    return ph if isinstance(ph, dict) else {}


def _decl_line(ctx, page, name: str) -> int:
    """Line of 'name:' under 'placeholders:' in the front matter (or the key's line)."""
    start = page.line_of("placeholders")
    lines = ctx.raw(page).split("\n")
    for i in range(start, min(len(lines), page.body_line)):
        line = lines[i]
        if line.rstrip() == "---":
            break
        if re.match(r"^\S", line):
            break
        if re.match(r"^\s+" + re.escape(name) + r"\s*:", line):
            return i + 1
    return start


def _example_lines(sc) -> set[int]:
    """Lines inside '!!! example' boxes or under a heading that says 'Ví dụ' / 'Example'."""
    out: set[int] = set()
    box_indent = None
    heading_level = None
    for n, raw, t, code in sc:
        h = re.match(r"^(#{1,6})\s+(.*)$", raw)
        if h:
            level = len(h.group(1))
            if heading_level is not None and level <= heading_level:
                heading_level = None
            if re.search(r"\b(vi du|example|mau dien san)\b", fold(h.group(2))):
                heading_level = level
            box_indent = None
            continue
        m = re.match(r"^(\s*)(?:!!!|\?\?\?\+?)\s+example\b", raw)
        if m:
            box_indent = len(m.group(1))
            out.add(n)
            continue
        if box_indent is not None:
            if raw.strip() and len(raw) - len(raw.lstrip(" ")) <= box_indent:
                box_indent = None
            else:
                out.add(n)
        if heading_level is not None:
            out.add(n)
    return out


def _page(ctx, page) -> list:
    out = []
    declared = _declared(page)
    fill = page.type in FILL_TYPES or bool(declared)
    sc = ctx.scan(page)
    examples = _example_lines(sc) if fill else set()
    used: dict[str, int] = {}
    for n, raw, t, code in sc:
        if code or not t or ("{" not in t and "[" not in t and "<<" not in t and "«" not in t and "$" not in t):
            continue
        line = t
        # --- malformed variants -----------------------------------------------------
        for m in TRIPLE.finditer(line):
            out.append(_p(page, n, f"'{m.group(0)}' (cột {m.start() + 1}) có ba cặp ngoặc nhọn",
                          f"viết '{{{{{suggest_name(m.group(0).strip('{} '))}}}}}' (hai cặp ngoặc)"))
        clean = TRIPLE.sub(lambda m: " " * len(m.group(0)), line)
        for m in ANY_DOUBLE.finditer(clean):
            inner = m.group(1)
            name = inner.strip()
            col = m.start() + 1
            if not fill:
                out.append(_p(page, n, f"chỗ điền '{m.group(0)}' (cột {col}) trên trang loại {page.type or '?'}: "
                                       "chỉ biểu mẫu và bộ tài liệu chuyên đề có chỗ điền",
                              "viết nội dung hoặc ví dụ cụ thể; nếu cần mẫu để điền, đặt ở trang trong mau/"))
                continue
            if inner != name or not model.PLACEHOLDER_NAME.match(name):
                out.append(_p(page, n, f"chỗ điền '{m.group(0)}' (cột {col}) viết sai: chỉ dùng chữ thường không dấu, số và '_', "
                                       "không có dấu cách",
                              f"viết '{{{{{suggest_name(name)}}}}}'" + (f" (đã khai báo '{suggest_name(name)}')"
                                                                        if suggest_name(name) in declared else "")))
                if suggest_name(name) in declared:
                    used.setdefault(suggest_name(name), n)
                continue
            used.setdefault(name, n)
            if name not in declared:
                close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.75)
                out.append(_p(page, n, f"chỗ điền '{{{{{name}}}}}' (cột {col}) chưa khai báo trong 'placeholders:'",
                              f"có phải '{{{{{close[0]}}}}}'?" if close else
                              f"thêm dòng '  {name}: <nhãn tiếng Việt>' dưới 'placeholders:'"))
            if n in examples:
                out.append(_p(page, n, f"chỗ điền '{{{{{name}}}}}' (cột {col}) chưa được điền trong phần ví dụ",
                              "ghi một giá trị ví dụ cụ thể thay cho chỗ điền (ví dụ 'Chi bộ Phòng Tổ chức')"))
        clean = ANY_DOUBLE.sub(lambda m: " " * len(m.group(0)), clean)
        for m in UNCLOSED.finditer(clean):
            out.append(_p(page, n, f"chỗ điền '{m.group(0).strip()}' (cột {m.start() + 1}) thiếu '}}}}' đóng",
                          f"viết '{{{{{suggest_name(m.group(1))}}}}}'"))
        clean = UNCLOSED.sub(lambda m: " " * len(m.group(0)), clean)
        for m in UNOPENED.finditer(clean):
            out.append(_p(page, n, f"chỗ điền '{m.group(0)}' (cột {m.start() + 1}) thiếu '{{{{' mở",
                          f"viết '{{{{{suggest_name(m.group(1))}}}}}'"))
        clean = UNOPENED.sub(lambda m: " " * len(m.group(0)), clean)
        for m in SINGLE.finditer(clean):
            inner = m.group(1)
            if not _looks_like_placeholder(inner, declared, fill):
                continue
            out.append(_p(page, n, f"'{m.group(0)}' (cột {m.start() + 1}) dùng một cặp ngoặc nhọn",
                          f"chỗ điền viết '{{{{{suggest_name(inner)}}}}}' (hai cặp ngoặc)"))
        for m in DOUBLE_BRACKET.finditer(clean):
            inner = m.group(1)
            if fill or _looks_like_placeholder(inner, declared, fill):
                out.append(_p(page, n, f"'{m.group(0)}' (cột {m.start() + 1}) không phải cú pháp chỗ điền",
                              f"viết '{{{{{suggest_name(inner)}}}}}'"))
            else:
                out.append(_p(page, n, f"'{m.group(0)}' (cột {m.start() + 1}): cú pháp [[…]] không dùng được",
                              "liên kết viết '[chữ hiện ra](ten-tep.md)'"))
        for m in ANGLE.finditer(clean):
            inner = m.group(1) or m.group(2)
            out.append(_p(page, n, f"'{m.group(0)}' (cột {m.start() + 1}) không phải cú pháp chỗ điền",
                          f"viết '{{{{{suggest_name(inner)}}}}}'"))
        for m in DOLLAR.finditer(clean):
            out.append(_p(page, n, f"'{m.group(0)}' (cột {m.start() + 1}) không phải cú pháp chỗ điền",
                          f"viết '{{{{{suggest_name(m.group(1))}}}}}'"))
        if fill:
            for m in BRACKET_NAME.finditer(clean):
                out.append(_p(page, n, f"'{m.group(0)}' (cột {m.start() + 1}) không phải cú pháp chỗ điền",
                              f"viết '{{{{{m.group(1)}}}}}'"))
    if fill:
        for name in declared:
            if name not in used and model.PLACEHOLDER_NAME.match(str(name)):
                out.append(_p(page, _decl_line(ctx, page, name), f"chỗ điền '{name}' được khai báo nhưng không dùng trong trang",
                              f"dùng '{{{{{name}}}}}' trong nội dung, hoặc xóa dòng '{name}:' khỏi 'placeholders:'"))
    return out


def _looks_like_placeholder(inner: str, declared: dict, fill: bool, loose: bool = False) -> bool:
    """Is '{inner}' / '[[inner]]' an attempt at a placeholder (not an attribute list or a link)?"""
    s = inner.strip()
    if not s or s[0] in "#.:" or "=" in s:
        return False  # attribute list { #id .class key=value }
    name = suggest_name(s)
    if name in declared or "_" in s:
        return True
    if fill and (loose or re.fullmatch(r"[a-z][a-z0-9_ ]*", s)):
        return True
    return False
