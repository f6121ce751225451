"""The tools' rules (data/meeting-rules.yml, data/voting-rules.yml), their checks, the year
plan's Word files, the home page's PDF figures and the phone/accessibility pass over built pages.

Browser tests of the tools themselves are in test_tools_browser.py.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from sotay import model, phone, tools
from test_forms_browser import _all_text as _text  # the text of a Word file, tables included

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------
# The data files and their checks
# --------------------------------------------------------------------------


def test_rules_files_load_without_problems():
    registry = model.load_registry()
    meeting = tools.load_meeting_rules(registry=registry)
    voting = tools.load_voting_rules(registry=registry)
    assert meeting.problems == [] and voting.problems == [], [str(p) for p in meeting.problems + voting.problems]


def test_every_rule_names_sources_in_force_and_every_threshold_says_where_it_was_seen():
    registry = model.load_registry()
    v = tools.load_voting_rules(registry=registry).data
    for d in v["decisions"]:
        assert d["seen_in"].strip(), d["id"]
        assert any(registry.get(s).in_force for s in d["sources"]), d["id"]
        assert all(registry.get(s).status == "superseded" for s in d.get("history", [])), d["id"]
    m = tools.load_meeting_rules(registry=registry).data
    for step in m["steps"]:
        assert step["sources"] and all(registry.get(s) for s in step["sources"]), step["id"]
    # The documents at the root of the calculator are in the registry, checked.
    for sid in ("dieu-le-dang", "qd-69-2022", "qd-190-2024"):
        assert registry.get(sid).verified and registry.get(sid).in_force, sid
    assert registry.get("qd-244-2014").superseded_by == "qd-190-2024"


def test_what_could_not_be_verified_is_an_ask_not_a_number():
    v = tools.load_voting_rules().data
    # No attendance quorum was found for a regular meeting: no threshold, a question for the upper level.
    assert v["quorum"]["status"] == "ask" and "threshold" not in v["quorum"]
    assert "cấp ủy cấp trên" in v["quorum"]["ask"]
    election = next(d for d in v["decisions"] if d["id"] == "bau-cu")
    assert "cấp ủy cấp trên" in election["ask"]
    topic = tools.load_meeting_rules().data["plan"]["topic"]
    assert topic["status"] == "ask" and "cấp ủy cấp trên" in topic["ask"] and topic["history"] == ["hd-12-2018"]


def _write(tmp: Path, name: str, text: str) -> Path:
    f = tmp / name
    f.write_text(text, encoding="utf-8")
    return f


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old, new, message", [
    ("    threshold: {op: more_than, num: 1, den: 2}\n    excludes: [temp_elsewhere, exempt_absent, suspended]\n    ballot: Giơ tay",
     "    threshold: {op: more_than, num: 2, den: 2}\n    excludes: [temp_elsewhere, exempt_absent, suspended]\n    ballot: Giơ tay",
     "0 < num < den"),
    ("    sources: [qd-69-2022, qd-296-2025]\n    history: [qd-22-2021]\n    cite: \"Quy định 69-QĐ/TW, Điều 15: quyết",
     "    sources: [qd-69-2022, qd-22-2021]\n    history: [qd-22-2021]\n    cite: \"Quy định 69-QĐ/TW, Điều 15: quyết",
     "đã được thay thế"),
    ("    excludes: [temp_elsewhere, exempt_absent, suspended, absent_approved]",
     "    excludes: [temp_elsewhere, exempt_absent, suspended, absent]", "role: exclude"),
    ("  status: ask\n  sources: [hd-42-2025]\n  history: [hd-12-2018]\n  text: \"Sổ tay không tìm thấy",
     "  status: ok\n  sources: [hd-42-2025]\n  history: [hd-12-2018]\n  text: \"Sổ tay không tìm thấy",
     "status: ok cần 'threshold'"),
])
def test_voting_rules_errors_name_file_and_line(tmp_path, old, new, message):
    text = tools.VOTING_FILE.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    r = tools.load_voting_rules(_write(tmp_path, "voting-rules.yml", bad))
    assert not r.ok
    hits = [p for p in r.problems if message in p.message]
    assert hits, [str(p) for p in r.problems]
    assert hits[0].path.endswith("voting-rules.yml") and hits[0].line
    # The line is the changed one (or its block's first line).
    changed = _line(bad, new.splitlines()[0].strip())
    assert abs(hits[0].line - changed) <= 3, (hits[0].line, changed, str(hits[0]))


@pytest.mark.parametrize("old, new, message", [
    ("    guide: huong-dan/chuan-bi-sinh-hoat-thuong-ky.md#buoc-1-phan-cong-nguoi-chuan-bi",
     "    guide: huong-dan/chuan-bi-sinh-hoat-thuong-ky.md#khong-co-muc-nay", "không có mục '#khong-co-muc-nay'"),
    ("    kinds: [thuong-ky, ket-hop]\n    offset: [-10, -7]", "    kinds: [thuong-ky, ket-hop]\n    offset: [-7, -10]",
     "từ ≤ đến"),
    ("    months: [3, 5, 8, 11]", "    months: [3, 5, 6, 11]", "mỗi quý"),
    ("bien-ban-sinh-hoat-thuong-ky, nghi-quyet-thang]\n  - id: chuyen-de",
     "bien-ban-sinh-hoat-thuong-ky, nghi-quyet-thang-2]\n  - id: chuyen-de", "không phải biểu mẫu"),
    ("    timing: rule\n    sources: [hd-42-2025, qd-339-2025]", "    timing: soon\n    sources: [hd-42-2025, qd-339-2025]",
     "timing 'soon'"),
    ("    kits: [chuyen-de-neu-guong,", "    kits: [chuyen-de-khong-co,", "không phải bộ tài liệu"),
])
def test_meeting_rules_errors_name_file_and_line(tmp_path, old, new, message):
    text = tools.MEETING_FILE.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    r = tools.load_meeting_rules(_write(tmp_path, "meeting-rules.yml", bad))
    hits = [p for p in r.problems if message in p.message]
    assert hits, [str(p) for p in r.problems]
    changed = _line(bad, new.strip().splitlines()[-1].strip())
    assert hits[0].path.endswith("meeting-rules.yml") and abs(hits[0].line - changed) <= 3, (str(hits[0]), changed)


def test_broken_yaml_and_missing_file_are_reported_not_raised(tmp_path):
    r = tools.load_voting_rules(_write(tmp_path, "v.yml", "counts:\n  - id: full\n   role: total\n"))
    assert r.problems and r.problems[0].line == 3 and "YAML" in r.problems[0].message
    r = tools.load_meeting_rules(tmp_path / "none.yml")
    assert r.problems and "không tìm thấy" in r.problems[0].message


def test_check_cli_runs_the_tools_check():
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "sotay", "check", "tools"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_tool_page_needs_exactly_one_marker(tmp_path):
    page = model.Page(path=tmp_path / "x.md", src="cong-cu/x.md", lang="vi", meta={"type": "tool"},
                      body="Không có dấu.\n", body_line=10)
    found = [p for p in tools.problems([page]) if p.path.endswith("x.md")]
    assert found and "sotay:tool" in found[0].message


# --------------------------------------------------------------------------
# Addresses and the rules' words
# --------------------------------------------------------------------------


def test_links_from_tool_pages_resolve_in_both_languages():
    assert tools.href("cong-cu/thang-nay.md", "huong-dan/ghi-bien-ban.md#sau-buoi-hop") == "../../huong-dan/ghi-bien-ban/#sau-buoi-hop"
    assert tools.href("cong-cu/thang-nay.md", "van-ban/index.md#hd-42-2025") == "../../van-ban/#hd-42-2025"
    # Word files exist once, at the site root; English pages live under en/.
    assert tools.href("cong-cu/thang-nay.en.md", "mau/nghi-quyet-thang.docx") == "../../../mau/nghi-quyet-thang.docx"
    assert tools.href("cong-cu/ke-hoach-nam.md", "cong-cu/ke-hoach-sinh-hoat-nam-thon.docx") == "../ke-hoach-sinh-hoat-nam-thon.docx"
    # An English page with its own headings: an anchor it does not have is dropped.
    assert tools.href("cong-cu/thang-nay.en.md", "huong-dan/trinh-tu-sinh-hoat-thuong-ky.md#thoi-luong") == \
        "../../huong-dan/trinh-tu-sinh-hoat-thuong-ky/"


def test_english_tool_pages_keep_the_anchor_of_a_registry_link():
    """Regression: the documents register's ids are made by the build (the sources marker), not by
    headings; the tools asked a second anchor scanner that saw headings only, so every basis link
    of an English tool page lost its anchor. The tools now ask what the pipeline renders."""
    from sotay import pipeline

    content = pipeline.Content.load(model.DOCS)
    en_register = pipeline.page_anchors(content.by_src["van-ban/index.en.md"], content)
    for sid in ("hd-42-2025", "ct-50-2025", "dieu-le-dang"):
        assert sid in en_register  # the rendered English register has the id ...
        assert tools.href("cong-cu/thang-nay.en.md", f"van-ban/index.md#{sid}") == f"../../van-ban/#{sid}"  # ... so it is kept
    assert tools.page_anchors(model.DOCS / "van-ban" / "index.en.md") == en_register  # one scanner
    assert tools.href("cong-cu/thang-nay.en.md", "van-ban/index.md#khong-co") == "../../van-ban/"


def test_english_tool_pages_link_the_register_with_anchors():
    """What the reader gets: the vote calculator's basis links on the English page point at the entry."""
    from sotay import pipeline

    content = pipeline.Content.load(model.DOCS)
    page = content.by_src["cong-cu/may-tinh-bieu-quyet.en.md"]
    html = tools.tool_markdown("may-tinh-bieu-quyet", page, content.pages, content.registry, "en")
    links = re.findall(r'href="([^"]*van-ban/[^"]*)"', html)
    assert links and all("#" in h for h in links), links


