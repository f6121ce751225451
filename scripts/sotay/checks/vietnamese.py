"""Vietnamese text: NFC, one tone-mark style, no look-alike letters, no hidden characters.

Over every page (front matter included) and the data files editors touch
(data/sources.yml, includes/abbreviations.md, data/external-links.yml, mkdocs.yml):

- NFC only: a word typed in decomposed form (NFD, "Unicode tổ hợp") is an error
  with its line, column and the word; mixed files are reported word by word;
- the traditional tone-mark placement ("hòa", "thủy", "cấp ủy"): every word in the
  new style is reported with its traditional form (sotay.text.new_style_words);
- look-alike letters: Cyrillic/Greek letters inside Latin words, Ð (eth) for Đ,
  full-width letters (sotay.text.lookalike_chars);
- invisible or control characters (zero-width space, soft hyphen, BOM inside the
  text, bidi controls) and text mis-decoded from UTF-8 ("Ä‘", "Æ°", "áº", U+FFFD);
- words typed without diacritics in Vietnamese pages ("chi bo", "dang vien"):
  a list of the handbook's own terms, matched only as whole ASCII words in running
  text (never in links, code or file names).
"""
from __future__ import annotations

import re
import unicodedata

from .. import model
from .. import text as vtext
from . import _markdown as md

INVISIBLE = {
    "\u200b": "dấu cách rộng 0 (zero-width space)", "\u200c": "ký tự nối rộng 0 (ZWNJ)",
    "\u200d": "ký tự nối rộng 0 (ZWJ)", "\u2060": "ký tự nối từ (word joiner)",
    "\ufeff": "ký tự BOM", "\u00ad": "dấu gạch nối mềm (soft hyphen)", "\u2028": "ký tự xuống dòng lạ (U+2028)",
    "\u2029": "ký tự ngắt đoạn lạ (U+2029)", "\ufffd": "ký tự thay thế '�' (chữ bị hỏng khi chuyển mã)",
    **{chr(c): f"ký tự điều khiển hướng chữ (U+{c:04X})" for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))},
}
MOJIBAKE = re.compile(r"Ã[\u00a0-\u00bf]|Ä[\u0080-\u00bf‘’]|Æ[\u00a0-\u00bf]|á[º»][\u0080-\u00bf\u2018-\u203a]?|â€[\u0080-\u00bf™œ\u009d“”˜¦]")
NO_DIACRITICS = {
    "chi bo": "chi bộ", "dang vien": "đảng viên", "sinh hoat": "sinh hoạt", "bien ban": "biên bản",
    "nghi quyet": "nghị quyết", "bi thu": "bí thư", "cap uy": "cấp ủy", "chi uy": "chi ủy", "dang uy": "đảng ủy",
    "ket luan": "kết luận", "chuyen de": "chuyên đề", "thuong ky": "thường kỳ", "bieu quyet": "biểu quyết",
    "van ban": "văn bản", "huong dan": "hướng dẫn", "quy dinh": "quy định", "to chuc": "tổ chức",
    "thao luan": "thảo luận", "chu tri": "chủ trì", "phe binh": "phê bình", "ky luat": "kỷ luật",
    "ket nap": "kết nạp", "nhiem vu": "nhiệm vụ", "lanh dao": "lãnh đạo", "danh gia": "đánh giá",
    "chat luong": "chất lượng", "cap tren": "cấp trên", "thuc hien": "thực hiện", "noi dung": "nội dung",
    "chuan bi": "chuẩn bị", "cong tac": "công tác", "hoi nghi": "hội nghị", "dang bo": "đảng bộ",
    "trung uong": "Trung ương", "chinh tri": "chính trị", "tu tuong": "tư tưởng", "hop le": "hợp lệ",
    "thong bao": "thông báo", "chuong trinh": "chương trình", "du thao": "dự thảo", "bao cao": "báo cáo",
    "ke hoach": "kế hoạch", "truc tuyen": "trực tuyến", "thu ky": "thư ký", "tap huan": "tập huấn",
    "hoi dap": "hỏi đáp", "giai thich": "giải thích", "can lam": "cần làm", "xem them": "xem thêm",
}
MAX_PER_FILE = 25
PUNCT = ".,;:!?()[]\"“”'*_"
INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LOOKALIKE_RE = re.compile("[" + "".join(sorted({**vtext.LOOKALIKES, **vtext.EXTRA_LOOKALIKES})) + "\u00d0\u00f0\u0189\uff21-\uff5a]")
NEW_STYLE_HINT = re.compile(r"[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ]")
COMBINING = re.compile("[\u0300-\u036f]")
ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _p(where, line, message, fix="", severity="error"):
    return model.Problem(where, line, message, fix, severity=severity, check="vietnamese")


