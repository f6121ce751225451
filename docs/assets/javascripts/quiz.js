/* Sổ tay sinh hoạt chi bộ — training pages (tap-huan/).
 *
 * 1. Trainer view / learner view. The learner view is the default (no class,
 *    and what a page shows without JavaScript). The trainer view adds the
 *    class "sotay-view-trainer" on <html>; sotay.css (training part) then shows the trainer
 *    notes (!!! trainer), the solutions (??? solution) and the quiz key.
 *    The choice is remembered in localStorage ("sotay.view") and can be set by
 *    the address: ?view=giang-vien (trainer) or ?view=hoc-vien (learner).
 * 2. "In tài liệu học viên": prints the page as the learner handout, whatever
 *    the view on screen (class "sotay-print-learner" on <html> while printing).
 * 3. Self-check quizzes: <div class="quiz"> holding an ordered list of
 *    questions, each with a task list whose checked item ("- [x]") is the
 *    correct option. Turned into radio buttons with a "Chấm điểm" button.
 *    Works offline, with nothing but this file.
 */
(function () {
  "use strict";

  var KEY = "sotay.view";
  var TRAINER = "sotay-view-trainer";
  var PRINT_LEARNER = "sotay-print-learner";
  var root = document.documentElement;

  var TEXT = {
    vi: {
      toggle: "Chế độ giảng viên",
      print: "In tài liệu học viên",
      print_hint: "Bản in học viên không có đáp án, ghi chú giảng viên và đáp án tự kiểm tra.",
      state_trainer: "Đang xem bản giảng viên: có đáp án và ghi chú giảng viên.",
      state_learner: "Đang xem bản học viên.",
      score: "Chấm điểm",
      reset: "Làm lại",
      right: "Đúng.",
      wrong: "Chưa đúng. Đáp án đúng: ",
      none: "Chưa trả lời. Đáp án đúng: ",
      empty: "Chưa chọn đáp án nào. Hãy chọn đáp án cho từng câu rồi bấm “Chấm điểm”.",
      result: function (n, total) { return "Kết quả: đúng " + n + "/" + total + " câu."; },
      all: " Rất tốt!",
      key: "đáp án",
      quiz: "Tự kiểm tra",
      question: "Câu "
    },
    en: {
      toggle: "Trainer view",
      print: "Print the learner handout",
      print_hint: "The learner handout leaves out solutions, trainer notes and the quiz answer key.",
      state_trainer: "Trainer view: solutions and trainer notes are shown.",
      state_learner: "Learner view.",
      score: "Check answers",
      reset: "Try again",
      right: "Correct.",
      wrong: "Not quite. Correct answer: ",
      none: "No answer. Correct answer: ",
      empty: "No answer chosen yet. Choose an answer for each question, then press “Check answers”.",
      result: function (n, total) { return "Score: " + n + "/" + total + " correct."; },
      all: " Well done!",
      key: "answer",
      quiz: "Self-check",
      question: "Question "
    }
  };
  var LETTERS = "ABCDEFGH";

  function text() {
    return /^en\b/i.test(root.lang || "") ? TEXT.en : TEXT.vi;
  }

  /* ---------------------------------------------------------------- view */

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function store(view) {
    try { window.localStorage.setItem(KEY, view); } catch (e) { /* private mode, file:// */ }
  }

  function fromAddress() {
    var m = /[?&]view=([a-z-]+)/.exec(window.location.search);
    if (!m) return null;
    if (m[1] === "giang-vien" || m[1] === "trainer") return "giang-vien";
    if (m[1] === "hoc-vien" || m[1] === "learner") return "hoc-vien";
    return null;
  }

  function isTrainer() {
    return root.classList.contains(TRAINER);
  }

  function setView(view, remember) {
    root.classList.toggle(TRAINER, view === "giang-vien");
    if (remember) store(view);
    syncBars();
  }

  function syncBars() {
    var t = text();
    var on = isTrainer();
    var buttons = document.querySelectorAll("[data-sotay-view-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
    var states = document.querySelectorAll(".sotay-view-state");
    for (var j = 0; j < states.length; j++) {
      states[j].textContent = on ? t.state_trainer : t.state_learner;
    }
  }

  function initView() {
    var asked = fromAddress();
    if (asked) {
      setView(asked, true);
    } else {
      setView(stored() === "giang-vien" ? "giang-vien" : "hoc-vien", false);
    }
  }

  function printHandout() {
    root.classList.add(PRINT_LEARNER);
    var done = function () {
      root.classList.remove(PRINT_LEARNER);
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  function initBars() {
    var bars = document.querySelectorAll("[data-sotay-viewbar]");
    for (var i = 0; i < bars.length; i++) {
      var bar = bars[i];
      if (bar.getAttribute("data-ready")) continue;
      bar.setAttribute("data-ready", "1");
      bar.hidden = false;
      var state = document.createElement("span");
      state.className = "sotay-view-state";
      state.setAttribute("role", "status");
      bar.appendChild(state);
      var t = text();  // labels in the language of the site's interface
      var toggle = bar.querySelector("[data-sotay-view-toggle]");
      if (toggle) {
        toggle.textContent = t.toggle;
        toggle.addEventListener("click", function () {
          root.classList.remove(PRINT_LEARNER);
          setView(isTrainer() ? "hoc-vien" : "giang-vien", true);
        });
      }
      var print = bar.querySelector("[data-sotay-print-handout]");
      if (print) {
        print.textContent = t.print;
        print.title = t.print_hint;
        print.addEventListener("click", printHandout);
      }
    }
    syncBars();
  }

  /* ---------------------------------------------------------------- quiz */

  function childrenByTag(el, tag) {
    var out = [];
    for (var i = 0; i < el.children.length; i++) {
      if (el.children[i].tagName === tag) out.push(el.children[i]);
    }
    return out;
  }

  function buildQuestion(li, quizId, qIndex) {
    var t0 = text();
    var list = null;
    for (var i = 0; i < li.children.length; i++) {
      var c = li.children[i];
      if (c.tagName === "UL" && c.classList.contains("task-list")) { list = c; break; }
    }
    if (!list) return null;
    var items = childrenByTag(list, "LI");
    var correct = [];
    items.forEach(function (it, k) {
      var box = it.querySelector("input[type=checkbox]");
      if (box && box.checked) correct.push(k);
    });
    if (!items.length || !correct.length) return null;
    var multi = correct.length > 1;
    var stem = li.querySelector(":scope > p") || li.firstChild;
    var stemId = quizId + "-q" + (qIndex + 1);
    if (stem && stem.nodeType === 1) stem.id = stemId;

    li.classList.add("quiz-question");
    list.classList.add("quiz-options");
    // The question is a fieldset: its legend is the question's text, its options stay a list.
    var group = document.createElement("fieldset");
    group.className = "quiz-group";
    var legend = document.createElement("legend");
    legend.className = "quiz-legend";
    if (stem && stem.nodeType === 1 && stem.tagName === "P") {
      while (stem.firstChild) legend.appendChild(stem.firstChild);
      legend.id = stemId;
      stem.parentNode.insertBefore(group, stem);
      stem.parentNode.removeChild(stem);
    } else {
      legend.textContent = t0.question + (qIndex + 1);
      list.parentNode.insertBefore(group, list);
    }
    group.appendChild(legend);
    group.appendChild(list);

    var inputs = [];
    items.forEach(function (it, k) {
      var control = it.querySelector(".task-list-control");
      if (control) control.parentNode.removeChild(control);
      it.classList.remove("task-list-item");
      it.classList.add("quiz-option");
      if (correct.indexOf(k) >= 0) it.setAttribute("data-quiz-key", "");
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = multi ? "checkbox" : "radio";
      input.name = stemId;
      input.value = String(k);
      var letter = document.createElement("span");
      letter.className = "quiz-letter";
      letter.textContent = LETTERS.charAt(k) + ".";
      var body = document.createElement("span");
      body.className = "quiz-option-text";
      while (it.firstChild) body.appendChild(it.firstChild);
      label.appendChild(input);
      label.appendChild(letter);
      label.appendChild(body);
      it.appendChild(label);
      inputs.push(input);
    });
    list.classList.remove("task-list");

    var feedback = document.createElement("p");
    feedback.className = "quiz-feedback";
    feedback.hidden = true;
    // Right after the options, before the explanation (if any).
    li.insertBefore(feedback, group.nextSibling);

    return { li: li, items: items, inputs: inputs, correct: correct, feedback: feedback };
  }

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) < 0) return false;
    return true;
  }

  function buildQuiz(quiz, n) {
    if (quiz.getAttribute("data-quiz-ready")) return;
    var ol = null;
    for (var i = 0; i < quiz.children.length; i++) {
      if (quiz.children[i].tagName === "OL") { ol = quiz.children[i]; break; }
    }
    if (!ol) return;
    var t = text();
    var quizId = quiz.id || ("quiz-" + (n + 1));
    quiz.id = quizId;
    var questions = [];
    childrenByTag(ol, "LI").forEach(function (li, k) {
      var q = buildQuestion(li, quizId, k);
      if (q) questions.push(q);
    });
    if (!questions.length) return;
    quiz.setAttribute("data-quiz-ready", "1");
    quiz.classList.add("quiz--live");

    var actions = document.createElement("div");
    actions.className = "quiz-actions";
    var score = document.createElement("button");
    score.type = "button";
    score.className = "md-button md-button--primary quiz-score";
    score.textContent = t.score;
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button quiz-reset";
    reset.textContent = t.reset;
    reset.hidden = true;
    var result = document.createElement("p");
    result.className = "quiz-result";
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");
    actions.appendChild(score);
    actions.appendChild(reset);
    quiz.appendChild(actions);
    quiz.appendChild(result);

    score.addEventListener("click", function () {
      var answered = questions.filter(function (q) {
        return q.inputs.some(function (inp) { return inp.checked; });
      }).length;
      if (!answered) {  // nothing chosen yet: ask for answers, grade nothing
        result.textContent = t.empty;
        if (questions[0].inputs[0]) questions[0].inputs[0].focus();
        return;
      }
      var right = 0;
      questions.forEach(function (q) {
        var chosen = [];
        q.inputs.forEach(function (inp, k) { if (inp.checked) chosen.push(k); });
        var ok = sameSet(chosen, q.correct);
        if (ok) right++;
        var key = q.correct.map(function (k) { return LETTERS.charAt(k); }).join(", ");
        q.li.classList.remove("quiz-right", "quiz-wrong");
        q.li.classList.add("quiz-answered", ok ? "quiz-right" : "quiz-wrong");
        q.items.forEach(function (it, k) {
          it.classList.toggle("quiz-option--correct", q.correct.indexOf(k) >= 0);
          it.classList.toggle("quiz-option--wrong", chosen.indexOf(k) >= 0 && q.correct.indexOf(k) < 0);
        });
        q.feedback.textContent = ok ? t.right : ((chosen.length ? t.wrong : t.none) + key + ".");
        q.feedback.hidden = false;
      });
      quiz.setAttribute("data-score", String(right));
      result.textContent = t.result(right, questions.length) + (right === questions.length ? t.all : "");
      reset.hidden = false;
    });

    reset.addEventListener("click", function () {
      questions.forEach(function (q) {
        q.inputs.forEach(function (inp) { inp.checked = false; });
        q.li.classList.remove("quiz-answered", "quiz-right", "quiz-wrong");
        q.items.forEach(function (it) { it.classList.remove("quiz-option--correct", "quiz-option--wrong"); });
        q.feedback.hidden = true;
        q.feedback.textContent = "";
      });
      quiz.removeAttribute("data-score");
      result.textContent = "";
      reset.hidden = true;
      if (questions[0].inputs[0]) questions[0].inputs[0].focus();
    });
  }

  function initQuizzes() {
    var quizzes = document.querySelectorAll("div.quiz");
    for (var i = 0; i < quizzes.length; i++) buildQuiz(quizzes[i], i);
  }

  /* ---------------------------------------------------------------- start */

  function init() {
    initView();
    initBars();
    initQuizzes();
  }

  // Apply the remembered view at once (no flash of the wrong view), then build
  // the page parts when the document is ready (page.js).
  initView();
  window.sotayOnPage(init);  // page.js
})();