def test_threshold_words_come_from_the_string_table():
    assert tools.fraction_words({"op": "more_than", "num": 1, "den": 2}, "vi") == "hơn một nửa"
    assert tools.fraction_words({"op": "at_least", "num": 2, "den": 3}, "vi") == "ít nhất hai phần ba"
    assert tools.fraction_words({"op": "at_least", "num": 2, "den": 3}, "en") == "at least two thirds"


def test_day_counts_read_as_words_in_each_language():
    from sotay.tools import pages
    assert [pages._offset_words(n, "en") for n in (-1, -3, 1, 2)] == [
        "1 day before the meeting", "3 days before the meeting", "1 day after the meeting", "2 days after the meeting"]
    assert pages._offset_words(-1, "vi") == "1 ngày trước buổi họp"
    assert pages._offset_words((-7, -3), "en") == "3 to 7 days before the meeting"


def test_tools_script_holds_no_threshold_and_no_day_count():
    """The rules come from the data: tools.js has no fraction, no day offset, no Vietnamese sentence."""
    js = (ROOT / "docs" / "assets" / "javascripts" / "tools.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)
    assert not re.search(r"[^\w.](?:2\s*/\s*3|1\s*/\s*2|0\.5|0\.66|\* ?2\b)", code)
    assert not re.search(r"[àáảãạăâđèéêìíòóôơùúưỳý]", code), "Vietnamese text belongs in sotay.tools.STRINGS"
    numbers = set(re.findall(r"(?<![\w.])\d+(?![\w.])", code))
    assert numbers <= {"0", "1", "2", "3", "4", "10", "100", "86400000"}, numbers  # dates (\\d{4}), rounding, parsing


# --------------------------------------------------------------------------
# The year plan as a Word document
# --------------------------------------------------------------------------




@pytest.mark.parametrize("cell", [ct["id"] for ct in tools.rules("meeting").data["plan"]["cell_types"]])
def test_year_plan_word_file_per_kind_of_cell(cell):
    pages = model.load_pages()
    files = tools.plan_docx_files(pages)
    data = files[tools.plan_docx_name(cell)]
    d = docx.Document(io.BytesIO(data))
    sec = d.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    text = _text(d)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "KẾ HOẠCH" in text
    assert "sinh hoạt chi bộ năm [Năm kế hoạch]" in text and "CHI BỘ [Tên chi bộ]\n*\n" in text  # the summary in lower case, the asterisk line
    assert "-KH/CB" in text and "T/M CHI BỘ" in text
    ct = next(c for c in tools.rules("meeting").data["plan"]["cell_types"] if c["id"] == cell)
    body = next(t for t in d.tables if t.rows[0].cells[0].text == "Tháng")
    assert "Thông qua kế hoạch" in body.rows[1].cells[2].text
    assert [r.cells[0].text for r in body.rows[1:]] == [str(m) for m in range(1, 13)]
    by_name = {p.base.rsplit("/", 1)[-1][:-3]: p for p in pages if p.lang == "vi"}
    months = tools.rules("meeting").data["plan"]["topic"]["months"]
    for m, kit in zip(months, ct["kits"]):
        title = re.sub(r"^Chuyên đề: ", "", by_name[kit].meta["title"])
        assert title in body.rows[m].cells[2].text, (m, kit)
    assert "Kiểm điểm" in body.rows[12].cells[2].text
    # Placeholders are highlighted runs, as in the forms: the browser fills them.
    ph = [r for p in d.paragraphs for r in p.runs if r.text == "[Năm kế hoạch]"]
    assert ph and all(r.font.highlight_color is not None for r in ph)


@pytest.mark.slow  # LibreOffice
def test_year_plan_word_file_opens_in_libreoffice(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    f = tmp_path / "plan.docx"
    f.write_bytes(tools.plan_docx_files(model.load_pages())[tools.plan_docx_name("thon")])
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(f)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "plan.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "KẾ HOẠCH" in text and "Tháng" in text


# --------------------------------------------------------------------------
# Built pages: phone and accessibility pass, home page figures
# --------------------------------------------------------------------------


def test_phone_pass_labels_wide_tables_and_keeps_the_forms_frames():
    html = ('<html lang="vi"><body><div data-md-component="skip"><a href="#x" class="md-skip">Bỏ qua</a></div>'
            '<article class="md-content__inner md-typeset"><span id="noi-dung"></span>'
            "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n<th>C</th>\n<th>D</th>\n</tr>\n</thead>\n<tbody>\n"
            "<tr>\n<td>1</td>\n<td>2</td>\n<td>3</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>"
            "<table>\n<thead>\n<tr>\n<th></th>\n<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td>y</td>\n</tr>\n"
            "</tbody>\n</table>"
            '<p><abbr title="Ban Chấp hành — Executive Committee">BCH</abbr></p></article></body></html>')
    out = phone.page_html(html, "vi")
    assert '<table data-stack="">' in out and '<td data-label="C">3</td>' in out
    assert "<table>\n<thead>\n<tr>\n<th></th>" in out  # a frame (empty head row) is left alone
    assert '<abbr title="Ban Chấp hành">' in out
    assert 'href="#noi-dung" class="md-skip"' in out
    en = phone.page_html(html.replace('lang="vi"', 'lang="en"'), "en")
    assert "Executive Committee" in en


def test_home_pages_show_the_pdf_size_and_page_count_read_from_the_pdf(site_dir):
    from sotay import home, offline, printbook

    for lang in model.LANGS:
        page = (site_dir / printbook.lang_prefix(lang) / "index.html").read_text(encoding="utf-8")
        pdf = site_dir / printbook.pdf_path(printbook.WHOLE, lang)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert home.pdf_page_count(pdf) == pages
        meta = re.search(r"data-sotay-pdf-meta>\(([^)]*)\)<", page).group(1)
        assert meta == home.L[lang]["size"].format(size=offline.human_size(pdf.stat().st_size, lang), pages=pages)
        # The role cards come before the print links; the three ways in are not repeated below.
        assert page.index('class="sotay-quick"') < page.index("sotay-actions--home")
        assert 'class="grid cards' not in page


def test_no_note_for_editors_on_reader_pages(site_dir):
    """Sentences about how the site is made belong in comments or the editors' guide."""
    phrases = ["tự cập nhật", "front matter", "training.py", "model.py", "docs/", "make build", "sửa thời lượng"]
    bad = []
    for f in sorted(site_dir.rglob("index.html")):
        rel = f.relative_to(site_dir).as_posix()
        if "gioi-thieu/trien-khai" in rel:  # the deployment guide is for administrators
            continue
        text = f.read_text(encoding="utf-8")
        m = re.search(r'<article class="md-content__inner.*?</article>', text, re.S)
        if not m:
            continue
        visible = re.sub(r"<!--.*?-->|<script.*?</script>|<[^>]+>", " ", m.group(0), flags=re.S)
        bad += [f"{rel}: {p}" for p in phrases if p in visible]
    assert not bad, bad[:20]


def test_tool_pages_are_in_the_navigation_first(site_dir):
    nav = model.build_nav(model.load_pages())
    sections = [next(iter(e)) for e in nav if isinstance(e, dict)]
    assert sections[0] == "Công cụ"
    assert (site_dir / "cong-cu" / "thang-nay" / "index.html").exists()
    assert (site_dir / "en" / "cong-cu" / "thang-nay" / "index.html").exists()


def test_dates_in_data_are_today_or_earlier():
    for p in model.load_pages():
        if p.section == "cong-cu":
            assert p.meta["reviewed"] <= dt.date.today()
