"""Abbreviations: every ALL-CAPS abbreviation a page uses is in includes/abbreviations.md.

The glossary is appended to every page (pymdownx.snippets) so each abbreviation shows
its meaning as a tooltip; an abbreviation missing from it shows nothing, and a reader
who does not know "ĐUCS" is lost. Found in running text, headings, titles and
descriptions (not in code, links, URLs, HTML or placeholders):

- words of two or more capital letters, with Vietnamese letters (Đ, Ủ…) and forms
  joined by '/' or '-' (T/M, KT-XH, HĐND-UBND: each part may be listed instead);
- not counted: words in capitals that are ordinary Vietnamese syllables ("BIÊN BẢN",
  "ĐẢNG CỘNG SẢN VIỆT NAM"), Roman numerals (XII, XIII, IV), document symbols
  (42-HD/BTCTW, checked by `sources`), a trailing number ("TW4" is "TW").

Also: a page defining its own ``*[ABBR]: …`` (it belongs in the glossary) and the
glossary's own syntax problems.
"""
from __future__ import annotations

import re

from .. import model
from ..text import fold
from . import _markdown as md
from .sources import LOOSE_SYMBOL

_UP = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x1F00)) if ch.isalpha() and ch.isupper())
# A word in capitals (digits allowed after the first letter), parts joined by '/' or '-'.
TOKEN = re.compile(r"(?<![\w/-])([%s][%s\d]*(?:[/-][%s][%s\d]*)*)(?![\w])" % (_UP, _UP, _UP, _UP))
HAS_TWO_UPPER = re.compile(r"[%s][%s]" % (_UP, _UP))
DIGIT = re.compile(r"\d")
ROMAN = re.compile(r"^(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
SYLLABLE = re.compile(r"^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")


def _p(where, line, message, fix="", severity="error"):
    return model.Problem(where, line, message, fix, severity=severity, check="abbreviations")


def is_word(part: str) -> bool:
    """An ordinary Vietnamese syllable written in capitals (or a Roman numeral)."""
    if ROMAN.match(part):
        return True
    return bool(SYLLABLE.match(fold(part)))


def unknown_abbreviation(token: str, glossary: dict) -> str | None:
    """The abbreviation to report for an ALL-CAPS token, or None if it is fine."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    token = re.sub(r"\d+$", "", token)
    if token in glossary:
        return None
    parts = [re.sub(r"\d+$", "", p) for p in re.split(r"[/-]", token)]
    if len(parts) == 1:
        return None if is_word(token) or ROMAN.match(token) else token
    if all(p in glossary or (len(p) > 1 and is_word(p)) for p in parts):
        return None
    if any(len(p) == 1 for p in parts):
        return token  # T/L, K/G: the whole form must be listed
    bad = [p for p in parts if p not in glossary and not is_word(p)]
    return bad[0] if bad else None


def _mask_symbols(text: str) -> str:
    if not DIGIT.search(text):
        return text
    text = model.SYMBOL.sub(lambda m: " " * len(m.group(0)), text)
    return LOOSE_SYMBOL.sub(lambda m: " " * len(m.group(0)), text)


def check(ctx) -> list:
    out = list(ctx.glossary_problems)
    glossary = ctx.glossary
    gfile = ctx.rel(ctx.glossary_file)
    for page in ctx.pages:
        if not page.meta and page.problems:
            continue
        found: dict[str, list[int]] = {}
        lines: list[tuple[int, str]] = []
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                lines.append((page.line_of(key), page.meta[key]))
        lines.extend(ctx.scan(page).prose())
        for n, text in lines:
            if not HAS_TWO_UPPER.search(text):
                continue
            text = _mask_symbols(text)
            for m in TOKEN.finditer(text):
                tok = m.group(1)
                bad = unknown_abbreviation(tok, glossary)
                if bad:
                    found.setdefault(bad, []).append(n)
        for abbr, where in found.items():
            more = f" (và {len(where) - 1} chỗ khác)" if len(where) > 1 else ""
            out.append(_p(page.where, where[0], f"chữ viết tắt '{abbr}' chưa có trong bảng chữ viết tắt{more}",
                          f"viết đầy đủ, hoặc thêm dòng '*[{abbr}]: Nghĩa tiếng Việt — English' vào {gfile}"))
        for n, raw, t, code in ctx.scan(page):
            if code:
                continue
            m = md.ABBR_DEF.match(raw)
            if m:
                abbr = m.group(1)
                if abbr in glossary:
                    out.append(_p(page.where, n, f"'{abbr}' đã có trong bảng chữ viết tắt (dòng {glossary[abbr].line}); "
                                                 "định nghĩa lại trong trang làm chú thích bị trùng",
                                  "xóa dòng này"))
                else:
                    out.append(_p(page.where, n, f"chữ viết tắt '{abbr}' được định nghĩa riêng trong trang",
                                  f"chuyển dòng này vào {gfile} để mọi trang dùng chung"))
    return out
