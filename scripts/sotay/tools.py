"""The tools (docs/cong-cu/): "Buổi sinh hoạt tháng này", "Kế hoạch sinh hoạt cả năm",
"Máy tính biểu quyết".

The rules they apply live in two data files, loaded and checked here
(``python -m sotay check tools``, with file and line like the rest of the content model):

* ``data/meeting-rules.yml`` — kinds of meeting, the preparation steps and their
  timing, the packet of forms, the year plan;
* ``data/voting-rules.yml`` — who counts in the vote base, the threshold of each
  kind of decision, and what the handbook could not verify (the reader is told to
  ask the upper-level committee, never given a guess).

Every rule names its sources (ids in ``data/sources.yml``). A page holds a marker
``<!-- sotay:tool name=thang-nay -->`` (``ke-hoach-nam``, ``may-tinh-bieu-quyet``);
:func:`tool_markdown` turns it into the tool's part of the page: HTML that reads
without JavaScript (steps, packet, rules table) and the rules as inline JSON for
``docs/assets/javascripts/tools.js``, which holds no number and no sentence of its
own: its words come from :data:`STRINGS` (the one string table of the tools, both
languages), its numbers from the data files.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import text as vtext
from .model import DOCS, PLACEHOLDER, ROOT, Page, Problem, Registry, base_name, load_registry, rel

MEETING_FILE = ROOT / "data" / "meeting-rules.yml"
VOTING_FILE = ROOT / "data" / "voting-rules.yml"
CHECK = "tools"
TOOLS = ("thang-nay", "ke-hoach-nam", "may-tinh-bieu-quyet")
MARKER = re.compile(r"^<!--\s*sotay:(tool)\s+name=([a-z-]+)\s*-->\s*$")

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# --------------------------------------------------------------------------
# The one string table of the tools (page HTML and tools.js)
# --------------------------------------------------------------------------

STRINGS: dict[str, dict[str, Any]] = {
    "vi": {
        "basis": "Căn cứ",
        "guide": "Cách làm",
        "open_form": "Mở mẫu",
        "timing": {"rule": "Quy định", "suggested": "Gợi ý của sổ tay", "local": "Thời hạn của địa phương",
                   "upper": "Theo kế hoạch của cấp ủy cấp trên"},
        "practice": "Cách làm ở nhiều nơi, chưa thấy trong văn bản Trung ương",
        "before": "{n} ngày trước buổi họp",
        "before_range": "{a} đến {b} ngày trước buổi họp",
        "after": "{n} ngày sau buổi họp",
        "after_range": "{a} đến {b} ngày sau buổi họp",
        "same_day": "Ngày họp",
        "same_or_after": "Ngày họp đến {b} ngày sau",
        "deadline": "chậm nhất",
        "no_date": "Chọn ngày họp để xem ngày cụ thể.",
        "weekdays": ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
        "kind": "Loại buổi sinh hoạt",
        "date": "Ngày họp",
        "kit": "Bộ tài liệu chuyên đề",
        "summary": "{kind}: {date}.",
        "minutes": "Tối thiểu {n} phút",
        "reset": "Bắt đầu tháng mới",
        "reset_confirm": "Xóa các dấu tích và ngày họp của tháng này để chuẩn bị tháng mới? (Các ô đã điền vào mẫu vẫn giữ.)",
        "reset_done": "Đã xóa dấu tích và ngày họp. Chọn ngày họp của tháng mới.",
        "done": "Đã làm",
        "ticked": "Đã xong {n}/{total} việc.",
        "steps": "Các bước và ngày",
        "packet": "Bộ văn bản của buổi họp",
        "print_packet": "In cả bộ",
        "print_packet_hint": "In các văn bản của buổi họp đã chọn, theo thứ tự, với nội dung đã điền, trong một lần in.",
        "packet_docx": "Cả bộ một tệp Word",
        "packet_pdf": "Cả bộ bản PDF (trống)",
        "docx_filled": "Tải Word đã điền",
        "docx_blank": "Mẫu trống (.docx)",
        "docx_busy": "Đang tạo bản Word…",
        "docx_done": "Đã tạo bản Word ({n} chỗ đã điền).",
        "docx_failed": "Không tạo được bản Word đã điền: {error}. Hãy tải mẫu trống hoặc dùng nút In.",
        "docx_file_url": "Trang đang mở từ tệp trên máy (file://) nên không tạo được bản Word đã điền. Hãy tải mẫu trống hoặc dùng nút In.",
        "not_for_kind": "Không dùng cho loại buổi này",
        "packet_help": "Điền một lần ở ô dưới đây: tên chi bộ, ngày họp… hiện ngay trong mọi văn bản của bộ (và trên các trang mẫu). Nội dung chỉ lưu trên trình duyệt này.",
        "checklist": "Việc đã làm",
        "show_doc": "Xem, điền văn bản",
        # vote calculator
        "decision": "Việc cần biểu quyết",
        "numbers": "Số đảng viên",
        "base": "Tổng số tính biểu quyết",
        "need": "Số tán thành cần có",
        "result": "Kết quả",
        "validity": "Buổi họp có hợp lệ không",
        "passes": "Đạt: {votes} tán thành, cần ít nhất {need}.",
        "fails": "Không đạt: {votes} tán thành, cần ít nhất {need}.",
        "more_than": "hơn {frac}",
        "at_least": "ít nhất {frac}",
        "fractions": {"1/2": "một nửa", "2/3": "hai phần ba", "1/3": "một phần ba", "3/4": "ba phần tư"},
        "base_line": "{full} − {minus} = {base}",
        "base_none": "{full} (không trừ ai)",
        "need_more": "{base} × {num}/{den} = {q}; phải lớn hơn {q} → ít nhất {need}",
        "need_least": "{base} × {num}/{den} = {q} → ít nhất {need}",
        "need_least_round": "{base} × {num}/{den} = {q}; làm tròn lên → ít nhất {need}",
        "quorum_ok": "Có mặt {present}, cần ít nhất {need}: đủ.",
        "quorum_short": "Có mặt {present}, cần ít nhất {need}: chưa đủ.",
        "present_short": "Có mặt {present}, ít hơn {need}: dù tất cả người có mặt tán thành cũng không đạt. Hoãn biểu quyết sang buổi sau hoặc hỏi cấp ủy cấp trên.",
        "ballot": "Hình thức biểu quyết",
        "ask": "Hỏi cấp ủy cấp trên",
        "err_integer": "“{label}” phải là số nguyên từ 0 trở lên.",
        "err_excluded": "Số người được trừ ({minus}) lớn hơn tổng số đảng viên chính thức ({full}).",
        "err_present": "Số có mặt ({present}) lớn hơn tổng số tính biểu quyết ({base}).",
        "err_votes": "Số tán thành ({votes}) lớn hơn số có mặt ({present}).",
        "err_base": "Tổng số tính biểu quyết bằng 0: không tính được. Hỏi cấp ủy cấp trên.",
        "enter": "Nhập số đảng viên để xem kết quả.",
        "rules_table": "Bảng quy tắc",
        "rule_col": ["Việc", "Cần", "Tính trên", "Căn cứ"],
        "base_word": "tổng số đảng viên chính thức, trừ: {list}",
        # year plan
        "year": "Năm kế hoạch",
        "cell_type": "Loại hình chi bộ",
        "print_plan": "In kế hoạch",
        "plan_docx": "Tải kế hoạch bản Word",
        "plan_blank": "Bản Word trống (.docx)",
        "plan_table": ["Tháng", "Sinh hoạt", "Bộ tài liệu gợi ý"],
        "kits": "Bộ tài liệu chuyên đề gợi ý",
        "month": "Tháng {m}",
        "plan_regular": "Thường kỳ",
        "plan_topic": "Chuyên đề",
        "plan_combined": "Thường kỳ kết hợp chuyên đề",
        "plan_review": "Kiểm điểm cuối năm",
        "noscript": "Trình duyệt đang tắt JavaScript: các bước, mẫu và quy tắc vẫn đọc được dưới đây, nhưng không tính ngày, không tính phiếu.",
    },
    "en": {
        "basis": "Basis",
        "guide": "How to",
        "open_form": "Open the form",
        "timing": {"rule": "Rule", "suggested": "Handbook's suggestion", "local": "Local deadline",
                   "upper": "As the upper-level committee plans"},
        "practice": "Common practice, not found in central documents",
        "before": "{n} days before the meeting",
        "before_range": "{a} to {b} days before the meeting",
        "after": "{n} days after the meeting",
        "after_range": "{a} to {b} days after the meeting",
        "same_day": "Meeting day",
        "same_or_after": "Meeting day to {b} days after",
        "deadline": "at the latest",
        "no_date": "Pick the meeting date to see the dates.",
        "weekdays": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "kind": "Kind of meeting",
        "date": "Meeting date",
        "kit": "Topic-session kit",
        "summary": "{kind}: {date}.",
        "minutes": "At least {n} minutes",
        "reset": "Start a new month",
        "reset_confirm": "Clear this month's ticks and meeting date to prepare a new month? (What you typed into the forms stays.)",
        "reset_done": "Ticks and date cleared. Pick the new month's meeting date.",
        "done": "Done",
        "ticked": "{n} of {total} steps done.",
        "steps": "Steps and dates",
        "packet": "The meeting's documents",
        "print_packet": "Print the whole packet",
        "print_packet_hint": "Prints the documents of the chosen meeting, in order, with what you typed, in one print job.",
        "packet_docx": "Whole packet as one Word file",
        "packet_pdf": "Whole packet as PDF (blank)",
        "docx_filled": "Download Word, filled in",
        "docx_blank": "Blank form (.docx)",
        "docx_busy": "Making the Word file…",
        "docx_done": "Word file made ({n} fields filled).",
        "docx_failed": "Could not make the filled Word file: {error}. Download the blank form or print instead.",
        "docx_file_url": "The page is opened from a file (file://), so the filled Word file cannot be made. Download the blank form or print instead.",
        "not_for_kind": "Not used for this kind of meeting",
        "packet_help": "Type once below: the cell's name, the date… appear in every document of the packet (and on the form pages). Kept in this browser only. The documents are in Vietnamese, as they are filed.",
        "checklist": "Done",
        "show_doc": "Show and fill in the document",
        "decision": "What is being decided",
        "numbers": "Members",
        "base": "Vote base",
        "need": "Votes needed",
        "result": "Result",
        "validity": "Is the meeting valid",
        "passes": "Passes: {votes} in favour, at least {need} needed.",
        "fails": "Does not pass: {votes} in favour, at least {need} needed.",
        "more_than": "more than {frac}",
        "at_least": "at least {frac}",
        "fractions": {"1/2": "half", "2/3": "two thirds", "1/3": "one third", "3/4": "three quarters"},
        "base_line": "{full} − {minus} = {base}",
        "base_none": "{full} (nobody left out)",
        "need_more": "{base} × {num}/{den} = {q}; must be more than {q} → at least {need}",
        "need_least": "{base} × {num}/{den} = {q} → at least {need}",
        "need_least_round": "{base} × {num}/{den} = {q}; rounded up → at least {need}",
        "quorum_ok": "{present} present, at least {need} needed: enough.",
        "quorum_short": "{present} present, at least {need} needed: not enough.",
        "present_short": "{present} present, fewer than {need}: even if everyone present agrees, it does not pass. Postpone the vote or ask the upper-level committee.",
        "ballot": "How to vote",
        "ask": "Ask the upper-level committee",
        "err_integer": "“{label}” must be a whole number, 0 or more.",
        "err_excluded": "The members left out ({minus}) are more than the full members ({full}).",
        "err_present": "Members present ({present}) are more than the vote base ({base}).",
        "err_votes": "Votes in favour ({votes}) are more than the members present ({present}).",
        "err_base": "The vote base is 0: nothing to count. Ask the upper-level committee.",
        "enter": "Enter the numbers to see the result.",
        "rules_table": "The rules",
        "rule_col": ["Decision", "Needs", "Counted on", "Basis"],
        "base_word": "full members, leaving out: {list}",
        "year": "Year",
        "cell_type": "Kind of cell",
        "print_plan": "Print the plan",
        "plan_docx": "Download the plan (Word)",
        "plan_blank": "Blank Word file (.docx)",
        "plan_table": ["Month", "Meeting", "Suggested kit"],
        "kits": "Suggested topic-session kits",
        "month": "Month {m}",
        "plan_regular": "Regular",
        "plan_topic": "Topic session",
        "plan_combined": "Regular and topic session together",
        "plan_review": "Year-end review",
        "noscript": "JavaScript is off: the steps, forms and rules below can still be read, but dates and votes are not calculated.",
    },
}


def strings(lang: str) -> dict:
    return STRINGS.get(lang, STRINGS["vi"])


# --------------------------------------------------------------------------
# Loading and checking the data files
# --------------------------------------------------------------------------

# A small schema language: {key: (kind, required)}; kinds are "str", "int", "bool",
# "ids" (a list of ids), "ints", "offset" (an int or [from, to]), "threshold", or a
# nested ("dict", schema) / ("list", schema) of mappings.
_TEXT = ("str", True)
_OPT = ("str", False)
SOURCES = {"sources": ("ids", True), "history": ("ids", False)}

MEETING_SCHEMA = {
    "kinds": ("list", {"id": _TEXT, "label": _TEXT, "label_en": _TEXT, "minutes": ("int", False),
                       **SOURCES, "cite": _TEXT, "cite_en": _TEXT, "packet": ("ids", True)}),
    "notes": ("list", {"id": _TEXT, "label": _TEXT, "label_en": _TEXT, "guide": _TEXT, **SOURCES}),
    "steps": ("list", {"id": _TEXT, "title": _TEXT, "title_en": _TEXT, "kinds": ("ids", True),
                       "offset": ("offset", False), "timing": _TEXT, "practice": ("bool", False),
                       "meeting": ("bool", False), **SOURCES, "cite": _OPT, "cite_en": _OPT, "guide": _TEXT,
                       "form": _OPT}),
    "plan": ("dict", {
        "regular": ("dict", {**SOURCES, "cite": _TEXT, "cite_en": _TEXT}),
        "topic": ("dict", {"per_quarter": ("int", True), "status": _TEXT, **SOURCES, "cite": _TEXT, "cite_en": _TEXT,
                           "ask": _OPT, "ask_en": _OPT, "months": ("ints", True)}),
        "review": ("dict", {"month": ("int", True), "timing": _TEXT, **SOURCES, "cite": _TEXT, "cite_en": _TEXT}),
        "cell_types": ("list", {"id": _TEXT, "label": _TEXT, "label_en": _TEXT, "kits": ("ids", True),
                                "note": _OPT, "note_en": _OPT, "sources": ("ids", False)}),
        "other_note": _TEXT, "other_note_en": _TEXT,
    }),
}

VOTING_SCHEMA = {
    "counts": ("list", {"id": _TEXT, "role": _TEXT, "label": _TEXT, "label_en": _TEXT, "help": _OPT,
                        "help_en": _OPT}),
    "non_voters": ("dict", {"text": _TEXT, "text_en": _TEXT, **SOURCES, "cite": _TEXT, "cite_en": _TEXT,
                            "seen_in": _TEXT}),
    "cell_minimum": ("dict", {"value": ("int", True), **SOURCES, "cite": _TEXT, "cite_en": _TEXT, "seen_in": _TEXT,
                              "ask": _TEXT, "ask_en": _TEXT}),
    "quorum": ("dict", {"status": _TEXT, **SOURCES, "text": _TEXT, "text_en": _TEXT, "ask": _OPT, "ask_en": _OPT,
                        "threshold": ("threshold", False), "seen_in": _TEXT}),
    "decisions": ("list", {"id": _TEXT, "label": _TEXT, "label_en": _TEXT, "threshold": ("threshold", True),
                           "excludes": ("ids", True), "ballot": _TEXT, "ballot_en": _TEXT, "ballot_ask": _OPT,
                           "ballot_ask_en": _OPT, "fails": _OPT, "fails_en": _OPT, **SOURCES, "cite": _TEXT,
                           "cite_en": _TEXT, "ask": _OPT, "ask_en": _OPT, "seen_in": _TEXT}),
}

TIMINGS = ("rule", "suggested", "local", "upper")
ROLES = ("total", "exclude", "present", "votes")
OPS = ("more_than", "at_least")
STATUSES = ("ok", "ask")


@dataclass
class Rules:
    """One data file, loaded: the data, the line of every value, and what is wrong with it."""
    path: Path
    data: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)     # path tuple -> line
    problems: list = field(default_factory=list)

    def line(self, *path) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    def problem(self, path: tuple, message: str, fix: str = "", severity: str = "error") -> None:
        self.problems.append(Problem(rel(self.path), self.line(*path), message, fix, severity=severity, check=CHECK))

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def _line_map(node, path: tuple = (), out: dict | None = None) -> dict:
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            p = path + (k.value,)
            out[p] = k.start_mark.line + 1
            _line_map(v, p, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            p = path + (i,)
            out[p] = v.start_mark.line + 1
            _line_map(v, p, out)
    return out


def _read(path: Path) -> Rules:
    r = Rules(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        r.problem((), f"không tìm thấy {path.name}", f"tạo {rel(path)} (xem scripts/sotay/tools.py)")
        return r
    except (OSError, UnicodeDecodeError) as e:
        r.problem((), f"không đọc được tệp ({type(e).__name__}: {e})", "lưu lại tệp dạng UTF-8")
        return r
    try:
        node = yaml.compose(text, Loader=_YAML_LOADER)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        r.problems.append(Problem(rel(path), mark.line + 1 if mark else None, f"YAML không hợp lệ: {getattr(e, 'problem', e)}",
                                  "sửa cú pháp YAML (thụt lề bằng dấu cách, dấu ':' sau khóa)", check=CHECK))
        return r
    if not isinstance(data, dict):
        r.problem((), "tệp phải là một bảng khóa: giá trị", "xem mẫu ở đầu tệp")
        return r
    r.data, r.lines = data, _line_map(node)
    if not vtext.nfc(text) == text:
        r.problem((), "tệp không ở dạng NFC", "chuẩn hóa Unicode NFC (python -m sotay check vietnamese giải thích)")
    return r


def _validate(r: Rules, value: Any, spec, path: tuple) -> None:
    kind = spec[0] if isinstance(spec, tuple) else spec
    where = ".".join(str(p) for p in path)
    if kind in ("dict", "list"):
        schema = spec[1]
        items = [(path, value)] if kind == "dict" else None
        if kind == "list":
            if not isinstance(value, list) or not value:
                r.problem(path, f"'{where}' phải là một danh sách không rỗng", "mỗi mục bắt đầu bằng '- id: …'")
                return
            items = [(path + (i,), v) for i, v in enumerate(value)]
        seen_ids: dict = {}
        for p, item in items:
            if not isinstance(item, dict):
                r.problem(p, f"'{'.'.join(map(str, p))}' phải là một bảng khóa: giá trị", "")
                continue
            for key in item:
                if key not in schema:
                    r.problem(p + (key,), f"khóa lạ '{key}'", "các khóa dùng được: " + ", ".join(schema))
            for key, sub in schema.items():
                if key not in item or item[key] is None:
                    if sub[1] is True or sub[0] in ("dict", "list"):
                        r.problem(p, f"thiếu '{key}' ở '{'.'.join(map(str, p)) or 'gốc'}'", f"thêm '{key}:'")
                    continue
                _validate(r, item[key], sub, p + (key,))
            if kind == "list" and isinstance(item.get("id"), str):
                if item["id"] in seen_ids:
                    r.problem(p + ("id",), f"mã '{item['id']}' bị trùng (dòng {seen_ids[item['id']]})", "đặt mã khác")
                seen_ids[item["id"]] = r.line(*p)
        return
    bad = None
    if kind == "str":
        if not isinstance(value, str) or not value.strip():
            bad = "phải là một chuỗi chữ không rỗng"
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            bad = "phải là một số nguyên"
    elif kind == "bool":
        if not isinstance(value, bool):
            bad = "phải là true hoặc false"
    elif kind in ("ids", "ints"):
        want = int if kind == "ints" else str
        if not isinstance(value, list) or not value or not all(isinstance(x, want) and not isinstance(x, bool)
                                                              for x in value):
            bad = "phải là một danh sách " + ("số nguyên, ví dụ [3, 5]" if kind == "ints" else "mã, ví dụ [a, b]")
    elif kind == "offset":
        ok = (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, list) and len(value) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in value)
            and value[0] <= value[1])
        if not ok:
            bad = "phải là một số ngày (ví dụ -1) hoặc một khoảng [từ, đến] với từ ≤ đến (ví dụ [-10, -7])"
    elif kind == "threshold":
        if not isinstance(value, dict) or set(value) != {"op", "num", "den"}:
            bad = "phải có dạng {op: more_than | at_least, num: 1, den: 2}"
        elif value["op"] not in OPS:
            bad = f"op '{value['op']}' không hợp lệ (dùng {' hoặc '.join(OPS)})"
        elif not all(isinstance(value[k], int) and not isinstance(value[k], bool) for k in ("num", "den")) \
                or not 0 < value["num"] < value["den"]:
            bad = "num và den phải là số nguyên với 0 < num < den"
    if bad:
        r.problem(path, f"'{where}' {bad}")


def _check_sources(r: Rules, registry: Registry, item: dict, path: tuple) -> None:
    for key in ("sources", "history"):
        for k, sid in enumerate(item.get(key) or []):
            if not isinstance(sid, str):
                continue
            s = registry.get(sid)
            if s is None:
                r.problem(path + (key, k), f"mã văn bản '{sid}' không có trong data/sources.yml",
                          "thêm văn bản vào sổ văn bản hoặc sửa mã")
            elif key == "sources" and s.status == "superseded":
                r.problem(path + (key, k), f"'{sid}' ({s.symbol}) đã được thay thế nhưng được nêu làm căn cứ",
                          f"chuyển '{sid}' sang 'history:'" + (f", dẫn {s.superseded_by}" if s.superseded_by else ""))
            elif key == "history" and s.status != "superseded":
                r.problem(path + (key, k), f"'{sid}' ({s.symbol}) còn hiệu lực nhưng ghi ở 'history'",
                          "chuyển sang 'sources:'")


def page_anchors(f: Path, docs_dir: Path = DOCS) -> set[str]:
    """The heading ids of a page (levels 2–4, as toc.slugify makes them, and explicit { #id })."""
    from .model import headings, load_page

    page = load_page(f, docs_dir)
    ids = {vtext.slugify(re.sub(r"\s*\{[^}]*\}\s*$", "", h)) for level in (2, 3, 4) for _n, h in headings(page, level)}
    return ids | set(re.findall(r"\{\s*#([\w-]+)", page.body))


def _guide_target(r: Rules, target: str, path: tuple, docs_dir: Path) -> None:
    file, _, anchor = target.partition("#")
    f = docs_dir / file
    if not file.endswith(".md") or not f.is_file():
        r.problem(path, f"trang '{file}' không có trong docs/", "ghi đường dẫn tệp .md tính từ docs/, ví dụ huong-dan/x.md#neo")
        return
    if anchor:
        ids = page_anchors(f, docs_dir)
        if anchor not in ids:
            r.problem(path, f"trang '{file}' không có mục '#{anchor}'",
                      "các mục có: " + ", ".join(sorted(ids))[:300])


def _form_pages(docs_dir: Path) -> dict[str, Page]:
    from .model import load_page

    out = {}
    for f in sorted((docs_dir / "mau").glob("*.md")):
        if re.search(r"\.[a-z]{2}\.md$", f.name):
            continue
        p = load_page(f, docs_dir)
        if p.type in ("form", "template"):
            out[f.stem] = p
    return out


def load_meeting_rules(path: Path = MEETING_FILE, registry: Registry | None = None, docs_dir: Path = DOCS) -> Rules:
    r = _read(path)
    if not r.data:
        return r
    _validate(r, r.data, ("dict", MEETING_SCHEMA), ())
    if not r.ok:
        return r
    registry = registry or load_registry()
    d = r.data
    pages = _form_pages(docs_dir)
    kinds = {k["id"] for k in d["kinds"]}
    notes = {n["id"] for n in d["notes"]}
    for i, k in enumerate(d["kinds"]):
        _check_sources(r, registry, k, ("kinds", i))
        for j, item in enumerate(k["packet"]):
            if item not in notes and (item not in pages or pages[item].type != "form"):
                r.problem(("kinds", i, "packet", j), f"'{item}' không phải biểu mẫu trong docs/mau/ hay mục trong 'notes'",
                          "ghi tên tệp biểu mẫu (không có .md) hoặc thêm mục vào 'notes'")
        if "minutes" in k and k["minutes"] <= 0:
            r.problem(("kinds", i, "minutes"), "thời lượng phải lớn hơn 0", "")
    for i, n in enumerate(d["notes"]):
        _check_sources(r, registry, n, ("notes", i))
        _guide_target(r, n["guide"], ("notes", i, "guide"), docs_dir)
    for i, s in enumerate(d["steps"]):
        p = ("steps", i)
        _check_sources(r, registry, s, p)
        for j, kid in enumerate(s["kinds"]):
            if kid not in kinds:
                r.problem(p + ("kinds", j), f"loại buổi '{kid}' không có trong 'kinds'", "dùng: " + ", ".join(sorted(kinds)))
        if s["timing"] not in TIMINGS:
            r.problem(p + ("timing",), f"timing '{s['timing']}' không hợp lệ", "dùng: " + ", ".join(TIMINGS))
        if s["timing"] == "upper" and "offset" in s:
            r.problem(p + ("offset",), "bước theo kế hoạch của cấp trên (timing: upper) không có offset", "bỏ 'offset'")
        if s["timing"] != "upper" and "offset" not in s:
            r.problem(p, "thiếu 'offset' (số ngày so với ngày họp)", "thêm 'offset: -1' hoặc 'offset: [-10, -7]'")
        if s["timing"] in ("local",) and not s.get("cite"):
            r.problem(p, "mốc của địa phương phải ghi rõ trong 'cite' (nơi nào, thấy ở đâu)", "thêm 'cite:'")
        if "form" in s and s["form"] not in pages:
            r.problem(p + ("form",), f"biểu mẫu '{s['form']}' không có trong docs/mau/", "")
        _guide_target(r, s["guide"], p + ("guide",), docs_dir)
    plan = d["plan"]
    for key in ("regular", "topic", "review"):
        _check_sources(r, registry, plan[key], ("plan", key))
    topic = plan["topic"]
    if topic["status"] not in STATUSES:
        r.problem(("plan", "topic", "status"), f"status '{topic['status']}' không hợp lệ", "dùng: ok (đã đối chiếu) hoặc ask")
    if topic["status"] == "ask" and not (topic.get("ask") and topic.get("ask_en")):
        r.problem(("plan", "topic"), "status: ask cần câu 'ask' và 'ask_en' (hỏi cấp ủy cấp trên điều gì)", "thêm 'ask:'")
    months = topic["months"]
    if len(months) != 4 * topic["per_quarter"] or any(not 1 <= m <= 12 for m in months) or months != sorted(set(months)):
        r.problem(("plan", "topic", "months"), f"cần {4 * topic['per_quarter']} tháng khác nhau, tăng dần, từ 1 đến 12",
                  "ví dụ [3, 5, 8, 11]")
    elif any(sum(1 for m in months if (m - 1) // 3 == q) < topic["per_quarter"] for q in range(4)):
        r.problem(("plan", "topic", "months"), f"mỗi quý phải có {topic['per_quarter']} tháng sinh hoạt chuyên đề",
                  "xếp lại các tháng cho đủ mỗi quý")
    review = plan["review"]
    if not 1 <= review["month"] <= 12:
        r.problem(("plan", "review", "month"), "tháng phải từ 1 đến 12", "")
    elif review["month"] in months:
        r.problem(("plan", "review", "month"), "tháng kiểm điểm cuối năm trùng tháng chuyên đề", "đổi tháng chuyên đề")
    if review["timing"] not in TIMINGS:
        r.problem(("plan", "review", "timing"), f"timing '{review['timing']}' không hợp lệ", "dùng: " + ", ".join(TIMINGS))
    for i, ct in enumerate(plan["cell_types"]):
        p = ("plan", "cell_types", i)
        _check_sources(r, registry, ct, p)
        if len(ct["kits"]) != len(months):
            r.problem(p + ("kits",), f"cần {len(months)} bộ tài liệu, một cho mỗi tháng chuyên đề {months}", "")
        for j, kit in enumerate(ct["kits"]):
            if kit not in pages or pages[kit].type != "template":
                r.problem(p + ("kits", j), f"'{kit}' không phải bộ tài liệu chuyên đề trong docs/mau/",
                          "ghi tên tệp chuyen-de-… (không có .md)")
        if bool(ct.get("note")) != bool(ct.get("note_en")):
            r.problem(p, "'note' và 'note_en' phải đi cùng nhau", "")
        if ct.get("note") and not ct.get("sources"):
            r.problem(p, "ghi chú nêu quy định phải có 'sources'", "thêm 'sources: [hd-42-2025]'")
    return r


def load_voting_rules(path: Path = VOTING_FILE, registry: Registry | None = None) -> Rules:
    r = _read(path)
    if not r.data:
        return r
    _validate(r, r.data, ("dict", VOTING_SCHEMA), ())
    if not r.ok:
        return r
    registry = registry or load_registry()
    d = r.data
    roles: dict[str, list] = {}
    for i, c in enumerate(d["counts"]):
        if c["role"] not in ROLES:
            r.problem(("counts", i, "role"), f"role '{c['role']}' không hợp lệ", "dùng: " + ", ".join(ROLES))
        roles.setdefault(c["role"], []).append(c["id"])
    for role in ("total", "present", "votes"):
        if len(roles.get(role, [])) != 1:
            r.problem(("counts",), f"cần đúng một số có role: {role}", "")
    excludable = set(roles.get("exclude", []))
    for key in ("non_voters", "cell_minimum", "quorum"):
        _check_sources(r, registry, d[key], (key,))
    if d["cell_minimum"]["value"] < 1:
        r.problem(("cell_minimum", "value"), "phải từ 1 trở lên", "")
    q = d["quorum"]
    if q["status"] not in STATUSES:
        r.problem(("quorum", "status"), f"status '{q['status']}' không hợp lệ", "dùng: ok hoặc ask")
    elif q["status"] == "ok" and "threshold" not in q:
        r.problem(("quorum",), "status: ok cần 'threshold' (số người dự tối thiểu, đã thấy trong văn bản)", "")
    elif q["status"] == "ask" and ("threshold" in q or not (q.get("ask") and q.get("ask_en"))):
        r.problem(("quorum",), "status: ask không có 'threshold' và phải có 'ask', 'ask_en'", "")
    for i, dec in enumerate(d["decisions"]):
        p = ("decisions", i)
        _check_sources(r, registry, dec, p)
        if not any(registry.get(s) and registry.get(s).status in ("in_force", "pilot") for s in dec["sources"]):
            r.problem(p + ("sources",), "ngưỡng phải có ít nhất một văn bản đang có hiệu lực làm căn cứ", "")
        for j, x in enumerate(dec["excludes"]):
            if x not in excludable:
                r.problem(p + ("excludes", j), f"'{x}' không phải một số có role: exclude", "dùng: " + ", ".join(sorted(excludable)))
        for a, b in (("ballot_ask", "ballot_ask_en"), ("fails", "fails_en"), ("ask", "ask_en")):
            if bool(dec.get(a)) != bool(dec.get(b)):
                r.problem(p, f"'{a}' và '{b}' phải đi cùng nhau", "")
    return r


def problems(pages=None) -> list[Problem]:
    """The ``tools`` check: both data files, and the tool pages' markers."""
    registry = load_registry()
    out = load_meeting_rules(registry=registry).problems + load_voting_rules(registry=registry).problems
    for page in pages or []:
        if page.section != "cong-cu" or page.type != "tool":
            continue
        names = [m.group(2) for _n, line in page.body_lines() if (m := MARKER.match(line.strip()))]
        if len(names) != 1 or names[0] not in TOOLS:
            out.append(Problem(page.where, page.body_line, "trang công cụ phải có đúng một dấu <!-- sotay:tool name=… -->",
                               "name là một trong: " + ", ".join(TOOLS), check=CHECK))
    return out


@lru_cache(maxsize=4)
def _cached(kind: str, mtime: float, registry_mtime: float) -> Rules:
    return load_meeting_rules() if kind == "meeting" else load_voting_rules()


def rules(kind: str) -> Rules:
    """The loaded rules (cached while the files are unchanged); raises ValueError on an error in them."""
    path = MEETING_FILE if kind == "meeting" else VOTING_FILE
    from .model import SOURCES_FILE

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    r = _cached(kind, mtime(path), mtime(SOURCES_FILE))
    if not r.ok:
        raise ValueError("\n".join(str(p) for p in r.problems if p.severity == "error"))
    return r


# --------------------------------------------------------------------------
# Addresses on the built site (the tools' HTML is raw: links are relative URLs)
# --------------------------------------------------------------------------


def page_url(src: str) -> str:
    """Site path of a page, directory style: 'huong-dan/x.md' -> 'huong-dan/x/', 'mau/index.md' -> 'mau/'."""
    src = base_name(src)
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[:-3] + "/"


def href(from_src: str, target: str) -> str:
    """Relative URL from a page to a page ('x.md#a', from docs/) or a built file ('mau/x.docx').

    Pages of a language other than the default live under '<lang>/' and link to the pages of
    their language; the built files (Word files) exist once, at the site root."""
    from .model import DEFAULT_LANG, lang_of

    lang = lang_of(from_src)
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    path, _, anchor = target.partition("#")
    if anchor and prefix and path.endswith(".md"):
        # The page in this language has its own headings: keep the anchor only if it has it.
        own = DOCS / (path[:-3] + f".{lang}.md")
        if own.is_file() and anchor not in page_anchors(own):
            anchor = ""
    dest = prefix + page_url(path) if path.endswith(".md") else path
    here = prefix + page_url(from_src)
    out = posixpath.relpath(dest or ".", here.rstrip("/") or ".")
    if dest.endswith("/") or dest == "":
        out = out.rstrip("/") + "/" if out != "." else "./"
    return out + (f"#{anchor}" if anchor else "")


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _t(item: dict, key: str, lang: str) -> str:
    """A text field in the page's language ('label' / 'label_en')."""
    return item.get(f"{key}_en") if lang == "en" and item.get(f"{key}_en") else item.get(key, "")


def _basis_html(item: dict, registry: Registry, from_src: str, lang: str, cite: bool = True) -> str:
    s = strings(lang)
    links = []
    for sid in item.get("sources") or []:
        src = registry.get(sid)
        if src is None:
            continue
        mark = "*" if not src.verified else ""
        links.append(f'<a href="{_e(href(from_src, "van-ban/index.md#" + src.anchor))}">{_e(src.symbol)}{mark}</a>')
    text = f'{_e(s["basis"])}: {", ".join(links)}' if links else ""
    c = _t(item, "cite", lang) if cite else ""
    if c:
        text += f" — {_e(c)}" if text else _e(c)
    return text


def _json(data: Any) -> str:
    """Inline JSON that cannot close its <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def _data_script(name: str, data: dict) -> str:
    return f'<script type="application/json" class="sotay-tool-data" data-tool="{name}">{_json(data)}</script>'


def fraction_words(threshold: dict, lang: str) -> str:
    """{op: more_than, num: 1, den: 2} -> 'hơn một nửa' (the words of STRINGS, else 'hơn 1/2')."""
    s = strings(lang)
    frac = f"{threshold['num']}/{threshold['den']}"
    return s[threshold["op"]].format(frac=s["fractions"].get(frac, frac))


def _offset_words(offset, lang: str) -> str:
    s = strings(lang)
    a, b = (offset, offset) if isinstance(offset, int) else offset
    if a == b == 0:
        return s["same_day"]
    if b < 0:
        return s["before"].format(n=-a) if a == b else s["before_range"].format(a=-b, b=-a)
    if a > 0:
        return s["after"].format(n=a) if a == b else s["after_range"].format(a=a, b=b)
    return s["same_or_after"].format(b=b)


# --------------------------------------------------------------------------
# Forms included in a tool page (the packet)
# --------------------------------------------------------------------------

DOC_OPEN = '<div class="sotay-doc" markdown>'


def document_markdown(page: Page) -> str:
    """The document block of a form page (``<div class="sotay-doc" markdown>`` … its ``</div>``),
    with the placeholders as the page shows them (the form's own labels)."""
    from .render import placeholders_to_html

    lines = page.body.split("\n")
    try:
        start = next(i for i, s in enumerate(lines) if s.strip() == DOC_OPEN)
    except StopIteration:
        return ""
    depth, end = 0, len(lines)
    for i in range(start, len(lines)):
        s = lines[i].strip()
        depth += len(re.findall(r"<div\b", s)) - s.count("</div>")
        if depth == 0:
            end = i + 1
            break
    block = "\n".join(lines[start:end])
    return placeholders_to_html(block, page.meta.get("placeholders") or {})


# --------------------------------------------------------------------------
# The tool pages
# --------------------------------------------------------------------------


def tool_markdown(name: str, page: Page, pages: list[Page], registry: Registry, lang: str) -> str:
    """What the marker <!-- sotay:tool name=… --> becomes on ``page``."""
    if name == "thang-nay":
        return month_markdown(page, pages, registry, lang)
    if name == "ke-hoach-nam":
        return plan_markdown(page, pages, registry, lang)
    if name == "may-tinh-bieu-quyet":
        return vote_markdown(page, registry, lang)
    raise ValueError(f"{page.where}: không có công cụ '{name}' (có: {', '.join(TOOLS)})")


def _forms_by_name(pages: list[Page]) -> dict[str, Page]:
    return {p.base.rsplit("/", 1)[-1][:-3]: p for p in pages
            if p.section == "mau" and p.lang == "vi" and p.type in ("form", "template")}


def _noscript(lang: str) -> str:
    return f'<noscript><p class="sotay-tool__noscript">{_e(strings(lang)["noscript"])}</p></noscript>'


def month_markdown(page: Page, pages: list[Page], registry: Registry, lang: str) -> str:
    d = rules("meeting").data
    s = strings(lang)
    forms_ = _forms_by_name(pages)
    kinds = d["kinds"]
    notes = {n["id"]: n for n in d["notes"]}
    kits = sorted((p for p in forms_.values() if p.type == "template"), key=lambda p: str(p.meta.get("title")))
    out = ['<div class="sotay-tool sotay-month" data-sotay-tool="thang-nay" markdown>', ""]
    # 1. What meeting, when.
    radios = "".join(
        f'<label class="sotay-choice"><input type="radio" name="kind" value="{_e(k["id"])}"'
        f'{" checked" if i == 0 else ""}> <span>{_e(_t(k, "label", lang))}</span></label>'
        for i, k in enumerate(kinds))
    kit_options = "".join(f'<option value="{_e(p.base.rsplit("/", 1)[-1][:-3])}">'
                          f'{_e(re.sub(r"^Chuyên đề: ", "", str(p.meta.get("title"))))}</option>' for p in kits)
    out.append(
        '<form class="sotay-month__pick" action="#">'
        f'<fieldset class="sotay-choices"><legend>{_e(s["kind"])}</legend>{radios}</fieldset>'
        f'<p class="sotay-field"><label for="sotay-month-date">{_e(s["date"])}</label>'
        '<input type="date" id="sotay-month-date" name="date" required></p>'
        f'<p class="sotay-field" data-for-kinds="chuyen-de ket-hop"><label for="sotay-month-kit">{_e(s["kit"])}</label>'
        f'<select id="sotay-month-kit" name="kit">{kit_options}</select></p>'
        '</form>')
    out.append("")
    out.append(f'<p class="sotay-month__summary" role="status" aria-live="polite">{_e(s["no_date"])}</p>')
    out.append("")
    out.append(_noscript(lang))
    out.append("")
    # 2. The steps with their dates.
    out.append(f"## {s['steps']} {{ #cac-buoc }}")
    out.append("")
    items = []
    for st in d["steps"]:
        off = st.get("offset")
        a, b = ((off, off) if isinstance(off, int) else off) if off is not None else (None, None)
        attrs = f' data-step="{_e(st["id"])}" data-kinds="{_e(" ".join(st["kinds"]))}" data-timing="{_e(st["timing"])}"'
        if a is not None:
            attrs += f' data-from="{a}" data-to="{b}"'
        if st.get("meeting"):
            attrs += ' data-meeting=""'
        when = _offset_words(off, lang) if off is not None else s["timing"]["upper"]
        badges = f'<span class="sotay-badge sotay-badge--{_e(st["timing"])}">{_e(s["timing"][st["timing"]])}</span>'
        if st.get("practice"):
            badges += f' <span class="sotay-badge sotay-badge--practice">{_e(s["practice"])}</span>'
        form = ""
        if st.get("form") and st["form"] in forms_:
            f = forms_[st["form"]]
            form = f' · <a href="{_e(href(page.src, f.base))}">{_e(s["open_form"])}: {_e(f.meta.get("title"))}</a>'
        cid = f'sotay-step-{st["id"]}'
        items.append(
            f'<li class="sotay-step"{attrs}>'
            f'<p class="sotay-step__when"><span class="sotay-step__date" data-date></span> '
            f'<span class="sotay-step__offset">{_e(when)}</span> {badges}</p>'
            f'<p class="sotay-step__what"><input type="checkbox" id="{cid}" data-check="step:{_e(st["id"])}"> '
            f'<label for="{cid}">{_e(_t(st, "title", lang))}</label></p>'
            f'<p class="sotay-step__basis">{_basis_html(st, registry, page.src, lang)}'
            f' · <a href="{_e(href(page.src, st["guide"]))}">{_e(s["guide"])}</a>{form}</p>'
            '</li>')
    out.append('<ol class="sotay-steps">' + "".join(items) + "</ol>")
    out.append("")
    out.append(f'<p class="sotay-month__progress"><span data-progress role="status"></span> '
               f'<button type="button" class="md-button" data-act="reset">{_e(s["reset"])}</button></p>')
    out.append("")
    # 3. The packet, in order.
    out.append(f"## {s['packet']} {{ #bo-van-ban }}")
    out.append("")
    packet_docx = href(page.src, "mau/bo-mau-buoi-sinh-hoat.docx")
    packet_pdf = href(page.src, "mau/bo-mau-buoi-sinh-hoat.pdf")
    out.append(
        '<p class="sotay-packet__actions">'
        f'<button type="button" class="md-button md-button--primary" data-act="print-packet" title="{_e(s["print_packet_hint"])}">'
        f'{_e(s["print_packet"])}</button> '
        f'<a class="md-button" href="{_e(packet_docx)}" data-act="packet-docx" download>{_e(s["packet_docx"])}</a> '
        f'<a class="md-button" href="{_e(packet_pdf)}" download>{_e(s["packet_pdf"])}</a></p>')
    out.append("")
    out.append(f'<p class="sotay-packet__help">{_e(s["packet_help"])}</p>')
    out.append("")
    out.append('<div class="sotay-fill-here" data-fill-panel=""></div>')
    out.append("")
    out.append('<p class="sotay-packet__status" role="status" aria-live="polite"></p>')
    out.append("")
    # In the order of the first kind that lists them, then the others' extra items where they fit.
    ranked = []
    for k in kinds:
        for item in k["packet"]:
            if item not in ranked:
                prev = [x for x in k["packet"][: k["packet"].index(item)] if x in ranked]
                pos = ranked.index(prev[-1]) + 1 if prev else 0
                ranked.insert(pos, item)
    # The forms are pages of their own: search finds them there, not again on this page.
    out.append('<div class="sotay-packet" lang="vi" role="list" data-search-exclude markdown>')
    out.append("")
    for item in ranked:
        in_kinds = " ".join(k["id"] for k in kinds if item in k["packet"])
        cid = f"sotay-packet-{item}"
        if item in notes:
            n = notes[item]
            extra = ""
            if item == "kit":
                extra = ' <a data-kit-link href="' + _e(href(page.src, kits[0].base)) + '">' + \
                        _e(kits[0].meta.get("title")) + "</a>"
            out.append(
                f'<div class="sotay-packet__item sotay-packet__item--note" role="listitem" data-item="{_e(item)}" '
                f'data-kinds="{_e(in_kinds)}" lang="{lang}">'
                f'<p class="sotay-packet__head"><input type="checkbox" id="{cid}" data-check="packet:{_e(item)}"> '
                f'<label for="{cid}">{_e(_t(n, "label", lang))}</label>{extra}</p>'
                f'<p class="sotay-step__basis">{_basis_html(n, registry, page.src, lang, cite=False)}'
                f' · <a href="{_e(href(page.src, n["guide"]))}">{_e(s["guide"])}</a></p></div>')
            out.append("")
            continue
        f = forms_[item]
        title = str(f.meta.get("title"))
        docx = href(page.src, f.base[:-3] + ".docx")
        out.append(f'<div class="sotay-packet__item" role="listitem" data-item="{_e(item)}" data-kinds="{_e(in_kinds)}" markdown>')
        out.append("")
        out.append(
            f'<p class="sotay-packet__head"><input type="checkbox" id="{cid}" data-check="packet:{_e(item)}"> '
            f'<label for="{cid}">{_e(title)}</label></p>')
        out.append("")
        out.append(
            f'<p class="sotay-packet__links" lang="{lang}"><a href="{_e(href(page.src, f.base))}">{_e(s["open_form"])}</a> · '
            f'<button type="button" class="md-button sotay-packet__docx" data-act="docx" data-docx="{_e(docx)}" '
            f'data-form="{_e(item)}">{_e(s["docx_filled"])}</button> · '
            f'<a href="{_e(docx)}" download>{_e(s["docx_blank"])}</a></p>')
        out.append("")
        out.append(f'<details class="sotay-packet__doc" data-fill-form="{_e(item)}" data-fill-title="{_e(title)}" markdown>')
        out.append(f'<summary lang="{lang}">{_e(s["show_doc"])}</summary>')
        out.append("")
        out.append(document_markdown(f))
        out.append("")
        out.append("</details>")
        out.append("")
        out.append("</div>")
        out.append("")
    out.append("</div>")
    out.append("")
    data = {
        "strings": {k: s[k] for k in ("weekdays", "summary", "minutes", "no_date", "deadline", "reset_confirm",
                                      "reset_done", "ticked", "docx_busy", "docx_done", "docx_failed", "docx_file_url")},
        "kinds": {k["id"]: {"label": _t(k, "label", lang), "minutes": k.get("minutes")} for k in kinds},
        "kits": {p.base.rsplit("/", 1)[-1][:-3]: {"title": str(p.meta.get("title")), "href": href(page.src, p.base)}
                 for p in kits},
        "lang": lang,
    }
    out.append(_data_script("thang-nay", data))
    out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"


def vote_markdown(page: Page, registry: Registry, lang: str) -> str:
    d = rules("voting").data
    s = strings(lang)
    counts = {c["id"]: c for c in d["counts"]}
    label = {c["id"]: _t(c, "label", lang) for c in d["counts"]}
    out = ['<div class="sotay-tool sotay-vote" data-sotay-tool="may-tinh-bieu-quyet" markdown>', ""]
    radios = "".join(
        f'<label class="sotay-choice"><input type="radio" name="decision" value="{_e(x["id"])}"'
        f'{" checked" if i == 0 else ""}> <span>{_e(_t(x, "label", lang))}</span></label>'
        for i, x in enumerate(d["decisions"]))
    used_by: dict[str, list[str]] = {}
    for x in d["decisions"]:
        for c in x["excludes"]:
            used_by.setdefault(c, []).append(x["id"])
    fields = []
    for c in d["counts"]:
        for_ = ""
        if c["role"] == "exclude":
            for_ = f' data-for-decisions="{_e(" ".join(used_by.get(c["id"], [])))}"'
        help_ = _t(c, "help", lang)
        hid = f'sotay-vote-{c["id"]}-help'
        fields.append(
            f'<p class="sotay-field sotay-field--{_e(c["role"])}"{for_}>'
            f'<label for="sotay-vote-{_e(c["id"])}">{_e(label[c["id"]])}</label>'
            f'<input type="number" id="sotay-vote-{_e(c["id"])}" name="{_e(c["id"])}" min="0" step="1" inputmode="numeric"'
            + (f' aria-describedby="{hid}"' if help_ else "") + ">"
            + (f'<span class="sotay-field__help" id="{hid}">{_e(help_)}</span>' if help_ else "") + "</p>")
    out.append('<form class="sotay-vote__form" action="#">'
               f'<fieldset class="sotay-choices"><legend>{_e(s["decision"])}</legend>{radios}</fieldset>'
               f'<fieldset class="sotay-vote__numbers"><legend>{_e(s["numbers"])}</legend>{"".join(fields)}</fieldset>'
               '</form>')
    out.append("")
    out.append(f'<div class="sotay-vote__result" role="status" aria-live="polite"><p>{_e(s["enter"])}</p></div>')
    out.append("")
    out.append(_noscript(lang))
    out.append("")
    nv = d["non_voters"]
    out.append(f'<p class="sotay-vote__note">{_e(_t(nv, "text", lang))} <span class="sotay-step__basis">'
               f'{_basis_html(nv, registry, page.src, lang)}</span></p>')
    out.append("")
    # The rules, as a table that reads without JavaScript and prints.
    out.append(f"## {s['rules_table']} {{ #quy-tac }}")
    out.append("")
    cols = s["rule_col"]
    rows = []
    for x in d["decisions"]:
        excl = ", ".join(label[c].replace("Trong đó, ", "").replace("Of whom, ", "") for c in x["excludes"])
        cells = [_e(_t(x, "label", lang)), _e(fraction_words(x["threshold"], lang)), _e(s["base_word"].format(list=excl)),
                 _basis_html(x, registry, page.src, lang)]
        rows.append("<tr>" + "".join(f'<td data-label="{_e(c)}">{v}</td>' for c, v in zip(cols, cells)) + "</tr>")
    out.append('<table class="sotay-rules" data-stack=""><thead><tr>' + "".join(f"<th>{_e(c)}</th>" for c in cols)
               + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    out.append("")
    q = d["quorum"]
    out.append(f'<p class="sotay-vote__quorum"><strong>{_e(s["validity"])}:</strong> {_e(_t(q, "text", lang))} '
               f'{_e(_t(q, "ask", lang))} <span class="sotay-step__basis">{_basis_html(q, registry, page.src, lang)}</span></p>')
    out.append("")

    def basis(x):
        return _basis_html(x, registry, page.src, lang)

    data = {
        "strings": {k: s[k] for k in ("base", "need", "result", "validity", "passes", "fails", "base_line", "base_none",
                                      "need_more", "need_least", "need_least_round", "present_short", "quorum_ok", "quorum_short", "ballot", "ask",
                                      "err_integer", "err_excluded", "err_present", "err_votes", "err_base", "enter",
                                      "basis")},
        "counts": [{"id": c["id"], "role": c["role"], "label": label[c["id"]]} for c in d["counts"]],
        "decisions": [{"id": x["id"], "label": _t(x, "label", lang), "threshold": x["threshold"],
                       "words": fraction_words(x["threshold"], lang), "excludes": x["excludes"],
                       "ballot": _t(x, "ballot", lang), "ballotAsk": _t(x, "ballot_ask", lang),
                       "fails": _t(x, "fails", lang), "ask": _t(x, "ask", lang), "basis": basis(x)}
                      for x in d["decisions"]],
        "quorum": {"status": q["status"], "threshold": q.get("threshold"), "text": _t(q, "text", lang),
                   "ask": _t(q, "ask", lang), "basis": basis(q)},
        "cellMinimum": {"value": d["cell_minimum"]["value"], "ask": _t(d["cell_minimum"], "ask", lang),
                        "basis": basis(d["cell_minimum"])},
        "lang": lang,
    }
    out.append(_data_script("may-tinh-bieu-quyet", data))
    out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# The year plan: a "Kế hoạch" document per kind of cell (page and Word file)
# --------------------------------------------------------------------------

PLAN_FORM = "ke-hoach-sinh-hoat-nam"
PLAN_LABELS = {
    "ten_dang_bo": "Tên đảng bộ cấp trên",
    "ten_chi_bo": "Tên chi bộ",
    "so_van_ban": "Số văn bản",
    "dia_danh": "Địa danh",
    "ngay_ky": "Ngày ký",
    "thang_ky": "Tháng ký",
    "nam_ky": "Năm ký",
    "nam_ke_hoach": "Năm kế hoạch",
    "ho_ten_bi_thu": "Họ tên bí thư",
}


def plan_docx_name(cell_type: str) -> str:
    """Site path of the plan's Word file for one kind of cell."""
    return f"cong-cu/{PLAN_FORM}-{cell_type}.docx"


def plan_months(cell_type: dict, pages: list[Page]) -> list[dict]:
    """The twelve months: which meeting(s), which kit. A kit as long as the combined
    meeting's minimum (kinds: ket-hop) is planned with the regular meeting in one sitting."""
    d = rules("meeting").data
    plan = d["plan"]
    forms_ = _forms_by_name(pages)
    combined = next((k.get("minutes") for k in d["kinds"] if k["id"] == "ket-hop"), None)
    kits = dict(zip(plan["topic"]["months"], cell_type["kits"]))
    out = []
    for m in range(1, 13):
        row = {"month": m, "kind": "thuong-ky", "kit": None, "review": m == plan["review"]["month"]}
        if m in kits:
            kit = forms_[kits[m]]
            row["kit"] = kit
            row["kind"] = "ket-hop" if combined and kit.meta.get("duration") == combined else "chuyen-de"
        out.append(row)
    return out


def _plan_cell(row: dict, lang: str = "vi") -> tuple[str, str]:
    s = strings(lang)
    kind = {"thuong-ky": s["plan_regular"], "chuyen-de": s["plan_regular"] + "; " + s["plan_topic"].lower(),
            "ket-hop": s["plan_combined"]}[row["kind"]]
    if row["review"]:
        kind += "; " + s["plan_review"].lower()
    topic = re.sub(r"^Chuyên đề: ", "", str(row["kit"].meta.get("title"))) if row["kit"] else ""
    return kind, topic


def plan_document(cell_type: dict, pages: list[Page], registry: Registry) -> str:
    """The plan as a form document (the restricted Markdown of sotay.forms), in Vietnamese:
    the page shows it and sotay.docx_export makes the Word file from the same text."""
    d = rules("meeting").data

    def doc(sid: str) -> str:
        src = registry.get(sid)
        return f"{src.kind} số {src.symbol} ngày {src.date_vi()} của {src.issuer}" if src and src.date else sid

    rows = []
    for row in plan_months(cell_type, pages):
        kind, topic = _plan_cell(row)
        content = []
        if row["month"] == 1:
            content.append("Thông qua kế hoạch sinh hoạt năm")
        if topic:
            content.append(f"Chuyên đề: {topic}")
        if row["review"]:
            content.append(f"Kiểm điểm, đánh giá, xếp loại chất lượng năm {{{{nam_ke_hoach}}}} theo hướng dẫn của cấp ủy cấp trên")
        rows.append(f"| {row['month']} | {kind[:1].upper() + kind[1:]} | {'; '.join(content) or '……'} | |")
    per_q = d["plan"]["topic"]["per_quarter"]
    topic_line = ("Sinh hoạt chuyên đề mỗi quý một buổi" if per_q == 1 else f"Sinh hoạt chuyên đề mỗi quý {per_q} buổi")
    lines = [
        DOC_OPEN, "",
        '<div class="doc-header" markdown>', "",
        "| | |", "|---|---|",
        "| ĐẢNG BỘ {{ten_dang_bo}}<br>**CHI BỘ {{ten_chi_bo}}**<br>* | **ĐẢNG CỘNG SẢN VIỆT NAM** |",
        "| Số {{so_van_ban}}-KH/CB | *{{dia_danh}}, ngày {{ngay_ky}} tháng {{thang_ky}} năm {{nam_ky}}* |",
        "", "</div>", "",
        '<div class="doc-title" markdown>', "",
        "**KẾ HOẠCH**", "",
        "**sinh hoạt chi bộ năm {{nam_ke_hoach}}**", "",
        "</div>", "",
        f"Căn cứ Điều lệ Đảng; {doc('ct-50-2025')} và {doc('hd-42-2025')} về nâng cao chất lượng sinh hoạt chi bộ; "
        f"{doc('qd-366-2025')} về kiểm điểm, đánh giá, xếp loại chất lượng; chương trình công tác năm {{{{nam_ke_hoach}}}} "
        "của Đảng ủy {{ten_dang_bo}}, Chi bộ {{ten_chi_bo}} xây dựng kế hoạch sinh hoạt chi bộ năm {{nam_ke_hoach}} như sau.",
        "",
        "### I. MỤC ĐÍCH, YÊU CẦU", "",
        "1. Giữ nền nếp sinh hoạt thường kỳ mỗi tháng một lần; mỗi buổi đủ thời lượng, nội dung thiết thực, "
        "có nghị quyết hoặc kết luận rõ người, rõ việc, rõ thời hạn.",
        f"2. {topic_line}, gắn với nhiệm vụ chính trị của chi bộ và chuyên đề năm do cấp ủy cấp trên hướng dẫn.",
        "3. Tài liệu sinh hoạt được đăng trên ứng dụng Sổ tay đảng viên điện tử ít nhất 1 ngày trước mỗi buổi sinh hoạt.",
        "",
        "### II. NỘI DUNG, THỜI GIAN", "",
        "Mỗi buổi sinh hoạt thường kỳ đánh giá kết quả lãnh đạo thực hiện nghị quyết tháng trước và đề ra nhiệm vụ "
        "tháng tiếp theo; nội dung trọng tâm từng tháng do chi ủy thống nhất khi chuẩn bị.", "",
        "| Tháng | Hình thức | Nội dung trọng tâm | Người chuẩn bị |",
        "|:---:|------|------------|----|",
        *rows, "",
        "### III. TỔ CHỨC THỰC HIỆN", "",
        "1. Bí thư phân công chuẩn bị nội dung từng buổi; chi ủy (nơi không có chi ủy: bí thư, phó bí thư) "
        "thống nhất nội dung trước mỗi buổi sinh hoạt.",
        "2. Đảng viên được giao chuẩn bị chuyên đề gửi đề cương để chi ủy duyệt trước buổi sinh hoạt.",
        "3. Kế hoạch được điều chỉnh khi có chỉ đạo của cấp ủy cấp trên; chi bộ thông báo việc điều chỉnh "
        "tại buổi sinh hoạt gần nhất.",
        "",
        '<div class="doc-signature" markdown>', "",
        "| | |", "|---|---|",
        "| Nơi nhận:<br>- Đảng ủy {{ten_dang_bo}} (để báo cáo),<br>- Đảng viên trong chi bộ,<br>- Lưu chi bộ. "
        "| **T/M CHI BỘ**<br>**BÍ THƯ**<br><br><br><br>**{{ho_ten_bi_thu}}** |",
        "", "</div>", "",
        "</div>",
    ]
    return "\n".join(lines)


def plan_page(cell_type: dict, pages: list[Page], registry: Registry) -> Page:
    """The plan document as a form page (not a file in docs/): what sotay.forms and
    sotay.docx_export read to make ``cong-cu/ke-hoach-sinh-hoat-nam-<id>.docx``."""
    import datetime as dt

    reviewed = max((p.meta.get("reviewed") for p in pages if p.section == "cong-cu"
                    and isinstance(p.meta.get("reviewed"), dt.date)), default=dt.date(2026, 1, 1))
    meta = {"title": f"Kế hoạch sinh hoạt chi bộ năm — {cell_type['label']}",
            "description": "Kế hoạch sinh hoạt chi bộ cả năm: sinh hoạt thường kỳ, chuyên đề, kiểm điểm cuối năm.",
            "type": "form", "doc_code": "KH", "placeholders": dict(PLAN_LABELS), "reviewed": reviewed,
            "sources": ["dieu-le-dang", "hd-42-2025", "qd-366-2025"]}
    return Page(path=MEETING_FILE, src=f"cong-cu/{PLAN_FORM}-{cell_type['id']}.md", lang="vi", meta=meta,
                body=plan_document(cell_type, pages, registry), body_line=1)


def plan_docx_files(pages: list[Page]) -> dict[str, bytes]:
    """{site path: .docx bytes} of the year plan, one per kind of cell."""
    from . import docx_export

    registry = load_registry()
    return {plan_docx_name(ct["id"]): docx_export.docx_for(plan_page(ct, pages, registry))
            for ct in rules("meeting").data["plan"]["cell_types"]}


def plan_markdown(page: Page, pages: list[Page], registry: Registry, lang: str) -> str:
    d = rules("meeting").data
    plan = d["plan"]
    s = strings(lang)
    forms_ = _forms_by_name(pages)
    types = plan["cell_types"]
    out = ['<div class="sotay-tool sotay-plan" data-sotay-tool="ke-hoach-nam" markdown>', ""]
    radios = "".join(
        f'<label class="sotay-choice"><input type="radio" name="cell" value="{_e(ct["id"])}"'
        f'{" checked" if i == 0 else ""}> <span>{_e(_t(ct, "label", lang))}</span></label>'
        for i, ct in enumerate(types))
    out.append('<form class="sotay-plan__pick" action="#">'
               f'<p class="sotay-field"><label for="sotay-plan-year">{_e(s["year"])}</label>'
               '<input type="number" id="sotay-plan-year" name="year" min="2025" max="2100" step="1" inputmode="numeric"></p>'
               f'<fieldset class="sotay-choices"><legend>{_e(s["cell_type"])}</legend>{radios}</fieldset>'
               '</form>')
    out.append("")
    out.append(_noscript(lang))
    out.append("")
    topic = plan["topic"]
    note = _t(topic, "cite", lang)
    if topic["status"] == "ask":
        note += ". " + _t(topic, "ask", lang)
    out.append(f'<div class="admonition warning sotay-plan__topic"><p class="admonition-title">{_e(s["ask"])}</p>'
               f"<p>{_e(note)} <span class=\"sotay-step__basis\">{_basis_html(topic, registry, page.src, lang, cite=False)}</span></p></div>")
    out.append("")
    for i, ct in enumerate(types):
        months = plan_months(ct, pages)
        hidden = "" if i == 0 else " hidden"
        out.append(f'<section class="sotay-plan__type" data-plan="{_e(ct["id"])}"{hidden} markdown>')
        out.append("")
        rows = []
        for row in months:
            kind, _topic = _plan_cell(row, lang)
            kit = ""
            if row["kit"] is not None:
                kit = (f'<a href="{_e(href(page.src, row["kit"].base))}" lang="vi">'
                       f'{_e(re.sub(r"^Chuyên đề: ", "", str(row["kit"].meta.get("title"))))}</a>')
            cols = s["plan_table"]
            rows.append(f'<tr><td data-label="{_e(cols[0])}">{row["month"]}</td><td data-label="{_e(cols[1])}">{_e(kind)}</td>'
                        f'<td data-label="{_e(cols[2])}">{kit}</td></tr>')
        out.append('<table class="sotay-plan__months"><thead><tr>'
                   + "".join(f"<th>{_e(c)}</th>" for c in s["plan_table"]) + "</tr></thead><tbody>"
                   + "".join(rows) + "</tbody></table>")
        out.append("")
        extra = _t(ct, "note", lang) or _t(plan, "other_note", lang)
        basis = _basis_html(ct, registry, page.src, lang, cite=False) if ct.get("sources") else ""
        out.append(f'<p class="sotay-plan__note">{_e(extra)} <span class="sotay-step__basis">{basis}</span></p>')
        out.append("")
        out.append(f'<div class="sotay-plan__doc" lang="vi" data-search-exclude data-fill-form="{PLAN_FORM}" '
                   f'data-fill-title="{_e("Kế hoạch sinh hoạt năm")}" markdown>')
        out.append("")
        from .render import placeholders_to_html

        out.append(placeholders_to_html(plan_document(ct, pages, registry), PLAN_LABELS))
        out.append("")
        out.append("</div>")
        out.append("")
        out.append("</section>")
        out.append("")
    review = plan["review"]
    out.append(f'<p class="sotay-step__basis">{_e(s["plan_review"])}: {_basis_html(review, registry, page.src, lang)}. '
               f'{_e(s["plan_regular"])}: {_basis_html(plan["regular"], registry, page.src, lang)}.</p>')
    out.append("")
    out.append('<p class="sotay-plan__actions">'
               f'<button type="button" class="md-button md-button--primary" data-act="print-plan">{_e(s["print_plan"])}</button> '
               f'<button type="button" class="md-button" data-act="docx-plan">{_e(s["plan_docx"])}</button> '
               f'<a data-plan-blank href="{_e(href(page.src, plan_docx_name(types[0]["id"])))}" download>{_e(s["plan_blank"])}</a></p>')
    out.append("")
    out.append('<div class="sotay-fill-here" data-fill-panel="open"></div>')
    out.append("")
    out.append('<p class="sotay-plan__status" role="status" aria-live="polite"></p>')
    out.append("")
    data = {
        "strings": {k: s[k] for k in ("docx_busy", "docx_done", "docx_failed", "docx_file_url")},
        "types": {ct["id"]: {"docx": href(page.src, plan_docx_name(ct["id"]))} for ct in types},
        "form": PLAN_FORM,
        "lang": lang,
    }
    out.append(_data_script("ke-hoach-nam", data))
    out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"
