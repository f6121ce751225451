"""Form pages (``type: form`` in ``docs/mau/``): the Markdown they are written in.

A form page is the document as the cell files it: a resolution, minutes, a
notice… It is written once. The web page renders it with Python-Markdown
(``md_in_html`` and ``tables``, already enabled), the Word file is built from
the :class:`Form` this module returns (:mod:`sotay.docx_export`), and the print
view is the web page with everything but the document hidden. The tests read
the Word file back and compare its text with the rendered page, both ways. So
the document is written in a small subset of Markdown that both sides read the
same way, and this module refuses anything outside it, with file and line.

Layout of a form page
---------------------

::

    ---
    title: Nghị quyết chi bộ tháng
    type: form
    doc_code: NQ
    placeholders: {ten_chi_bo: Tên chi bộ, …}
    …
    ---

    Text for the reader of the web page only: when to use the form, links.
    (Free Markdown; never in the Word file or the printout.)

    <div class="sotay-doc" markdown>

    <div class="doc-header" markdown>

    | | |
    |---|---|
    | ĐẢNG BỘ {{ten_dang_bo}}<br>**CHI BỘ {{ten_chi_bo}}**<br>* | **ĐẢNG CỘNG SẢN VIỆT NAM** |
    | Số {{so_van_ban}}-NQ/CB | *{{dia_danh}}, ngày {{ngay_ky}} tháng {{thang_ky}} năm {{nam_ky}}* |

    </div>

    <div class="doc-title" markdown>

    **NGHỊ QUYẾT**

    **về nhiệm vụ tháng {{thang_toi}} năm {{nam_toi}}**

    </div>

    The body: paragraphs, headings, lists, tables.

    <div class="doc-signature" markdown>

    | | |
    |---|---|
    | Nơi nhận:<br>- Các đảng viên,<br>- Lưu chi bộ. | **T/M CHI BỘ**<br>**BÍ THƯ**<br><br><br>**{{ho_ten_bi_thu}}** |

    </div>

    </div>

    Page-only text may follow the document too (e.g. ``## Lưu ý khi điền``).

A translated page (``x.en.md``) keeps the document exactly as the Vietnamese page
has it (:func:`translated_document_problems`): the cell files it in Vietnamese, and
the Word file is made from the Vietnamese page only. Its placeholder labels, the
text around the document and the note and button the build adds (``L``) are in the
page's language; the document is marked ``lang="vi"`` (:func:`page_markdown`).

Rules (each is checked by :func:`parse_form`)
---------------------------------------------

1. The document is one ``<div class="sotay-doc" markdown>`` … ``</div>``. The
   ``<div …>`` and ``</div>`` lines stand alone, with a blank line after the
   opening one. Inside: ``doc-header``, ``doc-title``, the body,
   ``doc-signature``, in this order.
2. **Header** (the Party header block, 36-HD/VPTW): a 2-column table with an
   empty head row and two rows. Top left: the direct upper body (upright),
   then the issuing cell in bold, starting ``CHI BỘ`` (both shown in capitals),
   then a line with the asterisk ``*`` alone (the mark under the issuing body's
   name). Top right: exactly ``**ĐẢNG CỘNG SẢN VIỆT NAM**``. Bottom left: the
   number and symbol ``Số {{…}}-<doc_code>/CB``, or for a paper attached to
   another document ``Kèm theo … số {{…}}-<doc_code>/CB``. Bottom right: place
   and date, all in italics.
3. **Title**: bold paragraphs; the first is the document type in capitals
   (``NGHỊ QUYẾT``), the others the summary line(s), starting in lower case
   (``về …``: Phụ lục 3 of 36-HD/VPTW).
4. **Body**: paragraphs (lines are joined, as Markdown does); headings
   ``##``–``####`` (bold paragraphs in Word); numbered lists ``1.`` starting
   at 1 and counting up; bulleted lists ``-``; simple tables (a head row, the
   ``|---|`` row, body rows; ``<br>`` breaks a line inside a cell; the number
   of dashes per column, when they differ, sets the relative column widths in
   Word, e.g. ``|:--:|------|---|``). One list
   level only. A list directly followed by a list of the other kind needs a
   paragraph between them (Markdown would merge the two).
5. **Signature**: a 2-column table with an empty head row and one row; lines
   split by ``<br>``; empty lines leave room to sign. It has either
   ``T/M CHI BỘ`` followed by the signer's title (``BÍ THƯ``, ``PHÓ BÍ THƯ``
   or a placeholder for either; one signer, right) or ``NGƯỜI GHI BIÊN BẢN``
   and ``CHỦ TRÌ`` (two signers; required when the title is ``BIÊN BẢN``). A
   left cell starting ``Nơi nhận:`` (plain: the page and the Word file
   underline it) is the list of recipients, one ``- …,`` a line, the last
   ``- Lưu ….``.
8. **Internal aids** (``internal: true`` in the front matter, e.g. the chair's
   script): not a Party document, so no ``doc_code``, no ``doc-header`` (no
   Party header, number or symbol) and no ``doc-signature`` (no ``T/M CHI BỘ``,
   no recipients): the title, then the body.
6. **Inline**: text, ``**bold**``, ``*italic*`` and placeholders ``{{name}}``.
   Nothing else: no links, code, images, ``_`` emphasis or HTML (except
   ``<br>`` inside table cells), no line ending in two spaces.
7. **Placeholders**: every ``{{name}}`` in the document is declared in the
   front matter ``placeholders:`` (name: Vietnamese label), every declared name
   is used, and labels are unique within a form: the page shows ``[Label]``,
   the Word file holds ``[Label]`` as one highlighted run, and both fill-ins
   find the placeholder by it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import text as vtext
from .model import DEFAULT_LANG, PLACEHOLDER, PLACEHOLDER_NAME, Page, Problem, translation_hash

DOC_OPEN = '<div class="sotay-doc" markdown>'
PART_OPEN = re.compile(r'^<div class="(doc-header|doc-title|doc-signature)" markdown>\s*$')
DIV_CLOSE = "</div>"
PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
ISSUER_SYMBOL = "CB"  # "Số …-NQ/CB": the issuer symbol of a cell [S in the notes]
SIGN_ONE = ("T/M CHI BỘ", "BÍ THƯ")
SIGNER_TITLES = ("BÍ THƯ", "PHÓ BÍ THƯ")   # who signs "T/M CHI BỘ"
SIGN_MINUTES = ("NGƯỜI GHI BIÊN BẢN", "CHỦ TRÌ")
RECIPIENTS = "Nơi nhận:"
ASTERISK = "*"  # the line under the issuing body's name (36-HD/VPTW)
CHECK = "forms"

# --------------------------------------------------------------------------
# The parsed document
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str            # the text; for a placeholder "[Label]"
    bold: bool = False
    italic: bool = False
    ph: str | None = None  # placeholder name


Line = tuple  # tuple[Run, ...]


def line_text(runs) -> str:
    return "".join(r.text for r in runs)


@dataclass
class Para:
    kind: str                 # "p", "h", "ol", "ul", "type", "summary"
    runs: Line
    level: int = 0            # heading level
    number: int = 0           # position in a numbered list

    @property
    def marker(self) -> str:
        return f"{self.number}. " if self.kind == "ol" else "- " if self.kind == "ul" else ""

    @property
    def text(self) -> str:
        return self.marker + line_text(self.runs)


@dataclass
class Table:
    head: list            # list of cells; a cell is a list of Lines
    rows: list            # list of rows of cells
    align: list           # "left" | "center" | "right" per column
    line: int = 0
    dashes: list = field(default_factory=list)  # dashes per column in the |---| row: relative widths in Word

    def cell_text(self, r: int, c: int) -> list[str]:
        return [line_text(x) for x in self.rows[r][c]]


@dataclass
class Form:
    page: Page
    labels: dict
    header: Table | None = None
    title: list = field(default_factory=list)      # Para("type"), Para("summary")…
    body: list = field(default_factory=list)       # Para | Table
    signature: Table | None = None
    problems: list = field(default_factory=list)
    used: list = field(default_factory=list)       # placeholder names in document order

    @property
    def name(self) -> str:
        """File name without extension: mau/nghi-quyet-thang.md -> nghi-quyet-thang."""
        return self.page.base.rsplit("/", 1)[-1][:-3]

    @property
    def doc_code(self) -> str:
        return str(self.page.meta.get("doc_code") or "")

    @property
    def internal(self) -> bool:
        """An internal aid (the chair's script): no header, number or signature."""
        return self.page.meta.get("internal") is True

    @property
    def recipients(self) -> bool:
        return bool(self.signature) and bool(self.signature.rows[0][0]) and \
            line_text(self.signature.rows[0][0][0]) == RECIPIENTS

    @property
    def doc_type(self) -> str:
        return self.title[0].text if self.title else ""

    @property
    def minutes(self) -> bool:
        """Two signers: minutes, and papers that go with them."""
        return bool(self.signature) and any(SIGN_MINUTES[0] in t for row in self.signature.rows for c in row
                                            for t in (line_text(x) for x in c))

    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def paragraphs(form: Form) -> list[str]:
    """The document's text, one entry per paragraph, in reading order.

    Table cells are read row by row, left to right, one entry per line; empty
    lines are left out. This is what the Word file must contain, in this order.
    """
    out: list[str] = []

    def table(t: Table | None, head: bool) -> None:
        if t is None:
            return
        for row in ([t.head] if head else []) + t.rows:
            for cell in row:
                out.extend(s for s in (line_text(x).strip() for x in cell) if s)

    table(form.header, False)
    out.extend(p.text for p in form.title)
    for b in form.body:
        if isinstance(b, Table):
            table(b, True)
        else:
            out.append(b.text)
    table(form.signature, False)
    return [norm(s) for s in out if norm(s)]


def norm(s: str) -> str:
    """Text as compared between the page and the Word file: NFC, single spaces."""
    return re.sub(r"\s+", " ", vtext.nfc(s)).strip()


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------

INLINE_TOKEN = re.compile(r"\*\*|\*|\{\{[^{}]*\}\}|<br\s*/?>")
FORBIDDEN = re.compile(r"[\[\]`<>_\\|]|!\[|\]\(")
TABLE_SEP = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
OL_ITEM = re.compile(r"^(\d{1,3})\.\s+(.*)$")
UL_ITEM = re.compile(r"^[-*+]\s+(.*)$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


class _Parser:
    def __init__(self, page: Page):
        self.page = page
        labels = page.meta.get("placeholders")
        self.labels: dict = labels if isinstance(labels, dict) else {}
        self.form = Form(page=page, labels=self.labels)

    # -- problems ---------------------------------------------------------
    def problem(self, line: int | None, message: str, fix: str = "", severity: str = "error") -> None:
        self.form.problems.append(Problem(self.page.where, line, message, fix, severity=severity, check=CHECK))

    # -- inline -----------------------------------------------------------
    def inline(self, s: str, n: int, allow_br: bool = False) -> list:
        """Parse inline text into lines of runs (one line unless <br> is allowed: table cells).
        A cell line holding only ``*`` is the asterisk under the issuing body's name."""
        if allow_br:
            out = []
            for seg in re.split(r"<br\s*/?>", s):
                out += [(Run(ASTERISK),)] if seg.strip() == ASTERISK else self.inline(seg, n)
            return out
        lines: list[list[Run]] = [[]]
        bold = italic = False
        pos = 0

        def plain(chunk: str) -> None:
            if not chunk:
                return
            bad = FORBIDDEN.search(chunk)
            if bad:
                self.problem(n, f"ký tự '{bad.group(0)}' không dùng trong văn bản mẫu: “{chunk.strip()[:40]}”",
                             "chỉ dùng chữ, **đậm**, *nghiêng* và chỗ điền {{ten}}; bỏ liên kết, mã, HTML")
            lines[-1].append(Run(chunk, bold, italic))

        for m in INLINE_TOKEN.finditer(s):
            plain(s[pos:m.start()])
            tok = m.group(0)
            after = s[m.end():m.end() + 1]
            before = s[m.start() - 1:m.start()] if m.start() else ""
            if tok == "**":
                if not bold and (after == "" or after.isspace()):
                    self.problem(n, "dấu ** mở chữ đậm phải đứng liền trước chữ", "viết **chữ đậm** không có dấu cách bên trong")
                if bold and (before == "" or before.isspace()):
                    self.problem(n, "dấu ** đóng chữ đậm phải đứng liền sau chữ", "viết **chữ đậm** không có dấu cách bên trong")
                bold = not bold
            elif tok == "*":
                if not italic and (after == "" or after.isspace()):
                    self.problem(n, "dấu * mở chữ nghiêng phải đứng liền trước chữ", "viết *chữ nghiêng* không có dấu cách bên trong")
                italic = not italic
            elif tok.startswith("{{"):
                name = PLACEHOLDER.match(tok).group(1)
                if not PLACEHOLDER_NAME.match(name):
                    self.problem(n, f"tên chỗ điền '{name}' không hợp lệ", "chỉ dùng chữ thường không dấu, số và '_', ví dụ ten_chi_bo")
                label = self.labels.get(name)
                if label is None:
                    self.problem(n, f"chỗ điền {{{{{name}}}}} chưa khai báo trong 'placeholders:'",
                                 f"thêm dòng '  {name}: Nhãn tiếng Việt' vào placeholders")
                    label = name
                self.form.used.append(name)
                lines[-1].append(Run(f"[{label}]", bold, italic, ph=name))
            else:  # <br>
                if not allow_br:
                    self.problem(n, "<br> chỉ dùng trong ô bảng", "tách thành đoạn văn riêng (một dòng trống ở giữa)")
                lines.append([])
            pos = m.end()
        plain(s[pos:])
        if bold or italic:
            self.problem(n, "chữ đậm hoặc nghiêng chưa đóng", "mỗi ** hoặc * mở phải có dấu đóng trên cùng dòng")
        # merge neighbouring plain runs with the same style
        out = []
        for ln in lines:
            merged: list[Run] = []
            for r in ln:
                if merged and r.ph is None and merged[-1].ph is None and (merged[-1].bold, merged[-1].italic) == (r.bold, r.italic):
                    merged[-1] = Run(merged[-1].text + r.text, r.bold, r.italic)
                else:
                    merged.append(r)
            out.append(tuple(merged))
        return out

    def one_line(self, s: str, n: int) -> Line:
        return self.inline(s, n)[0]

    # -- tables -----------------------------------------------------------
    @staticmethod
    def _cells(row: str) -> list[str]:
        row = row.strip()
        if row.startswith("|"):
            row = row[1:]
        if row.endswith("|"):
            row = row[:-1]
        return [c.strip() for c in row.split("|")]

    def table(self, rows: list[tuple[int, str]]) -> Table | None:
        n0 = rows[0][0]
        if len(rows) < 2 or not TABLE_SEP.match(rows[1][1]):
            self.problem(n0, "bảng thiếu dòng kẻ '|---|---|' sau dòng tiêu đề", "thêm dòng |---|---| (mỗi cột một ---)")
            return None
        head = self._cells(rows[0][1])
        seps = self._cells(rows[1][1])
        if len(seps) != len(head):
            self.problem(rows[1][0], "dòng kẻ của bảng không cùng số cột với dòng tiêu đề", "mỗi cột một ---")
        align = []
        for s in seps:
            align.append("center" if s.startswith(":") and s.endswith(":") else "right" if s.endswith(":") else "left")
        body = []
        for n, r in rows[2:]:
            cells = self._cells(r)
            if len(cells) != len(head):
                self.problem(n, f"dòng bảng có {len(cells)} ô, tiêu đề có {len(head)}", "mỗi dòng bảng cùng số ô với dòng tiêu đề")
                cells = (cells + [""] * len(head))[:len(head)]
            body.append([self.inline(c, n, allow_br=True) for c in cells])
        return Table(head=[self.inline(c, n0, allow_br=True) for c in head], rows=body, align=align, line=n0,
                     dashes=[s.count("-") for s in seps])

    # -- blocks -----------------------------------------------------------
    def blocks(self, lines: list[tuple[int, str]], part: str) -> list:
        """Block-level parse of one part (a list of (line number, text))."""
        out: list = []
        i = 0
        last_list: str | None = None  # kind of the list just closed (for the merge rule)
        while i < len(lines):
            n, s = lines[i]
            if not s.strip():
                i += 1
                continue
            if s.startswith((" ", "\t")) and not out:
                self.problem(n, "dòng thụt đầu dòng không thuộc danh sách nào", "bỏ dấu cách ở đầu dòng")
            if s.rstrip("\n").endswith("  "):
                self.problem(n, "dòng kết thúc bằng hai dấu cách (ngắt dòng ẩn)", "bỏ dấu cách ở cuối dòng; muốn xuống dòng thì tách đoạn")
            if s.lstrip().startswith(("!!!", "???", "<", "```", "~~~", ">", "===")):
                self.problem(n, f"cú pháp '{s.strip()[:12]}…' không dùng trong phần văn bản mẫu",
                             "ghi chú, hộp lưu ý đặt ngoài <div class=\"sotay-doc\" markdown> (trước hoặc sau văn bản)")
                i += 1
                continue
            if s.startswith("|"):
                j = i
                rows = []
                while j < len(lines) and lines[j][1].startswith("|"):
                    rows.append(lines[j])
                    j += 1
                t = self.table(rows)
                if t:
                    out.append(t)
                last_list = None
                i = j
                continue
            h = HEADING.match(s)
            if h:
                level = len(h.group(1))
                if part != "body" or level < 2 or level > 4:
                    self.problem(n, f"tiêu đề cấp {level} không dùng ở đây", "trong thân văn bản dùng ##, ### hoặc ####")
                if re.search(r"\{[:#.]", h.group(2)):
                    self.problem(n, "tiêu đề trong văn bản mẫu không gắn thuộc tính {…}", "bỏ phần {…}")
                out.append(Para("h", self.one_line(h.group(2), n), level=level))
                last_list = None
                i += 1
                continue
            ol, ul = OL_ITEM.match(s), UL_ITEM.match(s)
            if ol or ul:
                kind = "ol" if ol else "ul"
                if last_list and last_list != kind:
                    self.problem(n, "hai danh sách khác loại đứng liền nhau sẽ bị gộp thành một",
                                 "đặt một đoạn văn giữa danh sách đánh số và danh sách gạch đầu dòng")
                number = 0
                while i < len(lines):
                    n, s = lines[i]
                    m = (OL_ITEM if kind == "ol" else UL_ITEM).match(s)
                    other = (UL_ITEM if kind == "ol" else OL_ITEM).match(s)
                    if not s.strip():
                        # a blank line: the list goes on only if the next non-blank line is an item of it
                        k = i
                        while k < len(lines) and not lines[k][1].strip():
                            k += 1
                        if k < len(lines) and (OL_ITEM if kind == "ol" else UL_ITEM).match(lines[k][1]):
                            i = k
                            continue
                        break
                    if other and not m:
                        self.problem(n, "hai danh sách khác loại đứng liền nhau sẽ bị gộp thành một",
                                     "đặt một đoạn văn giữa danh sách đánh số và danh sách gạch đầu dòng")
                        break
                    if not m:
                        if s.startswith((" ", "\t")):
                            if s.strip().startswith(("- ", "* ", "+ ")) or OL_ITEM.match(s.strip()):
                                self.problem(n, "danh sách lồng nhau không dùng trong văn bản mẫu",
                                             "chỉ dùng một cấp danh sách; cấp dưới viết thành đoạn a), b)…")
                            # continuation of the item
                            last = out[-1]
                            out[-1] = Para(last.kind, last.runs + (Run(" "),) + self.one_line(s.strip(), n), number=last.number)
                            i += 1
                            continue
                        break  # a paragraph line right after a list: Markdown makes it a new paragraph only after a blank line
                    number += 1
                    if kind == "ol" and int(m.group(1)) != number:
                        self.problem(n, f"danh sách đánh số {m.group(1)} nhưng trang web sẽ hiện {number}",
                                     f"đánh số liên tục từ 1 (mục này là {number})")
                    out.append(Para(kind, self.one_line(m.group(2) if kind == "ol" else m.group(1), n), number=number))
                    i += 1
                last_list = kind
                continue
            # a paragraph: lines up to a blank line or a block start
            buf = [s.strip()]
            start = n
            i += 1
            while i < len(lines):
                n2, s2 = lines[i]
                if (not s2.strip() or s2.startswith("|") or HEADING.match(s2) or OL_ITEM.match(s2) or UL_ITEM.match(s2)
                        or s2.lstrip().startswith("<")):
                    break
                if s2.rstrip("\n").endswith("  "):
                    self.problem(n2, "dòng kết thúc bằng hai dấu cách (ngắt dòng ẩn)", "bỏ dấu cách ở cuối dòng")
                buf.append(s2.strip())
                i += 1
            if i < len(lines) and (OL_ITEM.match(lines[i][1]) or UL_ITEM.match(lines[i][1])):
                self.problem(lines[i][0], "danh sách phải cách đoạn văn phía trên một dòng trống",
                             "thêm một dòng trống trước danh sách")
            out.append(Para("p", self.one_line(" ".join(buf), start)))
            last_list = None
        return out

    # -- the page ---------------------------------------------------------
    def parse(self) -> Form:
        page, form = self.page, self.form
        if page.type != "form":
            self.problem(None, f"trang loại '{page.type}' không phải biểu mẫu", "đặt type: form")
            return form
        lines = list(page.body_lines())
        starts = [k for k, (_n, s) in enumerate(lines) if s.strip() == DOC_OPEN]
        if len(starts) != 1:
            self.problem(page.body_line, "trang biểu mẫu cần đúng một khối <div class=\"sotay-doc\" markdown> … </div>"
                         if not starts else "có nhiều khối văn bản mẫu trên một trang",
                         "bọc văn bản mẫu (tiêu đề, thân, chữ ký) trong một khối <div class=\"sotay-doc\" markdown>")
            return form
        k = starts[0] + 1
        if k < len(lines) and lines[k][1].strip():
            self.problem(lines[k][0], "cần một dòng trống sau dòng <div … markdown>", "thêm một dòng trống")
        parts: list[tuple[str, list]] = []  # ("body", lines) or ("doc-header", lines)…
        current: list = []
        part_name: str | None = None
        closed = False
        while k < len(lines):
            n, s = lines[k]
            st = s.strip()
            m = PART_OPEN.match(st)
            if m:
                if part_name:
                    self.problem(n, "khối <div> lồng trong khối khác", "đóng khối trước bằng </div>")
                if current and any(x[1].strip() for x in current):
                    parts.append(("body", current))
                current, part_name = [], m.group(1)
                if k + 1 < len(lines) and lines[k + 1][1].strip():
                    self.problem(lines[k + 1][0], "cần một dòng trống sau dòng <div … markdown>", "thêm một dòng trống")
            elif st == DIV_CLOSE:
                if part_name:
                    parts.append((part_name, current))
                    current, part_name = [], None
                else:
                    if current and any(x[1].strip() for x in current):
                        parts.append(("body", current))
                    closed = True
                    break
            elif st.startswith("<div"):
                self.problem(n, f"khối lạ trong văn bản mẫu: {st[:50]}",
                             "chỉ dùng doc-header, doc-title, doc-signature")
            else:
                current.append((n, s))
            k += 1
        if not closed:
            self.problem(lines[starts[0]][0], "khối <div class=\"sotay-doc\" markdown> chưa đóng", "thêm dòng </div> sau khối chữ ký")
            return form
        order = [p for p, _ in parts]
        if form.internal:
            if order[:1] != ["doc-title"] or order.count("doc-title") != 1 or "doc-header" in order \
                    or "doc-signature" in order or page.meta.get("doc_code"):
                self.problem(lines[starts[0]][0], "tài liệu nội bộ (internal: true) chỉ có doc-title rồi thân văn bản: "
                             "không có doc-header (tiêu đề Đảng, số, ký hiệu), doc-signature (T/M CHI BỘ, nơi nhận), doc_code",
                             "bỏ các khối đó, hoặc bỏ 'internal: true' nếu đây là văn bản của chi bộ")
        elif order[:2] != ["doc-header", "doc-title"] or order[-1:] != ["doc-signature"] or order.count("doc-signature") != 1 \
                or order.count("doc-header") != 1 or order.count("doc-title") != 1:
            self.problem(lines[starts[0]][0], "văn bản mẫu phải có lần lượt: doc-header, doc-title, thân văn bản, doc-signature",
                         "xem cấu trúc mẫu ở đầu scripts/sotay/forms.py")
        elif not form.doc_code:
            self.problem(page.line_of("doc_code") or page.body_line, "thiếu doc_code (ký hiệu loại văn bản: NQ, BB, KL, TB, CTr…)",
                         "thêm 'doc_code: …' vào phần đầu trang, hoặc 'internal: true' cho tài liệu nội bộ")
        for pname, plines in parts:
            if pname == "doc-header":
                self.header(plines)
            elif pname == "doc-title":
                self.title(plines)
            elif pname == "doc-signature":
                self.signature(plines)
            else:
                form.body.extend(self.blocks(plines, "body"))
        if not form.body:
            self.problem(lines[starts[0]][0], "văn bản mẫu không có phần thân", "viết nội dung giữa doc-title và doc-signature")
        self.placeholders()
        return form

    def _frame(self, plines: list, what: str, nrows: int) -> Table | None:
        blocks = self.blocks(plines, what)
        where = plines[0][0] if plines else self.page.body_line
        if len(blocks) != 1 or not isinstance(blocks[0], Table):
            self.problem(where, f"khối {what} phải là đúng một bảng 2 cột", "xem mẫu ở đầu scripts/sotay/forms.py")
            return None
        t = blocks[0]
        if len(t.head) != 2 or any(line_text(x).strip() for c in t.head for x in c):
            self.problem(t.line, f"bảng {what} phải có 2 cột và dòng tiêu đề trống '| | |'", "dòng đầu viết '| | |'")
        if len(t.rows) != nrows:
            self.problem(t.line, f"bảng {what} phải có {nrows} dòng", "")
            return None
        return t

    def header(self, plines: list) -> None:
        t = self._frame(plines, "doc-header", 2)
        if t is None:
            return
        self.form.header = t
        where, code = t.line, self.form.doc_code
        issuer = t.rows[0][0]
        fix = "viết 'ĐẢNG BỘ {{ten_dang_bo}}<br>**CHI BỘ {{ten_chi_bo}}**<br>*'"
        if not issuer or line_text(issuer[-1]) != ASTERISK:
            self.problem(where, "ô trên bên trái phải kết thúc bằng dòng dấu sao (*) dưới tên chi bộ (Hướng dẫn 36-HD/VPTW)",
                         fix)
        body = issuer[:-1] if issuer and line_text(issuer[-1]) == ASTERISK else issuer
        if len(body) < 2 or not body[-1] or not all(r.bold for r in body[-1]) \
                or not line_text(body[-1]).startswith("CHI BỘ"):
            self.problem(where, "ô trên bên trái: cơ quan cấp trên trực tiếp, rồi dòng **CHI BỘ …** in đậm, rồi dòng *", fix)
        elif any(r.bold for ln in body[:-1] for r in ln):
            self.problem(where, "dòng cơ quan cấp trên trực tiếp viết chữ đứng, không đậm", "bỏ ** ở dòng ĐẢNG BỘ …")
        party = t.rows[0][1]
        if len(party) != 1 or line_text(party[0]) != PARTY_HEADER or not all(r.bold for r in party[0]):
            self.problem(where, f"ô trên bên phải phải là đúng **{PARTY_HEADER}**", f"viết '**{PARTY_HEADER}**'")
        number = " ".join(t.cell_text(1, 0))
        if not re.fullmatch(rf"(Số|Kèm theo .+ số) \[[^\]]+\]-{re.escape(code)}/{ISSUER_SYMBOL}", number):
            self.problem(where, f"ô dưới bên trái phải là số và ký hiệu 'Số {{{{…}}}}-{code}/{ISSUER_SYMBOL}' (doc_code: {code})",
                         f"viết 'Số {{{{so_van_ban}}}}-{code}/{ISSUER_SYMBOL}', không có dấu hai chấm")
        date = t.rows[1][1]
        if len(date) != 1 or not all(r.italic for r in date[0]) or ", ngày " not in line_text(date[0]):
            self.problem(where, "ô dưới bên phải là địa danh và ngày tháng, in nghiêng",
                         "viết '*{{dia_danh}}, ngày {{ngay_ky}} tháng {{thang_ky}} năm {{nam_ky}}*'")

    def title(self, plines: list) -> None:
        blocks = self.blocks(plines, "doc-title")
        where = plines[0][0] if plines else self.page.body_line
        if not blocks or not all(isinstance(b, Para) and b.kind == "p" for b in blocks):
            self.problem(where, "khối doc-title chỉ gồm các đoạn in đậm: tên loại văn bản, rồi trích yếu", "")
            return
        for k, b in enumerate(blocks):
            if not all(r.bold for r in b.runs):
                self.problem(where, "tên loại và trích yếu văn bản in đậm", "viết **…**")
            b.kind = "type" if k == 0 else "summary"
        t = line_text(blocks[0].runs)
        if t != t.upper():
            self.problem(where, "tên loại văn bản viết chữ in hoa", f"viết '**{t.upper()}**'")
        for b in blocks[1:2]:  # the summary starts in lower case: "về …" (36-HD/VPTW, Phụ lục 3)
            first = b.runs[0] if b.runs else None
            if first is not None and first.ph is None and first.text[:1].isupper():
                self.problem(where, "trích yếu viết chữ thường, kể cả chữ đầu (ví dụ “về nhiệm vụ tháng …”)",
                             f"viết '**{first.text[:1].lower()}{line_text(b.runs)[1:]}**'")
        self.form.title = blocks

    def signature(self, plines: list) -> None:
        t = self._frame(plines, "doc-signature", 1)
        if t is None:
            return
        self.form.signature = t
        texts = [line_text(x) for c in t.rows[0] for x in c]
        right = [line_text(x) for x in t.rows[0][1]]
        k = right.index(SIGN_ONE[0]) if SIGN_ONE[0] in right else -1
        title = t.rows[0][1][k + 1] if 0 <= k < len(right) - 1 else ()
        # T/M CHI BỘ, then the signer's title: BÍ THƯ, PHÓ BÍ THƯ (chairing in the secretary's
        # absence) or one placeholder to write either in.
        one = k >= 0 and (line_text(title) in SIGNER_TITLES or (len(title) == 1 and title[0].ph is not None))
        minutes = SIGN_MINUTES[0] in t.cell_text(0, 0) and SIGN_MINUTES[1] in right
        if not (one or minutes):
            self.problem(t.line, "khối chữ ký cần 'T/M CHI BỘ' rồi chức vụ người ký ('BÍ THƯ' hoặc 'PHÓ BÍ THƯ') bên phải, "
                                 "hoặc 'NGƯỜI GHI BIÊN BẢN' (trái) và 'CHỦ TRÌ' (phải)",
                         "viết '**T/M CHI BỘ**<br>**BÍ THƯ**' ở ô bên phải")
        left = t.rows[0][0]
        if left and line_text(left[0]).replace("*", "").strip() == RECIPIENTS:
            self.recipients(left, t.line)
        if self.form.doc_type.startswith("BIÊN BẢN") and not minutes:
            self.problem(t.line, "biên bản do người ghi biên bản và người chủ trì ký",
                         "ô trái '**NGƯỜI GHI BIÊN BẢN**', ô phải '**CHỦ TRÌ**'")
        if not any(texts):
            self.problem(t.line, "khối chữ ký trống", "")

    def recipients(self, left: list, where: int) -> None:
        """'Nơi nhận:' (plain; underlined on the page and in Word), then one '- …,' a line, the last '- Lưu ….'"""
        if any(r.bold or r.italic for r in left[0]):
            self.problem(where, "“Nơi nhận:” viết chữ thường, không đậm, không nghiêng (trang và bản Word gạch chân chữ này)",
                         "viết 'Nơi nhận:' không có **")
        items = [line_text(x).strip() for x in left[1:] if line_text(x).strip()]
        if not items or not all(i.startswith("- ") for i in items):
            self.problem(where, "mỗi nơi nhận một dòng, bắt đầu bằng '- '", "viết '- Đảng viên trong chi bộ,<br>- Lưu chi bộ.'")
        elif not items[-1].startswith("- Lưu") or not items[-1].endswith(".") \
                or not all(i.endswith(",") for i in items[:-1]):
            self.problem(where, "các dòng nơi nhận kết thúc bằng dấu phẩy; dòng cuối là '- Lưu ….' kết thúc bằng dấu chấm", "")

    def placeholders(self) -> None:
        used = set(self.form.used)
        for name in self.labels:
            if name not in used and not any(name == m for _n, m in self.page.placeholders_used()):
                self.problem(self.page.line_of("placeholders"), f"chỗ điền '{name}' khai báo nhưng không dùng",
                             f"dùng {{{{{name}}}}} trong văn bản hoặc bỏ khai báo")
        seen: dict = {}
        for name, label in self.labels.items():
            if label in seen:
                self.problem(self.page.line_of("placeholders"), f"nhãn '{label}' trùng giữa '{seen[label]}' và '{name}'",
                             "mỗi chỗ điền một nhãn riêng (bản Word đã điền tìm chỗ điền theo nhãn)")
            seen[label] = name
            if any(ch in str(label) for ch in '[]<>&"'):
                self.problem(self.page.line_of("placeholders"), f"nhãn '{label}' có ký tự không dùng được", "bỏ [ ] < > & \"")


def parse_form(page: Page) -> Form:
    """Parse a form page (loaded with :func:`sotay.model.load_page`)."""
    return _Parser(page).parse()


def form_problems(pages) -> list[Problem]:
    """Problems of every form page: for ``python -m sotay check`` (see the lead's CHECKS)."""
    pages = list(pages)
    return [p for page in pages if page.type == "form" for p in parse_form(page).problems] + \
        translated_document_problems(pages)


def document_lines(page: Page) -> list[tuple[int, str]]:
    """(line number, text) of the document block: from ``<div class="sotay-doc" markdown>``
    to its ``</div>`` (every line, as written); [] without one."""
    lines = list(page.body_lines())
    start = next((k for k, (_n, s) in enumerate(lines) if s.strip() == DOC_OPEN), None)
    if start is None:
        return []
    depth = 0
    for k in range(start, len(lines)):
        st = lines[k][1].strip()
        depth += st.startswith("<div") - (st == DIV_CLOSE)
        if depth == 0:
            return lines[start:k + 1]
    return lines[start:]


def translated_document_problems(pages: list[Page]) -> list[Problem]:
    """A translated form page keeps the document of the Vietnamese page exactly: the cell
    files it in Vietnamese, and the Word file is made from the Vietnamese page. Only the
    labels of the placeholders (front matter) and the text around the document are translated.
    An error; a warning while the translation is stale (the Vietnamese changed since: the
    translations check says so too, and the next update of the translation copies the block)."""
    vi = {p.src: p for p in pages if p.lang == DEFAULT_LANG and p.type == "form"}
    out = []
    for page in pages:
        source = vi.get(page.base) if page.type == "form" and page.lang != DEFAULT_LANG else None
        if source is None:
            continue
        mine, theirs = document_lines(page), document_lines(source)
        if [s for _n, s in mine] == [s for _n, s in theirs]:
            continue
        k = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a[1] != b[1]), min(len(mine), len(theirs)))
        line = mine[k][0] if k < len(mine) else (mine[-1][0] if mine else page.body_line)
        vline = theirs[k][0] if k < len(theirs) else None
        out.append(Problem(page.where, line, f"văn bản mẫu của bản dịch khác văn bản ở {source.where}"
                           + (f" (dòng {vline})" if vline else "") + ": văn bản giữ nguyên tiếng Việt, vì chi bộ lưu "
                           "bằng tiếng Việt và bản Word làm từ trang tiếng Việt",
                           f"chép nguyên khối <div class=\"sotay-doc\" markdown> … </div> từ {source.where}; "
                           "nhãn chỗ điền dịch trong 'placeholders:', lời giải thích đặt ngoài khối", check=CHECK,
                           severity="error" if page.meta.get("translation_of") == translation_hash(source) else "warning"))
    return out


