"""The workshop kit (tập huấn), generated from the lessons' own data.

Plain Python, no MkDocs: the page pipeline (:mod:`sotay.pipeline`) passes the
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

from .schedule import (  # noqa: F401
    SECTION, Slot, HalfDay, BREAK, DAY, L, _t, _vi, _day_title, _shown, _title, lessons, _int,
    minutes, parse_clock, clock, Row, Schedule, build_schedule, problems,
)
from .pages import (  # noqa: F401
    link, _rebase_local_anchors, schedule_markdown, BLOCK_START, HEADING, Block, _blocks_of_type,
    trainer_blocks, solution_blocks, Question, QUESTION, OPTION, QUIZ_OPEN, quizzes, quiz_problems,
    quiz_key_problems, LETTERS, quiz_key_markdown, _lesson_head, keypoints_markdown,
    trainer_notes_markdown, lesson_ratings_markdown, viewbar_html, lesson_overview,
    lesson_keypoints, expand_markers, has_trainer_content, page_markdown,
)
