/*
 * Sổ tay sinh hoạt chi bộ: when a page script sets itself up (deferred, before
 * fill.js, tools.js, checklist.js, quiz.js and qa-filter.js, on the pages that
 * load one of them: overrides/main.html).
 *
 * window.sotayOnPage(setup) runs `setup` once the page is parsed and, through
 * Material for MkDocs' `document$` observable, again after each instant
 * navigation, if that feature is ever turned on. This is the one place the
 * page scripts touch Material's JavaScript: the assumption
 * "document$ in the JavaScript" in scripts/sotay/material.py, tested in
 * tests/test_material.py. Without Material (another theme, a print view) the
 * scripts still run, on DOMContentLoaded.
 */
(function () {
  "use strict"

  window.sotayOnPage = function (setup) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup)
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup)
    else setup()
  }
})()
