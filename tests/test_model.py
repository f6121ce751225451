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


REG_TEXT = """
- id: hd-42-2025
  symbol: 42-HD/BTCTW
  kind: Hướng dẫn
  date: 2025-10-28
  issuer: Ban Tổ chức Trung ương
  title: Tiếp tục nâng cao chất lượng sinh hoạt chi bộ
  status: in_force
  verified: true
- id: qd-294-2025
  symbol: 294-QĐ/TW
  kind: Quy định
  date: 2025-05-26
  issuer: Ban Chấp hành Trung ương
  title: Quy định thi hành Điều lệ Đảng
  status: in_force
  verified: true
  expected_change:
    note: Trung ương đã thông báo sửa đổi trong năm 2026.
    seen_in: vnexpress.net
    date: 2026-02-07
    detail: Số điểm, khoản có thể khác.
- id: bai-bac-giang
  symbol: Bài viết về Bắc Giang
  kind: Bài viết
  issuer: đăng trên báo
  title: Bắc Giang nâng cao chất lượng sinh hoạt chi bộ
  status: reference
  verified: true
- id: bai-dong-ha
  symbol: Bài viết về Diễn đàn của Thành ủy Đông Hà
  kind: Bài viết
  date: 2017-07-18
  issuer: đăng trên trang thông tin
  title: Một số kinh nghiệm tổ chức Diễn đàn
  status: reference
  verified: true
"""


def registry_from(text: str, tmp_path: Path) -> model.Registry:
    f = tmp_path / "sources.yml"
    f.write_text(text, encoding="utf-8")
    return model.load_registry(f)


def test_articles_are_references_never_a_basis(tmp_path):
    reg = registry_from(REG_TEXT, tmp_path)
    assert reg.problems == []
    page = parse(GOOD.replace("[hd-42-2025]", "[hd-42-2025, bai-bac-giang, bai-dong-ha]"))
    line = render.basis_line(page, reg, "vi")
    basis, _, refs = line.partition(" · Tham khảo: ")
    assert basis.startswith("Căn cứ: [42-HD/BTCTW]") and "Bắc Giang" not in basis
    assert "Bài viết về Bắc Giang" in refs and "Đông Hà" in refs
    block = render.basis_block(page, reg, "vi", today=dt.date(2026, 6, 1))
    before, _, after = block.partition("    Tham khảo:")
    assert "42-HD/BTCTW" in before and "Bắc Giang" not in before
    # the source line reads as Vietnamese a person would write
    assert "[Bài viết đăng trên báo](../van-ban/index.md#bai-bac-giang): *Bắc Giang nâng cao chất lượng sinh hoạt chi bộ*" in after
    assert "[Bài viết đăng trên trang thông tin](../van-ban/index.md#bai-dong-ha), 18/07/2017: *" in after
    for wrong in ("Bài báo", "chưa rõ ngày", "của Báo chí", "Căn cứ: [Bài"):
        assert wrong not in block + line
    # a page with references only has a "Tham khảo" box
    only = parse(GOOD.replace("type: guide", "type: reference").replace("[hd-42-2025]", "[bai-bac-giang]")
                 .replace("audience: [bi-thu]\n", ""), "gioi-thieu/x.md")
    assert '!!! basis "Tham khảo"' in render.basis_block(only, reg, "vi", today=dt.date(2026, 6, 1))
    en = render.basis_block(page, reg, "en", today=dt.date(2026, 6, 1))
    assert "Further reading:" in en and "[Article](../van-ban/index.md#bai-bac-giang)" in en


def test_reference_cannot_be_history(tmp_path):
    reg = registry_from(REG_TEXT, tmp_path)
    page = parse(GOOD.replace("sources:", "history: [bai-bac-giang]\nsources:"))
    assert any("bài viết tham khảo" in p.message for p in model.source_problems(page, reg))


def test_expected_change_is_shown_next_to_the_basis_and_listed(tmp_path):
    reg = registry_from(REG_TEXT, tmp_path)
    page = parse(GOOD.replace("[hd-42-2025]", "[hd-42-2025, qd-294-2025]"))
    line = render.basis_line(page, reg, "vi")
    assert "[294-QĐ/TW](../van-ban/index.md#qd-294-2025) ([sắp thay đổi](../van-ban/thay-doi-sap-toi.md#qd-294-2025))" in line
    block = render.basis_block(page, reg, "vi", today=dt.date(2026, 6, 1))
    assert "**[Sắp thay đổi](../van-ban/thay-doi-sap-toi.md#qd-294-2025):** Trung ương đã thông báo sửa đổi" in block
    listing = parse(GOOD.replace("type: guide", "type: reference").replace("audience: [bi-thu]\n", ""), "van-ban/thay-doi-sap-toi.md")
    out = render.expected_changes(listing, [page, listing], reg, "vi")
    assert "### Quy định 294-QĐ/TW { #qd-294-2025 }" in out and "vnexpress.net (07/02/2026)" in out
    assert "Số điểm, khoản có thể khác." in out and "Số điểm" not in block  # the detail only on the list page
    assert "[Chuẩn bị sinh hoạt](../huong-dan/x.md)" in out
    table = render.sources_table(listing, reg, "vi")
    assert "| Sắp thay đổi | Trung ương đã thông báo sửa đổi trong năm 2026. (vnexpress.net, 07/02/2026) |" in table


@pytest.mark.parametrize("change, words", [
    ("expected_change: soon", "bảng khóa"),
    ("expected_change: {note: x}", "thiếu 'seen_in'"),
    ("expected_change: {note: x, seen_in: y, when: z}", "khóa lạ 'when'"),
    ("expected_change: {note: x, seen_in: y, date: 07/02/2026}", "'date'"),
])
def test_expected_change_is_validated(tmp_path, change, words):
    text = REG_TEXT.replace("  expected_change:\n    note: Trung ương đã thông báo sửa đổi trong năm 2026.\n"
                            "    seen_in: vnexpress.net\n    date: 2026-02-07\n    detail: Số điểm, khoản có thể khác.\n",
                            f"  {change}\n")
    reg = registry_from(text, tmp_path)
    assert any(words in p.message and "expected_change" in p.message for p in reg.problems), reg.problems


def test_expected_change_not_for_superseded(tmp_path):
    text = REG_TEXT.replace("  status: in_force\n  verified: true\n  expected_change:",
                            "  status: superseded\n  superseded_by: hd-42-2025\n  verified: true\n  expected_change:")
    reg = registry_from(text, tmp_path)
    assert any("đã được thay thế" in p.message for p in reg.problems)


def test_source_notes_name_registry_entries(tmp_path):
    reg = registry_from(REG_TEXT, tmp_path)
    notes = tmp_path / "sources-notes.yml"
    notes.write_text("- claim: x\n  source: hd-99-2025\n  point: Điều 1\n  seen_in: a\n  seen: 2026-12-02\n"
                     "  wording: y\n  mark: Q\n", encoding="utf-8")
    msgs = [p.message for p in model.source_note_problems(reg, notes)]
    assert any("hd-99-2025" in m for m in msgs) and any("mark 'Q'" in m for m in msgs)
    assert model.source_note_problems(model.load_registry(), model.SOURCE_NOTES_FILE) == []
