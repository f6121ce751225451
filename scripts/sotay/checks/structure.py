"""Structure: what each page type must contain, and Markdown that silently breaks.

Per type (model.REQUIRED_SECTIONS, GUIDE_OPENING, QA_OPENING, PROGRAMME_*), for the
Vietnamese pages (the headings are Vietnamese; translations are free):

- every required ``## heading``, in order; a near miss ("## Mục đích yêu cầu",
  "### Chuẩn bị", "##Chuẩn bị") is named with its line;
- a guide opens with the "Việc cần làm" box and ends with "## Xem thêm";
- an answer's title is a question; its first paragraph starts with "**Trả lời:**"
  and is one sentence; "## Cần làm" has numbered steps;
- a topic-session kit's "## Chương trình" has a table whose "Phút" column adds up
  to ``duration`` (the sum and the expected value are reported); its English page,
  the same table under "## Programme" with a "Minutes" column;
- a form's ``doc_code`` is in the glossary.

On every page: no "# Heading 1" on content pages (the title comes from the front
matter), ATX headings with a space after '#', closed code blocks and HTML comments,
admonitions with a known type, a quoted title and an indented body, tables whose rows
have as many cells as the header, task-list items written "- [ ] ", generated-list
markers that the build understands, and no drafting leftovers (TODO, FIXME, XXX, ???).
"""
from __future__ import annotations

import functools
import re

from .. import model, render
from ..text import fold

ADMONITION = re.compile(r"^(\s*)(!!!|\?\?\?\+?)(.*)$")
ADMONITION_OK = re.compile(r"^(\s*)(!!!|\?\?\?\+?)[ \t]+([a-z][\w-]*)((?:[ \t]+[a-z][\w-]*)*)(?:[ \t]+\"([^\"]*)\")?[ \t]*$")
ADMONITION_TYPES = {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
                    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
                    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
                    # the project's own: the basis box (render.py), training blocks (training.py)
                    "basis", "trainer", "solution"}
ADMONITION_CLASSES = {"inline", "end"}
LEFTOVER = re.compile(r"(?<![\w-])(TODO|FIXME|TBD|XXX+|\?\?\?+|lorem ipsum)(?![\w-])", re.I)
CONTENT_TYPES = {"guide", "qa", "template", "form", "lesson", "reference"}
MARKER_KINDS = {"list": {"section", "group", "type"}, "sources": set(), "glossary": set(), "qa-groups": set()}
TASK_BAD = re.compile(
    r"^\s*[-*+]\s+\[\](?:\s|$)"            # - [] item
    r"|^\s*[-*+]\s+\[[ xX]\](?=[^\s(\[:])"  # - [ ]item
    r"|^\s*[-*+]\[[ xX]?\]"                  # -[ ] item
    r"|^\s*[-*+]\s+\[\s{2,}\]"              # - [  ] item
    r"|^\s*[-*+]\s+\[[vV✓✔☐☑]\]"           # - [v] item
    r"|^\s*\[[ xX]?\]\s+\S"                 # [ ] item (no dash)
)
NUMBERED = re.compile(r"^\s*\d+[.)]\s+\S")


def _p(page, line, message, fix="", severity="error"):
    return model.Problem(page.where, line, message, fix, severity=severity, check="structure")


def check(ctx) -> list:
    out = []
    for page in ctx.pages:
        if not page.meta:
            continue  # front matter broken: reported by `frontmatter`
        sc = ctx.scan(page)
        out.extend(_markdown_hygiene(ctx, page, sc))
        if page.lang != model.DEFAULT_LANG:
            out.extend(_translation(page, sc))
            continue
        ptype = page.type
        if ptype in model.REQUIRED_SECTIONS:
            out.extend(_required_sections(page, sc, model.REQUIRED_SECTIONS[ptype]))
        if ptype == "guide":
            out.extend(_guide(page, sc))
        elif ptype == "qa":
            out.extend(_qa(page, sc))
        elif ptype == "template":
            out.extend(_programme(page, sc))
            name = page.src.rsplit("/", 1)[-1]
            if not name.startswith("chuyen-de-"):
                out.append(_p(page, page.line_of("type"), f"bộ tài liệu chuyên đề phải đặt tên 'chuyen-de-…' (tệp là '{name}')",
                              f"đổi tên thành 'chuyen-de-{name}'"))
        elif ptype == "form":
            code = page.meta.get("doc_code")
            if isinstance(code, str) and code not in ctx.glossary:
                out.append(_p(page, page.line_of("doc_code"), f"ký hiệu loại văn bản '{code}' không có trong bảng chữ viết tắt",
                              "dùng ký hiệu theo thể thức: " + ", ".join(k for k in ("NQ", "BB", "KL", "TB", "CTr", "BC", "KH", "CV")
                                                                         if k in ctx.glossary)))
    return out


