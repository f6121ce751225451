"""Meaning of a translation: the facts a reader acts on are the same on both pages.

For every Vietnamese page with an English page, compares (title, description and
body, outside code):

- numbers written as digits ("90 minutes", "2/3", "85%", "point 9.3.2", "Article 24");
- document symbols ("42-HD/BTCTW", "294-QĐ/TW");
- dates ("28/10/2025" ~ "28 October 2025"; "tháng 7/2025" ~ "July 2025");
- internal links, with their #anchor ("../van-ban/index.md#hd-42-2025").

A number, symbol, date or link on one page and not on the other is an error on the
English page: a translator's slip (a dropped deadline, a changed threshold, a wrong
document) fails `make check`.

Number words: numbers are compared as digits. A number written in digits on one
page counts as present on the other when that page spells it out ("3" ~ "three" ~
"ba", "2/3" ~ "two thirds" ~ "hai phần ba", "1/2" ~ "half" ~ "nửa"), so a translator
may follow English usage. Numbers spelled out on both pages are not compared.
Ordered-list markers ("1.") are not numbers of the text.

A difference the translator made on purpose (e.g. "(2018)" added after an old
document's symbol, for English readers) is listed in the English page's front
matter: ``pair_exceptions: ["2018"]``; an exception that no longer matches a
difference is reported, so the list stays short.
"""
from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict

from .. import model
from . import _markdown as md

MONTHS_EN = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"), 1)}
_MONTH_RE = "|".join(m.capitalize() for m in MONTHS_EN)
DATE_PATTERNS = {
    "vi": [
        (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])"), "dmy"),
        (re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d\d)", re.I), "dmy"),
        (re.compile(r"tháng (\d{1,2})(?:/| năm )((?:19|20)\d\d)(?![\d/])", re.I), "my"),
    ],
    "en": [
        (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])"), "dmy"),
        (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (%s),? ((?:19|20)\d\d)\b" % _MONTH_RE), "dMy"),
        (re.compile(r"\b(%s) (\d{1,2}),? ((?:19|20)\d\d)\b" % _MONTH_RE), "Mdy"),
        (re.compile(r"\b(%s),? ((?:19|20)\d\d)\b" % _MONTH_RE), "My"),
    ],
}
SYMBOL = model.SYMBOL
LIST_MARKER = re.compile(r"^(\s*)\d{1,3}[.)](?=\s)")
# 9.3.2, 85%, 2/3, 1,5, 3rd, 2025
NUMBER = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*(?:/\d+)?)(?:st|nd|rd|th|%)?(?![\w/])")

WORDS = {
    "en": {
        "one": "1", "once": "1", "first": "1", "two": "2", "twice": "2", "second": "2", "three": "3", "third": "3",
        "four": "4", "fourth": "4", "five": "5", "fifth": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
        "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30", "hundred": "100",
        "half": "1/2", "two thirds": "2/3", "two-thirds": "2/3", "one third": "1/3", "a third": "1/3",
    },
    # Not "năm" (five, and year) nor "tư" (four, and "tư tưởng"): too common as other words.
    "vi": {
        "một": "1", "hai": "2", "ba": "3", "bốn": "4", "sáu": "6", "bảy": "7", "tám": "8", "chín": "9",
        "mười": "10", "mười một": "11", "mười hai": "12", "mười lăm": "15", "hai mươi": "20", "ba mươi": "30",
        "trăm": "100", "nửa": "1/2", "một nửa": "1/2", "hai phần ba": "2/3", "một phần ba": "1/3",
    },
}


def _p(where, line, message, fix="", severity="error"):
    return model.Problem(where, line, message, fix, severity=severity, check="pairs")


class Facts:
    """What one page says that a translation must keep: kind -> value -> first line."""

    def __init__(self) -> None:
        self.items: dict[str, OrderedDict] = {k: OrderedDict() for k in ("number", "symbol", "date", "link")}
        self.words: set[str] = set()  # numbers the page spells out

    def add(self, kind: str, value: str, line: int) -> None:
        self.items[kind].setdefault(value, line)


def _lines(page):
    """(line, text) of the title, the description and the body's running text (code masked)."""
    for key in ("title", "description"):
        v = page.meta.get(key)
        if isinstance(v, str):
            yield page.line_of(key), v, False
    sc = md.scan(page)
    for n, raw, text, code in sc:
        if code or not text.strip():
            continue
        yield n, text, True


def _norm_link(target: str) -> str | None:
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
        return None  # external: not compared (the registry of external links checks them)
    path, _, anchor = target.partition("#")
    path = re.sub(r"^\./", "", model.base_name(path) if path.endswith(".md") else path)
    return path + (f"#{anchor}" if anchor else "")


