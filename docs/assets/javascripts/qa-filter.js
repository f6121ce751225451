/* Q&A index: filter the questions as you type, with or without accents, offline.
   The box appears where render.py put <div class="sotay-qa-filter">. */
(function () {
  "use strict"
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
  }
  function setup() {
    var host = document.querySelector(".sotay-qa-filter")
    if (!host || host.dataset.ready) return
    host.dataset.ready = "1"
    var en = host.dataset.lang === "en"
    var article = host.closest("article") || document
    var items = Array.prototype.slice.call(article.querySelectorAll("h3 + ul > li"))
    var label = document.createElement("label")
    label.className = "sotay-qa-filter__label"
    label.textContent = en ? "Filter the questions (with or without accents)" : "Lọc câu hỏi (gõ có dấu hoặc không dấu)"
    var input = document.createElement("input")
    input.type = "search"
    input.className = "md-input sotay-qa-filter__input"
    input.placeholder = en ? "e.g. vote, minutes" : "ví dụ: biểu quyết, bien ban"
    label.appendChild(input)
    var count = document.createElement("p")
    count.className = "sotay-qa-filter__count"
    count.setAttribute("aria-live", "polite")
    host.appendChild(label)
    host.appendChild(count)
    host.hidden = false
    var haystack = items.map(function (li) { return fold(li.textContent) })
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean)
      var shown = 0
      items.forEach(function (li, i) {
        var ok = words.every(function (w) { return haystack[i].indexOf(w) >= 0 })
        li.hidden = !ok
        if (ok) shown++
      })
      article.querySelectorAll("h3").forEach(function (h) {
        var list = h.nextElementSibling
        if (!list || list.tagName !== "UL") return
        var any = Array.prototype.some.call(list.children, function (li) { return !li.hidden })
        h.hidden = list.hidden = !any
      })
      count.textContent = words.length
        ? (en ? shown + " of " + items.length + " questions" : shown + "/" + items.length + " câu hỏi")
        : ""
    }
    input.addEventListener("input", apply)
  }
  window.sotayOnPage(setup)  // page.js
})()
