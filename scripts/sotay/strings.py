"""The string tables: one per language, every text the build writes into a page.

``STRINGS[lang]`` holds the texts of one language, under the name of the module that
writes them (``STRINGS["en"]["training"]["lesson"]``); a module takes its part with
:func:`table` (``L = strings.table("render")``: ``L["en"]`` is ``STRINGS["en"]["render"]``,
the same dict). The terms check (sotay.checks.terms) reads every English string here.
Keep the Vietnamese and English tables in step: tests/test_pipeline.py checks they have
the same keys.
"""
from __future__ import annotations

LANGS = ("vi", "en")

# sotay.render: the basis line and box, generated lists, sources and glossary tables.
_RENDER = {
    "vi": {
        "basis": "Căn cứ",
        "reference": "Tham khảo",
        "reviewed": "Rà soát lần cuối",
        "next": "rà soát tiếp trước",
        "unverified": "chưa đối chiếu văn bản gốc",
        "pilot": "thí điểm",
        "superseded": "đã được thay thế bởi",
        "history": "Văn bản trước đây (chỉ để tham khảo lịch sử, không còn là căn cứ)",
        "overdue": "Trang này đã quá hạn rà soát ({due}). Đối chiếu với văn bản hiện hành hoặc hỏi cấp ủy cấp trên trước khi áp dụng.",
        "of": "của",
        "date": "ngày",
        "nodate": "chưa rõ ngày ban hành",
        "check_note": "Văn bản có dấu * được dẫn theo bản tin, bài viết công khai: hỏi cấp ủy cấp trên trực tiếp để có bản gốc.",
        "expected": "sắp thay đổi",
        "expected_long": "Sắp thay đổi",
        "expected_page": "van-ban/thay-doi-sap-toi.md",
        # The sources page (<!-- sotay:sources -->)
        "in_force_docs": "Văn bản đang có hiệu lực",
        "pilot_docs": "Văn bản thí điểm",
        "superseded_docs": "Văn bản đã được thay thế (chỉ để tham khảo lịch sử)",
        "reference_docs": "Bài viết, tài liệu tham khảo",
        "title": "Tên",
        "issued": "Ngày ban hành",
        "unknown": "chưa rõ",
        "issuer": "Cơ quan ban hành",
        "status": "Trạng thái",
        "superseded_by": "Được thay thế bởi",
        "checked": "Đối chiếu",
        "seen": "Đã thấy trong nguồn công khai",
        "not_checked": "**Chưa đối chiếu văn bản gốc**: dẫn theo bản tin, bài viết công khai",
        "note": "Ghi chú",
        # The glossaries (<!-- sotay:glossary -->, <!-- sotay:terms -->)
        "abbr_head": "| Viết tắt | Nghĩa |\n|---|---|\n",
        "terms_head": "| Tiếng Việt | Tiếng Anh | Ghi chú |\n|---|---|---|\n",
        "terms_not": "Không dùng",
        "task": "Việc cần làm",
    },
    "en": {
        "basis": "Basis",
        "reference": "Further reading",
        "reviewed": "Last reviewed",
        "next": "next review by",
        "unverified": "not yet checked against the original text",
        "pilot": "pilot",
        "superseded": "superseded by",
        "history": "Earlier documents (history only, no longer a basis)",
        "overdue": "This page is past its review date ({due}). Check it against the documents in force or ask the upper-level committee before relying on it.",
        "of": "by",
        "date": "of",
        "nodate": "date not confirmed",
        "check_note": "Documents marked * are cited from public news reports or articles: ask the upper-level committee for the original.",
        "expected": "change expected",
        "expected_long": "Change expected",
        "expected_page": "van-ban/thay-doi-sap-toi.md",
        "in_force_docs": "Documents in force",
        "pilot_docs": "Pilot documents",
        "superseded_docs": "Superseded documents (history only)",
        "reference_docs": "Articles and other references",
        "title": "Title",
        "issued": "Date",
        "unknown": "not confirmed",
        "issuer": "Issued by",
        "status": "Status",
        "superseded_by": "Superseded by",
        "checked": "Checked",
        "seen": "Seen in a public source",
        "not_checked": "**Not yet checked against the original**: cited from public reports",
        "note": "Note",
        "abbr_head": "| Abbreviation | Meaning | Vietnamese |\n|---|---|---|\n",
        "terms_head": "| Vietnamese | English | Notes |\n|---|---|---|\n",
        "terms_not": "Not",
        "task": "Task",
    },
}