def facts(page, lang: str) -> Facts:
    f = Facts()
    words = WORDS[lang]
    word_re = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w-])", re.I)
    for n, text, in_body in _lines(page):
        text = unicodedata.normalize("NFC", text)
        if in_body:
            for link in md.links(_one_line(n, text)):
                if link.kind in ("link", "image", "refdef", "html"):
                    t = _norm_link(link.target)
                    if t:
                        f.add("link", t, n)
            text = md.mask_prose(text)
            text = LIST_MARKER.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
        for m in SYMBOL.finditer(text):
            f.add("symbol", m.group(1).upper(), n)
        text = SYMBOL.sub(lambda m: " " * len(m.group(0)), text)
        for rx, form in DATE_PATTERNS[lang]:
            for m in rx.finditer(text):
                f.add("date", _date(m, form), n)
            text = rx.sub(lambda m: " " * len(m.group(0)), text)
        for m in NUMBER.finditer(text):
            f.add("number", _number(m.group(1), lang), n)
        for m in word_re.finditer(text):
            f.words.add(words[m.group(1).lower()])
    return f


def _one_line(n: int, text: str):
    sc = md.Scan()
    sc.nums, sc.raw, sc.text, sc.code = [n], [text], [text], [False]
    return sc


def _date(m, form: str) -> str:
    g = m.groups()
    if form == "dmy":
        return f"{g[2]}-{int(g[1]):02d}-{int(g[0]):02d}"
    if form == "dMy":
        return f"{g[2]}-{MONTHS_EN[g[1].lower()]:02d}-{int(g[0]):02d}"
    if form == "Mdy":
        return f"{g[2]}-{MONTHS_EN[g[0].lower()]:02d}-{int(g[1]):02d}"
    if form == "My":
        return f"{g[1]}-{MONTHS_EN[g[0].lower()]:02d}"
    return f"{g[1]}-{int(g[0]):02d}"  # "my"


def _number(token: str, lang: str) -> str:
    if lang == "vi" and re.fullmatch(r"\d+,\d+", token):
        return token.replace(",", ".")  # 1,5 (Vietnamese decimal comma) = 1.5
    if lang == "en" and re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return token.replace(",", "")   # 1,000
    return token


LABELS = {"number": "số", "symbol": "số hiệu văn bản", "date": "ngày", "link": "liên kết"}


def compare(vi_page, en_page) -> list[model.Problem]:
    """The differences between a Vietnamese page and its English page, as problems on the English page."""
    a, b = facts(vi_page, "vi"), facts(en_page, "en")
    exceptions = [str(x) for x in en_page.meta.get("pair_exceptions") or []] \
        if isinstance(en_page.meta.get("pair_exceptions"), list) else []
    used: set[str] = set()
    out = []

    def only_in(one: Facts, other: Facts, kind: str):
        """(value, line) of what ``one`` says and ``other`` does not (nor spells out, nor excepts)."""
        for value, line in one.items[kind].items():
            if value in other.items[kind] or (kind == "number" and value in other.words):
                continue
            if value in exceptions:
                used.add(value)
                continue
            yield value, line

    exception = "ghi vào 'pair_exceptions: [\"{}\"]' ở đầu trang dịch"
    for kind in ("number", "symbol", "date", "link"):
        for value, line in only_in(a, b, kind):
            out.append(_p(en_page.where, None,
                          f"{LABELS[kind]} '{value}' có ở bản tiếng Việt ({vi_page.where}:{line}) nhưng không có ở bản dịch",
                          "dịch đủ câu đó (giữ nguyên con số, số hiệu, ngày, liên kết); nếu cố ý bỏ, " + exception.format(value)))
        for value, line in only_in(b, a, kind):
            out.append(_p(en_page.where, line,
                          f"{LABELS[kind]} '{value}' có ở bản dịch nhưng không có ở bản tiếng Việt {vi_page.where}",
                          "đối chiếu với bản tiếng Việt và sửa; nếu cố ý thêm (giải thích cho người đọc tiếng Anh), "
                          + exception.format(value)))
    for x in exceptions:
        if x not in used:
            out.append(_p(en_page.where, en_page.line_of("pair_exceptions"),
                          f"'{x}' trong pair_exceptions không còn là chỗ khác nhau giữa hai bản",
                          f"xóa '{x}' khỏi pair_exceptions"))
    return out


def check(ctx) -> list:
    by_src = ctx.by_src
    out = []
    for page in ctx.pages:
        if page.lang == model.DEFAULT_LANG:
            continue
        original = by_src.get(page.base)
        if original is None or not page.meta:
            continue
        out += compare(original, page)
    return out