# --------------------------------------------------------------------------
# Every page
# --------------------------------------------------------------------------


def _markdown_hygiene(ctx, page, sc) -> list:
    out = []
    if sc.unclosed_fence:
        out.append(_p(page, sc.unclosed_fence, "khối mã mở bằng ``` nhưng không đóng: phần còn lại của trang thành mã",
                      "thêm một dòng ``` để đóng khối"))
    if sc.unclosed_comment:
        out.append(_p(page, sc.unclosed_comment, "chú thích HTML '<!--' không đóng: phần còn lại của trang bị ẩn",
                      "thêm '-->' ở cuối chú thích"))
    lines = list(sc)
    table: list = []
    for i, (n, raw, t, code) in enumerate(lines):
        if code:
            _flush_table(page, table, out)
            table = []
            continue
        stripped = t.strip()
        # Headings
        if re.match(r"^\s{0,3}#{1,6}[^\W\d_]", t):
            out.append(_p(page, n, f"thiếu dấu cách sau '#' ở tiêu đề '{stripped[:40]}'",
                          "viết '## Tiêu đề' (một dấu cách sau các dấu #)"))
        if re.match(r"^#[ \t]", t) and page.type in CONTENT_TYPES:
            out.append(_p(page, n, "trang nội dung không viết tiêu đề cấp 1 ('# …'): tiêu đề lấy từ 'title'",
                          "xóa dòng này (hoặc đổi thành '## …' nếu là một mục)"))
        # Admonitions
        m = ADMONITION.match(raw)
        if m and not code:
            out.extend(_admonition(page, n, raw, lines, i + 1))
        # Task lists
        if "[" in t and TASK_BAD.match(t):
            out.append(_p(page, n, "ô đánh dấu viết sai nên không hiện thành ô vuông",
                          "viết '- [ ] việc cần làm' (gạch đầu dòng, dấu cách, [, dấu cách, ], dấu cách)"))
        # Markers of generated lists
        if "sotay" in raw and "<!--" in raw:
            out.extend(_marker(page, n, raw))
        # Drafting leftovers
        if stripped:
            lm = LEFTOVER.search(t)
            if lm and not (lm.group(1).startswith("?") and ADMONITION.match(raw)):
                out.append(_p(page, n, f"còn ghi chú soạn thảo '{lm.group(1)}' (cột {lm.start(1) + 1})",
                              "viết nội dung thật hoặc xóa ghi chú trước khi đăng"))
        # Tables
        if stripped.startswith("|") or (table and "|" in stripped):
            table.append((n, t))
        else:
            _flush_table(page, table, out)
            table = []
    _flush_table(page, table, out)
    return out


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = re.sub(r"\\\|", "  ", row)
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in row.split("|")]


def _flush_table(page, table, out) -> None:
    if len(table) < 1:
        return
    if len(table) == 1:
        return
    header = _cells(table[0][1])
    sep = _cells(table[1][1])
    if not all(re.fullmatch(r":?-{1,}:?", c) for c in sep):
        out.append(_p(page, table[1][0], "bảng thiếu dòng kẻ '|---|---|' ngay dưới dòng tiêu đề nên không hiện thành bảng",
                      "thêm dòng '|---|---|' (mỗi cột một '---') dưới dòng tiêu đề"))
        return
    if len(sep) != len(header):
        out.append(_p(page, table[1][0], f"dòng kẻ của bảng có {len(sep)} cột nhưng dòng tiêu đề có {len(header)} cột",
                      "mỗi cột một '---'"))
    for n, row in table[2:]:
        cells = _cells(row)
        if len(cells) != len(header):
            out.append(_p(page, n, f"dòng bảng có {len(cells)} ô nhưng bảng có {len(header)} cột (thiếu hoặc thừa dấu '|')",
                          "mỗi dòng có đúng số ô như dòng tiêu đề; ô trống vẫn cần '| |'"))


