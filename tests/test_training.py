"""The workshop kit (docs/tap-huan/): lessons, schedule, generated pages, trainer/learner views, quiz.

Unit tests read the lessons through ``sotay.model.load_pages`` and
``sotay.training``. Browser tests (marked ``browser``) build the site into a
temporary folder, serve it with ``python -m http.server`` on 127.0.0.1 and
drive Debian's Chromium with Playwright, blocking every request that leaves
127.0.0.1.
"""
from __future__ import annotations

import dataclasses
import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from sotay import model, training

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

LESSON_FILES = [
    "tap-huan/bai-1-chi-bo-va-sinh-hoat.md",
    "tap-huan/bai-2-chuan-bi-sinh-hoat.md",
    "tap-huan/bai-3-chu-tri-thao-luan.md",
    "tap-huan/bai-4-bien-ban-nghi-quyet.md",
    "tap-huan/bai-5-sinh-hoat-chuyen-de.md",
    "tap-huan/bai-6-xu-ly-tinh-huong.md",
]
REFERENCE_FILES = [
    "tap-huan/lich-tap-huan.md",
    "tap-huan/diem-chinh.md",
    "tap-huan/ghi-chu-giang-vien.md",
    "tap-huan/chuan-bi-lop.md",
    "tap-huan/phieu-danh-gia.md",
]


@pytest.fixture(scope="module")
def pages():
    return model.load_pages(DOCS)


@pytest.fixture(scope="module")
def lessons(pages):
    return training.lessons(pages)


def _mins(s: str) -> int:
    return training.parse_clock(s)


# --------------------------------------------------------------------------
# The lessons as data
# --------------------------------------------------------------------------


def test_six_lessons_with_the_planned_names_and_orders(lessons):
    assert [p.src for p in lessons] == LESSON_FILES
    assert [p.meta["order"] for p in lessons] == [1, 2, 3, 4, 5, 6]


def test_lesson_front_matter_is_complete_and_valid(lessons):
    registry = model.load_registry()
    for p in lessons:
        assert not p.problems, [str(x) for x in p.problems]
        m = p.meta
        assert m["type"] == "lesson"
        assert m["audience"] == ["giang-vien", "hoc-vien"], p.src
        for key in ("teaching", "exercises"):
            assert isinstance(m[key], int) and m[key] > 0, (p.src, key)
        for key in ("questions", "objectives", "keypoints"):
            assert isinstance(m[key], list) and len(m[key]) >= 2 and all(isinstance(x, str) for x in m[key]), (p.src, key)
        assert any(registry.get(s) and registry.get(s).in_force for s in m["sources"]), p.src
        errors = [x for x in model.source_problems(p, registry) if x.severity == "error"]
        assert not errors, [str(x) for x in errors]
        # Pages citing 294-QĐ/TW or 03-HD/TW are reviewed every 6 months, others every 12.
        short = {"qd-294-2025", "hd-03-2022"} & set(m["sources"])
        assert m["review_in"] == (6 if short else 12), p.src


def test_reference_pages_exist(pages):
    by_src = {p.src: p for p in pages}
    for src in REFERENCE_FILES:
        assert src in by_src, src
        p = by_src[src]
        assert p.type == "reference" and not p.problems, (src, [str(x) for x in p.problems])


def test_lesson_sections_in_the_required_order(lessons):
    required = model.REQUIRED_SECTIONS["lesson"]
    for p in lessons:
        found = [t for _n, t in model.headings(p, 2)]
        assert [t for t in found if t in required] == required, (p.src, found)


def test_each_lesson_has_two_exercises_with_collapsible_solutions(lessons):
    for p in lessons:
        exercises = [t for _n, t in model.headings(p, 3)
                     if any(line.strip() == f"### {t}" for _m, line in model.section_text(p, "Bài tập"))]
        assert len(exercises) >= 2, (p.src, exercises)
        solved = {b.where[1] for b in training.solution_blocks(p) if len(b.where) > 1 and b.where[0] == "Bài tập"}
        assert set(exercises) <= solved, (p.src, set(exercises) - solved)
        for b in training.solution_blocks(p):
            assert b.text.startswith('??? solution "'), (p.src, b.line)  # collapsible, closed


def test_each_lesson_has_trainer_notes_a_role_play_and_a_quiz(lessons):
    for p in lessons:
        blocks = training.trainer_blocks(p)
        assert blocks and blocks[0].where[:1] == ["Nội dung"], p.src
        assert all(b.text.startswith(('!!! trainer "', '??? trainer "')) for b in blocks)
        role = "\n".join(line for _n, line in model.section_text(p, "Đóng vai"))
        assert re.search(r"^\| Vai \|", role, re.M), f"{p.src}: no table of roles"
        assert "- [ ] " in role, f"{p.src}: no observer checklist"
        assert "**Kịch bản" in role, f"{p.src}: no script"
        quizzes = training.quizzes(p)
        assert len(quizzes) == 1, p.src
        quiz = quizzes[0]
        assert 4 <= len(quiz) <= 6, (p.src, len(quiz))
        for q in quiz:
            assert len(q.options) >= 2 and len(q.correct) == 1, (p.src, q.text)
        assert not training.quiz_problems(p)


