// The start page's question box: asks /api/ask and shows the answer with its citations.
// The question's own words decide its language (the UI language is only a hint for a
// question without any); a refusal shows what can be asked as links that run their question.
(function () {
  "use strict";
  const form = document.getElementById("ask-form");
  const box = document.getElementById("ask-q");
  const out = document.getElementById("ask-answer");
  if (!form || !box || !out) return;

  function questionLink(q, label, className) {
    const link = document.createElement("a");
    link.className = className;
    link.href = "/?" + new URLSearchParams({ ask: q });
    link.dataset.q = q;
    link.textContent = label;
    return link;
  }

  function citation(ev) {
    const quote = document.createElement("blockquote");
    quote.className = "citation";
    const words = ev.sentence || ev.text || String(ev);
    if (ev.source && ev.source !== "manual" && ev.source !== "gazetteer") {
      const link = document.createElement("a");
      link.href = "/document/" + encodeURIComponent(ev.source) + (ev.start !== undefined ? "#ev-" + ev.start : "");
      link.textContent = words;
      quote.appendChild(link);
    } else {
      quote.textContent = words;
    }
    return quote;
  }

  function show(response, body) {
    out.replaceChildren();
    const text = document.createElement("p");
    const refused = body.kind === "cannot_answer";
    text.className = refused ? "refusal" : "answer-text";
    // A refusal's first line says why; what can be asked follows as a list of links.
    const full = response.ok ? (body.text || JSON.stringify(body)) : (body.detail || response.statusText);
    text.textContent = refused ? full.split("\n")[0] : full;
    out.appendChild(text);
    if (body.suggestions && body.suggestions.length) {
      const p = document.createElement("p");
      p.className = "suggestions";
      body.suggestions.forEach(function (s) {
        p.appendChild(questionLink(s.q, s.name, "suggestion"));
        p.appendChild(document.createTextNode(" "));
      });
      out.appendChild(p);
    }
    if (refused && body.examples) {
      const list = document.createElement("ul");
      list.className = "refusal-examples";
      body.examples.forEach(function (e) {
        const item = document.createElement("li");
        item.appendChild(document.createTextNode(e.what + ": "));
        item.appendChild(questionLink(e.q, e.q, "example"));
        list.appendChild(item);
      });
      out.appendChild(list);
    }
    (body.citations || []).forEach(function (ev) { out.appendChild(citation(ev)); });
  }

  async function run(q) {
    box.value = q;
    const hint = document.documentElement.lang;
    const response = await fetch("/api/ask?" + new URLSearchParams({ q: q, lang: hint }));
    const body = await response.json().catch(function () { return {}; });
    show(response, body);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const q = box.value.trim();
    if (q) run(q);
  });
  // Example and suggestion links run their question in place (they also work as plain links).
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.example, a.suggestion");
    if (!link || !link.dataset.q) return;
    event.preventDefault();
    history.replaceState(null, "", link.href);
    run(link.dataset.q);
  });
  const asked = new URLSearchParams(location.search).get("ask");
  if (asked) run(asked);
})();
