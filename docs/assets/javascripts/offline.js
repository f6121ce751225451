/*
 * Sổ tay sinh hoạt chi bộ: reading with no network (every page, deferred).
 *
 *  - registers the service worker /sw.js (written by scripts/sotay/pwa.py; its
 *    logic is offline-sw.js) with Workbox's window library, vendored in
 *    vendor/workbox/ and loaded after the page;
 *  - when a new build's worker is installed and waiting, shows
 *    "Có bản cập nhật — tải lại"; the button lets it take over and reloads;
 *  - on pages with the offline box (<!-- sotay:offline-zip -->, markup in
 *    scripts/sotay/offline.py): "Lưu cả sổ tay" and the PDFs, with the size,
 *    a progress bar, the saved state, and what went wrong (no space, no
 *    network, storage refused, a newer build online) in words a reader can act on;
 *  - Android's install prompt, where the browser offers one.
 *
 * Nothing happens on file:// (the zip for computers has no worker) or where the
 * browser has no service workers.
 */
(function () {
  "use strict"

  var TEXT = {
    vi: {
      update: "Có bản cập nhật — tải lại",
      notSaved: "Chưa lưu.",
      partial: "Đã tải {have}/{total} tệp, chưa xong. Bấm “Tải tiếp” để tải nốt {left}.",
      resume: "Tải tiếp",
      saving: "Đang lưu… {have}/{total} tệp ({done} / {size}). Giữ trang này mở đến khi xong.",
      saved: "Đã lưu, đọc được khi không có mạng (bản ngày {date}, {size}).",
      savedPdf: "Đã lưu các tệp PDF, mở được khi không có mạng ({size}).",
      forget: "Xóa bản đã lưu",
      network: "Mất kết nối khi đang tải: mới có {have}/{total} tệp, chưa dùng được khi không có mạng. Khi có mạng lại, bấm “Tải tiếp”: các tệp đã tải được giữ lại.",
      quota: "Máy không đủ chỗ trống để lưu (cần khoảng {size}{free}). Chưa lưu xong: {have}/{total} tệp. Xóa bớt ảnh, video hoặc ứng dụng không dùng rồi bấm “Tải tiếp”.",
      free: ", còn {free}",
      changed: "Sổ tay vừa có bản mới trên mạng. Đợi thông báo “Có bản cập nhật — tải lại”, tải lại trang rồi bấm lưu.",
      denied: "Trình duyệt không cho trang này lưu dữ liệu trên máy (có thể đang ở cửa sổ ẩn danh hoặc riêng tư, hoặc trình duyệt chặn dữ liệu trang web). Mở sổ tay trong cửa sổ thường, hoặc dùng bản zip trên máy tính.",
      unavailable: "Chưa lưu được: trang web này chưa có phần giúp đọc khi không có mạng (tệp sw.js). Báo người quản trị trang web, hoặc dùng bản zip trên máy tính.",
      unsupported: "Trình duyệt này (hoặc cửa sổ ẩn danh, riêng tư) không lưu được sổ tay để đọc khi không có mạng. Dùng Chrome, Edge, Firefox hoặc Safari bản mới trong cửa sổ thường, hoặc bản zip trên máy tính.",
      error: "Chưa lưu được ({what}). Bấm “Tải tiếp” để thử lại.",
      starting: "Đang chuẩn bị…",
    },
    en: {
      update: "An update is available — reload",
      notSaved: "Not saved yet.",
      partial: "{have} of {total} files downloaded, not finished. Press “Continue” to get the remaining {left}.",
      resume: "Continue",
      saving: "Saving… {have} of {total} files ({done} of {size}). Keep this page open until it is done.",
      saved: "Saved: readable with no network (edition of {date}, {size}).",
      savedPdf: "PDF files saved: they open with no network ({size}).",
      forget: "Delete the saved copy",
      network: "The connection dropped while saving: {have} of {total} files so far, not usable offline yet. When you are online again, press “Continue”: the files already downloaded are kept.",
      quota: "Not enough free space on this device (about {size} needed{free}). Not finished: {have} of {total} files. Free some space (photos, videos, unused apps), then press “Continue”.",
      free: ", {free} free",
      changed: "A new edition of the handbook has just been published. Wait for “An update is available — reload”, reload, then save.",
      denied: "The browser does not let this page store data on the device (a private or incognito window, or site data blocked). Open the handbook in a normal window, or use the zip on a computer.",
      unavailable: "Cannot save: this website does not serve the part that makes offline reading work (the file sw.js). Tell the site's administrator, or use the zip on a computer.",
      unsupported: "This browser (or a private, incognito window) cannot save the handbook for offline reading. Use a recent Chrome, Edge, Firefox or Safari in a normal window, or the zip on a computer.",
      error: "Could not save ({what}). Press “Continue” to try again.",
      starting: "Getting ready…",
    },
  }
  var LANG = document.documentElement.lang === "en" ? "en" : "vi"
  var T = TEXT[LANG]
  var script = document.currentScript
  var ROOT = new URL("../../", script ? script.src : location.href)   // assets/javascripts/offline.js
  var boxes = document.querySelectorAll(".sotay-offline [data-group]")

  function fmt(s, o) { return s.replace(/\{(\w+)\}/g, function (_, k) { return o[k] != null ? o[k] : "" }) }

  function size(n) {
    var s = n >= 1e6 ? (n / 1e6).toFixed(1) + " MB" : Math.max(1, Math.round(n / 1e3)) + " KB"
    return LANG === "vi" ? s.replace(".", ",") : s
  }

  function day(iso) {
    if (LANG !== "vi" || !iso) return iso || ""
    var p = iso.split("-")
    return p[2] + "/" + p[1] + "/" + p[0]
  }

  function each(fn) { Array.prototype.forEach.call(boxes, fn) }

  if (!/^https?:$/.test(location.protocol)) return
  if (!("serviceWorker" in navigator) || !window.caches) {
    each(function (box) { show(box, { text: T.unsupported, state: "unsupported" }) })
    return
  }

  /* --- Talking to the active worker --------------------------------------- */
  function ask(msg) {
    return navigator.serviceWorker.ready.then(function (reg) {
      return new Promise(function (resolve, reject) {
        var ch = new MessageChannel()
        ch.port1.onmessage = function (e) { resolve(e.data) }
        if (!reg.active) return reject(new Error("no active worker"))
        reg.active.postMessage(msg, [ch.port2])
      })
    })
  }

  /* --- The save box -------------------------------------------------------- */
  function parts(box) {
    return {
      button: box.querySelector('[data-act="save"]'),
      bar: box.querySelector("progress"),
      status: box.querySelector('[role="status"]'),
      forget: box.querySelector('[data-act="forget"]'),
      label: box.__label || (box.__label = box.querySelector('[data-act="save"]').textContent),
    }
  }

  function show(box, o) {
    var p = parts(box)
    box.setAttribute("data-state", o.state)
    p.status.textContent = o.text || ""
    p.bar.hidden = o.state !== "saving"
    if (o.state === "saving" && o.total) { p.bar.max = o.total; p.bar.value = o.have }
    p.button.disabled = /^(saving|unsupported|denied|unavailable)$/.test(o.state)
    p.button.hidden = o.state === "saved"
    p.button.textContent = o.resume ? T.resume : p.label
    p.forget.hidden = o.state !== "saved"
    p.forget.textContent = T.forget
  }

  function render(box, s) {
    var pdf = /^pdf-/.test(box.getAttribute("data-group"))
    var info = { have: s.have, total: s.total, size: size(s.bytes), done: size(s.haveBytes),
                 left: size(s.bytes - s.haveBytes), date: day(s.date) }
    if (s.saved) return show(box, { state: "saved", text: fmt(pdf ? T.savedPdf : T.saved, info) })
    if (s.error) return showError(box, s, info)
    if (s.have > 0) return show(box, { state: "partial", text: fmt(T.partial, info), resume: true })
    show(box, { state: "idle", text: "" })
  }

  function showError(box, s, info) {
    var kind = s.error
    var resume = s.have > 0   // "Tải tiếp" once something is kept
    if (kind === "quota") {
      return navigator.storage && navigator.storage.estimate ? navigator.storage.estimate().then(function (e) {
        var free = e.quota ? Math.max(0, e.quota - e.usage) : null
        info.free = free != null && free < s.bytes ? fmt(T.free, { free: size(free) }) : ""
        show(box, { state: "quota", text: fmt(T.quota, info), resume: resume })
      }, function () { show(box, { state: "quota", text: fmt(T.quota, info), resume: resume }) })
        : show(box, { state: "quota", text: fmt(T.quota, info), resume: resume })
    }
    if (kind === "network") return show(box, { state: "network", text: fmt(T.network, info), resume: resume })
    if (kind === "changed") return show(box, { state: "changed", text: T.changed, resume: resume })
    if (kind === "denied") return show(box, { state: "denied", text: T.denied })
    if (kind === "unavailable") return show(box, { state: "unavailable", text: T.unavailable })
    show(box, { state: "error", text: fmt(T.error, { what: kind }), resume: resume })
  }

  function refresh(box) {
    return ask({ type: "STATUS", group: box.getAttribute("data-group") })
      .then(function (s) { box.__status = s; render(box, s); return s })
  }

  function enoughSpace(s) {
    var need = s.bytes - s.haveBytes
    if (!navigator.storage || !navigator.storage.estimate) return Promise.resolve(true)
    return navigator.storage.estimate().then(function (e) {
      return !e.quota || e.quota - e.usage > need * 1.1 + 1e6
    }, function () { return true })
  }

  function save(box) {
    var group = box.getAttribute("data-group")
    show(box, { state: "saving", text: T.starting })
    // Ask the browser to keep what is saved when the device runs low on space (it may say no).
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {})
    return ask({ type: "STATUS", group: group }).then(function (s) {
      return enoughSpace(s).then(function (ok) {
        if (!ok) return render(box, Object.assign({}, s, { error: "quota" }))
        return step()
      })
    }).catch(function (err) { showError(box, { error: "denied", have: 0, total: 0 }, {}); console.warn(err) })

    function step() {
      return ask({ type: "SAVE", group: group, limit: 12 }).then(function (s) {
        box.__status = s
        if (s.error || s.saved) return render(box, s)
        show(box, { state: "saving", have: s.have, total: s.total,
                    text: fmt(T.saving, { have: s.have, total: s.total, done: size(s.haveBytes), size: size(s.bytes) }) })
        return step()
      })
    }
  }

  function forget(box) {
    return ask({ type: "FORGET", group: box.getAttribute("data-group") }).then(function (s) { render(box, s) })
  }

  each(function (box) {
    parts(box).button.addEventListener("click", function () { save(box) })
    parts(box).forget.addEventListener("click", function () { forget(box) })
  })

  /* --- Install prompt (Android Chrome and others that offer one) ----------- */
  var installButton = document.querySelector('.sotay-offline [data-act="install"]')
  var deferred = null
  window.addEventListener("beforeinstallprompt", function (e) {
    e.preventDefault()
    deferred = e
    if (installButton) installButton.hidden = false
  })
  if (installButton) installButton.addEventListener("click", function () {
    if (!deferred) return
    deferred.prompt()
    deferred = null
    installButton.hidden = true
  })

  /* --- Update notice -------------------------------------------------------- */
  var notice = null
  function showUpdate(wb) {
    if (notice) return
    notice = document.createElement("div")
    notice.className = "sotay-update"
    notice.setAttribute("role", "alert")
    var button = document.createElement("button")
    button.type = "button"
    button.textContent = T.update
    button.addEventListener("click", function () {
      button.disabled = true
      reloading = true
      wb.messageSkipWaiting()
    })
    notice.appendChild(button)
    document.body.appendChild(notice)
  }

  /* --- Registration ---------------------------------------------------------- */
  var reloading = false
  function start() {
    var wb = new window.workbox.Workbox(new URL("sw.js", ROOT).href, { scope: ROOT.pathname, updateViaCache: "none" })
    wb.addEventListener("waiting", function () { showUpdate(wb) })
    wb.addEventListener("controlling", function (e) {
      // A new build took over (this tab's button, or another tab's): show its pages.
      if (e.isUpdate || reloading) location.reload()
    })
    wb.register().then(function (reg) {
      if (!reg) throw Object.assign(new Error("not registered"), { name: "SecurityError" })
      return navigator.serviceWorker.ready
    }).then(function () {
      // The page read before the worker was there: keep it too.
      ask({ type: "KEEP", url: location.href }).catch(function () {})
      each(function (box) { parts(box).button.disabled = false; refresh(box).catch(function () {}) })
    }).catch(function (err) {
      // SecurityError: the browser refuses (site data blocked, some private windows);
      // anything else: sw.js could not be fetched or run (not published, `mkdocs serve`).
      console.warn("sotay: service worker", err)
      var kind = err && err.name === "SecurityError" ? "denied" : "unavailable"
      each(function (box) { showError(box, { error: kind, have: 0, total: 0 }, {}) })
    })
    window.addEventListener("online", function () {
      wb.update().catch(function () {})
      each(function (box) { if (/network/.test(box.getAttribute("data-state") || "")) refresh(box).catch(function () {}) })
    })
  }

  function load() {
    if (window.workbox && window.workbox.Workbox) return start()
    var s = document.createElement("script")
    s.src = new URL("assets/javascripts/vendor/workbox/workbox-window.prod.umd.js", ROOT).href
    s.onload = start
    s.onerror = function () { each(function (box) { show(box, { text: T.unsupported, state: "unsupported" }) }) }
    document.head.appendChild(s)
  }

  // After the page has loaded, when the main thread is idle: the worker and the shell it
  // downloads never compete with what the reader came for.
  function later() {
    if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 3000 })
    else setTimeout(load, 500)
  }
  if (document.readyState === "complete") later()
  else window.addEventListener("load", later)
})()