def _admonition(page, n, raw, lines, start) -> list:
    out = []
    ok = ADMONITION_OK.match(raw)
    if not ok:
        rest = ADMONITION.match(raw).group(3)
        words = rest.split()
        if rest and not rest.startswith((" ", "\t")):
            out.append(_p(page, n, "thiếu dấu cách sau '!!!' hoặc '???'", 'viết \'!!! note "Tiêu đề"\''))
        elif words and re.fullmatch(r"[A-Za-z][\w-]*", words[0]) and words[0] != words[0].lower():
            out.append(_p(page, n, f"loại khung '{words[0]}' phải viết thường", f"viết '{words[0].lower()}'"))
        elif '"' not in rest and rest.strip():
            out.append(_p(page, n, "tiêu đề của khung phải đặt trong ngoặc kép",
                          'viết \'!!! warning "Lưu ý"\' (loại khung, dấu cách, tiêu đề trong "…")'))
        elif rest.count('"') % 2:
            out.append(_p(page, n, "tiêu đề của khung thiếu dấu ngoặc kép đóng", 'viết \'!!! note "Tiêu đề"\''))
        elif not rest.strip():
            out.append(_p(page, n, "khung thiếu loại (note, tip, warning, …)", 'viết \'!!! note "Tiêu đề"\''))
        else:
            out.append(_p(page, n, "dòng mở khung viết sai cú pháp", 'viết \'!!! note "Tiêu đề"\' (loại khung viết thường, tiêu đề trong "…")'))
        return out
    indent, kind, classes = ok.group(1), ok.group(3), ok.group(4).split()
    if kind not in ADMONITION_TYPES:
        out.append(_p(page, n, f"loại khung '{kind}' không có",
                      "dùng note, abstract, info, tip, warning, danger, example, question, quote hoặc basis"))
    for c in classes:
        if c not in ADMONITION_CLASSES and c not in ADMONITION_TYPES:
            out.append(_p(page, n, f"'{c}' sau loại khung bị hiểu là lớp CSS: tiêu đề phải đặt trong ngoặc kép",
                          f'viết \'{ok.group(2)} {kind} "…"\''))
            break
    # The body: the next non-blank line must be indented deeper than the marker.
    for _n, _raw, _t, _code in (lines[k] for k in range(start, len(lines))):
        if not _raw.strip():
            continue
        body = _raw.expandtabs(4)
        depth = len(body) - len(body.lstrip(" "))
        if depth < len(indent.expandtabs(4)) + 4:
            out.append(_p(page, n, "khung không có nội dung: dòng dưới nó chưa được thụt lề 4 dấu cách",
                          f"thụt lề nội dung của khung 4 dấu cách (dòng {_n})"))
        break
    else:
        out.append(_p(page, n, "khung không có nội dung ở cuối trang", "thêm nội dung, thụt lề 4 dấu cách"))
    return out


@functools.lru_cache(maxsize=1)
def _marker_kinds() -> tuple[set[str], list]:
    """Kinds the build expands: those render.expand_markers tests for (read from its source,
    so a new kind added there is known here), and other modules' MARKER patterns
    (training.py: schedule, keypoints, …)."""
    import inspect

    kinds = set(MARKER_KINDS)
    try:
        kinds |= set(re.findall(r'kind == "([a-z-]+)"', inspect.getsource(render.expand_markers)))
    except (OSError, TypeError):
        pass
    others = []
    for name in ("training", "offline", "print", "exports"):
        try:
            import importlib

            mod = importlib.import_module(f"sotay.{name}")
        except Exception:
            continue
        pat = getattr(mod, "MARKER", None)
        if isinstance(pat, re.Pattern):
            others.append(pat)
            m = re.search(r"sotay:\(([a-z|-]+)\)", pat.pattern)
            if m:
                kinds |= set(m.group(1).split("|"))
    return kinds, others


