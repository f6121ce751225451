"""The content model's ground: the checkout's paths, languages, :class:`Problem`, the page types and their front matter schema, the placeholder syntax."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
import yaml

from ..strings import table as _string_table

_NAV = _string_table("nav")  # navigation labels, both languages (sotay/strings/pages.py)


# libyaml's parser when PyYAML has it: ten times faster on the front matter of every page.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ROOT = Path(__file__).resolve().parents[3]
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

# The Q&A groups (`group:` of a page) and their titles: the string table's "nav" part.
QA_GROUPS: dict[str, str] = _NAV["vi"]["qa_groups"]
QA_GROUPS_EN: dict[str, str] = _NAV["en"]["qa_groups"]

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
    "asked_as": (_LIST, False, "những cách người đọc hay gõ khi tìm trang này, bằng lời thường "
                               "(chỉ cho tìm kiếm, không hiện trên trang), ví dụ [lùi buổi họp, dời lịch họp]"),
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

SECTION_TITLES = {k: (v, _NAV["en"]["sections"][k]) for k, v in _NAV["vi"]["sections"].items()}
SECTION_ORDER = ["cong-cu", "huong-dan", "mau", "hoi-dap", "tap-huan", "van-ban", "gioi-thieu"]

# One placeholder syntax for templates and forms: {{ten_chi_bo}}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
PLACEHOLDER_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
