/*
 * Search loads when the reader opens it, not with every page.
 *
 * Material for MkDocs starts its search worker and downloads the search index
 * as soon as any page loads. Most visits never search, and readers on a phone
 * pay for it in data and battery. This script, loaded before Material's
 * bundle, holds back
 *
 *  - Material's request for search/search_index.json (XMLHttpRequest), and
 *  - the search worker (our docs/assets/javascripts/workers/sotay-search.js,
 *    which downloads search/sotay-<lang>.json itself),
 *
 * until the search box is opened or focused (click, tap, or the "/", "s", "f"
 * keys); a page opened from a search result (?h=…) gets Material's small
 * index file at once, to highlight the words. Opening search starts the
 * worker at once, so its download runs beside Material's request instead of
 * after it.
 *
 * On a fast connection the language's search file is fetched once per visit
 * at idle time, into the browser's cache, so search is ready sooner when it
 * is opened: only when the browser says the connection is fast
 * (navigator.connection.effectiveType "4g") and the reader has not asked to
 * save data (Save-Data); never where the browser does not say (Safari,
 * Firefox), nor in the offline copy. Nothing is built before search is opened.
 *
 * In the offline copy (file://) the worker runs on the page's own thread
 * (iframe-worker), so holding it back keeps page loads smooth there too.
 *
 * Nothing else changes: Material's code and search UI are used as they are.
 * What this relies on in Material: scripts/sotay/search.py, MATERIAL_ASSUMPTIONS.
 */
(function () {
  "use strict"

  var armed = false
  var waiting = []

  function arm() {
    if (armed) return
    armed = true
    var run = waiting
    waiting = []
    for (var i = 0; i < run.length; i++) run[i]()
  }

  function later(fn) {
    if (armed) fn()
    else waiting.push(fn)
  }

  /* A page opened from a search result (?h=…) needs Material's small index
     file at once, for its settings (how to find the words to highlight); the
     worker and the documents still wait until search is opened. */
  var highlighting = /[?&]h=/.test(location.search)

  /* The index download. */
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.__sotayLater = INDEX.test(new URL(String(url), location.href).pathname)
    } catch (e) {
      this.__sotayLater = false
    }
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments
    if (!this.__sotayLater || armed || highlighting) return send.apply(this, args)
    later(function () { send.apply(xhr, args) })
  }

  /* The search worker: created and spoken to only once search is used. */
  var Real = window.Worker
  if (typeof Real === "function") {
    var LazyWorker = function (url, options) {
      this.url = url
      this.onmessage = null
      this.onerror = null
      this.__options = options
      this.__worker = null
      this.__listeners = []
      this.__ended = false
      var self = this
      later(function () { self.__start() })   // as soon as search is opened
    }
    LazyWorker.prototype.__start = function () {
      if (this.__worker || this.__ended) return this.__worker
      var self = this
      var w = this.__worker = new Real(this.url, this.__options)
      w.onmessage = function (ev) { if (self.onmessage) self.onmessage(ev) }
      w.onerror = function (ev) { if (self.onerror) self.onerror(ev) }
      for (var i = 0; i < this.__listeners.length; i++) w.addEventListener.apply(w, this.__listeners[i])
      return w
    }
    LazyWorker.prototype.postMessage = function () {
      var self = this, args = arguments
      later(function () { var w = self.__start(); if (w) w.postMessage.apply(w, args) })
    }
    LazyWorker.prototype.addEventListener = function (type, fn, options) {
      this.__listeners.push([type, fn, options])
      if (this.__worker) this.__worker.addEventListener(type, fn, options)
    }
    LazyWorker.prototype.removeEventListener = function (type, fn, options) {
      this.__listeners = this.__listeners.filter(function (l) { return l[0] !== type || l[1] !== fn })
      if (this.__worker) this.__worker.removeEventListener(type, fn, options)
    }
    LazyWorker.prototype.dispatchEvent = function (ev) {
      return this.__worker ? this.__worker.dispatchEvent(ev) : true
    }
    LazyWorker.prototype.terminate = function () {
      this.__ended = true
      if (this.__worker) this.__worker.terminate()
    }
    window.Worker = function (url, options) {
      if (/\/workers\//.test(String(url))) return new LazyWorker(url, options)
      return new Real(url, options)
    }
    window.Worker.prototype = Real.prototype
  }

  /* What counts as opening search. */
  document.addEventListener("focusin", function (ev) {
    var t = ev.target
    if (t && t.classList && t.classList.contains("md-search__input")) arm()
  }, true)
  document.addEventListener("change", function (ev) {
    var t = ev.target
    if (t && t.id === "__search" && t.checked) arm()
  }, true)
  document.addEventListener("click", function (ev) {
    var t = ev.target
    if (t && t.closest && t.closest('label[for="__search"], .md-search')) arm()
  }, true)

  /* Idle prefetch on a fast connection (see above). */
  var PREFETCHED = "sotay-search-prefetched"
  function fast() {
    var c = navigator.connection
    return !!c && !c.saveData && c.effectiveType === "4g"
  }
  function prefetch() {
    if (armed || !fast() || !/^https?:$/.test(location.protocol) || typeof fetch !== "function") return
    try {
      if (sessionStorage.getItem(PREFETCHED)) return
      sessionStorage.setItem(PREFETCHED, "1")
    } catch (e) {
      return   // no storage: do not fetch again on every page
    }
    var config
    try {
      config = JSON.parse(document.getElementById("__config").textContent)
    } catch (e) {
      return
    }
    var worker = new URL(config.search, location.href)
    var lang = worker.searchParams.get("lang") || "vi"
    ;[worker.href, new URL("../../../search/sotay-" + lang + ".json", worker).href].forEach(function (url) {
      fetch(url, { credentials: "same-origin" }).catch(function () { /* a later search fetches it again */ })
    })
  }
  window.addEventListener("load", function () {
    if ("requestIdleCallback" in window) requestIdleCallback(prefetch, { timeout: 5000 })
    else setTimeout(prefetch, 2000)
  })
})()
