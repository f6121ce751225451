"""The English edition: terms, translations kept in step, meaning of each pair, and
what an English reader gets (lang="vi" on Vietnamese text, English generated text).

Check tests work on a copy of tests/fixtures/checks (see test_checks.py); the site
tests read the built site/ (`make build`).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from sotay import checks, model, render, site as sitemod
from sotay import translations as tr
from sotay.checks import pairs, terms as term_check

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "checks"
G, GE = "huong-dan/chuan-bi.md", "huong-dan/chuan-bi.en.md"
VI_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def make_tree(tmp_path: Path, edits: dict | None = None, settings: str | None = None) -> Path:
    """The fixture handbook of test_checks.py with the project's terms, registry and
    abbreviations beside it (what the CLI reads from a checkout), and [tool.sotay]."""
    import test_checks

    test_checks.make_tree(tmp_path, edits)
    shutil.copy(ROOT / "data" / "terms-en.yml", tmp_path / "data" / "terms-en.yml")
    shutil.copy(ROOT / "data" / "sources.yml", tmp_path / "data" / "sources.yml")
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    (tmp_path / "includes").mkdir()
    shutil.copy(ROOT / "includes" / "abbreviations.md", tmp_path / "includes" / "abbreviations.md")
    if settings is not None:
        (tmp_path / "pyproject.toml").write_text(f"[tool.sotay]\n{settings}\n", encoding="utf-8")
    return tmp_path


def context(root: Path) -> checks.Context:
    return checks.Context.load(docs_dir=root / "docs", site_dir=root / "site", root=root,
                               links_file=root / "data" / "external-links.yml",
                               terms_file=root / "data" / "terms-en.yml")


def replace(old: str, new: str):
    def change(text: str) -> str:
        assert old in text, f"fixture text not found: {old!r}"
        return text.replace(old, new, 1)
    return change


def run(root: Path, *names: str):
    ctx = context(root)
    return [p for n in names for p in checks.CHECKS[n](ctx)]


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def has(problems, *words, severity="error", path=None, line=None):
    found = [p for p in problems if all(w in str(p) for w in words) and p.severity == severity
             and (path is None or p.path.endswith(path)) and (line is None or p.line == line)]
    assert found, f"no {severity} with {words} at {path}:{line} in:\n" + "\n".join(map(str, problems))
    return found[0]


def sotay(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sotay", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


# --------------------------------------------------------------------------
# The hash of the Vietnamese text
# --------------------------------------------------------------------------


def _page(text: str, src: str = "gioi-thieu/x.md") -> model.Page:
    return model.parse_page(text, model.DOCS / src)


PAGE = "---\ntitle: Tiêu đề\ndescription: Mô tả.\ntype: reference\nreviewed: 2026-11-01\nreview_in: 12\n---\n\nĐoạn một.\n\nĐoạn hai.\n"


def test_translation_hash_ignores_whitespace_and_review_dates_but_not_text():
    h = model.translation_hash(_page(PAGE))
    assert model.TRANSLATION_HASH.match(h)
    same = PAGE.replace("Đoạn một.", "Đoạn một.   ").replace("\n\nĐoạn hai", "\n\n\n\nĐoạn hai").replace("2026-11-01", "2026-11-20")
    assert model.translation_hash(_page(same)) == h
    assert model.translation_hash(_page(PAGE.replace("\n", "\r\n"))) == h
    assert model.translation_hash(_page(PAGE.replace("Đoạn hai", "Đoạn ba"))) != h
    assert model.translation_hash(_page(PAGE.replace("title: Tiêu đề", "title: Tiêu đề mới"))) != h


def test_model_wants_translation_of_on_translations_only():
    en = PAGE.replace("title: Tiêu đề", "title: Title")
    msgs = [p.message for p in _page(en, "gioi-thieu/x.en.md").problems]
    assert any("thiếu 'translation_of'" in m for m in msgs)
    bad = en.replace("review_in: 12", "review_in: 12\ntranslation_of: 12345")
    assert any("không phải mã" in p.message for p in _page(bad, "gioi-thieu/x.en.md").problems)
    good = en.replace("review_in: 12", 'review_in: 12\ntranslation_of: "0123456789"')
    assert not _page(good, "gioi-thieu/x.en.md").problems
    vi = PAGE.replace("review_in: 12", 'review_in: 12\ntranslation_of: "0123456789"')
    assert any("chỉ dùng ở bản dịch" in p.message for p in _page(vi).problems)


# --------------------------------------------------------------------------
# check translations: missing (both modes), stale, copied front matter
# --------------------------------------------------------------------------


def test_missing_translations_are_one_warning_while_optional(tmp_path):
    problems = run(make_tree(tmp_path), "translations")
    assert errors(problems) == []
    w = has(problems, "9 trang tiếng Việt chưa có bản tiếng Anh", 'translations = "required"', severity="warning")
    assert w.path.endswith("pyproject.toml")


def test_missing_translations_are_errors_page_by_page_when_required(tmp_path):
    root = make_tree(tmp_path, settings='translations = "required"')
    problems = run(root, "translations")
    errs = errors(problems)
    assert len(errs) == 9
    p = has(problems, "chưa có bản tiếng Anh docs/hoi-dap/bi-thu-vang-mat.en.md", "--update", path="hoi-dap/bi-thu-vang-mat.md")
    assert p.line == 1
    assert not [x for x in errs if x.path.endswith(G)]  # the translated page is fine
    # `make check` (the CLI) fails the same way
    r = sotay("check", "translations", "--root", str(root), cwd=root)
    assert r.returncode == 1 and "hoi-dap/bi-thu-vang-mat.md:1: error" in r.stdout


def test_bad_translations_setting_is_reported_with_its_line(tmp_path):
    root = make_tree(tmp_path, settings='translations = "always"')
    p = has(run(root, "translations"), "không hợp lệ", '"optional" hoặc "required"', path="pyproject.toml")
    assert p.line == 2


def test_stale_translation_is_a_warning_on_the_english_page(tmp_path):
    root = make_tree(tmp_path, {G: replace("ít nhất 1 ngày trước", "ít nhất 2 ngày trước")})
    problems = run(root, "translations")
    w = has(problems, "đã sửa sau khi dịch", "--update", severity="warning", path=GE)
    assert w.line == 10  # the translation_of line
    assert errors(problems) == []


def test_translation_must_copy_sources_and_type(tmp_path):
    root = make_tree(tmp_path, {GE: replace("sources: [hd-42-2025, ct-50-2025]", "sources: [hd-42-2025]")})
    has(run(root, "translations"), "'sources'", "khác bản gốc", path=GE, line=6)


# --------------------------------------------------------------------------
# python -m sotay translations: report, diff from git, --update, exit codes
# --------------------------------------------------------------------------


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root, check=True,
                   capture_output=True)


def test_report_shows_what_changed_since_the_translated_version(tmp_path):
    root = make_tree(tmp_path)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "v1")
    (root / "docs" / G).write_text((root / "docs" / G).read_text(encoding="utf-8").replace(
        "ít nhất 1 ngày trước", "ít nhất 2 ngày trước"), encoding="utf-8")
    _git(root, "commit", "-q", "-am", "v2")
    r = sotay("translations", "--root", str(root), cwd=root)
    assert r.returncode == 1, r.stderr
    out = r.stdout
    assert "1 cũ" in out and "9 chưa dịch" in out
    assert "docs/huong-dan/chuan-bi.en.md" in out
    assert "-    2. Gửi tài liệu cho đảng viên ít nhất 1 ngày trước." in out
    assert "+    2. Gửi tài liệu cho đảng viên ít nhất 2 ngày trước." in out
    assert "--update docs/huong-dan/chuan-bi.en.md" in out
    # The translator brings the page in step and records it.
    en = root / "docs" / GE
    en.write_text(en.read_text(encoding="utf-8").replace("at least 1 day ahead", "at least 2 days ahead"), encoding="utf-8")
    r = sotay("translations", "--root", str(root), "--update", "docs/" + GE, cwd=root)
    assert r.returncode == 0, r.stderr
    new_hash = model.translation_hash(model.parse_page((root / "docs" / G).read_text(encoding="utf-8"), root / "docs" / G, root / "docs"))
    assert f'translation_of: "{new_hash}"' in en.read_text(encoding="utf-8")
    assert "error" not in r.stdout  # the pair check agrees: 2 in both
    r = sotay("translations", "--root", str(root), "huong-dan/chuan-bi.md", cwd=root)
    assert r.returncode == 0 and "1 đã dịch và khớp" in r.stdout


def test_report_without_git_says_so(tmp_path):
    root = make_tree(tmp_path, {G: replace("ít nhất 1 ngày trước", "ít nhất 2 ngày trước")})
    r = sotay("translations", "--root", str(root), G, cwd=root)
    assert r.returncode == 1
    assert "không tìm thấy phiên bản đã dịch trong lịch sử git" in r.stdout


def test_update_adds_the_key_and_keeps_the_rest_of_the_file(tmp_path):
    root = make_tree(tmp_path, {GE: lambda t: re.sub(r'translation_of: "[0-9a-f]+"\n', "", t)})
    before = (root / "docs" / GE).read_text(encoding="utf-8")
    r = sotay("translations", "--root", str(root), "--update", GE, cwd=root)
    assert r.returncode == 0, r.stderr
    after = (root / "docs" / GE).read_text(encoding="utf-8")
    assert re.search(r'\ntranslation_of: "[0-9a-f]{10}"\n---\n', after)
    assert re.sub(r'translation_of: "[0-9a-f]{10}"\n', "", after) == before


def test_usage_errors_exit_2(tmp_path):
    root = make_tree(tmp_path)
    r = sotay("translations", "--root", str(root), "--update", "docs/huong-dan/khong-co.md", cwd=root)
    assert r.returncode == 2 and "không có trang này" in r.stderr
    r = sotay("translations", "--root", str(root), "--update", "docs/hoi-dap/bi-thu-vang-mat.md", cwd=root)
    assert r.returncode == 2 and "chưa có bản tiếng Anh" in r.stderr
    r = sotay("translations", "--bogus", cwd=root)
    assert r.returncode == 2


def test_report_exits_0_when_every_page_is_translated_and_current(tmp_path):
    root = make_tree(tmp_path)
    keep = {G, GE}
    for p in list((root / "docs").rglob("*.md")):
        if p.relative_to(root / "docs").as_posix() not in keep:
            p.unlink()
    r = sotay("translations", "--root", str(root), cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 cũ" in r.stdout and "0 chưa dịch" in r.stdout


def test_real_report_runs_and_every_english_page_is_current():
    r = sotay("translations", "--brief")
    assert r.returncode in (0, 1), r.stderr
    assert re.search(r"0 cũ, 0 chưa ghi translation_of", r.stdout), r.stdout.splitlines()[0]
    for pair in tr.pairs(model.load_pages()):
        if pair.en is not None:
            assert pair.state == tr.CURRENT, pair.en.src


# --------------------------------------------------------------------------
# check pairs: numbers, symbols, dates, links
# --------------------------------------------------------------------------


def test_a_changed_number_fails_with_both_places(tmp_path):
    root = make_tree(tmp_path, {GE: replace("| Secretary | 3 days ahead |", "| Secretary | 5 days ahead |")})
    problems = run(root, "pairs")
    has(problems, "số '5' có ở bản dịch nhưng không có ở bản tiếng Việt", path=GE, line=33)
    has(problems, "số '3' có ở bản tiếng Việt", "chuan-bi.md:30", path=GE)


def test_number_words_count_as_the_number():
    vi = _page(PAGE.replace("Đoạn một.", "Chi bộ có 3 đảng viên, cần 2/3 số phiếu, họp 1/7/2025."))
    en = _page(PAGE.replace("Đoạn một.", "The cell has three members, needs two thirds of the votes, meets on 1 July 2025.")
               .replace("Đoạn hai.", "Second paragraph."), "gioi-thieu/x.en.md")
    assert pairs.compare(vi, en) == []
    en2 = _page(PAGE.replace("Đoạn một.", "The cell has four members, needs two thirds, meets on 1 June 2025."), "gioi-thieu/x.en.md")
    msgs = [p.message for p in pairs.compare(vi, en2)]
    assert any("số '3'" in m for m in msgs) and any("ngày '2025-07-01'" in m for m in msgs)
    assert any("ngày '2025-06-01'" in m for m in msgs)


def test_dropped_symbol_and_link_fail_and_exceptions_are_kept_short(tmp_path):
    root = make_tree(tmp_path, {GE: replace("under Guidance 42-HD/BTCTW.", "under Guidance 43-HD/BTCTW.")})
    has(run(root, "pairs"), "số hiệu văn bản '43-HD/BTCTW' có ở bản dịch", path=GE, line=22)
    root = make_tree(tmp_path / "a", {GE: lambda t: t.replace("42-HD/BTCTW", "the guidance")})
    has(run(root, "pairs"), "số hiệu văn bản '42-HD/BTCTW' có ở bản tiếng Việt", path=GE)
    root = make_tree(tmp_path / "b", {GE: replace("- [Who chairs?](../hoi-dap/bi-thu-vang-mat.md#giai-thich)\n", "")})
    has(run(root, "pairs"), "liên kết '../hoi-dap/bi-thu-vang-mat.md#giai-thich'", path=GE)
    root = make_tree(tmp_path / "c", {GE: replace('pair_exceptions: ["#dai-bieu-du-hop", "#attendance"]',
                                                  'pair_exceptions: ["#dai-bieu-du-hop", "#attendance", "2018"]')})
    has(run(root, "pairs"), "'2018' trong pair_exceptions không còn", path=GE, line=12)


@pytest.mark.slow  # every page pair of the handbook
def test_every_pair_of_the_handbook_says_the_same_numbers_symbols_dates_and_links():
    pages = model.load_pages()
    by_src = {p.src: p for p in pages}
    compared, problems = 0, []
    for p in pages:
        if p.lang == "en":
            compared += 1
            problems += pairs.compare(by_src[p.base], p)
    assert compared >= 11
    assert problems == [], "\n".join(map(str, problems))


# --------------------------------------------------------------------------
# check terms
# --------------------------------------------------------------------------


def test_terms_file_is_valid_and_covers_the_core_vocabulary():
    t = model.load_terms()
    assert t.problems == []
    vi = {x.vi: x for x in t.terms}
    assert 60 <= len(t.terms) <= 100
    for word, english in [("chi bộ", "Party cell"), ("bí thư", "secretary"), ("sinh hoạt chuyên đề", "thematic meeting"),
                          ("sinh hoạt chi bộ thường kỳ", "regular monthly cell meeting"), ("Điều lệ Đảng", "Party Charter"),
                          ("đảng viên dự bị", "probationary member"), ("khai trừ", "expulsion"), ("đảng phí", "Party dues")]:
        assert vi[word].en == english
    for word in ("phó bí thư", "chi ủy", "cấp ủy cấp trên trực tiếp", "đảng viên chính thức", "nghị quyết", "biên bản",
                 "kết luận", "miễn công tác và sinh hoạt đảng", "sinh hoạt tạm thời", "kiểm điểm", "đánh giá, xếp loại chất lượng",
                 "kỷ luật", "khiển trách", "cảnh cáo", "cách chức", "Ban Bí thư", "Ban Tổ chức Trung ương", "Sổ tay đảng viên điện tử"):
        assert word in vi, word


def test_terms_file_mistakes_are_reported_with_their_line(tmp_path):
    f = tmp_path / "terms.yml"
    f.write_text("terms:\n  - vi: chi bộ\n    en: Party cell\n  - vi: tổ\n    en: party cell\n  - vi: x\n    enn: y\n", encoding="utf-8")
    msgs = [(p.line, p.message) for p in model.load_terms(f).problems]
    assert (4, "'party cell' đã là cách dịch của 'chi bộ' (dòng 2)") in msgs
    assert any(line == 7 and "khóa lạ 'enn'" in m for line, m in msgs)


def test_wrong_rendering_is_named_with_the_right_one(tmp_path):
    root = make_tree(tmp_path, {GE: replace("to agree the business.", "to agree the business of the Party branch.")})
    p = has(run(root, "terms"), "'Party branch'", "'chi bộ'", "viết 'Party cell'", path=GE)
    assert p.line == 17
    root = make_tree(tmp_path / "b", {GE: replace("under Guidance 42-HD/BTCTW", "under Instruction 42-HD/BTCTW")})
    has(run(root, "terms"), "'Instruction 42-HD/BTCTW'", "viết 'Guidance 42-HD/BTCTW'", path=GE, line=22)
    root = make_tree(tmp_path / "c", {GE: replace("under Guidance 42-HD/BTCTW", "under Regulation 42-HD/BTCTW")})
    has(run(root, "terms"), "'Regulation 42-HD/BTCTW'", "Hướng dẫn", "viết 'Guidance 42-HD/BTCTW'", path=GE, line=22)
    root = make_tree(tmp_path / "d", {GE: replace("title: Preparing the regular cell meeting", "title: Preparing the periodic meeting")})
    has(run(root, "terms"), "'periodic meeting'", path=GE, line=2)


def test_decision_is_right_for_a_document_the_registry_calls_a_decision(tmp_path):
    """"Decision {symbol}" is a wrong rendering of a Quy định, but both kinds are written
    "-QĐ/TW": 190-QĐ/TW is a Quyết định (Decision) in data/sources.yml."""
    root = make_tree(tmp_path, {GE: replace("under Guidance 42-HD/BTCTW", "under Decision 190-QĐ/TW")})
    assert [p for p in errors(run(root, "terms")) if "190" in p.message] == []
    root = make_tree(tmp_path / "b", {GE: replace("under Guidance 42-HD/BTCTW", "under Decision 294-QĐ/TW")})
    has(run(root, "terms"), "'Decision 294-QĐ/TW'", "viết 'Regulation 294-QĐ/TW'", path=GE, line=22)
    root = make_tree(tmp_path / "c", {GE: replace("under Guidance 42-HD/BTCTW", "under Regulation 190-QĐ/TW")})
    has(run(root, "terms"), "'Regulation 190-QĐ/TW'", "Quyết định", "viết 'Decision 190-QĐ/TW'", path=GE, line=22)


def test_first_use_must_show_the_vietnamese_term(tmp_path):
    root = make_tree(tmp_path, {GE: replace("The secretary (*bí thư*) chairs", "The secretary chairs")})
    p = has(run(root, "terms"), "lần đầu trang dùng 'secretary'", "(*bí thư*)", path=GE)
    assert p.line == 22
    # A later use does not need it; a heading or a table header is not a first use.
    root = make_tree(tmp_path / "b", {GE: replace("## Attendance\n", "## Attendance of the Party cell\n")})
    assert errors(run(root, "terms")) == []
    # The Vietnamese must be in italics, in parentheses, right after the term (a link may come between).
    root = make_tree(tmp_path / "c", {GE: replace("The secretary (*bí thư*) chairs", "The secretary (bí thư) chairs")})
    has(run(root, "terms"), "lần đầu trang dùng 'secretary'", path=GE, line=22)
    root = make_tree(tmp_path / "d", {GE: replace("The secretary (*bí thư*) chairs", "The **secretary** (*bí thư*) chairs")})
    assert errors(run(root, "terms")) == []
    root = make_tree(tmp_path / "e", {GE: replace("The secretary (*bí thư*) chairs",
                                                  "The [secretary](../hoi-dap/bi-thu-vang-mat.md) (*bí thư*) chairs")})
    assert errors(run(root, "terms")) == []


def test_wrong_rendering_in_a_string_table_is_found(monkeypatch, tmp_path):
    from sotay import training

    monkeypatch.setitem(training.L["en"], "lesson", "Topic session")
    root = make_tree(tmp_path)
    has(run(root, "terms"), "chuỗi tiếng Anh 'Topic session'", "'sinh hoạt chuyên đề'", path="sotay/strings/pages.py")


def test_registry_names_without_english_are_warned(tmp_path):
    root = make_tree(tmp_path)
    f = root / "data" / "terms-en.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("  Ban Tổ chức Trung ương: Central Organisation Commission\n", ""),
                 encoding="utf-8")
    has(run(root, "terms"), "'Ban Tổ chức Trung ương' chưa có tên tiếng Anh", "issuers", severity="warning",
        path="sources.yml")


@pytest.mark.slow  # the whole English edition through the checks
def test_handbook_passes_the_english_checks():
    ctx = checks.Context.load(root=ROOT)
    problems = [p for n in ("terms", "pairs", "translations") for p in checks.CHECKS[n](ctx)]
    assert errors(problems) == [], "\n".join(map(str, errors(problems)))


# --------------------------------------------------------------------------
# Generated text for English pages
# --------------------------------------------------------------------------


def test_basis_and_sources_are_english_with_the_vietnamese_marked():
    reg = model.load_registry()
    page = _page(PAGE.replace("type: reference", "type: guide\naudience: [bi-thu]\nsources: [dieu-le-dang, hd-42-2025, bai-nhat-ban]")
                 .replace("title: Tiêu đề", "title: Title"), "gioi-thieu/x.en.md")
    line = render.basis_line(page, reg, "en")
    assert "[Party Charter]" in line and "[42-HD/BTCTW]" in line and "Điều lệ" not in line
    block = render.basis_block(page, reg, "en")
    assert "Guidance 42-HD/BTCTW" in block and "Central Organisation Commission" in block
    assert "Hướng dẫn" not in block and "Ban Tổ chức" not in block
    table = render.sources_table(page, reg, "en")
    for vi in ("Tên", "Ngày ban hành", "Cơ quan ban hành", "Đối chiếu", "Chưa đối chiếu"):
        assert f"| {vi} |" not in table
    # What has no English yet is shown in Vietnamese, marked for screen readers.
    rows = [row for row in table.splitlines() if row.startswith("| Title |")]
    assert len(rows) == len(reg.sources)
    for s in reg.sources.values():
        expected = s.title_en or f'<span lang="vi">{s.title}</span>'
        assert f"| Title | {expected} |" in table, s.id


def test_terms_table_and_english_abbreviations():
    en = render.terms_table("en")
    assert '| <span lang="vi">*chi bộ*</span> | **Party cell** (cell) |' in en
    assert re.search(r"Not: <del>[^<]*topic session", en)  # listed as a rendering not to use
    vi = render.terms_table("vi")
    assert vi.startswith("| Tiếng Việt | Tiếng Anh |") and '<span lang="en">**Party cell** (cell)</span>' in vi
    glossary, _ = model.load_glossary()
    abbr = render.glossary_table(glossary, "en")
    assert '| BTCTW | Central Organisation Commission | <span lang="vi">Ban Tổ chức Trung ương</span> |' in abbr


def test_untranslated_pages_in_english_lists_are_marked_vietnamese():
    # Every guide is translated: drop one English page to see how an untranslated one is listed.
    pages = [p for p in model.load_pages() if p.src != "huong-dan/hop-chi-uy.en.md"]
    by_src = {p.src: p for p in pages}
    out = render.page_list(by_src["huong-dan/index.en.md"], pages, "huong-dan", "en")
    assert "- [Voting and validity](bieu-quyet.md) —" in out
    assert re.search(r'- \[Họp chi ủy\]\(hop-chi-uy\.md\)\{: lang="vi" \} — <span lang="vi">', out)


def test_english_qa_list_filters_on_the_translation_s_tags():
    """The hidden tags the Q&A filter (and search) read are the tags of the page shown:
    the English ones on an English list, once the answer is translated."""
    pages = model.load_pages()
    by_src = {p.src: p for p in pages}

    def line(lang: str) -> str:
        src = "hoi-dap/bieu-quyet.en.md" if lang == "en" else "hoi-dap/bieu-quyet.md"
        out = render.page_list(by_src[src], pages, "hoi-dap", lang, group="bieu-quyet", ptype="qa")
        return next(x for x in out.splitlines() if "(dang-vien-du-bi-bieu-quyet.md)" in x)

    assert line("en").endswith('<span class="sotay-tags" hidden>probationary members, voting, members\' rights</span>')
    assert line("vi").endswith('<span class="sotay-tags" hidden>đảng viên dự bị, biểu quyết, quyền đảng viên</span>')


def test_mark_vietnamese_on_english_urls():
    html = ('<html lang="en"><div class="md-header__topic" data-md-component="header-topic"><span>T</span></div>'
            '<a href="../../hoi-dap/x/" class="md-nav__link">Bí thư vắng</a>'
            '<a href="../../hoi-dap/y/" class="md-nav__link">Preparing and chairing</a>'
            '<a href="../y/" class="md-nav__link">Voting</a>'
            '<a href="../../" hreflang="vi" class="md-select__link">Tiếng Việt</a>'
            '<article class="md-content__inner md-typeset"><p>Party cell (<em>chi bộ</em>) and <em>really</em></p></article>')
    vi_urls = frozenset({"en/hoi-dap/x/", "en/hoi-dap/y/"})
    out = sitemod.mark_vietnamese(html, "en/huong-dan/a/index.html", "en", "en", vi_urls)
    assert '<a lang="vi" href="../../hoi-dap/x/"' in out
    assert '<a href="../../hoi-dap/y/" class="md-nav__link">Preparing' in out  # English text: not marked
    assert '<em lang="vi">chi bộ</em>' in out and "<em>really</em>" in out
    assert '<article class="md-content__inner md-typeset">' in out
    assert 'class="md-select__link" lang="vi"' in out
    fallback = sitemod.mark_vietnamese(html, "en/hoi-dap/x/index.html", "en", "vi", vi_urls)
    assert '<article class="md-content__inner md-typeset" lang="vi">' in fallback
    assert 'data-md-component="header-topic" lang="vi"' in fallback


# --------------------------------------------------------------------------
# The built site: what an English reader (and a screen reader) gets
# --------------------------------------------------------------------------

# Vietnamese words allowed unmarked in English text: place names and people, kept as they are.
PROPER_NAMES = {"Hồ", "Chí", "Minh", "Cà", "Mau", "Bắc", "Giang", "Hà", "Tĩnh", "Đông", "Việt", "Nam",
                "Bình", "Thuận", "Phú", "Thọ", "Yên", "Bái", "Tuy", "Lộc", "Quảng", "Trị", "Thế", "Lục", "Ngạn",
                "Nguyễn", "Văn", "Hảo", "Tết",
                # the training lessons: the members of their fictional cells
                "Hoàng", "Thị", "Vũ", "Lê", "Cường", "Phạm", "Dũng", "Trần", "Đỗ", "Ngô", "Tâm", "Đinh", "Quân", "Hùng",
                # places and people the thematic meeting kits name (mau/chuyen-de-*.en.md)
                "Trường", "Sa", "Trung", "Hợp", "Thịnh", "Hiệp", "Hòa"}


# Every page has its English version (translations = "required"), so the handbook itself
# has no fallback left: the tests below drop one answer's English page in memory (or, for
# the built site, put the Vietnamese page behind its English URL in a copy) to see what an
# English reader would get if one were missing.
FALLBACK_TRANSLATED = "hoi-dap/bi-thu-vang-mat.md"  # stays translated in these tests


def _fallback() -> tuple[model.Page, list[model.Page]]:
    """(a Q&A answer, the handbook's pages without its English version)."""
    pages = model.load_pages()
    translated = {p.base for p in pages if p.lang == "en"}
    answer = next(p for p in pages if p.lang == model.DEFAULT_LANG and p.type == "qa"
                  and p.src in translated and p.src != FALLBACK_TRANSLATED)
    return answer, [p for p in pages if not (p.lang == "en" and p.base == answer.src)]


def _sotay_hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("sotay_hook", ROOT / "overrides" / "hooks" / "sotay.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


# Material's article element in a built page: cut out to build a fallback page in these tests
# (the build itself finds it with lxml, sotay.printbook.source).
_ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*"[^>]*>)(.*?)(</article>)', re.S)


def _fallback_html(site_dir: Path, answer: model.Page, pages: list[model.Page]) -> str:
    """The English URL of ``answer`` as the build makes it when the answer has no English
    version: the English page around the Vietnamese article, the English note over the
    text (site.page_markdown puts it under the title), then site.mark_vietnamese."""
    from sotay import printbook

    name = printbook.page_path(answer.src)
    english = (site_dir / "en" / name / "index.html").read_text(encoding="utf-8")
    article = _ARTICLE.search((site_dir / name / "index.html").read_text(encoding="utf-8")).group(0)
    note = re.sub(r"\s*\n\s*", "", sitemod.FALLBACK_NOTE_EN)
    article = re.sub(r"(</h1>)", lambda m: m.group(1) + note, article, count=1)
    html = _ARTICLE.sub(lambda m: article, english, count=1)
    return sitemod.post_page(html, f"en/{name}index.html", lang="en", text_lang="vi",
                             vi_urls=sitemod.fallback_urls(pages, "en"))


def test_the_handbook_has_no_fallback_left():
    """translations = "required": no English URL shows the Vietnamese (make check makes a
    missing page an error; this is the same fact from the content model)."""
    assert sitemod.fallback_urls(model.load_pages(), "en") == frozenset()
    answer, pages = _fallback()
    assert sitemod.fallback_urls(pages, "en") == {"en/" + answer.src[:-3] + "/"}


def test_fallback_answer_gets_the_english_note_and_leaves_english_search():
    """What the build hook does with a page that has no English version on the English
    build: the note in English over the Vietnamese text, and search: exclude."""
    from types import SimpleNamespace

    answer, pages = _fallback()
    hook = _sotay_hook()
    reg = model.load_registry()
    glossary, _ = model.load_glossary()
    from sotay import pipeline

    # the hook's state for this build (sotay.pipeline.Build): the content with the answer left untranslated
    hook._run.content = pipeline.Content(docs_dir=model.DOCS, root=model.ROOT, pages=pages, registry=reg,
                                         glossary=glossary)
    config = SimpleNamespace(plugins={"i18n": SimpleNamespace(current_language="en")})

    page = SimpleNamespace(file=SimpleNamespace(src_uri=answer.src), meta={})
    md = hook.on_page_markdown(answer.body, page, config, None)
    assert md.startswith(sitemod.FALLBACK_NOTE_EN) and 'lang="en"' in sitemod.FALLBACK_NOTE_EN
    assert "Vietnamese only" in md and answer.body.strip().split("\n")[0] in md
    assert page.meta == {"search": {"exclude": True}}

    translated = next(p for p in pages if p.lang == "en" and p.base == FALLBACK_TRANSLATED)
    page = SimpleNamespace(file=SimpleNamespace(src_uri=translated.src), meta={})
    md = hook.on_page_markdown(translated.body, page, config, None)
    assert "Vietnamese only" not in md and page.meta == {}
    vi_config = SimpleNamespace(plugins={"i18n": SimpleNamespace(current_language="vi")})
    page = SimpleNamespace(file=SimpleNamespace(src_uri=answer.src), meta={})
    assert "Vietnamese only" not in hook.on_page_markdown(answer.body, page, vi_config, None) and page.meta == {}


def _english_pages(site: Path):
    for f in sorted((site / "en").rglob("*.html")):
        yield f.relative_to(site).as_posix(), f


def _unmarked_vietnamese(f: Path) -> list[str]:
    doc = lxml.html.fromstring(f.read_bytes())
    for el in doc.xpath("//head|//script|//style|//*[@hidden]|//*[@lang='vi']|//svg"):
        el.drop_tree()
    words = set()
    for text in doc.xpath("//body//text()"):
        for w in text.split():
            w = re.sub(r"['’]s$", "", w.strip(".,;:!?()[]\"“”'*…·—–-"))  # "Hồ's"
            if not VI_LETTER.search(w) or w in PROPER_NAMES:
                continue
            if model.SYMBOL.search(w) or re.fullmatch(r"[A-ZĐ]{2,}[-/A-ZĐ]*", w):
                continue  # document symbols (294-QĐ/TW) and abbreviations (HĐND)
            words.add(w)
    return sorted(words)


def test_every_english_url_marks_its_vietnamese_text(site_dir):
    """On every English page, print view and 404 page, any visible Vietnamese word is inside
    lang="vi" — the fallbacks, lists of untranslated pages, terms in italics — except names."""
    bad = {}
    pages = list(_english_pages(site_dir))
    assert len(pages) > 130
    for rel, f in pages:
        found = _unmarked_vietnamese(f)
        if found:
            bad[rel] = found[:8]
    assert not bad, "\n".join(f"{k}: {v}" for k, v in list(bad.items())[:20])


def test_fallback_page_is_vietnamese_and_out_of_english_search(site_dir):
    answer, pages = _fallback()
    html = _fallback_html(site_dir, answer, pages)
    assert '<html lang="en"' in html
    assert '<article class="md-content__inner md-typeset" lang="vi">' in html
    assert '<div class="admonition note sotay-fallback" lang="en">' in html
    assert 'data-md-component="header-topic" lang="vi"' in html
    # The real site: every page translated, none marked as a fallback, all in English search.
    import json

    name = answer.src[:-3]
    built = (site_dir / "en" / name / "index.html").read_text(encoding="utf-8")
    assert '<article class="md-content__inner md-typeset">' in built and "sotay-fallback" not in built
    from sotay import search

    _config, docs = search.load_documents(site_dir)  # the documents of both languages' search files
    locations = [d["location"] for d in docs]
    assert [x for x in locations if x.startswith(f"en/{name}/")]
    assert [x for x in locations if x.startswith("en/hoi-dap/bi-thu-vang-mat/")]
    assert [x for x in locations if x.startswith("en/huong-dan/bieu-quyet")]


def test_translated_page_is_english_with_vietnamese_terms_marked(site_dir):
    html = (site_dir / "en" / "huong-dan" / "bieu-quyet" / "index.html").read_text(encoding="utf-8")
    assert '<article class="md-content__inner md-typeset">' in html
    assert '<em lang="vi">đảng viên chính thức</em>' in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "Guidance 42-HD/BTCTW of 28/10/2025 by Central Organisation Commission" in text
    assert '<abbr title="Central Organisation Commission (Ban Tổ chức Trung ương)">BTCTW</abbr>' in html
    assert "Vietnamese only" not in html


def test_english_print_view_marks_untranslated_chapters(site_dir, tmp_path):
    """The English print view of the Q&A made from a copy of the built pages in which one
    answer's English URL shows the Vietnamese (_fallback_html): that chapter is lang="vi"."""
    from sotay import printbook

    answer, pages = _fallback()
    copy = tmp_path / "site"
    shutil.copytree(site_dir / "en" / "hoi-dap", copy / "en" / "hoi-dap", ignore=shutil.ignore_patterns("*.pdf", "*.docx", "*.zip"))
    shutil.copy(site_dir / "en" / "index.html", copy / "en" / "index.html")
    (copy / "en" / answer.src[:-3] / "index.html").write_text(_fallback_html(site_dir, answer, pages), encoding="utf-8")
    book = printbook.make_book(copy, pages, "hoi-dap", "en")
    html = printbook.render_book(book)
    chapter = printbook.chapter_id(answer.src)
    assert re.search(rf'<section class="chapter [^"]*" id="{chapter}"[^>]* lang="vi">', html)
    assert re.search(r'<span class="num">\d+\.</span> <span lang="vi">' + re.escape(answer.meta["title"].split()[0]), html)
    assert not re.search(r'id="c-hoi-dap-bi-thu-vang-mat"[^>]* lang="vi"', html)  # translated
    # The real print views: no chapter left in Vietnamese.
    for book_name in ("hoi-dap", "huong-dan"):
        real = (site_dir / "en" / "in" / book_name / "index.html").read_text(encoding="utf-8")
        assert not re.search(r'<section class="chapter [^"]*" id="c-[^"]*"[^>]* lang="vi">', real), book_name


@pytest.mark.browser
def test_screen_reader_language_in_the_browser(context, server, watch, site_dir):
    """What assistive technology reads: the language of the element each text is in."""
    answer, pages = _fallback()
    fallback = _fallback_html(site_dir, answer, pages)
    page = context.new_page()
    url = server + "/en/" + answer.src[:-3] + "/"
    # The English URL served as the build would make it if the answer had no English version.
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=fallback))
    page.goto(url)
    lang_of = "sel => document.querySelector(sel).closest('[lang]').getAttribute('lang')"
    assert page.evaluate(lang_of, "article h1") == "vi"
    assert page.evaluate(lang_of, ".sotay-fallback .admonition-title") == "en"
    assert page.evaluate(lang_of, ".md-header__title") == "en"
    page.goto(server + "/en/huong-dan/bieu-quyet/")
    assert page.evaluate(lang_of, "article h1") == "en"
    assert page.evaluate("() => [...document.querySelectorAll('article em')].filter(e => /đảng/.test(e.textContent))"
                         ".every(e => e.closest('[lang]').getAttribute('lang') === 'vi')")
    assert not watch.external and not watch.failed, (watch.external, watch.failed)


