"""The tools (docs/cong-cu/): "Buổi sinh hoạt tháng này", "Kế hoạch sinh hoạt cả năm",
"Máy tính biểu quyết".

The rules they apply live in two data files, loaded and checked here
(``python -m sotay check tools``, with file and line like the rest of the content model):

* ``data/meeting-rules.yml`` — kinds of meeting, the preparation steps and their
  timing, the packet of forms, the year plan;
* ``data/voting-rules.yml`` — who counts in the vote base, the threshold of each
  kind of decision, and what the handbook could not verify (the reader is told to
  ask the upper-level committee, never given a guess).

Every rule names its sources (ids in ``data/sources.yml``). A page holds a marker
``<!-- sotay:tool name=thang-nay -->`` (``ke-hoach-nam``, ``may-tinh-bieu-quyet``);
:func:`tool_markdown` turns it into the tool's part of the page: HTML that reads
without JavaScript (steps, packet, rules table) and the rules as inline JSON for
``docs/assets/javascripts/tools.js``, which holds no number and no sentence of its
own: its words come from :data:`STRINGS` (the one string table of the tools, both
languages), its numbers from the data files.
"""

from .strings import (  # noqa: F401
    STRINGS, strings,
)
from .rules import (  # noqa: F401
    MEETING_FILE, VOTING_FILE, CHECK, TOOLS, _TEXT, _OPT, SOURCES, MEETING_SCHEMA,
    VOTING_SCHEMA, TIMINGS, ROLES, OPS, STATUSES, Rules, _line_map, _read, _validate,
    _check_sources, page_anchors, _guide_target, _form_pages, load_meeting_rules, load_voting_rules,
    problems, _cached, rules,
)
from .pages import (  # noqa: F401
    page_url, href, _e, _t, _basis_html, _json, _data_script, fraction_words, _offset_words,
    DOC_OPEN, document_markdown, tool_markdown, _forms_by_name, _noscript, month_markdown,
    vote_markdown,
)
from .plan import (  # noqa: F401
    PLAN_FORM, PLAN_LABELS, plan_docx_name, plan_months, _plan_cell, plan_document, plan_page,
    plan_docx_files, plan_markdown,
)
