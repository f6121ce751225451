"""Pages: parsing the front matter, checking it against the schema, old addresses (``aliases:``), addresses, loading ``docs/``."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
import yaml
from .core import (
    AUDIENCES, COMMON_FIELDS, DEFAULT_LANG, DOCS, LANGS, NORMATIVE_TYPES, PAGE_TYPES, PLACEHOLDER,
    PLACEHOLDER_NAME, Problem, QA_GROUPS, SECTION_TYPES, TYPE_FIELDS, _YAML_LOADER, rel,
)
from .registry import _check_value, _line_map


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


@dataclass
class Page:
    path: Path                 # absolute path
    src: str                   # path relative to docs/, e.g. huong-dan/x.md
    lang: str                  # vi or en
    meta: dict[str, Any]
    body: str                  # Markdown after the front matter
    body_line: int             # line number (1-based) of the body's first line
    meta_lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.meta.get("type", "")

    @property
    def section(self) -> str:
        parts = self.src.split("/")
        return parts[0] if len(parts) > 1 else ""

    @property
    def base(self) -> str:
        """Language-neutral name: huong-dan/x.en.md -> huong-dan/x.md"""
        return base_name(self.src)

    @property
    def where(self) -> str:
        return rel(self.path)

    def line_of(self, key: str) -> int:
        return self.meta_lines.get(key, 1)

    def body_lines(self) -> Iterable[tuple[int, str]]:
        for i, line in enumerate(self.body.split("\n")):
            yield self.body_line + i, line

    def placeholders_used(self) -> list[tuple[int, str]]:
        return [(n, m.group(1)) for n, line in self.body_lines() for m in PLACEHOLDER.finditer(line)]


def lang_of(src: str) -> str:
    m = re.search(r"\.([a-z]{2})\.md$", src)
    return m.group(1) if m and m.group(1) in LANGS else DEFAULT_LANG


def base_name(src: str) -> str:
    return re.sub(r"\.(?:%s)\.md$" % "|".join(LANGS), ".md", src)


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*\r?\n?", re.S)


def parse_page(text: str, path: Path, docs_dir: Path = DOCS) -> Page:
    """Parse one Markdown page: front matter, body, and schema problems."""
    try:
        src = path.resolve().relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        src = path.name
    where = rel(path)
    page = Page(path=path, src=src, lang=lang_of(src), meta={}, body=text, body_line=1)
    m = FRONT_MATTER.match(text)
    if not m:
        page.problems.append(Problem(where, 1, "thiếu phần khai báo đầu trang (front matter)",
                                     "bắt đầu tệp bằng '---', các dòng 'title: …', 'type: …', rồi '---'", check="frontmatter"))
        return page
    raw = m.group(1) or ""
    page.body = text[m.end():]
    page.body_line = text[: m.end()].count("\n") + 1
    try:
        loader = _YAML_LOADER(raw)
        try:
            node = loader.get_single_node()
            meta = (loader.construct_document(node) if node is not None else None) or {}
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        page.problems.append(Problem(where, line, f"khai báo đầu trang không phải YAML hợp lệ: {getattr(e, 'problem', e)}",
                                     "kiểm tra dấu ':' sau mỗi khóa, thụt lề bằng dấu cách, đặt chuỗi có ':' trong ngoặc kép",
                                     check="frontmatter"))
        return page
    if not isinstance(meta, dict):
        page.problems.append(Problem(where, 2, "khai báo đầu trang phải là các dòng 'khóa: giá trị'", "", check="frontmatter"))
        return page
    page.meta = meta
    page.meta_lines = {k: v + 1 for k, v in _line_map(node).items()}
    page.problems.extend(validate_meta(page))
    return page


# Pages already parsed in this process, by file and content: the hooks, the
# checks and the exports each ask for the pages, and a build asks once per
# language; a changed file (mkdocs serve) is parsed again. Callers must not
# change a Page they get.
_PARSED: dict[tuple[str, str, bytes], Page] = {}


def load_page(path: Path, docs_dir: Path = DOCS) -> Page:
    raw = path.read_bytes()
    key = (str(path), str(docs_dir), raw)
    page = _PARSED.get(key)
    if page is None:
        page = _PARSED[key] = _load_page(raw, path, docs_dir)
    return page


def _load_page(raw: bytes, path: Path, docs_dir: Path) -> Page:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        p = Page(path=path, src=path.name, lang=DEFAULT_LANG, meta={}, body="", body_line=1)
        line = raw[: e.start].count(b"\n") + 1
        p.problems.append(Problem(rel(path), line, "tệp không phải UTF-8", "lưu lại tệp với mã hóa UTF-8", check="frontmatter"))
        return p
    return parse_page(text, path, docs_dir)


def validate_meta(page: Page) -> list[Problem]:
    meta, where, out = page.meta, page.where, []

    def add(key: str | None, message: str, fix: str = "") -> None:
        out.append(Problem(where, page.line_of(key) if key else 2, message, fix, check="frontmatter"))

    ptype = meta.get("type")
    if not isinstance(ptype, str) or ptype not in TYPE_FIELDS:
        add("type" if "type" in meta else None,
            f"loại trang '{ptype}' không hợp lệ" if ptype else "thiếu 'type'",
            "đặt type là một trong: " + ", ".join(PAGE_TYPES))
        return out
    spec = {**COMMON_FIELDS, **TYPE_FIELDS[ptype]}
    for key in meta:
        if key not in spec:
            close = [k for k in spec if _similar(k, key)]
            add(key, f"khóa '{key}' không dùng cho trang loại {ptype}",
                f"có phải là '{close[0]}'?" if close else "các khóa dùng được: " + ", ".join(spec))
    for key, (kind, required, desc) in spec.items():
        if key not in meta or meta[key] is None:
            if required:
                add(None, f"thiếu '{key}'", f"thêm dòng '{key}: …' ({desc})")
            continue
        reason = _check_value(kind, meta[key])
        if reason:
            add(key, f"'{key}' {reason}", desc)
    allowed = SECTION_TYPES.get(page.section)
    if allowed is not None and ptype not in allowed:
        add("type", f"trang loại {ptype} không đặt trong thư mục '{page.section or 'docs'}/'",
            "loại dùng được ở đây: " + ", ".join(sorted(allowed)))
    for key in ("translation_of", "pair_exceptions"):
        if page.lang == DEFAULT_LANG and key in meta:
            add(key, f"'{key}' chỉ dùng ở bản dịch (tệp .en.md)", f"xóa dòng '{key}:' khỏi trang tiếng Việt")
    if page.lang != DEFAULT_LANG:
        value = meta.get("translation_of")
        if value is None:
            add(None, "bản dịch thiếu 'translation_of' (bản tiếng Việt nào đã được dịch)",
                f"đối chiếu với docs/{page.base}, rồi chạy: python -m sotay translations --update {page.src}")
        elif not isinstance(value, str) or not TRANSLATION_HASH.match(value):
            add("translation_of", f"'translation_of: {value}' không phải mã của bản tiếng Việt ({TRANSLATION_HASH_LEN} chữ số hex)",
                f"chạy: python -m sotay translations --update {page.src}")
    if isinstance(meta.get("review_in"), int) and not 1 <= meta["review_in"] <= 36:
        add("review_in", "review_in phải từ 1 đến 36 tháng", "đặt thời hạn rà soát, ví dụ 12")
    if isinstance(meta.get("reviewed"), dt.date) and meta["reviewed"] > dt.date.today():
        add("reviewed", f"ngày rà soát {meta['reviewed']} ở tương lai", "ghi ngày đã rà soát thật")
    for key in ("audience",):
        for a in meta.get(key) if isinstance(meta.get(key), list) else []:
            if isinstance(a, str) and a not in AUDIENCES:
                add(key, f"người đọc '{a}' không có", "dùng: " + ", ".join(AUDIENCES))
    if ptype in NORMATIVE_TYPES and not meta.get("sources"):
        add("sources" if "sources" in meta else None, "trang nêu quy định nhưng không có 'sources'",
            "thêm 'sources: [ma-van-ban]' với mã trong data/sources.yml")
    if ptype in NORMATIVE_TYPES and not meta.get("audience"):
        add(None, "thiếu 'audience'", "thêm 'audience: [bi-thu]' (" + ", ".join(AUDIENCES) + ")")
    if ptype == "qa" and isinstance(meta.get("group"), str) and meta["group"] not in QA_GROUPS:
        add("group", f"nhóm hỏi đáp '{meta['group']}' không có", "dùng: " + ", ".join(QA_GROUPS))
    if isinstance(meta.get("aliases"), list):
        _alias_problems_of_page(page, add)
    for key in ("placeholders",):
        for name in (meta.get(key) or {}) if isinstance(meta.get(key), dict) else []:
            if not PLACEHOLDER_NAME.match(str(name)):
                add(key, f"tên chỗ điền '{name}' không hợp lệ", "chỉ dùng chữ thường không dấu, số và '_', ví dụ ten_chi_bo")
    return out


# --------------------------------------------------------------------------
# Old addresses (aliases): a page merged into another keeps its address working
# --------------------------------------------------------------------------

ALIAS = re.compile(r"^(?:[a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*\.md$")


def _alias_problems_of_page(page: Page, add) -> None:
    """What one page's ``aliases:`` may hold (the cross-page rules are in :func:`alias_problems`)."""
    if page.lang != DEFAULT_LANG:
        add("aliases", "'aliases' chỉ khai báo ở bản tiếng Việt",
            f"chuyển 'aliases:' sang docs/{page.base}; trang chuyển hướng được ghi cho cả hai ngôn ngữ")
        return
    for alias in page.meta["aliases"]:
        if not isinstance(alias, str):
            continue
        if not ALIAS.match(alias) or re.search(r"\.(?:%s)\.md$" % "|".join(LANGS[1:]), alias) or \
                alias.rsplit("/", 1)[-1] == "index.md":
            add("aliases", f"địa chỉ cũ '{alias}' không đúng dạng",
                "viết tên tệp cũ tính từ docs/, chữ thường không dấu, đuôi .md, không có .en: ví dụ hoi-dap/ten-cu.md")
        elif alias == page.base:
            add("aliases", f"'{alias}' là chính trang này", "bỏ dòng này khỏi 'aliases'")


