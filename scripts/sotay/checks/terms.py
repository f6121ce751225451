"""English terms: every English page uses the renderings of data/terms-en.yml.

On each English page (``*.en.md``: title, description and body, outside code):

- a rendering listed under a term's ``wrong:`` ("Party branch", "topic session",
  "Instruction 42-HD/BTCTW") is an error that names the handbook's rendering;
- the first use of a term in running text must show the Vietnamese right after it,
  in italics and in parentheses: ``Party cell (*chi bộ*)``. Headings, admonition
  titles, table header rows and ``<nav>`` blocks (the home page's buttons) do not
  count as a first use (they are labels; the Vietnamese goes where the term first
  appears in the text). Terms marked
  ``first_use: false`` are ordinary English words too and are left out;
- a document kind before a symbol must be the registry's: "Decision 294-QĐ/TW" is
  wrong when data/sources.yml says 294-QĐ/TW is a Quy định (Regulation).

Elsewhere: the English strings the build writes (the string tables of
scripts/sotay/ and the English parts of includes/abbreviations.md and mkdocs.yml)
must not use a wrong rendering; every kind, issuer and unnumbered name in
data/sources.yml should have its English in the terms file (a warning: the English
pages then show the Vietnamese, marked lang="vi").
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .. import model
from . import _markdown as md

SYMBOL_CORE = r"\d{1,5}-[A-ZĐ]{1,6}(?:/[A-ZĐ]{1,8})+"
# Words that name a kind of document in English texts, right or wrong.
KIND_WORDS = {"Instruction", "Instructions", "Guideline", "Guidelines", "Decision", "Circular", "Statute", "Order",
              "Stipulation", "Rule", "Decree"}
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# After a first use: 's, closing emphasis, the rest of a link, then "(*Vietnamese*".
FOLLOW = re.compile(r"^(?:['’]s)?(?:\*\*|__|\*|_)?(?:\]\(\s*)?\s*(?:\*\*|__)?\s*\(\s*\*([^*()]+)\*")


def _p(where, line, message, fix="", severity="error"):
    return model.Problem(where, line, message, fix, severity=severity, check="terms")


def _word_pattern(phrase: str) -> str:
    """A phrase as a regex: whole words, any spacing, the last word also in the plural."""
    if "{symbol}" in phrase:
        before, _, after = phrase.partition("{symbol}")
        return (_word_pattern(before.strip()) + r"\s+" if before.strip() else "") + SYMBOL_CORE + \
            (r"\s+" + _word_pattern(after.strip()) if after.strip() else "")
    words = phrase.split()
    last = words[-1]
    if re.search(r"[^aeiou]y$", last):
        last_re = re.escape(last[:-1]) + "(?:y|ies)"
    elif last.endswith("s"):
        last_re = re.escape(last)
    else:
        last_re = re.escape(last) + "(?:s|es)?"
    body = r"\s+".join([re.escape(w) for w in words[:-1]] + [last_re])
    return r"(?<![\w-])" + body + r"(?![\w-])"


_COMPILED: dict[int, tuple] = {}


def compiled(terms: model.Terms):
    """(uses, wrong) regexes of a terms table, built once per table."""
    key = id(terms)
    if key not in _COMPILED:
        _COMPILED[key] = (terms, _compile(terms))  # keeps the table alive: its id stays its own
    return _COMPILED[key][1]


def _compile(terms: model.Terms):
    uses = []
    for t in terms.terms:
        pattern = t.match or "|".join(f"(?:{_word_pattern(f)})" for f in sorted(t.forms, key=len, reverse=True))
        flags = 0 if t.match else re.I
        uses.append((t, re.compile(pattern, flags)))
    wrong = [(t, w, re.compile(_word_pattern(w), re.I)) for t in terms.terms for w in t.wrong]
    return uses, wrong


def term_uses(line: str, uses) -> list[tuple[int, int, model.Term]]:
    """Non-overlapping uses of terms in a line: at one place the longest form wins."""
    found = []
    for term, rx in uses:
        for m in rx.finditer(line):
            if m.end() > m.start():
                found.append((m.start(), m.end(), term))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, end = [], -1
    for start, stop, term in found:
        if start >= end:
            out.append((start, stop, term))
            end = stop
    return out


def shows_vietnamese(rest: str, term: model.Term) -> bool:
    m = FOLLOW.match(rest)
    if not m:
        return False
    inside = unicodedata.normalize("NFC", m.group(1)).lower()
    return any(v.lower() in inside for v in term.vi_forms)


def _label_lines(sc) -> set[int]:
    """Lines that are labels, not running text: headings, admonition titles, table headers."""
    out = set()
    rows = list(sc)
    in_nav = False
    for i, (n, raw, text, code) in enumerate(rows):
        if code:
            continue
        if re.match(r"^\s*<nav\b", raw):
            in_nav = True
        if in_nav:
            out.add(n)
            if "</nav>" in raw:
                in_nav = False
            continue
        if md.HEADING.match(text) and text.lstrip().startswith("#"):
            out.add(n)
        elif ADMONITION.match(text):
            out.add(n)
        elif i + 1 < len(rows) and TABLE_SEPARATOR.match(rows[i + 1][2] or "") and "|" in text:
            out.add(n)
        elif TABLE_SEPARATOR.match(text) and "|" in text or text.strip().startswith("---"):
            out.add(n)
    return out


def check(ctx) -> list:
    terms = ctx.terms
    out = list(terms.problems)
    if not terms.terms:
        return out
    uses, wrong = compiled(terms)
    by_symbol = ctx.registry.by_symbol()
    kind_words = set(terms.kinds.values()) | KIND_WORDS
    kind_re = re.compile(r"(?<![\w-])([A-Z][a-z]+)\s+(?:No\.\s*)?(" + SYMBOL_CORE + r")(?![\w/])")
    # "Decision 190-QĐ/TW" is right when the registry says 190-QĐ/TW is a Quyết định, though
    # "Decision {symbol}" is a wrong rendering of a Quy định (both are written "-QĐ/TW").
    registry_kind = {sym: terms.kinds.get(src.kind) for sym, src in by_symbol.items()}
    for page in ctx.pages:
        if page.lang == model.DEFAULT_LANG:
            continue
        where = page.where
        # Title and description: wrong renderings only.
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str):
                out += _wrong_in(value, wrong, where, page.line_of(key), registry_kind)
        sc = ctx.scan(page)
        labels = _label_lines(sc)
        seen: set[str] = set()
        for n, text in sc.prose():
            out += _wrong_in(text, wrong, where, n, registry_kind)
            for m in kind_re.finditer(text):
                word, sym = m.group(1), m.group(2)
                src = by_symbol.get(sym.upper())
                if word not in kind_words or src is None:
                    continue
                right = terms.kinds.get(src.kind)
                if right and word != right:
                    out.append(_p(where, n, f"'{word} {sym}': sổ văn bản ghi {sym} là {src.kind}",
                                  f"viết '{right} {sym}' (data/terms-en.yml, kinds)"))
            if n in labels:
                continue
            for start, stop, term in term_uses(text, uses):
                if term.vi in seen:
                    continue
                seen.add(term.vi)
                if term.first_use and not shows_vietnamese(text[stop:], term):
                    used = text[start:stop]
                    out.append(_p(where, n, f"lần đầu trang dùng '{used}' mà không kèm thuật ngữ tiếng Việt",
                                  f"viết '{used} (*{term.vi}*)' ở lần dùng đầu tiên (CONTRIBUTING.md, thuật ngữ tiếng Anh)"))
    out += _strings(ctx, wrong)
    out += _registry(ctx, terms)
    return out


def _wrong_matches(text: str, wrong):
    """(match, term, wrong form) of the wrong renderings in a text; of overlapping ones the longest."""
    found = sorted(((m, term, w) for term, w, rx in wrong for m in rx.finditer(text)),
                   key=lambda x: (x[0].start(), -(x[0].end() - x[0].start())))
    end = -1
    for m, term, w in found:
        if m.start() >= end:
            end = m.end()
            yield m, term, w


def _wrong_in(text: str, wrong, where: str, line: int | None, registry_kind: dict | None = None) -> list:
    """The wrong renderings in a text. ``registry_kind`` (symbol → English kind): a
    "{symbol}" rendering that is the registry's own kind of that document is right."""
    out = []
    for m, term, w in _wrong_matches(text, wrong):
        shown = m.group(0)
        fix = term.en
        if "{symbol}" in w:
            sym = re.search(SYMBOL_CORE, shown)
            if sym and registry_kind and registry_kind.get(sym.group(0).upper()) == shown[:sym.start()].split()[0]:
                continue
            fix = f"{term.en} {sym.group(0)}" if sym else term.en
        out.append(_p(where, line, f"'{shown}' không phải cách dịch của sổ tay cho '{term.vi}'",
                      f"viết '{fix}' (data/terms-en.yml)"))
    return out


