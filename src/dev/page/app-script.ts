// Browser JS that drives the simulator: the simulated members, POST /send for what the member does,
// GET /messages every 2 s for pushes, without ever showing a message twice (seq bookkeeping).
export const APP_JS = String.raw`
var PRESET_USERS = [
  { id: "U4d1f6a0c2b8e4f7a9c3d5e1b2a4c6e01", name: "会員A" },
  { id: "U7b2e9c4d1a6f4e8b0d2c7a5f3e9b1d02", name: "会員B" },
  { id: "U9c3a7e5f2b0d4c6a8e1f9b3d5c7a2e03", name: "会員C" }
];
var base = location.pathname.replace(/\/+$/, "");
var app = { users: load("sim:users", PRESET_USERS), current: "", sending: 0, polling: false, generation: 0 };
var queue = Promise.resolve();
var userSelect = document.getElementById("user");
var input = document.getElementById("input");
var statusNode = document.getElementById("status");

function lastSeqOf(userId) { return load("sim:seq:" + userId, null); }
function setStatus(text, isError) {
  statusNode.textContent = text;
  statusNode.classList.toggle("error", !!isError);
}

function drawUsers() {
  userSelect.textContent = "";
  app.users.forEach(function (user) {
    var option = el("option", "", user.name);
    option.value = user.id;
    userSelect.appendChild(option);
  });
  userSelect.value = app.current;
}

function switchUser(userId) {
  app.current = userId;
  app.generation++;
  save("sim:current", userId);
  userSelect.value = userId;
  drawLog(userId);
  setStatus("user " + userId);
  poll();
}

function addUser() {
  var hex = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) {
    return b.toString(16).padStart(2, "0");
  }).join("");
  var letter = String.fromCharCode(65 + app.users.length);
  app.users.push({ id: "U" + hex, name: "会員" + (app.users.length < 26 ? letter : app.users.length + 1) });
  save("sim:users", app.users);
  drawUsers();
  switchUser("U" + hex);
}

/** Shows the member's side at once, then sends; sends run one at a time, in order. */
function sendToBot(body, localEntry) {
  var userId = app.current;
  if (localEntry) addEntry(userId, localEntry);
  body.userId = userId;
  queue = queue.then(function () { return deliver(userId, body); });
  return queue;
}

function deliver(userId, body) {
  app.sending++;
  app.generation++;
  var started = performance.now();
  return fetch(base + "/send", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    .then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error("HTTP " + res.status + " " + (data.message || ""));
        var messages = data.messages || [];
        messages.forEach(function (message) { addEntry(userId, { from: "bot", message: message }); });
        save("sim:seq:" + userId, data.lastSeq);
        setStatus("webhook " + data.webhookStatus + " · 返信 " + messages.length + " 件 · " +
          Math.round(performance.now() - started) + " ms · " + userId);
      });
    })
    .catch(function (error) { setStatus("送信に失敗しました: " + error.message, true); })
    .then(function () { app.sending--; });
}

/** Pushes (reminders, staff notices, broadcasts). A member seen for the first time starts from now. */
function poll() {
  if (app.sending || app.polling) return;
  var userId = app.current;
  var generation = app.generation;
  var since = lastSeqOf(userId);
  app.polling = true;
  fetch(base + "/messages?userId=" + encodeURIComponent(userId) + "&sinceSeq=" + (since || 0))
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (data) {
      if (!data || app.sending || generation !== app.generation) return;
      var seen = lastSeqOf(userId);
      if (seen !== null) {
        (data.deliveries || []).forEach(function (d) {
          if (d.seq <= seen) return;
          (d.messages || []).forEach(function (message) { addEntry(userId, { from: "bot", message: message, via: d.via }); });
        });
      }
      save("sim:seq:" + userId, Math.max(seen || 0, data.lastSeq || 0));
    })
    .catch(function () { /* the server may be restarting: try again on the next tick */ })
    .then(function () { app.polling = false; });
}

var EVENT_NOTES = { follow: "友だち追加しました", unfollow: "ブロックしました", refollow: "ブロックを解除しました" };

document.querySelectorAll("[data-event]").forEach(function (button) {
  button.addEventListener("click", function () {
    var kind = button.getAttribute("data-event");
    sendToBot({ event: kind }, { from: "system", text: EVENT_NOTES[kind] });
  });
});
document.querySelector("[data-sticker]").addEventListener("click", function () {
  sendToBot({ sticker: true }, { from: "me", message: { type: "sticker", packageId: "446", stickerId: "1988" } });
});
document.getElementById("clear").addEventListener("click", function () {
  save("sim:history:" + app.current, []);
  drawLog(app.current);
});
document.getElementById("add-user").addEventListener("click", addUser);
userSelect.addEventListener("change", function () { switchUser(userSelect.value); });

function submitText() {
  var text = input.value;
  if (!text.trim()) return;
  input.value = "";
  input.style.height = "";
  sendToBot({ text: text }, { from: "me", text: text });
}
document.getElementById("composer").addEventListener("submit", function (event) {
  event.preventDefault();
  submitText();
});
input.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || event.shiftKey) return;
  if (event.isComposing || event.keyCode === 229) return; // the IME is converting: Enter confirms, not sends
  event.preventDefault();
  submitText();
});
input.addEventListener("input", function () {
  input.style.height = "";
  input.style.height = Math.min(input.scrollHeight + 2, 96) + "px";
});

app.current = load("sim:current", app.users[0].id);
drawUsers();
switchUser(app.current);
setInterval(poll, 2000);
`;
