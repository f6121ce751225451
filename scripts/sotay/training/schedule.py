"""The training kit's day and timetable: the fixed slots, the lessons in their order, the generated text's labels, and the kit's problems."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from ..model import DEFAULT_LANG, LANGS, Page, Problem
from ..strings import table as string_table


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
L = string_table("training")  # sotay.strings


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


# Names from the modules after this one (imported last: no import cycle at load time).
from .pages import quiz_key_problems, quiz_problems  # noqa: E402
