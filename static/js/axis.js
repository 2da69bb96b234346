// Choosing a period on the time axis or the density strip: drag across either to set the filter
// form's From and To, then the form is sent as if the reader had typed the dates. Keyboards get
// two handles (sliders) under the axis that do the same with the arrow keys. Without this file
// the dates are typed in the form; the marks on the axis are plain links either way.
(function () {
  "use strict";

  var DAY = 86400000;

  function parseDay(text) {
    var parts = text.split("-").map(Number);
    return Date.UTC(parts[0], parts[1] - 1, parts[2]);
  }

  function iso(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function spoken(ms) {
    return new Date(ms).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  }

  // Send the form with From and To set, and without a zoomed period (which would clip them).
  function apply(first, last) {
    var form = document.getElementById("filters");
    if (!form) {
      return;
    }
    form.querySelector("[name=from]").value = iso(Math.min(first, last));
    form.querySelector("[name=to]").value = iso(Math.max(first, last));
    form.querySelectorAll("#view-fields input[name=zoom], #view-fields input[name=at]").forEach(function (input) {
      input.remove();
    });
    form.requestSubmit();
  }

  function brush(figure, surface) {
    if (!surface || surface.dataset.brush) {
      return null;
    }
    surface.dataset.brush = "1";
    var first = parseDay(figure.dataset.first);
    var last = parseDay(figure.dataset.last) + DAY;
    var selection = document.createElement("div");
    selection.className = "axis-selection";
    selection.hidden = true;
    figure.style.position = "relative";
    figure.appendChild(selection);

    function dayAt(clientX) {
      var box = surface.getBoundingClientRect();
      var share = Math.min(Math.max((clientX - box.left) / box.width, 0), 1);
      return first + Math.floor(share * (last - first) / DAY) * DAY;
    }

    function show(a, b) {
      var box = surface.getBoundingClientRect();
      var outer = figure.getBoundingClientRect();
      var left = Math.min(a, b), right = Math.max(a, b) + DAY;
      selection.style.left = (box.left - outer.left + (left - first) / (last - first) * box.width) + "px";
      selection.style.width = Math.max((right - left) / (last - first) * box.width, 2) + "px";
      selection.style.top = (box.top - outer.top) + "px";
      selection.style.height = box.height + "px";
      selection.hidden = false;
    }

    var start = null, startX = 0, moved = false;
    surface.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) {
        return;
      }
      start = dayAt(event.clientX);
      startX = event.clientX;
      moved = false;
      surface.setPointerCapture(event.pointerId);
      surface.classList.add("brushing");
    });
    surface.addEventListener("pointermove", function (event) {
      if (start === null) {
        return;
      }
      if (Math.abs(event.clientX - startX) > 4) {
        moved = true;
        event.preventDefault();
        show(start, dayAt(event.clientX));
      }
    });
    function finish(event) {
      if (start === null) {
        return;
      }
      surface.classList.remove("brushing");
      var from = start;
      start = null;
      if (moved) {
        event.preventDefault();
        apply(from, dayAt(event.clientX));
      }
    }
    surface.addEventListener("pointerup", finish);
    surface.addEventListener("pointercancel", function () {
      start = null;
      selection.hidden = true;
      surface.classList.remove("brushing");
    });
    // A drag that ends over a mark must not also follow the mark's link.
    surface.addEventListener("click", function (event) {
      if (moved) {
        event.preventDefault();
        event.stopPropagation();
        moved = false;
      }
    }, true);
    return { first: first, last: last - DAY, show: show, hide: function () { selection.hidden = true; } };
  }

  // Two sliders under the axis: the start and the end of the period to show.
  function handles(figure, area) {
    if (!area || figure.querySelector(".axis-handles")) {
      return;
    }
    var span = Math.max(Math.round((area.last - area.first) / DAY), 1);
    var step = Math.max(Math.round(span / 100), 1);
    var values = [area.first, area.last];
    var box = document.createElement("div");
    box.className = "axis-handles";
    var label = document.createElement("span");
    label.id = "axis-handles-label";
    label.textContent = "Choose a period with the keyboard:";
    box.appendChild(label);
    var sliders = ["Start", "End"].map(function (name, index) {
      var slider = document.createElement("span");
      slider.className = "axis-handle";
      slider.tabIndex = 0;
      slider.setAttribute("role", "slider");
      slider.setAttribute("aria-label", name + " of the period");
      slider.setAttribute("aria-valuemin", "0");
      slider.setAttribute("aria-valuemax", String(span));
      slider.dataset.handle = name.toLowerCase();
      box.appendChild(slider);
      return slider;
    });
    var go = document.createElement("button");
    go.type = "button";
    go.className = "button-secondary";
    go.textContent = "Show this period";
    box.appendChild(go);

    function render() {
      sliders.forEach(function (slider, index) {
        slider.setAttribute("aria-valuenow", String(Math.round((values[index] - area.first) / DAY)));
        slider.setAttribute("aria-valuetext", spoken(values[index]));
        slider.textContent = (index ? "End: " : "Start: ") + spoken(values[index]);
      });
      area.show(values[0], values[1]);
    }

    sliders.forEach(function (slider, index) {
      slider.addEventListener("keydown", function (event) {
        var moves = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step,
                      PageUp: 10 * step, PageDown: -10 * step };
        var value = values[index];
        if (event.key in moves) {
          value += moves[event.key] * DAY;
        } else if (event.key === "Home") {
          value = area.first;
        } else if (event.key === "End") {
          value = area.last;
        } else if (event.key === "Enter") {
          event.preventDefault();
          apply(values[0], values[1]);
          return;
        } else {
          return;
        }
        event.preventDefault();
        value = Math.min(Math.max(value, area.first), area.last);
        values[index] = index === 0 ? Math.min(value, values[1]) : Math.max(value, values[0]);
        render();
      });
    });
    go.addEventListener("click", function () {
      apply(values[0], values[1]);
    });
    figure.appendChild(box);
    sliders.forEach(function (slider, index) {
      slider.setAttribute("aria-valuenow", String(Math.round((values[index] - area.first) / DAY)));
      slider.setAttribute("aria-valuetext", spoken(values[index]));
      slider.textContent = (index ? "End: " : "Start: ") + spoken(values[index]);
    });
  }

  function setUp() {
    document.querySelectorAll("figure.axis[data-first]").forEach(function (figure) {
      var area = brush(figure, figure.querySelector("svg.axis-svg"));
      handles(figure, area);
      var hint = figure.querySelector(".axis-hint");
      if (hint) {
        hint.hidden = false;
      }
    });
    document.querySelectorAll("figure.density[data-first]").forEach(function (figure) {
      brush(figure, figure.querySelector("svg"));
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
  document.addEventListener("htmx:afterSettle", setUp);
})();