def alias_map(pages: Iterable[Page]) -> dict[str, Page]:
    """Old docs/ name -> the page that now answers it (Vietnamese original), from ``aliases:``."""
    out: dict[str, Page] = {}
    for p in pages:
        if p.lang != DEFAULT_LANG or not isinstance(p.meta.get("aliases"), list):
            continue
        for alias in p.meta["aliases"]:
            if isinstance(alias, str) and ALIAS.match(alias) and alias != p.base:
                out.setdefault(alias, p)
    return out


def alias_problems(pages: list[Page]) -> list[Problem]:
    """Aliases across pages: an old name still has its file, or two pages claim it."""
    out: list[Problem] = []
    have = {p.src for p in pages}
    claimed: dict[str, Page] = {}
    for p in pages:
        if p.lang != DEFAULT_LANG or not isinstance(p.meta.get("aliases"), list):
            continue
        for alias in p.meta["aliases"]:
            if not isinstance(alias, str) or not ALIAS.match(alias) or alias == p.base:
                continue
            if alias in have or any(alias[:-3] + f".{lang}.md" in have for lang in LANGS[1:]):
                out.append(Problem(p.where, p.line_of("aliases"),
                                   f"địa chỉ cũ '{alias}' vẫn còn tệp docs/{alias}: hai trang cùng một địa chỉ",
                                   f"xóa docs/{alias} (và bản dịch) sau khi gộp nội dung vào trang này, hoặc bỏ '{alias}' khỏi 'aliases'",
                                   check="frontmatter"))
            elif alias in claimed:
                out.append(Problem(p.where, p.line_of("aliases"),
                                   f"địa chỉ cũ '{alias}' đã được {claimed[alias].src} nhận",
                                   "một địa chỉ cũ chỉ chuyển tới một trang: bỏ dòng này ở một trong hai trang",
                                   check="frontmatter"))
            else:
                claimed[alias] = p
    return out


def page_url(src: str, lang: str = DEFAULT_LANG) -> str:
    """URL path of a page from the site root, no leading '/': huong-dan/x.md -> huong-dan/x/ (en/huong-dan/x/)."""
    base = base_name(src)
    if base == "index.md":
        url = ""
    elif base.endswith("/index.md"):
        url = base[: -len("index.md")]
    else:
        url = base[:-3] + "/"
    return ("" if lang == DEFAULT_LANG else f"{lang}/") + url


def _similar(a: str, b: str) -> bool:
    if a == b:
        return False
    if abs(len(a) - len(b)) > 2:
        return False
    # small edit distance
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


def iter_markdown(docs_dir: Path = DOCS) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md") if not any(part.startswith(("_", ".")) for part in p.relative_to(docs_dir).parts))


def load_pages(docs_dir: Path = DOCS) -> list[Page]:
    return [load_page(p, docs_dir) for p in iter_markdown(docs_dir)]


# Names from the modules after this one (imported last: no import cycle at load time).
from .structure import TRANSLATION_HASH, TRANSLATION_HASH_LEN  # noqa: E402
