"""A form's document as data (sotay.forms): runs, paragraphs, tables, the parsed form, and the markers of the Party's document format."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from .. import text as vtext
from ..model import Page


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
