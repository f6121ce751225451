"""The workshop kit (tập huấn), generated from the lessons' own data.

Plain Python, no MkDocs: the hook ``overrides/hooks/training.py`` passes the
pages in (loaded once by :func:`sotay.model.load_pages`) and the tests call the
same functions. Lessons are pages of type ``lesson`` in ``tap-huan/``; their
front matter (``order``, ``teaching``, ``exercises``, ``questions``,
``objectives``, ``keypoints``) is read from the :class:`~sotay.model.Page`
objects, never parsed again here.

What this module makes:

- the frame of a lesson page (Carpentries style): an overview box with the
  timings, questions and objectives at the top, the key points at the end, and
  the view bar (trainer/learner switch, "print the learner handout" button);
- ``<!-- sotay:schedule start=08:00 -->``: the day's timetable with clock
  times, from the lessons' minutes and the fixed items in :data:`DAY`;
- ``<!-- sotay:keypoints -->``: every lesson's key points on one page;
- ``<!-- sotay:trainer-notes -->``: every lesson's trainer blocks and quiz
  answer keys on one page.

Markdown conventions of the training pages (see docs/tap-huan/ and
CONTRIBUTING):

- trainer notes: ``!!! trainer "Ghi chú cho giảng viên"`` (or ``??? trainer``);
- solutions: ``??? solution "Đáp án"``;
- a quiz: ``<div class="quiz" markdown>`` holding an ordered list of
  questions, each with a task list of options; ``- [x]`` marks the correct
  option, ``- [ ]`` the others; an optional paragraph followed by
  ``{ .quiz-explain }`` explains the answer.

Shown only in the trainer view (``<html class="sotay-view-trainer">``, set by
docs/assets/javascripts/quiz.js): trainer blocks, solutions and the quiz key.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace

from .model import DEFAULT_LANG, LANGS, Page, Problem, base_name
from .text import slugify

SECTION = "tap-huan"

# --------------------------------------------------------------------------
# The day: fixed items defined once; lessons come in by their `order`
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A fixed item of the programme (opening, break, review, closing)."""

    title: str
    minutes: int
    kind: str = "other"  # "break" for breaks; "other" for plenary items


@dataclass(frozen=True)
class HalfDay:
    title: str
    start: str  # "08:00"
    end: str    # "11:30": the lessons and slots must fill start..end exactly
    items: tuple  # Slot, or int = the `order` of a lesson


BREAK = Slot("Giải lao", 15, "break")

# A one-day course in two half-days. Each half can also run on its own day:
# the afternoon opens with a short review that doubles as its opening.
DAY: tuple[HalfDay, ...] = (
    HalfDay("Buổi sáng", "08:00", "11:30", (
        Slot("Khai mạc: làm quen, mục tiêu và cách học của lớp", 15),
        1,
        2,
        BREAK,
        3,
    )),
    HalfDay("Buổi chiều", "13:30", "17:00", (
        Slot("Ôn nhanh buổi sáng, giải đáp thắc mắc", 10),
        4,
        BREAK,
        5,
        6,
        Slot("Tổng kết lớp, điền phiếu đánh giá, bế giảng", 15),
    )),
)

