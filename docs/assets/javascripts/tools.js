/* The tools of docs/cong-cu/ (scripts/sotay/tools.py writes their HTML).
 *
 * Each tool is <div data-sotay-tool="…"> with its rules as inline JSON
 * (<script type="application/json" class="sotay-tool-data">), made at build time
 * from data/meeting-rules.yml and data/voting-rules.yml. This file holds no
 * threshold, no number of days and no sentence of its own: the numbers come from
 * the data, the words from sotay.tools.STRINGS (both languages).
 *
 *   thang-nay            dates of the steps from the meeting date, the packet of the
 *                        kind of meeting, ticks kept in localStorage, "in cả bộ"
 *                        (one print job), filled Word files through window.sotayFill
 *   may-tinh-bieu-quyet  vote base, votes needed, result, with the arithmetic
 *   ke-hoach-nam         the plan of the chosen kind of cell and year; print, Word
 */
(function () {
  "use strict";

  var MONTH_STORE = "sotay.month.v1";

  function data(tool) {
    var el = tool.querySelector("script.sotay-tool-data");
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(key, obj) {
    try { window.localStorage.setItem(key, JSON.stringify(obj)); } catch (e) { /* private mode */ }
  }
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function fill() { return window.sotayFill && window.sotayFill.ready() ? window.sotayFill : null; }

  /* Print one part of the page: the class on <html> tells sotay.css what to print. */
  function printWith(cls, before, after) {
    var root = document.documentElement;
    var undo = function () {
      root.classList.remove(cls);
      window.removeEventListener("afterprint", undo);
      if (after) after();
    };
    if (before) before();
    root.classList.add(cls);
    window.addEventListener("afterprint", undo);
    window.print();
  }

  function sayIn(p) {
    return function (text, error) {
      if (!p) return;
      p.textContent = text;
      p.classList.toggle("sotay-fill__status--error", !!error);
    };
  }

  /* ------------------------------------------------------------ dates */

  function parseDate(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  }
  function addDays(d, n) { return new Date(d.getTime() + n * 86400000); }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function dayText(d, S, withDay) {
    var s = two(d.getUTCDate()) + "/" + two(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
    return withDay ? S.weekdays[d.getUTCDay()] + ", " + s : s;
  }

  /* --------------------------------------------------- thang-nay */

  function initMonth(tool) {
    var D = data(tool);
    if (!D) return;
    var S = D.strings;
    var form = tool.querySelector("form");
    var date = form.elements.date, kit = form.elements.kit;
    var st = load(MONTH_STORE);
    st.done = st.done || {};
    if (st.kind) each(form.elements.kind, function (r) { r.checked = r.value === st.kind; });
    if (st.date) date.value = st.date;
    if (st.kit && kit) kit.value = st.kit;
    var summary = tool.querySelector(".sotay-month__summary");
    var progress = tool.querySelector("[data-progress]");
    var status = sayIn(tool.querySelector(".sotay-packet__status"));

    function kind() {
      var k = null;
      each(form.elements.kind, function (r) { if (r.checked) k = r.value; });
      return k;
    }
    function inKind(el, k) { return (" " + el.getAttribute("data-kinds") + " ").indexOf(" " + k + " ") >= 0; }

    function update() {
      var k = kind(), d = parseDate(date.value);
      st.kind = k; st.date = date.value; st.kit = kit ? kit.value : null;
      save(MONTH_STORE, st);
      each(tool.querySelectorAll("[data-for-kinds]"), function (el) {
        el.hidden = (" " + el.getAttribute("data-for-kinds") + " ").indexOf(" " + k + " ") < 0;
      });
      each(tool.querySelectorAll(".sotay-step"), function (li) {
        li.hidden = !inKind(li, k);
        var out = li.querySelector("[data-date]");
        if (!d || !li.hasAttribute("data-from")) { out.textContent = ""; return; }
        var a = +li.getAttribute("data-from"), b = +li.getAttribute("data-to");
        var text = a === b ? dayText(addDays(d, a), S, true)
          : dayText(addDays(d, a), S, false) + " – " + dayText(addDays(d, b), S, false);
        if (li.getAttribute("data-timing") === "rule" && b < 0) text = S.deadline + " " + text;
        out.textContent = text;
      });
      each(tool.querySelectorAll(".sotay-packet__item"), function (el) { el.hidden = !inKind(el, k); });
      var info = D.kinds[k] || {};
      if (d) {
        var text = fmt(S.summary, { kind: info.label, date: dayText(d, S, true) });
        if (info.minutes) text += " " + fmt(S.minutes, { n: info.minutes }) + ".";
        summary.textContent = text;
      } else {
        summary.textContent = S.no_date;
      }
      var link = tool.querySelector("[data-kit-link]");
      if (link && kit && D.kits[kit.value]) {
        link.href = D.kits[kit.value].href;
        link.textContent = D.kits[kit.value].title;
        if (D.kits[kit.value].vi) link.setAttribute("lang", "vi"); else link.removeAttribute("lang");
      }
      count();
    }

    function count() {
      var boxes = Array.prototype.filter.call(tool.querySelectorAll("input[data-check]"), function (b) {
        return !b.closest("[hidden]");
      });
      var n = boxes.filter(function (b) { return b.checked; }).length;
      if (progress) progress.textContent = fmt(S.ticked, { n: n, total: boxes.length });
    }

    each(tool.querySelectorAll("input[data-check]"), function (box) {
      var id = box.getAttribute("data-check");
      box.checked = !!st.done[id];
      box.addEventListener("change", function () {
        if (box.checked) st.done[id] = true; else delete st.done[id];
        save(MONTH_STORE, st);
        count();
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("change", update);
    date.addEventListener("input", update);

    tool.querySelector('[data-act="reset"]').addEventListener("click", function () {
      if (!window.confirm(S.reset_confirm)) return;
      st = { kind: kind(), kit: kit ? kit.value : null, done: {} };
      date.value = "";
      each(tool.querySelectorAll("input[data-check]"), function (b) { b.checked = false; });
      update();
      if (summary) summary.textContent = S.reset_done;
      date.focus();
    });

    /* "In cả bộ": the packet of the chosen kind, every document open, in one print job. */
    tool.querySelector('[data-act="print-packet"]').addEventListener("click", function () {
      var closed = [];
      printWith("sotay-print-packet", function () {
        each(tool.querySelectorAll(".sotay-packet__item:not([hidden]) details"), function (d) {
          if (!d.open) { closed.push(d); d.open = true; }
        });
      }, function () {
        closed.forEach(function (d) { d.open = false; });
      });
    });

    each(tool.querySelectorAll('[data-act="docx"]'), function (btn) {
      btn.addEventListener("click", function () {
        var f = fill();
        if (!f) return;
        var name = btn.getAttribute("data-form");
        f.download(btn.getAttribute("data-docx"), name, name + "-da-dien.docx", status).catch(function () {});
      });
    });
    var packet = tool.querySelector('[data-act="packet-docx"]');
    if (packet) {
      packet.addEventListener("click", function (ev) {
        var f = fill();
        if (!f || !f.filled() || location.protocol === "file:") return;  // the file as it is
        ev.preventDefault();
        var name = packet.getAttribute("href").split("/").pop().replace(/\.docx$/, "-da-dien.docx");
        f.download(packet.href, null, name, status).catch(function () {});
      });
    }
    update();
  }

  /* ------------------------------------------- may-tinh-bieu-quyet */

  function initVote(tool) {
    var D = data(tool);
    if (!D) return;
    var S = D.strings;
    var form = tool.querySelector("form");
    var out = tool.querySelector(".sotay-vote__result");
    var byRole = {};
    D.counts.forEach(function (c) { (byRole[c.role] = byRole[c.role] || []).push(c); });

    function decision() {
      var id = null;
      each(form.elements.decision, function (r) { if (r.checked) id = r.value; });
      return D.decisions.filter(function (x) { return x.id === id; })[0];
    }
    function num(c) {
      var raw = (form.elements[c.id].value || "").trim();
      if (raw === "") return null;
      return /^\d+$/.test(raw) ? parseInt(raw, 10) : NaN;
    }
    function decimal(n, d) {
      if (n % d === 0) return String(n / d);
      var s = (Math.round((n / d) * 100) / 100).toFixed(2).replace(/0$/, "");
      return D.lang === "vi" ? s.replace(".", ",") : s;
    }
    function el(tag, cls, text, html) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (html != null) e.innerHTML = html; else if (text != null) e.textContent = text;
      return e;
    }
    function row(dl, term, value, html) {
      dl.appendChild(el("dt", null, term));
      dl.appendChild(el("dd", null, html ? null : value, html ? value : null));
    }

    /* Votes needed: more than num/den of the base, or at least num/den of it (integers only). */
    function needed(base, t) {
      var q = base * t.num;  // the share is q / den
      var need = t.op === "more_than" ? Math.floor(q / t.den) + 1 : Math.ceil(q / t.den);
      var tmpl = t.op === "more_than" ? S.need_more : (q % t.den === 0 ? S.need_least : S.need_least_round);
      return { need: need, text: fmt(tmpl, { base: base, num: t.num, den: t.den, q: decimal(q, t.den), need: need }) };
    }

    function update() {
      var x = decision();
      each(tool.querySelectorAll("[data-for-decisions]"), function (p) {
        p.hidden = (" " + p.getAttribute("data-for-decisions") + " ").indexOf(" " + x.id + " ") < 0;
      });
      out.innerHTML = "";
      out.removeAttribute("data-base");
      out.removeAttribute("data-need");
      var total = byRole.total[0], present = byRole.present[0], votes = byRole.votes[0];
      var used = [total].concat(D.counts.filter(function (c) { return x.excludes.indexOf(c.id) >= 0; }), [present, votes]);
      var v = {}, errors = [];
      used.forEach(function (c) {
        v[c.id] = num(c);
        if (v[c.id] !== null && isNaN(v[c.id])) errors.push(fmt(S.err_integer, { label: c.label }));
      });
      if (errors.length) { errors.forEach(function (t) { out.appendChild(el("p", "sotay-vote__error", t)); }); return; }
      if (v[total.id] === null) { out.appendChild(el("p", null, S.enter)); return; }
      var full = v[total.id], minus = 0, parts = [];
      x.excludes.forEach(function (id) { var n = v[id] || 0; minus += n; if (n) parts.push(n); });
      if (minus > full) { out.appendChild(el("p", "sotay-vote__error", fmt(S.err_excluded, { minus: minus, full: full }))); return; }
      var base = full - minus;
      // What matters first: the verdict, then why (the arithmetic), then the rule and its basis.
      var verdict = el("div", "sotay-vote__top");
      out.appendChild(verdict);
      var dl = el("dl", "sotay-vote__sums");
      out.appendChild(dl);
      row(dl, S.base, parts.length ? fmt(S.base_line, { full: full, minus: parts.join(" − "), base: base })
        : fmt(S.base_none, { full: full }));
      if (full < D.cellMinimum.value) {
        verdict.appendChild(el("p", "sotay-vote__ask", null, "<strong>" + S.ask + ":</strong> " + esc(D.cellMinimum.ask) +
          " <span class=\"sotay-step__basis\">" + D.cellMinimum.basis + "</span>"));
      }
      if (base === 0) { verdict.appendChild(el("p", "sotay-vote__error", S.err_base)); return; }
      var n = needed(base, x.threshold);
      row(dl, S.need, x.words + ": " + n.text);
      var p = v[present.id], yes = v[votes.id];
      if (p !== null && p > base) { verdict.appendChild(el("p", "sotay-vote__error", fmt(S.err_present, { present: p, base: base }))); return; }
      if (p !== null && yes !== null && yes > p) { verdict.appendChild(el("p", "sotay-vote__error", fmt(S.err_votes, { votes: yes, present: p }))); return; }
      if (yes !== null) {
        var ok = yes >= n.need;
        var res = el("p", "sotay-vote__verdict " + (ok ? "sotay-vote__verdict--yes" : "sotay-vote__verdict--no"),
          fmt(ok ? S.passes : S.fails, { votes: yes, need: n.need }));
        res.setAttribute("data-result", ok ? "passes" : "fails");
        verdict.appendChild(res);
        if (!ok && x.fails) verdict.appendChild(el("p", "sotay-vote__ask", x.fails));
      }
      if (p !== null && p < n.need) verdict.appendChild(el("p", "sotay-vote__warn", fmt(S.present_short, { present: p, need: n.need })));
      out.setAttribute("data-base", String(base));
      out.setAttribute("data-need", String(n.need));
      // Is the meeting valid? Only a verified rule decides; otherwise the reader asks.
      if (D.quorum.status === "ok" && p !== null) {
        var q = needed(base, D.quorum.threshold).need;
        row(dl, S.validity, fmt(q <= p ? S.quorum_ok : S.quorum_short, { present: p, need: q }));
      } else {
        row(dl, S.validity, esc(D.quorum.text) + " <strong>" + esc(D.quorum.ask) + "</strong>", true);
      }
      row(dl, S.ballot, x.ballot + (x.ballotAsk ? " — " + x.ballotAsk : ""));
      if (x.ask) out.appendChild(el("p", "sotay-vote__ask", null, "<strong>" + S.ask + ":</strong> " + esc(x.ask)));
      out.appendChild(el("p", "sotay-step__basis", null, x.basis));
    }
    function esc(s) {
      return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  /* -------------------------------------------------- ke-hoach-nam */

  function initPlan(tool) {
    var D = data(tool);
    if (!D) return;
    var form = tool.querySelector("form");
    var year = form.elements.year;
    var st = load("sotay.plan.v1");
    var status = sayIn(tool.querySelector(".sotay-plan__status"));
    if (st.cell) each(form.elements.cell, function (r) { r.checked = r.value === st.cell; });
    // A plan is drafted for the coming year: from November on, the next year is the default.
    var now = new Date();
    year.value = st.year || String(now.getFullYear() + (now.getMonth() >= 10 ? 1 : 0));

    function cell() {
      var c = null;
      each(form.elements.cell, function (r) { if (r.checked) c = r.value; });
      return c;
    }
    function update() {
      var c = cell();
      st.cell = c; st.year = year.value;
      save("sotay.plan.v1", st);
      each(tool.querySelectorAll("[data-plan]"), function (s) { s.hidden = s.getAttribute("data-plan") !== c; });
      var blank = tool.querySelector("[data-plan-blank]");
      if (blank && D.types[c]) blank.href = D.types[c].docx;
      var f = fill();
      if (f && /^\d{4}$/.test(year.value)) f.set("nam_ke_hoach", year.value);
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("change", update);
    year.addEventListener("input", update);
    tool.querySelector('[data-act="print-plan"]').addEventListener("click", function () {
      printWith("sotay-print-plan");
    });
    tool.querySelector('[data-act="docx-plan"]').addEventListener("click", function () {
      var f = fill(), c = cell();
      if (!f || !D.types[c]) return;
      f.download(D.types[c].docx, D.form, D.form + "-" + c + "-" + (year.value || "") + ".docx", status).catch(function () {});
    });
    update();
  }

  /* ------------------------------------------------------------ start */

  function init() {
    each(document.querySelectorAll("[data-sotay-tool]"), function (tool) {
      if (tool.getAttribute("data-tool-ready")) return;
      tool.setAttribute("data-tool-ready", "1");
      var name = tool.getAttribute("data-sotay-tool");
      if (name === "thang-nay") initMonth(tool);
      else if (name === "may-tinh-bieu-quyet") initVote(tool);
      else if (name === "ke-hoach-nam") initPlan(tool);
    });
  }

  // After fill.js (both deferred, in this order), so window.sotayFill is ready.
  window.sotayOnPage(init);  // page.js
})();