def _marker(page, n, raw) -> list:
    s = raw.strip()
    kinds, others = _marker_kinds()
    if any(o.match(s) for o in others):
        return []
    m = render.MARKER.match(s)
    if not m or m.group(1) not in kinds:
        if re.match(r"^<!--\s*sotay\b", s):
            return [_p(page, n, f"dấu danh sách tự động viết sai hoặc không có: '{s[:60]}'",
                       "viết trên một dòng riêng, đúng dạng '<!-- sotay:list section=huong-dan -->'; các loại có: "
                       + ", ".join(sorted(kinds)))]
        return []
    kind, args = m.group(1), m.group(2)
    if kind not in MARKER_KINDS:
        return []
    out = []
    kv = dict(x.split("=", 1) for x in args.split())
    for key in kv:
        if key not in MARKER_KINDS[kind]:
            out.append(_p(page, n, f"'sotay:{kind}' không nhận tham số '{key}'",
                          "tham số dùng được: " + (", ".join(sorted(MARKER_KINDS[kind])) or "không có")))
    if kind == "list":
        if "section" not in kv:
            out.append(_p(page, n, "'sotay:list' thiếu 'section=…'", "ví dụ '<!-- sotay:list section=huong-dan -->'"))
        elif kv["section"] not in model.SECTION_TITLES:
            out.append(_p(page, n, f"không có phần '{kv['section']}'", "dùng: " + ", ".join(model.SECTION_ORDER)))
        if "group" in kv and kv["group"] not in model.QA_GROUPS:
            out.append(_p(page, n, f"không có nhóm hỏi đáp '{kv['group']}'", "dùng: " + ", ".join(model.QA_GROUPS)))
        if "type" in kv and kv["type"] not in model.TYPE_FIELDS:
            out.append(_p(page, n, f"không có loại trang '{kv['type']}'", "dùng: " + ", ".join(model.PAGE_TYPES)))
    return out


# --------------------------------------------------------------------------
# Per type
# --------------------------------------------------------------------------


def _h2(page, sc) -> list[tuple[int, str]]:
    """(line, text) of level-2 headings, like model.headings but from the scan."""
    out = []
    for n, raw, t, code in sc:
        if not code and t.startswith("## "):
            out.append((n, re.sub(r"\s*\{[^}]*\}\s*$", "", t[3:]).strip().rstrip("#").strip()))
    return out


def _near(title: str, sc) -> tuple[int, str] | None:
    """A line that is probably meant to be the heading ``title`` but is not written as one."""
    want = _key(title)
    for n, raw, t, code in sc:
        if code:
            continue
        s = t.strip()
        if not s or (s.startswith("## ") and not s.startswith("### ")):
            continue
        cand = re.sub(r"^#+\s*", "", s)
        cand = re.sub(r"^\*\*(.*)\*\*:?$", r"\1", cand)
        if _key(cand) == want:
            return n, s
    return None


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(s))


def _required_sections(page, sc, required) -> list:
    out = []
    h2 = _h2(page, sc)
    texts = [t for _, t in h2]
    positions = []
    for title in required:
        if title in texts:
            positions.append((texts.index(title), title))
            continue
        close = [(n, t) for n, t in h2 if _key(t) == _key(title)]
        if close:
            n, t = close[0]
            out.append(_p(page, n, f"tiêu đề '## {t}' phải viết đúng '## {title}'", f"sửa thành '## {title}'"))
            positions.append((texts.index(t), title))
            continue
        near = _near(title, sc)
        if near:
            out.append(_p(page, near[0], f"'{near[1]}' phải là tiêu đề cấp 2 '## {title}'", f"sửa dòng thành '## {title}'"))
            continue
        out.append(_p(page, None, f"trang loại {page.type} thiếu mục '## {title}'",
                      "các mục bắt buộc, theo thứ tự: " + ", ".join(f"'## {t}'" for t in required)))
    order = [t for _, t in sorted(positions)]
    expected = [t for t in required if t in order]
    if order != expected:
        first_bad = next(i for i, (a, b) in enumerate(zip(order, expected)) if a != b)
        line = h2[sorted(positions)[first_bad][0]][0]
        out.append(_p(page, line, f"các mục không đúng thứ tự: '## {order[first_bad]}' đứng trước '## {expected[first_bad]}'",
                      "thứ tự đúng: " + " → ".join(required)))
    return out


def _first_block(sc) -> tuple[int | None, list[tuple[int, str]]]:
    """The first paragraph/block of the body: (line, lines)."""
    block: list[tuple[int, str]] = []
    for n, raw, t, code in sc:
        if not raw.strip() and not block:
            continue
        if not raw.strip() or (block and re.match(r"^\s{0,3}#{1,6}\s", raw)):
            break
        block.append((n, raw))
    return (block[0][0] if block else None), block


