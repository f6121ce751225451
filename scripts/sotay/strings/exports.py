"""The texts of the print views, the offline copy, the service worker's pages, the 404 and
redirect pages (part of sotay.strings: see its docstring)."""
from __future__ import annotations

# sotay.printbook: the print views and PDFs (cover, contents, quiz key) and the print links above every page.
_PRINTBOOK = {
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


# sotay.offline: the offline box of the home and about pages, the notice in the zip.
_OFFLINE = {
    "vi": {
        "title": "Đọc khi không có mạng",
        "intro": "Trang nào đã mở thì lần sau mở lại được cả khi mất sóng. Muốn đọc mọi trang, tìm kiếm và "
                 "tải biểu mẫu khi không có mạng, hãy lưu cả sổ tay một lần lúc có mạng (nên dùng wifi).",
        "save": "Lưu cả sổ tay để đọc khi không có mạng",
        "save_size": "Dung lượng: <span data-sotay-size=\"{group}\">vài MB</span> (các trang, tìm kiếm, biểu mẫu Word).",
        "pdf": "Lưu thêm các tệp PDF để in",
        "pdf_size": "Lưu riêng vì lớn: <span data-sotay-size=\"{group}\">vài MB</span>.",
        "progress": "Tiến độ lưu",
        "install": "Cài sổ tay lên màn hình điện thoại",
        "android": "<strong>Android (Chrome):</strong> mở trình đơn <strong>⋮</strong> ở góc trên, chọn "
                   "“Cài đặt ứng dụng” hoặc “Thêm vào màn hình chính”.",
        "install_now": "Cài đặt ngay",
        "ios": "<strong>iPhone, iPad (Safari):</strong> bấm nút Chia sẻ (ô vuông có mũi tên lên), chọn "
               "“Thêm vào Màn hình chính”. Nên cài: Safari có thể xóa dữ liệu đã lưu của một trang web "
               "sau 7 ngày không mở, trừ khi trang đã được thêm vào màn hình chính.",
        "private": "Cửa sổ ẩn danh (riêng tư) không giữ được bản lưu: trình duyệt xóa khi đóng cửa sổ, "
                   "nên hãy lưu trong cửa sổ thường.",
        "computer": "Trên máy tính, cho lớp tập huấn:",
        "link": "tải bản zip",
        "zip": "tệp zip",
        "what": "cả sổ tay hai ngôn ngữ, tìm kiếm, bản in, PDF và biểu mẫu Word trong một tệp",
        "how": "Giải nén rồi mở tệp <code>index.html</code> trong thư mục <code>{folder}</code> bằng trình duyệt. "
               "Trên điện thoại, dùng nút lưu ở trên.",
        "here": "Bạn đang đọc <strong>bản không cần mạng</strong> của sổ tay (bản zip cho máy tính), dựng ngày {date}.",
        "update": "Văn bản và hướng dẫn có thể đã được cập nhật: bản mới nhất ở <code>{url}</code>.",
        "update_no_url": "Văn bản và hướng dẫn có thể đã được cập nhật: hỏi người gửi bản này để lấy bản mới nhất.",
        "size": "{size}, ngày {date}",
    },
    "en": {
        "title": "Reading without a network",
        "intro": "A page you have opened opens again with no signal. To read every page, search and download "
                 "the forms with no network, save the whole handbook once while you are online (Wi-Fi is best).",
        "save": "Save the whole handbook for offline reading",
        "save_size": "Size: <span data-sotay-size=\"{group}\">a few MB</span> (pages, search, Word forms).",
        "pdf": "Also save the PDF files for printing",
        "pdf_size": "Kept apart because they are large: <span data-sotay-size=\"{group}\">a few MB</span>.",
        "progress": "Saving progress",
        "install": "Install the handbook on your phone's home screen",
        "android": "<strong>Android (Chrome):</strong> open the <strong>⋮</strong> menu at the top, choose "
                   "“Install app” or “Add to Home screen”.",
        "install_now": "Install now",
        "ios": "<strong>iPhone, iPad (Safari):</strong> tap the Share button (a square with an arrow pointing up), "
               "choose “Add to Home Screen”. Worth doing: Safari may delete what a website saved after 7 days "
               "without a visit, unless the site was added to the home screen.",
        "private": "A private (incognito) window cannot keep a saved copy: the browser deletes it when the window "
                   "closes, so save in a normal window.",
        "computer": "On a computer, for workshops:",
        "link": "download the zip",
        "zip": "zip file",
        "what": "the whole handbook in both languages, search, print views, PDFs and Word forms in one file",
        "how": "Unzip it, then open <code>index.html</code> in the <code>{folder}</code> folder in a browser. "
               "On a phone, use the save button above.",
        "here": "You are reading the <strong>offline copy</strong> of the handbook (the zip for computers), built on {date}.",
        "update": "Documents and guidance may have changed since: the current edition is at <code>{url}</code>.",
        "update_no_url": "Documents and guidance may have changed since: ask whoever gave you this copy for the current one.",
        "size": "{size}, {date}",
    },
}


# sotay.pwa: the page shown offline for a page not saved, the save sizes.
_PWA = {
    "vi": {
        "title": "Trang này chưa được lưu trên máy",
        "lead": "Máy đang không có mạng, và trang này chưa được lưu để đọc khi không có mạng.",
        "home": "Về trang chủ",
        "read": "Các trang đã mở trước đây vẫn đọc được. Nếu đã lưu cả sổ tay, ô tìm kiếm ở đầu trang cũng dùng được.",
        "save": "Khi có mạng, bấm “Lưu cả sổ tay để đọc khi không có mạng” ở trang chủ: lần sau đọc được mọi trang.",
        "retry": "Có mạng lại thì tải lại trang này.",
        "size": "khoảng {size}",
        "pdf": "{n} tệp, {size}",
    },
    "en": {
        "title": "This page is not saved on this device",
        "lead": "There is no network, and this page has not been saved for reading offline.",
        "home": "Go to the home page",
        "read": "Pages you have opened before can still be read. If the whole handbook is saved, search works too.",
        "save": "When you are online, press “Save the whole handbook for offline reading” on the home page to read every page next time.",
        "retry": "Reload this page when the network is back.",
        "size": "about {size}",
        "pdf": "{n} files, {size}",
    },
}


# sotay.home: the home page's print links and the PDF's size.
_HOME = {
    "vi": {"group": "In cả sổ tay", "view": "In cả sổ tay", "view_title": "Cả sổ tay trên một trang, sẵn để in",
           "pdf": "Tải PDF", "pdf_title": "Bản PDF khổ A4 có mục lục và số trang", "meta": "PDF khổ A4",
           "size": "{size}, {pages} trang"},
    "en": {"group": "Print the handbook", "view": "Print the handbook",
           "view_title": "The whole handbook on one page, ready to print",
           "pdf": "Download PDF", "pdf_title": "A4 PDF with contents and page numbers", "meta": "A4 PDF",
           "size": "{size}, {pages} pages"},
}


# sotay.deploy: the 404 pages.
_DEPLOY = {
    "vi": {
        "title": "Không tìm thấy trang",
        "lead": "Địa chỉ này không có trong sổ tay. Có thể trang đã đổi tên, hoặc địa chỉ gõ chưa đúng.",
        "home": "Về trang chủ",
        "search": "Tìm bằng ô tìm kiếm ở đầu trang (gõ có dấu hoặc không dấu đều được).",
        "sections": [("huong-dan/", "Hướng dẫn"), ("hoi-dap/", "Hỏi đáp tình huống"), ("mau/", "Mẫu và biểu mẫu"),
                     ("tap-huan/", "Tập huấn"), ("van-ban/", "Văn bản căn cứ")],
        "browse": "Hoặc mở một phần của sổ tay:",
    },
    "en": {
        "title": "Page not found",
        "lead": "There is no page at this address. It may have been renamed, or the address may be mistyped.",
        "home": "Go to the home page",
        "search": "Use the search box at the top of the page (with or without Vietnamese accents).",
        "sections": [("huong-dan/", "Guides"), ("hoi-dap/", "Questions and answers"), ("mau/", "Templates and forms"),
                     ("tap-huan/", "Training"), ("van-ban/", "Documents cited")],
        "browse": "Or open a part of the handbook:",
    },
}


# sotay.redirects: the pages at old addresses.
_REDIRECTS = {
    "vi": {
        "title": "Trang đã chuyển: {title}",
        "lead": "Nội dung ở địa chỉ này đã được gộp vào trang:",
        "auto": "Trình duyệt sẽ tự chuyển sang trang mới. Nếu không, bấm vào liên kết trên. "
                "Nên lưu lại địa chỉ mới.",
        "description": "Trang cũ, nay là: {title}",
    },
    "en": {
        "title": "Page moved: {title}",
        "lead": "What was at this address is now part of:",
        "auto": "Your browser should open the new page by itself. If it does not, follow the link above "
                "and update your bookmark.",
        "description": "Old address; the answer is now at: {title}",
    },
}
