"""Project settings (``[tool.sotay]`` in pyproject.toml) and the English terms (``data/terms-en.yml``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
import yaml
from .core import Problem, SETTINGS_FILE, TERMS_FILE, _BOOL, _LIST, _STR, _YAML_LOADER, rel
from .registry import _check_value, _line_map


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
