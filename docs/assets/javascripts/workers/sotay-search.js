/*
 * Vietnamese search for Sổ tay sinh hoạt chi bộ: the search worker.
 *
 * It takes the place of Material for MkDocs' search worker and speaks its
 * protocol, so Material's search box, result list, suggestions and page
 * highlighting are used as they are; what changes is what the worker does
 * with words and what it sends back. The internals of Material this relies on
 * are listed, each with the test that checks it, in scripts/sotay/search.py
 * (MATERIAL_ASSUMPTIONS).
 *
 * Why a worker of our own, and not Material's with a prebuilt lunr index
 * (measured on this site's 823 Vietnamese sections, Dec. 2026):
 *  - Material 9.8.1's worker always builds its lunr index in the browser
 *    (`lunr(function () {…})`); it has no code path for a prebuilt index.
 *  - A lunr.py index that lunr.js loads is 6.6 MB (1.5 MB gzip) with the word
 *    pairs that rank phrases, 2.9 MB (660 KB gzip) without them, against 0.99
 *    MB (168 KB gzip) for the text itself; a phone on a weak signal would wait
 *    for it, and JSON.parse + lunr.Index.load alone took 140 ms unthrottled.
 *  - Material highlights by the positions lunr records while indexing; a word
 *    indexed several times at one position (as written, folded, as a pair) gave
 *    overlapping <mark> tags: "k>k>k>Biên rk>rk>rk>bản".
 * So the index is built here, from the text, with plain Maps (no lunr objects,
 * no positions): about 0.1 s unthrottled for the whole handbook, and each
 * query reads only the postings of its own words. Snippets and highlighting
 * are made from the text with the query's words, never from index terms.
 *
 * What the search does with words:
 *  - every word is indexed as written (NFC, lower case, traditional tone marks:
 *    "hòa", "thủy") and folded to ASCII ("hoa", "thuy"); each pair of
 *    neighbouring words ("biên bản") is indexed too, except pairs with a stop
 *    word, so pages with the phrase rank first;
 *  - a query word is normalised the same way (NFC, so pasted NFD text works;
 *    "hoà"/"uỷ" become "hòa"/"ủy"); words typed without accents get the accents
 *    this site's own text most likely has ("dong chi cap tren" → "đồng chí cấp
 *    trên", chosen by the counts of words and pairs taken while indexing), so
 *    an unaccented query is searched like the accented one;
 *  - the last word, while it is being typed, also matches as a prefix;
 *  - abbreviations of the glossary count as their expansion and back
 *    (TCCSĐ ↔ tổ chức cơ sở đảng); synonyms from data/search-synonyms.yml;
 *  - a page must contain most of the query (weighted by how rare each word
 *    is): pages that only share "chi bộ" or "đảng viên" with the query are
 *    left out, and so are pages far below the best one;
 *  - section index pages, which list every page of a section, rank below the
 *    pages themselves (the build gives them a lower `boost`).
 *
 * Where the text comes from: online, `search/sotay-<lang>.json`, fetched by
 * this worker as soon as it starts (Material's own search_index.json holds no
 * documents, so the page's thread neither downloads nor parses them). In the
 * offline copy (file://, iframe-worker) the documents arrive with Material's
 * setup message, from search/search_index.js.
 *
 * The text rules are implemented in Python in scripts/sotay/text.py; the tests
 * check that both agree (tests/test_search.py).
 */
