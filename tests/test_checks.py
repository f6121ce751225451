"""The content checks (`python -m sotay check`): each kind of mistake, on small broken fixtures.

tests/fixtures/checks/docs is a minimal handbook that passes every check. Each test
copies it into a temporary directory, injects one mistake the way a hurried editor
would, and asserts that the right check reports it, with the file, the line and a
message that says what is wrong and how to fix it. The last tests run the checks on
the real docs/.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from sotay import checks, cli, model
from sotay.checks import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "checks"
TODAY = dt.date(2026, 11, 24)
# The fixture has no training section: `training` (sotay.training's own rules) is left to its tests.
FAST = [n for n in checks.DEFAULT if n not in ("site", "training")]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def make_tree(tmp_path: Path, edits: dict | None = None) -> Path:
    """Copy the fixture handbook into tmp_path and apply edits {docs-relative path: new text | callable | None}."""
    shutil.copytree(FIXTURE / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    for rel, change in (edits or {}).items():
        path = tmp_path / "docs" / rel
        if change is None:
            path.unlink()
        elif callable(change):
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif isinstance(change, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(change)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(change, encoding="utf-8")
    return tmp_path


def context(root: Path, today: dt.date = TODAY, site: Path | None = None) -> checks.Context:
    return checks.Context.load(docs_dir=root / "docs", site_dir=site or root / "site",
                               links_file=root / "data" / "external-links.yml", root=root, today=today)


def run(ctx: checks.Context, *names: str) -> list[model.Problem]:
    out = []
    for name in names or FAST:
        out.extend(checks.CHECKS[name](ctx))
    return out


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def replace(old: str, new: str, count: int = 1):
    def change(text: str) -> str:
        assert old in text, f"fixture text not found: {old!r}"
        return text.replace(old, new, count)
    return change


def line_of(root: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((root / "docs" / rel).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {rel}")


def one(problems, *words, path: str | None = None, line: int | None = None, severity: str = "error"):
    """The problem whose text holds all ``words`` (and is at path:line); fails with the list if none."""
    found = [p for p in problems if all(w in str(p) for w in words) and p.severity == severity
             and (path is None or p.path.endswith(path)) and (line is None or p.line == line)]
    assert found, f"no {severity} with {words} at {path}:{line} in:\n" + "\n".join(map(str, problems))
    return found[0]


# --------------------------------------------------------------------------
# The fixture itself is clean
# --------------------------------------------------------------------------


def test_fixture_tree_is_clean(tmp_path):
    ctx = context(make_tree(tmp_path))
    problems = run(ctx)
    assert errors(problems) == [], "\n".join(map(str, problems))
    assert len(ctx.pages) == 11


# --------------------------------------------------------------------------
# One mistake at a time, the way a hurried editor writes it.
# (file, text in the fixture, what the editor wrote, words expected in the message)
# The problem must be reported on the line where the new text is.
# --------------------------------------------------------------------------

G = "huong-dan/chuan-bi.md"
GE = "huong-dan/chuan-bi.en.md"
Q = "hoi-dap/bi-thu-vang-mat.md"
T = "mau/chuyen-de-thu.md"
F = "mau/bien-ban.md"

HURRIED = [
    # ---- front matter -----------------------------------------------------------------
    ("yaml-colon", G, "title: Chuẩn bị sinh hoạt chi bộ thường kỳ", "title: Chuẩn bị: sinh hoạt chi bộ thường kỳ", ["YAML"]),
    ("yaml-bracket", G, "audience: [bi-thu]", "audience: [bi-thu", ["YAML"]),
    ("misspelled-key", G, "reviewed: 2026-11-01", "reviewd: 2026-11-01", ["reviewd", "reviewed"]),
    ("wrong-type", G, "type: guide", "type: huong-dan", ["huong-dan", "không hợp lệ"]),
    ("unknown-audience", G, "audience: [bi-thu]", "audience: [bi-thu, lanh-dao]", ["lanh-dao"]),
    ("date-format", G, "reviewed: 2026-11-01", "reviewed: 01/11/2026", ["YYYY-MM-DD"]),
    ("review-in-words", G, "review_in: 12", "review_in: mười hai", ["số nguyên"]),
    ("unknown-group", Q, "group: chuan-bi-chu-tri", "group: chuan-bi", ["chuan-bi", "không có"]),
    ("duplicate-key", G, "order: 1", "order: 1\nsources: [hd-42-2025]", ["lặp lại"]),
    # ---- sources ------------------------------------------------------------------------
    ("unknown-source", G, "sources: [hd-42-2025, ct-50-2025]", "sources: [hd-42-2052, ct-50-2025]", ["hd-42-2052", "hd-42-2025"]),
    ("superseded-source", G, "sources: [hd-42-2025, ct-50-2025]", "sources: [hd-12-2018, ct-50-2025]", ["đã được thay thế", "history"]),
    ("in-force-in-history", G, "order: 1", "order: 1\nhistory: [hd-42-2025]", ["đang có hiệu lực", "history"]),
    ("symbol-not-in-registry", G, "theo Hướng dẫn 42-HD/BTCTW.", "theo Hướng dẫn 41-HD/BTCTW.", ["41-HD/BTCTW", "sổ văn bản"]),
    ("superseded-symbol-in-text", G, "theo Hướng dẫn 42-HD/BTCTW.", "theo Hướng dẫn 12-HD/BTCTW.", ["12-HD/BTCTW", "history"]),
    ("symbol-en-dash", G, "theo Hướng dẫn 42-HD/BTCTW.", "theo Hướng dẫn 42–HD/BTCTW.", ["42–HD/BTCTW", "42-HD/BTCTW"]),
    ("symbol-spaces", G, "theo Hướng dẫn 42-HD/BTCTW.", "theo Hướng dẫn 42-HD / BTCTW.", ["42-HD / BTCTW", "42-HD/BTCTW"]),
    ("symbol-lower-case", G, "theo Hướng dẫn 42-HD/BTCTW.", "theo Hướng dẫn 42-hd/btctw.", ["42-hd/btctw", "42-HD/BTCTW"]),
    ("symbol-D-for-Đ", G, "theo Hướng dẫn 42-HD/BTCTW.", "theo Quy định 294-QD/TW.", ["294-QD/TW", "294-QĐ/TW"]),
    # ---- structure ----------------------------------------------------------------------
    ("guide-no-opening", G, '!!! abstract "Việc cần làm"', '!!! note "Việc cần làm"', ["Việc cần làm"]),
    ("guide-opening-unindented", G, "    1. Họp chi ủy, thống nhất nội dung.", "1. Họp chi ủy, thống nhất nội dung.", ["thụt lề"]),
    ("heading-no-space", G, "## Họp chi ủy", "##Họp chi ủy", ["dấu cách sau '#'"]),
    ("h1-in-content", G, "## Họp chi ủy", "# Họp chi ủy", ["cấp 1"]),
    ("admonition-unquoted", Q, "## Giải thích", "## Giải thích\n\n!!! warning Cần đối chiếu\n    Nội dung.", ["ngoặc kép"]),
    ("admonition-type-typo", Q, "## Giải thích", "## Giải thích\n\n!!! waring \"Cần đối chiếu\"\n    Nội dung.", ["waring"]),
    ("admonition-capital", Q, "## Giải thích", "## Giải thích\n\n!!! Warning \"Cần đối chiếu\"\n    Nội dung.", ["viết thường"]),
    ("table-missing-cell", G, "| Gửi giấy mời | Bí thư | 3 ngày trước |", "| Gửi giấy mời | Bí thư 3 ngày trước |", ["2 ô", "3 cột"]),
    ("table-no-separator", G, "|---|---|---|", "| --- | --- |", ["2 cột"]),
    ("unclosed-fence", Q, "## Giải thích", "## Giải thích\n\n```\nmã", ["không đóng"]),
    ("leftover-todo", Q, "Bí thư phân công trước khi vắng", "TODO: kiểm tra lại. Bí thư phân công trước khi vắng", ["TODO"]),
    ("leftover-question-marks", Q, "Bí thư phân công trước khi vắng", "Bí thư phân công ??? trước khi vắng", ["???"]),
    ("task-list-no-space", G, "- [ ] Dự thảo nghị quyết tháng.", "- [] Dự thảo nghị quyết tháng.", ["ô đánh dấu"]),
    ("marker-typo", "huong-dan/index.md", "<!-- sotay:list section=huong-dan -->", "<!-- sotay:list section=huongdan -->", ["huongdan"]),
    ("marker-malformed", "huong-dan/index.md", "<!-- sotay:list section=huong-dan -->", "<!-- sotay: list section=huong-dan -->", ["viết sai"]),
    ("qa-no-opening", Q, "**Trả lời:** Phó bí thư", "Trả lời: Phó bí thư", ["**Trả lời:**"]),
    ("qa-two-sentences", Q, "một chi ủy viên.", "một chi ủy viên. Việc này ghi vào biên bản.", ["2 câu"]),
    ("qa-steps-not-numbered", Q, "1. Bí thư báo trước cho phó bí thư.\n2. Ghi", "- Bí thư báo trước cho phó bí thư.\n- Ghi", ["đánh số"]),
    ("qa-title-not-question", Q, "title: Bí thư vắng thì ai chủ trì?", "title: Bí thư vắng thì ai chủ trì", ["'?'"]),
    ("template-heading-near-miss", T, "## Mục đích, yêu cầu", "## Mục đích yêu cầu", ["'## Mục đích, yêu cầu'"]),
    ("template-heading-level", T, "## Chuẩn bị", "### Chuẩn bị", ["tiêu đề cấp 2", "Chuẩn bị"]),
    ("template-programme-sum", T, "| 3 | Thảo luận | Đảng viên | 50 |", "| 3 | Thảo luận | Đảng viên | 45 |", ["85 phút", "90 phút"]),
    ("template-programme-range", T, "| 3 | Thảo luận | Đảng viên | 50 |", "| 3 | Thảo luận | Đảng viên | 45–50 |", ["45–50"]),
    ("template-programme-column", T, "| Thứ tự | Nội dung | Người thực hiện | Phút |", "| Thứ tự | Nội dung | Người thực hiện | Thời gian |", ["'Phút'"]),
    ("form-doc-code", F, "doc_code: BB", "doc_code: BBB", ["BBB"]),
    # ---- placeholders -------------------------------------------------------------------
    ("placeholder-misspelled", F, "với {{so_co_mat}}", "với {{so_co_matt}}", ["so_co_matt", "so_co_mat"]),
    ("placeholder-single-braces", F, "với {{so_co_mat}}", "với {so_co_mat}", ["một cặp ngoặc"]),
    ("placeholder-spaces", F, "với {{so_co_mat}}", "với {{ so co mat }}", ["viết sai", "so_co_mat"]),
    ("placeholder-capitals", F, "với {{so_co_mat}}", "với {{So_Co_Mat}}", ["viết sai", "so_co_mat"]),
    ("placeholder-brackets", F, "với {{so_co_mat}}", "với [[so_co_mat]]", ["[[so_co_mat]]"]),
    ("placeholder-unclosed", F, "với {{so_co_mat}}", "với {{so_co_mat}", ["thiếu"]),
    ("placeholder-on-guide", G, "Bí thư chủ trì cuộc họp chi ủy", "Bí thư {{ten_bi_thu}} chủ trì cuộc họp chi ủy", ["chỉ biểu mẫu"]),
    ("placeholder-in-example", T, "    Chi bộ Phòng Tổ chức thống nhất", "    Chi bộ {{ten_chi_bo}} thống nhất", ["phần ví dụ"]),
    # ---- links --------------------------------------------------------------------------
    ("link-typo", G, "(../mau/bien-ban.md)", "(../mau/bien-ban-hop.md)", ["bien-ban-hop.md", "không có tệp"]),
    ("link-wrong-folder", G, "(../mau/bien-ban.md)", "(mau/bien-ban.md)", ["có phải '../mau/bien-ban.md'"]),
    ("link-anchor-typo", G, "bi-thu-vang-mat.md#giai-thich", "bi-thu-vang-mat.md#giai-thich-ro", ["#giai-thich-ro", "có phải '#giai-thich'"]),
    ("link-anchor-accents", G, "(#dai-bieu-du-hop)", "(#Đại-biểu-dự-họp)", ["#dai-bieu-du-hop"]),
    ("link-anchor-unknown-source", G, "index.md#hd-42-2025", "index.md#hd-42-2052", ["#hd-42-2052", "van-ban/index.md"]),
    ("link-anchor-unknown-group", G, "index.md#chuan-bi-chu-tri", "index.md#chuan-bi-chu-tri-sinh-hoat", ["chuan-bi-chu-tri-sinh-hoat"]),
    ("link-en-anchor-vi-heading", GE, "(#attendance)", "(#dai-bieu-du-hop)", ["#dai-bieu-du-hop"]),
    ("link-vi-to-en-file", G, "(../mau/bien-ban.md)", "(chuan-bi.en.md)", ["bản tiếng Anh"]),
    ("link-directory", G, "(../mau/bien-ban.md)", "(../mau/)", ["thư mục", "../mau/index.md"]),
    ("link-absolute", G, "(../mau/bien-ban.md)", "(/mau/bien-ban/)", ["tuyệt đối"]),
    ("link-html", G, "(../mau/bien-ban.md)", "(../mau/bien-ban.html)", [".html", "../mau/bien-ban.md"]),
    ("link-no-extension", G, "(../mau/bien-ban.md)", "(../mau/bien-ban)", ["thiếu đuôi .md"]),
    ("link-space", G, "[Biên bản sinh hoạt](../mau/bien-ban.md)", "[Biên bản sinh hoạt] (../mau/bien-ban.md)", ["dấu cách giữa"]),
    ("link-unclosed", G, "[Đại biểu](#dai-bieu-du-hop)", "[Đại biểu](#dai-bieu-du-hop", ["thiếu dấu ')'"]),
    ("link-reference-undefined", G, "[Đại biểu](#dai-bieu-du-hop)", "[Đại biểu][dai-bieu]", ["[dai-bieu]"]),
    ("download-not-a-form", G, "(../mau/bien-ban.docx)", "(../mau/index.docx)", ["index.docx", "biểu mẫu"]),
    ("download-typo", G, "(../mau/bien-ban.docx)", "(../mau/bien-ban.doc)", ["bien-ban.doc"]),
    ("image-missing", G, "(../assets/images/logo.svg)", "(../assets/images/logo.png)", ["logo.png"]),
    ("image-no-alt", G, "![Biểu trưng sổ tay]", "![]", ["mô tả (alt)"]),
    ("external-unlisted", G, "(https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Huong-dan-42-HD-BTCTW-2025)",
     "(https://thuvienphapluat.vn/van-ban/khac)", ["chưa có trong", "external-links.yml"]),
    ("external-typo", G, "(https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Huong-dan-42-HD-BTCTW-2025)",
     "(htps://thuvienphapluat.vn/van-ban)", ["viết sai"]),
    ("external-no-scheme", G, "(https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Huong-dan-42-HD-BTCTW-2025)",
     "(thuvienphapluat.vn/van-ban)", ["https://"]),
    ("external-bare-unlisted", Q, "Bí thư phân công trước khi vắng", "Xem https://example.org/x. Bí thư phân công trước khi vắng", ["example.org"]),
    ("raw-html-md-link", G, "Mời cấp ủy cấp trên", '<a href="../mau/bien-ban.md">Biên bản</a>. Mời cấp ủy cấp trên', ["HTML", ".md"]),
    ("raw-html-wrong-path", G, "Mời cấp ủy cấp trên", '<a href="../mau/bien-ban-x/">Biên bản</a>. Mời cấp ủy cấp trên', ["/mau/bien-ban-x/"]),
    # ---- Vietnamese text ----------------------------------------------------------------
    ("nfd-word", G, "Bí thư chủ trì cuộc họp", unicodedata.normalize("NFD", "Bí thư") + " chủ trì cuộc họp", ["NFD", "'Bí'"]),
    ("nfd-title", G, "title: Chuẩn bị sinh hoạt", "title: " + unicodedata.normalize("NFD", "Chuẩn bị") + " sinh hoạt", ["NFD"]),
    ("new-style-tone", G, "thống nhất nội dung, theo", "thống nhất nội dung hoà hợp, theo", ["'hoà' → 'hòa'"]),
    ("new-style-uy", G, "Mời cấp ủy cấp trên", "Mời cấp uỷ cấp trên", ["'uỷ' → 'ủy'"]),
    ("new-style-in-title", Q, "title: Bí thư vắng thì ai chủ trì?", "title: Bí thư vắng thì ai chủ trì cuộc hoà giải?", ["'hoà' → 'hòa'"]),
    ("cyrillic-o", G, "Mời cấp ủy cấp trên", "Mời cấp ủy cấp trên thео dõi", ["Kirin", "gõ lại thành 'theo'"]),
    ("eth-for-đ", G, "Mời cấp ủy cấp trên", "Mời cấp ủy cấp trên, Ðảng ủy", ["U+00D0", "Đ"]),
    ("zero-width-space", G, "Mời cấp ủy cấp trên", "Mời cấp\u200b ủy cấp trên", ["zero-width"]),
    ("mojibake", G, "Mời cấp ủy cấp trên", "Mời cáº¥p ủy cấp trên", ["lỗi mã hóa"]),
    ("no-diacritics", G, "Mời cấp ủy cấp trên", "Moi cap tren theo doi chi bo", ["'chi bo'", "chi bộ"]),
    ("unknown-abbreviation", G, "Mời cấp ủy cấp trên", "Mời UBMTTQ và cấp ủy cấp trên", ["UBMTTQ", "abbreviations.md"]),
    ("unknown-abbreviation-Đ", G, "Mời cấp ủy cấp trên", "Mời ĐTN và cấp ủy cấp trên", ["ĐTN"]),
    ("unknown-abbreviation-slash", F, "Hôm nay, ngày", "T/L CHI BỘ. Hôm nay, ngày", ["T/L"]),
    ("unknown-abbreviation-in-title", G, "title: Chuẩn bị sinh hoạt chi bộ thường kỳ", "title: Chuẩn bị sinh hoạt CB-ĐV", ["ĐV"]),
    ("local-abbreviation", G, "## Xem thêm", "*[ĐTN]: Đoàn Thanh niên\n\n## Xem thêm", ["định nghĩa riêng"]),
    # ---- freshness ----------------------------------------------------------------------
    ("review-before-source", G, "reviewed: 2026-11-01", "reviewed: 2024-01-10", ["trước ngày ban hành", "42-HD/BTCTW"]),
    ("short-review-rule", G, "sources: [hd-42-2025, ct-50-2025]", "sources: [hd-42-2025, ct-50-2025, qd-294-2025]", ["294-QĐ/TW", "review_in: 6"]),
]


@pytest.mark.parametrize("name, rel, old, new, words", HURRIED, ids=[h[0] for h in HURRIED])
def test_hurried_editor_mistake_is_caught_on_its_line(tmp_path, name, rel, old, new, words):
    root = make_tree(tmp_path, {rel: replace(old, new)})
    first_new_line = next((ln for ln in new.split("\n") if ln.strip() and ln not in old), new.split("\n")[0])
    line = line_of(root, rel, first_new_line)
    problems = run(context(root))
    p = one(problems, *words, path=rel)
    # The message names the file and the line of the mistake (for a key, the key's line).
    assert p.line is not None, str(p)
    assert p.line == line or (name in LINE_OF_KEY and p.line == line_of(root, rel, LINE_OF_KEY[name])), \
        f"expected line {line}: {p}"
    text = str(p)
    assert text.startswith(f"{p.path}:{p.line}: error: ") and " — " in text, text


# Mistakes reported on another line than the edited one (and which).
LINE_OF_KEY = {
    "short-review-rule": "review_in:",
    "review-before-source": "reviewed:",
    "template-programme-sum": "| Thứ tự |",
    "template-heading-near-miss": "## Mục đích yêu cầu",
    "guide-opening-unindented": '!!! abstract "Việc cần làm"',
    "unclosed-fence": "```",
    "qa-steps-not-numbered": "## Cần làm",
    "yaml-bracket": "reviewed:",
    "unknown-abbreviation-in-title": "title:",
    "nfd-title": "title:",
}


# --------------------------------------------------------------------------
# Messages in detail
# --------------------------------------------------------------------------


def test_programme_reports_sum_and_expected_duration(tmp_path):
    root = make_tree(tmp_path, {T: replace("| 4 | Kết luận | Bí thư | 10 |", "| 4 | Kết luận | Bí thư | 20 |")})
    p = one(run(context(root), "structure"), "100 phút", "'duration' là 90 phút", "thừa 10 phút", path=T)
    assert p.line == line_of(root, T, "| Thứ tự |")


def test_programme_total_row_must_match(tmp_path):
    root = make_tree(tmp_path, {T: replace("| 4 | Kết luận | Bí thư | 10 |", "| 4 | Kết luận | Bí thư | 10 |\n| | **Tổng** | | 95 |")})
    one(run(context(root), "structure"), "dòng tổng", "90", path=T)


TE = "mau/chuyen-de-thu.en.md"
KIT_EN = """---
title: "Thematic meeting: Members setting an example"
description: A kit for a 90-minute thematic meeting.
type: template
audience: [bi-thu]
sources: [hd-42-2025]
reviewed: 2026-11-01
review_in: 12
duration: 90
theme: Setting an example
placeholders:
  ten_chi_bo: Name of the Party cell
  nguoi_trinh_bay: Presenter
