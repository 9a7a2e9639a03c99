/* Outreach priorities: the scatter chart of sectors and a sector's history chart.
 * Data comes from json_script blocks (the CSP forbids inline scripts); every chart
 * has the same numbers in a table on the page. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Shades the priority quadrant (both scores at or above the threshold) behind the points,
  // and draws the threshold on both axes: the zoomed axes always include it.
  function quadrantPlugin(threshold) {
    return {
      id: "priorityQuadrant",
      beforeDatasetsDraw: function (chart) {
        var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx, area = chart.chartArea;
        var left = x.getPixelForValue(threshold), bottom = y.getPixelForValue(threshold);
        ctx.save();
        ctx.fillStyle = "rgba(25, 135, 84, 0.12)";
        ctx.fillRect(left, area.top, area.right - left, bottom - area.top);
        ctx.strokeStyle = "rgba(25, 135, 84, 0.7)";
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(left, area.top); ctx.lineTo(left, area.bottom);
        ctx.moveTo(area.left, bottom); ctx.lineTo(area.right, bottom);
        ctx.stroke();
        ctx.fillStyle = "rgba(20, 108, 67, 1)";
        ctx.font = "12px system-ui, sans-serif";
        ctx.textAlign = "right";
        ctx.fillText("Priority (" + threshold + "+ on both)", area.right - 6, area.top + 14);
        ctx.restore();
      }
    };
  }

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // Where a label may sit around its point, nearest first: right, left, above, below,
  // then the diagonals, then the same further out.
  var PLACES = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1], [-1, 1]];

  // Writes each sector's name next to its point, so the chart reads without hovering.
  // Each label takes the first place that overlaps no other label, no point and stays
  // inside the plot; a label with no free place is left out (the table below and the
  // point's tooltip still name it). The boxes are kept on the chart for the tests.
  var pointLabels = {
    id: "pointLabels",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, dataset = chart.data.datasets[0], area = chart.chartArea;
      var elements = chart.getDatasetMeta(0).data, radius = 7, height = 14;
      var points = elements.map(function (e) {
        return { x: e.x - radius, y: e.y - radius, w: 2 * radius, h: 2 * radius };
      });
      var placed = [], skipped = [];
      ctx.save();
      ctx.font = "11px system-ui, sans-serif";
      ctx.fillStyle = "#212529";
      ctx.textBaseline = "middle";
      elements.forEach(function (element, j) {
        var text = dataset.data[j].label, width = ctx.measureText(text).width;
        var box = null;
        [1, 2.6].some(function (reach) {
          return PLACES.some(function (place) {
            var dx = place[0], dy = place[1];
            var cx = element.x + dx * (radius + 2) * reach, cy = element.y + dy * (radius + 4) * reach;
            var candidate = {
              x: dx > 0 ? cx : dx < 0 ? cx - width : cx - width / 2,
              y: cy - height / 2, w: width, h: height
            };
            var inside = candidate.x >= area.left && candidate.x + width <= area.right &&
              candidate.y >= area.top && candidate.y + height <= area.bottom;
            var free = inside && !placed.some(function (b) { return overlaps(b, candidate); }) &&
              !points.some(function (b, k) { return k !== j && overlaps(b, candidate); });
            if (free) { box = candidate; }
            return free;
          });
        });
        if (box) {
          ctx.fillText(text, box.x, box.y + height / 2);
          placed.push({ x: box.x, y: box.y, w: box.w, h: box.h, label: text });
        } else {
          skipped.push(text);
        }
      });
      ctx.restore();
      chart.$labelBoxes = placed;
      chart.$labelsLeftOut = skipped;
    }
  };

  // The axes show the data, not the whole 0–100 range: from a little below the lowest
  // score to a little above the highest, always including the threshold, in steps of 10.
  function zoomedRange(values, threshold) {
    var low = Math.min.apply(null, values.concat([threshold]));
    var high = Math.max.apply(null, values.concat([threshold]));
    return {
      min: Math.max(0, Math.floor((low - 5) / 10) * 10),
      max: Math.min(100, Math.ceil((high + 5) / 10) * 10)
    };
  }

  // A faint dashed line from a sector's previous assessment to its latest one.
  function trailDatasets(trails) {
    return trails.map(function (trail) {
      return {
        type: "line",
        label: trail.label + " (previous assessment)",
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

  function axis(title, range) {
    return { min: range.min, max: range.max, ticks: { stepSize: 10 }, title: { display: true, text: title } };
  }

  function allValues(data, key) {
    var values = data.points.map(function (p) { return p[key]; });
    (data.trails || []).forEach(function (t) { values.push(t.from[key], t.to[key]); });
    return values;
  }

  function drawScatter(canvas, data) {
    var priority = "#198754", other = "#6c757d";
    return new Chart(canvas, {
      type: "scatter",
      data: {
        datasets: [{
          label: "Sectors",
          data: data.points,
          pointRadius: 6,
          pointHoverRadius: 8,
          backgroundColor: data.points.map(function (p) { return p.priority ? priority : other; })
        }].concat(trailDatasets(data.trails || []))
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: axis("Domestic impact", zoomedRange(allValues(data, "x"), data.threshold)),
          y: axis("International impact", zoomedRange(allValues(data, "y"), data.threshold))
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: function (item) { return item.datasetIndex === 0; },
            callbacks: {
              label: function (item) {
                var p = item.raw;
                return p.label + ": domestic " + p.x + ", international " + p.y;
              }
            }
          }
        }
      },
      plugins: [quadrantPlugin(data.threshold), pointLabels]
    });
  }

  function drawHistory(canvas, data) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Domestic impact", data: data.domestic, borderColor: "#0d6efd", backgroundColor: "#0d6efd" },
          { label: "International impact", data: data.international, borderColor: "#d63384", backgroundColor: "#d63384" }
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