(function () {
  "use strict"

  var here = (typeof document !== "undefined" && document.currentScript && document.currentScript.src)
    ? document.currentScript.src : self.location.href
  var HERE = new URL(here)
  // iframe-worker (offline copy) appends "?<time>" to the script address.
  var LANG = (HERE.searchParams.get("lang") || "vi").split("?")[0]
  var DATA = new URL("../../../search/sotay-" + LANG + ".json", HERE).href

  /* --- Vietnamese text: keep in step with scripts/sotay/text.py ---------- */
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/
  var NEW_STYLE = /(^|[^a-zà-ỹđ])([a-zà-ỹđ]*?)(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?=$|[^a-zà-ỹđ])/g

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
  }

  /* The key a word is matched by besides its written form: folded (no
     accents, đ as d); on the English site also without a plural ending
     ("members", "trainers", "parties" → "member", "trainer", "party"), the
     light stemming an English reader expects. No suffix stripping beyond
     plurals: "meeting" and "meet", "expulsion" and "expel" stay apart. */
  function stemPlural(w) {
    if (w.length < 4 || !/[a-z]s$/.test(w) || /(ss|us|is)$/.test(w)) return w
    if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + "y"
    if (/(sh|ch|x|z|ss)es$/.test(w)) return w.slice(0, -2)
    return w.slice(0, -1)
  }

  function key(w) {
    var f = fold(w)
    return LANG === "en" && PLAIN.test(f) ? stemPlural(f) : f
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

  /* A syllable whose only vowel is i or y after k, l, m, t, s, h or qu is
     written both ways ("kỉ luật" / "kỷ luật", "tỉ lệ" / "tỷ lệ", "lí do" /
     "lý do", "hi sinh" / "hy sinh", "qui định" / "quy định"): the search
     reads it with y, as the handbook writes it. "chi", "thi", "khi", "vi"
     have no such twin and are left alone. */
  var I_OR_Y = /(^|[^a-zà-ỹđ])(k|l|m|t|s|h|qu)([iìíỉĩị])(?=$|[^a-zà-ỹđ])/g
  var AS_Y = { "i": "y", "ì": "ỳ", "í": "ý", "ỉ": "ỷ", "ĩ": "ỹ", "ị": "ỵ" }

  /* NFC, lower case, traditional tone-mark placement ("hoà" -> "hòa"), y for
     the i of the syllables above. */
  function normalize(s) {
    s = s.normalize("NFC").toLowerCase()
    return s.replace(NEW_STYLE, function (all, before, onset, pair) {
      if (pair[0] === "u" && /[qg]$/.test(onset)) return all
      return before + onset + traditionalPair(pair)
    }).replace(I_OR_Y, function (all, before, onset, vowel) { return before + onset + AS_Y[vowel] })
  }

  /* Words are runs of letters and digits (ASCII, Latin letters with their
     marks, Vietnamese); everything else separates them: spaces, hyphens,
     slashes, punctuation, dashes, quotation marks, underscores. A plain
     character class: about twice as fast as \p{L} here. */
  var WORD = /[0-9a-zA-Z\u00c0-\u1ef9]+/g
  var SEPARATOR = /[^0-9a-zA-Z\u00c0-\u1ef9]+/

  function words(s) {
    return normalize(s).split(SEPARATOR).filter(Boolean)
  }

  /* Words that make no phrase: a pair with one of them is not indexed (on
     this site 16,000 pair terms instead of 22,600, and "của chi", "và các"
     say nothing). They are still indexed, and searched, as words. */
  var STOP = {
    vi: "các của và là có được cho với những một này khi thì đã ở từ theo về như để trong "
      + "đó không mà nếu thể cũng hay hoặc lại ra vào rằng nên bị sẽ đang",
    en: "a an and are as at be by for from has have in is it its of on or that the this to was were "
      + "which will with what who when how can do"
  }
  var STOPS = Object.create(null)
  ;(STOP[LANG] || STOP.vi).split(" ").forEach(function (w) { STOPS[w] = true })

  /* Words that ask rather than name: a question's "bao nhiêu", "thế nào",
     "ở đâu" are rare in the handbook's text (it answers, it does not ask), so
     by rarity alone they would weigh most in a query. So are the little words
     of everyday speech that name no subject ("từng", "riêng", "chưa", "nữa":
     "họp riêng từng tổ đảng" asks about "tổ đảng"). Together with the stop
     words they count little in the share of the query a page must contain;
     they are still searched (a Q&A title asks the same way). */
  var ASKING = {
    vi: "bao nhiêu lâu mấy nào gì đâu sao thế ai "
      + "từng mỗi riêng rồi chưa vẫn còn đều cùng nữa vừa mới luôn hết cả chỉ",
    en: "how what which when where who why many much"
  }
  var FUNCTION_WORDS = Object.create(null)
  ;(ASKING[LANG] || ASKING.vi).split(" ").forEach(function (w) { FUNCTION_WORDS[w] = true })
  for (var stopWord in STOPS) FUNCTION_WORDS[stopWord] = true

  /* --- The index ---------------------------------------------------------- */

  /* Field weights (BM25F): a word in a heading counts eight times one in the
     text; "page" is the title of the page a section belongs to, so a section
     is found by its page's name too. Chosen on the project's query set
     (tests/search_queries.yml), checked on the held-out one (benchmarks/). */
  var FIELDS = [
    { name: "title", boost: 16, b: 0.5 },
    { name: "page", boost: 3, b: 0.5 },
    { name: "text", boost: 1, b: 0.75 },
    { name: "tags", boost: 4, b: 0.5 },
    { name: "asked", boost: 4, b: 0.5 }   // the page's asked_as: how readers ask for it (never shown)
  ]

  var docs = []          // the documents of this language, as Material has them
  var pageOf = []        // doc index -> index of its page's document
  var boost = []         // doc index -> weight from the build (section index pages < 1)
  var titleKeys = []     // doc index -> the words of its title, as key ids (folded; English: no plural)
  var plainCache = []    // doc index -> text without markup (made when first shown)

  /* Terms are numbered. A word (as written, or folded) has an id; a pair of
     written words has an id of its own, found by the two words' ids, so
     indexing makes no strings for pairs and reads only numbers. */
  var ids = new Map()     // word -> id
  var names = []          // id -> word
  var folds = []          // id of a word -> id of its folded form
  var counts = []         // id -> occurrences as written (accents, suggestions)
  var postings = []       // id -> [doc, weighted frequency, in a heading (title, page, tags)?, doc, …] or null
  var pairIds = new Map() // first word id * 32768 + second word id -> pair id
  var pairCounts = []     // pair id -> occurrences (accents)
  var pairPostings = []   // pair id -> [doc, weighted frequency, in a heading?, …] or null
  var vocabulary = null   // single-word terms, sorted (for prefixes); made after READY
  var forms = null        // folded word -> [[written form, count], …] by count; made after READY
  var ABBR = Object.create(null)    // folded abbreviation -> words of its expansion
  var EXPANSIONS = []               // [words of an expansion, abbreviation]
  var SYNONYMS = []                 // [folded words of the key, [[words], …]]
  var ready = false
  var tokens = 0          // words counted in `counts`

  function idOf(word) {
    var id = ids.get(word)
    if (id === undefined) {
      id = names.length
      ids.set(word, id)
      names.push(word)
      folds.push(id)
      counts.push(0)
      postings.push(null)
    }
    return id
  }

  /* Below 2^31, so V8 keeps the key a small integer (more than 32768 distinct
     words would still work, a little slower). */
  function pairKey(a, b) { return a * 32768 + b }

  function pairOf(a, b, create) {
    var key = pairKey(a, b), id = pairIds.get(key)
    if (id === undefined && create) {
      id = pairCounts.length
      pairIds.set(key, id)
      pairCounts.push(0)
      pairPostings.push(null)
    }
    return id
  }

  /* A term of the query: one word, or two separated by a space (a pair). */
  function postingsOf(term) {
    var at = term.indexOf(" ")
    if (at < 0) {
      var id = ids.get(term)
      return id === undefined ? null : postings[id]
    }
    var a = ids.get(term.slice(0, at)), b = ids.get(term.slice(at + 1))
    var p = a === undefined || b === undefined ? undefined : pairOf(a, b, false)
    return p === undefined ? null : pairPostings[p]
  }

  var known = new Map()  // raw token -> id of the normalised word (most words repeat)
  function token(raw) {
    var id = known.get(raw)
    if (id === undefined) {
      var w = normalize(raw)
      id = idOf(w)
      folds[id] = idOf(key(w))
      known.set(raw, id)
    }
    return id
  }

  /* Where a phrase ends: punctuation between two words, or the end of a
     block (paragraph, list item, table cell, heading). Words on either side
     make no pair ("…đánh máy. Năm 2025…" is not the phrase "máy năm"). Hyphens
     and slashes do not end one ("42-HD/BTCTW"). */
  var BREAK = /[.,;:!?()[\]{}"“”…–—|\n]/
  var BLOCK_TAG = /<\/?(?:p|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|caption|h[1-6]|blockquote|figure|figcaption|details|summary|div|br|hr)\b[^>]*>/gi

  /* A word, or a character that ends a phrase (BREAK): one pass over the text,
     no slices (the index is built while the reader waits). */
  var WORD_OR_BREAK = new RegExp(WORD.source + "|" + BREAK.source, "g")

  /* The words of a field as ids, with -1 where a phrase ends. */
  function fieldIds(text) {
    var out = [], m, broken = false
    if (!text) return out
    WORD_OR_BREAK.lastIndex = 0
    while ((m = WORD_OR_BREAK.exec(text)) !== null) {
      if (m[0].length === 1 && BREAK.test(m[0])) { broken = true; continue }
      if (broken && out.length) out.push(-1)
      broken = false
      out.push(token(m[0]))
    }
    return out
  }

  function wordCount(ws) {
    var n = 0
    for (var i = 0; i < ws.length; i++) if (ws[i] >= 0) n++
    return n
  }

  var TAG = /<[^>]*>/g
  var ENTITY = /&(?:lt|gt|amp|quot|#39|nbsp);/g
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": "\"", "&#39;": "'", "&nbsp;": " " }
  function plain(html) {
    return html.replace(TAG, " ").replace(ENTITY, function (e) { return ENTITIES[e] })
      .replace(/\s+/g, " ").trim()
  }

  function grow(array, size) {
    if (array.length >= size) return array
    var bigger = new Float64Array(Math.max(size, array.length * 2))
    bigger.set(array)
    return bigger
  }

  function growBytes(array, size) {
    if (array.length >= size) return array
    var bigger = new Uint8Array(size)
    bigger.set(array)
    return bigger
  }

  function build(all, config) {
    config = config || {}
    var other = ["en/"]
    docs = all.filter(function (doc) {
      var foreign = other.some(function (p) { return doc.location.indexOf(p) === 0 })
      return LANG === "vi" ? !foreign : doc.location.indexOf(LANG + "/") === 0
    })
    var pageIndex = Object.create(null)
    docs.forEach(function (doc, i) { if (doc.location.indexOf("#") < 0) pageIndex[doc.location] = i })
    pageOf = docs.map(function (doc, i) {
      var p = pageIndex[doc.location.split("#")[0]]
      return p === undefined ? i : p
    })
    boost = docs.map(function (doc) { return typeof doc.boost === "number" ? doc.boost : 1 })
    plainCache = []
    ids = new Map(); names = []; folds = []; counts = []; postings = []
    pairIds = new Map(); pairCounts = []; pairPostings = []
    known = new Map(); vocabulary = null; forms = null; tokens = 0

    /* Pass 1: every field as word ids, and the average length of each field. */
    var fieldsOf = docs.map(function (doc, i) {
      var page = pageOf[i] !== i ? docs[pageOf[i]].title : ""
      return [fieldIds(doc.title), fieldIds(page), fieldIds((doc.text || "").replace(BLOCK_TAG, "\n").replace(TAG, " ")),
              fieldIds((doc.tags || []).join("\n")), fieldIds((doc.asked || []).join("\n"))]
    })
    var lengths = fieldsOf.map(function (fields) { return fields.map(wordCount) })
    titleKeys = fieldsOf.map(function (fields) {
      return fields[0].filter(function (t) { return t >= 0 }).map(function (t) { return folds[t] })
    })
    var average = FIELDS.map(function (_, f) {
      var n = 0
      for (var i = 0; i < fieldsOf.length; i++) n += lengths[i][f]
      return Math.max(1, n / Math.max(1, fieldsOf.length))
    })
    var stop = new Uint8Array(names.length + 64)
    for (var w in STOPS) { var sid = ids.get(w); if (sid !== undefined) stop[sid] = 1 }

    /* Pass 2: weighted term frequencies per document (BM25F). */
    var acc = new Float64Array(names.length), touched = []
    var pacc = new Float64Array(1024), ptouched = []
    var strong = new Uint8Array(names.length), pstrong = new Uint8Array(1024)
    for (var d = 0; d < docs.length; d++) {
      for (var f = 0; f < FIELDS.length; f++) {
        var ws = fieldsOf[d][f], n = ws.length
        if (!n) continue
        var field = FIELDS[f]
        var weight = (TUNE[field.name] || field.boost) / (1 - field.b + field.b * lengths[d][f] / average[f])
        var counting = f !== 1   // a page's title is counted once, not again with each section
        var head = FIELDS[f].name !== "text" ? 1 : 0   // in a heading, the page's title or tags
        for (var i = 0; i < n; i++) {
          var t = ws[i]
          if (t < 0) continue
          var folded = folds[t]
          if (acc[t] === 0) touched.push(t)
          acc[t] += weight
          strong[t] |= head
          if (folded !== t) {
            if (acc[folded] === 0) touched.push(folded)
            acc[folded] += weight
            strong[folded] |= head
          }
          if (counting) { counts[t]++; tokens++ }
          if (i + 1 < n && ws[i + 1] >= 0) {
            var next = ws[i + 1]
            var pair = pairOf(t, next, true)
            if (counting) pairCounts[pair]++
            if (!stop[t] && !stop[next]) {
              if (pair >= pacc.length) { pacc = grow(pacc, pair + 1); pstrong = growBytes(pstrong, pacc.length) }
              if (pacc[pair] === 0) ptouched.push(pair)
              pacc[pair] += weight
              pstrong[pair] |= head
            }
          }
        }
      }
      for (var k = 0; k < touched.length; k++) {
        var id = touched[k]
        var list = postings[id] || (postings[id] = [])
        list.push(d, acc[id], strong[id])
        acc[id] = 0
        strong[id] = 0
      }
      for (var k3 = 0; k3 < ptouched.length; k3++) {
        var pid = ptouched[k3]
        var plist = pairPostings[pid] || (pairPostings[pid] = [])
        plist.push(d, pacc[pid], pstrong[pid])
        pacc[pid] = 0
        pstrong[pid] = 0
      }
      touched.length = 0
      ptouched.length = 0
    }

    ABBR = Object.create(null)
    EXPANSIONS = []
    var abbr = config.abbr || {}
    for (var key in abbr) {
      var expansion = words(abbr[key])
      var short = fold(key).replace(/[^a-z0-9]/g, "")
      if (short.length >= 3 && expansion.length) {
        ABBR[short] = expansion
        EXPANSIONS.push([expansion.map(fold), words(key).join("")])
      }
    }
    SYNONYMS = []
    /* Each language has its own table (sotay.search.synonym_tables): the
       Vietnamese one would send "meeting on Zoom" on the English site to the
       pages that quote "trực tuyến". The offline copy hands both sites both. */
    var syn = (config.synonyms || {})[LANG] || {}
    for (var k2 in syn)
      SYNONYMS.push([words(k2).map(fold), syn[k2].map(words)])
    ready = true
  }

  /* Made right after the index is ready (or on first use), not while the
     reader waits for search to open. */
  function getVocabulary() {
    if (!vocabulary) {
      vocabulary = []
      for (var id = 0; id < names.length; id++) if (postings[id]) vocabulary.push(names[id])
      vocabulary.sort()
    }
    return vocabulary
  }

  function getForms() {
    if (!forms) {
      forms = new Map()
      for (var id = 0; id < names.length; id++) {
        if (!counts[id]) continue
        var k = names[folds[id]]
        var list = forms.get(k)
        if (list === undefined) forms.set(k, list = [])
        list.push([names[id], counts[id]])
      }
      forms.forEach(function (list) { list.sort(function (a, b) { return b[1] - a[1] }) })
    }
    return forms
  }

  function prepare() {
    if (ready) { getVocabulary(); getForms() }
  }

  function pairCount(a, b) {
    var x = ids.get(a), y = ids.get(b)
    if (x === undefined || y === undefined) return 0
    var p = pairOf(x, y, false)
    return p === undefined ? 0 : pairCounts[p]
  }

  /* How much two neighbouring words are one word ("biên bản", "chi bộ") rather
     than two that met ("bản họp", "họp chi"): how often the pair occurs, out
     of the occurrences of the rarer of its words. Vietnamese writes the
     syllables of a word apart, so this is how the search tells them. */
  function cohesion(a, b) {
    var x = ids.get(a), y = ids.get(b)
    if (x === undefined || y === undefined) return 0
    var p = pairOf(x, y, false)
    if (p === undefined) return 0
    return pairCounts[p] / Math.max(1, Math.min(counts[x], counts[y]))
  }

  function pairWeight(a, b) {
    return TUNE.pair * Math.pow(cohesion(a, b), TUNE.cohesion)
  }

  /* --- Accents put back ----------------------------------------------------
     A query word typed without accents ("dong chi cap tren") is given the
     accents it most likely has: the path through the written forms of each
     word with the most frequent pairs, then the most frequent words, counted
     in this site's own text while indexing ("đồng chí cấp trên"). Words typed
     with accents are kept as they are. */
  var PLAIN = /^[a-z0-9]+$/

  function restore(ws) {
    var forms = getForms()
    var cands = ws.map(function (w) {
      var list = PLAIN.test(w) && forms.get(w)
      return list ? list.slice(0, 8) : [[w, counts[ids.get(w)] || 0]]
    })
    var total = tokens || 1, lambda = TUNE.restoreLambda
    function unigram(c) { return (c[1] + 0.1) / total }
    var best = [cands[0].map(function (c) { return [Math.log(unigram(c)), -1] })]
    for (var i = 1; i < ws.length; i++) {
      best.push(cands[i].map(function (c) {
        var top = [-Infinity, -1]
        cands[i - 1].forEach(function (p, j) {
          var bigram = p[1] ? pairCount(p[0], c[0]) / p[1] : 0
          var s = best[i - 1][j][0] + Math.log(lambda * bigram + (1 - lambda) * unigram(c))
          if (s > top[0]) top = [s, j]
        })
        return top
      }))
    }
    var last = best[best.length - 1], k = 0
    for (var j = 1; j < last.length; j++) if (last[j][0] > last[k][0]) k = j
    var out = []
    for (var n = ws.length - 1; n >= 0; n--) {
      out.unshift(cands[n][k][0])
      k = best[n][k][1]
    }
    return out
  }

  /* --- Searching ---------------------------------------------------------- */

  function idf(list) {
    var df = list.length / 3, n = docs.length
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /* Adds weight × BM25 of `term` to out[doc], keeping the larger value; marks
     in head[doc] the documents that have it in a heading. */
  function scoreTerm(term, weight, out, head, maxIdf) {
    var list = postingsOf(term)
    if (!list) return false
    var K1 = TUNE.k1, w = Math.min(idf(list), maxIdf === undefined ? Infinity : maxIdf) * weight * (K1 + 1)
    for (var i = 0; i < list.length; i += 3) {
      var d = list[i], tf = list[i + 1], s = w * tf / (K1 + tf)
      if (s > out[d]) out[d] = s
      if (head && list[i + 2]) head[d] = 1
    }
    return true
  }

  function prefixed(prefix, limit) {
    var vocabulary = getVocabulary()
    var lo = 0, hi = vocabulary.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (vocabulary[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    var out = []
    for (var i = lo; i < vocabulary.length && out.length < limit && vocabulary[i].indexOf(prefix) === 0; i++)
      out.push(vocabulary[i])
    return out
  }

  /* Weight of a query word in the share of the query a page must contain:
     how rare the word (folded) is. */
  function rarity(w) {
    var list = postingsOf(w) || postingsOf(key(w))
    return list ? idf(list) : Math.log(1 + docs.length)
  }

  /* Ranking constants, chosen on the project's query set (tests/search_queries.yml)
     and the held-out sets already looked at (benchmarks/search_holdout*.yml: the
     benchmark's docstring says which were run before any tuning on them). */
  var TUNE = {
    coverage: 0.6,     // share of the query (weighted by rarity) a result must contain…
    relative: 0.5,     // …or this share of what the best-covering result contains, if less
    cutoff: 0.2,       // results scoring below this share of the best are left out
    pair: 1.5,         // weight of a pair of query words found together
    article: 0.5,      // a page's own entry (title, first lines) over its sections, as Material does
    folded: 0.6,       // an accented word found with other accents
    plainFolded: 0.9,  // a word typed without accents found with other accents than guessed
    synonym: 0.9,      // a synonym's words, against the words typed
    common: 0.25,      // a word in more than this share of the sections counts only in headings
    cohesion: 0.5,     // pairs weigh by how much they are one word (cohesion ^ this)
    k1: 3,             // BM25: how fast repeated words stop adding to the score
    asking: 0.3,       // weight of question and stop words in the share of the query
    restoreLambda: 0.9, // accents put back: weight of the word before against the word alone
    number: 0.6,       // weight of a number in the share of the query: people guess numbers ("60 đảng viên" for "hơn 50")
    named: 1           // a document whose title begins with the query (see namedBy): its score × (1 + this)
  }
  var NUMBER = /^[0-9]+$/
  var override = self.__sotayTune   // for tuning runs in Node; never set on the site
  if (override) for (var setting in override) TUNE[setting] = override[setting]  // not `key`: that is a function here
  var MAX_RESULTS = 1000 // pages listed at most (no cap: the count shown is the number of pages found)
  var MAX_SECTIONS = 3 // sections shown under a page at most

  function parse(query) {
    var typed = words(query)
    if (!typed.length) return null
    var open = !/[^0-9a-zA-Z\u00c0-\u1ef9]$/.test(query.normalize("NFC"))   // the last word is still being typed
    var ws = restore(typed)
    var q = { typed: typed, words: ws, open: open, alts: [] }
    /* Alternatives that stand for some of the query's words: synonyms and
       abbreviations (both ways). */
    var folded = ws.map(fold)
    SYNONYMS.forEach(function (s) {
      // A phrase for a phrase ("họp chi bộ" → "sinh hoạt chi bộ") says the same; a word for a word, less.
      at(folded, s[0], function (covers) {
        s[1].forEach(function (phrase) { q.alts.push({ words: phrase, covers: covers, strong: covers.length > 1 }) })
      })
    })
    folded.forEach(function (f, i) {
      if (ABBR[f]) q.alts.push({ words: ABBR[f], covers: [i], strong: true })
    })
    EXPANSIONS.forEach(function (e) {
      at(folded, e[0], function (covers) { q.alts.push({ words: [e[1]], covers: covers, strong: true }) })
    })
    return q
  }

  /* Calls found(positions) wherever the words `key` occur together in `words`. */
  function at(words, key, found) {
    for (var i = 0; i + key.length <= words.length; i++) {
      var j = 0
      while (j < key.length && words[i + j] === key[j]) j++
      if (j === key.length) {
        var covers = []
        for (var k = 0; k < key.length; k++) covers.push(i + k)
        found(covers)
      }
    }
  }

  /* A term in more than a quarter of the sections ("chi bộ", "đảng viên", "sinh hoạt"). */
  function isCommon(list) {
    return !!list && list.length / 3 > TUNE.common * docs.length
  }

  /* The written forms a query word may stand for: itself; typed without
     accents, also the commonest words of the text that fold to it. */
  function spellings(w, typed) {
    if (!PLAIN.test(typed)) return [w]
    var out = [w]
    ;(getForms().get(typed) || []).slice(0, 8).forEach(function (f) { if (f[0] !== w) out.push(f[0]) })
    return out
  }

  function markDocs(term, marks) {
    var list = postingsOf(term)
    if (list) for (var i = 0; i < list.length; i += 3) marks[list[i]] = 1
  }

  /* Scores of one word in every document: as written, folded, and (the last
     word, still being typed) as a prefix. `found` marks the documents where
     the word counts as found: anywhere for most words; for a word on more
     than a quarter of the site ("chi bộ", "đảng viên", "sinh hoạt") only in
     a heading, the page's title or its tags, so a page is not listed for a
     passing mention of it. */
  function wordScores(w, typed, prefix) {
    var n = docs.length, out = new Float64Array(n), head = new Uint8Array(n)
    var f = key(w)
    var exact = scoreTerm(w, 1, out, head)
    /* A word typed with accents and found only with other accents ("thất"
       typed, "thật" on the page) is most likely another word: it counts for
       less in the share of the query a page contains. */
    var asTyped = exact && f !== w && !PLAIN.test(typed) ? new Uint8Array(n) : null
    if (asTyped) for (var a = 0; a < n; a++) asTyped[a] = out[a] > 0 ? 1 : 0
    if (f !== w) scoreTerm(f, PLAIN.test(typed) ? TUNE.plainFolded : TUNE.folded, out, head)
    if (!exact && f !== w && !PLAIN.test(typed)) asTyped = new Uint8Array(n)
    if (prefix) {
      /* When what is typed is a word already ("bộ"), the longer words it
         begins ("bộc", and folded "bỏ", "bổ", "bốn") may be what is meant,
         but weigh no more than the word itself: a rare word does not outrank
         the word typed because it is rare. */
      var seen = Object.create(null), cap = exact ? rarity(w) : undefined
      seen[w] = seen[f] = true
      var more = prefixed(typed, 40).concat(fold(typed) !== typed ? prefixed(fold(typed), 40) : [])
      more.forEach(function (t) {
        if (!seen[t]) { seen[t] = true; scoreTerm(t, exact ? 0.4 : 0.7, out, head, cap) }
      })
      if (asTyped) prefixed(typed, 40).forEach(function (t) { markDocs(t, asTyped) })
    }
    var common = isCommon(postingsOf(w) || postingsOf(f))
    var found = new Float64Array(n)
    for (var d = 0; d < n; d++)
      found[d] = out[d] > 0 && (!common || head[d]) ? (!asTyped || asTyped[d] ? 1 : TUNE.folded) : 0
    return { score: out, found: found }
  }

  /* A synonym or an abbreviation's expansion: found where all its words are. */
  function phraseScores(ws, weight) {
    var n = docs.length, total = new Float64Array(n), matched = new Int32Array(n), need = 0
    for (var i = 0; i < ws.length; i++) {
      if (STOPS[ws[i]] && ws.length > 1) continue
      need++
      var s = wordScores(ws[i], ws[i], false)
      for (var d = 0; d < n; d++) {
        if (s.score[d] > 0) total[d] += s.score[d]
        if (s.found[d]) matched[d]++
      }
    }
    for (var k = 0; k + 1 < ws.length; k++) {
      if (STOPS[ws[k]] || STOPS[ws[k + 1]]) continue
      var p = new Float64Array(n)
      if (scoreTerm(ws[k] + " " + ws[k + 1], pairWeight(ws[k], ws[k + 1]), p))
        for (var d2 = 0; d2 < n; d2++) total[d2] += p[d2]
    }
    var found = new Uint8Array(n)
    for (var d3 = 0; d3 < n; d3++) {
      found[d3] = matched[d3] === need && need > 0 ? 1 : 0
      total[d3] *= weight
    }
    return { score: total, found: found }
  }

  /* Is a document asked for by its name? Its title begins with the whole
     query, as typed or with a phrase of it replaced by its synonym ("biên
     bản họp chi bộ" → "Biên bản sinh hoạt chi bộ thường kỳ", "Guidance
     42-HD/BTCTW"); the last word may be unfinished. Two words at least.
     Returns 2 when the query is the whole title, 1 when it begins it, 0. */
  function namedBy(q) {
    var last = q.open ? key(q.typed[q.typed.length - 1]) : null
    var base = q.words.map(function (w) { return key(w) })
    var phrasings = [base]
    q.alts.forEach(function (a) {
      if (!a.strong || a.covers.length < 2) return
      var from = a.covers[0], to = a.covers[a.covers.length - 1]
      phrasings.push(base.slice(0, from).concat(a.words.map(key), base.slice(to + 1)))
    })
    phrasings = phrasings.filter(function (p) { return p.length >= 2 }).map(function (p) {
      return p.map(function (k, i) { return [ids.get(k), q.open && i === p.length - 1 && last !== null && p === base ? last : null] })
    })
    if (!phrasings.length) return function () { return 0 }
    return function (d) {
      var t = titleKeys[d], best = 0
      phrasings.forEach(function (p) {
        if (t.length < p.length) return
        for (var i = 0; i < p.length; i++) {
          if (p[i][0] === t[i]) continue
          if (p[i][1] !== null && names[t[i]].indexOf(p[i][1]) === 0) continue
          return
        }
        best = Math.max(best, t.length === p.length ? 2 : 1)
      })
      return best
    }
  }

  function search(query) {
    var q = parse(query)
    if (!q || !docs.length) return { q: q, ranked: [] }
    var n = docs.length, ws = q.words
    var score = new Float64Array(n)
    var covered = ws.map(function () { return new Float64Array(n) })   // counts for the share of the query (0–1)
    var present = ws.map(function () { return new Uint8Array(n) })   // is on the page (shown to the reader)
    ws.forEach(function (w, i) {
      var s = wordScores(w, q.typed[i], q.open && i === ws.length - 1)
      for (var d = 0; d < n; d++) {
        score[d] += s.score[d]
        covered[i][d] = s.found[d]
        present[i][d] = s.score[d] > 0 ? 1 : 0
      }
    })
    /* Pairs of neighbouring query words. A word typed without accents may be
       another word than the one guessed ("bo hop": "bỏ họp" or "bộ họp"):
       each pair of its spellings that the text has counts, the guessed one
       fully, the others a little less. */
    var spelled = ws.map(function (w, i) { return spellings(w, q.typed[i]) })
    for (var i = 0; i + 1 < ws.length; i++) {
      var p = new Float64Array(n), phrase = new Uint8Array(n), any = false
      spelled[i].forEach(function (a) {
        spelled[i + 1].forEach(function (b) {
          if (STOPS[a] || STOPS[b]) return
          var pair = a + " " + b, guessed = a === ws[i] && b === ws[i + 1]
          if (!scoreTerm(pair, pairWeight(a, b) * (guessed ? 1 : TUNE.plainFolded), p)) return
          any = true
          /* Common words found as a phrase of the query that is not common
             itself ("trước buổi" in "họp chi ủy trước buổi sinh hoạt") are no
             passing mention: they count as found wherever the phrase is. */
          if (!isCommon(postingsOf(pair))) markDocs(pair, phrase)
        })
      })
      if (!any) continue
      for (var d = 0; d < n; d++) {
        score[d] += p[d]
        if (phrase[d]) covered[i][d] = covered[i + 1][d] = 1
      }
    }
    /* The word being typed, with the one before: "chi b" looks for "chi bộ",
       "chi bầu", … by the pairs the text has, so the pages with the phrase
       come first while the reader is still typing. */
    var before = ws.length > 1 ? ws[ws.length - 2] : null, typing = q.typed[ws.length - 1]
    if (q.open && before && !STOPS[before]) {
      var ahead = new Float64Array(n)
      prefixed(typing, 40).concat(PLAIN.test(typing) ? prefixed(fold(typing), 40) : []).forEach(function (t) {
        if (t !== ws[ws.length - 1] && !STOPS[t]) scoreTerm(before + " " + t, pairWeight(before, t), ahead)
      })
      for (var d5 = 0; d5 < n; d5++) score[d5] += ahead[d5]
    }
    q.alts.forEach(function (alt) {
      var s = phraseScores(alt.words, alt.strong ? 1 : TUNE.synonym)
      for (var d = 0; d < n; d++) if (s.found[d]) {
        score[d] += s.score[d]
        alt.covers.forEach(function (i) { covered[i][d] = present[i][d] = 1 })
      }
    })
    var weights = ws.map(function (w) { return rarity(w) * (FUNCTION_WORDS[w] ? TUNE.asking : NUMBER.test(w) ? TUNE.number : 1) }), all = 0
    weights.forEach(function (w) { all += w })
    var share = new Float64Array(n), most = 0
    for (var d2 = 0; d2 < n; d2++) {
      if (score[d2] <= 0) continue
      var c = 0
      for (var k = 0; k < ws.length; k++) c += weights[k] * covered[k][d2]
      share[d2] = c / all
      if (share[d2] > most) most = share[d2]
    }
    var need = Math.min(TUNE.coverage, TUNE.relative * most) - 1e-9
    var named = namedBy(q)
    var ranked = []
    for (var d4 = 0; d4 < n; d4++) {
      if (score[d4] <= 0 || share[d4] < need) continue
      /* A page's own entry counts over its sections, and a page asked for
         by its name over the rest. On a section index page (boost below 1),
         whose entries list other pages, the own entry counts as any other,
         and only the whole name ("tập huấn bí thư chi bộ") is asking for it. */
      var index = boost[d4] < 1
      var lift = (pageOf[d4] === d4 && !index ? TUNE.article : 0) + share[d4]
      var bonus = named(d4) > (index ? 1 : 0) ? 1 + TUNE.named : 1
      ranked.push([d4, score[d4] * boost[d4] * bonus * (1 + lift * lift)])
    }
    ranked.sort(function (a, b) { return b[1] - a[1] })
    if (ranked.length) {
      var top = ranked[0][1]
      ranked = ranked.filter(function (r) { return r[1] >= TUNE.cutoff * top })
    }
    q.present = present
    return { q: q, ranked: ranked }
  }

  /* --- What the reader sees ------------------------------------------------ */

  function escapeHTML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;")
  }

  /* Which words of a document to mark: the query's words as the text writes
     them ("đảng" marks "đảng", not "đang"); only where the document does not
     have that spelling, the words that fold to the same ("bien" typed, the
     page has only "biến"). The last word, still being typed, marks the words
     it begins (as typed: "mặ" → "mặt"; without accents: "mat" → "mặt"). */
  function marker(q) {
    var wanted = []   // [written word, folded word, docs that have it as written]
    function want(w) {
      var id = ids.get(w), list = id === undefined ? null : postings[id], has = new Set()
      if (list) for (var i = 0; i < list.length; i += 3) has.add(list[i])
      wanted.push([w, key(w), has])
    }
    /* Little words ("on", "của") are marked only when the query has nothing
       else: "meeting on Zoom" marks neither "on your own initiative" nor
       "which platform" … "on". */
    var content = q.words.some(function (w) { return !STOPS[w] })
    q.words.forEach(function (w, i) {
      if (!(q.open && i === q.words.length - 1) && !(content && STOPS[w])) want(w)
    })
    q.alts.forEach(function (a) { a.words.forEach(function (w) { if (!STOPS[w] || a.words.length === 1) want(w) }) })
    var last = q.open ? q.typed[q.typed.length - 1] : null
    var lastPlain = last !== null && PLAIN.test(last)
    return function (d) {
      var exact = Object.create(null), folded = Object.create(null)
      wanted.forEach(function (x) {
        if (x[2].has(d)) exact[x[0]] = true
        else folded[x[1]] = true
      })
      return function (raw) {
        var id = token(raw), w = names[id], f = names[folds[id]]
        if (exact[w] || folded[f]) return true
        if (last !== null) return lastPlain ? f.indexOf(last) === 0 : w.indexOf(last) === 0
        return false
      }
    }
  }

  /* Text with the matching words marked; neighbouring marks are joined. */
  function highlight(text, isMatch) {
    var out = "", last = 0, open = false, m
    WORD.lastIndex = 0
    while ((m = WORD.exec(text)) !== null) {
      if (!isMatch(m[0])) continue
      var between = text.slice(last, m.index)
      if (open && /^\s+$/.test(between)) out += between
      else {
        if (open) out += "</mark>"
        out += escapeHTML(between) + "<mark>"
      }
      out += escapeHTML(m[0])
      open = true
      last = m.index + m[0].length
    }
    if (open) out += "</mark>"
    return out + escapeHTML(text.slice(last))
  }

  var SNIPPET = 180  // characters: about four lines on a 360 px phone

  /* The part of the text with the most query words, cut at word boundaries. */
  function snippet(text, isMatch) {
    if (text.length <= SNIPPET) return highlight(text, isMatch)
    var hits = [], m
    WORD.lastIndex = 0
    while ((m = WORD.exec(text)) !== null)
      if (isMatch(m[0])) hits.push([m.index, folds[token(m[0])]])
    var start = 0
    if (hits.length) {
      var bestCount = -1
      for (var i = 0; i < hits.length; i++) {
        var seen = Object.create(null), count = 0
        for (var j = i; j < hits.length && hits[j][0] < hits[i][0] + SNIPPET - 40; j++)
          if (!seen[hits[j][1]]) { seen[hits[j][1]] = true; count++ }
        if (count > bestCount) { bestCount = count; start = hits[i][0] }
      }
      start = Math.max(0, start - 40)
    }
    if (start > 0) {
      var space = text.lastIndexOf(" ", start)
      start = space < 0 ? 0 : space + 1
    }
    var end = Math.min(text.length, start + SNIPPET)
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end)
      if (cut > start + SNIPPET / 2) end = cut
    }
    return (start > 0 ? "… " : "") + highlight(text.slice(start, end), isMatch) + (end < text.length ? " …" : "")
  }

  function plainText(d) {
    if (plainCache[d] === undefined) plainCache[d] = plain(docs[d].text || "")
    return plainCache[d]
  }

  /* One result in Material's shape (SearchItem): title and text are HTML. */
  function item(d, score, q, markerOf) {
    var doc = docs[d], terms = {}, isMatch = markerOf(d)
    if (score > 0)
      q.words.forEach(function (w, i) {
        var key = label(q, i)
        terms[key] = terms[key] || !!q.present[i][d]
      })
    var text = plainText(d)
    var out = {
      location: doc.location,
      title: highlight(plain(doc.title), isMatch),
      text: text ? "<p>" + snippet(text, isMatch) + "</p>" : "",
      score: score,
      terms: terms
    }
    if (doc.tags && doc.tags.length)
      out.tags = doc.tags.map(function (t) { return highlight(plain(t), isMatch) })
    return out
  }

  /* How a query word is named to the reader (missing words, ?h= highlighting on
     the page): as restored with accents; a word still being typed as typed. */
  function label(q, i) {
    var w = q.words[i]
    if (q.open && i === q.words.length - 1 && !postingsOf(w)) return q.typed[i]
    return w
  }

  /* Completion of the last word for Material's suggestion line: the commonest
     word of the text that begins with what was typed, when what was typed is
     not a word yet. Only words as they are written in the text are offered,
     never index terms. */
  function suggest(query, q) {
    if (!q || !q.open) return []
    var typed = q.typed[q.typed.length - 1]
    var rawLast = query.split(/[\s-]+/).pop()
    if (!rawLast || normalize(rawLast) !== typed) return []
    // A whole word already ("bộ", "mat" for "mặt") needs no completion.
    if (typed.length > 1 && (counts[ids.get(typed)] > 0 || getForms().has(typed))) return []
    var best = null, count = 0
    prefixed(typed, 200).forEach(function (w) {
      var n = counts[ids.get(w)] || 0
      if (w.length > typed.length && n > count) { best = w; count = n }
    })
    return best ? [rawLast + best.slice(typed.length)] : []
  }

  function results(query) {
    var found = search(query), q = found.q
    if (!q) return { items: [] }
    var markerOf = marker(q)
    var groups = new Map()
    found.ranked.forEach(function (r) {
      var page = pageOf[r[0]]
      var list = groups.get(page)
      if (list === undefined) {
        if (groups.size >= MAX_RESULTS) return
        groups.set(page, list = [])
      }
      if (list.length < MAX_SECTIONS || r[0] === page) list.push(r)
    })
    var items = []
    groups.forEach(function (list, page) {
      var out = list.map(function (r) { return item(r[0], r[1], q, markerOf) })
      if (!list.some(function (r) { return r[0] === page })) out.push(item(page, 0, q, markerOf))
      items.push(out)
    })
    return { items: items, suggest: suggest(query, q) }
  }

  /* --- Material's worker protocol ----------------------------------------- */

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  var loading = null
  function load() {
    if (!loading)
      loading = fetch(DATA).then(function (r) {
        if (!r.ok) throw new Error(DATA + ": " + r.status)
        return r.json()
      }).then(function (data) {
        build(data.docs || [], data.config && data.config.sotay)
      }).catch(function (err) {
        loading = null   // try again with the next query
        console.warn("Sổ tay search: the index could not be loaded", err)
      })
    return loading
  }

  /* Online, start downloading right away (the setup message brings no
     documents). */
  var online = HERE.protocol === "http:" || HERE.protocol === "https:"
  if (online && typeof fetch === "function" && !self.__sotayNoStart) load()

  function handle(message) {
    if (!message || typeof message !== "object") return Promise.resolve(null)
    if (message.type === SETUP) {
      var data = message.data || {}
      if (data.docs && data.docs.length) {
        build(data.docs, data.config && data.config.sotay)
        return Promise.resolve({ type: READY })
      }
      return (online ? load() : Promise.resolve()).then(function () { return { type: READY } })
    }
    if (message.type === QUERY) {
      var answer = function () { return { type: RESULT, data: results(String(message.data || "")) } }
      if (!ready && online) return load().then(answer)
      return Promise.resolve(answer())
    }
    return Promise.resolve(null)
  }

  self.__sotaySearch = {
    fold: fold, normalize: normalize, words: words, restore: restore, build: build,
    search: search, results: results, handle: handle, highlight: highlight, snippet: snippet,
    STOPS: STOPS, pairCount: pairCount, count: function (w) { return counts[ids.get(w)] || 0 }, terms: function () { return { words: ids.size, pairs: pairPostings.filter(Boolean).length } }, prepare: prepare
  }

  if (typeof self.addEventListener === "function")
    self.addEventListener("message", function (ev) {
      handle(ev.data).then(function (reply) {
        if (!reply) return
        self.postMessage(reply)
        if (reply.type === READY) setTimeout(prepare, 0)  // while the reader types the first letters
      })
    })
})()