VI_ELEMENT = re.compile(r'<(div|a|p|span|summary)\b[^>]*\slang="vi"[^>]*>')


def _drop_vietnamese_elements(markdown: str) -> str:
    """Markdown without the HTML elements marked lang="vi", and what is nested in them
    (a tool's packet of Vietnamese documents: <div class="sotay-packet" lang="vi">…)."""
    while m := VI_ELEMENT.search(markdown):
        tag, depth, end = m.group(1), 0, len(markdown)
        for t in re.finditer(rf"<(/?){tag}\b[^>]*>", markdown[m.start():]):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = m.start() + t.end()
                break
        markdown = markdown[:m.start()] + markdown[end:]
    return markdown


def _strip_marked(markdown: str) -> str:
    """Markdown without what the site shows marked lang="vi" (spans, blocks, links with
    {: lang="vi" }, Vietnamese in italics). An escaped asterisk (\\*) is a literal one."""
    markdown = markdown.replace("\\*", "")
    markdown = _drop_vietnamese_elements(re.sub(r"<script\b.*?</script>", "", markdown, flags=re.S))
    markdown = re.sub(r'<span lang="vi">.*?</span>|<span class="sotay-tags" hidden>.*?</span>', "", markdown, flags=re.S)
    markdown = re.sub(r'\[[^\]]*\]\([^)]*\)\{: lang="vi" \}', "", markdown)
    # a field's Vietnamese label for the Word file (render.placeholders_to_html): an attribute, never shown
    markdown = re.sub(r' data-docx-label="[^"]*"', "", markdown)
    return re.sub(r"(?<![*\\])\*([^*\n]+)\*(?!\*)", lambda m: "" if VI_LETTER.search(m.group(1)) else m.group(0), markdown)


