"""Sources: registry ids on pages, superseded and unverified documents, symbols in the text.

The rules themselves are model.source_problems (unknown id, superseded cited as
current, unverified = warning shown on the page, a symbol in the text missing from
the registry, a superseded symbol without `history:`). This check adds what a
hurried editor gets wrong around them:

- a document in force put under ``history:`` (the page would call it "no longer a basis");
- the same id in ``sources:`` and ``history:``;
- a symbol typed with a dash other than '-', spaces, lower case, or 'D' for 'Đ'
  ("294–QĐ/TW", "42-HD / BTCTW", "42-hd/btctw", "294-QD/TW"): the model's pattern
  does not see these, so they would escape the registry check.
"""
from __future__ import annotations

import re

from .. import model
from ..text import fold

# A document symbol written loosely: number, any dash, letters, slash, letters.
LOOSE_SYMBOL = re.compile(
    r"(?<![\w/])(\d{1,5})(\s*[-‐‑‒–—]\s*)([A-Za-zĐđ]{1,6})((?:\s*/\s*[A-Za-zĐđ]{1,8})+)(?![\w/])"
)


DIGIT_SLASH = re.compile(r"\d\s*[-‐‑‒–—]")


def _p(page, line, message, fix="", severity="error"):
    return model.Problem(page.where, line, message, fix, severity=severity, check="sources")


def check(ctx) -> list:
    out = list(ctx.registry.problems)
    notes = ctx.sources_file.parent / model.SOURCE_NOTES_FILE.name
    out.extend(model.source_note_problems(ctx.registry, notes))
    by_symbol = ctx.registry.by_symbol()
    by_folded = {}
    for sym, s in by_symbol.items():
        by_folded.setdefault(_fold_symbol(sym), s)
    for page in ctx.pages:
        if not _well_typed(page):
            continue  # `sources:`/`history:` of the wrong kind: reported by `frontmatter`
        out.extend(model.source_problems(page, ctx.registry))
        out.extend(_history(ctx, page))
        out.extend(_loose_symbols(ctx, page, by_symbol, by_folded))
        out.extend(_meta_symbols(ctx, page, by_symbol))
    return out


def _meta_symbols(ctx, page, by_symbol) -> list:
    """Document symbols in the title and description (model.source_problems reads the body only)."""
    out = []
    history = set(page.meta.get("history") or []) | set(page.meta.get("sources") or [])
    for key in ("title", "description"):
        value = page.meta.get(key)
        if not isinstance(value, str):
            continue
        for m in model.SYMBOL.finditer(value):
            s = by_symbol.get(m.group(1).upper())
            if s is None:
                out.append(_p(page, page.line_of(key), f"văn bản '{m.group(1)}' trong '{key}' không có trong sổ văn bản",
                              "thêm vào data/sources.yml hoặc sửa số hiệu"))
            elif s.status == "superseded" and s.id not in history:
                out.append(_p(page, page.line_of(key), f"'{m.group(1)}' trong '{key}' đã được thay thế",
                              f"nêu văn bản hiện hành; nếu nhắc văn bản cũ, thêm '{s.id}' vào 'history:'"))
    return out


def _well_typed(page) -> bool:
    for key in ("sources", "history"):
        v = page.meta.get(key)
        if v is not None and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            return False
    return True


def _history(ctx, page) -> list:
    out = []
    sources = page.meta.get("sources") if isinstance(page.meta.get("sources"), list) else []
    history = page.meta.get("history") if isinstance(page.meta.get("history"), list) else []
    for sid in history:
        s = ctx.registry.get(sid)
        if s is not None and s.status in ("in_force", "pilot"):
            out.append(_p(page, page.line_of("history"),
                          f"'{sid}' ({s.symbol}) đang có hiệu lực nhưng được ghi trong 'history:' (trang sẽ ghi là văn bản cũ)",
                          f"chuyển '{sid}' sang 'sources:'; 'history:' chỉ dành cho văn bản đã được thay thế"))
        if sid in sources:
            out.append(_p(page, page.line_of("history"), f"'{sid}' có ở cả 'sources:' và 'history:'",
                          "để văn bản ở một chỗ: 'sources:' nếu đang có hiệu lực, 'history:' nếu đã được thay thế"))
    return out


def _fold_symbol(sym: str) -> str:
    return fold(re.sub(r"\s+", "", sym)).upper()


def _canonical(m: re.Match) -> str:
    tail = re.sub(r"\s+", "", m.group(4))
    return f"{m.group(1)}-{m.group(3)}{tail}"


def _loose_symbols(ctx, page, by_symbol, by_folded) -> list:
    out = []
    sc = ctx.scan(page)
    for n, raw, t, code in sc:
        if code or not t or not DIGIT_SLASH.search(t):
            continue
        for m in LOOSE_SYMBOL.finditer(t):
            written = m.group(0)
            canon = _canonical(m)
            exact = canon == written and canon == canon.upper() and model.SYMBOL.fullmatch(canon)
            if exact:
                # Correctly typed; model.source_problems judges it. Suggest the Đ form
                # when the registry has it ('294-QD/TW' for '294-QĐ/TW').
                if canon.upper() not in by_symbol:
                    s = by_folded.get(_fold_symbol(canon))
                    if s is not None:
                        out.append(_p(page, n, f"số hiệu '{written}' (cột {m.start() + 1}) viết sai chữ",
                                      f"viết đúng '{s.symbol}' như trong sổ văn bản"))
                continue
            s = by_symbol.get(canon.upper()) or by_folded.get(_fold_symbol(canon))
            if s is not None:
                out.append(_p(page, n, f"số hiệu '{written}' (cột {m.start() + 1}) viết không đúng dạng",
                              f"viết đúng '{s.symbol}' (dấu gạch ngang '-', không dấu cách, chữ hoa)"))
            elif canon != written or canon != canon.upper():
                out.append(_p(page, n, f"'{written}' (cột {m.start() + 1}) trông như số hiệu văn bản nhưng không có trong sổ văn bản",
                              "viết số hiệu dạng '42-HD/BTCTW' và thêm văn bản vào data/sources.yml, hoặc sửa số hiệu"))
    return out
