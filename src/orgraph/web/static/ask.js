// The start page's question box: asks /api/ask and shows the answer with its citations.
(function () {
  "use strict";
  const form = document.getElementById("ask-form");
  const out = document.getElementById("ask-answer");
  if (!form || !out) return;
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const q = document.getElementById("ask-q").value.trim();
    if (!q) return;
    const lang = document.documentElement.lang;
    const response = await fetch("/api/ask?" + new URLSearchParams({ q: q, lang: lang }));
    const body = await response.json().catch(function () { return {}; });
    out.replaceChildren();
    const text = document.createElement("p");
    text.textContent = response.ok ? (body.text || body.answer || JSON.stringify(body)) : (body.detail || response.statusText);
    out.appendChild(text);
    (body.citations || body.evidence || []).forEach(function (ev) {
      const quote = document.createElement("blockquote");
      quote.className = "citation";
      const words = ev.sentence || ev.text || String(ev);
      if (ev.source && ev.source !== "manual") {
        const link = document.createElement("a");
        link.href = "/document/" + encodeURIComponent(ev.source) + (ev.start !== undefined ? "#ev-" + ev.start : "");
        link.textContent = words;
        quote.appendChild(link);
      } else {
        quote.textContent = words;
      }
      out.appendChild(quote);
    });
  });
})();