# How the first trainer note of a lesson states its timing, by language: teaching, practice, its parts.
TIMING = {
    "vi": ("{} phút giảng", r"Phần thực hành (\d+) phút: (.*)", r"\((\d+) phút\)"),
    "en": ("{} minutes of teaching", r"Practice (\d+) minutes: (.*)", r"\((\d+) minutes\)"),
}


@pytest.mark.parametrize("lang", sorted(TIMING))
def test_trainer_notes_state_the_timing_of_the_practice(pages, lang):
    """The first trainer note of each lesson splits the lesson's minutes; they add up to the front matter."""
    teaching, practice, part = TIMING[lang]
    items = training.lessons(pages, lang)
    assert len(items) == len(LESSON_FILES)
    for p in items:
        first = training.trainer_blocks(p)[0].text
        assert teaching.format(p.meta["teaching"]) in first, p.src
        m = re.search(practice, first)
        assert m and int(m.group(1)) == p.meta["exercises"], p.src
        parts = [int(x) for x in re.findall(part, m.group(2))]
        assert sum(parts) == p.meta["exercises"], (p.src, parts)


# --------------------------------------------------------------------------
# The schedule
# --------------------------------------------------------------------------


def test_lessons_minutes_add_up_to_the_schedule(pages, lessons):
    sched = training.build_schedule(pages)
    assert not sched.problems, [str(x) for x in sched.problems]
    assert len(sched.halves) == 2  # splits into two half-days
    total_planned = 0
    for half, start, end, rows in sched.halves:
        planned = _mins(half.end) - _mins(half.start)
        total_planned += planned
        slots = sum(i.minutes for i in half.items if isinstance(i, training.Slot))
        taught = sum(training.minutes(r.lesson) for r in rows if r.lesson is not None)
        assert slots + taught == planned, half.title
        assert rows[0].start == start and rows[-1].end == end
        assert all(a.end == b.start for a, b in zip(rows, rows[1:])), "gaps or overlaps"
    # One day: 08:00–11:30 and 13:30–17:00, every lesson exactly once.
    assert [(h.start, h.end) for h, *_ in sched.halves] == [("08:00", "11:30"), ("13:30", "17:00")]
    assert total_planned == 420
    placed = [r.lesson.src for r in sched.rows if r.lesson is not None]
    assert placed == [p.src for p in lessons]
    assert sum(training.minutes(p) for p in lessons) + sum(
        i.minutes for h in training.DAY for i in h.items if isinstance(i, training.Slot)) == total_planned
    # Breaks between lessons in each half-day.
    assert all(any(i.kind == "break" for i in h.items if isinstance(i, training.Slot)) for h in training.DAY)


def test_schedule_reports_a_lesson_that_no_longer_fits(pages):
    longer = [dataclasses.replace(p, meta={**p.meta, "exercises": p.meta["exercises"] + 5})
              if p.src == LESSON_FILES[1] else p for p in pages]
    problems = training.build_schedule(longer).problems
    assert any("thừa 5 phút" in x.message and "Buổi sáng" in x.message for x in problems), [str(x) for x in problems]
    missing = [p for p in pages if p.src != LESSON_FILES[4]]
    problems = training.build_schedule(missing).problems
    assert any("'order: 5'" in x.message for x in problems)


def test_schedule_renders_with_the_right_times(pages, lessons):
    page = next(p for p in pages if p.src == "tap-huan/lich-tap-huan.md")
    assert "<!-- sotay:schedule start=08:00 -->" in page.body
    md = training.page_markdown(page.body, page, pages)
    assert "sotay:schedule" not in md
    # Expected clock times computed independently from the lessons' minutes.
    t = _mins("08:00") + 15
    expected = []
    for p in lessons[:3]:
        end = t + p.meta["teaching"] + p.meta["exercises"]
        expected.append((p, t, end))
        t = end + (15 if p.meta["order"] == 2 else 0)
    assert t == _mins("11:30")
    t = _mins("13:30") + 10
    for p in lessons[3:]:
        end = t + p.meta["teaching"] + p.meta["exercises"]
        expected.append((p, t, end))
        t = end + (15 if p.meta["order"] == 4 else 0)
    assert t + 15 == _mins("17:00")
    for p, a, b in expected:
        row = f"| {training.clock(a)}–{training.clock(b)} | [{p.meta['title']}]({p.src.split('/')[-1]}) | {p.meta['teaching']} | {p.meta['exercises']} |"
        assert row in md, row
    assert "| 08:00–08:15 | Khai mạc" in md
    assert "*Nghỉ trưa: 11:30–13:30*" in md
    assert "| 16:45–17:00 | Tổng kết lớp" in md
    # Another start time moves the morning, keeps the afternoon.
    early = training.schedule_markdown(page, pages, start="07:30")
    assert "| 07:30–07:45 | Khai mạc" in early and "## Buổi sáng: 07:30–11:00" in early
    assert "## Buổi chiều: 13:30–17:00" in early