def check(ctx) -> list:
    out = []
    for page in ctx.pages:
        raw = ctx.raw(page)
        if not raw:
            continue
        prose = _prose_lines(ctx, page, raw)
        out.extend(_file(page.where, raw, prose, vietnamese=page.lang == model.DEFAULT_LANG))
    for path in (ctx.sources_file, ctx.glossary_file, ctx.links_file, ctx.root / "mkdocs.yml"):
        try:
            raw = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the checks that own these files
        lines = raw.split("\n")
        prose = {i: _data_prose(line) for i, line in enumerate(lines, 1)}
        out.extend(_file(ctx.rel(path), raw, prose, vietnamese=False))
    return out


def _data_prose(line: str) -> str:
    """Text of a YAML or glossary line where tone marks matter (URLs blanked)."""
    return md.BARE_URL.sub(lambda m: " " * len(m.group(0)), line)


def _prose_lines(ctx, page, raw: str) -> dict[int, str]:
    """{line number: running text} — front matter values and the body's prose."""
    out: dict[int, str] = {}
    lines = raw.split("\n")
    for i in range(1, min(page.body_line - 1, len(lines))):
        line = lines[i]
        if line.rstrip() == "---":
            continue
        m = re.match(r"^(\s*(?:-\s+)?[\w-]+\s*:\s*|\s*-\s+)", line)
        value = line[m.end():] if m else line
        out[i + 1] = " " * (len(line) - len(value)) + value
    for n, text in ctx.scan(page).prose():
        out[n] = text
    return out


