/* Outreach priorities: the scatter chart of sectors and a sector's history chart.
 * Data comes from json_script blocks (the CSP forbids inline scripts); every chart
 * has the same numbers in a table on the page. Its words come translated from the
 * canvas's data-label-* attributes; the English ones here are only a fallback. */
(function () {
  "use strict";

  function word(canvas, key, fallback) {
    return canvas.dataset["label" + key] || fallback;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Shades the priority quadrant (both scores at or above the threshold) behind the points.
  function quadrantPlugin(threshold, label) {
    return {
      id: "priorityQuadrant",
      beforeDatasetsDraw: function (chart) {
        var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
        var left = x.getPixelForValue(threshold), top = y.getPixelForValue(100);
        var right = x.getPixelForValue(100), bottom = y.getPixelForValue(threshold);
        ctx.save();
        ctx.fillStyle = "rgba(25, 135, 84, 0.12)";
        ctx.fillRect(left, top, right - left, bottom - top);
        ctx.strokeStyle = "rgba(25, 135, 84, 0.6)";
        ctx.setLineDash([4, 4]);
        ctx.strokeRect(left, top, right - left, bottom - top);
        ctx.fillStyle = "rgba(25, 135, 84, 0.9)";
        ctx.font = "12px system-ui, sans-serif";
        ctx.fillText(label, left + 6, top + 14);
        ctx.restore();
      }
    };
  }

  // Writes each sector's name next to its current point, so the chart reads without hovering.
  var pointLabels = {
    id: "pointLabels",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, dataset = chart.data.datasets[0];
      ctx.save();
      ctx.font = "11px system-ui, sans-serif";
      ctx.fillStyle = "#333";
      chart.getDatasetMeta(0).data.forEach(function (element, j) {
        ctx.fillText(dataset.data[j].label, element.x + 7, element.y + 4);
      });
      ctx.restore();
    }
  };

  // A faint dashed line from a sector's previous assessment to its latest one.
  function trailDatasets(trails, suffix) {
    return trails.map(function (trail) {
      return {
        type: "line",
        label: trail.label + " " + suffix,
        data: [trail.from, trail.to],
        borderColor: "rgba(108, 117, 125, 0.45)",
        borderDash: [3, 3],
        borderWidth: 1,
        pointRadius: [3, 0],
        pointBackgroundColor: "rgba(108, 117, 125, 0.45)",
        showLine: true,
        fill: false
      };
    });
  }

  function axis(title) {
    return { min: 0, max: 100, title: { display: true, text: title } };
  }

  function drawScatter(canvas, data) {
    var priority = "#198754", other = "#6c757d";
    return new Chart(canvas, {
      type: "scatter",
      data: {
        datasets: [{
          label: word(canvas, "Sectors", "Sectors"),
          data: data.points,
          pointRadius: 6,
          pointHoverRadius: 8,
          backgroundColor: data.points.map(function (p) { return p.priority ? priority : other; })
        }].concat(trailDatasets(data.trails || [], word(canvas, "Previous", "(previous assessment)")))
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: axis(word(canvas, "DomesticImpact", "Domestic impact")),
          y: axis(word(canvas, "InternationalImpact", "International impact"))
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: function (item) { return item.datasetIndex === 0; },
            callbacks: {
              label: function (item) {
                var p = item.raw;
                return p.label + ": " + word(canvas, "Domestic", "domestic") + " " + p.x + ", " +
                  word(canvas, "International", "international") + " " + p.y;
              }
            }
          }
        }
      },
      plugins: [quadrantPlugin(data.threshold, word(canvas, "Priority", "Priority")), pointLabels]
    });
  }

  function drawHistory(canvas, data) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: word(canvas, "DomesticImpact", "Domestic impact"), data: data.domestic, borderColor: "#0d6efd", backgroundColor: "#0d6efd" },
          { label: word(canvas, "InternationalImpact", "International impact"), data: data.international, borderColor: "#d63384", backgroundColor: "#d63384" }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 100 } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Chart === "undefined") { return; }
    var scatter = document.getElementById("priority-chart");
    if (scatter) { drawScatter(scatter, readJson(scatter.dataset.chartSource)); }
    var history = document.getElementById("history-chart");
    if (history) { drawHistory(history, readJson(history.dataset.chartSource)); }
  });
})();
