"""The tools' data files (``data/meeting-rules.yml``, ``data/voting-rules.yml``): loaded, checked against their schema, file and line in every problem."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
import yaml
from .. import markers
from .. import text as vtext
from ..model import _YAML_LOADER, DOCS, ROOT, Page, Problem, Registry, load_registry, rel


# --------------------------------------------------------------------------
# Loading and checking the data files
# --------------------------------------------------------------------------

MEETING_FILE = ROOT / "data" / "meeting-rules.yml"
VOTING_FILE = ROOT / "data" / "voting-rules.yml"
CHECK = "tools"
TOOLS = ("thang-nay", "ke-hoach-nam", "may-tinh-bieu-quyet")


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
    """The ids of page ``f`` as the build renders it: headings, attribute lists and generated
    HTML such as the sources register (sotay.pipeline.page_anchors, the one anchor scanner)."""
    from .. import pipeline

    content = pipeline.Content.load(docs_dir)
    try:
        src = Path(f).resolve().relative_to(Path(docs_dir).resolve()).as_posix()
    except ValueError:
        return set()
    page = content.by_src.get(src)
    return pipeline.page_anchors(page, content) if page is not None else set()


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
    from ..model import load_page

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
        names = [m[1].get("name", "") for _n, line in page.body_lines() if (m := markers.parse(line)) and m[0] == "tool"]
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
    from ..model import SOURCES_FILE

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    r = _cached(kind, mtime(path), mtime(SOURCES_FILE))
    if not r.ok:
        raise ValueError("\n".join(str(p) for p in r.problems if p.severity == "error"))
    return r
