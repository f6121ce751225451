"""Front matter: the schema of each page type (model.validate_meta) and what it cannot see.

Adds to the model's own problems: a clearer message when the front matter is not
closed or starts after a blank line or a BOM, duplicate keys (YAML silently keeps the
last one), file names that are not lower-case ASCII, English pages without their
Vietnamese original (they are never built at /), a translation of another type,
section index pages of an unknown Q&A group, and an ``asked_as`` phrase given on two
pages of one language (the search would send the reader to both: it belongs to the
page that answers it best).
"""
from __future__ import annotations

import re

from .. import model
from ..text import fold

FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.(?:%s))?\.md$" % "|".join(model.LANGS))
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:")


def _p(page, line, message, fix="", severity="error"):
    return model.Problem(page.where, line, message, fix, severity=severity, check="frontmatter")


def check(ctx) -> list:
    out = list(ctx.load_problems)
    for page in ctx.pages:
        raw = ctx.raw(page)
        for prob in page.problems:
            if prob.message.startswith("thiếu phần khai báo đầu trang"):
                out.append(_explain_missing(page, raw, prob))
            elif prob.message.startswith("khai báo đầu trang không phải YAML"):
                out.append(_yaml_context(page, raw, prob))
            else:
                out.append(prob)
        out.extend(_duplicate_keys(page, raw))
        out.extend(_file_name(page))
    out.extend(_translations(ctx))
    out.extend(_group_pages(ctx))
    out.extend(_shared_asked_as(ctx))
    out.extend(model.alias_problems(ctx.pages))
    return out


def _explain_missing(page, raw: str, prob):
    if raw.startswith("\ufeff"):
        return _p(page, 1, "tệp bắt đầu bằng ký tự BOM nên không nhận ra phần khai báo đầu trang",
                  "lưu tệp ở dạng UTF-8 không BOM (trong trình soạn thảo: 'UTF-8', không chọn 'UTF-8 with BOM')")
    stripped = raw.lstrip()
    if stripped.startswith("---") and not raw.startswith("---"):
        return _p(page, 1, "có dòng trống hoặc dấu cách trước '---' mở đầu phần khai báo",
                  "xóa các dòng trống ở đầu tệp: dòng 1 phải là '---'")
    if raw.startswith("---"):
        lines = raw.split("\n")
        if not any(line.rstrip() == "---" for line in lines[1:]):
            return _p(page, 1, "phần khai báo đầu trang mở bằng '---' nhưng không có dòng '---' kết thúc",
                      "thêm một dòng chỉ có '---' sau dòng khai báo cuối cùng (sau 'review_in: …')")
    return prob


def _yaml_context(page, raw: str, prob):
    """For an unclosed '[', '{' or quote YAML notices the error lines later; point at where it opened."""
    import dataclasses

    import yaml

    m = model.FRONT_MATTER.match(raw)
    if not m:
        return prob
    try:
        yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError as e:
        ctx_mark = getattr(e, "context_mark", None)
        opened = str(getattr(e, "context", "") or "")
        if ctx_mark is not None and prob.line and ctx_mark.line + 2 < prob.line and \
                ("flow" in opened or "quoted" in opened):
            return dataclasses.replace(prob, line=ctx_mark.line + 2,
                                       message=prob.message + f" (mở ở dòng {ctx_mark.line + 2}, phát hiện ở dòng {prob.line})",
                                       fix="đóng ngoặc ] } hoặc dấu ngoặc kép trên cùng dòng; " + prob.fix)
    except Exception:
        pass
    return prob


def _duplicate_keys(page, raw: str) -> list:
    if not raw.startswith("---"):
        return []
    seen: dict[str, int] = {}
    out = []
    for i, line in enumerate(raw.split("\n")[1:], 2):
        if line.rstrip() == "---":
            break
        m = TOP_KEY.match(line)
        if not m:
            continue
        key = m.group(1)
        if key in seen:
            out.append(_p(page, i, f"khóa '{key}' lặp lại (đã có ở dòng {seen[key]}); YAML chỉ giữ dòng sau cùng",
                          f"gộp hai dòng '{key}:' thành một"))
        else:
            seen[key] = i
    return out


