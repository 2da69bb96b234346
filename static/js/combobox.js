// The actor field as a type-ahead: an ARIA combobox (the "list autocomplete" pattern) over
// /api/actors?q=. Without this file the field is a plain text box, and the server finds the actor
// by the name typed. With it, the reader picks from the actors whose names match; the form then
// sends the chosen actor's id.
(function () {
  "use strict";

  var DELAY = 150;
  var counter = 0;

  function enhance(input) {
    if (input.dataset.enhanced) {
      return;
    }
    input.dataset.enhanced = "1";
    counter += 1;
    var listId = input.id + "-options";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "combobox-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Actors matching what you typed");
    list.hidden = true;
    input.parentNode.appendChild(list);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var timer = null;
    var active = -1;
    var asked = "";

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var all = options();
      all.forEach(function (option, number) {
        option.setAttribute("aria-selected", number === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      input.value = option.dataset.name;
      input.dataset.chosenId = option.dataset.id;
      input.dataset.chosenName = option.dataset.name;
      status.textContent = option.dataset.name + " chosen.";
      close();
    }

    function show(items) {
      list.textContent = "";
      items.forEach(function (item, number) {
        var option = document.createElement("li");
        option.id = listId + "-" + number;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = item.id;
        option.dataset.name = item.name;
        option.textContent = item.name + " (" + item.events.toLocaleString() + " events)";
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the field
          choose(option);
        });
        list.appendChild(option);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      status.textContent = items.length ? items.length + " actors found; use the arrow keys to choose." : "No actor found.";
      active = -1;
    }

    function ask() {
      var text = input.value.trim();
      if (text === asked) {
        return;
      }
      asked = text;
      if (!text) {
        show([]);
        return;
      }
      // Within a collection (the form says which), its own actors, counted there.
      var form = input.form;
      var scope = form && form.dataset.collection ? "&collection=" + encodeURIComponent(form.dataset.collection) : "";
      fetch("/api/actors?limit=10&q=" + encodeURIComponent(text) + scope, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) {
          if (input.value.trim() === text) {
            show(data.items || []);
          }
        })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      delete input.dataset.chosenId;
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) {
          asked = "";
          ask();
          return;
        }
        highlight(Math.min(active + 1, all.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(all[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 100);
    });
  }

  // The id of each actor field's actor, or the text typed (which the server looks up by name).
  function actorValue(input) {
    if (input.dataset.chosenId && input.value === input.dataset.chosenName) {
      return input.dataset.chosenId;
    }
    if (input.dataset.actorId && input.value === input.defaultValue) {
      return input.dataset.actorId;
    }
    return input.value;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form.filters");
    var data = event.detail.formData;
    if (!form || !data) {
      return;
    }
    var values = Array.prototype.map.call(form.querySelectorAll("[data-combobox] input[name=actor]"), actorValue);
    data.delete("actor");
    values.forEach(function (value) {
      if (value.trim()) {
        data.append("actor", value);
      }
    });
  });

  // A plain submission (htmx not there, or a full reload) sends the ids too.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("form.filters") || window.htmx) {
      return;
    }
    form.querySelectorAll("[data-combobox] input[name=actor]").forEach(function (input) {
      input.value = actorValue(input);
    });
  }, true);

  // Back to the form as drawn: forget a choice made since.
  document.addEventListener("reset", function (event) {
    if (event.target instanceof HTMLFormElement) {
      event.target.querySelectorAll("[data-combobox] input").forEach(function (input) {
        delete input.dataset.chosenId;
        delete input.dataset.chosenName;
      });
    }
  }, true);

  function enhanceAll() {
    document.querySelectorAll("[data-combobox] input[name=actor]").forEach(enhance);
  }
  document.addEventListener("DOMContentLoaded", enhanceAll);
  document.addEventListener("htmx:load", enhanceAll);
})();