# Labels of the generated text, by language of the page's text.
L = {
    "vi": {
        "overview": "Tổng quan bài học",
        "time": "Thời lượng",
        "teaching": "giảng",
        "exercises": "bài tập, thực hành",
        "min": "phút",
        "questions": "Câu hỏi của bài",
        "objectives": "Sau bài này, học viên",
        "keypoints": "Điểm chính",
        "clock": "Giờ",
        "item": "Nội dung",
        "teach_col": "Giảng",
        "ex_col": "Bài tập",
        "total": "Cộng",
        "lunch": "Nghỉ trưa",
        "open": "Mở bài học",
        "section": "Mục",
        "quiz_key": "Đáp án phần Tự kiểm tra",
        "question": "Câu",
        "notes_title": "Ghi chú cho giảng viên",
        "learner_hint": ("Các ghi chú trên trang này chỉ hiện ở **chế độ giảng viên**. Bấm nút “Chế độ giảng viên” "
                         "ở đầu trang, hoặc mở trang với địa chỉ có thêm `?view=giang-vien`."),
        "view_group": "Chế độ xem của trang tập huấn",
        "view_toggle": "Chế độ giảng viên",
        "print": "In tài liệu học viên",
        "print_hint": "Bản in học viên không có đáp án, ghi chú giảng viên và đáp án tự kiểm tra.",
        "no_lessons": "Chưa có bài học nào (trang loại lesson trong tap-huan/).",
        "lesson": "Bài học",
        "useful": "Hữu ích (1–5)",
        "length": "Thời lượng",
        "length_boxes": "☐ Ít ☐ Vừa ☐ Nhiều",
        "day": {},  # the titles of DAY are written in Vietnamese
    },
    "en": {
        "overview": "Lesson overview",
        "time": "Time",
        "teaching": "teaching",
        "exercises": "exercises",
        "min": "min",
        "questions": "Questions",
        "objectives": "After this lesson, learners can",
        "keypoints": "Key points",
        "clock": "Time",
        "item": "Item",
        "teach_col": "Teaching",
        "ex_col": "Exercises",
        "total": "Total",
        "lunch": "Lunch break",
        "open": "Open the lesson",
        "section": "Section",
        "quiz_key": "Answer key of the self-check quiz",
        "question": "Question",
        "notes_title": "Trainer notes",
        "learner_hint": ("The notes on this page show only in the **trainer view**. Press “Trainer view” at the top "
                         "of the page, or open the page with `?view=giang-vien` added to its address."),
        "view_group": "View of the training page",
        "view_toggle": "Trainer view",
        "print": "Print the learner handout",
        "print_hint": "The learner handout leaves out solutions, trainer notes and the quiz answer key.",
        "no_lessons": "No lessons yet (pages of type lesson in tap-huan/).",
        "lesson": "Lesson",
        "useful": "Useful (1–5)",
        "length": "Length",
        "length_boxes": "☐\u00a0Short ☐\u00a0Right ☐\u00a0Long",  # no break between a box and its word
        # The half-days and fixed slots of DAY, by their Vietnamese title.
        "day": {
            "Buổi sáng": "Morning",
            "Buổi chiều": "Afternoon",
            "Giải lao": "Break",
            "Khai mạc: làm quen, mục tiêu và cách học của lớp": "Opening: introductions, aims and how the course works",
            "Ôn nhanh buổi sáng, giải đáp thắc mắc": "Quick review of the morning, questions",
            "Tổng kết lớp, điền phiếu đánh giá, bế giảng": "Course review, evaluation forms, closing",
        },
    },
}


def _t(lang: str) -> dict:
    return L.get(lang, L["vi"])


def _vi(text: str, lang: str, block: bool = False) -> str:
    """Vietnamese text on a page in another language: marked lang="vi" for screen readers."""
    if lang == "vi":
        return text
    return f'<div lang="vi" markdown>\n\n{text}\n\n</div>' if block else f'<span lang="vi">{text}</span>'


def _day_title(title: str, lang: str) -> str:
    """A half-day's or fixed slot's title (DAY) in the page's language."""
    return title if lang == "vi" else _t(lang)["day"].get(title) or _vi(title, lang)


def _shown(lesson: Page, pages: list[Page], lang: str) -> Page:
    """The lesson as a page in ``lang`` shows it: its translation when there is one."""
    if lang == lesson.lang:
        return lesson
    return next((p for p in pages if p.lang == lang and p.base == lesson.src), lesson)


def _title(lesson: Page, pages: list[Page], lang: str) -> str:
    shown = _shown(lesson, pages, lang)
    title = str(shown.meta.get("title", lesson.src))
    return title if shown.lang == lang else _vi(title, lang)


# --------------------------------------------------------------------------
# Lessons and the timetable
# --------------------------------------------------------------------------


def lessons(pages: list[Page], lang: str = "vi") -> list[Page]:
    """The lessons (type lesson, in tap-huan/) of one language, by `order`."""
    items = [p for p in pages if p.type == "lesson" and p.section == SECTION and p.lang == lang]
    return sorted(items, key=lambda p: (_int(p.meta.get("order"), 999), p.src))


def _int(v, default: int = 0) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) else default


