/* Checklists ("- [ ] …" in the Markdown: "Kiểm tra trước giờ họp", …) that can be ticked.
 *
 * pymdownx.tasklist renders each item with a disabled checkbox. This makes them
 * usable and remembers the ticks in this browser (localStorage), per page, by the
 * item's text: a tick stays after a reload and survives an edit elsewhere on the
 * page. Quizzes (<div class="quiz">, quiz.js) are left alone. Without JavaScript
 * the list reads as before; on paper the boxes print as drawn.
 */
(function () {
  "use strict";

  var PREFIX = "sotay.checks.v1:";

  function key() { return PREFIX + location.pathname; }
  function load() {
    try { return JSON.parse(window.localStorage.getItem(key()) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(obj) {
    try { window.localStorage.setItem(key(), JSON.stringify(obj)); } catch (e) { /* private mode, file:// */ }
  }
  function itemText(li) {
    var clone = li.cloneNode(true);
    Array.prototype.forEach.call(clone.querySelectorAll("ul, ol"), function (l) { l.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function init() {
    var ticks = load();
    var boxes = document.querySelectorAll(".md-content li.task-list-item > .task-list-control > input[type=checkbox]," +
                                          ".md-content li.task-list-item > input[type=checkbox]");
    Array.prototype.forEach.call(boxes, function (box) {
      var li = box.closest("li");
      if (!li || li.closest(".quiz") || box.getAttribute("data-check-ready")) return;
      box.setAttribute("data-check-ready", "1");
      var id = itemText(li);
      box.disabled = false;
      box.removeAttribute("disabled");
      // The item's text becomes part of the label: a tap on the words ticks the box.
      var label = box.closest("label");
      if (label && (label.parentNode === li || label.parentNode.parentNode === li)) {
        var node = label.nextSibling;
        while (node && !(node.nodeType === 1 && /^(UL|OL)$/.test(node.tagName))) {
          var next = node.nextSibling;
          label.appendChild(node);
          node = next;
        }
        box.removeAttribute("aria-label");  // the label's text names it now
      }
      box.checked = !!ticks[id];
      li.classList.add("task-list-item--live");
      box.addEventListener("change", function () {
        var t = load();
        if (box.checked) t[id] = 1; else delete t[id];
        save(t);
      });
    });
  }

  window.sotayOnPage(init);  // page.js
})();