def _vietnamese_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\wĐđ-]+", text) if VI_LETTER.search(w) and w not in PROPER_NAMES
            and not re.fullmatch(r"[A-ZĐ]{2,}", w)]


def test_generated_training_pages_in_english():
    """Schedule, key points, trainer notes and the rating form on an English training page:
    English labels and slots; lessons not yet translated shown in Vietnamese, marked."""
    from sotay import training

    pages = model.load_pages()
    en_page = model.parse_page("---\ntitle: Schedule\ndescription: The day.\ntype: reference\nreviewed: 2026-11-01\n"
                               "review_in: 12\ntranslation_of: \"0123456789\"\n---\n\n"
                               "<!-- sotay:schedule start=08:00 -->\n\n<!-- sotay:keypoints -->\n\n"
                               "<!-- sotay:trainer-notes -->\n\n<!-- sotay:lesson-ratings -->\n",
                               model.DOCS / "tap-huan/lich.en.md")
    out = training.expand_markers(en_page.body, en_page, pages, "en")
    assert "## Morning: 08:00–11:30 { #buoi-sang }" in out and "*Break*" in out
    assert "| Lesson | Useful (1–5) | Length |" in out
    assert 'lang="vi"' not in out  # every lesson is translated
    assert _vietnamese_words(_strip_marked(out)) == []
    # A lesson without its translation: its title, key points and notes in Vietnamese, marked.
    untranslated = "tap-huan/bai-5-sinh-hoat-chuyen-de.en.md"
    out = training.expand_markers(en_page.body, en_page, [p for p in pages if p.src != untranslated], "en")
    assert '<span lang="vi">Bài 5. Sinh hoạt chuyên đề</span>' in out and '<div lang="vi" markdown>' in out
    assert _vietnamese_words(_strip_marked(out)) == []
    vi = training.expand_markers(en_page.body, en_page, pages, "vi")
    assert "## Buổi sáng: 08:00–11:30" in vi and 'lang="vi"' not in vi


