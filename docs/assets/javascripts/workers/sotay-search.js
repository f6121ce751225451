/*
 * Vietnamese search for Sổ tay sinh hoạt chi bộ.
 *
 * A thin wrapper around Material for MkDocs' search worker (loaded with
 * importScripts; its file name comes in the `w` parameter). It changes only
 * what Material's lunr index does with words:
 *
 *  - every word is indexed twice at the same position: as written (NFC, lower
 *    case, traditional tone marks: "hòa", "thủy") and folded to ASCII ("hoa",
 *    "thuy"), so "bien ban" finds "biên bản" and highlighting still works;
 *  - a query word is normalised the same way (NFC, so pasted NFD text works;
 *    "hoà"/"uỷ" become "hòa"/"ủy") and searched both as written and folded, so
 *    an accented query ranks the exactly accented page first;
 *  - abbreviations from the glossary are expanded both ways
 *    (TCCSĐ ↔ tổ chức cơ sở đảng), from `config.sotay.abbr` in the index;
 *  - only the pages of the current language (`lang` parameter) are indexed.
 *
 * The same rules are implemented in Python in scripts/sotay/text.py; the tests
 * check that both agree.
 */
(function () {
  "use strict"

  var here = (typeof document !== "undefined" && document.currentScript && document.currentScript.src)
    ? document.currentScript.src : self.location.href
  var params = new URL(here).searchParams
  var LANG = params.get("lang") || "vi"
  var MATERIAL = params.get("w")

  /* --- Vietnamese text: keep in step with scripts/sotay/text.py ---------- */
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/
  var NEW_STYLE = /(^|[^a-zà-ỹđ])([a-zà-ỹđ]*?)(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?=$|[^a-zà-ỹđ])/g

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
  }

  function traditionalPair(pair) {
    var d = pair.normalize("NFD"), tone = "", base = ""
    for (var i = 0; i < d.length; i++) {
      if (TONES.test(d[i])) tone = d[i]
      else base += d[i]
    }
    base = base.normalize("NFC")
    return (base[0] + tone).normalize("NFC") + base.slice(1)
  }

  /* NFC, lower case, traditional tone-mark placement ("hoà" -> "hòa"). */
  function normalize(s) {
    s = s.normalize("NFC").toLowerCase()
    return s.replace(NEW_STYLE, function (all, before, onset, pair) {
      if (pair[0] === "u" && /[qg]$/.test(onset)) return all
      return before + onset + traditionalPair(pair)
    })
  }

  /* --- Abbreviations ------------------------------------------------------ */
  var ABBR = {}      // folded abbreviation -> folded words of its expansion

  function setupAbbreviations(table) {
    for (var key in table || {}) {
      var words = fold(table[key]).split(/[^a-z0-9]+/).filter(Boolean)
      if (fold(key).replace(/[^a-z0-9]/g, "").length >= 3) ABBR[fold(key)] = words
    }
  }

  /* --- lunr pipeline ------------------------------------------------------ */
  function expand(token) {
    var text = normalize(token.toString())
    var folded = fold(text)
    var out = [token.update(function () { return text })]
    if (folded !== text) out.push(token.clone(function () { return folded }))
    var words = ABBR[folded]
    if (words)
      for (var i = 0; i < words.length; i++)
        out.push(token.clone((function (w) { return function () { return w } })(words[i])))
    return out
  }

  function install() {
    var lunr = self.lunr
    if (!lunr || lunr.__sotay) return
    lunr.__sotay = true
    lunr.Pipeline.registerFunction(expand, "sotay-vi")
    lunr.vi = function () {
      this.pipeline.reset()
      this.searchPipeline.reset()
      this.pipeline.add(expand)
      this.searchPipeline.add(expand)
    }
  }

  /* Material loads lunr's language files with importScripts during setup;
     lunr.vi is replaced right after they are loaded. */
  var importScriptsOriginal = self.importScripts
  self.importScripts = function () {
    var r = importScriptsOriginal.apply(self, arguments)
    if (self.lunr && self.lunr.stemmerSupport) { self.lunr.__sotay = false; install() }
    return r
  }

  function prepare(data) {
    if (!data || typeof data !== "object") return data
    if (data.type === 0 && data.data) {            // SETUP: the index
      var index = data.data
      var prefixes = ["en/"]
      index.docs = index.docs.filter(function (doc) {
        var other = prefixes.some(function (p) { return doc.location.indexOf(p) === 0 })
        return LANG === "vi" ? !other : doc.location.indexOf(LANG + "/") === 0
      })
      setupAbbreviations(index.config && index.config.sotay && index.config.sotay.abbr)
      index.config.lang = ["vi"]                   // one pipeline: ours
      index.config.pipeline = []
    } else if (data.type === 2 && typeof data.data === "string") {  // QUERY
      data.data = normalize(data.data).replace(/["“”]/g, " ")
    }
    return data
  }

  /* Wrap Material's message handler before it is registered. */
  var addEventListenerOriginal = self.addEventListener
  self.addEventListener = function (type, fn, options) {
    if (type === "message") {
      var inner = fn
      fn = function (ev) { return inner({ data: prepare(ev.data) }) }
    }
    return addEventListenerOriginal.call(self, type, fn, options)
  }

  self.__sotaySearch = { fold: fold, normalize: normalize, expand: expand }
  if (MATERIAL) importScripts(MATERIAL)
})()
