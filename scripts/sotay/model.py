"""The content model: the one place that knows what a page is.

Page types and their front matter schema, the sources registry
(``data/sources.yml``), the glossary (``includes/abbreviations.md``), the
placeholder syntax of forms and the site navigation. The MkDocs hooks, the
checks (``python -m sotay check``), the exports (Word, print) and the tests all
load content through this module; none of them parses front matter itself.

Every problem found is a :class:`Problem` that names the file, the line, what is
wrong and how to fix it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

# libyaml's parser when PyYAML has it: ten times faster on the front matter of every page.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SOURCES_FILE = ROOT / "data" / "sources.yml"
SOURCE_NOTES_FILE = ROOT / "data" / "sources-notes.yml"
GLOSSARY_FILE = ROOT / "includes" / "abbreviations.md"
TERMS_FILE = ROOT / "data" / "terms-en.yml"
SETTINGS_FILE = ROOT / "pyproject.toml"

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

# --------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    fix: str = ""
    severity: str = "error"  # "error" or "warning"
    check: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


def rel(path: Path | str) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


# --------------------------------------------------------------------------
# Page types and front matter schema
# --------------------------------------------------------------------------

AUDIENCES = {
    "bi-thu": "Bí thư, chi ủy",
    "dang-vien": "Đảng viên",
    "giang-vien": "Giảng viên, báo cáo viên",
    "hoc-vien": "Học viên lớp bồi dưỡng",
}

QA_GROUPS = {
    "chuan-bi-chu-tri": "Chuẩn bị và chủ trì sinh hoạt",
    "bieu-quyet": "Biểu quyết và tính hợp lệ",
    "dang-vien": "Đảng viên vắng mặt, miễn sinh hoạt, sinh hoạt tạm thời, chuyển sinh hoạt",
    "bien-ban-nghi-quyet": "Biên bản, nghị quyết và hồ sơ",
    "chi-bo-dac-thu": "Chi bộ đặc thù và sinh hoạt trực tuyến",
    "chuyen-de": "Sinh hoạt chuyên đề",
    "phe-binh-ky-luat": "Phê bình, kiểm điểm và kỷ luật",
    "ket-nap": "Kết nạp đảng viên",
    "xay-dung-chi-bo": "Xây dựng chi bộ và đội ngũ đảng viên",
    "kiem-tra-dang-phi": "Kiểm tra, giám sát và đảng phí",
}

QA_GROUPS_EN = {
    "chuan-bi-chu-tri": "Preparing and chairing",
    "bieu-quyet": "Voting and validity",
    "dang-vien": "Absent, exempt and transferring members",
    "bien-ban-nghi-quyet": "Minutes, resolutions and records",
    "chi-bo-dac-thu": "Special cells and online meetings",
    "chuyen-de": "Thematic meetings",
    "phe-binh-ky-luat": "Criticism, review and discipline",
    "ket-nap": "Admitting members",
    "xay-dung-chi-bo": "Building the cell and its members",
    "kiem-tra-dang-phi": "Inspection, supervision and Party dues",
}

# The page types. Each field spec is (python type(s), required, description).
# "list[str]" fields are lists of non-empty strings.
_STR, _INT, _DATE, _LIST, _DICT, _BOOL = "str", "int", "date", "list[str]", "dict[str,str]", "bool"

COMMON_FIELDS: dict[str, tuple[str, bool, str]] = {
    "title": (_STR, True, "tiêu đề trang, tiếng Việt có dấu"),
    "description": (_STR, True, "một câu tóm tắt (dùng cho thẻ meta và kết quả tìm kiếm)"),
    "type": (_STR, True, "loại trang: " + ", ".join(["home", "section", "guide", "template", "form", "qa", "lesson", "reference",
                                                    "tool"])),
    "audience": (_LIST, False, "người đọc: " + ", ".join(AUDIENCES)),
    "sources": (_LIST, False, "mã văn bản làm căn cứ, trong data/sources.yml"),
    "history": (_LIST, False, "mã văn bản đã hết hiệu lực, chỉ nhắc như lịch sử"),
    "reviewed": (_DATE, True, "ngày rà soát lần cuối, dạng 2026-11-23"),
    "review_in": (_INT, True, "số tháng đến lần rà soát sau (1–36)"),
    "tags": (_LIST, False, "từ khóa"),
    "order": (_INT, False, "thứ tự trong mục lục của phần"),
    "aliases": (_LIST, False, "địa chỉ cũ của trang: tệp đã gộp vào trang này, ví dụ [hoi-dap/ten-cu.md] "
                              "(bản dựng ghi một trang chuyển hướng ở địa chỉ cũ, cả hai ngôn ngữ)"),
    # Translations only (page.en.md): the version of the Vietnamese page translated.
    "translation_of": ("hash", False, "mã bản tiếng Việt đã dịch (python -m sotay translations --update TRANG)"),
    "pair_exceptions": (_LIST, False, "số, số hiệu, ngày, liên kết bản dịch cố ý thêm hoặc bỏ (kiểm tra pairs)"),
    # Keys MkDocs / Material understand; allowed on any page.
    "hide": (_LIST, False, "phần giao diện cần ẩn (navigation, toc, …)"),
    "search": ("dict", False, "cấu hình tìm kiếm của Material"),
    "icon": (_STR, False, "biểu tượng Material"),
    "template": (_STR, False, "mẫu giao diện"),
}

TYPE_FIELDS: dict[str, dict[str, tuple[str, bool, str]]] = {
    "home": {},
    "section": {"group": (_STR, False, "nhóm hỏi đáp mà trang mục lục này liệt kê")},
    "reference": {},
    "guide": {},
    "qa": {"group": (_STR, True, "nhóm câu hỏi: " + ", ".join(QA_GROUPS))},
    "template": {
        "duration": (_INT, True, "tổng thời lượng buổi sinh hoạt, phút"),
        "theme": (_STR, False, "chủ đề"),
        "placeholders": (_DICT, False, "chỗ cần điền: tên → nhãn"),
    },
    "form": {
        # Required for a Party document (sotay.forms checks it); an internal aid has none.
        "doc_code": (_STR, False, "ký hiệu loại văn bản theo thể thức (NQ, BB, KL, TB, CTr…)"),
        "internal": (_BOOL, False, "true: tài liệu nội bộ (kịch bản chủ trì), không phải văn bản ban hành"),
        "placeholders": (_DICT, True, "chỗ cần điền: tên → nhãn"),
    },
    "lesson": {
        "teaching": (_INT, True, "số phút giảng"),
        "exercises": (_INT, True, "số phút bài tập, thực hành"),
        "questions": (_LIST, True, "câu hỏi bài học trả lời"),
        "objectives": (_LIST, True, "mục tiêu: học viên làm được gì"),
        "keypoints": (_LIST, True, "điểm chính cần nhớ"),
    },
    # A page that works as a tool in the browser (cong-cu/): its body holds a
    # <!-- sotay:tool name=… --> marker; the rules it applies come from data/
    # (sotay.tools), never from numbers written in the page or the script.
    "tool": {},
}

# Types whose pages state rules: they must name at least one source in force.
NORMATIVE_TYPES = {"guide", "template", "form", "qa", "lesson", "tool"}
# Types that are only for a person preparing something: a checklist is expected.
PAGE_TYPES = tuple(TYPE_FIELDS)

# Which types may live in which top-level folder.
SECTION_TYPES = {
    "": {"home", "reference", "section"},
    "cong-cu": {"section", "tool"},
    "huong-dan": {"section", "guide"},
    "mau": {"section", "template", "form"},
    "hoi-dap": {"section", "qa"},
    "tap-huan": {"section", "lesson", "reference"},
    "van-ban": {"section", "reference"},
    "gioi-thieu": {"reference", "section"},
}

SECTION_TITLES = {
    "cong-cu": ("Công cụ", "Tools"),
    "huong-dan": ("Hướng dẫn", "Guides"),
    "mau": ("Mẫu và biểu mẫu", "Templates and forms"),
    "hoi-dap": ("Hỏi đáp tình huống", "Questions and answers"),
    "tap-huan": ("Tập huấn", "Training"),
    "van-ban": ("Văn bản căn cứ", "Documents cited"),
    "gioi-thieu": ("Giới thiệu", "About"),
}
SECTION_ORDER = ["cong-cu", "huong-dan", "mau", "hoi-dap", "tap-huan", "van-ban", "gioi-thieu"]

# One placeholder syntax for templates and forms: {{ten_chi_bo}}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
PLACEHOLDER_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------
# Sources registry
# --------------------------------------------------------------------------

SOURCE_STATUSES = {
    "in_force": "Đang có hiệu lực",
    "pilot": "Thí điểm",
    "superseded": "Đã được thay thế",
    "reference": "Tài liệu tham khảo (không phải văn bản quy phạm)",
}
SOURCE_FIELDS = {
    "id": (_STR, True),
    "symbol": (_STR, True),
    "kind": (_STR, True),
    "date": (_DATE, False),
    "issuer": (_STR, True),
    "title": (_STR, True),
    "title_en": (_STR, False),
    "status": (_STR, True),
    "superseded_by": (_STR, False),
    "verified": (_BOOL, True),
    "seen_in": (_STR, False),
    "note": (_STR, False),
    "note_en": (_STR, False),
    "url": (_STR, False),
    "expected_change": ("dict", False),
}
# expected_change: a change announced or reported but not yet in the handbook's text.
# Shown next to the document on every page that cites it, and listed on
# van-ban/thay-doi-sap-toi.md. Keys: note (one sentence: what is expected; shown on
# every citing page), seen_in (where it was seen), date (when it was announced or
# reported, optional), detail (optional: what it means for the handbook, shown on
# van-ban/thay-doi-sap-toi.md), note_en, detail_en (optional).
EXPECTED_CHANGE_KEYS = {"note": (_STR, True), "seen_in": (_STR, True), "date": (_DATE, False), "note_en": (_STR, False),
                        "detail": (_STR, False), "detail_en": (_STR, False)}


@dataclass
class Source:
    id: str
    symbol: str
    kind: str
    issuer: str
    title: str
    status: str
    verified: bool
    date: dt.date | None = None
    title_en: str = ""
    superseded_by: str = ""
    seen_in: str = ""
    note: str = ""
    note_en: str = ""
    url: str = ""
    expected_change: dict = field(default_factory=dict)
    line: int = 0

    @property
    def in_force(self) -> bool:
        return self.status in ("in_force", "pilot")

    @property
    def is_reference(self) -> bool:
        """An article or other reference: shown as "Tham khảo", never as a basis ("Căn cứ")."""
        return self.status == "reference"

    @property
    def anchor(self) -> str:
        return self.id

    def date_vi(self) -> str:
        return f"{self.date.day:02d}/{self.date.month:02d}/{self.date.year}" if self.date else "chưa rõ ngày"

    def label(self) -> str:
        """'Hướng dẫn 42-HD/BTCTW' — how pages name the document; a reference by its own label."""
        if self.is_reference:
            return self.symbol
        return f"{self.kind} {self.symbol}".strip() if self.symbol not in self.kind else self.kind


@dataclass
class Registry:
    sources: dict[str, Source]
    problems: list[Problem]

    def by_symbol(self) -> dict[str, Source]:
        return {s.symbol.upper(): s for s in self.sources.values()}

    def get(self, sid: str) -> Source | None:
        return self.sources.get(sid)


def _line_map(node) -> dict:
    """Map keys of a YAML mapping node to their 1-based line numbers."""
    out = {}
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            out[k.value] = k.start_mark.line + 1
    return out


def _check_value(kind: str, value: Any) -> str | None:
    """Return a reason if ``value`` is not of ``kind``; None if it is."""
    if kind == _STR:
        if not isinstance(value, str) or not value.strip():
            return "phải là một chuỗi chữ không rỗng"
    elif kind == _INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return "phải là một số nguyên"
    elif kind == _DATE:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            return "phải là một ngày dạng YYYY-MM-DD, ví dụ 2026-11-23"
    elif kind == _LIST:
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            return "phải là một danh sách chuỗi, ví dụ [a, b]"
    elif kind == _DICT:
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            return "phải là một bảng tên: nhãn, ví dụ {ten_chi_bo: Tên chi bộ}"
    elif kind == _BOOL:
        if not isinstance(value, bool):
            return "phải là true hoặc false"
    elif kind == "dict":
        if not isinstance(value, dict):
            return "phải là một bảng khóa: giá trị"
    return None


def _expected_change_problem(change: Any, status: str) -> str | None:
    """Why an ``expected_change`` value is wrong, or None."""
    if status == "superseded":
        return "không dùng cho văn bản đã được thay thế (đã thay đổi rồi)"
    if not isinstance(change, dict):
        return "phải là một bảng khóa: giá trị"
    for key in change:
        if key not in EXPECTED_CHANGE_KEYS:
            return f"có khóa lạ '{key}' (dùng: {', '.join(EXPECTED_CHANGE_KEYS)})"
    for key, (kind, required) in EXPECTED_CHANGE_KEYS.items():
        if change.get(key) is None:
            if required:
                return f"thiếu '{key}'"
            continue
        reason = _check_value(kind, change[key])
        if reason:
            return f"'{key}' {reason}"
    return None


def load_registry(path: Path = SOURCES_FILE) -> Registry:
    problems: list[Problem] = []
    where = rel(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_YAML_LOADER)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except FileNotFoundError:
        return Registry({}, [Problem(where, None, "không tìm thấy sổ văn bản", "tạo data/sources.yml", check="sources")])
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        return Registry({}, [Problem(where, line + 1 if line is not None else None,
                                     f"YAML không hợp lệ: {getattr(e, 'problem', e)}",
                                     "sửa cú pháp YAML (thụt lề bằng dấu cách, dấu ':' sau khóa)", check="sources")])
    if not isinstance(data, list):
        return Registry({}, [Problem(where, 1, "sổ văn bản phải là một danh sách", "mỗi văn bản bắt đầu bằng '- id: …'", check="sources")])
    sources: dict[str, Source] = {}
    for item, inode in zip(data, node.value if node else []):
        line = inode.start_mark.line + 1
        lines = _line_map(inode)
        if not isinstance(item, dict):
            problems.append(Problem(where, line, "mục không phải là một bảng khóa", "viết dạng '- id: …'", check="sources"))
            continue
        ok = True
        for key in item:
            if key not in SOURCE_FIELDS:
                problems.append(Problem(where, lines.get(key, line), f"khóa lạ '{key}'",
                                        "các khóa được dùng: " + ", ".join(SOURCE_FIELDS), check="sources"))
                ok = False
        for key, (kind, required) in SOURCE_FIELDS.items():
            if key not in item or item[key] is None:
                if required:
                    problems.append(Problem(where, line, f"thiếu '{key}' ở văn bản {item.get('id', '?')}",
                                            f"thêm '{key}:'", check="sources"))
                    ok = False
                continue
            reason = _check_value(kind, item[key])
            if reason:
                problems.append(Problem(where, lines.get(key, line), f"'{key}' {reason}", "", check="sources"))
                ok = False
        if not ok:
            continue
        if item["status"] not in SOURCE_STATUSES:
            problems.append(Problem(where, lines.get("status", line), f"trạng thái lạ '{item['status']}'",
                                    "dùng một trong: " + ", ".join(SOURCE_STATUSES), check="sources"))
            continue
        if item["id"] in sources:
            problems.append(Problem(where, line, f"mã '{item['id']}' bị trùng", "đặt mã khác", check="sources"))
            continue
        change = item.get("expected_change")
        if change is not None:
            bad = _expected_change_problem(change, item["status"])
            if bad:
                problems.append(Problem(where, lines.get("expected_change", line), f"'expected_change' của '{item['id']}' {bad}",
                                        "viết dạng: expected_change: {note: 'Điều sắp thay đổi', seen_in: 'nơi đã thấy', date: 2026-02-07}",
                                        check="sources"))
                continue
        sources[item["id"]] = Source(**{k: v for k, v in item.items()}, line=line)
    for s in sources.values():
        if s.status == "superseded" and s.superseded_by and s.superseded_by not in sources:
            problems.append(Problem(where, s.line, f"'{s.id}' được thay thế bởi '{s.superseded_by}' nhưng mã này không có",
                                    "thêm văn bản thay thế vào sổ hoặc sửa mã", check="sources"))
        if s.status != "superseded" and s.superseded_by:
            problems.append(Problem(where, s.line, f"'{s.id}' có superseded_by nhưng trạng thái là {s.status}",
                                    "đặt status: superseded hoặc bỏ superseded_by", check="sources"))
    return Registry(sources, problems)


NOTE_KEYS = {"claim": True, "source": True, "point": True, "seen_in": True, "seen": True, "wording": True,
             "mark": True, "note": False}
NOTE_MARKS = ("V", "S", "none")


def source_note_problems(registry: Registry, path: Path = SOURCE_NOTES_FILE) -> list[Problem]:
    """The notes beside the registry (data/sources-notes.yml): one fact per entry, each naming
    a registry id, with the point, the sites, the date seen, the wording and a mark."""
    where = rel(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_YAML_LOADER)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError) as e:
        return [Problem(where, None, f"không đọc được sổ ghi đối chiếu ({e})", "lưu tệp dạng UTF-8", check="sources")]
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        return [Problem(where, line + 1 if line is not None else None, f"YAML không hợp lệ: {getattr(e, 'problem', e)}",
                        "đặt chuỗi có dấu ':' trong ngoặc kép", check="sources")]
    if data is None:
        return []
    if not isinstance(data, list):
        return [Problem(where, 1, "sổ ghi đối chiếu phải là một danh sách", "mỗi điều bắt đầu bằng '- claim: …'", check="sources")]
    out = []
    for item, inode in zip(data, node.value if node else []):
        line = inode.start_mark.line + 1
        if not isinstance(item, dict):
            out.append(Problem(where, line, "mục không phải là một bảng khóa", "viết dạng '- claim: …'", check="sources"))
            continue
        for key in item:
            if key not in NOTE_KEYS:
                out.append(Problem(where, line, f"khóa lạ '{key}'", "dùng: " + ", ".join(NOTE_KEYS), check="sources"))
        for key, required in NOTE_KEYS.items():
            if required and (item.get(key) is None or str(item.get(key)).strip() == ""):
                out.append(Problem(where, line, f"thiếu '{key}'", f"thêm '{key}: …'", check="sources"))
        if item.get("source") is not None and registry.get(str(item["source"])) is None:
            out.append(Problem(where, line, f"mã văn bản '{item['source']}' không có trong sổ văn bản",
                               "dùng một id trong data/sources.yml", check="sources"))
        if item.get("mark") is not None and str(item["mark"]) not in NOTE_MARKS:
            out.append(Problem(where, line, f"mark '{item['mark']}' không hợp lệ", "dùng V, S hoặc none", check="sources"))
        if item.get("seen") is not None and not isinstance(item["seen"], dt.date):
            out.append(Problem(where, line, "'seen' phải là ngày dạng YYYY-MM-DD", "", check="sources"))
    return out


# --------------------------------------------------------------------------
# Glossary (abbreviations)
# --------------------------------------------------------------------------

ABBR_LINE = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$")


@dataclass
class Abbreviation:
    abbr: str
    expansion: str
    line: int


def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[dict[str, Abbreviation], list[Problem]]:
    out: dict[str, Abbreviation] = {}
    problems: list[Problem] = []
    where = rel(path)
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("<!--"):
            continue
        m = ABBR_LINE.match(line)
        if not m:
            problems.append(Problem(where, i, "dòng không đúng cú pháp chữ viết tắt",
                                    "viết dạng '*[BCH]: Ban Chấp hành — Executive Committee'", check="glossary"))
            continue
        if m.group(1) in out:
            problems.append(Problem(where, i, f"'{m.group(1)}' đã có ở dòng {out[m.group(1)].line}", "bỏ một dòng", check="glossary"))
        out[m.group(1)] = Abbreviation(m.group(1), m.group(2), i)
    return out, problems


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


# --------------------------------------------------------------------------
# Sources on a page
# --------------------------------------------------------------------------

# Document symbols as they appear in text: 42-HD/BTCTW, 294-QĐ/TW, 36-HD/VPTW, 03-HD/TW
SYMBOL = re.compile(r"(?<![\w/-])(\d{1,5}-[A-ZĐ]{1,6}(?:/[A-ZĐ]{1,8})+)(?![\w/])")


def source_problems(page: Page, registry: Registry) -> list[Problem]:
    """Sources named in front matter and document symbols mentioned in the text."""
    out: list[Problem] = []
    where = page.where
    for key in ("sources", "history"):
        ids = page.meta.get(key) or []
        if not isinstance(ids, list):
            continue
        for sid in ids:
            s = registry.get(sid)
            line = page.line_of(key)
            if s is None:
                close = [k for k in registry.sources if _similar(k, str(sid))]
                out.append(Problem(where, line, f"mã văn bản '{sid}' không có trong sổ văn bản",
                                   f"có phải '{close[0]}'?" if close else "thêm văn bản vào data/sources.yml hoặc sửa mã",
                                   check="sources"))
            elif key == "sources" and s.status == "superseded":
                new = registry.get(s.superseded_by)
                out.append(Problem(where, line, f"'{sid}' ({s.symbol}) đã được thay thế nhưng được nêu làm căn cứ hiện hành",
                                   f"dẫn {new.symbol} ({new.id}) thay thế; nếu cần nhắc văn bản cũ, chuyển '{sid}' sang 'history:'"
                                   if new else f"chuyển '{sid}' sang 'history:'", check="sources"))
            elif key == "history" and s.is_reference:
                out.append(Problem(where, line, f"'{sid}' là bài viết tham khảo, không phải văn bản đã được thay thế",
                                   f"chuyển '{sid}' sang 'sources:'; trang sẽ ghi nó dưới mục 'Tham khảo'", check="sources"))
            elif key == "sources" and not s.verified:
                out.append(Problem(where, line, f"'{sid}' ({s.symbol}) chưa được đối chiếu với văn bản gốc",
                                   "trang sẽ tự ghi 'chưa đối chiếu văn bản gốc' cạnh văn bản này; ghi vào data/sources-notes.yml điều đã thấy khi đối chiếu được",
                                   severity="warning", check="sources"))
    if page.type in NORMATIVE_TYPES:
        ids = page.meta.get("sources") or []
        if ids and isinstance(ids, list) and not any((registry.get(i) and registry.get(i).status in ("in_force", "pilot")) for i in ids):
            out.append(Problem(where, page.line_of("sources"), "không có văn bản nào đang có hiệu lực trong 'sources'",
                               "nêu ít nhất một văn bản đang có hiệu lực (xem trang Văn bản căn cứ)", check="sources"))
    by_symbol = registry.by_symbol()
    history = set(page.meta.get("history") or []) | set(page.meta.get("sources") or [])
    in_code = False
    for n, line in page.body_lines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        for m in SYMBOL.finditer(line):
            sym = m.group(1).upper()
            s = by_symbol.get(sym)
            if s is None:
                out.append(Problem(where, n, f"văn bản '{m.group(1)}' được nhắc nhưng không có trong sổ văn bản",
                                   "thêm vào data/sources.yml (số, ngày, cơ quan, trạng thái, đã đối chiếu chưa) hoặc sửa số hiệu",
                                   check="sources"))
            elif s.status == "superseded" and s.id not in history:
                out.append(Problem(where, n, f"'{m.group(1)}' đã được thay thế nhưng trang không ghi là văn bản cũ",
                                   f"thêm '{s.id}' vào 'history:' của trang và nói rõ văn bản hiện hành", check="sources"))
    return out


# --------------------------------------------------------------------------
# Review dates (as GOV.UK does)
# --------------------------------------------------------------------------


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    import calendar

    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def review_due(page: Page) -> dt.date | None:
    r, n = page.meta.get("reviewed"), page.meta.get("review_in")
    if isinstance(r, dt.date) and not isinstance(r, dt.datetime) and isinstance(n, int) and not isinstance(n, bool):
        return add_months(r, n)
    return None


# --------------------------------------------------------------------------
# Navigation
# --------------------------------------------------------------------------


def section_pages(pages: list[Page], section: str, lang: str = DEFAULT_LANG) -> list[Page]:
    """Pages of a section in nav order (order, then title), default language only."""
    items = [p for p in pages if p.section == section and p.lang == lang and not p.src.endswith("index.md")]
    return sorted(items, key=lambda p: (p.meta.get("order", 999) if isinstance(p.meta.get("order"), int) else 999,
                                        str(p.meta.get("title", ""))))


def build_nav(pages: list[Page]) -> list:
    """The MkDocs nav, from the content: sections in SECTION_ORDER, pages by 'order'.

    Q&A pages are grouped by their 'group'. Titles come from the pages (so each
    language gets its own); section titles are translated by the i18n plugin.
    """
    nav: list = ["index.md"]
    have = {p.src for p in pages}
    for section in SECTION_ORDER:
        if f"{section}/index.md" not in have:
            continue
        title = SECTION_TITLES[section][0]
        items: list = [f"{section}/index.md"]
        members = section_pages(pages, section)
        if section == "hoi-dap":
            for gid, gtitle in QA_GROUPS.items():
                group_index = f"hoi-dap/{gid}.md"
                qs = [p.src for p in members if p.type == "qa" and p.meta.get("group") == gid]
                if group_index in have:
                    items.append({gtitle: [group_index] + qs})
                elif qs:
                    items.append({gtitle: qs})
            others = [p.src for p in members if p.type != "qa" and p.src.split("/")[-1][:-3] not in QA_GROUPS]
            items.extend(others)
        elif section == "mau":
            kits = [p.src for p in members if p.type == "template"]
            forms = [p.src for p in members if p.type == "form"]
            rest = [p.src for p in members if p.type not in ("template", "form")]
            if forms:
                items.append({"Biểu mẫu sinh hoạt": forms})
            if kits:
                items.append({"Bộ tài liệu sinh hoạt chuyên đề": kits})
            items.extend(rest)
        else:
            items.extend(p.src for p in members)
        nav.append({title: items})
    return nav


NAV_TRANSLATIONS_EN = {
    "Trang chủ": "Home",
    **{v[0]: v[1] for v in SECTION_TITLES.values()},
    **{QA_GROUPS[k]: QA_GROUPS_EN[k] for k in QA_GROUPS},
    "Biểu mẫu sinh hoạt": "Meeting forms",
    "Bộ tài liệu sinh hoạt chuyên đề": "Thematic meeting kits",
}


@lru_cache(maxsize=1)
def cached_registry() -> Registry:
    return load_registry()


# --------------------------------------------------------------------------
# Required structure of each page type (checked by `sotay check templates`)
# --------------------------------------------------------------------------

# Level-2 headings ("## …") a page of the type must have, in this order.
REQUIRED_SECTIONS: dict[str, list[str]] = {
    "guide": ["Xem thêm"],
    "qa": ["Giải thích", "Cần làm", "Xem thêm"],
    "template": ["Mục đích, yêu cầu", "Chuẩn bị", "Chương trình", "Đề cương bài trình bày",
                 "Gợi ý thảo luận", "Dự thảo kết luận", "Biên bản"],
    "lesson": ["Nội dung", "Bài tập", "Đóng vai", "Tự kiểm tra"],
    "tool": ["Xem thêm"],
}
# The first block of a guide: a short "what to do" box readable on the first screen.
GUIDE_OPENING = '!!! abstract "Việc cần làm"'
# The first paragraph of an answer: the one-sentence answer.
QA_OPENING = "**Trả lời:**"
# The timed programme of a topic-session kit is the table under "## Chương trình";
# its column "Phút" must add up to the front matter `duration`. The English kit
# (chuyen-de-….en.md) has the same table under "## Programme", column "Minutes".
PROGRAMME_SECTION = "Chương trình"
PROGRAMME_MINUTES_COLUMN = "Phút"
PROGRAMME_SECTION_EN = "Programme"
PROGRAMME_MINUTES_COLUMN_EN = "Minutes"


def headings(page: Page, level: int = 2) -> list[tuple[int, str]]:
    """(line, text) of the headings of one level, outside code blocks; attribute lists dropped."""
    out, in_code = [], False
    prefix = "#" * level + " "
    for n, line in page.body_lines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if not in_code and line.startswith(prefix):
            out.append((n, re.sub(r"\s*\{[^}]*\}\s*$", "", line[len(prefix):]).strip()))
    return out


def section_text(page: Page, title: str, level: int = 2) -> list[tuple[int, str]]:
    """Lines (with numbers) under the heading ``title`` until the next heading of that level or higher."""
    out, inside = [], False
    for n, line in page.body_lines():
        m = re.match(r"^(#{1,6}) (.*)$", line)
        if m and len(m.group(1)) <= level:
            inside = re.sub(r"\s*\{[^}]*\}\s*$", "", m.group(2)).strip() == title
            continue
        if inside:
            out.append((n, line))
    return out


# --------------------------------------------------------------------------
# Translations: which version of the Vietnamese page an English page translates
# --------------------------------------------------------------------------

TRANSLATION_HASH_LEN = 10
TRANSLATION_HASH = re.compile(r"^[0-9a-f]{%d}$" % TRANSLATION_HASH_LEN)
# What a translation renders: the title, the description and the body. Review dates,
# order, tags and sources are front matter a translation copies, not text it translates.
TRANSLATED_KEYS = ("title", "description")


def translated_text(page: Page) -> str:
    """The text of a page a translation renders, normalised: NFC, Unix line ends, no
    trailing spaces, one blank line at most. Whitespace-only edits do not change it."""
    import unicodedata

    head = [f"{k}: {page.meta.get(k, '')}" for k in TRANSLATED_KEYS]
    text = unicodedata.normalize("NFC", "\n".join(head) + "\n\n" + page.body)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def translation_hash(page: Page) -> str:
    """The short hash an English page records in ``translation_of``."""
    import hashlib

    return hashlib.sha256(translated_text(page).encode("utf-8")).hexdigest()[:TRANSLATION_HASH_LEN]


# --------------------------------------------------------------------------
# Project settings: [tool.sotay] in pyproject.toml
# --------------------------------------------------------------------------

# translations: "optional" while the English edition is being written (a Vietnamese
# page without its English page is one warning in `make check`); "required" once it is
# complete (each such page is an error).
SETTINGS = {
    "translations": ("optional", ("optional", "required")),
}


def load_settings(path: Path = SETTINGS_FILE) -> tuple[dict[str, str], list[Problem]]:
    """The project settings with their defaults, and problems (file, line) with bad values."""
    import tomllib

    out = {k: default for k, (default, _allowed) in SETTINGS.items()}
    problems: list[Problem] = []
    where = rel(path)
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except FileNotFoundError:
        return out, problems
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return out, [Problem(where, None, f"không đọc được cấu hình ({e})", "sửa cú pháp TOML của tệp", check="settings")]
    table = data.get("tool", {}).get("sotay", {})
    lines = {m.group(1): i for i, line in enumerate(raw.split("\n"), 1)
             for m in [re.match(r"\s*([A-Za-z_][\w-]*)\s*=", line)] if m}
    for key, value in table.items():
        if key not in SETTINGS:
            problems.append(Problem(where, lines.get(key), f"khóa lạ '{key}' trong [tool.sotay]",
                                    "các khóa dùng được: " + ", ".join(SETTINGS), check="settings"))
            continue
        allowed = SETTINGS[key][1]
        if value not in allowed:
            problems.append(Problem(where, lines.get(key), f"[tool.sotay] {key} = {value!r} không hợp lệ",
                                    f"đặt {key} = " + " hoặc ".join(f'"{a}"' for a in allowed), check="settings"))
            continue
        out[key] = value
    return out, problems


# --------------------------------------------------------------------------
# English terms (data/terms-en.yml): one rendering per Vietnamese term
# --------------------------------------------------------------------------

TERM_FIELDS = {
    "vi": (_STR, True), "en": (_STR, True), "also": (_LIST, False), "vi_also": (_LIST, False),
    "wrong": (_LIST, False), "note": (_STR, False), "first_use": (_BOOL, False), "match": (_STR, False),
}
TERMS_SECTIONS = ("terms", "kinds", "names", "issuers")


@dataclass
class Term:
    vi: str
    en: str
    also: list[str] = field(default_factory=list)      # other English forms that are uses of the term
    vi_also: list[str] = field(default_factory=list)   # other Vietnamese forms accepted at first use
    wrong: list[str] = field(default_factory=list)     # renderings the handbook does not use
    note: str = ""
    first_use: bool = True                              # show the Vietnamese at the first use on a page
    match: str = ""                                     # a regex finding uses, instead of en + also
    line: int = 0

    @property
    def forms(self) -> list[str]:
        return [self.en] + [a for a in self.also if a != self.en]

    @property
    def vi_forms(self) -> list[str]:
        return [self.vi] + self.vi_also


@dataclass
class Terms:
    terms: list[Term]
    kinds: dict[str, str]       # document kinds: Quy định -> Regulation
    names: dict[str, str]       # registry symbols and titles that are names: Điều lệ Đảng -> Party Charter
    issuers: dict[str, str]     # issuing bodies as data/sources.yml writes them
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def english(self, vi: str) -> str | None:
        """The English of a Vietnamese name in the registry (kind, issuer, name, term), or None."""
        for table in (self.names, self.kinds, self.issuers):
            if vi in table:
                return table[vi]
        for t in self.terms:
            if t.vi == vi:
                return t.en
        return None


def load_terms(path: Path = TERMS_FILE) -> Terms:
    import unicodedata

    where = rel(path)
    empty = Terms([], {}, {}, {})
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_YAML_LOADER)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except FileNotFoundError:
        empty.problems.append(Problem(where, None, "không tìm thấy bảng thuật ngữ tiếng Anh", "tạo data/terms-en.yml", check="terms"))
        return empty
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        empty.problems.append(Problem(where, mark.line + 1 if mark is not None else None,
                                      f"YAML không hợp lệ: {getattr(e, 'problem', e)}",
                                      "sửa cú pháp YAML (thụt lề bằng dấu cách, chuỗi có ':' đặt trong ngoặc kép)", check="terms"))
        return empty
    if not isinstance(data, dict):
        empty.problems.append(Problem(where, 1, "bảng thuật ngữ phải có các phần " + ", ".join(TERMS_SECTIONS),
                                      "xem chú thích ở đầu tệp", check="terms"))
        return empty
    out = Terms([], {}, {}, {})
    section_nodes = {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}
    for key in data:
        if key not in TERMS_SECTIONS:
            out.problems.append(Problem(where, _line_map(node).get(key), f"phần lạ '{key}'",
                                        "các phần: " + ", ".join(TERMS_SECTIONS), check="terms"))
    for key in ("kinds", "names", "issuers"):
        table, tnode = data.get(key) or {}, section_nodes.get(key)
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                   for k, v in table.items()):
            out.problems.append(Problem(where, _line_map(node).get(key), f"'{key}' phải là bảng 'tiếng Việt: English'",
                                        "mỗi dòng dạng 'Quy định: Regulation'", check="terms"))
            continue
        getattr(out, key).update({unicodedata.normalize("NFC", k): v for k, v in table.items()})
        out.lines.update({f"{key}:{k}": v for k, v in _line_map(tnode).items()})
    items, inode = data.get("terms") or [], section_nodes.get("terms")
    if not isinstance(items, list):
        out.problems.append(Problem(where, _line_map(node).get("terms"), "'terms' phải là một danh sách",
                                    "mỗi thuật ngữ bắt đầu bằng '- vi: …'", check="terms"))
        return out
    seen_vi: dict[str, int] = {}
    seen_en: dict[str, tuple[str, int]] = {}
    for item, n in zip(items, inode.value if isinstance(inode, yaml.SequenceNode) else []):
        line = n.start_mark.line + 1
        lines = _line_map(n)
        if not isinstance(item, dict):
            out.problems.append(Problem(where, line, "thuật ngữ phải là một bảng khóa", "viết dạng '- vi: chi bộ' rồi 'en: Party cell'", check="terms"))
            continue
        ok = True
        for k in item:
            if k not in TERM_FIELDS:
                out.problems.append(Problem(where, lines.get(k, line), f"khóa lạ '{k}'", "các khóa: " + ", ".join(TERM_FIELDS), check="terms"))
                ok = False
        for k, (kind, required) in TERM_FIELDS.items():
            if item.get(k) is None:
                if required:
                    out.problems.append(Problem(where, line, f"thuật ngữ thiếu '{k}'", f"thêm '{k}:'", check="terms"))
                    ok = False
                continue
            reason = _check_value(kind, item[k])
            if reason:
                out.problems.append(Problem(where, lines.get(k, line), f"'{k}' {reason}", "", check="terms"))
                ok = False
        if not ok:
            continue
        if item.get("match"):
            try:
                re.compile(item["match"])
            except re.error as e:
                out.problems.append(Problem(where, lines.get("match", line), f"'match' không phải biểu thức chính quy hợp lệ ({e})",
                                            "sửa biểu thức, ví dụ '\\bminutes\\b'", check="terms"))
                continue
        t = Term(vi=unicodedata.normalize("NFC", item["vi"]), en=item["en"], also=list(item.get("also") or []),
                 vi_also=[unicodedata.normalize("NFC", v) for v in item.get("vi_also") or []],
                 wrong=list(item.get("wrong") or []), note=item.get("note") or "",
                 first_use=item.get("first_use", True), match=item.get("match") or "", line=line)
        if t.vi in seen_vi:
            out.problems.append(Problem(where, line, f"'{t.vi}' đã có ở dòng {seen_vi[t.vi]}", "gộp hai mục", check="terms"))
            continue
        seen_vi[t.vi] = line
        for form in t.forms:
            prev = seen_en.get(form.lower())
            if prev:
                out.problems.append(Problem(where, line, f"'{form}' đã là cách dịch của '{prev[0]}' (dòng {prev[1]})",
                                            "mỗi cách dịch tiếng Anh chỉ thuộc một thuật ngữ", check="terms"))
            seen_en[form.lower()] = (t.vi, line)
        out.terms.append(t)
    for t in out.terms:
        for w in t.wrong:
            owner = seen_en.get(w.lower())
            if owner:
                out.problems.append(Problem(where, t.line, f"'{w}' vừa bị đánh dấu sai ở '{t.vi}' vừa là cách dịch của '{owner[0]}'",
                                            "bỏ khỏi một trong hai", check="terms"))
    return out


@lru_cache(maxsize=1)
def cached_terms() -> Terms:
    return load_terms()