def minutes(lesson: Page) -> int:
    """Teaching plus exercises, in minutes."""
    return _int(lesson.meta.get("teaching")) + _int(lesson.meta.get("exercises"))


def parse_clock(s: str) -> int:
    """'08:00' -> minutes after midnight."""
    m = re.fullmatch(r"([01]?\d|2[0-3])[:h]([0-5]\d)", s.strip())
    if not m:
        raise ValueError(f"giờ '{s}' không hợp lệ, viết dạng 08:00")
    return int(m.group(1)) * 60 + int(m.group(2))


def clock(mins: int) -> str:
    return f"{mins // 60:02d}:{mins % 60:02d}"


@dataclass
class Row:
    half: HalfDay
    start: int           # minutes after midnight
    end: int
    title: str
    kind: str            # "lesson", "break", "other"
    lesson: Page | None = None

    @property
    def span(self) -> str:
        return f"{clock(self.start)}–{clock(self.end)}"


@dataclass
class Schedule:
    halves: list[tuple[HalfDay, int, int, list[Row]]]  # (half, start, planned end, rows)
    problems: list[Problem]

    @property
    def rows(self) -> list[Row]:
        return [r for _h, _s, _e, rows in self.halves for r in rows]

    def lesson_row(self, order: int) -> Row | None:
        for r in self.rows:
            if r.lesson is not None and r.lesson.meta.get("order") == order:
                return r
        return None


def build_schedule(pages: list[Page], start: str | None = None, afternoon: str | None = None,
                   day: tuple[HalfDay, ...] = DAY, lang: str = DEFAULT_LANG) -> Schedule:
    """Clock times of the day from the lessons' minutes and the fixed slots.

    ``start`` moves the first half-day, ``afternoon`` the second; each half
    keeps its planned length (its ``end`` minus its ``start`` in ``day``).
    ``lang`` picks the lessons (the Vietnamese ones by default; the English
    schedule is the same day, its lessons copy ``teaching`` and ``exercises``).
    Problems: a lesson missing or left out of the day, two lessons with the
    same order, a half-day that does not fill its planned time exactly.
    """
    problems: list[Problem] = []
    by_order: dict[int, Page] = {}
    for p in lessons(pages, lang):
        o = p.meta.get("order")
        if not isinstance(o, int):
            problems.append(Problem(p.where, p.line_of("order") if "order" in p.meta else 2,
                                    "bài học không có 'order' nên không xếp được vào lịch tập huấn",
                                    "thêm 'order: N' (số thứ tự của bài trong ngày)", check="training"))
            continue
        if o in by_order:
            problems.append(Problem(p.where, p.line_of("order"), f"hai bài học cùng 'order: {o}' ({by_order[o].src})",
                                    "đặt số thứ tự khác nhau", check="training"))
            continue
        by_order[o] = p
    used: set[int] = set()
    halves = []
    overrides = [start, afternoon]
    for i, half in enumerate(day):
        planned = parse_clock(half.end) - parse_clock(half.start)
        t0 = parse_clock(overrides[i]) if i < len(overrides) and overrides[i] else parse_clock(half.start)
        t, rows = t0, []
        for item in half.items:
            if isinstance(item, Slot):
                rows.append(Row(half, t, t + item.minutes, item.title, item.kind))
                t += item.minutes
                continue
            lesson = by_order.get(item)
            used.add(item)
            if lesson is None:
                problems.append(Problem("scripts/sotay/training.py", None,
                                        f"lịch tập huấn ({half.title}) cần bài có 'order: {item}' nhưng không có bài nào",
                                        "viết bài học đó trong docs/tap-huan/ hoặc sửa DAY trong training.py",
                                        check="training"))
                continue
            m = minutes(lesson)
            rows.append(Row(half, t, t + m, str(lesson.meta.get("title", lesson.src)), "lesson", lesson))
            t += m
        if t - t0 != planned:
            diff = t - t0 - planned
            problems.append(Problem("scripts/sotay/training.py", None,
                                    f"{half.title}: các bài và giờ nghỉ cộng lại {t - t0} phút, nhưng buổi "
                                    f"{half.start}–{half.end} có {planned} phút ({'thừa' if diff > 0 else 'thiếu'} {abs(diff)} phút)",
                                    "sửa 'teaching'/'exercises' của các bài trong buổi, hoặc giờ nghỉ trong DAY",
                                    check="training"))
        halves.append((half, t0, t0 + planned, rows))
    for o, p in sorted(by_order.items()):
        if o not in used:
            problems.append(Problem(p.where, p.line_of("order"), f"bài học 'order: {o}' không có trong lịch tập huấn",
                                    "thêm số thứ tự này vào DAY trong scripts/sotay/training.py", check="training"))
    return Schedule(halves, problems)