def _strip_form_documents(markdown: str) -> str:
    """Markdown without the documents of forms marked lang="vi" (they stay Vietnamese)."""
    from sotay import forms

    lines, out, depth = markdown.split("\n"), [], 0
    for line in lines:
        st = line.strip()
        if depth or st == forms.DOC_OPEN_VI:
            depth += st.startswith("<div") - (st == "</div>")
            continue
        out.append(line)
    return "\n".join(out)


def test_generated_lists_and_boxes_on_english_pages_have_no_unmarked_vietnamese():
    """Every English page's Markdown as the build makes it (lists, basis line and box,
    sources, glossaries, a form's note and button): Vietnamese only inside lang="vi" or as
    italic terms."""
    from sotay import forms

    pages = model.load_pages()
    reg = model.load_registry()
    glossary, _ = model.load_glossary()
    bad = {}
    for p in pages:
        if p.lang != "en":
            continue
        md = sitemod.page_markdown(p.body, p, pages, reg, glossary, "en")
        md = _strip_form_documents(forms.page_markdown(md, p))
        md = re.sub(r"<abbr[^>]*>|\*\[[^\]]+\]:.*", "", md)       # abbreviation definitions
        md = model.SYMBOL.sub("", md)
        words = _vietnamese_words(_strip_marked(md))
        if words:
            bad[p.src] = sorted(set(words))[:10]
    assert not bad, bad
