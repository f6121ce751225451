/* Fill-in for form pages (docs/mau/, type: form). No server, no library.
 *
 * The page's document is <div class="sotay-doc"> (on a topic-session kit,
 * the placeholders are in the page's text); each placeholder is
 * <span class="ph" data-ph="name" title="Label">[Label]</span> (made by
 * scripts/sotay/render.py). This script adds a panel (closed until opened)
 * with one input per placeholder, shows the typed values in the document as you type, keeps them
 * in this browser (localStorage), prints the document ("In") and builds a
 * filled Word file from the generated one ("Tải bản Word đã điền"): it fetches
 * mau/<name>.docx, replaces each "[Label]" run of word/document.xml (one
 * highlighted run per placeholder, see scripts/sotay/docx_export.py) and
 * writes the zip again (entries copied as they are; the edited one stored).
 *
 * Values are shared between forms (the cell's name is typed once), except
 * document numbers (names starting "so_"), which each form keeps for itself.
 *
 * On a form page the big "Tải bản Word" link (a.sotay-docx) downloads the file
 * with what was typed; "Mẫu trống" (a.sotay-docx-blank) is the blank file.
 * Pages that hold several documents (the tools in docs/cong-cu/) mark each with
 * data-fill-form="<form name>" (its own document numbers) and the place of the
 * panel with data-fill-panel ("open": opened and built at once). Their scripts
 * use window.sotayFill (download, set, values) rather than a copy of this code.
 */
