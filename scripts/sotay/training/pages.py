"""What the training kit adds to pages: links, the schedule, trainer blocks and quizzes, the key points and trainer notes pages, the markers a page holds."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from .. import markers
from ..model import Page, Problem, base_name
from ..text import slugify
from .schedule import SECTION, _day_title, _int, _shown, _t, _title, _vi, build_schedule, clock, lessons


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

def expand_markers(markdown: str, page: Page, pages: list[Page], lang: str = "vi") -> str:
    """The training kit's markers (sotay.markers.KINDS: schedule, keypoints, trainer-notes, lesson-ratings)."""
    return markers.expand(markdown, {
        "schedule": lambda a: schedule_markdown(page, pages, a.get("start"), a.get("afternoon"), lang),
        "keypoints": lambda a: keypoints_markdown(page, pages, lang),
        "trainer-notes": lambda a: trainer_notes_markdown(page, pages, lang),
        "lesson-ratings": lambda a: lesson_ratings_markdown(pages, lang),
    })


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
