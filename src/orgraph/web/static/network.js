// The network's date slider: show the relations that hold (solid) or may hold (dashed)
// during the chosen year. Mirrors Interval.check on the server: yes / uncertain / no.
(function () {
  "use strict";
  const slider = document.getElementById("net-year");
  const output = document.getElementById("net-year-value");
  const count = document.getElementById("net-edge-count");
  const svg = document.getElementById("network");
  if (!slider || !svg) return;

  function state(edge, first, last) {
    const s0 = edge.dataset.s0, s1 = edge.dataset.s1, e0 = edge.dataset.e0, e1 = edge.dataset.e1;
    if (last < s0 || first > e1) return "no";
    const from = first > s1 ? first : s1;
    const to = last < e0 ? last : e0;
    return from <= to ? "yes" : "uncertain";
  }

  function pad(year) { return String(year).padStart(4, "0"); }

  function update() {
    const year = pad(slider.value);
    const first = year + "-01-01", last = year + "-12-31";
    const linked = new Set();
    let shown = 0;
    svg.querySelectorAll("line.edge").forEach(function (edge) {
      const s = state(edge, first, last);
      edge.classList.remove("is-yes", "is-uncertain", "is-no");
      edge.classList.add("is-" + s);
      if (s !== "no") {
        shown += 1;
        linked.add(edge.dataset.subject);
        linked.add(edge.dataset.object);
      }
    });
    svg.querySelectorAll(".node").forEach(function (node) {
      node.classList.toggle("is-idle", !linked.has(node.dataset.node));
    });
    output.textContent = slider.value;
    count.textContent = String(shown);
    svg.dataset.visibleEdges = String(shown);
    const url = new URL(window.location.href);
    url.searchParams.set("at", slider.value);
    window.history.replaceState(null, "", url);
  }

  slider.addEventListener("input", update);
  slider.addEventListener("change", update);
  update();
})();
