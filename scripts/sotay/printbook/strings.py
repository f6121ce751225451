"""The words of the print views and PDFs, per language (the cover, the contents, the quiz key),
and of the print links above every page (overrides/partials/sotay-print.html, through
:func:`sotay.printbook.books.page_print`).

The English strings are checked against the handbook's terms (``sotay check terms``).
"""
from __future__ import annotations


L = {
    "vi": {
        "toc": "Mục lục",
        "printed": "Bản in ngày",
        "online": "Bản trực tuyến",
        "part": "Phần",
        "whole": "Toàn bộ sổ tay",
        "learner": "Bản dành cho học viên",
        "whole_training": "Phần Tập huấn in theo bản học viên: không có đáp án và ghi chú giảng viên",
        "trainer": "Bản dành cho giảng viên: có đáp án, đáp án tự kiểm tra và ghi chú giảng viên",
        "qr": "Mã QR tới bản trực tuyến",
        "key": "đáp án",
        "print_title": "bản in",
        "screen_note": "Bản in của cả phần, để in bằng trình duyệt (Ctrl+P) hoặc tải PDF.",
        "pdf": "Tải PDF",
        "back": "Về bản trực tuyến",
        "page": "tr.",
        "months": None,
        "actions": "Bản in và PDF",
        "print_section": "In cả phần",
        "print_whole": "In cả sổ tay",
        "print_section_title": "Cả phần trên một trang, sẵn để in",
        "print_whole_title": "Cả sổ tay trên một trang, sẵn để in",
        "pdf_title": "Bản PDF khổ A4 có mục lục và số trang",
        "trainer_pdf": "PDF giảng viên",
        "trainer_pdf_title": "Có đáp án và ghi chú giảng viên",
    },
    "en": {
        "toc": "Contents",
        "printed": "Printed on",
        "online": "Online",
        "part": "Part",
        "whole": "The whole handbook",
        "learner": "Learner edition",
        "whole_training": "The training part is the learner edition: no solutions or trainer notes",
        "trainer": "Trainer edition: with solutions, quiz answers and trainer notes",
        "qr": "QR code to the online version",
        "key": "answer",
        "print_title": "print edition",
        "screen_note": "The whole section on one page, to print from the browser (Ctrl+P) or download as PDF.",
        "pdf": "Download PDF",
        "back": "Back to the online version",
        "page": "p.",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),
        "actions": "Print and PDF",
        "print_section": "Print section",
        "print_whole": "Print the handbook",
        "print_section_title": "The whole section on one page, ready to print",
        "print_whole_title": "The whole handbook on one page, ready to print",
        "pdf_title": "A4 PDF with contents and page numbers",
        "trainer_pdf": "Trainer PDF",
        "trainer_pdf_title": "With solutions and trainer notes",
    },
}