def problems(pages: list[Page]) -> list[Problem]:
    """Everything wrong with the training kit as data (for the hook and `sotay check`).

    Every language: the lessons' minutes and quizzes. A translation's schedule once
    every lesson is translated (a missing translation is the `translations` check's),
    and its quizzes against the original's answer key.
    """
    out = list(build_schedule(pages).problems)
    originals = {p.src: p for p in lessons(pages)}
    for lang in LANGS:
        items = lessons(pages, lang)
        if lang != DEFAULT_LANG and items and {p.base for p in items} >= set(originals):
            out += [replace(x, message=f"bản {lang}: {x.message}") for x in build_schedule(pages, lang=lang).problems]
        for p in items:
            for key in ("teaching", "exercises"):
                v = p.meta.get(key)
                if isinstance(v, int) and v <= 0:
                    out.append(Problem(p.where, p.line_of(key), f"'{key}' phải lớn hơn 0", "ghi số phút", check="training"))
            for n, problem in quiz_problems(p):
                out.append(Problem(p.where, n, problem, "xem quy ước câu hỏi tự kiểm tra ở đầu scripts/sotay/training.py",
                                   check="training"))
            if lang != DEFAULT_LANG and p.base in originals:
                out += quiz_key_problems(originals[p.base], p)
    return out


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------


def link(from_src: str, to_src: str, anchor: str = "") -> str:
    start = posixpath.dirname(base_name(from_src))
    target = posixpath.relpath(base_name(to_src), start or ".")
    return target + (f"#{anchor}" if anchor else "")


def _rebase_local_anchors(text: str, from_src: str, to_src: str) -> str:
    """Links to '#anchor' in a lesson point at the lesson when its text is copied to another page.

    Other relative links are kept as written: every training page lives in tap-huan/.
    """
    target = link(to_src, from_src)
    return re.sub(r"\]\(#", f"]({target}#", text)


# --------------------------------------------------------------------------
# Schedule Markdown
# --------------------------------------------------------------------------


def schedule_markdown(page: Page, pages: list[Page], start: str | None = None, afternoon: str | None = None,
                      lang: str = "vi") -> str:
    t = _t(lang)
    sched = build_schedule(pages, start, afternoon)
    if not lessons(pages):
        return t["no_lessons"] + "\n"
    out = []
    prev_end = None
    for half, t0, t1, rows in sched.halves:
        if prev_end is not None and t0 > prev_end:
            out.append(f"*{t['lunch']}: {clock(prev_end)}–{clock(t0)}*\n")
        out.append(f"## {_day_title(half.title, lang)}: {clock(t0)}–{clock(t1)} {{ #{slugify(half.title)} }}\n")
        lines = [f"| {t['clock']} | {t['item']} | {t['teach_col']} | {t['ex_col']} |", "|---|---|---:|---:|"]
        teach = ex = 0
        for r in rows:
            if r.lesson is not None:
                tm, em = _int(r.lesson.meta.get("teaching")), _int(r.lesson.meta.get("exercises"))
                teach, ex = teach + tm, ex + em
                lines.append(f"| {r.span} | [{_title(r.lesson, pages, lang)}]({link(page.src, r.lesson.src)}) | {tm} | {em} |")
            elif r.kind == "break":
                lines.append(f"| {r.span} | *{_day_title(r.title, lang)}* | | |")
            else:
                lines.append(f"| {r.span} | {_day_title(r.title, lang)} | | |")
        lines.append(f"| | **{t['total']}: {rows[-1].end - rows[0].start if rows else 0} {t['min']}** | **{teach}** | **{ex}** |")
        out.append("\n".join(lines) + "\n")
        prev_end = t1
    return "\n".join(out)


# --------------------------------------------------------------------------
# Trainer blocks, quizzes
# --------------------------------------------------------------------------

