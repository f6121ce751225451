/*
 * Sổ tay sinh hoạt chi bộ: the service worker's logic, on Workbox.
 *
 * Loaded by /sw.js, which the build writes (scripts/sotay/pwa.py) with
 * self.__SOTAY: the build version and every file of the build as
 * [url, revision, bytes, bytes stored], the revision being the file's SHA-256
 * (base64url), also checked as Subresource Integrity on every download.
 *
 * Three Workbox precaches (PrecacheController), one cache each:
 *
 *  - shell: CSS, JavaScript, icons, web app manifests, both home pages and the
 *    "not saved" pages. Precached when this worker installs (Workbox's own
 *    install and activate), so an installed app starts with no network.
 *  - content: every other page, the search files, Word forms. Nothing is
 *    downloaded up front: a page the reader opens is stored by Workbox's
 *    precache "repair" (a download checked against the manifest's integrity),
 *    and "Lưu cả sổ tay" stores a whole language (message SAVE, in batches).
 *  - pdf: PDF handbooks, stored only by their own save button.
 *
 * Versions never mix. A cache entry's key carries its revision, and each worker
 * serves only the keys of its own build. A new build's worker, while it
 * installs, downloads the new revision of every file the reader had (a page
 * read, a language or the PDFs saved: the "wanted" list); only when all of it
 * is stored does it wait, and the page offers "Có bản cập nhật — tải lại". If
 * the network drops, the install fails and the old worker keeps serving its
 * complete copy. When the new worker takes over, entries of other revisions
 * are deleted (PrecacheController.activate) and so are caches of other names.
 * A download whose content does not match this build (a newer build is online)
 * is shown but not stored, and the browser is asked to look for the new worker.
 *
 * Text is stored gzipped (CompressionStream, where the browser has it) and
 * unpacked when served: the whole handbook takes about a fifth of the space.
 *
 * Messages from the pages (offline.js), answered on the MessageChannel port:
 *   {type: "STATUS", group}            -> the group's state
 *   {type: "SAVE", group, limit}       -> store up to `limit` more files of the group
 *   {type: "FORGET", group}            -> delete the group's files (not the shell)
 *   {type: "KEEP", url}                -> store this page (the first page read, before
 *                                         the worker controlled it)
 *   {type: "SKIP_WAITING"}             -> take over now (after "tải lại")
 */
