"""The words of the print views and PDFs, per language (the cover, the contents, the quiz key),
and of the print links above every page (overrides/partials/sotay-print.html, through
:func:`sotay.printbook.books.page_print`): a view of sotay.strings (``exports.py``, ``_PRINTBOOK``).
"""
from __future__ import annotations

from ..strings import table as string_table

L = string_table("printbook")  # the texts in each language (sotay.strings)