# sotay.training: the workshop kit's generated text.
_TRAINING = {
    "vi": {
        "overview": "Tổng quan bài học",
        "time": "Thời lượng",
        "teaching": "giảng",
        "exercises": "bài tập, thực hành",
        "min": "phút",
        "questions": "Câu hỏi của bài",
        "objectives": "Sau bài này, học viên",
        "keypoints": "Điểm chính",
        "clock": "Giờ",
        "item": "Nội dung",
        "teach_col": "Giảng",
        "ex_col": "Bài tập",
        "total": "Cộng",
        "lunch": "Nghỉ trưa",
        "open": "Mở bài học",
        "section": "Mục",
        "quiz_key": "Đáp án phần Tự kiểm tra",
        "question": "Câu",
        "notes_title": "Ghi chú cho giảng viên",
        "learner_hint": ("Các ghi chú trên trang này chỉ hiện ở **chế độ giảng viên**. Bấm nút “Chế độ giảng viên” "
                         "ở đầu trang, hoặc mở trang với địa chỉ có thêm `?view=giang-vien`."),
        "view_group": "Chế độ xem của trang tập huấn",
        "view_toggle": "Chế độ giảng viên",
        "print": "In tài liệu học viên",
        "print_hint": "Bản in học viên không có đáp án, ghi chú giảng viên và đáp án tự kiểm tra.",
        "no_lessons": "Chưa có bài học nào (trang loại lesson trong tap-huan/).",
        "lesson": "Bài học",
        "useful": "Hữu ích (1–5)",
        "length": "Thời lượng",
        "length_boxes": "☐ Ít ☐ Vừa ☐ Nhiều",
        "day": {},  # the titles of DAY are written in Vietnamese
    },
    "en": {
        "overview": "Lesson overview",
        "time": "Time",
        "teaching": "teaching",
        "exercises": "exercises",
        "min": "min",
        "questions": "Questions",
        "objectives": "After this lesson, learners can",
        "keypoints": "Key points",
        "clock": "Time",
        "item": "Item",
        "teach_col": "Teaching",
        "ex_col": "Exercises",
        "total": "Total",
        "lunch": "Lunch break",
        "open": "Open the lesson",
        "section": "Section",
        "quiz_key": "Answer key of the self-check quiz",
        "question": "Question",
        "notes_title": "Trainer notes",
        "learner_hint": ("The notes on this page show only in the **trainer view**. Press “Trainer view” at the top "
                         "of the page, or open the page with `?view=giang-vien` added to its address."),
        "view_group": "View of the training page",
        "view_toggle": "Trainer view",
        "print": "Print the learner handout",
        "print_hint": "The learner handout leaves out solutions, trainer notes and the quiz answer key.",
        "no_lessons": "No lessons yet (pages of type lesson in tap-huan/).",
        "lesson": "Lesson",
        "useful": "Useful (1–5)",
        "length": "Length",
        "length_boxes": "☐\u00a0Short ☐\u00a0Right ☐\u00a0Long",  # no break between a box and its word
        # The half-days and fixed slots of DAY, by their Vietnamese title.
        "day": {
            "Buổi sáng": "Morning",
            "Buổi chiều": "Afternoon",
            "Giải lao": "Break",
            "Khai mạc: làm quen, mục tiêu và cách học của lớp": "Opening: introductions, aims and how the course works",
            "Ôn nhanh buổi sáng, giải đáp thắc mắc": "Quick review of the morning, questions",
            "Tổng kết lớp, điền phiếu đánh giá, bế giảng": "Course review, evaluation forms, closing",
        },
    },
}