---

## Purpose and requirements

Members of {{ten_chi_bo}} relate the topic to themselves.

## Programme

| No. | Item | Who | Minutes |
|---|---|---|---|
| 1 | Opening | Secretary | 5 |
| 2 | Presentation | {{nguoi_trinh_bay}} | 25 |
| 3 | Discussion | Members | 50 |
| 4 | Conclusion | Secretary | 10 |

## Minutes

Use the [minutes form](bien-ban.md).
"""


def test_english_kit_programme_adds_up(tmp_path):
    root = make_tree(tmp_path, {TE: KIT_EN})
    assert [p for p in run(context(root), "structure") if p.path.endswith(TE)] == []


@pytest.mark.parametrize("old, new, words", [
    ("| 3 | Discussion | Members | 50 |", "| 3 | Discussion | Members | 45 |", ["85 phút", "'duration' là 90 phút"]),
    ("| 3 | Discussion | Members | 50 |", "| 3 | Discussion | Members | 45–50 |", ["45–50"]),
    ("| No. | Item | Who | Minutes |", "| No. | Item | Who | Time |", ["'Minutes'", "'Time'"]),
    ("## Programme", "## Chương trình", ["'## Programme'"]),
], ids=["sum", "range", "column", "heading"])
def test_english_kit_programme_is_checked(tmp_path, old, new, words):
    root = make_tree(tmp_path, {TE: KIT_EN.replace(old, new)})
    one(run(context(root), "structure"), *words, path=TE)


def test_required_sections_missing_and_out_of_order(tmp_path):
    def swap(text):
        text = text.replace("## Gợi ý thảo luận\n\n1. Tôi đã làm gương ở đâu?\n\n", "")
        return text.replace("## Đề cương bài trình bày", "## Dự thảo kết luận\n\nTạm.\n\n## Đề cương bài trình bày", 1) \
                   .replace("## Dự thảo kết luận\n\nChi bộ thống nhất ba việc.", "Chi bộ thống nhất ba việc.")
    root = make_tree(tmp_path, {T: swap})
    problems = run(context(root), "structure")
    one(problems, "thiếu mục '## Gợi ý thảo luận'", path=T)
    one(problems, "không đúng thứ tự", path=T)


def test_guide_see_also_must_be_last(tmp_path):
    root = make_tree(tmp_path, {G: lambda t: t + "\n## Ghi chú\n\nThêm.\n"})
    one(run(context(root), "structure"), "'## Xem thêm' phải là mục cuối", path=G)


def test_declared_placeholder_not_used(tmp_path):
    root = make_tree(tmp_path, {F: replace("  so_co_mat: Số đảng viên có mặt", "  so_co_mat: Số đảng viên có mặt\n  so_vang: Số vắng")})
    p = one(run(context(root), "placeholders"), "'so_vang'", "không dùng", path=F)
    assert p.line == line_of(root, F, "  so_vang:")


def test_nfd_reports_exact_column_in_mixed_line(tmp_path):
    nfd = unicodedata.normalize("NFD", "hòa")
    root = make_tree(tmp_path, {G: replace("Bí thư chủ trì cuộc họp", "Bí thư chủ trì " + nfd + " cuộc họp")})
    p = one(run(context(root), "vietnamese"), "NFD", "'hòa'", path=G)
    line = (root / "docs" / G).read_text(encoding="utf-8").split("\n")[p.line - 1]
    assert f"cột {unicodedata.normalize('NFC', line).index('hòa') + 1}" in p.message


def test_whole_file_nfd_is_reported_line_by_line_then_summarised(tmp_path):
    root = make_tree(tmp_path, {G: lambda t: unicodedata.normalize("NFD", t) + ("\nđoạn thêm\n" * 40)})
    problems = [p for p in run(context(root), "vietnamese") if p.path.endswith(G)]
    assert len([p for p in problems if "NFD" in p.message]) >= 10
    assert all(p.severity == "error" for p in problems)


def test_tone_style_lists_every_word(tmp_path):
    root = make_tree(tmp_path, {G: replace("Mời cấp ủy cấp trên", "Hoà thuận, khoẻ mạnh, tuỳ ý, thuỷ lợi; mời cấp ủy cấp trên")})
    p = one(run(context(root), "vietnamese"), path=G)
    for pair in ("'Hoà' → 'Hòa'", "'khoẻ' → 'khỏe'", "'tuỳ' → 'tùy'", "'thuỷ' → 'thủy'"):
        assert pair in p.message, p


def test_tone_style_ignores_code_links_and_quy(tmp_path):
    root = make_tree(tmp_path, {G: replace("Mời cấp ủy cấp trên", "Quý, quỳ; `hoà` trong mã; [liên kết](../mau/bien-ban.md). Mời cấp ủy cấp trên")})
    assert [p for p in run(context(root), "vietnamese") if "kiểu mới" in p.message] == []


def test_abbreviations_ignore_roman_numerals_capitals_code_and_urls(tmp_path):
    text = ("Đại hội XIII, khóa XIV. CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM. `UBMTTQ` trong mã. "
            "Nghị quyết TW4. T/M CHI BỘ. HĐND-UBND. Mời cấp ủy cấp trên")
    root = make_tree(tmp_path, {G: replace("Mời cấp ủy cấp trên", text)})
    assert [p for p in run(context(root), "abbreviations")] == []


def test_abbreviation_reported_once_per_page_with_count(tmp_path):
    root = make_tree(tmp_path, {G: replace("Mời cấp ủy cấp trên", "UBMTTQ, UBMTTQ.\n\nMời UBMTTQ cấp ủy cấp trên")})
    problems = [p for p in run(context(root), "abbreviations") if "UBMTTQ" in p.message]
    assert len(problems) == 1 and "2 chỗ khác" in problems[0].message


def test_unverified_source_is_a_warning(tmp_path):
    root = make_tree(tmp_path, {G: replace("sources: [hd-42-2025, ct-50-2025]", "sources: [hd-42-2025, hd-06-2025]")})
    problems = run(context(root), "sources")
    one(problems, "hd-06-2025", "chưa được đối chiếu", path=G, severity="warning")
    assert errors(problems) == []


def test_external_links_file_is_checked(tmp_path):
    root = make_tree(tmp_path)
    (root / "data" / "external-links.yml").write_text(
        "- url: https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Huong-dan-42-HD-BTCTW-2025\n  title: A\n"
        "- url: http://vi.wikipedia.org/wiki/Chi bộ.\n  title: B\n- url: https://x\n", encoding="utf-8")
    problems = run(context(root), "links")
    one(problems, "dấu cách", path="external-links.yml", line=3)
    one(problems, "tên miền", path="external-links.yml", line=5)
    one(problems, "thiếu 'title:'", path="external-links.yml", line=5)
    one(problems, "không còn trang nào dùng", path="external-links.yml", severity="warning")


def test_external_links_file_broken_yaml(tmp_path):
    root = make_tree(tmp_path)
    (root / "data" / "external-links.yml").write_text("- url: https://a.vn\n  title: [x\n", encoding="utf-8")
    one(run(context(root), "links"), "YAML", path="external-links.yml")


def test_http_is_a_warning_and_self_links_an_error(tmp_path):
    root = make_tree(tmp_path, {Q: replace("Bí thư phân công trước khi vắng",
                                           "[a](http://thuvienphapluat.vn/x) [b](http://127.0.0.1:8000/huong-dan/) Bí thư phân công trước khi vắng")})
    problems = run(context(root), "links")
    one(problems, "http", "https://", path=Q, severity="warning")
    one(problems, "tới chính sổ tay", path=Q)


def test_english_page_links_resolve_to_the_translation(tmp_path):
    # ../mau/bien-ban.md from the English page is the Vietnamese form (no translation): fine.
    # chuan-bi.md#attendance from an English page resolves to chuan-bi.en.md, which has #attendance.
    root = make_tree(tmp_path, {GE: replace("- [Attendance](#attendance)", "- [Attendance](chuan-bi.md#attendance)")})
    assert errors(run(context(root), "links")) == []
    root2 = make_tree(tmp_path / "b", {Q: replace("(../huong-dan/chuan-bi.md#hop-chi-uy)", "(../huong-dan/chuan-bi.md#attendance)")})
    one(run(context(root2), "links"), "#attendance", "huong-dan/chuan-bi.md", path=Q)


# --------------------------------------------------------------------------
# Files and folders that are not what they should be
# --------------------------------------------------------------------------


def test_translation_without_original(tmp_path):
    root = make_tree(tmp_path, {"huong-dan/moi.en.md": (FIXTURE / "docs" / GE).read_text(encoding="utf-8")})
    one(run(context(root), "frontmatter"), "không có bản tiếng Việt", path="huong-dan/moi.en.md")


def test_file_name_with_accents(tmp_path):
    root = make_tree(tmp_path, {"huong-dan/Biên bản.md": (FIXTURE / "docs" / G).read_text(encoding="utf-8")})
    one(run(context(root), "frontmatter"), "tên tệp", "bien-ban.md", path="huong-dan/Biên bản.md")


def test_front_matter_not_closed(tmp_path):
    root = make_tree(tmp_path, {G: replace("order: 1\n---\n", "order: 1\n\n")})
    p = one(run(context(root), "frontmatter"), "không có dòng '---' kết thúc", path=G)
    assert p.line == 1


def test_blank_line_and_bom_before_front_matter(tmp_path):
    root = make_tree(tmp_path, {G: lambda t: "\n" + t, Q: lambda t: "\ufeff" + t})
    problems = run(context(root), "frontmatter")
    one(problems, "dòng trống", path=G, line=1)
    one(problems, "BOM", path=Q, line=1)


def test_binary_and_unreadable_files_give_a_message(tmp_path):
    root = make_tree(tmp_path, {"huong-dan/anh.md": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"})
    (root / "docs" / "hoi-dap" / "thu-muc.md").mkdir()
    problems = run(context(root), "frontmatter")
    one(problems, "không phải UTF-8", path="huong-dan/anh.md")
    one(problems, "không đọc được tệp", path="hoi-dap/thu-muc.md")
    # and the other checks do not stumble on them
    run(context(root))


def test_missing_docs_dir(tmp_path):
    ctx = checks.Context.load(docs_dir=tmp_path / "docs", site_dir=tmp_path / "site", root=tmp_path)
    one(run(ctx, "frontmatter"), "không tìm thấy thư mục")


# --------------------------------------------------------------------------
# Freshness
# --------------------------------------------------------------------------


def test_overdue_page_is_a_warning_naming_the_due_date(tmp_path):
    root = make_tree(tmp_path, {G: replace("reviewed: 2026-11-01\nreview_in: 12", "reviewed: 2026-11-01\nreview_in: 12")})
    problems = run(context(root, today=dt.date(2027, 12, 1)), "freshness")
    p = one(problems, "quá hạn rà soát", "01/11/2027", "reviewed", path=G, severity="warning")
    assert p.line == line_of(root, G, "reviewed:")
    assert errors(problems) == []


def test_not_overdue_today():
    page = model.parse_page(
        "---\ntitle: A\ndescription: B.\ntype: home\nreviewed: 2026-11-01\nreview_in: 12\n---\n", model.DOCS / "index.md")
    assert model.review_due(page) == dt.date(2027, 11, 1)


# --------------------------------------------------------------------------
# The built site (site/)
# --------------------------------------------------------------------------

PAGE_HTML = """<!doctype html><html><head><link rel="stylesheet" href="{up}assets/x.css"></head>
<body><nav><a href="{up}nowhere/">nav is not scanned</a></nav>
<article class="md-content__inner md-typeset"><h2 id="muc-a">Mục A</h2>{body}</article></body></html>"""


def _site(root: Path, pages: dict[str, str]) -> Path:
    site = root / "site"
    (site / "assets").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "x.css").write_text("", encoding="utf-8")
    for rel, body in pages.items():
        f = site / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        up = "../" * rel.count("/")
        f.write_text(PAGE_HTML.format(up=up, body=body), encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    future = time.time() + 100  # built after every content file
    for f in site.rglob("*"):
        os.utime(f, (future, future))
    return site


def test_site_check_finds_broken_href_src_and_fragment(tmp_path):
    root = make_tree(tmp_path)
    _site(root, {
        "index.html": '<a href="huong-dan/chuan-bi/#muc-a">ok</a>',
        "huong-dan/chuan-bi/index.html": ('<a href="../../mau/bien-ban/">missing page</a> <img src="../../assets/logo.png">'
                                          ' <a href="../../#muc-b">missing anchor</a> <a href="#muc-a">ok</a>'
                                          ' <p>[Biên bản](../mau/bien-ban.md)</p>'),
        "en/huong-dan/chuan-bi/index.html": '<a href="../../../huong-dan/chuan-bi/#muc-a">ok</a>',
    })
    problems = run(context(root), "site")
    one(problems, "/mau/bien-ban/", "site/huong-dan/chuan-bi/index.html", path=G)
    # not written in the Markdown (a link the build made): reported on the built page
    one(problems, "/assets/logo.png", "docs/huong-dan/chuan-bi.md", path="site/huong-dan/chuan-bi/index.html")
    one(problems, "#muc-b", path="site/huong-dan/chuan-bi/index.html")
    one(problems, "Markdown không được xử lý", path=G)
    assert not [p for p in problems if "nowhere" in p.message]
    assert len(errors(problems)) == 4, "\n".join(map(str, problems))


def test_site_check_reads_404_pages_whole_and_finds_loopback_addresses(tmp_path):
    """A 404 page is made from a home page: its skip link and sidebars pointed at the home page's
    headings (#van-ban-hien-hanh). Any page naming this machine's address is an error too."""
    root = make_tree(tmp_path)
    site = _site(root, {"index.html": '<a href="#muc-a">ok</a>',
                        "huong-dan/x/index.html": '<a href="../../" data-print-url="127.0.0.1:8000/">home</a>'})
    (site / "404.html").write_text(PAGE_HTML.format(up="/", body="<h1 id=\"not-found\">x</h1>").replace(
        "<nav>", '<nav><a class="md-skip" href="#van-ban-hien-hanh">skip</a>'), encoding="utf-8")
    future = time.time() + 100
    os.utime(site / "404.html", (future, future))
    problems = run(context(root), "site")
    one(problems, "#van-ban-hien-hanh", path="site/404.html")
    one(problems, "loopback", path="site/huong-dan/x/index.html")
    assert not [p for p in problems if "nowhere" in p.message and "404" not in p.path], "\n".join(map(str, problems))


def test_site_check_skips_a_stale_or_missing_site(tmp_path):
    root = make_tree(tmp_path)
    assert run(context(root), "site") == []
    site = _site(root, {"index.html": '<a href="nowhere/">x</a>'})
    old = (root / "docs").stat().st_mtime - 1000
    for f in site.rglob("*"):
        os.utime(f, (old, old))
    assert run(context(root), "site") == []  # silent in `make check`
    ctx = context(root)
    ctx.requested = {"site"}  # `python -m sotay check site`
    problems = run(ctx, "site")
    assert len(problems) == 1 and problems[0].severity == "warning" and "make build" in str(problems[0])


# --------------------------------------------------------------------------
# MkDocs in strict mode
# --------------------------------------------------------------------------


def test_mkdocs_warnings_are_converted(tmp_path):
    ctx = context(make_tree(tmp_path))
    p = mkdocs_build.convert(ctx, "WARNING", "Doc file 'huong-dan/chuan-bi.md' contains a link '../mau/bien-ban.md', "
                                             "but the target 'mau/bien-ban.md' is not found among documentation files.")
    assert p.path.endswith(G) and p.line == line_of(ctx.root, G, "../mau/bien-ban.md") and p.severity == "error"
    p = mkdocs_build.convert(ctx, "WARNING", "docs/x.md:3: error: thiếu 'title' — thêm dòng")
    assert (p.path, p.line, p.message, p.fix) == ("docs/x.md", 3, "thiếu 'title'", "thêm dòng")
    p = mkdocs_build.convert(ctx, "WARNING", "something else")
    assert p.path == "mkdocs.yml" and "something else" in p.message


@pytest.mark.slow  # runs mkdocs build
def test_mkdocs_strict_build_reports_what_it_finds(tmp_path):
    """Slow (a real build): the fixture builds cleanly; a broken link is reported with its line."""
    root = make_tree(tmp_path, {Q: replace("(../huong-dan/chuan-bi.md#hop-chi-uy)", "(../huong-dan/khong-co.md)")})
    problems = run(context(root), "mkdocs")
    p = one(problems, "khong-co.md", path=Q)
    assert p.line == line_of(root, Q, "khong-co.md")


# --------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------


def _cli(*args, cwd=ROOT):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "sotay", "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_exit_codes(tmp_path):
    root = make_tree(tmp_path)
    clean = _cli("--docs", str(root / "docs"), "--site", str(root / "site"), "frontmatter", "structure")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert _cli("nope").returncode == 2
    assert _cli("--bogus-option").returncode == 2
    broken = make_tree(tmp_path / "b", {G: replace("type: guide", "type: gide")})
    r = _cli("--docs", str(broken / "docs"), "frontmatter")
    assert r.returncode == 1
    assert "chuan-bi.md:4: error: loại trang 'gide' không hợp lệ — " in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_cli_strict_turns_overdue_into_an_error(tmp_path):
    root = make_tree(tmp_path, {G: replace("reviewed: 2026-11-01\nreview_in: 12", "reviewed: 2025-10-29\nreview_in: 1")})
    normal = _cli("--docs", str(root / "docs"), "freshness")
    strict = _cli("--docs", str(root / "docs"), "freshness", "--strict")
    assert normal.returncode == 0 and "warning: trang quá hạn rà soát" in normal.stdout
    assert strict.returncode == 1 and "error: trang quá hạn rà soát" in strict.stdout


def test_cli_never_shows_a_traceback(tmp_path, monkeypatch, capsys):
    def boom(ctx):
        raise RuntimeError("hỏng")
    monkeypatch.setitem(checks.CHECKS, "frontmatter", boom)
    root = make_tree(tmp_path)
    rc = cli.main(["check", "--docs", str(root / "docs"), "frontmatter"])
    out = capsys.readouterr()
    assert rc == 1 and "dừng vì lỗi" in out.out and "Traceback" not in out.out + out.err


def test_cli_checks_the_checkout_it_runs_in(tmp_path):
    """A copy of the project (cwd has mkdocs.yml and docs/) is checked, not the original."""
    root = make_tree(tmp_path, {G: replace("type: guide", "type: gide")})
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    r = _cli("frontmatter", cwd=root)
    assert r.returncode == 1 and "docs/huong-dan/chuan-bi.md:4:" in r.stdout, r.stdout + r.stderr


def test_cli_timings_and_list():
    r = _cli("--list")
    assert r.returncode == 0 and "mkdocs" in r.stdout and "links" in r.stdout


# --------------------------------------------------------------------------
# Merged pages: old addresses (aliases) and two answers to one question
# --------------------------------------------------------------------------

ALIAS = replace("review_in: 12\n", "review_in: 12\naliases: [hoi-dap/ai-chu-tri.md]\n")


def test_link_to_an_old_address_names_the_page_to_link_instead(tmp_path):
    root = make_tree(tmp_path, {
        "hoi-dap/bi-thu-vang-mat.md": ALIAS,
        "huong-dan/chuan-bi.md": replace("Mời cấp ủy cấp trên theo dõi chi bộ.",
                                         "Mời cấp ủy cấp trên theo dõi chi bộ. Xem [ai chủ trì](../hoi-dap/ai-chu-tri.md#giai-thich)."),
        "huong-dan/chuan-bi.en.md": lambda t: t + "\nSee [who chairs](../hoi-dap/ai-chu-tri.md).\n",
    })
    problems = run(context(root))
    vi = one(problems, "địa chỉ cũ", "hoi-dap/ai-chu-tri.md", "đã được gộp vào hoi-dap/bi-thu-vang-mat.md",
             path="docs/huong-dan/chuan-bi.md", line=line_of(root, "huong-dan/chuan-bi.md", "ai-chu-tri"))
    assert vi.check == "links"
    # The anchor exists on the surviving page, so the fix keeps it.
    assert "liên kết tới '../hoi-dap/bi-thu-vang-mat.md#giai-thich' thay thế" in vi.fix
    en = one(problems, "địa chỉ cũ", path="docs/huong-dan/chuan-bi.en.md")
    assert "liên kết tới '../hoi-dap/bi-thu-vang-mat.md' thay thế" in en.fix
    # Only these two links errors: the alias itself is valid. (The pair check also
    # notices that the two languages link differently; that is its business.)
    link_errors = [p for p in errors(problems) if p.check != "pairs"]
    assert len(link_errors) == 2, "\n".join(map(str, link_errors))


def test_alias_of_a_file_that_still_exists_or_claimed_twice(tmp_path):
    root = make_tree(tmp_path, {
        "hoi-dap/bi-thu-vang-mat.md": replace("review_in: 12\n", "review_in: 12\naliases: [huong-dan/chuan-bi.md, hoi-dap/cu.md]\n"),
        "huong-dan/chuan-bi.md": replace("order: 1\n", "order: 1\naliases: [hoi-dap/cu.md]\n"),
    })
    problems = run(context(root), "frontmatter")
    one(problems, "địa chỉ cũ 'huong-dan/chuan-bi.md' vẫn còn tệp", "xóa docs/huong-dan/chuan-bi.md",
        path="docs/hoi-dap/bi-thu-vang-mat.md", line=line_of(root, "hoi-dap/bi-thu-vang-mat.md", "aliases:"))
    one(problems, "địa chỉ cũ 'hoi-dap/cu.md' đã được hoi-dap/bi-thu-vang-mat.md nhận", path="docs/huong-dan/chuan-bi.md")


@pytest.mark.parametrize("value, words", [
    ("[ai-chu-tri]", "không đúng dạng"),                   # no folder, no .md
    ("[hoi-dap/Ai Chủ Trì.md]", "không đúng dạng"),
    ("[hoi-dap/ai-chu-tri.en.md]", "không đúng dạng"),     # one alias covers both languages
    ("[hoi-dap/bi-thu-vang-mat.md]", "là chính trang này"),
    ("hoi-dap/ai-chu-tri.md", "phải là một danh sách"),
])
def test_alias_values_are_validated_by_the_model(tmp_path, value, words):
    root = make_tree(tmp_path, {"hoi-dap/bi-thu-vang-mat.md": replace("review_in: 12\n", f"review_in: 12\naliases: {value}\n")})
    problems = run(context(root), "frontmatter")
    one(problems, words, path="docs/hoi-dap/bi-thu-vang-mat.md", line=line_of(root, "hoi-dap/bi-thu-vang-mat.md", "aliases:"))


def test_alias_belongs_on_the_vietnamese_page(tmp_path):
    root = make_tree(tmp_path, {"huong-dan/chuan-bi.en.md": lambda t: t.replace("---\n", "---\naliases: [huong-dan/cu.md]\n", 1)})
    one(run(context(root), "frontmatter"), "chỉ khai báo ở bản tiếng Việt", path="docs/huong-dan/chuan-bi.en.md")


DUPLICATE_QA = """---
title: Khi bí thư chi bộ vắng mặt thì ai chủ trì buổi sinh hoạt?
description: Người chủ trì buổi sinh hoạt khi bí thư vắng mặt.
type: qa
group: chuan-bi-chu-tri
audience: [bi-thu]
sources: [hd-42-2025]
reviewed: 2026-11-01
review_in: 12
---

**Trả lời:** Phó bí thư chủ trì; không có phó bí thư thì chi ủy phân công một chi ủy viên chủ trì.

## Giải thích

Bí thư phân công người chủ trì trước khi vắng (Hướng dẫn 42-HD/BTCTW).

## Cần làm

1. Bí thư báo trước cho phó bí thư.
2. Biên bản ghi người chủ trì.

## Xem thêm

- [Chuẩn bị sinh hoạt](../huong-dan/chuan-bi.md)
"""

OTHER_QA = DUPLICATE_QA.replace("Khi bí thư chi bộ vắng mặt thì ai chủ trì buổi sinh hoạt?",
                                "Sổ biên bản sinh hoạt chi bộ phải lưu giữ bao lâu?").replace(
    "Người chủ trì buổi sinh hoạt khi bí thư vắng mặt.", "Thời hạn lưu sổ biên bản của chi bộ.").replace(
    "**Trả lời:** Phó bí thư chủ trì; không có phó bí thư thì chi ủy phân công một chi ủy viên chủ trì.",
    "**Trả lời:** Lưu lâu dài tại chi bộ; khi giải thể thì nộp cấp ủy cấp trên.").replace(
    "Bí thư phân công người chủ trì trước khi vắng", "Sổ biên bản là hồ sơ của chi bộ").replace(
    "1. Bí thư báo trước cho phó bí thư.\n2. Biên bản ghi người chủ trì.", "1. Đánh số trang sổ.\n2. Giao một chi ủy viên giữ sổ.")


def test_two_answers_to_the_same_question_are_an_error(tmp_path):
    root = make_tree(tmp_path, {"hoi-dap/ai-chu-tri-khi-bi-thu-vang.md": DUPLICATE_QA})
    problems = run(context(root), "questions")
    p = one(problems, "câu hỏi gần như trùng với", "Bí thư vắng thì ai chủ trì?", "độ giống",
            path="docs/hoi-dap/ai-chu-tri-khi-bi-thu-vang.md", line=2)
    assert p.check == "questions"
    assert "aliases: [hoi-dap/bi-thu-vang-mat.md]" in p.fix and "viết lại tiêu đề" in p.fix


def test_a_different_question_is_not_flagged(tmp_path):
    root = make_tree(tmp_path, {"hoi-dap/luu-so-bien-ban.md": OTHER_QA})
    assert run(context(root), "questions") == []


def test_question_similarity_ignores_tone_mark_style_and_markup():
    from sotay.checks.questions import terms

    assert terms("Hoà giải, **thuỷ** [lợi](x.md)") == terms("Hòa giải, thủy lợi")
# Hedges a reader sees (sotay.checks.hedges)
# --------------------------------------------------------------------------

HEDGE_REGISTRY = """
- id: hd-42-2025
  symbol: 42-HD/BTCTW
  kind: Hướng dẫn
  date: 2025-10-28
  issuer: Ban Tổ chức Trung ương
  title: Tiếp tục nâng cao chất lượng sinh hoạt chi bộ
  status: in_force
  verified: true
- id: ct-50-2025
  symbol: 50-CT/TW
  kind: Chỉ thị
  date: 2025-07-23
  issuer: Ban Bí thư
  title: Về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ
  status: in_force
  verified: true
- id: hd-36-2018
  symbol: 36-HD/VPTW
  kind: Hướng dẫn
  date: 2018-04-03
  issuer: Văn phòng Trung ương Đảng
  title: Thể thức và kỹ thuật trình bày văn bản của Đảng
  status: in_force
  verified: true
- id: bai-bac-giang
  symbol: Bài viết về Bắc Giang
  kind: Bài viết
  issuer: đăng trên báo
  title: Bắc Giang nâng cao chất lượng sinh hoạt chi bộ
  status: reference
  verified: true
"""


UNVERIFIED = """
- id: hd-06-2025
  symbol: 06-HD/TW
  kind: Hướng dẫn
  issuer: Ban Bí thư
  title: Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng
  status: in_force
  verified: false
"""


def hedge_context(root: Path, registry: str = HEDGE_REGISTRY) -> checks.Context:
    (root / "data" / "sources.yml").write_text(registry, encoding="utf-8")
    return checks.Context.load(docs_dir=root / "docs", site_dir=root / "site", sources_file=root / "data" / "sources.yml",
                               links_file=root / "data" / "external-links.yml", root=root, today=TODAY)


def hedge_notes(problems):
    return [p for p in problems if p.check == "hedges" and p.severity == "info" and "rào đón" not in p.message]


def test_hedges_clean_fixture_counts_zero_and_says_so(tmp_path):
    problems = run(hedge_context(make_tree(tmp_path)), "hedges")
    assert hedge_notes(problems) == []
    summary = one(problems, "0 chỗ", "giới hạn 20", severity="info")
    assert summary.path.endswith("docs")


def test_hedge_is_listed_with_file_and_line(tmp_path):
    root = make_tree(tmp_path, {G: replace("theo Hướng dẫn 42-HD/BTCTW.", "theo Hướng dẫn 42-HD/BTCTW (cần đối chiếu văn bản gốc).")})
    problems = run(hedge_context(root), "hedges")
    line = line_of(root, G, "cần đối chiếu")
    one(problems, "cần đối chiếu", "42-HD/BTCTW", path=G, line=line, severity="info")
    assert len(hedge_notes(problems)) == 1
    one(problems, "1 chỗ", "trên 1 trang", severity="info")


def test_hedge_variants_counted_and_non_hedges_not(tmp_path):
    text = ("Mốc này chưa được xác minh. Nguồn không chính thức. Sổ tay chưa đối chiếu được. "
            "Sổ tay đã đối chiếu văn bản gốc; chi bộ đối chiếu lại danh sách; bản chính thức đã có; "
            "không chia sẻ tin chưa kiểm chứng.")
    root = make_tree(tmp_path, {G: replace("Mời cấp ủy cấp trên theo dõi chi bộ.", text)})
    found = sorted(p.message.split("”")[0].strip("“").lower() for p in hedge_notes(run(hedge_context(root), "hedges")))
    assert found == sorted(["chưa được xác minh", "chưa đối chiếu", "không chính thức"])


def test_hedges_readers_do_not_see_are_not_counted(tmp_path):
    hidden = ("<!-- cần đối chiếu: ghi chú cho người biên soạn -->\n\n"
              "Xem [văn bản](../van-ban/index.md#can-doi-chieu).\n\n"
              '<span hidden>chưa đối chiếu</span>\n\n')
    root = make_tree(tmp_path, {G: replace("## Đại biểu dự họp", hidden + "## Đại biểu dự họp"),
                                GE: replace("## ", "Not checked: cần đối chiếu (an English page is not counted).\n\n## ")})
    assert hedge_notes(run(hedge_context(root), "hedges")) == []


def test_hedge_in_admonition_title_and_description_is_counted_where_shown(tmp_path):
    root = make_tree(tmp_path, {
        G: lambda t: t.replace("## Đại biểu dự họp",
                               '!!! warning "Cần đối chiếu"\n\n    Giờ họp theo địa phương.\n\n## Đại biểu dự họp')
                      .replace("description: Các bước chuẩn bị một buổi sinh hoạt chi bộ thường kỳ.",
                               "description: Các bước chuẩn bị (chưa đối chiếu văn bản gốc)."),
    })
    problems = run(hedge_context(root), "hedges")
    one(problems, "Cần đối chiếu", path=G, line=line_of(root, G, '"Cần đối chiếu"'), severity="info")
    # The description is not on the page itself; the section index lists it.
    listed = one(problems, "chưa đối chiếu", "huong-dan/index.md", severity="info")
    assert "bản dựng thêm" in listed.message


def test_unverified_document_mark_added_by_the_build_points_at_the_registry(tmp_path):
    root = make_tree(tmp_path, {Q: replace("sources: [hd-42-2025]", "sources: [hd-42-2025, hd-06-2025]")})
    problems = run(hedge_context(root, HEDGE_REGISTRY + UNVERIFIED), "hedges")
    marks = [p for p in hedge_notes(problems) if "hoi-dap/bi-thu-vang-mat.md" in p.message]
    assert len(marks) == 1, marks  # one mark per unverified document per page, not three
    entry = 1 + (HEDGE_REGISTRY + UNVERIFIED).split("\n").index("- id: hd-06-2025")
    assert marks[0].path.endswith("data/sources.yml") and marks[0].line == entry
    # and one on the "Văn bản căn cứ" page, in the table row
    assert len([p for p in hedge_notes(problems) if "van-ban/index.md" in p.message]) == 1
    assert "chưa đối chiếu văn bản gốc" in marks[0].message and "sổ văn bản" in marks[0].message


def test_more_than_the_limit_is_an_error_and_at_the_limit_is_not(tmp_path):
    from sotay.checks import hedges

    def with_hedges(n):
        lines = "".join(f"Điều {i} cần đối chiếu.\n\n" for i in range(n))
        return replace("## Đại biểu dự họp", lines + "## Đại biểu dự họp")

    at = run(hedge_context(make_tree(tmp_path / "a", {G: with_hedges(hedges.LIMIT)})), "hedges")
    assert errors(at) == [] and len(hedge_notes(at)) == hedges.LIMIT
    over = run(hedge_context(make_tree(tmp_path / "b", {G: with_hedges(hedges.LIMIT + 1)})), "hedges")
    bad = one(over, f"{hedges.LIMIT + 1} chỗ", "giới hạn 20")
    assert "sources-notes" in bad.fix


def test_hedges_cli_prints_each_and_the_count(tmp_path):
    root = make_tree(tmp_path, {G: replace("theo Hướng dẫn 42-HD/BTCTW.", "theo Hướng dẫn 42-HD/BTCTW (không chính thức).")})
    (root / "data" / "sources.yml").write_text(HEDGE_REGISTRY, encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "sotay", "check", "hedges"], cwd=root, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"docs/{G}:{line_of(root, G, 'không chính thức')}: info: “không chính thức”" in r.stdout
    assert "1 chỗ rào đón" in r.stdout and "2 ghi chú" in r.stderr  # the hedge and the count


# --------------------------------------------------------------------------
# The real content
# --------------------------------------------------------------------------


@pytest.mark.slow  # the whole handbook through every check (make check does this too)
def test_real_docs_pass_the_checks():
    ctx = checks.Context.load()
    # `site` depends on the last build (make test runs it right after `sotay build`).
    problems = [p for name in checks.DEFAULT if name != "site" for p in checks.CHECKS[name](ctx)]
    bad = errors(problems)
    assert bad == [], f"{len(bad)} lỗi:\n" + "\n".join(map(str, bad[:80]))


def test_no_merge_conflict_markers_left_in_the_sources():
    """A '=======' line left by a merge in a stylesheet silently drops the rule after it
    (the page title went grey again): no tracked text file may keep a conflict marker."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(["git", "grep", "-n", "-I", "-E", r"^(<<<<<<<|=======|>>>>>>>)( |$)", "--", "."],
                         cwd=root, capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    assert out.stdout == "", "merge conflict markers left:\n" + out.stdout


def test_an_asked_as_phrase_on_two_pages_is_reported_with_the_other_page(tmp_path):
    both = "order: 1\nasked_as: [họp thiếu người, Lùi buổi họp]"
    root = make_tree(tmp_path, {
        G: lambda t: t.replace("order: 1", both, 1),
        Q: lambda t: t.replace("group: chuan-bi-chu-tri", "group: chuan-bi-chu-tri\nasked_as: [lui buoi hop]", 1),
    })
    problems = [p for p in run(context(root), "frontmatter") if "asked_as" in p.message]
    assert len(problems) == 1, "\n".join(map(str, problems))
    p = problems[0]
    # Reported on the asked_as line of one page, naming the other (pages are read in path order).
    assert p.path.endswith(G) and p.line == 10 and Q in p.message, str(p)
    assert p.severity == "error" and "bỏ ở trang kia" in p.fix