/* global workbox */
(function () {
  "use strict"

  var S = self.__SOTAY
  workbox.setConfig({ modulePathPrefix: new URL(S.workbox, self.location.href).href, debug: false })
  var core = workbox.core
  var precaching = workbox.precaching
  var routing = workbox.routing
  var strategies = workbox.strategies

  var SCOPE = self.registration.scope
  core.setCacheNameDetails({ prefix: "sotay", precache: "shell", runtime: "runtime", suffix: SCOPE })
  var NAMES = {
    content: "sotay-content-" + SCOPE,
    pdf: "sotay-pdf-" + SCOPE,
    state: "sotay-state-" + SCOPE,
  }
  var STATE_URL = new URL("__sotay/state.json", SCOPE).href
  var ALL_PARAMS = [/.*/]   // ?h=… from search results, ?lang=… of the search worker: same file

  /* --- Text stored gzipped ---------------------------------------------- */
  var ZIPPED = "x-sotay-stored"
  var canZip = typeof CompressionStream === "function" && typeof DecompressionStream === "function"
  var TEXT = /^(?:text\/|application\/(?:javascript|json|manifest\+json|xml)|image\/svg\+xml)/

  var storePlugin = {
    // Workbox calls this before putting a response in a cache; a plugin with this
    // callback also decides what may be cached (200 only, as Workbox's default).
    cacheWillUpdate: function (o) {
      var r = o.response
      if (!r || r.status !== 200) return null
      if (!canZip || !TEXT.test(r.headers.get("content-type") || "")) return r
      var headers = new Headers(r.headers)
      headers.set(ZIPPED, "gzip")
      headers.delete("content-length")
      headers.delete("content-encoding")
      return new Response(r.body.pipeThrough(new CompressionStream("gzip")),
        { status: 200, statusText: r.statusText, headers: headers })
    },
    cachedResponseWillBeUsed: function (o) {
      var r = o.cachedResponse
      if (!r || r.headers.get(ZIPPED) !== "gzip") return r
      var headers = new Headers(r.headers)
      headers.delete(ZIPPED)
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip")),
        { status: r.status, statusText: r.statusText, headers: headers })
    },
  }

  /* --- The three precaches ---------------------------------------------- */
  function sri(rev) {
    var b64 = rev.replace(/-/g, "+").replace(/_/g, "/")
    while (b64.length % 4) b64 += "="
    return "sha256-" + b64
  }

  precaching.addPlugins([storePlugin])
  // A fingerprinted name (bundle.<hash>.min.js) is its own revision: Workbox may then use the
  // HTTP cache instead of downloading the file a second time on the first visit.
  precaching.precacheAndRoute(S.shell.map(function (e) {
    return { url: e[0], revision: e[4] ? null : e[1], integrity: sri(e[1]) }
  }),
    { ignoreURLParametersMatching: ALL_PARAMS, cleanURLs: false })
  var shellStored = S.shell.reduce(function (n, e) { return n + e[3] }, 0)

  var controllers = {
    content: new precaching.PrecacheController({ cacheName: NAMES.content, plugins: [storePlugin] }),
    pdf: new precaching.PrecacheController({ cacheName: NAMES.pdf, plugins: [storePlugin] }),
  }
  var files = { content: [], pdf: [] }    // {url (absolute), cacheKey, integrity, bytes, stored, kind}
  Object.keys(files).forEach(function (kind) {
    var ctl = controllers[kind]
    // Pages and files are stored when read (integrity in the list); PDFs only when saved
    // (no integrity in the list, so Workbox does not store a PDF opened online).
    ctl.addToCacheList(S[kind].map(function (e) {
      return kind === "pdf" ? { url: e[0], revision: e[1] } : { url: e[0], revision: e[1], integrity: sri(e[1]) }
    }))
    var keys = ctl.getURLsToCacheKeys()
    files[kind] = S[kind].map(function (e) {
      var url = new URL(e[0], self.location.href).href
      return { url: url, cacheKey: keys.get(url), integrity: sri(e[1]), bytes: e[2], stored: e[3], kind: kind }
    })
  })

  function groupFiles(name) {
    var kind = /^pdf-/.test(name) ? "pdf" : "content"
    var idx = S.groups[name]
    if (!idx) return null
    return idx.map(function (i) { return files[kind][i] })
  }

  /* --- Routes ------------------------------------------------------------ */
  var routeOptions = {
    ignoreURLParametersMatching: ALL_PARAMS,
    cleanURLs: false,
    // "x/index.html" is the page "x/" (the list names pages by their folder).
    urlManipulation: function (o) {
      return /\/index\.html$/.test(o.url.pathname) ? [new URL(o.url.href.replace(/index\.html(?=$|[?#])/, ""))] : []
    },
  }
  routing.registerRoute(new precaching.PrecacheRoute(controllers.content, routeOptions))
  routing.registerRoute(new precaching.PrecacheRoute(controllers.pdf, routeOptions))
  // Any other page (not in this build, or a 404): the network, and the "not saved" page offline.
  routing.registerRoute(function (o) { return o.request.mode === "navigate" }, new strategies.NetworkOnly())

  function langOf(url) {
    var path = new URL(url).href.slice(SCOPE.length)
    for (var lang in S.langs) if (S.langs[lang] && path.indexOf(S.langs[lang]) === 0) return lang
    for (var l in S.langs) if (!S.langs[l]) return l
    return "vi"
  }

  var lastCheck = 0
  function lookForNewBuild() {   // at most once a minute, however many files differ
    if (Date.now() - lastCheck < 60000) return
    lastCheck = Date.now()
    self.registration.update().catch(function () {})
  }

  routing.setCatchHandler(function (o) {
    var request = o.request
    // A download that failed its integrity check or the network: try the network as it is
    // (a newer build is online: show it, do not store it, and look for the new worker).
    return fetch(request).then(function (r) {
      if (r.ok) lookForNewBuild()
      return r
    }, function () {
      if (request.mode !== "navigate") return Response.error()
      var fallback = S.fallback[langOf(request.url)]
      return precaching.matchPrecache(fallback).then(function (r) {   // (matchPrecache skips plugins)
        return r ? storePlugin.cachedResponseWillBeUsed({ cachedResponse: r }) : Response.error()
      })
    })
  })

  /* --- Lifecycle ---------------------------------------------------------- */
  function readState() {
    return caches.open(NAMES.state).then(function (c) { return c.match(STATE_URL) })
      .then(function (r) { return r ? r.json() : { wanted: [] } })
      .catch(function () { return { wanted: [] } })
  }

  function writeState(state) {
    return caches.open(NAMES.state).then(function (c) {
      return c.put(STATE_URL, new Response(JSON.stringify(state), { headers: { "content-type": "application/json" } }))
    })
  }

  function cachedKeys(kind) {
    return caches.open(controllers[kind].strategy.cacheName)
      .then(function (c) { return c.keys() })
      .then(function (reqs) { return new Set(reqs.map(function (r) { return r.url })) })
  }

  function withoutRevision(key) {
    var u = new URL(key)
    u.searchParams.delete("__WB_REVISION__")
    return u.href
  }

  // Store one file through Workbox's precache strategy: in an install event it is
  // downloaded and stored (and fails the install if it cannot be); in a message event
  // it is downloaded with its integrity and stored ("repair").
  function store(f, event) {
    var request = new Request(f.url, { credentials: "same-origin", cache: "no-cache", integrity: f.integrity })
    var pair = controllers[f.kind].strategy.handleAll({
      request: request, event: event, params: { cacheKey: f.cacheKey, integrity: f.integrity },
    })
    return Promise.all(pair).then(function (res) {
      if (!res[0] || !res[0].ok) throw Object.assign(new Error("HTTP " + (res[0] && res[0].status)), { kind: "changed" })
    })
  }

  var WIDTH = 6   // downloads at a time: what browsers open to one server over HTTP/1.1

  function pool(list, width, fn) {
    var i = 0
    function next() {
      if (i >= list.length) return Promise.resolve()
      var item = list[i++]
      return fn(item).then(next)
    }
    var runners = []
    for (var k = 0; k < Math.min(width, list.length); k++) runners.push(next())
    return Promise.all(runners)
  }

  // A new build installs: the new revision of everything the reader kept, or nothing changes.
  self.addEventListener("install", function (event) {
    event.waitUntil(readState().then(function (state) {
      var wanted = {}
      state.wanted.forEach(function (g) { (groupFiles(g) || []).forEach(function (f) { wanted[f.url] = true }) })
      return Promise.all(["content", "pdf"].map(function (kind) {
        return cachedKeys(kind).then(function (keys) {
          var had = new Set()
          keys.forEach(function (k) { had.add(withoutRevision(k)) })
          var todo = files[kind].filter(function (f) { return !keys.has(f.cacheKey) && (had.has(f.url) || wanted[f.url]) })
          return pool(todo, WIDTH, function (f) { return store(f, event) })
        })
      }))
    }))
  })

  self.addEventListener("activate", function (event) {
    controllers.content.activate(event)
    controllers.pdf.activate(event)
    var keep = new Set([NAMES.content, NAMES.pdf, NAMES.state, core.cacheNames.precache])
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return /^sotay-/.test(n) && !keep.has(n) })
        .map(function (n) { return caches.delete(n) }))
    }))
  })
  precaching.cleanupOutdatedCaches()
  core.clientsClaim()

  /* --- Messages from the pages ------------------------------------------- */
  function status(name) {
    var list = groupFiles(name)
    if (!list) return Promise.reject(Object.assign(new Error("no group " + name), { kind: "unknown" }))
    var kind = list.length ? list[0].kind : "content"
    return Promise.all([cachedKeys(kind), readState()]).then(function (r) {
      var keys = r[0]
      var extra = kind === "content" ? shellStored : 0   // the shell is stored when the worker installs
      var s = { group: name, version: S.version, date: S.date, total: list.length, have: 0,
                bytes: extra, haveBytes: extra, wanted: r[1].wanted.indexOf(name) >= 0 }
      list.forEach(function (f) {
        s.bytes += f.stored
        if (keys.has(f.cacheKey)) { s.have++; s.haveBytes += f.stored }
      })
      s.saved = s.have === s.total
      return s
    })
  }

  function classify(err, f) {
    if (err && err.name === "QuotaExceededError") return Promise.resolve("quota")
    if (err && err.kind) return Promise.resolve(err.kind)
    // Failed download or failed integrity: if the file is there as it is, the site has changed.
    return fetch(f.url, { cache: "no-store", method: "HEAD" })
      .then(function (r) { return r.ok ? "changed" : "network" }, function () { return "network" })
  }

  function save(name, limit, event) {
    var list = groupFiles(name)
    if (!list) return status(name)
    return readState().then(function (state) {
      if (state.wanted.indexOf(name) < 0) { state.wanted.push(name); return writeState(state) }
    }).then(function () {
      return cachedKeys(list.length ? list[0].kind : "content")
    }).then(function (keys) {
      var todo = list.filter(function (f) { return !keys.has(f.cacheKey) }).slice(0, limit || 12)
      var failure = null
      return pool(todo, WIDTH, function (f) {
        if (failure) return Promise.resolve()
        return store(f, event).catch(function (err) {
          if (failure) return
          failure = classify(err, f).then(function (kind) {
            if (kind === "changed") lookForNewBuild()
            return kind
          })
        })
      }).then(function () { return failure }).then(function (kind) {
        return status(name).then(function (s) { if (kind) s.error = kind; return s })
      })
    })
  }

  function forget(name) {
    var list = groupFiles(name) || []
    var kind = list.length ? list[0].kind : "content"
    return readState().then(function (state) {
      state.wanted = state.wanted.filter(function (g) { return g !== name })
      return writeState(state)
    }).then(function () {
      return caches.open(controllers[kind].strategy.cacheName)
    }).then(function (cache) {
      return Promise.all(list.map(function (f) { return cache.delete(f.cacheKey) }))
    }).then(function () { return status(name) })
  }

  function keep(url, event) {
    var u = new URL(url)
    u.hash = ""
    u.search = ""
    u.pathname = u.pathname.replace(/\/index\.html$/, "/")
    var key = controllers.content.getCacheKeyForURL(u.href)
    if (!key) return Promise.resolve({ kept: false })
    var f = files.content.filter(function (x) { return x.cacheKey === key })[0]
    return cachedKeys("content").then(function (keys) {
      if (keys.has(key)) return { kept: true }
      return store(f, event).then(function () { return { kept: true } }, function () { return { kept: false } })
    })
  }

  self.addEventListener("message", function (event) {
    var d = event.data || {}
    if (d.type === "SKIP_WAITING") { self.skipWaiting(); return }
    var port = event.ports && event.ports[0]
    var job = null
    if (d.type === "STATUS") job = status(d.group)
    else if (d.type === "SAVE") job = save(d.group, d.limit, event)
    else if (d.type === "FORGET") job = forget(d.group)
    else if (d.type === "KEEP") job = keep(d.url, event)
    if (!job) return
    event.waitUntil(job.catch(function (err) {
      // Even the first write failed (no space at all, storage refused): say why, with the state.
      var kind = err && err.name === "QuotaExceededError" ? "quota"
        : (err && err.kind) || (err && err.name === "SecurityError" ? "denied" : (err && err.name) || "error")
      var failed = function () { return { group: d.group, error: kind, have: 0, total: 0 } }
      return (d.group ? status(d.group).then(function (s) { s.error = kind; return s }, failed) : Promise.resolve(failed()))
    }).then(function (r) { if (port) port.postMessage(r) }))
  })
})()
