// The timeline explorer's keyboard: "+" zooms in and "-" zooms out by following the same links a
// mouse or a screen reader would. Without this file every link and form works as it is.
(function () {
  "use strict";

  var KEYS = { "+": "in", "=": "in", "-": "out", "_": "out" };
  var lastControl = null;

  function isTyping(target) {
    return target instanceof Element && target.closest("input, select, textarea, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
      return;
    }
    var direction = KEYS[event.key];
    var link = direction && document.querySelector('[data-zoom="' + direction + '"]');
    if (!link) {
      return;
    }
    event.preventDefault();
    lastControl = '[data-zoom="' + direction + '"]';
    link.click();
  });

  // Remember which axis control was used, to give it focus again once htmx swaps the results in
  // (the old link is gone with the old results).
  document.addEventListener("click", function (event) {
    var control = event.target instanceof Element && event.target.closest("[data-zoom], [data-pan], .bucket-link, .density a");
    if (!control) {
      return;
    }
    if (control.dataset && control.dataset.zoom) {
      lastControl = '[data-zoom="' + control.dataset.zoom + '"]';
    } else if (control.dataset && control.dataset.pan) {
      lastControl = '[data-pan="' + control.dataset.pan + '"]';
    } else {
      lastControl = "#results-heading";
    }
  }, true);

  document.addEventListener("htmx:afterSettle", function () {
    if (!lastControl) {
      return;
    }
    var target = document.querySelector(lastControl) || document.getElementById("results-heading");
    lastControl = null;
    if (target) {
      target.focus({ preventScroll: false });
    }
  });
})();

// htmx keeps a copy of the page's HTML for the back button, taken just before the next view is
// swapped in, when the form already shows what the reader typed for that next view. Every htmx
// answer redraws the form with the filters of the view it shows, so putting the form back to
// what it was drawn with gives the copy its own view's form: Back restores both together.
document.addEventListener("htmx:beforeHistorySave", function () {
  "use strict";
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.reset();
  });
});

// Requests leave empty fields out, so the address says only what the view is ("?q=&actor=" is
// noise). Without JavaScript the server does the same with a redirect.
document.addEventListener("htmx:configRequest", function (event) {
  "use strict";
  var data = event.detail.formData;
  if (!data || event.detail.verb !== "get") {
    return;
  }
  var kept = [];
  data.forEach(function (value, name) {
    if (typeof value !== "string" || value.trim() !== "") {
      kept.push([name, value]);
    }
  });
  Array.from(new Set(Array.from(data.keys()))).forEach(function (name) {
    data.delete(name);
  });
  kept.forEach(function (pair) {
    data.append(pair[0], pair[1]);
  });
});

// The filter panel is a <details> that a phone keeps folded (results first). Wide screens show
// its content whatever its state (CSS); opening it there keeps older browsers in step.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 56rem)");
  function sync() {
    var panel = document.getElementById("filter-panel");
    if (panel && wide.matches) {
      panel.open = true;
    }
  }
  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("htmx:afterSettle", sync);
  wide.addEventListener("change", sync);
})();