def _translation(page, sc) -> list:
    """Translations have free headings; the shape of a guide still holds: the summary box first;
    a kit's programme still adds up to its duration."""
    if page.type == "template":
        section = model.PROGRAMME_SECTION_EN
        if section not in [t for _, t in _h2(page, sc)]:
            return [_p(page, page.body_line, f"bộ tài liệu chuyên đề tiếng Anh thiếu mục '## {section}' (chương trình có số phút)",
                       f"dịch '## {model.PROGRAMME_SECTION}' thành '## {section}', cột '{model.PROGRAMME_MINUTES_COLUMN}' "
                       f"thành '{model.PROGRAMME_MINUTES_COLUMN_EN}'")]
        return _programme(page, sc, section, model.PROGRAMME_MINUTES_COLUMN_EN)
    if page.type != "guide":
        return []
    first, block = _first_block(sc)
    if block and re.match(r'^!!! abstract "[^"]+"\s*$', block[0][1].strip()):
        return []
    got = block[0][1].strip()[:50] if block else "(trang trống)"
    return [_p(page, first or page.body_line, f"hướng dẫn phải mở đầu bằng khung '!!! abstract \"…\"' (đang là '{got}')",
               'đặt ở đầu nội dung: !!! abstract "What to do", rồi các bước tóm tắt thụt lề 4 dấu cách')]


def _guide(page, sc) -> list:
    out = []
    first, block = _first_block(sc)
    if not block or block[0][1].strip() != model.GUIDE_OPENING:
        line = first or page.body_line
        got = block[0][1].strip()[:50] if block else "(trang trống)"
        out.append(_p(page, line, f"hướng dẫn phải mở đầu bằng khung '{model.GUIDE_OPENING}' (đang là '{got}')",
                      f"đặt ở đầu nội dung: {model.GUIDE_OPENING}, rồi các bước tóm tắt thụt lề 4 dấu cách"))
    h2 = _h2(page, sc)
    if h2 and h2[-1][1] != "Xem thêm" and "Xem thêm" in [t for _, t in h2]:
        n = [n for n, t in h2 if t == "Xem thêm"][0]
        out.append(_p(page, n, f"'## Xem thêm' phải là mục cuối của hướng dẫn (sau nó còn '## {h2[-1][1]}')",
                      "chuyển '## Xem thêm' xuống cuối trang"))
    see = model.section_text(page, "Xem thêm")
    if "Xem thêm" in [t for _, t in h2] and not any("](" in line or "][" in line for _, line in see):
        n = [n for n, t in h2 if t == "Xem thêm"][0]
        out.append(_p(page, n, "mục '## Xem thêm' không có liên kết nào", "liệt kê liên kết tới biểu mẫu và câu hỏi liên quan"))
    return out


SENTENCE_END = re.compile(r"[.!?…](?:[\"”’)\]*_]*)\s+(?=[A-ZĐÀ-Ỹ\"“(*])")


def _qa(page, sc) -> list:
    out = []
    title = page.meta.get("title")
    if isinstance(title, str) and not title.rstrip().endswith("?"):
        out.append(_p(page, page.line_of("title"), "tiêu đề câu hỏi phải là một câu hỏi, kết thúc bằng '?'",
                      "viết câu hỏi như bí thư hỏi, ví dụ 'Bí thư vắng thì ai chủ trì?'"))
    first, block = _first_block(sc)
    if not block or not block[0][1].lstrip().startswith(model.QA_OPENING):
        got = block[0][1].strip()[:50] if block else "(trang trống)"
        out.append(_p(page, first or page.body_line,
                      f"câu trả lời phải mở đầu bằng '{model.QA_OPENING}' (đang là '{got}')",
                      f"viết đoạn đầu: '{model.QA_OPENING} <một câu trả lời ngắn>.'"))
    else:
        para = " ".join(line.strip() for _, line in block)
        rest = para[len(model.QA_OPENING):].strip() if para.startswith(model.QA_OPENING) else para
        rest = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", rest)
        # numbers like 01/7/2025 or "Điều 3." followed by a capital are rare; abbreviations such as "TP." are not used
        ends = SENTENCE_END.findall(rest)
        if ends:
            out.append(_p(page, first, f"câu trả lời ngắn có {len(ends) + 1} câu; đoạn '**Trả lời:**' chỉ được một câu",
                          "giữ một câu trả lời trực tiếp; chuyển phần còn lại xuống '## Giải thích'"))
    steps = model.section_text(page, "Cần làm")
    heads = _h2(page, sc)
    if "Cần làm" in [t for _, t in heads]:
        if not any(NUMBERED.match(line) for _, line in steps):
            n = [n for n, t in heads if t == "Cần làm"][0]
            out.append(_p(page, n, "mục '## Cần làm' chưa có các bước đánh số", "viết các bước dạng '1. …', '2. …'"))
        else:
            for n, line in steps:
                if re.match(r"^[-*+]\s+(?!\[[ xX]\])\S", line):
                    out.append(_p(page, n, "trong '## Cần làm' các bước phải đánh số, dòng này là gạch đầu dòng",
                                  "viết '1. …', '2. …' (ý phụ thì thụt lề dưới bước)"))
                    break
    return out


