// The rich menu under the chat, as a phone shows it: a bar with the chat-bar text that opens the
// board of tiles drawn from flows/rich-menu.ts (same labels, same postbacks), so the simulator
// behaves like LINE when a member taps a tile.
import { RICH_MENU } from "../../../flows/rich-menu.js";

const esc = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function richMenuMarkup(): string {
  const tiles = RICH_MENU.areas
    .map(
      (area) =>
        `<button type="button" class="tile${area.primary ? " primary" : ""}" data-postback="${esc(area.action.data)}" data-display="${esc(area.action.displayText)}">${esc(area.label)}<small>${esc(area.sublabel)}</small></button>`,
    )
    .join("");
  return `<button type="button" id="richmenu-bar" class="richmenu-bar" aria-expanded="true" aria-controls="richmenu">${esc(RICH_MENU.chatBarText)} ▾</button>
  <div id="richmenu" class="richmenu" role="group" aria-label="リッチメニュー">${tiles}</div>`;
}

export const RICH_MENU_CSS = `
.richmenu-bar { width: 100%; border: 0; border-top: 1px solid #d9dce0; background: #fff; padding: 8px; font-size: 14px; color: #333; }
.richmenu { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1px; background: #d9dce0; }
.richmenu[hidden] { display: none; }
.richmenu .tile { border: 0; background: #fff; padding: 14px 4px; font-size: 14px; font-weight: 600; color: #1f2933; display: flex; flex-direction: column; align-items: center; gap: 2px; }
.richmenu .tile small { font-weight: 400; font-size: 11px; color: #666; }
.richmenu .tile.primary { background: #eef7f1; }
.clock { font-size: 12px; color: #555; align-self: center; white-space: nowrap; }
`;

/** Browser JS: the bar folds the board; a tile sends its postback with its display text. */
export const RICH_MENU_JS = `
var richBar = document.getElementById("richmenu-bar");
var richBoard = document.getElementById("richmenu");
richBar.addEventListener("click", function () {
  var open = richBoard.hasAttribute("hidden");
  if (open) richBoard.removeAttribute("hidden"); else richBoard.setAttribute("hidden", "");
  richBar.setAttribute("aria-expanded", open ? "true" : "false");
});
richBoard.querySelectorAll("[data-postback]").forEach(function (tile) {
  tile.addEventListener("click", function () {
    var shown = tile.getAttribute("data-display");
    sendToBot({ postback: tile.getAttribute("data-postback") }, shown ? { from: "me", text: shown } : null);
  });
});

var clockNode = document.getElementById("clock");
function showClock(data) {
  if (!data || !data.now) return;
  var jst = new Date(Date.parse(data.now) + 9 * 3600000).toISOString();
  var moved = data.offsetMs > 0 ? "（" + Math.round(data.offsetMs / 3600000) + "時間先）" : "";
  clockNode.textContent = "いま " + jst.slice(5, 10).replace("-", "/") + " " + jst.slice(11, 16) + moved;
}
function moveClock(body) {
  return fetch(base + "/clock", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (data) { showClock(data); poll(); })
    .catch(function () { setStatus("時計を進められませんでした", true); });
}
document.querySelectorAll("[data-advance]").forEach(function (button) {
  button.addEventListener("click", function () { moveClock({ advanceMs: Number(button.getAttribute("data-advance")) }); });
});
fetch(base + "/clock").then(function (res) { return res.ok ? res.json() : null; }).then(showClock).catch(function () {});
`;