def english_strings() -> list[tuple[Path, str]]:
    """(source file, string) of every English string the build writes from a table."""
    from .. import strings as string_tables

    out: list[tuple[Path, str]] = []

    def add(values, path: Path) -> None:
        for v in values:
            if isinstance(v, str):
                out.append((path, v))
            elif isinstance(v, (tuple, list)):
                add(v, path)
            elif isinstance(v, dict):
                add(v.values(), path)

    for name, texts in string_tables.STRINGS["en"].items():  # sotay.strings: every module's texts
        add(texts.values(), string_tables.FILES[name])
    return out


def _strings(ctx, wrong) -> list:
    out = []
    files: dict[Path, list[str]] = {}
    for path, value in english_strings():
        for m, term, w in _wrong_matches(value, wrong):
            lines = files.setdefault(path, path.read_text(encoding="utf-8").split("\n"))
            line = next((i for i, s in enumerate(lines, 1) if m.group(0) in s), None)
            out.append(_p(ctx.rel(path), line, f"chuỗi tiếng Anh '{m.group(0)}' không phải cách dịch của sổ tay cho '{term.vi}'",
                          f"viết '{term.en}' (data/terms-en.yml)"))
    # The English halves of the abbreviations, and mkdocs.yml's English settings.
    for path in (ctx.glossary_file, ctx.root / "mkdocs.yml"):
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except OSError:
            continue
        english = False
        for i, line in enumerate(lines, 1):
            if path == ctx.glossary_file:
                if " — " not in line:
                    continue
                text = line.split(" — ", 1)[1]
            else:  # mkdocs.yml: the lines of the English language's settings (i18n plugin)
                if re.match(r"^\s*-\s*locale:", line):
                    english = line.split(":", 1)[1].strip() == "en"
                elif re.match(r"^\S", line):
                    english = False
                if not english:
                    continue
                text = line
            for m, term, w in _wrong_matches(text, wrong):
                out.append(_p(ctx.rel(path), i, f"'{m.group(0)}' không phải cách dịch của sổ tay cho '{term.vi}'",
                              f"viết '{term.en}' (data/terms-en.yml)"))
    return out


def _registry(ctx, terms: model.Terms) -> list:
    """Every kind, issuer and unnumbered name of data/sources.yml has its English."""
    out = []
    where = ctx.rel(ctx.sources_file)
    missing: dict[tuple[str, str], int] = {}
    for s in ctx.registry.sources.values():
        if s.kind not in terms.kinds:
            missing.setdefault(("kinds", s.kind), s.line)
        if s.issuer not in terms.issuers:
            missing.setdefault(("issuers", s.issuer), s.line)
        if not re.search(r"\d", s.symbol) and s.symbol not in terms.names:
            missing.setdefault(("names", s.symbol), s.line)
    for (section, vi), line in missing.items():
        out.append(_p(where, line, f"'{vi}' chưa có tên tiếng Anh: trang tiếng Anh sẽ hiện nguyên tiếng Việt",
                      f"thêm '{vi}: …' vào phần {section} của data/terms-en.yml", severity="warning"))
    return out