(function () {
  "use strict";

  var STORE = "sotay.fill.v1";
  var FORM_STORE_PREFIX = "sotay.fill.v1:";
  var DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  function perForm(name) { return /^so_/.test(name); }

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
    if (eocd < 0) throw new Error(TEXT.notZip);
    var count = v.getUint16(eocd + 10, true);
    var p = v.getUint32(eocd + 16, true);
    var dec = new TextDecoder();
    var out = [];
    for (var n = 0; n < count; n++) {
      if (v.getUint32(p, true) !== 0x02014b50) throw new Error(TEXT.badZip);
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
    if (e.method !== 8) return Promise.reject(new Error(TEXT.method));
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error(TEXT.noInflate));
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

  /* Replace the text of each placeholder run ("[Label]", highlighted) by its value.
     labels: {name: label}, or a list of [name, label] pairs when one name has several
     labels (the packet of forms: "Ngày họp" and "Ngày sinh hoạt" are both ngay_hop). */
  function fillXml(xml, values, labels) {
    var byLabel = {};
    var pairs = Array.isArray(labels) ? labels : Object.keys(labels).map(function (n) { return [n, labels[n]]; });
    pairs.forEach(function (p) { byLabel["[" + p[1] + "]"] = p[0]; });
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
      if (!res.ok) throw new Error(TEXT.notFetched(url, res.status));
      return res.arrayBuffer();
    }).then(function (ab) {
      var entries = readZip(new Uint8Array(ab));
      var doc = entries.filter(function (e) { return e.name === "word/document.xml"; })[0];
      if (!doc) throw new Error(TEXT.noDocument);
      return inflate(doc).then(function (bytes) {
        var r = fillXml(new TextDecoder().decode(bytes), values, labels);
        doc.data = new TextEncoder().encode(r.xml);
        return { blob: writeZip(entries), filled: r.filled };
      });
    });
  }

  /* -------------------------------------------------------------- page */

  /* The panel's words, in the page's language (<html lang>). The Word file is the
     Vietnamese document on both sites; on an English page each placeholder also carries
     the Vietnamese label the Word file shows (data-docx-label, scripts/sotay/render.py). */
  var TEXTS = {
    vi: {
      title: function (n) { return "Điền vào mẫu ngay trên trang (" + n + " ô)"; },
      help: "Gõ vào các ô; văn bản bên dưới đổi theo. Nội dung chỉ lưu trên trình duyệt này, không gửi đi đâu. " +
        "Tên chi bộ, ngày họp… được điền sẵn ở các mẫu khác; số văn bản nhớ riêng từng mẫu.",
      print: "In", clear: "Xóa các ô đã điền", cleared: "Đã xóa các ô của mẫu này.",
      main: "Tải bản Word", mainFilled: function (n) { return "Tải bản Word đã điền (" + n + " ô)"; },
      busy: "Đang tạo bản Word…",
      done: function (n) { return "Đã tạo bản Word (" + n + " chỗ đã điền). Các chỗ chưa điền vẫn tô vàng trong tệp."; },
      fileUrl: "Trang đang mở từ tệp trên máy (file://) nên trình duyệt không cho đọc bản Word gốc: tệp tải về là mẫu trống. " +
        "Hãy dùng nút “In” (có thể chọn “Lưu thành PDF”), hoặc mở Sổ tay qua địa chỉ web để tải bản đã điền.",
      failed: function (e) { return "Không tạo được bản Word đã điền: " + e + ". Hãy tải mẫu trống và điền trong Word, hoặc dùng nút “In”."; },
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
      print: "Print", clear: "Clear the fields", cleared: "The fields of this form have been cleared.",
      main: "Download the Word file (in Vietnamese)",
      mainFilled: function (n) { return "Download the filled-in Word file (" + n + " fields)"; },
      busy: "Making the Word file…",
      done: function (n) { return "Word file made (" + n + " fields filled in). Fields left blank are still highlighted in yellow in the file."; },
      fileUrl: "This page is open from a file on your computer (file://), so the browser cannot read the Word file: the download is the blank form. " +
        "Use “Print” (you can choose “Save as PDF”), or open the handbook at its web address to download the filled-in file.",
      failed: function (e) { return "Could not make the filled-in Word file: " + e + ". Download the blank form and fill it in Word, or use “Print”."; },
      notFetched: function (url, status) { return "could not download " + url + " (" + status + ")"; },
      noDocument: "the Word file has no word/document.xml",
      notZip: "not a .docx (zip) file", badZip: "the zip directory is damaged", method: "unknown zip compression",
      noInflate: "this browser cannot unpack the Word file",
      filledSuffix: "-filled.docx"
    }
  };
  var TEXT = TEXTS.vi;
  function language() { return TEXTS[(document.documentElement.getAttribute("lang") || "vi").slice(0, 2)] || TEXTS.vi; }

  var state = null;  // the page's fields, values and spans, once init() has run

  /* Where the panel goes: the element marked data-fill-panel (tool pages), else before
     the form's document, or, on a topic-session kit (no document, placeholders in the
     text), before the first block of the page that has a placeholder. */
  function anchor() {
    var here = document.querySelector("[data-fill-panel]");
    if (here) return here;
    var doc = document.querySelector(".sotay-doc");
    if (doc) return doc;
    var first = document.querySelector(".md-content__inner .ph[data-ph]");
    var article = first && first.closest(".md-content__inner");
    if (!article) return null;
    var node = first;
    while (node.parentNode && node.parentNode !== article) node = node.parentNode;
    return node.parentNode === article ? node : null;
  }

  function pageForm() {
    var link = document.querySelector("a.sotay-docx");
    var name = link ? (link.getAttribute("download") || link.pathname.split("/").pop()) : location.pathname;
    return name.replace(/\.docx$/, "").replace(/^.*\//, "") || "trang";
  }

  /* A field is one input: a shared name ("ten_chi_bo"), or a document number of one form ("so_van_ban"@form). */
  function scopeOf(span, fallback) {
    var holder = span.closest("[data-fill-form]");
    return holder ? holder.getAttribute("data-fill-form") : fallback;
  }
  function keyOf(name, scope) { return perForm(name) ? scope + "|" + name : name; }

  function collect() {
    var fallback = pageForm();
    var spans = Array.prototype.slice.call(document.querySelectorAll(".md-content .ph[data-ph]"));
    var fields = [], byKey = {};
    var shared = load(STORE), own = {};
    spans.forEach(function (s) {
      var name = s.getAttribute("data-ph"), scope = scopeOf(s, fallback), key = keyOf(name, scope);
      s.setAttribute("data-ph-key", key);
      if (byKey[key]) { byKey[key].spans.push(s); return; }
      if (perForm(name) && !(scope in own)) own[scope] = load(FORM_STORE_PREFIX + scope);
      var holder = s.closest("[data-fill-form]");
      var f = {
        key: key, name: name, scope: scope, spans: [s], label: s.getAttribute("title") || name,
        where: perForm(name) && holder ? holder.getAttribute("data-fill-title") || scope : "",
        value: (perForm(name) ? own[scope][name] : shared[name]) || ""
      };
      byKey[key] = f;
      fields.push(f);
    });
    // A page of several documents (a packet): the names most documents use come first,
    // each document's own numbers last; one document keeps its order.
    var scopes = {};
    fields.forEach(function (f) {
      f.docs = {};
      f.spans.forEach(function (s) { f.docs[scopeOf(s, fallback)] = 1; scopes[scopeOf(s, fallback)] = 1; });
      f.rank = perForm(f.name) ? -1 : Object.keys(f.docs).length;
    });
    if (Object.keys(scopes).length > 1) {
      fields = fields.map(function (f, i) { return [f, i]; }).sort(function (a, b) {
        return (b[0].rank - a[0].rank) || (a[1] - b[1]);
      }).map(function (p) { return p[0]; });
    }
    return { fields: fields, byKey: byKey, shared: shared, own: own, fallback: fallback, inputs: {} };
  }

  function show(f) {
    var v = (f.value || "").trim();
    f.spans.forEach(function (s) {
      s.textContent = v || "[" + s.getAttribute("title") + "]";
      s.classList.toggle("ph--filled", !!v);
    });
  }

  function store(f) {
    if (perForm(f.name)) {
      var o = state.own[f.scope] || (state.own[f.scope] = load(FORM_STORE_PREFIX + f.scope));
      if (f.value) o[f.name] = f.value; else delete o[f.name];
      save(FORM_STORE_PREFIX + f.scope, o);
    } else {
      if (f.value) state.shared[f.name] = f.value; else delete state.shared[f.name];
      save(STORE, state.shared);
    }
  }

  /* Set a shared value from a script (e.g. the year of the plan), as if it had been typed. */
  function set(name, value) {
    if (!state) return;
    var f = state.byKey[name];
    if (!f) return;
    f.value = value == null ? "" : String(value);
    show(f);
    store(f);
    if (state.inputs[name]) state.inputs[name].value = f.value;
    changed();
  }

  /* The values and the placeholder labels of one document (scope): shared values and its own numbers. */
  function valuesFor(scope) {
    var out = {};
    Object.keys(state.shared).forEach(function (k) { out[k] = state.shared[k]; });
    var o = state.own[scope] || load(FORM_STORE_PREFIX + scope);
    Object.keys(o).forEach(function (k) { out[k] = o[k]; });
    return out;
  }
  function labelsFor(scope) {
    var pairs = [], seen = {};
    state.fields.forEach(function (f) {
      f.spans.forEach(function (s) {
        if (scope != null && scopeOf(s, state.fallback) !== scope) return;
        var label = s.getAttribute("data-docx-label") || s.getAttribute("title") || f.name, k = f.name + "\n" + label;
        if (perForm(f.name) && scope == null) return;  // a packet of forms: numbers are ambiguous
        if (!seen[k]) { seen[k] = 1; pairs.push([f.name, label]); }
      });
    });
    return pairs;
  }

  function filledCount() {
    return state ? state.fields.filter(function (f) { return (f.value || "").trim(); }).length : 0;
  }

  function saveBlob(blob, filename) {
    var a = el("a", { href: URL.createObjectURL(blob), download: filename });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
  }

  /* Download a Word file with the values of one document (scope; null = every document of
     the page, for a packet). say(text, isError) reports progress. Resolves to the count filled. */
  function download(url, scope, filename, say) {
    say = say || function () {};
    if (location.protocol === "file:") {
      say(TEXT.fileUrl, true);
      return Promise.reject(new Error("file://"));
    }
    say(TEXT.busy);
    return filledDocx(url, scope == null ? state.shared : valuesFor(scope), labelsFor(scope)).then(function (r) {
      saveBlob(r.blob, filename);
      say(TEXT.done(r.filled));
      return r.filled;
    }, function (e) {
      say(TEXT.failed(e && e.message ? e.message : e), true);
      throw e;
    });
  }

  var listeners = [];
  function changed() { listeners.forEach(function (fn) { try { fn(); } catch (e) { /* keep going */ } }); }

  function statusAfter(node) {
    var next = node.nextElementSibling;
    if (next && next.classList.contains("sotay-fill__status")) return next;
    var p = el("p", { "class": "sotay-fill__status", role: "status", "aria-live": "polite" });
    node.parentNode.insertBefore(p, node.nextSibling);
    return p;
  }
  function sayIn(p) {
    return function (text, error) {
      p.textContent = text;
      p.classList.toggle("sotay-fill__status--error", !!error);
    };
  }

  /* The form page's big Word link: the file with what was typed. */
  function initMainLink() {
    var link = document.querySelector("a.sotay-docx");
    if (!link || link.getAttribute("data-fill-ready")) return;
    link.setAttribute("data-fill-ready", "1");
    var label = function () {
      var n = filledCount();
      link.textContent = n ? TEXT.mainFilled(n) : TEXT.main;
    };
    label();
    listeners.push(label);
    var say = sayIn(statusAfter(link.closest("p") || link));
    link.addEventListener("click", function (ev) {
      if (!filledCount()) return;            // nothing typed: the file as it is
      if (location.protocol === "file:") {   // the browser cannot read the file to fill it
        say(TEXT.fileUrl, true);
        return;
      }
      ev.preventDefault();
      var name = (link.getAttribute("download") || "mau.docx").replace(/\.docx$/, TEXT.filledSuffix);
      download(link.href, state.fallback, name, say).catch(function () {});
    });
  }

  function init() {
    TEXT = language();
    var where = anchor();
    if (!where || where.getAttribute("data-fill-ready")) return;
    where.setAttribute("data-fill-ready", "1");
    state = collect();
    if (!state.fields.length) return;
    state.fields.forEach(function (f) { if (f.value) show(f); });
    initMainLink();

    /* The panel is closed at first on a form page: on a phone the document comes right
       after the button, and the page does not pay for one input per placeholder until
       somebody opens it. Values typed earlier (here or on another form) are shown in
       the document straight away. */
    var panel = el("details", { "class": "sotay-fill" });
    panel.appendChild(el("summary", { "class": "sotay-fill__title" }, TEXT.title(state.fields.length)));
    if (where.hasAttribute("data-fill-panel")) where.appendChild(panel);
    else where.parentNode.insertBefore(panel, where);  // after the download button, before the document
    var built = false;
    panel.addEventListener("toggle", function () {
      if (panel.open && !built) { built = true; build(panel); }
    });
    if (where.getAttribute("data-fill-panel") === "open") { built = true; build(panel); panel.open = true; }
  }

  function build(panel) {
    panel.appendChild(el("p", { "class": "sotay-fill__help" }, TEXT.help));
    var grid = el("div", { "class": "sotay-fill__fields" });
    state.fields.forEach(function (f) {
      var label = el("label", {});
      label.appendChild(el("span", {}, f.label + (f.where ? " — " + f.where : "")));
      var input = el("input", { type: "text", name: f.key, "data-ph": f.name, autocomplete: "off" });
      if (f.where) input.setAttribute("data-form", f.scope);
      input.value = f.value;
      input.addEventListener("input", function () {
        f.value = input.value;
        show(f);
        store(f);
        changed();
      });
      state.inputs[f.key] = input;
      label.appendChild(input);
      grid.appendChild(label);
    });
    panel.appendChild(grid);

    var actions = el("div", { "class": "sotay-fill__actions" });
    var printBtn = el("button", { type: "button", "class": "md-button md-button--primary", "data-act": "print" }, TEXT.print);
    var clearBtn = el("button", { type: "button", "class": "md-button", "data-act": "clear" }, TEXT.clear);
    if (!document.querySelector("[data-fill-panel]")) actions.appendChild(printBtn);  // tools have their own print
    actions.appendChild(clearBtn);
    panel.appendChild(actions);
    var say = sayIn(panel.appendChild(el("p", { "class": "sotay-fill__status", role: "status", "aria-live": "polite" })));

    printBtn.addEventListener("click", function () { window.print(); });
    clearBtn.addEventListener("click", function () {
      state.fields.forEach(function (f) {
        f.value = "";
        show(f);
        store(f);
        if (state.inputs[f.key]) state.inputs[f.key].value = "";
      });
      changed();
      say(TEXT.cleared);
    });
  }

  // Exposed for the tools (docs/assets/javascripts/tools.js) and the tests.
  window.sotayFill = {
    fillXml: fillXml, readZip: readZip, writeZip: writeZip, crc32: crc32, filledDocx: filledDocx,
    download: function (url, scope, filename, say) { return download(url, scope, filename, say); },
    set: set,
    values: function (scope) { return state ? valuesFor(scope) : {}; },
    filled: filledCount,
    onChange: function (fn) { listeners.push(fn); },
    ready: function () { return !!state; }
  };

  window.sotayOnPage(init);  // page.js
})();