def _file_name(page) -> list:
    name = page.src.rsplit("/", 1)[-1]
    parts = page.src.split("/")
    out = []
    if not FILE_NAME.match(name):
        suggestion = re.sub(r"[^a-z0-9.]+", "-", _ascii(name[:-3]).lower()).strip("-") + ".md"
        out.append(_p(page, None, f"tên tệp '{name}' phải viết thường, không dấu, nối bằng '-' (địa chỉ trang lấy từ tên tệp)",
                      f"đổi tên thành '{suggestion}' và sửa các liên kết tới nó"))
    for folder in parts[:-1]:
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", folder):
            out.append(_p(page, None, f"tên thư mục '{folder}' phải viết thường, không dấu, nối bằng '-'",
                          "đổi tên thư mục"))
    return out


def _ascii(s: str) -> str:
    from ..text import fold

    return fold(s)


def _translations(ctx) -> list:
    out = []
    by_src = ctx.by_src
    for page in ctx.pages:
        if page.lang == model.DEFAULT_LANG:
            continue
        original = by_src.get(page.base)
        if original is None:
            out.append(_p(page, 1, f"bản dịch không có bản tiếng Việt '{page.base}' đi kèm: trang sẽ không có ở site tiếng Việt",
                          f"tạo docs/{page.base} trước (bản gốc tiếng Việt), hoặc đổi tên tệp nếu đây là bản gốc"))
            continue
        t1, t2 = original.meta.get("type"), page.meta.get("type")
        if t1 and t2 and t1 != t2:
            out.append(_p(page, page.line_of("type"), f"bản dịch có type '{t2}' nhưng bản gốc {original.src} là '{t1}'",
                          f"đặt 'type: {t1}' như bản gốc"))
        ph1, ph2 = original.meta.get("placeholders"), page.meta.get("placeholders")
        if isinstance(ph1, dict) and isinstance(ph2, dict) and set(ph1) != set(ph2):
            diff = sorted(set(ph1) ^ set(ph2))
            out.append(_p(page, page.line_of("placeholders"),
                          f"bản dịch và bản gốc khai báo chỗ điền khác nhau: {', '.join(diff)}",
                          "dùng cùng tên chỗ điền ở hai bản (chỉ nhãn được dịch)"))
    return out


def _group_pages(ctx) -> list:
    out = []
    for page in ctx.pages:
        if page.type == "section" and "group" in page.meta:
            g = page.meta.get("group")
            if isinstance(g, str) and g not in model.QA_GROUPS:
                out.append(_p(page, page.line_of("group"), f"nhóm hỏi đáp '{g}' không có",
                              "dùng: " + ", ".join(model.QA_GROUPS)))
            name = page.base.rsplit("/", 1)[-1][:-3]
            if isinstance(g, str) and g in model.QA_GROUPS and page.section == "hoi-dap" and name != g:
                out.append(_p(page, page.line_of("group"), f"trang nhóm '{g}' phải đặt tên tệp hoi-dap/{g}.md",
                              f"đổi tên tệp thành hoi-dap/{g}.md (mục lục tìm trang nhóm theo tên)"))
    return out


def _shared_asked_as(ctx) -> list:
    out, first = [], {}
    for page in ctx.pages:
        phrases = page.meta.get("asked_as")
        if not isinstance(phrases, list):
            continue
        for phrase in phrases:
            k = (page.lang, fold(str(phrase)))
            if k not in first:
                first[k] = page
                continue
            out.append(_p(page, page.line_of("asked_as"),
                          f"asked_as '{phrase}' cũng có ở {first[k].src}: tìm kiếm sẽ đưa người đọc tới cả hai trang",
                          "giữ cụm từ ở trang trả lời đúng nhất, bỏ ở trang kia"))
    return out