# --------------------------------------------------------------------------
# Generated pages (Markdown)
# --------------------------------------------------------------------------


def test_keypoints_page_lists_every_lesson_keypoint(pages, lessons):
    page = next(p for p in pages if p.src == "tap-huan/diem-chinh.md")
    md = training.page_markdown(page.body, page, pages)
    for p in lessons:
        assert f"## {p.meta['title']}" in md
        for k in p.meta["keypoints"]:
            assert f"- {k}" in md, k


def test_trainer_notes_page_collects_every_trainer_block_and_quiz_key(pages, lessons):
    page = next(p for p in pages if p.src == "tap-huan/ghi-chu-giang-vien.md")
    md = training.page_markdown(page.body, page, pages)
    for p in lessons:
        for b in training.trainer_blocks(p):
            assert b.text in md or training._rebase_local_anchors(b.text, p.src, page.src) in md, (p.src, b.line)
        for q in training.quizzes(p)[0]:
            right = q.options[q.correct[0]][0]
            assert f"{q.text} — **{training.LETTERS[q.correct[0]]}. {right}**" in md


def test_lesson_frame_has_overview_keypoints_and_view_bar(pages, lessons):
    for p in lessons:
        md = training.page_markdown(p.body, p, pages)
        assert md.startswith('<div class="sotay-viewbar"'), p.src
        assert "data-sotay-print-handout" in md
        assert '!!! abstract lesson-overview "Tổng quan bài học"' in md
        for q in p.meta["questions"] + p.meta["objectives"]:
            assert f"    - {q}" in md
        tail = md[md.index('!!! success lesson-keypoints "Điểm chính"'):]
        for k in p.meta["keypoints"]:
            assert f"    - {k}" in tail