# --------------------------------------------------------------------------
# The web page around the document
# --------------------------------------------------------------------------

def docx_name(page: Page) -> str:
    """'mau/nghi-quyet-thang.md' -> 'mau/nghi-quyet-thang.docx' (the generated Word file)."""
    return page.base[:-3] + ".docx"


# What the page around the document says, in the page's language (``page.lang``): the
# Word button, the format note, the note on an internal aid. The document itself stays in
# Vietnamese on every page: it is filed in Vietnamese, and the Word file is made from the
# Vietnamese page. Vietnamese words quoted in the English text are in italics, which the
# build marks lang="vi" on English pages (sotay.site.mark_vietnamese).
L = {
    "vi": {
        "docx_button": "Tải bản Word",
        "docx_blank": "Mẫu trống (.docx)",
        "format_title": "Thể thức văn bản",
        "format_text": (
            "Mẫu trình bày theo thể thức văn bản của Đảng (Quy định 399-QĐ/TW; Hướng dẫn 36-HD/VPTW, Phụ lục 3): "
            "khổ A4; “ĐẢNG CỘNG SẢN VIỆT NAM” ở góc phải, có đường kẻ ngang dưới; tên chi bộ in hoa, đậm, "
            "dưới có dấu sao (*); trích yếu viết chữ thường; tổ chức đảng ký thay mặt tập thể (T/M). "
            "Số văn bản đánh từ 01 theo từng loại văn bản trong một nhiệm kỳ của cấp ủy, không đánh lại theo năm. "
            "Ký hiệu “Số …-{code}/CB”, chức danh ký {sign}{recipients} theo cách các tổ chức đảng đang dùng, "
            "chưa thấy trong văn bản gốc công khai. Năm 2026 đã có tin về hướng dẫn thể thức mới của Văn phòng Trung ương Đảng "
            "thay 36-HD/VPTW: xem [Văn bản sắp thay đổi](../van-ban/thay-doi-sap-toi.md#hd-36-2018). Trước khi ban hành, "
            "hỏi văn phòng cấp ủy cấp trên mẫu đang áp dụng."
        ),
        "sign_minutes": "“NGƯỜI GHI BIÊN BẢN”, “CHỦ TRÌ”",
        "sign_one": "“T/M CHI BỘ” rồi “BÍ THƯ” hoặc “PHÓ BÍ THƯ”",
        "recipients": " và cách trình bày “Nơi nhận” (gạch chân, mỗi nơi một dòng)",
        "internal_title": "Tài liệu nội bộ",
        "internal_text": (
            "Kịch bản là tài liệu giúp người chủ trì, không thuộc các thể loại văn bản của Đảng "
            "(Quy định 399-QĐ/TW): không có tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”, không ghi số và ký hiệu, "
            "không ký “T/M CHI BỘ”, không có nơi nhận. Văn bản chi bộ ban hành sau buổi họp "
            "(nghị quyết, kết luận, biên bản) mới trình bày theo thể thức."
        ),
    },
    "en": {
        "docx_button": "Download the Word file (in Vietnamese)",
        "docx_blank": "Blank form (.docx)",
        "format_title": "Document format",
        "format_text": (
            "The form follows the format of Party documents (Regulation 399-QĐ/TW; Guidance 36-HD/VPTW, Appendix 3): "
            "A4 paper; “*ĐẢNG CỘNG SẢN VIỆT NAM*” (Communist Party of Vietnam) at the top right, with a line under it; "
            "the cell’s name in bold capitals, with an asterisk (\\*) under it; the summary line in lower case; "
            "a Party organisation signs on behalf of the collective (T/M). "
            "Documents are numbered from 01 for each kind of document within the Party committee’s term, "
            "not restarted each year. The number and symbol “*Số …-{code}/CB*”, the signatures {sign}{recipients} "
            "follow the practice of Party organisations; the handbook has not seen them in a public original text. "
            "In 2026 there were reports of new format guidance from the Office of the Party Central Committee "
            "to replace 36-HD/VPTW: see [Documents about to change](../van-ban/thay-doi-sap-toi.md#hd-36-2018). "
            "Before issuing a document, ask the office of the upper-level Party committee which template applies."
        ),
        "sign_minutes": "“*NGƯỜI GHI BIÊN BẢN*” (minute-taker) and “*CHỦ TRÌ*” (chair)",
        "sign_one": "“*T/M CHI BỘ*” (on behalf of the cell) followed by “*BÍ THƯ*” (secretary) "
                    "or “*PHÓ BÍ THƯ*” (deputy secretary)",
        "recipients": " and the layout of “*Nơi nhận*” (recipients: underlined, one a line)",
        "internal_title": "Internal document",
        "internal_text": (
            "The script is an aid for the chair, not one of the kinds of Party documents "
            "(Regulation 399-QĐ/TW): it has no “*ĐẢNG CỘNG SẢN VIỆT NAM*” heading, no number or symbol, "
            "no “*T/M CHI BỘ*” signature and no recipients. Only the documents the cell issues after the meeting "
            "(resolution, conclusion, minutes) follow the Party’s document format."
        ),
    },
}
DOCX_BUTTON = L["vi"]["docx_button"]
DOCX_BLANK = L["vi"]["docx_blank"]
FORMAT_NOTE_TITLE = L["vi"]["format_title"]
INTERNAL_NOTE_TITLE = L["vi"]["internal_title"]


