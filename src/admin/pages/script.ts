// The staff pages' only script, served as a file so the Content-Security-Policy needs no
// 'unsafe-inline'. Markup asks for behaviour with data attributes:
//   form[data-confirm]   asks before sending;  form[data-once]  sends once (buttons disabled);
//   [data-reload-after]  reloads the page after N seconds (a broadcast being sent);
//   form[data-audience]  the compose form: choosing from a list also picks its option, and the
//                        recipient count and the quota are fetched as the audience changes.
export const ADMIN_SCRIPT = `"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); return; }
  if (form.hasAttribute("data-once")) {
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
  }
});
document.querySelectorAll("[data-reload-after]").forEach(function (el) {
  var seconds = Number(el.getAttribute("data-reload-after")) || 5;
  setTimeout(function () { location.reload(); }, seconds * 1000);
});
document.querySelectorAll("form[data-audience]").forEach(function (form) {
  var out = form.querySelector("[data-audience-count]");
  var timer = 0;
  var seq = 0;
  function refresh() {
    if (!out) return;
    var data = new FormData(form);
    var query = new URLSearchParams();
    ["audienceKind", "step", "affiliation", "notReachedStep"].forEach(function (k) {
      var v = data.get(k); if (typeof v === "string") query.set(k, v);
    });
    var mine = ++seq;
    out.textContent = "対象人数を数えています…";
    fetch(form.getAttribute("data-audience") + "?" + query.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (mine !== seq) return;
        out.textContent = body && body.text ? body.text : "対象人数を数えられませんでした。";
        out.classList.toggle("warn", !!(body && body.overQuota));
      })
      .catch(function () { if (mine === seq) out.textContent = "対象人数を数えられませんでした。"; });
  }
  form.querySelectorAll("select[data-for]").forEach(function (select) {
    select.addEventListener("change", function () {
      var radio = form.querySelector('input[name="audienceKind"][value="' + select.getAttribute("data-for") + '"]');
      if (radio) radio.checked = true;
    });
  });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(refresh, 150); });
  refresh();
});
`;
