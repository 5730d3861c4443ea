// Writes from the review queue and the upload form: each sends the server's token
// (kept for this browser tab only) and shows the API's answer or its problem detail.
(function () {
  "use strict";
  const KEY = "orgraph-token";
  const tokens = document.querySelectorAll("input.token");
  tokens.forEach(function (input) {
    input.value = sessionStorage.getItem(KEY) || "";
    input.addEventListener("change", function () { sessionStorage.setItem(KEY, input.value); });
  });

  function token() {
    const field = document.querySelector("input.token");
    return field ? field.value.trim() : "";
  }

  function say(id, text, isError) {
    const line = document.getElementById(id);
    if (!line) return;
    line.textContent = text;
    line.classList.toggle("error", Boolean(isError));
  }

  async function send(url, options) {
    options.headers = Object.assign({ "Authorization": "Bearer " + token() }, options.headers || {});
    const response = await fetch(url, options);
    const body = await response.json().catch(function () { return {}; });
    if (!response.ok) throw new Error(response.status + ": " + (body.detail || response.statusText));
    return body;
  }

  document.querySelectorAll(".review-item").forEach(function (item) {
    const id = item.dataset.claim;
    item.querySelectorAll("button[data-action]").forEach(function (button) {
      button.addEventListener("click", async function () {
        const action = button.dataset.action;
        try {
          const claim = await send("/api/claims/" + encodeURIComponent(id) + "/" + action, { method: "POST" });
          item.dataset.newClaim = claim.id;
          item.classList.remove("status-candidate");
          item.classList.add("done", "status-" + claim.status);
          const badge = item.querySelector(".statement .status");
          if (badge) { badge.textContent = claim.status; badge.className = "status status-" + claim.status; }
          say("review-result", action + ": " + id + " → " + claim.id + " (" + claim.status + ")");
          item.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        } catch (error) {
          say("review-result", error.message, true);
        }
      });
    });
    const form = item.querySelector("form.edit-form");
    if (form) {
      form.addEventListener("submit", async function (event) {
        event.preventDefault();
        const change = {};
        new FormData(form).forEach(function (value, key) { change[key] = String(value); });
        try {
          const claim = await send("/api/claims/" + encodeURIComponent(id) + "/edit", {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(change),
          });
          say("review-result", "edit: " + id + " → " + claim.id + " (" + claim.status + ")");
          item.dataset.newClaim = claim.id;
          item.classList.add("done");
        } catch (error) {
          say("review-result", error.message, true);
        }
      });
    }
  });

  const upload = document.getElementById("upload-form");
  if (upload) {
    upload.addEventListener("submit", async function (event) {
      event.preventDefault();
      const data = new FormData(upload);
      if (!data.get("lang")) data.delete("lang");
      try {
        const report = await send("/api/documents", { method: "POST", body: data });
        say("upload-result", report.status + ": " + report.origin + " (" + report.claims + ")");
      } catch (error) {
        say("upload-result", error.message, true);
      }
    });
  }
})();
