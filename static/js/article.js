// An article opened at a sentence (?highlight=n#sN) brings that sentence to the middle of the
// screen, below the site header, with its context above it. Without this file the browser jumps
// to the anchor itself (the stylesheet leaves room above it with scroll-margin-top).
(function () {
  "use strict";

  function show() {
    var target = document.querySelector(".sentence mark") || (location.hash && document.getElementById(location.hash.slice(1)));
    if (!target) {
      return;
    }
    var sentence = target.closest(".sentence") || target;
    sentence.scrollIntoView({ block: "center" });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
  document.addEventListener("htmx:afterSettle", show);
})();
