/* Copy buttons for read-only fields (the permalink, the citation).
 *
 * Without JavaScript the fields are read-only but selectable and the buttons stay hidden. With it:
 * focusing a field selects its text, and each button (data-copy-from="<field id>") is shown and
 * copies the field with the Clipboard API, saying so in the status region after it.
 * Safe to load more than once (htmx runs it again after a boosted navigation).
 */
(function () {
  "use strict";

  function enhance(root) {
    if (!navigator.clipboard || !window.isSecureContext) return; // keep the plain, selectable field
    root.querySelectorAll("button[data-copy-from]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function statusFor(button) {
    var next = button.nextElementSibling;
    return next && next.getAttribute("role") === "status" ? next : null;
  }

  function say(button, message) {
    var status = statusFor(button);
    if (!status) return;
    status.textContent = message;
    window.setTimeout(function () { status.textContent = ""; }, 4000);
  }

  if (!window.__copyLinkInstalled) {
    window.__copyLinkInstalled = true;

    document.addEventListener("focusin", function (event) {
      var field = event.target;
      if (field.matches && field.matches("[data-copy-source]")) field.select();
    });

    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-copy-from]");
      if (!button) return;
      var field = document.getElementById(button.getAttribute("data-copy-from"));
      if (!field) return;
      navigator.clipboard.writeText(field.value).then(
        function () { say(button, "Copied."); },
        function () { field.focus(); field.select(); say(button, "Press Ctrl+C (or \u2318C) to copy."); }
      );
    });

    document.addEventListener("htmx:load", function (event) { enhance(event.target); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
