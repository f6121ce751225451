"""Questions: two Q&A pages that ask the same question.

A secretary who searches finds one of them, reads half an answer and misses the
other half; an editor who corrects one forgets the twin. Every Q&A page (the
Vietnamese originals) is compared with every other on three things, folded to
ASCII so tone-mark styles do not matter, as words and pairs of words:

* the title (the question as a secretary asks it) — weight 0.5;
* the description (the answer in one sentence) — weight 0.2;
* the body — weight 0.3.

Each is a TF-IDF vector over the Q&A pages, so words every answer uses ("chi
bộ", "đảng viên", "sinh hoạt") count for little and the words that make a
question what it is count for much; the score is the weighted sum of the three
cosine similarities (0 = nothing in common, 1 = the same page). Written here in
a few lines rather than with scikit-learn: the corpus is a hundred short pages
and the check must run in ``make check`` without a heavy dependency.

Thresholds, set on the handbook's own pairs (December 2026, 71 answers): the
pairs the content review found to be the same question scored 0.39–0.49 before
they were merged or rewritten; the closest pairs that are different questions
0.29–0.37 (how long minutes are kept / lost minutes 0.36–0.37; the votes for
admission and for discipline 0.33–0.34). The scores move a little as answers
are added (the weights of words depend on all the answers).

* score ≥ :data:`SAME` — error: merge the two pages (keep one, ``aliases:`` for
  the other's address) or rewrite them so that each asks its own question;
* score ≥ :data:`CLOSE` — warning: read both and make the difference plain in
  titles and descriptions, with a link from one to the other.
"""
from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from .. import model
from ..text import fold

SAME = 0.45
CLOSE = 0.38
WEIGHTS = {"title": 0.5, "description": 0.2, "body": 0.3}

# Folded function words of questions and answers: they say nothing about which question it is.
STOP = frozenset("""
a ai bao cac can chi cho co cua cung da dang de den di do duoc gi hay hoac khi khong la lai lam luc ma mot
muon nao nay neu nhieu nhu nhung nua o phai ra roi sao se tai thi the theo thuoc tra loi trong tu va van ve
voi vi xem them giai thich luu y
""".split())
WORD = re.compile(r"[a-z0-9]+")
MARKUP = re.compile(r"<!--.*?-->|\]\([^)]*\)|[`*_>#|]|^\s*[-+]\s|!!!.*$", re.M | re.S)


def _p(page, line, message, fix="", severity="error"):
    return model.Problem(page.where, line, message, fix, severity=severity, check="questions")


def terms(text: str) -> Counter:
    """Folded words (not function words) and pairs of neighbouring words."""
    words = WORD.findall(fold(MARKUP.sub(" ", text)))
    out = Counter(w for w in words if w not in STOP and len(w) > 1)
    out.update(f"{a} {b}" for a, b in zip(words, words[1:]) if a not in STOP or b not in STOP)
    return out


def _vectors(docs: dict[str, Counter]) -> dict[str, dict[str, float]]:
    df = Counter(t for c in docs.values() for t in c)
    n = len(docs)
    out = {}
    for key, counts in docs.items():
        v = {t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in counts.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[key] = {t: x / norm for t, x in v.items()}
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def similar_pairs(pages: list, threshold: float = CLOSE) -> list[tuple[float, object, object, list[str]]]:
    """(score, page, page, shared title words) for every pair of Q&A pages at or above ``threshold``."""
    qa = sorted((p for p in pages if p.type == "qa" and p.lang == model.DEFAULT_LANG and p.meta), key=lambda p: p.src)
    if len(qa) < 2:
        return []
    fields = {
        "title": {p.src: terms(str(p.meta.get("title") or "")) for p in qa},
        "description": {p.src: terms(str(p.meta.get("description") or "")) for p in qa},
        "body": {p.src: terms(p.body) for p in qa},
    }
    vectors = {name: _vectors(docs) for name, docs in fields.items()}
    out = []
    for a, b in itertools.combinations(qa, 2):
        score = sum(w * _cos(vectors[name][a.src], vectors[name][b.src]) for name, w in WEIGHTS.items())
        if score >= threshold:
            ta, tb = fields["title"][a.src], fields["title"][b.src]
            shared = sorted((t for t in ta if t in tb and " " not in t), key=lambda t: -vectors["title"][a.src].get(t, 0))
            out.append((score, a, b, shared))
    return sorted(out, key=lambda r: -r[0])


def check(ctx) -> list:
    out = []
    for score, a, b, shared in similar_pairs(ctx.pages):
        words = f" (chung: {', '.join(shared[:6])})" if shared else ""
        title_b = str(b.meta.get("title"))
        if score >= SAME:
            out.append(_p(a, a.line_of("title"),
                          f"câu hỏi gần như trùng với {b.src} «{title_b}» — độ giống {score:.2f}{words}",
                          f"gộp hai trang: giữ một trang, đưa phần còn thiếu vào đó, xóa trang kia và thêm "
                          f"'aliases: [{b.base}]' vào trang giữ lại (địa chỉ cũ vẫn mở được); hoặc viết lại tiêu đề, "
                          f"mô tả và câu trả lời để mỗi trang hỏi một việc riêng"))
        else:
            out.append(_p(a, a.line_of("title"),
                          f"câu hỏi gần giống {b.src} «{title_b}» — độ giống {score:.2f}{words}",
                          "đọc cả hai trang: nếu cùng một câu hỏi thì gộp (aliases:); nếu khác thì để tiêu đề và mô tả "
                          "nói rõ khác nhau ở đâu, và dẫn chéo trong 'Xem thêm'",
                          severity="warning"))
    return out
