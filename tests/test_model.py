"""The content model: front matter schema, sources registry, glossary, text helpers."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sotay import model, render, text

GOOD = """---
title: Chuẩn bị sinh hoạt
description: Các bước chuẩn bị một buổi sinh hoạt chi bộ thường kỳ.
type: guide
audience: [bi-thu]
sources: [hd-42-2025]
reviewed: 2026-01-10
review_in: 12
---

Nội dung.
"""


def parse(src: str, name: str = "huong-dan/x.md", docs: Path | None = None):
    docs = docs or model.DOCS
    return model.parse_page(src, docs / name, docs)


def test_good_page_has_no_problems():
    assert parse(GOOD).problems == []


@pytest.mark.parametrize("mutate, field, words", [
    (lambda s: s.replace("type: guide", "type: guidee"), "type", "không hợp lệ"),
    (lambda s: s.replace("reviewed: 2026-01-10", "reviewed: 10/01/2026"), "reviewed", "YYYY-MM-DD"),
    (lambda s: s.replace("review_in: 12", "review_in: mười hai"), "review_in", "số nguyên"),
    (lambda s: s.replace("audience: [bi-thu]", "audience: [bi-thu, lanh-dao]"), "audience", "lanh-dao"),
    (lambda s: s.replace("sources: [hd-42-2025]\n", ""), None, "sources"),
    (lambda s: s.replace("reviewed:", "reviewd:"), "reviewd", "reviewed"),
    (lambda s: s.replace("title: Chuẩn bị sinh hoạt\n", ""), None, "title"),
])
def test_bad_field_is_reported_with_line_and_reason(mutate, field, words):
    page = parse(mutate(GOOD))
    assert page.problems, "expected a problem"
    p = page.problems[0]
    assert p.path.endswith("huong-dan/x.md")
    assert words in str(p)
    if field:
        lines = mutate(GOOD).splitlines()
        assert lines[p.line - 1].startswith(field), (p, lines[p.line - 1])


def test_broken_yaml_gives_a_message_not_a_traceback():
    page = parse(GOOD.replace("title: Chuẩn bị sinh hoạt", "title: [Chuẩn bị"))
    assert page.problems and "YAML" in page.problems[0].message


def test_missing_front_matter():
    page = parse("Chỉ có nội dung.\n")
    assert "front matter" in page.problems[0].message


def test_type_in_wrong_folder():
    page = parse(GOOD, "hoi-dap/x.md")
    assert any("thư mục" in p.message for p in page.problems)


def test_registry_is_valid_and_knows_current_and_superseded():
    reg = model.load_registry()
    assert reg.problems == []
    assert reg.get("hd-42-2025").in_force
    old = reg.get("hd-12-2018")
    assert old.status == "superseded" and reg.get(old.superseded_by).symbol == "42-HD/BTCTW"


def test_unknown_and_superseded_sources_are_refused():
    reg = model.load_registry()
    page = parse(GOOD.replace("[hd-42-2025]", "[hd-42-2052]"))
    msgs = [str(p) for p in model.source_problems(page, reg)]
    assert any("không có trong sổ văn bản" in m and "hd-42-2025" in m for m in msgs)
    page = parse(GOOD.replace("[hd-42-2025]", "[hd-42-2025, hd-12-2018]"))
    msgs = [str(p) for p in model.source_problems(page, reg)]
    assert any("đã được thay thế" in m for m in msgs)


def test_symbol_in_text_must_be_registered_and_superseded_needs_history():
    reg = model.load_registry()
    page = parse(GOOD + "\nTheo Hướng dẫn 99-HD/BTCTW.\n")
    assert any("99-HD/BTCTW" in p.message for p in model.source_problems(page, reg))
    page = parse(GOOD + "\nHướng dẫn 12-HD/BTCTW trước đây.\n")
    assert any("history" in p.fix for p in model.source_problems(page, reg))
    page = parse(GOOD.replace("sources:", "history: [hd-12-2018]\nsources:") + "\nHướng dẫn 12-HD/BTCTW trước đây.\n")
    assert model.source_problems(page, reg) == []


def test_basis_block_marks_unverified_and_superseded():
    reg = model.load_registry()
    page = parse(GOOD.replace("[hd-42-2025]", "[hd-42-2025, hd-06-2025]").replace("sources:", "history: [hd-12-2018]\nsources:"))
    block = render.basis_block(page, reg, "vi", today=dt.date(2026, 6, 1))
    assert "Hướng dẫn 42-HD/BTCTW" in block
    assert "chưa đối chiếu văn bản gốc" in block
    assert "đã được thay thế bởi Hướng dẫn 42-HD/BTCTW" in block
    assert "Rà soát lần cuối: **10/01/2026**" in block
    assert "quá hạn" not in block
    assert "quá hạn rà soát" in render.basis_block(page, reg, "vi", today=dt.date(2027, 2, 1))


def test_glossary_loads():
    g, problems = model.load_glossary()
    assert problems == [] and "TCCSĐ" in g


def test_nav_is_built_from_content():
    nav = model.build_nav(model.load_pages())
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in nav]
    # The tools (this month's meeting, the year plan, the vote calculator) come first, then the guides.
    assert nav[0] == "index.md" and titles[1] == "Công cụ" and titles[2] == "Hướng dẫn"


@pytest.mark.parametrize("new, old", [("hoà", "hòa"), ("thuỷ", "thủy"), ("cấp uỷ", "cấp ủy"), ("khoẻ", "khỏe"),
                                      ("Hoà Bình", "Hòa Bình"), ("tuỳ", "tùy")])
def test_tone_style(new, old):
    assert text.to_traditional(new) == old
    assert list(text.new_style_words(old)) == []


@pytest.mark.parametrize("word", ["quý", "quỳ", "hoàn", "thuyền", "khuya", "hòa"])
def test_tone_style_leaves_correct_words(word):
    assert list(text.new_style_words(word)) == []


def test_slug_and_fold():
    assert text.slugify("Đảng ủy cơ sở") == "dang-uy-co-so"
    assert text.fold("Biên bản ĐẠI HỘI") == "bien ban dai hoi"