def test_hook_loads_pages_once_per_build(monkeypatch):
    """The hook is a thin adapter: load_pages in on_config, nothing per page."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("training_hook", ROOT / "overrides" / "hooks" / "training.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    calls = []
    real = model.load_pages

    def counting(docs_dir=model.DOCS):
        calls.append(docs_dir)
        return real(docs_dir)

    monkeypatch.setattr(hook.model, "load_pages", counting)
    config = SimpleNamespace(docs_dir=str(DOCS))
    hook.on_config(config)
    for src in LESSON_FILES + REFERENCE_FILES + ["index.md"]:
        text = (DOCS / src).read_text(encoding="utf-8")
        page = SimpleNamespace(file=SimpleNamespace(src_uri=src))
        hook.on_page_markdown(model.FRONT_MATTER.sub("", text, count=1), page, config, None)
    assert len(calls) == 1
    source = (ROOT / "overrides" / "hooks" / "training.py").read_text(encoding="utf-8")
    assert "yaml" not in source and "FRONT_MATTER" not in source  # no front matter parsing in the hook


# --------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def training_site(site_dir) -> Path:
    """The built site (conftest's site_dir: site/ after `make build`, or SOTAY_TEST_SITE)."""
    assert (site_dir / "tap-huan" / "lich-tap-huan" / "index.html").exists(), f"{site_dir} is not a built site"
    return site_dir


def _text(html_text: str) -> str:
    body = html_text[html_text.index("<article"):html_text.index("</article>")]
    body = re.sub(r"<[^>]+>", "", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def _inline(md: str) -> str:
    """Keypoint Markdown as it reads in HTML text."""
    return re.sub(r"\s+", " ", re.sub(r"[*`]", "", md)).strip()


def test_built_schedule_page_has_clock_times(training_site, pages):
    text = _text((training_site / "tap-huan" / "lich-tap-huan" / "index.html").read_text(encoding="utf-8"))
    sched = training.build_schedule(pages)
    for r in sched.rows:
        assert f"{r.span} {r.title}" in text, r.span


def test_built_generated_pages_contain_keypoints_and_trainer_notes(training_site, lessons):
    kp = _text((training_site / "tap-huan" / "diem-chinh" / "index.html").read_text(encoding="utf-8"))
    notes_html = (training_site / "tap-huan" / "ghi-chu-giang-vien" / "index.html").read_text(encoding="utf-8")
    notes = _text(notes_html)
    for p in lessons:
        for k in p.meta["keypoints"]:
            assert _inline(k) in kp, k
        for b in training.trainer_blocks(p):
            first = next(line for line in b.text.split("\n")[1:] if line.strip())
            plain = _inline(re.sub(r"^\s*(?:- |\d+\. )", "", first))
            plain = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", plain)
            assert plain in notes, (p.src, plain)
    assert notes_html.count('class="admonition trainer"') == sum(len(training.trainer_blocks(p)) for p in lessons) + len(lessons)


def test_built_lesson_pages_have_the_quiz_markup(training_site, lessons):
    for p in lessons:
        doc = (training_site / p.src[:-3] / "index.html").read_text(encoding="utf-8")
        quiz = doc[doc.index('<div class="quiz">'):]
        assert quiz.count('<li class="task-list-item">') == sum(len(q.options) for q in training.quizzes(p)[0])
        assert quiz.count("disabled checked") == len(training.quizzes(p)[0])
        assert 'class="admonition abstract lesson-overview"' in doc and 'class="admonition success lesson-keypoints"' in doc
        assert "data-sotay-viewbar hidden" in doc


# --------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def http_site(training_site):
    """`python -m http.server` on 127.0.0.1 serving the built site."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(training_site)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("http.server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def ctx_factory(browser):
    from conftest import Watch

    made = []

    def make(**kw):
        watch = Watch()
        ctx = browser.new_context(locale="vi-VN", **kw)
        watch.attach(ctx)
        made.append(ctx)
        return ctx, watch

    yield make
    for c in made:
        c.close()


LESSON4 = "/tap-huan/bai-4-bien-ban-nghi-quyet/"

HIDDEN_IN_LEARNER = ".md-typeset details.solution, .md-typeset .admonition.trainer, .md-typeset details.trainer"

JS_STATE = """() => {
  const vis = el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  const solutions = [...document.querySelectorAll('.md-typeset details.solution')];
  const trainer = [...document.querySelectorAll('.md-typeset .admonition.trainer, .md-typeset details.trainer')];
  const key = [...document.querySelectorAll('.quiz [data-quiz-key] .quiz-option-text')]
      .map(el => getComputedStyle(el, '::after').content);
  return {
    trainerClass: document.documentElement.classList.contains('sotay-view-trainer'),
    solutions: solutions.length, solutionsShown: solutions.filter(vis).length,
    solutionsOpen: solutions.filter(d => d.open).length,
    trainer: trainer.length, trainerShown: trainer.filter(vis).length,
    keyShown: key.filter(c => c && c !== 'none' && c !== 'normal').length,
    text: document.querySelector('article').innerText,
  };
}"""


def _ok(watch):
    assert not watch.external, "requests left 127.0.0.1: " + ", ".join(watch.external[:10])
    # Requests cut short by the test's own next navigation are not failures of the site.
    failed = [f for f in watch.failed if "net::ERR_ABORTED" not in f]
    assert not failed, "failed requests: " + ", ".join(failed[:10])


@pytest.mark.browser
def test_learner_view_hides_solutions_and_trainer_notes_on_screen_and_in_print(ctx_factory, http_site):
    ctx, watch = ctx_factory()
    page = ctx.new_page()
    page.goto(http_site + LESSON4)
    page.wait_for_selector(".quiz--live")
    s = page.evaluate(JS_STATE)
    assert not s["trainerClass"]
    assert s["solutions"] >= 3 and s["solutionsShown"] == 0
    assert s["trainer"] >= 3 and s["trainerShown"] == 0
    assert s["keyShown"] == 0
    assert "Ghi chú cho giảng viên" not in s["text"] and "Đáp án" not in s["text"]
    assert "Đếm phiếu trên đúng tổng số" in s["text"]  # the exercise itself is there
    # Print: Material opens every <details> on beforeprint; they must stay hidden.
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    s = page.evaluate(JS_STATE)
    assert s["solutionsOpen"] == s["solutions"], "Material did not open the details (test no longer meaningful)"
    assert s["solutionsShown"] == 0 and s["trainerShown"] == 0 and s["keyShown"] == 0
    assert "Đáp án" not in s["text"]
    assert page.locator(".sotay-viewbar").is_hidden() and page.locator(".quiz-actions").is_hidden()
    _ok(watch)


@pytest.mark.browser
def test_trainer_view_shows_solutions_notes_and_quiz_key_and_is_remembered(ctx_factory, http_site):
    ctx, watch = ctx_factory()
    page = ctx.new_page()
    page.goto(http_site + LESSON4)
    toggle = page.locator("[data-sotay-view-toggle]")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    s = page.evaluate(JS_STATE)
    assert s["trainerClass"] and s["solutionsShown"] == s["solutions"] and s["trainerShown"] == s["trainer"]
    assert s["keyShown"] == 6
    assert page.evaluate("localStorage.getItem('sotay.view')") == "giang-vien"
    # Remembered on another page and after a reload.
    page.goto(http_site + "/tap-huan/bai-1-chi-bo-va-sinh-hoat/")
    assert page.evaluate(JS_STATE)["trainerClass"]
    page.reload()
    assert page.evaluate(JS_STATE)["trainerClass"]
    # The trainer's printed copy keeps everything.
    page.goto(http_site + LESSON4)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    s = page.evaluate(JS_STATE)
    assert s["solutionsShown"] == s["solutions"] and s["trainerShown"] == s["trainer"] and s["keyShown"] == 6
    # ?view=hoc-vien switches back and is stored.
    page.emulate_media(media="screen")
    page.goto(http_site + LESSON4 + "?view=hoc-vien")
    assert not page.evaluate(JS_STATE)["trainerClass"]
    assert page.evaluate("localStorage.getItem('sotay.view')") == "hoc-vien"
    _ok(watch)


@pytest.mark.browser
def test_view_param_turns_trainer_view_on_in_a_fresh_browser(ctx_factory, http_site):
    ctx, watch = ctx_factory()
    page = ctx.new_page()
    page.goto(http_site + "/tap-huan/ghi-chu-giang-vien/?view=giang-vien")
    s = page.evaluate(JS_STATE)
    assert s["trainerClass"] and s["trainer"] > 6 and s["trainerShown"] == s["trainer"]
    assert page.locator(".sotay-learner-only").is_hidden()
    assert page.locator("[data-sotay-print-handout]").count() == 0  # no handout button on the trainer page
    page2 = ctx.new_page()
    page2.goto(http_site + "/tap-huan/bai-2-chuan-bi-sinh-hoat/")
    assert page2.evaluate(JS_STATE)["trainerClass"]
    _ok(watch)


@pytest.mark.browser
def test_handout_button_prints_the_learner_view_from_the_trainer_view(ctx_factory, http_site):
    ctx, watch = ctx_factory()
    ctx.add_init_script("""
      window.__printed = [];
      window.print = () => { window.__printed.push(document.documentElement.className); };
    """)
    page = ctx.new_page()
    page.goto(http_site + LESSON4 + "?view=giang-vien")
    page.locator("[data-sotay-print-handout]").click()
    printed = page.evaluate("window.__printed")
    assert len(printed) == 1
    assert "sotay-print-learner" in printed[0] and "sotay-view-trainer" in printed[0]
    # While the print dialog is open, the page prints as the learner handout...
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    s = page.evaluate(JS_STATE)
    assert s["solutions"] and s["solutionsShown"] == 0 and s["trainerShown"] == 0 and s["keyShown"] == 0
    # ...and afterwards the trainer's screen is back.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    s = page.evaluate(JS_STATE)
    assert s["trainerClass"] and s["solutionsShown"] == s["solutions"]
    assert "sotay-print-learner" not in page.evaluate("document.documentElement.className")
    _ok(watch)


def _pdf_text(page, tmp_path: Path, name: str) -> str:
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_learner_handout_pdf_has_no_solutions_or_trainer_notes(ctx_factory, http_site, tmp_path):
    ctx, watch = ctx_factory()
    page = ctx.new_page()
    page.goto(http_site + LESSON4)
    page.wait_for_selector(".quiz--live")
    learner = _pdf_text(page, tmp_path, "learner")
    page.goto(http_site + LESSON4 + "?view=giang-vien")
    page.wait_for_selector(".quiz--live")
    trainer = _pdf_text(page, tmp_path, "trainer")
    for phrase in ("Ghi chú cho giảng viên", "Sai lầm phổ biến nhất", "Đáp án phần"):
        assert phrase not in learner, phrase
    assert "Đáp án" not in learner
    assert "Đếm phiếu trên đúng tổng số" in learner and "Tự kiểm tra" in learner
    # The same words are found in the trainer's copy: the text extraction works.
    assert "Ghi chú cho giảng viên" in trainer and "Sai lầm phổ biến nhất" in trainer and "Đáp án" in trainer
    _ok(watch)


def _expected_answers(src: str) -> list[int]:
    page = next(p for p in model.load_pages(DOCS) if p.src == src)
    return [q.correct[0] for q in training.quizzes(page)[0]]


def _quiz_on_a_phone(ctx_factory, url: str, src: str):
    """(page, live quiz, expected answers, watch) of a lesson opened on a 360 px phone."""
    ctx, watch = ctx_factory(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                             is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(url)
    quiz = page.locator("div.quiz.quiz--live")
    quiz.wait_for()
    return page, quiz, _expected_answers(src), watch


@pytest.mark.browser
def test_quiz_scores_on_a_phone_with_outside_requests_blocked(ctx_factory, http_site):
    page, quiz, answers, watch = _quiz_on_a_phone(ctx_factory, http_site + LESSON4, "tap-huan/bai-4-bien-ban-nghi-quyet.md")
    n = len(answers)
    questions = quiz.locator("li.quiz-question")
    assert questions.count() == n
    # Right answers except the last, which gets a wrong option.
    for i, right in enumerate(answers):
        options = questions.nth(i).locator("li.quiz-option")
        choice = right if i < n - 1 else (right + 1) % options.count()
        label = options.nth(choice).locator("label")
        label.scroll_into_view_if_needed()
        box = label.bounding_box()
        assert box["height"] >= 40 and box["x"] >= 0 and box["x"] + box["width"] <= 360, box  # finger-sized, on screen
        label.tap()
        assert options.nth(choice).locator("input").is_checked()
    quiz.locator("button.quiz-score").tap()
    result = quiz.locator(".quiz-result")
    assert f"đúng {n - 1}/{n} câu" in result.inner_text()
    assert questions.nth(0).get_attribute("class").split().count("quiz-right") == 1
    last = questions.nth(n - 1)
    assert "quiz-wrong" in last.get_attribute("class")
    assert f"Đáp án đúng: {training.LETTERS[answers[-1]]}" in last.locator(".quiz-feedback").inner_text()
    assert last.locator(".quiz-explain").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Try again, all right this time.
    quiz.locator("button.quiz-reset").tap()
    assert result.inner_text() == "" and not last.locator(".quiz-explain").is_visible()
    assert quiz.locator("input:checked").count() == 0
    for i, right in enumerate(answers):
        questions.nth(i).locator("li.quiz-option").nth(right).locator("label").tap()
    quiz.locator("button.quiz-score").tap()
    assert f"đúng {n}/{n} câu" in result.inner_text()
    assert quiz.get_attribute("data-score") == str(n)
    _ok(watch)


@pytest.mark.browser
def test_every_lesson_quiz_scores_full_marks(ctx_factory, http_site, lessons):
    ctx, watch = ctx_factory()
    page = ctx.new_page()
    for p in lessons:
        answers = _expected_answers(p.src)
        page.goto(http_site + "/" + p.src[:-3] + "/", wait_until="domcontentloaded")
        quiz = page.locator("div.quiz.quiz--live")
        quiz.wait_for()
        for i, right in enumerate(answers):
            quiz.locator("li.quiz-question").nth(i).locator("li.quiz-option").nth(right).locator("label").click()
        quiz.locator("button.quiz-score").click()
        assert quiz.get_attribute("data-score") == str(len(answers)), p.src
    _ok(watch)


@pytest.mark.browser
def test_without_javascript_the_quiz_is_readable_text_without_answers(ctx_factory, http_site):
    ctx, watch = ctx_factory(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(http_site + LESSON4)
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        quiz = page.locator("div.quiz")
        text = quiz.inner_text()
        assert "Nghị quyết của chi bộ được thông qua khi nào?" in text
        assert "Khi không ai phản đối" in text
        assert page.locator("div.quiz .task-list-control").first.is_hidden()  # no ticked box shows the answer
        assert page.locator("div.quiz .quiz-explain").first.is_hidden()
        assert page.locator(".sotay-viewbar").is_hidden()  # no dead buttons
        assert page.locator("details.solution").first.is_hidden()
        assert page.locator(".admonition.trainer").first.is_hidden()
        letters = page.evaluate(
            "() => getComputedStyle(document.querySelector('div.quiz li.task-list-item'), '::before').content")
        assert letters.startswith("counter("), letters  # options read A., B., C.
    _ok(watch)


# --------------------------------------------------------------------------
# The English training kit (docs/tap-huan/*.en.md)
# --------------------------------------------------------------------------

EN_SECTIONS = ["Content", "Exercises", "Role-play", "Self-check"]
EN_LESSON4 = "/en/tap-huan/bai-4-bien-ban-nghi-quyet/"


@pytest.fixture(scope="module")
def en_lessons(pages):
    return training.lessons(pages, "en")


def _vi_ui_strings() -> list[str]:
    """What the build or quiz.js writes on a Vietnamese training page and must not show on an English one."""
    t = training.L["vi"]
    out = {v for k, v in t.items() if isinstance(v, str) and k not in ("learner_hint", "print_hint")}
    out |= {h.title for h in training.DAY} | {i.title for h in training.DAY for i in h.items if isinstance(i, training.Slot)}
    out |= {"Đáp án", "Tự kiểm tra", "Chấm điểm", "Làm lại", "Kết quả", "Đang xem bản"}
    return sorted(out, key=len, reverse=True)


def test_every_lesson_and_training_page_has_its_english_page(pages):
    english = {p.base for p in pages if p.lang == "en"}
    for src in LESSON_FILES + REFERENCE_FILES + ["tap-huan/index.md"]:
        assert src in english, f"docs/{src[:-3]}.en.md missing"


def test_english_lessons_mirror_the_vietnamese(pages, lessons, en_lessons):
    assert [p.base for p in en_lessons] == [p.src for p in lessons]
    for vi, en in zip(lessons, en_lessons):
        assert not en.problems, [str(x) for x in en.problems]
        for key in ("order", "teaching", "exercises"):
            assert en.meta[key] == vi.meta[key], (en.src, key)
        for key in ("questions", "objectives", "keypoints"):
            assert len(en.meta[key]) == len(vi.meta[key]), (en.src, key)  # one English line per Vietnamese line
        found = [t for _n, t in model.headings(en, 2)]
        assert found == EN_SECTIONS, (en.src, found)
        assert len(model.headings(en, 3)) == len(model.headings(vi, 3)), en.src  # every exercise
        for kind, title in (("trainer", "Trainer notes"), ("solution", "Solution")):
            vi_blocks, en_blocks = training._blocks_of_type(vi, kind), training._blocks_of_type(en, kind)
            assert len(en_blocks) == len(vi_blocks), (en.src, kind)
            assert all(f'"{title}"' in b.text.split("\n")[0] for b in en_blocks), (en.src, kind)
        role = "\n".join(line for _n, line in model.section_text(en, "Role-play"))
        assert re.search(r"^\| Role \|", role, re.M) and "- [ ] " in role, en.src
        assert re.search(r"\*\*(?:Outline s|S)cript", role), f"{en.src}: no script"
        assert [(len(q.options), q.correct) for q in training.quizzes(en)[0]] == \
            [(len(q.options), q.correct) for q in training.quizzes(vi)[0]], en.src
    assert not training.problems(pages), [str(x) for x in training.problems(pages)]


def test_training_check_catches_a_moved_answer_in_a_translated_quiz(pages):
    en = next(p for p in pages if p.src == "tap-huan/bai-4-bien-ban-nghi-quyet.en.md")
    assert "    - [ ] 19\n    - [x] 18\n" in en.body
    moved = dataclasses.replace(en, body=en.body.replace("    - [ ] 19\n    - [x] 18\n", "    - [x] 19\n    - [ ] 18\n"))
    problems = training.problems([moved if p is en else p for p in pages])
    assert len(problems) == 1 and problems[0].path == en.where, [str(x) for x in problems]
    assert "câu 2" in problems[0].message and "đúng: B" in problems[0].message and "đúng: C" in problems[0].message
    # The English lessons fill the day too: a lesson made longer in English only is reported.
    longer = [dataclasses.replace(p, meta={**p.meta, "exercises": p.meta["exercises"] + 5})
              if p.src == "tap-huan/bai-2-chuan-bi-sinh-hoat.en.md" else p for p in pages]
    problems = training.problems(longer)
    assert any("bản en:" in x.message and "thừa 5 phút" in x.message for x in problems), [str(x) for x in problems]


def test_english_generated_pages_are_in_english(pages, en_lessons):
    by_src = {p.src: p for p in pages}
    vi_ui = _vi_ui_strings()
    sched = training.build_schedule(pages)
    for src in ("tap-huan/lich-tap-huan.en.md", "tap-huan/diem-chinh.en.md", "tap-huan/ghi-chu-giang-vien.en.md",
                "tap-huan/phieu-danh-gia.en.md"):
        page = by_src[src]
        md = training.page_markdown(page.body, page, pages)
        assert "sotay:" not in md and 'lang="vi"' not in md, src  # every lesson translated: nothing left in Vietnamese
        shown = re.sub(r"\(\*[^*]+\*\)", "", md)  # the Vietnamese terms in italics after their English
        for s in vi_ui:
            assert not re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", shown), (src, s)
        for p in en_lessons:
            assert f"## {p.meta['title']}" in md or f"| {p.meta['title']} |" in md or f"[{p.meta['title']}]" in md, (src, p.src)
    md = training.page_markdown(by_src["tap-huan/lich-tap-huan.en.md"].body, by_src["tap-huan/lich-tap-huan.en.md"], pages)
    for r in sched.rows:
        assert r.span in md
    assert "## Morning: 08:00–11:30 { #buoi-sang }" in md and "*Lunch break: 11:30–13:30*" in md
    assert "| 10:05–10:20 | *Break* | | |" in md and "| 16:45–17:00 | Course review" in md
    kp = by_src["tap-huan/diem-chinh.en.md"]
    md = training.page_markdown(kp.body, kp, pages)
    for p in en_lessons:
        for k in p.meta["keypoints"]:
            assert f"- {k}" in md
    notes = by_src["tap-huan/ghi-chu-giang-vien.en.md"]
    md = training.page_markdown(notes.body, notes, pages)
    assert md.count('!!! trainer "Answer key of the self-check quiz"') == len(en_lessons)
    for p in en_lessons:
        for b in training.trainer_blocks(p):
            assert b.text in md, (p.src, b.line)
    for p in en_lessons:
        md = training.page_markdown(p.body, p, pages)
        assert '>Trainer view</button>' in md and '>Print the learner handout</button>' in md
        assert '!!! abstract lesson-overview "Lesson overview"' in md and '!!! success lesson-keypoints "Key points"' in md


def _visible_text_en(doc: str) -> str:
    """The article's text a reader sees outside elements marked lang="vi" (Vietnamese terms and names are allowed there)."""
    body = doc[doc.index("<article"):doc.index("</article>")]
    body = re.sub(r"<(em|span|div|i)\b[^>]*\blang=\"vi\"[^>]*>.*?</\1>", " ", body, flags=re.S)
    # Hidden: the tags the section list keeps for filtering (render.page_list), not shown.
    body = re.sub(r"<(span)\b[^>]*\bhidden\b[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def test_built_english_training_pages_show_no_vietnamese_interface(training_site, en_lessons):
    vi_ui = _vi_ui_strings()
    pages_en = sorted((training_site / "en" / "tap-huan").glob("**/index.html"))
    assert len(pages_en) == 1 + len(LESSON_FILES) + len(REFERENCE_FILES)
    for f in pages_en:
        doc = f.read_text(encoding="utf-8")
        assert re.search(r'<html[^>]*\blang="en"', doc), f
        assert "sotay-fallback" not in doc, f"{f}: shown as 'Vietnamese only'"
        text = _visible_text_en(doc)
        for s in vi_ui:
            assert not re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text), (str(f), s)
    for p in en_lessons:
        doc = (training_site / "en" / p.base[:-3] / "index.html").read_text(encoding="utf-8")
        assert 'class="admonition abstract lesson-overview"' in doc and "data-sotay-viewbar hidden" in doc
        quiz = doc[doc.index('<div class="quiz">'):]
        assert quiz.count("disabled checked") == len(training.quizzes(p)[0])


@pytest.mark.browser
def test_english_quiz_grades_and_the_trainer_switch_works_in_english(ctx_factory, http_site):
    page, quiz, answers, watch = _quiz_on_a_phone(ctx_factory, http_site + EN_LESSON4,
                                                  "tap-huan/bai-4-bien-ban-nghi-quyet.en.md")
    assert answers == _expected_answers("tap-huan/bai-4-bien-ban-nghi-quyet.md")
    n = len(answers)
    toggle = page.locator("[data-sotay-view-toggle]")
    assert toggle.inner_text() == "Trainer view" and toggle.get_attribute("aria-pressed") == "false"
    assert page.locator("[data-sotay-print-handout]").inner_text() == "Print the learner handout"
    assert page.locator(".sotay-view-state").inner_text() == "Learner view."
    s = page.evaluate(JS_STATE)
    assert s["solutions"] >= 3 and s["solutionsShown"] == 0 and s["trainerShown"] == 0 and s["keyShown"] == 0
    assert "Trainer notes" not in s["text"] and "Solution" not in s["text"]
    assert "Counting votes against the right total" in s["text"]
    # Right answers except the last.
    questions = quiz.locator("li.quiz-question")
    assert questions.count() == n
    for i, right in enumerate(answers):
        options = questions.nth(i).locator("li.quiz-option")
        choice = right if i < n - 1 else (right + 1) % options.count()
        options.nth(choice).locator("label").tap()
    score = quiz.locator("button.quiz-score")
    assert score.inner_text() == "Check answers"
    score.tap()
    result = quiz.locator(".quiz-result").inner_text()
    assert result == f"Score: {n - 1}/{n} correct.", result
    last = questions.nth(n - 1)
    assert "quiz-wrong" in last.get_attribute("class")
    assert last.locator(".quiz-feedback").inner_text() == f"Not quite. Correct answer: {training.LETTERS[answers[-1]]}."
    assert questions.nth(0).locator(".quiz-feedback").inner_text() == "Correct."
    reset = quiz.locator("button.quiz-reset")
    assert reset.inner_text() == "Try again"
    reset.tap()
    for i, right in enumerate(answers):
        questions.nth(i).locator("li.quiz-option").nth(right).locator("label").tap()
    score.tap()
    assert quiz.locator(".quiz-result").inner_text() == f"Score: {n}/{n} correct. Well done!"
    # The trainer view, in English.
    toggle.tap()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.locator(".sotay-view-state").inner_text() == "Trainer view: solutions and trainer notes are shown."
    s = page.evaluate(JS_STATE)
    assert s["trainerClass"] and s["solutionsShown"] == s["solutions"] and s["trainerShown"] == s["trainer"]
    assert s["keyShown"] == n and "Trainer notes" in s["text"] and "Solution" in s["text"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _ok(watch)


@pytest.mark.browser
@pytest.mark.skipif(not (ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js").exists(),
                    reason="axe-core not installed (npm ci --prefix tests/js)")
def test_english_training_pages_pass_axe_in_both_views(ctx_factory, http_site):
    axe = (ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    ctx, watch = ctx_factory()
    page = ctx.new_page()
    paths = ["/en/tap-huan/"] + [f"/en/{src[:-3]}/" for src in LESSON_FILES + REFERENCE_FILES]
    problems = []
    for view in ("hoc-vien", "giang-vien"):
        for path in paths:
            page.goto(f"{http_site}{path}?view={view}", wait_until="load")
            page.add_script_tag(content=axe)
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".filter(v => ['serious', 'critical'].includes(v.impact))"
                ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))")
            problems += [f"{path}?view={view}: {x}" for x in found]
    assert not problems, "\n".join(problems)
    _ok(watch)
