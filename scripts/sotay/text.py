"""Vietnamese text helpers shared by the hooks, the checks, search and exports.

The project writes Vietnamese in NFC with the traditional tone-mark placement
used in Party documents: "hòa", "thủy", "cấp ủy" (mark on the first vowel of an
open "oa", "oe", "uy"), never the "new" placement "hoà", "thuỷ", "cấp uỷ".
"""
from __future__ import annotations

import re
import unicodedata

# Combining tone marks (huyền, sắc, hỏi, ngã, nặng).
TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}

_LETTER = r"a-zA-ZÀ-ỹĐđ"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """Lower-case ASCII folding: 'Đảng ủy' -> 'dang uy'."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "D")
    return s.lower()


def slugify(value: str, separator: str = "-") -> str:
    """Heading anchors that keep Vietnamese readable in ASCII (Đại -> dai).

    Used as ``toc.slugify`` in mkdocs.yml, so the signature is Python-Markdown's.
    """
    s = fold(value)
    s = re.sub(r"[^a-z0-9]+", separator, s).strip(separator)
    return s or "muc"


def _split_tone(syllable: str):
    """Return (syllable without tone mark, tone mark or '', index of the marked vowel)."""
    d = unicodedata.normalize("NFD", syllable)
    out, tone, pos = [], "", -1
    for ch in d:
        if ch in TONE_MARKS:
            tone = ch
            pos = len(unicodedata.normalize("NFC", "".join(out))) - 1
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone, pos


# Open syllables whose tone mark differs between the two styles. For each,
# the traditional style puts the mark on the first vowel.
_NEW_STYLE = re.compile(
    r"(?<![" + _LETTER + r"])([" + _LETTER + r"]*?)"
    r"(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ]|O[ÀÁẢÃẠ]|O[ÈÉẺẼẸ]|U[ỲÝỶỸỴ])"
    r"(?![" + _LETTER + r"])"
)


def new_style_words(text: str):
    """Yield (start, word, traditional) for each word written in the new tone style.

    'hoà' -> 'hòa', 'thuỷ' -> 'thủy', 'uỷ' -> 'ủy'. 'quý' and 'quỳ' are the same
    in both styles ('qu' is a consonant) and are not reported.
    """
    text = nfc(text)
    for m in _NEW_STYLE.finditer(text):
        onset, pair = m.group(1), m.group(2)
        if onset.lower().endswith("q") and pair[0] in "uU":
            continue
        if onset.lower() == "g" and pair[0] in "uU":
            # 'guý' is not a Vietnamese syllable; leave it alone.
            continue
        yield m.start(), m.group(0), onset + to_traditional_pair(pair)


def to_traditional_pair(pair: str) -> str:
    base, tone, _ = _split_tone(pair)
    first = unicodedata.normalize("NFC", base[0] + tone)
    return first + base[1]


def to_traditional(text: str) -> str:
    """Rewrite new-style tone placement to the traditional one."""
    text = nfc(text)
    parts, last = [], 0
    for start, word, fixed in new_style_words(text):
        parts.append(text[last:start])
        parts.append(fixed)
        last = start + len(word)
    parts.append(text[last:])
    return "".join(parts)


# A syllable whose only vowel is i or y after k, l, m, t, s, h or qu is written both
# ways ("kỉ luật" / "kỷ luật", "tỉ lệ" / "tỷ lệ", "qui định" / "quy định"); search reads
# it with y, as the handbook writes it. "chi", "thi", "khi", "vi" have no such twin.
_I_OR_Y = re.compile(r"(?<![a-zà-ỹđ])(k|l|m|t|s|h|qu)([iìíỉĩị])(?![a-zà-ỹđ])")
_AS_Y = str.maketrans("iìíỉĩị", "yỳýỷỹỵ")


def normalize_query(q: str) -> str:
    """What search does to a query (and to the text it searches) before matching: NFC,
    traditional tone marks, lower case, y for the i of the syllables above."""
    return _I_OR_Y.sub(lambda m: m.group(1) + m.group(2).translate(_AS_Y), to_traditional(nfc(q)).lower())


# Latin look-alikes that sneak in from PDFs and other scripts: Cyrillic and
# Greek letters that render like Latin ones.
LOOKALIKES = {
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0443": "y", "\u0445": "x", "\u0410": "A", "\u0412": "B", "\u0415": "E",
    "\u041a": "K", "\u041c": "M", "\u041d": "H", "\u041e": "O", "\u0420": "P",
    "\u0421": "C", "\u0422": "T", "\u0425": "X", "\u03bf": "o", "\u039f": "O",
    "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0397": "H", "\u039a": "K",
    "\u039c": "M", "\u039d": "N", "\u03a1": "P", "\u03a4": "T", "\u03a7": "X",
    "\u0110": None,  # placeholder so the table documents Đ is fine (removed below)
}
LOOKALIKES.pop("\u0110")
# Letters that look like Vietnamese ones but are not the Vietnamese code point:
# Ð (U+00D0, Icelandic eth) instead of Đ (U+0110); ð instead of đ.
LOOKALIKES.update({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})


# --------------------------------------------------------------------------
# Additions for the content checks (`sotay check vietnamese`)
# --------------------------------------------------------------------------

# More letters that pass for Latin ones: Cyrillic and Greek beyond LOOKALIKES, the
# dotless i and the script g (Latin, but not Vietnamese letters).
EXTRA_LOOKALIKES = {
    "\u0456": "i", "\u0406": "I", "\u0458": "j", "\u0408": "J", "\u0455": "s", "\u0405": "S",
    "\u04bb": "h", "\u04c0": "I", "\u0501": "d", "\u051b": "q", "\u051d": "w", "\u043a": "k",
    "\u0131": "i", "\u0261": "g", "\u03b9": "i", "\u03ba": "k", "\u03bd": "v", "\u03c1": "p",
    "\u03c5": "u", "\u03c7": "x", "\u03b1": "a", "\u0399": "I", "\u0396": "Z",
}
# Letters that are wrong wherever they appear (not only inside a Latin word).
_ALWAYS_WRONG = {"\u00d0", "\u00f0", "\u0189"}


def _is_latin_letter(ch: str) -> bool:
    o = ord(ch)
    return ch.isalpha() and (o < 0x250 or 0x1E00 <= o <= 0x1EFF) and ch not in _ALWAYS_WRONG and ch != "\u0131"


def lookalike_chars(text: str):
    """Yield (index, char, latin) for look-alike letters: Cyrillic/Greek letters inside a
    word that also has Latin letters (or standing alone as a one-letter word), the
    Icelandic eth Ð/ð used for Đ/đ, and full-width Latin letters (Ａ for A)."""
    table = {**LOOKALIKES, **EXTRA_LOOKALIKES}
    for m in re.finditer(r"[^\W\d_]+", text):
        word = m.group(0)
        has_latin = any(_is_latin_letter(c) for c in word)
        for i, ch in enumerate(word):
            o = ord(ch)
            if 0xFF21 <= o <= 0xFF5A:
                yield m.start() + i, ch, chr(o - 0xFEE0)
            elif ch in _ALWAYS_WRONG:
                yield m.start() + i, ch, table.get(ch, "Đ")
            elif ch in table and (has_latin or len(word) == 1):
                yield m.start() + i, ch, table[ch]


def non_nfc_words(line: str):
    """Yield (index, word as written, word in NFC, has_stray_mark) for each whitespace-separated
    token that is not in NFC or keeps a combining mark that composes with nothing."""
    if line.isascii():
        return
    for m in re.finditer(r"\S+", line):
        tok = m.group(0)
        if tok.isascii():
            continue
        composed = nfc(tok)
        stray = any(unicodedata.combining(c) for c in composed)
        if composed != tok or stray:
            yield m.start(), tok, composed, stray


# --------------------------------------------------------------------------
# Dates: the one formatter
# --------------------------------------------------------------------------

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def fmt_date(d, lang: str = "vi", style: str = "numeric") -> str:
    """A date as the handbook writes it.

    - ``numeric`` (default): "05/12/2026", the Vietnamese administrative form, on every page;
    - ``long``: "5 December 2026" in English (the printed cover), "05/12/2026" in Vietnamese;
    - ``iso``: "2026-12-05" in English (the offline copy's notice), "05/12/2026" in Vietnamese.
    """
    if lang != "vi" and style == "long":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if lang != "vi" and style == "iso":
        return d.isoformat()
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# --------------------------------------------------------------------------
# Markdown tables: the one row reader
# --------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def table_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, as Python-Markdown's tables extension reads them:
    the outer pipes are optional, ``\\|`` is a pipe inside a cell (not a separator)."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(row)]
