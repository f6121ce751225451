/* Fill-in for form pages (docs/mau/, type: form). No server, no library.
 *
 * The page's document is <div class="sotay-doc"> (on a topic-session kit,
 * the placeholders are in the page's text); each placeholder is
 * <span class="ph" data-ph="name" title="Label">[Label]</span> (made by
 * scripts/sotay/render.py). This script adds a panel (closed until opened)
 * with one input per placeholder, shows the typed values in the document as you type, keeps them
 * in this browser (localStorage), prints the document ("In") and builds a
 * filled Word file from the generated one ("Tải bản Word đã điền"; English words on
 * English pages, table T): it fetches
 * mau/<name>.docx, replaces each "[Label]" run of word/document.xml (one
 * highlighted run per placeholder, see scripts/sotay/docx_export.py) and
 * writes the zip again (entries copied as they are; the edited one stored).
 *
 * Values are shared between forms (the cell's name is typed once), except
 * document numbers (names starting "so_"), which each form keeps for itself.
 */
(function () {
  "use strict";

  var STORE = "sotay.fill.v1";
  var FORM_STORE_PREFIX = "sotay.fill.v1:";
  var DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  function perForm(name) { return /^so_/.test(name); }

  /* The panel's words, in the page's language (<html lang>). The Word file is the
     Vietnamese document on both sites; on an English page each field also carries
     the Vietnamese label the Word file shows (data-docx-label, scripts/sotay/render.py). */
  var T = {
    vi: {
      title: function (n) { return "Điền vào mẫu ngay trên trang (" + n + " ô)"; },
      help: "Gõ vào các ô; văn bản bên dưới đổi theo. Nội dung chỉ lưu trên trình duyệt này, không gửi đi đâu. " +
        "Tên chi bộ, ngày họp… được điền sẵn ở các mẫu khác; số văn bản nhớ riêng từng mẫu.",
      print: "In", docx: "Tải bản Word đã điền", clear: "Xóa các ô đã điền",
      cleared: "Đã xóa các ô của mẫu này.",
      fileUrl: "Trang đang mở từ tệp trên máy (file://) nên trình duyệt không cho đọc bản Word gốc. " +
        "Hãy dùng nút “In” (có thể chọn “Lưu thành PDF”), hoặc tải bản Word trống và điền trong Word, " +
        "hoặc mở Sổ tay qua địa chỉ web.",
      making: "Đang tạo bản Word…",
      made: function (n) { return "Đã tạo bản Word (" + n + " chỗ đã điền). Các chỗ chưa điền vẫn tô vàng trong tệp."; },
      failed: function (e) { return "Không tạo được bản Word đã điền: " + e + ". Hãy tải bản Word trống và điền trong Word, hoặc dùng nút “In”."; },
      notFetched: function (url, status) { return "không tải được " + url + " (" + status + ")"; },
      noDocument: "tệp Word thiếu word/document.xml",
      notZip: "không phải tệp .docx (zip)", badZip: "mục lục zip hỏng", method: "kiểu nén zip lạ",
      noInflate: "trình duyệt này không giải nén được tệp Word",
      filledSuffix: "-da-dien.docx"
    },
    en: {
      title: function (n) { return "Fill in the blanks on this page (" + n + " fields)"; },
      help: "Type in the fields; the text below changes as you type. What you type is kept in this browser only and sent nowhere. " +
        "The cell's name, the meeting date… are filled in on the other forms too; document numbers are kept per form. " +
        "The Word file is the Vietnamese document: type the values as they should appear in it.",
      print: "Print", docx: "Download the filled-in Word file", clear: "Clear the fields",
      cleared: "The fields of this form have been cleared.",
      fileUrl: "This page is open from a file on your computer (file://), so the browser cannot read the Word file. " +
        "Use “Print” (you can choose “Save as PDF”), or download the blank Word file and fill it in Word, " +
        "or open the handbook at its web address.",
      making: "Making the Word file…",
      made: function (n) { return "Word file made (" + n + " fields filled in). Fields left blank are still highlighted in yellow in the file."; },
      failed: function (e) { return "Could not make the filled-in Word file: " + e + ". Download the blank Word file and fill it in Word, or use “Print”."; },
      notFetched: function (url, status) { return "could not download " + url + " (" + status + ")"; },
      noDocument: "the Word file has no word/document.xml",
      notZip: "not a .docx (zip) file", badZip: "the zip directory is damaged", method: "unknown zip compression",
      noInflate: "this browser cannot unpack the Word file",
      filledSuffix: "-filled.docx"
    }
  };
  var S = T.vi;
  function language() { return T[(document.documentElement.getAttribute("lang") || "vi").slice(0, 2)] || T.vi; }

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(key, obj) {
    try { window.localStorage.setItem(key, JSON.stringify(obj)); return true; } catch (e) { return false; }
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---------------------------------------------------------------- zip */

  var CRC_TABLE = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  /* Entries of a zip file: name, method, crc, sizes, raw (compressed) data. */
  function readZip(buf) {
    var v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    var eocd = -1;
    for (var i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
      if (v.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new Error(S.notZip);
    var count = v.getUint16(eocd + 10, true);
    var p = v.getUint32(eocd + 16, true);
    var dec = new TextDecoder();
    var out = [];
    for (var n = 0; n < count; n++) {
      if (v.getUint32(p, true) !== 0x02014b50) throw new Error(S.badZip);
      var e = {
        flags: v.getUint16(p + 8, true),
        method: v.getUint16(p + 10, true),
        time: v.getUint16(p + 12, true),
        date: v.getUint16(p + 14, true),
        crc: v.getUint32(p + 16, true),
        csize: v.getUint32(p + 20, true),
        usize: v.getUint32(p + 24, true)
      };
      var nlen = v.getUint16(p + 28, true), elen = v.getUint16(p + 30, true), clen = v.getUint16(p + 32, true);
      var local = v.getUint32(p + 42, true);
      e.nameBytes = buf.subarray(p + 46, p + 46 + nlen);
      e.name = dec.decode(e.nameBytes);
      var start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
      e.raw = buf.subarray(start, start + e.csize);
      out.push(e);
      p += 46 + nlen + elen + clen;
    }
    return out;
  }

  function inflate(e) {
    if (e.method === 0) return Promise.resolve(e.raw);
    if (e.method !== 8) return Promise.reject(new Error(S.method));
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error(S.noInflate));
    }
    var stream = new Blob([e.raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /* Write entries back; an entry with .data (uncompressed bytes) is stored as is. */
  function writeZip(entries) {
    var parts = [], central = [], offset = 0;
    entries.forEach(function (e) {
      var data = e.data ? e.data : e.raw;
      var method = e.data ? 0 : e.method;
      var crc = e.data ? crc32(e.data) : e.crc;
      var usize = e.data ? e.data.length : e.usize;
      var flags = e.flags & 0x0800;  // keep "UTF-8 names"; no data descriptor
      var h = new DataView(new ArrayBuffer(30));
      h.setUint32(0, 0x04034b50, true); h.setUint16(4, 20, true); h.setUint16(6, flags, true);
      h.setUint16(8, method, true); h.setUint16(10, e.time, true); h.setUint16(12, e.date, true);
      h.setUint32(14, crc, true); h.setUint32(18, data.length, true); h.setUint32(22, usize, true);
      h.setUint16(26, e.nameBytes.length, true); h.setUint16(28, 0, true);
      parts.push(new Uint8Array(h.buffer), e.nameBytes, data);
      var c = new DataView(new ArrayBuffer(46));
      c.setUint32(0, 0x02014b50, true); c.setUint16(4, 20, true); c.setUint16(6, 20, true);
      c.setUint16(8, flags, true); c.setUint16(10, method, true); c.setUint16(12, e.time, true);
      c.setUint16(14, e.date, true); c.setUint32(16, crc, true); c.setUint32(20, data.length, true);
      c.setUint32(24, usize, true); c.setUint16(28, e.nameBytes.length, true);
      c.setUint32(42, offset, true);
      central.push(new Uint8Array(c.buffer), e.nameBytes);
      offset += 30 + e.nameBytes.length + data.length;
    });
    var cdSize = central.reduce(function (s, b) { return s + b.length; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, entries.length, true); end.setUint16(10, entries.length, true);
    end.setUint32(12, cdSize, true); end.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [new Uint8Array(end.buffer)]), { type: DOCX_TYPE });
  }

  /* ------------------------------------------------------- document.xml */

  function xmlEscape(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function xmlUnescape(s) {
    return String(s).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  }

  /* Replace the text of each placeholder run ("[Label]", highlighted) by its value. */
  function fillXml(xml, values, labels) {
    var byLabel = {};
    Object.keys(labels).forEach(function (name) { byLabel["[" + labels[name] + "]"] = name; });
    var filled = 0;
    var out = xml.replace(/<w:r(?:\s[^>]*)?>[\s\S]*?<\/w:r>/g, function (run) {
      if (run.indexOf("<w:highlight") < 0) return run;
      var m = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/.exec(run);
      if (!m) return run;
      var name = byLabel[xmlUnescape(m[1])];
      var value = name ? (values[name] || "").trim() : "";
      if (!value) return run;
      filled++;
      return run
        .replace(/<w:highlight\b[^>]*\/>/, "")
        .replace(m[0], '<w:t xml:space="preserve">' + xmlEscape(value) + "</w:t>");
    });
    return { xml: out, filled: filled };
  }

  function filledDocx(url, values, labels) {
    return fetch(url, { cache: "no-cache" }).then(function (res) {
      if (!res.ok) throw new Error(S.notFetched(url, res.status));
      return res.arrayBuffer();
    }).then(function (ab) {
      var entries = readZip(new Uint8Array(ab));
      var doc = entries.filter(function (e) { return e.name === "word/document.xml"; })[0];
      if (!doc) throw new Error(S.noDocument);
      return inflate(doc).then(function (bytes) {
        var r = fillXml(new TextDecoder().decode(bytes), values, labels);
        doc.data = new TextEncoder().encode(r.xml);
        return { blob: writeZip(entries), filled: r.filled };
      });
    });
  }

  /* -------------------------------------------------------------- page */

  /* Where the panel goes: before the form's document, or, on a topic-session
     kit (no document, placeholders in the text), before the first block of
     the page that has a placeholder. */
  function anchor() {
    var doc = document.querySelector(".sotay-doc");
    if (doc) return doc;
    var first = document.querySelector(".md-content__inner .ph[data-ph]");
    var article = first && first.closest(".md-content__inner");
    if (!article) return null;
    var node = first;
    while (node.parentNode && node.parentNode !== article) node = node.parentNode;
    return node.parentNode === article ? node : null;
  }

  function init() {
    S = language();
    var doc = anchor();
    if (!doc || doc.getAttribute("data-fill-ready")) return;
    doc.setAttribute("data-fill-ready", "1");
    var spans = Array.prototype.slice.call(document.querySelectorAll(".sotay-doc .ph[data-ph], .md-content .ph[data-ph]"));
    var names = [], labels = {}, docxLabels = {};
    spans.forEach(function (s) {
      var n = s.getAttribute("data-ph");
      if (!(n in labels)) {
        labels[n] = s.getAttribute("title") || n;
        docxLabels[n] = s.getAttribute("data-docx-label") || labels[n];  // as the Word file shows it
        names.push(n);
      }
    });
    if (!names.length) return;

    var link = document.querySelector("a.sotay-docx");
    var docxUrl = link ? link.href : null;
    var docxName = link ? (link.getAttribute("download") || link.pathname.split("/").pop()) : "mau.docx";
    var formKey = FORM_STORE_PREFIX + docxName.replace(/\.docx$/, "");
    var shared = load(STORE), own = load(formKey);
    var values = {};
    names.forEach(function (n) { values[n] = (perForm(n) ? own[n] : shared[n]) || ""; });

    function show(name) {
      var v = (values[name] || "").trim();
      spans.forEach(function (s) {
        if (s.getAttribute("data-ph") !== name) return;
        s.textContent = v || "[" + labels[name] + "]";
        s.classList.toggle("ph--filled", !!v);
      });
    }

    /* The panel is closed at first: on a phone the document comes right after
       the button, and the page does not pay for one input per placeholder
       until somebody opens it. Values typed earlier (here or on another form)
       are shown in the document straight away. */
    var panel = el("details", { "class": "sotay-fill" });
    panel.appendChild(el("summary", { "class": "sotay-fill__title" }, S.title(names.length)));
    doc.parentNode.insertBefore(panel, doc);  // after the download button, before the document
    names.forEach(function (n) { if (values[n]) show(n); });
    var built = false;
    panel.addEventListener("toggle", function () {
      if (panel.open && !built) { built = true; build(); }
    });

    function build() {
      panel.appendChild(el("p", { "class": "sotay-fill__help" }, S.help));
      var grid = el("div", { "class": "sotay-fill__fields" });
      names.forEach(function (n) {
        var label = el("label", {});
        label.appendChild(el("span", {}, labels[n]));
        var input = el("input", { type: "text", name: n, "data-ph": n, autocomplete: "off" });
        input.value = values[n];
        input.addEventListener("input", function () {
          values[n] = input.value;
          show(n);
          var store = perForm(n) ? own : shared;
          if (input.value) store[n] = input.value; else delete store[n];
          save(perForm(n) ? formKey : STORE, store);
        });
        label.appendChild(input);
        grid.appendChild(label);
      });
      panel.appendChild(grid);

      var actions = el("div", { "class": "sotay-fill__actions" });
      var printBtn = el("button", { type: "button", "class": "md-button md-button--primary", "data-act": "print" }, S.print);
      var docxBtn = el("button", { type: "button", "class": "md-button", "data-act": "docx" }, S.docx);
      var clearBtn = el("button", { type: "button", "class": "md-button", "data-act": "clear" }, S.clear);
      actions.appendChild(printBtn);
      if (docxUrl) actions.appendChild(docxBtn);
      actions.appendChild(clearBtn);
      panel.appendChild(actions);
      var status = el("p", { "class": "sotay-fill__status", role: "status", "aria-live": "polite" });
      panel.appendChild(status);

      function say(text, error) {
        status.textContent = text;
        status.classList.toggle("sotay-fill__status--error", !!error);
      }

      printBtn.addEventListener("click", function () { window.print(); });
      clearBtn.addEventListener("click", function () {
        names.forEach(function (n) {
          values[n] = "";
          delete (perForm(n) ? own : shared)[n];
          show(n);
        });
        save(STORE, shared); save(formKey, own);
        Array.prototype.forEach.call(grid.querySelectorAll("input"), function (i) { i.value = ""; });
        say(S.cleared);
      });
      docxBtn.addEventListener("click", function () {
        if (location.protocol === "file:") {
          say(S.fileUrl, true);
          return;
        }
        say(S.making);
        filledDocx(docxUrl, values, docxLabels).then(function (r) {
          var a = el("a", { href: URL.createObjectURL(r.blob), download: docxName.replace(/\.docx$/, S.filledSuffix) });
          document.body.appendChild(a);
          a.click();
          setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
          say(S.made(r.filled));
        }).catch(function (e) {
          say(S.failed(e && e.message ? e.message : e), true);
        });
      });
    }
  }

  // Exposed for the tests (and for anyone scripting the page).
  window.sotayFill = { fillXml: fillXml, readZip: readZip, writeZip: writeZip, crc32: crc32 };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
