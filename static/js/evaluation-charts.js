/* Evaluation charts: targets against actuals, and the trend of ratings.
 * Each canvas names its JSON endpoint in data-chart-url (the CSP forbids inline
 * scripts); the same numbers are in a table beside every chart. Its words come
 * translated from the canvas's data-label-* attributes (English only as a fallback). */
(function () {
  "use strict";

  var COLOURS = { baseline: "rgba(108, 117, 125, 0.6)", target: "rgba(13, 110, 253, 0.7)", actual: "rgba(25, 135, 84, 0.8)" };

  function word(canvas, key, fallback) {
    return canvas.dataset["label" + key] || fallback;
  }

  function targetsChart(canvas, data) {
    var labels = data.rows.map(function (row) {
      return row.activity && data.rows.some(function (r) { return r.activity !== row.activity; })
        ? row.indicator + " (" + row.activity + ")" : row.indicator;
    });
    function series(key, label) {
      return { label: label, backgroundColor: COLOURS[key], data: data.rows.map(function (row) { return row[key]; }) };
    }
    return new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: [
        series("baseline", word(canvas, "Baseline", "Baseline")),
        series("target", word(canvas, "Target", "Target")),
        series("actual", word(canvas, "Actual", "Actual"))
      ] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
    });
  }

  function ratingsChart(canvas, data) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.ratings.map(function (r) { return r.date; }),
        datasets: [{ label: word(canvas, "Rating", "Overall rating"), data: data.ratings.map(function (r) { return r.rating; }), borderColor: COLOURS.target, backgroundColor: COLOURS.target, tension: 0 }]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } } } }
    });
  }

  function draw(canvas) {
    fetch(canvas.dataset.chartUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        (canvas.dataset.chartKind === "ratings" ? ratingsChart : targetsChart)(canvas, data);
        canvas.dataset.chartDrawn = "true";
      })
      .catch(function () { canvas.closest("figure").hidden = true; });  // the table remains
  }

  if (typeof Chart !== "undefined") {
    document.querySelectorAll("canvas.evaluation-chart[data-chart-url]").forEach(draw);
  }
})();
