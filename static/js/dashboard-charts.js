/* Dashboard charts: each canvas names the JSON endpoint of its numbers
 * (data-chart-url); the same numbers are in the table under it. No inline
 * script (CSP), no strings here: labels come translated from the server. */
(function () {
  "use strict";

  var palette = ["#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#6c757d"];

  function thresholdLines(threshold) {
    return {
      id: "thresholdLines",
      beforeDatasetsDraw: function (chart) {
        var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = "rgba(25, 135, 84, 0.6)";
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(x.getPixelForValue(threshold), y.top);
        ctx.lineTo(x.getPixelForValue(threshold), y.bottom);
        ctx.moveTo(x.left, y.getPixelForValue(threshold));
        ctx.lineTo(x.right, y.getPixelForValue(threshold));
        ctx.stroke();
        ctx.restore();
      }
    };
  }

  function config(data) {
    var datasets = data.datasets.map(function (dataset, i) {
      var colour = palette[i % palette.length];
      return Object.assign({ borderColor: colour, backgroundColor: colour }, dataset);
    });
    var options = { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } };
    var plugins = [];
    if (data.type === "scatter") {
      options.scales = {
        x: { title: { display: true, text: data.axes.x } },
        y: { title: { display: true, text: data.axes.y } }
      };
      options.plugins.tooltip = { callbacks: { label: function (item) { return item.raw.label + ": " + item.raw.x + ", " + item.raw.y; } } };
      plugins.push(thresholdLines(data.threshold));
    } else if (data.type === "bubble") {
      // The risk heatmap: a 1-5 grid, each bubble one cell, its label from the server.
      var axis = function (title) {
        return { min: 0.5, max: 5.5, title: { display: true, text: title },
                 ticks: { stepSize: 1, callback: function (value) { return Number.isInteger(value) ? value : ""; } } };
      };
      options.scales = { x: axis(data.axes.x), y: axis(data.axes.y) };
      options.plugins.tooltip = { callbacks: { label: function (item) { return item.raw.label; } } };
    } else if (datasets.some(function (d) { return d.yAxisID === "days"; })) {
      options.scales = { x: { stacked: true }, y: { stacked: true, beginAtZero: true }, days: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } };
    } else {
      options.scales = { y: { beginAtZero: true, ticks: { precision: 0 } } };
    }
    return { type: data.type, data: { labels: data.labels, datasets: datasets }, options: options, plugins: plugins };
  }

  function draw(canvas) {
    if (canvas.dataset.drawn || typeof Chart === "undefined") { return; }
    canvas.dataset.drawn = "1";
    fetch(canvas.dataset.chartUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) { new Chart(canvas, config(data)); });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart-url]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function () { drawAll(document); });
})();
