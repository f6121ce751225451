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
  var ABBR = {}      // folded abbreviation -> normalised words of its expansion
  var SYNONYMS = {}  // normalised word or "word_word" -> normalised words to add
  var EXPANSIONS = [] // [" folded expansion ", abbreviation]: the other way round

  function setupAbbreviations(table) {
    for (var key in table || {}) {
      var words = normalize(table[key]).split(QUERY_SEPARATOR).filter(Boolean)
      if (fold(key).replace(/[^a-z0-9]/g, "").length >= 3) {
        ABBR[fold(key)] = words
        EXPANSIONS.push([" " + fold(words.join(" ")) + " ", normalize(key)])
      }
    }
  }

  function setupSynonyms(table) {
    for (var key in table || {})
      SYNONYMS[normalize(key).split(/\s+/).join("_")] = table[key].map(normalize)
  }

  /* --- Accents put back ----------------------------------------------------
     While the index is built, every word and every pair of neighbouring words
     is counted as written. A query word typed without accents ("dong chi cap
     tren") is then given the accents it most likely has, chosen by how often
     each written form and each pair occurs in this site's own text ("đồng chí
     cấp trên"): so the query is searched exactly as if it had been typed with
     accents, and an unaccented query finds what the accented one finds. The
     folded terms still match every other spelling. Nothing is downloaded for
     this: the counts come from the pages being indexed. */
  var COUNTING = true
  var WRITTEN = Object.create(null)  // folded word -> {written form: count}
  var PAIRS = Object.create(null)    // "written_written" -> count

  function count(folded, text, next) {
    var forms = WRITTEN[folded] || (WRITTEN[folded] = Object.create(null))
    forms[text] = (forms[text] || 0) + 1
    if (next !== undefined) PAIRS[text + "_" + next] = (PAIRS[text + "_" + next] || 0) + 1
  }

  var PLAIN = /^[a-z0-9]+$/  // typed without any accent (and without đ)

  /* The most likely written form of each word that was typed without accents:
     the path through the candidate forms with the most frequent pairs, then
     the most frequent words. Words typed with accents are kept as they are. */
  function restore(words) {
    var cands = words.map(function (w) {
      var forms = PLAIN.test(w) && WRITTEN[w]
      if (!forms) return [[w, 0]]
      var list = Object.keys(forms).map(function (f) { return [f, forms[f]] })
      list.sort(function (a, b) { return b[1] - a[1] })
      return list.slice(0, 6)
    })
    /* best[i][k]: score of the best path ending in candidate k of word i */
    var best = [cands[0].map(function (c) { return [Math.log(1 + c[1]), -1] })]
    for (var i = 1; i < words.length; i++) {
      best.push(cands[i].map(function (c) {
        var top = [-Infinity, -1]
        cands[i - 1].forEach(function (p, j) {
          var s = best[i - 1][j][0] + 8 * Math.log(1 + (PAIRS[p[0] + "_" + c[0]] || 0))
          if (s > top[0]) top = [s, j]
        })
        return [top[0] + Math.log(1 + c[1]), top[1]]
      }))
    }
    var last = best[best.length - 1], k = 0
    for (var j = 1; j < last.length; j++) if (last[j][0] > last[k][0]) k = j
    var out = []
    for (var n = words.length - 1; n >= 0; n--) {
      out.unshift(cands[n][k][0])
      k = best[n][k][1]
    }
    return out
  }

  /* --- lunr pipeline ------------------------------------------------------ */
  function constant(w) { return function () { return w } }

  /* One word in, several index terms out, all at the word's position:
     the word as written, folded, the pair it forms with the next word
     (Vietnamese words are mostly two syllables: "biên_bản", "bien_ban"), and
     the words of an abbreviation's expansion. */
  function expand(token, i, tokens) {
    var text = normalize(token.toString())
    var folded = fold(text)
    var out = [token.update(constant(text))]
    if (folded !== text) out.push(token.clone(constant(folded)))
    if (COUNTING) count(folded, text, tokens && i + 1 < tokens.length ? normalize(tokens[i + 1].toString()) : undefined)
    if (tokens && i + 1 < tokens.length) {
      var next = normalize(tokens[i + 1].toString())
      out.push(token.clone(constant(text + "_" + next)))
      if (folded !== text || fold(next) !== next)
        out.push(token.clone(constant(folded + "_" + fold(next))))
    }
    var words = ABBR[folded]
    if (words)
      for (var k = 0; k < words.length; k++) {
        out.push(token.clone(constant(words[k])))
        if (k + 1 < words.length) out.push(token.clone(constant(words[k] + "_" + words[k + 1])))
      }
    return out
  }

  /* The query as lunr terms: whole words match exactly, the last word (still
     being typed) as a prefix, and each pair of neighbouring words as one term
     with a boost, so pages with the phrase come first. */
  var QUERY_SEPARATOR = /[\s\-,:;.!?()\[\]{}"“”‘’«»…\/+~^*]+/
  function phraseTerms(words, boost, pairBoost) {
    var terms = words.map(function (w) { return w + "^" + boost })
    for (var i = 0; i + 1 < words.length; i++) terms.push(words[i] + "_" + words[i + 1] + "^" + pairBoost)
    return terms
  }

  function rewriteQuery(q) {
    var typed = normalize(q).split(QUERY_SEPARATOR).filter(Boolean)
    if (!typed.length) return ""
    var words = restore(typed)
    var terms = phraseTerms(words.slice(0, -1), 2, 6)
    var last = words[words.length - 1]
    // The last word (maybe still being typed): exact, and as a prefix both as
    // written and folded (Material adds the "*" to unboosted terms), so a
    // query gives the same terms whether it was typed with accents or not.
    terms.push(last + "^2", last)
    if (fold(last) !== last) terms.push(fold(last))
    if (words.length > 1) terms.push(words[words.length - 2] + "_" + last + "^6")
    for (var i = 0; i < words.length; i++) {
      var extra = []
      var abbr = ABBR[fold(words[i])]
      if (abbr) {                                  // the abbreviation itself counts most
        extra.push(abbr)
        terms.push(words[i] + "^8")
      }
      var one = SYNONYMS[words[i]], two = i + 1 < words.length && SYNONYMS[words[i] + "_" + words[i + 1]]
      ;[one, two].forEach(function (list) {
        if (list) list.forEach(function (p) { extra.push(p.split(/\s+/)) })
      })
      extra.forEach(function (ws) { terms.push.apply(terms, phraseTerms(ws, 1, 3)) })
    }
    var folded = " " + fold(words.join(" ")) + " "
    EXPANSIONS.forEach(function (e) { if (folded.indexOf(e[0]) >= 0) terms.push(e[1] + "^8") })
    return terms.join(" ")
  }

  function install() {
    var lunr = self.lunr
    if (!lunr || lunr.__sotay) return
    lunr.__sotay = true
    lunr.Pipeline.registerFunction(expand, "sotay-vi")
    var build = lunr.Builder.prototype.build
    lunr.Builder.prototype.build = function () {   // words are counted until the index is built
      try { return build.apply(this, arguments) } finally { COUNTING = false }
    }
    lunr.vi = function () {
      this.pipeline.reset()
      this.searchPipeline.reset()
      this.pipeline.add(expand)
      this.searchPipeline.add(expand)
    }
  }

  /* Material loads lunr's language files with importScripts during setup;
     lunr.vi is replaced right after they are loaded. Inside iframe-worker (the
     offline copy opened from file://) importScripts is asynchronous and
     returns a Promise, which Material awaits. */
  var importScriptsOriginal = self.importScripts
  self.importScripts = function () {
    function after() {
      if (self.lunr && self.lunr.stemmerSupport) { self.lunr.__sotay = false; install() }
    }
    var r = importScriptsOriginal.apply(self, arguments)
    if (r && typeof r.then === "function") return r.then(after)
    after()
    return r
  }

  /* Field weights. Material's defaults (title 1000, tags 1000000, text 1)
     let one common word in a title or tag outweigh every phrase in the text;
     these were chosen on the project's query set (benchmarks/bench_search.py). */
  var FIELDS = {
    title: { boost: 8 },   // the section's heading (the page title for a page's first part)
    page: { boost: 3 },    // the title of the page a section belongs to (added here, not downloaded)
    text: { boost: 1 },
    tags: { boost: 4 }
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
      var titles = {}
      index.docs.forEach(function (doc) { if (doc.location.indexOf("#") < 0) titles[doc.location] = doc.title })
      index.docs.forEach(function (doc) {
        var at = doc.location.indexOf("#")
        if (at >= 0 && titles[doc.location.slice(0, at)]) doc.page = titles[doc.location.slice(0, at)]
      })
      var extra = (index.config && index.config.sotay) || {}
      setupAbbreviations(extra.abbr)
      setupSynonyms(extra.synonyms)
      index.config.lang = ["vi"]                   // one pipeline: ours
      index.config.fields = FIELDS
      index.config.pipeline = []
    } else if (data.type === 2 && typeof data.data === "string") {  // QUERY
      data.data = rewriteQuery(data.data)
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

  self.__sotaySearch = { fold: fold, normalize: normalize, expand: expand, rewriteQuery: rewriteQuery, restore: restore }
  /* Relative to this script, as in a real worker (iframe-worker resolves
     script URLs against the page instead). */
  if (MATERIAL) importScripts(new URL(MATERIAL, here).href)
})()