# sotay.forms: the page around a form's document (Word button, format note).
_FORMS = {
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

# sotay.tools: the tools' pages and tools.js (sotay.tools.strings).
_TOOLS = {
    "vi": {
        "basis": "Căn cứ",
        "guide": "Cách làm",
        "open_form": "Mở mẫu",
        "timing": {"rule": "Quy định", "suggested": "Gợi ý của sổ tay", "local": "Thời hạn của địa phương",
                   "upper": "Theo kế hoạch của cấp ủy cấp trên"},
        "practice": "Cách làm ở nhiều nơi, chưa thấy trong văn bản Trung ương",
        "before": "{n} ngày trước buổi họp",
        "before_range": "{a} đến {b} ngày trước buổi họp",
        "after": "{n} ngày sau buổi họp",
        "after_range": "{a} đến {b} ngày sau buổi họp",
        "same_day": "Ngày họp",
        "same_or_after": "Ngày họp đến {b} ngày sau",
        "deadline": "chậm nhất",
        "no_date": "Chọn ngày họp để xem ngày cụ thể.",
        "weekdays": ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
        "kind": "Loại buổi sinh hoạt",
        "date": "Ngày họp",
        "kit": "Bộ tài liệu chuyên đề",
        "summary": "{kind}: {date}.",
        "minutes": "Tối thiểu {n} phút",
        "reset": "Bắt đầu tháng mới",
        "reset_confirm": "Xóa các dấu tích và ngày họp của tháng này để chuẩn bị tháng mới? (Các ô đã điền vào mẫu vẫn giữ.)",
        "reset_done": "Đã xóa dấu tích và ngày họp. Chọn ngày họp của tháng mới.",
        "done": "Đã làm",
        "ticked": "Đã xong {n}/{total} việc.",
        "steps": "Các bước và ngày",
        "packet": "Bộ văn bản của buổi họp",
        "print_packet": "In cả bộ",
        "print_packet_hint": "In các văn bản của buổi họp đã chọn, theo thứ tự, với nội dung đã điền, trong một lần in.",
        "packet_docx": "Cả bộ một tệp Word",
        "packet_pdf": "Cả bộ bản PDF (trống)",
        "docx_filled": "Tải Word đã điền",
        "docx_blank": "Mẫu trống (.docx)",
        "docx_busy": "Đang tạo bản Word…",
        "docx_done": "Đã tạo bản Word ({n} chỗ đã điền).",
        "docx_failed": "Không tạo được bản Word đã điền: {error}. Hãy tải mẫu trống hoặc dùng nút In.",
        "docx_file_url": "Trang đang mở từ tệp trên máy (file://) nên không tạo được bản Word đã điền. Hãy tải mẫu trống hoặc dùng nút In.",
        "not_for_kind": "Không dùng cho loại buổi này",
        "packet_help": "Điền một lần ở ô dưới đây: tên chi bộ, ngày họp… hiện ngay trong mọi văn bản của bộ (và trên các trang mẫu). Nội dung chỉ lưu trên trình duyệt này.",
        "checklist": "Việc đã làm",
        "show_doc": "Xem, điền văn bản",
        # vote calculator
        "decision": "Việc cần biểu quyết",
        "numbers": "Số đảng viên",
        "base": "Tổng số tính biểu quyết",
        "need": "Số tán thành cần có",
        "result": "Kết quả",
        "validity": "Buổi họp có hợp lệ không",
        "passes": "Đạt: {votes} tán thành, cần ít nhất {need}.",
        "fails": "Không đạt: {votes} tán thành, cần ít nhất {need}.",
        "more_than": "hơn {frac}",
        "at_least": "ít nhất {frac}",
        "fractions": {"1/2": "một nửa", "2/3": "hai phần ba", "1/3": "một phần ba", "3/4": "ba phần tư"},
        "base_line": "{full} − {minus} = {base}",
        "base_none": "{full} (không trừ ai)",
        "need_more": "{base} × {num}/{den} = {q}; phải lớn hơn {q} → ít nhất {need}",
        "need_least": "{base} × {num}/{den} = {q} → ít nhất {need}",
        "need_least_round": "{base} × {num}/{den} = {q}; làm tròn lên → ít nhất {need}",
        "quorum_ok": "Có mặt {present}, cần ít nhất {need}: đủ.",
        "quorum_short": "Có mặt {present}, cần ít nhất {need}: chưa đủ.",
        "present_short": "Có mặt {present}, ít hơn {need}: dù tất cả người có mặt tán thành cũng không đạt. Hoãn biểu quyết sang buổi sau hoặc hỏi cấp ủy cấp trên.",
        "ballot": "Hình thức biểu quyết",
        "ask": "Hỏi cấp ủy cấp trên",
        "err_integer": "“{label}” phải là số nguyên từ 0 trở lên.",
        "err_excluded": "Số người được trừ ({minus}) lớn hơn tổng số đảng viên chính thức ({full}).",
        "err_present": "Số có mặt ({present}) lớn hơn tổng số tính biểu quyết ({base}).",
        "err_votes": "Số tán thành ({votes}) lớn hơn số có mặt ({present}).",
        "err_base": "Tổng số tính biểu quyết bằng 0: không tính được. Hỏi cấp ủy cấp trên.",
        "enter": "Nhập số đảng viên để xem kết quả.",
        "rules_table": "Bảng quy tắc",
        "rule_col": ["Việc", "Cần", "Tính trên", "Căn cứ"],
        "base_word": "tổng số đảng viên chính thức, trừ: {list}",
        # year plan
        "year": "Năm kế hoạch",
        "cell_type": "Loại hình chi bộ",
        "print_plan": "In kế hoạch",
        "plan_docx": "Tải kế hoạch bản Word",
        "plan_blank": "Bản Word trống (.docx)",
        "plan_table": ["Tháng", "Sinh hoạt", "Bộ tài liệu gợi ý"],
        "kits": "Bộ tài liệu chuyên đề gợi ý",
        "month": "Tháng {m}",
        "plan_regular": "Thường kỳ",
        "plan_topic": "Chuyên đề",
        "plan_combined": "Thường kỳ kết hợp chuyên đề",
        "plan_review": "Kiểm điểm cuối năm",
        "noscript": "Trình duyệt đang tắt JavaScript: các bước, mẫu và quy tắc vẫn đọc được dưới đây, nhưng không tính ngày, không tính phiếu.",
    },
    "en": {
        "basis": "Basis",
        "guide": "How to",
        "open_form": "Open the form",
        "timing": {"rule": "Rule", "suggested": "Handbook's suggestion", "local": "Local deadline",
                   "upper": "As the upper-level committee plans"},
        "practice": "Common practice, not found in central documents",
        "before": "{n} days before the meeting",
        "before_1": "1 day before the meeting",
        "before_range": "{a} to {b} days before the meeting",
        "after": "{n} days after the meeting",
        "after_1": "1 day after the meeting",
        "after_range": "{a} to {b} days after the meeting",
        "same_day": "Meeting day",
        "same_or_after": "Meeting day to {b} days after",
        "deadline": "at the latest",
        "no_date": "Pick the meeting date to see the dates.",
        "weekdays": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "kind": "Kind of meeting",
        "date": "Meeting date",
        "kit": "Thematic meeting kit",
        "summary": "{kind}: {date}.",
        "minutes": "At least {n} minutes",
        "reset": "Start a new month",
        "reset_confirm": "Clear this month's ticks and meeting date to prepare a new month? (What you typed into the forms stays.)",
        "reset_done": "Ticks and date cleared. Pick the new month's meeting date.",
        "done": "Done",
        "ticked": "{n} of {total} steps done.",
        "steps": "Steps and dates",
        "packet": "The meeting's documents",
        "print_packet": "Print the whole packet",
        "print_packet_hint": "Prints the documents of the chosen meeting, in order, with what you typed, in one print job.",
        "packet_docx": "Whole packet as one Word file",
        "packet_pdf": "Whole packet as PDF (blank)",
        "docx_filled": "Download Word, filled in",
        "docx_blank": "Blank form (.docx)",
        "docx_busy": "Making the Word file…",
        "docx_done": "Word file made ({n} fields filled).",
        "docx_failed": "Could not make the filled Word file: {error}. Download the blank form or print instead.",
        "docx_file_url": "The page is opened from a file (file://), so the filled Word file cannot be made. Download the blank form or print instead.",
        "not_for_kind": "Not used for this kind of meeting",
        "packet_help": "Type once below: the cell's name, the date… appear in every document of the packet (and on the form pages). Kept in this browser only. The documents are in Vietnamese, as they are filed.",
        "checklist": "Done",
        "show_doc": "Show and fill in the document",
        "decision": "What is being decided",
        "numbers": "Members",
        "base": "Vote base",
        "need": "Votes needed",
        "result": "Result",
        "validity": "Is the meeting valid",
        "passes": "Passes: {votes} in favour, at least {need} needed.",
        "fails": "Does not pass: {votes} in favour, at least {need} needed.",
        "more_than": "more than {frac}",
        "at_least": "at least {frac}",
        "fractions": {"1/2": "half", "2/3": "two thirds", "1/3": "one third", "3/4": "three quarters"},
        "base_line": "{full} − {minus} = {base}",
        "base_none": "{full} (nobody left out)",
        "need_more": "{base} × {num}/{den} = {q}; must be more than {q} → at least {need}",
        "need_least": "{base} × {num}/{den} = {q} → at least {need}",
        "need_least_round": "{base} × {num}/{den} = {q}; rounded up → at least {need}",
        "quorum_ok": "{present} present, at least {need} needed: enough.",
        "quorum_short": "{present} present, at least {need} needed: not enough.",
        "present_short": "{present} present, fewer than {need}: even if everyone present agrees, it does not pass. Postpone the vote or ask the upper-level committee.",
        "ballot": "How to vote",
        "ask": "Ask the upper-level committee",
        "err_integer": "“{label}” must be a whole number, 0 or more.",
        "err_excluded": "The members left out ({minus}) are more than the full members ({full}).",
        "err_present": "Members present ({present}) are more than the vote base ({base}).",
        "err_votes": "Votes in favour ({votes}) are more than the members present ({present}).",
        "err_base": "The vote base is 0: nothing to count. Ask the upper-level committee.",
        "enter": "Enter the numbers to see the result.",
        "rules_table": "The rules",
        "rule_col": ["Decision", "Needs", "Counted on", "Basis"],
        "base_word": "full members, leaving out: {list}",
        "year": "Year",
        "cell_type": "Kind of cell",
        "print_plan": "Print the plan",
        "plan_docx": "Download the plan (Word)",
        "plan_blank": "Blank Word file (.docx)",
        "plan_table": ["Month", "Meeting", "Suggested kit"],
        "kits": "Suggested thematic meeting kits",
        "month": "Month {m}",
        "plan_regular": "Regular",
        "plan_topic": "Thematic meeting",
        "plan_combined": "Regular and thematic meeting together",
        "plan_review": "Year-end review",
        "noscript": "JavaScript is off: the steps, forms and rules below can still be read, but dates and votes are not calculated.",
    },
}

# sotay.site: the note on an English address that shows the Vietnamese text.
_SITE = {
    "vi": {"fallback_title": "", "fallback_text": ""},
    "en": {"fallback_title": "Vietnamese only",
           "fallback_text": "This page has not been translated yet. The text below is the Vietnamese original."},
}

# sotay.phone: the skip link's text.
_PHONE = {
    "vi": {"skip": "Đến nội dung chính"},
    "en": {"skip": "Skip to content"},
}

STRINGS: dict[str, dict[str, dict]] = {
    lang: {"render": _RENDER[lang], "training": _TRAINING[lang], "forms": _FORMS[lang], "tools": _TOOLS[lang],
           "site": _SITE[lang], "phone": _PHONE[lang]}
    for lang in LANGS
}


def table(name: str) -> dict[str, dict]:
    """{lang: the texts of module ``name``} (the dicts of :data:`STRINGS`, not copies)."""
    return {lang: STRINGS[lang][name] for lang in LANGS}