def _file(where: str, raw: str, prose: dict[int, str], vietnamese: bool) -> list:
    out: list = []
    counts = {"nfc": 0}
    lines = raw.split("\n")
    for n, line in enumerate(lines, 1):
        if not line:
            continue
        if line.isascii():
            cc = ASCII_CONTROL.search(line)
            if cc:
                out.append(_p(where, n, f"có ký tự điều khiển U+{ord(cc.group(0)):04X} ở cột {cc.start() + 1}",
                              "xóa ký tự này (thường lẫn vào khi sao chép từ Word hoặc PDF)"))
            continue
        # 1. NFC
        bad = [] if unicodedata.is_normalized("NFC", line) and not COMBINING.search(line) else list(vtext.non_nfc_words(line))
        if bad:
            counts["nfc"] += 1
            if counts["nfc"] <= MAX_PER_FILE:
                col = len(vtext.nfc(line[: bad[0][0]])) + 1
                words = ", ".join("'" + c.strip(PUNCT) + "'" for _, _, c, _ in bad[:4]) + (" …" if len(bad) > 4 else "")
                if any(s for *_, s in bad):
                    out.append(_p(where, n, f"dấu thanh/dấu mũ rời không ghép được vào chữ ở cột {col}: {words}",
                                  "xóa dấu thừa và gõ lại chữ bằng bộ gõ Unicode dựng sẵn"))
                else:
                    out.append(_p(where, n, f"chữ viết ở dạng Unicode tổ hợp (NFD), không phải dựng sẵn (NFC), từ cột {col}: {words}",
                                  "gõ lại bằng bảng mã 'Unicode dựng sẵn' (Unikey: Unicode, không chọn 'Unicode tổ hợp'), "
                                  "hoặc chuyển cả tệp sang NFC"))
        text = vtext.nfc(line) if bad else line
        # 2. Invisible and control characters
        for inv in INVISIBLE_RE.finditer(text):
            ch, i = inv.group(0), inv.start()
            if n == 1 and i == 0 and ch == "\ufeff":
                continue
            name = INVISIBLE.get(ch, f"ký tự điều khiển U+{ord(ch):04X}")
            out.append(_p(where, n, f"có {name} ở cột {i + 1}", "xóa ký tự này (thường lẫn vào khi sao chép từ Word hoặc PDF)"))
            break
        # 3. Mis-decoded text
        mj = MOJIBAKE.search(text)
        if mj:
            out.append(_p(where, n, f"chữ bị lỗi mã hóa '{mj.group(0)}' ở cột {mj.start() + 1} (UTF-8 bị đọc thành mã khác)",
                          "gõ lại đoạn này từ bản gốc; lưu tệp bằng UTF-8"))
        # 4. Look-alike letters
        la = list(vtext.lookalike_chars(text)) if LOOKALIKE_RE.search(text) else []
        if la:
            i, ch, latin = la[0]
            word = _word_at(text, i)
            start = text.find(word, max(0, i - len(word)))
            fixed = list(word)
            for j, c, lat in la:
                if start <= j < start + len(word):
                    fixed[j - start] = lat
            script = _script(ch)
            out.append(_p(where, n, f"chữ '{word}' (cột {i + 1}) có ký tự {script} '{ch}' (U+{ord(ch):04X}) trông giống '{latin}'"
                                    + (f" và {len(la) - 1} ký tự khác" if len(la) > 1 else ""),
                          f"gõ lại thành '{''.join(fixed)}' bằng bàn phím tiếng Việt"))
        # 5. Tone-mark style (running text only)
        pt = prose.get(n)
        if pt is not None and NEW_STYLE_HINT.search(vtext.nfc(pt) if bad else pt):
            found = list(vtext.new_style_words(pt))
            if found:
                pairs = ", ".join(f"'{w}' → '{t}'" for _, w, t in found[:5]) + (" …" if len(found) > 5 else "")
                out.append(_p(where, n, f"bỏ dấu kiểu mới ở cột {found[0][0] + 1}: {pairs}",
                              "sổ tay dùng kiểu bỏ dấu truyền thống: 'hòa', 'thủy', 'cấp ủy', 'khỏe', 'tùy'"))
    if counts["nfc"] > MAX_PER_FILE:
        out.append(_p(where, None, f"và {counts['nfc'] - MAX_PER_FILE} dòng khác ở dạng Unicode tổ hợp (NFD)",
                      "chuyển cả tệp sang NFC (Unicode dựng sẵn)"))
    if vietnamese:
        out.extend(_no_diacritics(where, prose))
    return out


WORD = re.compile(r"\w+")


def _no_diacritics(where: str, prose: dict[int, str]) -> list:
    """Pairs of ASCII-only words, separated by spaces only, that are a handbook term typed
    without its diacritics. Words touching '/', '.', '-' (file names, URLs) do not count."""
    out = []
    for n, text in prose.items():
        if not text or text.isspace():
            continue
        words = [m for m in WORD.finditer(text) if m.group(0).isascii()]
        found = []
        for a, b in zip(words, words[1:]):
            gap = text[a.end():b.start()]
            if not gap or not gap.isspace():
                continue
            key = f"{a.group(0).lower()} {b.group(0).lower()}"
            fixed = NO_DIACRITICS.get(key)
            if fixed is None:
                continue
            before = text[a.start() - 1] if a.start() else " "
            after = text[b.end()] if b.end() < len(text) else " "
            if before in "/.-_" or after in "/.-_":
                continue
            written = text[a.start():b.end()]
            if written[0].isupper():
                fixed = fixed[0].upper() + fixed[1:]
            found.append((a.start() + 1, written, fixed))
        if found:
            out.append(_p(where, n, f"viết thiếu dấu từ cột {found[0][0]}: " + ", ".join(f"'{w}'" for _, w, _ in found),
                          "viết " + ", ".join(f"'{f}'" for *_, f in found) + " (gõ tiếng Việt có dấu)"))
    return out


def _word_at(text: str, i: int) -> str:
    s = e = i
    while s > 0 and (text[s - 1].isalpha()):
        s -= 1
    while e < len(text) and text[e].isalpha():
        e += 1
    return text[s:e] or text[i]


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "Kirin (Nga)"
    if name.startswith("GREEK"):
        return "Hy Lạp"
    if name.startswith("FULLWIDTH"):
        return "toàn khổ (full-width)"
    return "không phải chữ Việt"
