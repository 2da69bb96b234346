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

// htmx keeps a copy of the page's HTML for the back button. What a reader chose in the filter form
// lives in properties, not in that HTML, so write it into the attributes before the copy is taken.
document.addEventListener("htmx:beforeHistorySave", function () {
  "use strict";
  document.querySelectorAll("form.filters select option").forEach(function (option) {
    option.toggleAttribute("selected", option.selected);
  });
  document.querySelectorAll("form.filters input:not([type=hidden])").forEach(function (input) {
    input.setAttribute("value", input.value);
  });
});
