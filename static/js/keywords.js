/* Keyword autocomplete for comma-separated keyword fields (data-keyword-autocomplete="<url>").
 * Suggestions come from the shared vocabulary as JSON and fill a <datalist>; each option
 * keeps the keywords already typed, so picking one completes only the last keyword. */
(function () {
  "use strict";

  function splitTerms(value) {
    var parts = value.split(",");
    return { done: parts.slice(0, -1).map(function (s) { return s.trim(); }).filter(Boolean), last: parts[parts.length - 1].trim() };
  }

  function attach(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null, lastQuery = null;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var terms = splitTerms(input.value);
        if (terms.last.length < 1 || terms.last === lastQuery) { return; }
        lastQuery = terms.last;
        fetch(input.dataset.keywordAutocomplete + "?q=" + encodeURIComponent(terms.last), {
          headers: { Accept: "application/json" },
          credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            var prefix = terms.done.length ? terms.done.join(", ") + ", " : "";
            list.replaceChildren.apply(list, data.results
              .filter(function (name) { return terms.done.indexOf(name) === -1; })
              .map(function (name) {
                var option = document.createElement("option");
                option.value = prefix + name;
                return option;
              }));
          })
          .catch(function () { /* suggestions are a convenience: typing still works */ });
      }, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-keyword-autocomplete]").forEach(attach);
  });
})();