BLOCK_START = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>!!!|\?\?\?\+?)[ \t]+(?P<types>[\w -]*?)(?:[ \t]+\"(?P<title>[^\"]*)\")?[ \t]*$")
HEADING = re.compile(r"^(#{2,4}) (.*?)\s*(?:\{[^}]*\})?\s*$")


@dataclass
class Block:
    lesson: Page
    line: int            # line of the opening '!!! trainer'
    where: list[str]     # headings above it (## and ###)
    title: str
    text: str            # the block's own Markdown, as written (dedented to column 0)


def _blocks_of_type(page: Page, kind: str) -> list[Block]:
    out: list[Block] = []
    lines = list(page.body_lines())
    heads: dict[int, str] = {}
    i, in_code = 0, False
    while i < len(lines):
        n, line = lines[i]
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            i += 1
            continue
        h = HEADING.match(line)
        if h:
            level = len(h.group(1))
            heads = {k: v for k, v in heads.items() if k < level}
            heads[level] = h.group(2)
        m = BLOCK_START.match(line)
        if m and kind in m.group("types").split():
            indent = len(m.group("indent").expandtabs(4))
            body, j = [], i + 1
            while j < len(lines):
                text = lines[j][1]
                if text.strip() and len(text) - len(text.lstrip(" ")) < indent + 4:
                    break
                body.append(text)
                j += 1
            while body and not body[-1].strip():
                body.pop()
            dedented = [b[indent:] if b.strip() else "" for b in body]
            block_text = "\n".join([line[indent:]] + dedented)
            out.append(Block(page, n, [heads[k] for k in sorted(heads)], m.group("title") or "", block_text))
            i = j
            continue
        i += 1
    return out


def trainer_blocks(page: Page) -> list[Block]:
    """The ``!!! trainer`` / ``??? trainer`` blocks of a page, in order, with where they sit."""
    return _blocks_of_type(page, "trainer")


def solution_blocks(page: Page) -> list[Block]:
    return _blocks_of_type(page, "solution")


@dataclass
class Question:
    line: int
    text: str
    options: list[tuple[str, bool]]  # (text, correct)

    @property
    def correct(self) -> list[int]:
        return [i for i, (_t, ok) in enumerate(self.options) if ok]


QUESTION = re.compile(r"^(\d+)\.\s+(.*)$")
OPTION = re.compile(r"^\s+- \[([ xX])\]\s+(.*)$")
QUIZ_OPEN = re.compile(r'^<div\b[^>]*\bclass="[^"]*\bquiz\b[^"]*"[^>]*>')


def quizzes(page: Page) -> list[list[Question]]:
    """The quizzes of a page: ``<div class="quiz" markdown>`` blocks, each a list of questions."""
    out: list[list[Question]] = []
    cur: list[Question] | None = None
    for n, line in page.body_lines():
        if cur is None:
            if QUIZ_OPEN.match(line.strip()):
                cur = []
            continue
        if line.strip().startswith("</div>"):
            out.append(cur)
            cur = None
            continue
        q = QUESTION.match(line)
        if q:
            cur.append(Question(n, q.group(2).strip(), []))
            continue
        o = OPTION.match(line)
        if o and cur:
            cur[-1].options.append((o.group(2).strip(), o.group(1) != " "))
    if cur is not None:
        out.append(cur)
    return out


def quiz_problems(page: Page) -> list[tuple[int, str]]:
    out = []
    for quiz in quizzes(page):
        for q in quiz:
            if len(q.options) < 2:
                out.append((q.line, f"câu hỏi tự kiểm tra '{q.text[:40]}' cần ít nhất 2 phương án '- [ ] …'"))
            elif not q.correct:
                out.append((q.line, f"câu hỏi tự kiểm tra '{q.text[:40]}' chưa đánh dấu phương án đúng bằng '- [x]'"))
    return out


