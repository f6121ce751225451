"""The sources registry (``data/sources.yml``), its research notes (``data/sources-notes.yml``) and the glossary (``includes/abbreviations.md``)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
import yaml
from .core import (
    GLOSSARY_FILE, Problem, SOURCES_FILE, SOURCE_NOTES_FILE, _BOOL, _DATE, _DICT, _INT, _LIST, _STR,
    _YAML_LOADER, rel,
)


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
        from ..text import fmt_date

        return fmt_date(self.date) if self.date else "chưa rõ ngày"

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