def _programme(page, sc, section: str = model.PROGRAMME_SECTION, col_name: str = model.PROGRAMME_MINUTES_COLUMN) -> list:
    out = []
    duration = page.meta.get("duration")
    lines = model.section_text(page, section)
    heads = [t for _, t in _h2(page, sc)]
    if section not in heads:
        return out  # the missing section is reported by _required_sections
    head_line = [n for n, t in _h2(page, sc) if t == section][0]
    # The first table under the heading.
    table = []
    for n, line in lines:
        if line.strip().startswith("|"):
            table.append((n, line))
        elif table:
            break
    if len(table) < 2:
        out.append(_p(page, head_line, f"mục '## {section}' không có bảng chương trình",
                      f"thêm bảng có cột '{col_name}', ví dụ '| Thời gian | Nội dung | Người thực hiện | {col_name} |'"))
        return out
    header = [re.sub(r"[*_]", "", c).strip() for c in _cells(table[0][1])]
    if col_name not in header:
        close = [c for c in header if _key(c) in (_key(col_name), "phut", "sophut", "thoiluong", "thoiluongphut",
                                                   "min", "mins", "minutes", "time", "duration")]
        out.append(_p(page, table[0][0], f"bảng chương trình không có cột '{col_name}'" + (f" (có cột '{close[0]}')" if close else ""),
                      f"đặt tên cột số phút đúng là '{col_name}'"))
        return out
    col = header.index(col_name)
    total = 0
    total_row = None
    for n, row in table[2:]:
        cells = _cells(row)
        if col >= len(cells):
            out.append(_p(page, n, f"dòng chương trình thiếu ô '{col_name}'", "thêm số phút vào ô của cột đó"))
            continue
        label = " ".join(cells[:col]).strip()
        cell = re.sub(r"[*_]", "", cells[col]).strip()
        if re.match(r"^(tong|cong|total)\b", fold(re.sub(r"[*_]", "", label)).strip()):
            total_row = (n, cell)
            continue
        m = re.fullmatch(r"(\d+)(?:\s*(?:phút|ph|'|p|min))?", cell)
        if not m:
            out.append(_p(page, n, f"ô '{col_name}' là '{cell}', không phải một số phút",
                          "ghi số nguyên, ví dụ 15 (không ghi khoảng '10–15' hay để trống)"))
            continue
        total += int(m.group(1))
    if isinstance(duration, int) and not isinstance(duration, bool):
        if total != duration:
            out.append(_p(page, table[0][0], f"các dòng chương trình cộng lại {total} phút, nhưng 'duration' là {duration} phút "
                                             f"({'thừa' if total > duration else 'thiếu'} {abs(total - duration)} phút)",
                          f"sửa số phút trong cột '{col_name}' hoặc 'duration:' (dòng {page.line_of('duration')}) cho khớp"))
        if total_row:
            m = re.match(r"\d+", total_row[1])
            if not m or int(m.group(0)) != total:
                out.append(_p(page, total_row[0], f"dòng tổng ghi '{total_row[1]}' nhưng các dòng cộng lại {total} phút",
                              f"ghi {total} ở dòng tổng"))
    return out
