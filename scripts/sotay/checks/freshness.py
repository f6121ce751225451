"""Freshness: pages past their review date (as GOV.UK does for its guidance).

- a page whose ``reviewed`` + ``review_in`` months (model.review_due) is before today
  is listed as a warning — an error with ``--strict``; the page itself shows a
  "quá hạn rà soát" box (render.basis_block);
- a page reviewed before one of its sources was issued cannot have been checked
  against it (error: the date was copied, not checked);
- pages citing a document that is expected to change (registry ``expected_change``)
  or a pilot must be reviewed within CHANGING_REVIEW months (6).
"""
from __future__ import annotations

import datetime as dt

from .. import model
from ..render import fmt_date

# Pages citing a document expected to change (its `expected_change` in data/sources.yml,
# e.g. 294-QĐ/TW: amendments announced for 2026) or a pilot (03-HD/TW) are reviewed at
# least this often.
CHANGING_REVIEW = 6


def _p(page, line, message, fix="", severity="error"):
    return model.Problem(page.where, line, message, fix, severity=severity, check="freshness")


def check(ctx) -> list:
    out = []
    today = ctx.today
    for page in ctx.pages:
        reviewed, months = page.meta.get("reviewed"), page.meta.get("review_in")
        if isinstance(reviewed, dt.datetime):
            continue  # a date with a time: reported by `frontmatter`
        due = model.review_due(page)
        if due is None:
            continue  # missing or malformed dates are reported by `frontmatter`
        if due < today:
            late = (today - due).days
            out.append(_p(page, page.line_of("reviewed"),
                          f"trang quá hạn rà soát: rà soát lần cuối {fmt_date(reviewed)}, hạn {months} tháng, "
                          f"đến hạn {fmt_date(due)} (quá {late} ngày)",
                          "đối chiếu lại trang với các văn bản trong 'sources' (data/sources.yml, trang Văn bản căn cứ), "
                          f"sửa nội dung nếu văn bản đã thay đổi, rồi đặt 'reviewed: {today.isoformat()}'",
                          severity="warning"))
        sources = page.meta.get("sources") if isinstance(page.meta.get("sources"), list) else []
        for sid in sources:
            s = ctx.registry.get(sid) if isinstance(sid, str) else None
            if s is None:
                continue
            if s.date and reviewed < s.date:
                out.append(_p(page, page.line_of("reviewed"),
                              f"ngày rà soát {fmt_date(reviewed)} trước ngày ban hành {s.symbol} ({fmt_date(s.date)}) mà trang dẫn làm căn cứ",
                              "ghi ngày thật đã đối chiếu trang với văn bản này"))
            limit = CHANGING_REVIEW if (s.expected_change or s.status == "pilot") else None
            if limit and isinstance(months, int) and months > limit:
                out.append(_p(page, page.line_of("review_in"),
                              f"trang dẫn {s.symbol} nhưng hạn rà soát là {months} tháng",
                              f"đặt 'review_in: {limit}' (văn bản {'đang thí điểm' if s.status == 'pilot' else 'đã được thông báo sẽ sửa đổi'})"))
    return out