def quiz_key_problems(original: Page, translation: Page) -> list[Problem]:
    """A translated quiz must ask as many questions, with as many options, and mark the same ones right."""
    def shape(page: Page) -> list[tuple[int, tuple[int, ...]]]:
        return [(len(q.options), tuple(q.correct)) for quiz in quizzes(page) for q in quiz]

    a, b = shape(original), shape(translation)
    if a == b:
        return []
    questions = [q for quiz in quizzes(translation) for q in quiz]
    if len(a) != len(b):
        return [Problem(translation.where, questions[0].line if questions else None,
                        f"phần tự kiểm tra có {len(b)} câu, bản gốc {original.where} có {len(a)} câu",
                        "dịch đủ các câu hỏi của bản gốc, đúng thứ tự", check="training")]

    def said(n: int, key: tuple[int, ...]) -> str:
        return f"{n} phương án, đúng: {', '.join(LETTERS[x] for x in key) or '—'}"

    out = []
    for i, ((na, ka), (nb, kb), q) in enumerate(zip(a, b, questions), 1):
        if (na, ka) != (nb, kb):
            out.append(Problem(translation.where, q.line,
                               f"câu {i} của phần tự kiểm tra: bản dịch {said(nb, kb)}; bản gốc {original.where} {said(na, ka)}",
                               "giữ đúng thứ tự các phương án và đánh dấu '- [x]' đúng phương án của bản gốc",
                               check="training"))
    return out


LETTERS = "ABCDEFGH"


def quiz_key_markdown(page: Page, lang: str = "vi") -> str:
    t = _t(lang)
    lines = []
    num = 0
    for quiz in quizzes(page):
        for q in quiz:
            num += 1
            right = ", ".join(f"{LETTERS[i]}. {q.options[i][0]}" for i in q.correct)
            lines.append(f"{num}. {q.text} — **{right}**")
    if not lines:
        return ""
    body = "\n".join("    " + x for x in lines)
    return f'!!! trainer "{t["quiz_key"]}"\n\n{body}\n'


# --------------------------------------------------------------------------
# Generated pages
# --------------------------------------------------------------------------


def _lesson_head(page: Page, p: Page, sched, t: dict, pages: list[Page], lang: str) -> list[str]:
    """A lesson's heading and its line (link, minutes, place in the schedule) on a generated page."""
    row = sched.lesson_row(p.meta.get("order"))
    when = f" · {row.span}" if row else ""
    return [f"## {_title(p, pages, lang)}\n",
            f"[{t['open']}]({link(page.src, p.src)}) · {t['teaching']} {_int(p.meta.get('teaching'))} {t['min']}, "
            f"{t['exercises']} {_int(p.meta.get('exercises'))} {t['min']}{when}\n"]


def keypoints_markdown(page: Page, pages: list[Page], lang: str = "vi") -> str:
    t = _t(lang)
    items = lessons(pages)
    if not items:
        return t["no_lessons"] + "\n"
    sched = build_schedule(pages)
    out = []
    for p in items:
        out += _lesson_head(page, p, sched, t, pages, lang)
        shown = _shown(p, pages, lang)
        keys = "\n".join(f"- {k}" for k in shown.meta.get("keypoints") or []) + "\n"
        out.append(keys if shown.lang == lang else _vi(keys, lang, block=True) + "\n")
    return "\n".join(out)


def trainer_notes_markdown(page: Page, pages: list[Page], lang: str = "vi") -> str:
    t = _t(lang)
    items = lessons(pages)
    if not items:
        return t["no_lessons"] + "\n"
    sched = build_schedule(pages)
    # An on-screen instruction ("Bấm nút …"): never printed (sotay-screen-only).
    out = [f'<div class="sotay-learner-only sotay-screen-only" markdown>\n\n!!! info ""\n\n    {t["learner_hint"]}\n\n</div>\n']
    for p in items:
        out += _lesson_head(page, p, sched, t, pages, lang)
        shown = _shown(p, pages, lang)
        notes, last_where = [], None
        for b in trainer_blocks(shown):
            where = " › ".join(b.where[:2]) if b.where else ""
            if where and where != last_where:
                notes.append(f"**{t['section']}: {where}**\n")
                last_where = where
            notes.append(_rebase_local_anchors(b.text, shown.src, page.src) + "\n")
        key = quiz_key_markdown(shown, shown.lang)
        if key:
            notes.append(key)
        if notes and shown.lang != lang:  # not translated yet: the Vietnamese notes, marked
            notes = [_vi("\n".join(notes), lang, block=True) + "\n"]
        out += notes
    return "\n".join(out)


