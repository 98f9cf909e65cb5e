// Browser JS for the chat log: per-member history in sessionStorage, bubbles left (bot) and right
// (member), the quick-reply bar of the last message, and what tapping an action does.
export const CHAT_JS = `
var store = window.sessionStorage;
var logNode = document.getElementById("log");
var quickNode = document.getElementById("quick");
var toastNode = document.getElementById("toast");

function load(key, fallback) {
  try {
    var raw = store.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch (e) {
    return fallback;
  }
}
function save(key, value) {
  try { store.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full: keep the page usable */ }
}
function historyOf(userId) { return load("sim:history:" + userId, []); }

/** Records an entry in that member's history; draws it only if that member is on screen. */
function addEntry(userId, entry) {
  entry.at = entry.at || Date.now();
  var history = historyOf(userId);
  history.push(entry);
  save("sim:history:" + userId, history.slice(-300));
  if (userId !== app.current) return;
  drawEntry(entry, history[history.length - 2]);
  drawQuickReplies(entry);
  logNode.scrollTop = logNode.scrollHeight;
}

function drawLog(userId) {
  logNode.textContent = "";
  var history = historyOf(userId);
  history.forEach(function (entry, i) { drawEntry(entry, history[i - 1]); });
  drawQuickReplies(history[history.length - 1]);
  logNode.scrollTop = logNode.scrollHeight;
}

function clock(at) {
  var d = new Date(at);
  return d.getHours() + ":" + String(d.getMinutes()).padStart(2, "0");
}

var VIA_NOTES = { push: "（プッシュ）", multicast: "（一斉送信）", broadcast: "（一斉配信）" };

function drawEntry(entry, previous) {
  if (entry.from === "system") {
    logNode.appendChild(el("div", "system", entry.text));
    return;
  }
  var content = entry.message ? renderMessage(entry.message, onAction) : appendLinkified(el("div", "bubble"), entry.text);
  var row = el("div", "row " + entry.from);
  if (entry.from === "me") {
    row.appendChild(el("span", "time", clock(entry.at)));
    row.appendChild(content);
  } else {
    var grouped = previous && previous.from === "bot";
    var avatar = el("div", "avatar", "協");
    if (grouped) avatar.style.visibility = "hidden";
    var column = el("div", "bot-col" + (content.querySelector(".carousel") || content.classList.contains("carousel") ? " wide" : ""));
    if (!grouped) column.appendChild(el("div", "bot-name", "協会ヘルプデスク" + (VIA_NOTES[entry.via] || "")));
    column.appendChild(content);
    row.appendChild(avatar);
    row.appendChild(column);
    row.appendChild(el("span", "time", clock(entry.at)));
  }
  logNode.appendChild(row);
}

/** LINE shows quick replies only while their message is the last one in the chat. */
function drawQuickReplies(last) {
  quickNode.textContent = "";
  var items = last && last.from === "bot" && last.message && last.message.quickReply && last.message.quickReply.items;
  (items || []).forEach(function (item) {
    quickNode.appendChild(actionButton(item.action, "chip", onAction));
  });
}

function toast(text) {
  toastNode.textContent = text;
  toastNode.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(function () { toastNode.classList.remove("show"); }, 1600);
}

function copyText(text) {
  var done = function () { toast("コピーしました"); };
  var fallback = function () {
    var area = el("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    if (ok) done(); else toast("コピーできませんでした");
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
}

/** What a tap on a quick reply, template or Flex button does. */
function onAction(action) {
  if (!action) return;
  if (action.type === "message") {
    sendToBot({ text: action.text }, { from: "me", text: action.text });
  } else if (action.type === "postback") {
    var shown = action.displayText || action.text;
    sendToBot({ postback: action.data }, shown ? { from: "me", text: shown } : null);
  } else if (action.type === "uri") {
    if (/^(https?:|tel:|mailto:)/i.test(action.uri || "")) window.open(action.uri, "_blank", "noopener");
    else toast("開けないリンクです");
  } else if (action.type === "clipboard") {
    copyText(action.clipboardText || "");
  } else {
    toast("シミュレーターでは未対応の操作です（" + action.type + "）");
  }
}
`;