def _t(lang: str) -> dict:
    """The strings of ``lang`` (Vietnamese for a language without its own)."""
    return L.get(lang, L["vi"])


def docx_button(name: str, lang: str = "vi") -> str:
    """The download of a page's Word file (``name``: the .docx beside the page): one button that
    downloads what was typed on the page (fill.js looks for the class sotay-docx), and the blank
    file as a small link. Screen only: print views leave both out."""
    t = _t(lang)
    return (f'[{t["docx_button"]}]({name}){{ .md-button .md-button--primary .sotay-docx download="{name}" }}\n'
            f'[{t["docx_blank"]}]({name}){{ .sotay-docx-blank download="{name}" }}\n{{ .sotay-docx-line .sotay-screen-only }}\n\n')


def format_note(form: Form, lang: str | None = None) -> str:
    """The one short note every form page carries about the document format, in ``lang``
    (by default the page's language).

    What public copies of 36-HD/VPTW show is stated (A4, the header and its line, the
    asterisk under the issuing body, the summary in lower case, T/M for a collective
    body); what only unofficial sources show is said once, with whom to ask."""
    t = _t(lang or form.page.lang)
    if form.internal:
        return f'!!! note "{t["internal_title"]}"\n\n    {t["internal_text"]}\n\n'
    text = t["format_text"].format(code=form.doc_code, sign=t["sign_minutes"] if form.minutes else t["sign_one"],
                                   recipients=t["recipients"] if form.recipients else "")
    return f'!!! note "{t["format_title"]}"\n\n    {text}\n\n'