def lesson_ratings_markdown(pages: list[Page], lang: str = "vi") -> str:
    """Rows of the evaluation form, one per lesson: usefulness 1–5 and length."""
    t = _t(lang)
    items = lessons(pages)
    if not items:
        return t["no_lessons"] + "\n"
    head = f"| {t['lesson']} | {t['useful']} | {t['length']} |\n|---|:-:|:-:|\n"
    boxes = " ".join(f"☐{i}" for i in range(1, 6))
    rows = [f"| {_title(p, pages, lang)} | {boxes} | {t['length_boxes']} |" for p in items]
    return head + "\n".join(rows) + "\n"


def viewbar_html(lang: str = "vi", handout: bool = True) -> str:
    """The trainer/learner switch and, on lessons, the handout print button.

    Hidden until quiz.js makes it live, so a page without JavaScript shows no dead buttons.
    """
    t = _t(lang)
    printer = (f' <button type="button" class="md-button sotay-print-handout" data-sotay-print-handout '
               f'title="{t["print_hint"]}">{t["print"]}</button>') if handout else ""
    return (
        f'<div class="sotay-viewbar" data-sotay-viewbar hidden role="group" aria-label="{t["view_group"]}">'
        f'<button type="button" class="md-button sotay-view-toggle" data-sotay-view-toggle aria-pressed="false">'
        f'{t["view_toggle"]}</button>{printer}'
        f'</div>\n\n'
    )


def lesson_overview(page: Page, lang: str = "vi") -> str:
    t = _t(lang)
    m = page.meta
    lines = [f'!!! abstract lesson-overview "{t["overview"]}"', "",
             f"    **{t['time']}:** {t['teaching']} {_int(m.get('teaching'))} {t['min']} · "
             f"{t['exercises']} {_int(m.get('exercises'))} {t['min']}", ""]
    lines += [f"    **{t['questions']}**", ""] + [f"    - {q}" for q in m.get("questions") or []] + [""]
    lines += [f"    **{t['objectives']}**", ""] + [f"    - {o}" for o in m.get("objectives") or []]
    return "\n".join(lines) + "\n\n"


def lesson_keypoints(page: Page, lang: str = "vi") -> str:
    t = _t(lang)
    items = page.meta.get("keypoints") or []
    if not items:
        return ""
    return f'\n\n!!! success lesson-keypoints "{t["keypoints"]}"\n\n' + "\n".join(f"    - {k}" for k in items) + "\n"


# --------------------------------------------------------------------------
# What the build does to a page
# --------------------------------------------------------------------------

MARKER = re.compile(r"^<!--\s*sotay:(schedule|keypoints|trainer-notes|lesson-ratings)((?:\s+[a-z_]+=[\w:.-]+)*)\s*-->\s*$", re.M)


def _args(s: str) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in s.split())


def expand_markers(markdown: str, page: Page, pages: list[Page], lang: str = "vi") -> str:
    def sub(m: re.Match) -> str:
        kind, args = m.group(1), _args(m.group(2))
        if kind == "schedule":
            return schedule_markdown(page, pages, args.get("start"), args.get("afternoon"), lang)
        if kind == "keypoints":
            return keypoints_markdown(page, pages, lang)
        if kind == "trainer-notes":
            return trainer_notes_markdown(page, pages, lang)
        if kind == "lesson-ratings":
            return lesson_ratings_markdown(pages, lang)
        return m.group(0)

    return MARKER.sub(sub, markdown)


def has_trainer_content(markdown: str) -> bool:
    return bool(re.search(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w -]*\b(?:trainer|solution)\b", markdown, re.M)) \
        or 'class="quiz' in markdown


def page_markdown(markdown: str, page: Page, pages: list[Page]) -> str:
    """The training additions to one page's Markdown (before the basis line and block are added)."""
    if page.section != SECTION:
        return markdown
    lang = page.lang
    out = expand_markers(markdown, page, pages, lang)
    if page.type == "lesson":
        out = viewbar_html(lang) + lesson_overview(page, lang) + out.lstrip("\n") + lesson_keypoints(page, lang)
    elif has_trainer_content(out):
        out = viewbar_html(lang, handout=False) + out
    return out