RECIPIENTS_CELL = re.compile(r"(\|\s*)" + re.escape(RECIPIENTS) + r"(<br)")


# The document on a page in another language: it stays Vietnamese, and says so to
# screen readers and browsers (hyphenation, fonts, translation tools).
DOC_OPEN_VI = '<div class="sotay-doc" lang="vi" markdown>'


def page_markdown(markdown: str, page: Page) -> str:
    """Add the format note and the Word download button just before the document, in the
    page's language (``L``). On a page in another language than Vietnamese, the document
    (still in Vietnamese) and its name in the table of contents are marked lang="vi"."""
    if page.type != "form":
        return markdown
    lines = markdown.split("\n")
    try:
        k = next(i for i, s in enumerate(lines) if s.strip() == DOC_OPEN)
    except StopIteration:
        return markdown
    form = parse_form(page)
    button = docx_button(docx_name(page).rsplit("/", 1)[-1], page.lang)
    extra = format_note(form) + button
    foreign = page.lang != DEFAULT_LANG
    if foreign:
        lines[k] = lines[k].replace(DOC_OPEN, DOC_OPEN_VI)
        # The document's headings carry lang="vi" themselves too: the table of contents
        # lists them outside the document (sotay.site.mark_vietnamese marks those links).
        depth = 0
        for i in range(k, len(lines)):
            st = lines[i].strip()
            depth += st.startswith("<div") - (st == DIV_CLOSE)
            if depth == 0:
                break
            if HEADING.match(lines[i]):
                lines[i] = lines[i].rstrip() + ' { lang="vi" }'
    if form.recipients:
        # lets the page lay out the recipients list as the Word file does (left-aligned, smaller,
        # "Nơi nhận:" underlined)
        lines = [s.replace('<div class="doc-signature" markdown>', '<div class="doc-signature doc-signature--recipients" markdown>')
                 for s in lines]
        lines = [RECIPIENTS_CELL.sub(lambda m: f'{m.group(1)}<span class="doc-recipients">{RECIPIENTS}</span>{m.group(2)}', s)
                 if s.startswith("|") else s for s in lines]
    lines = _title_as_heading(lines, foreign)
    return "\n".join(lines[:k]) + ("\n" if k else "") + extra + "\n".join(lines[k:])


TITLE_OPEN = '<div class="doc-title" markdown>'
BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*$")


def _title_as_heading(lines: list[str], foreign: bool = False) -> list[str]:
    """The document's name ("BIÊN BẢN") as the page's h2, so the document's own
    section headings (h3) sit under it: the heading levels of the page do not
    jump from h1 to h3, and the table of contents has a link to the document.
    ``foreign``: the page is in another language; the heading is marked lang="vi"."""
    try:
        start = next(i for i, s in enumerate(lines) if s.strip() == TITLE_OPEN)
    except StopIteration:
        return lines
    for i in range(start + 1, len(lines)):
        s = lines[i].strip()
        if not s:
            continue
        m = BOLD_LINE.match(s)
        if m:
            attrs = '.doc-title__name lang="vi"' if foreign else ".doc-title__name"
            lines = lines[:i] + [f"## {m.group(1)} {{ {attrs} }}"] + lines[i + 1:]
        break
    return lines
