// The simulator's look: a LINE-like phone frame (green header, blue-grey chat, green member
// bubbles) that fills the screen on a real phone. Plain CSS in a string: the page has no build step.
export const PAGE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font-family: -apple-system, BlinkMacSystemFont, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP",
    "Noto Sans JP", Meiryo, sans-serif;
  background: #e9ecef; color: #111; display: flex; justify-content: center; align-items: center;
}
button, select, textarea { font: inherit; }
.phone {
  width: 390px; height: min(844px, 100vh - 24px); display: flex; flex-direction: column; overflow: hidden;
  background: #8cabd9; border-radius: 28px; border: 8px solid #222; box-shadow: 0 10px 40px rgba(0,0,0,.25);
  position: relative;
}
@media (max-width: 480px) {
  body { align-items: stretch; }
  .phone { width: 100%; height: 100vh; height: 100dvh; border: 0; border-radius: 0; box-shadow: none; }
}
.bar { background: #06c755; color: #fff; padding: 10px 12px; display: flex; align-items: center; gap: 8px; }
.bar h1 { font-size: 16px; margin: 0; flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bar select { font-size: 14px; border: 0; border-radius: 6px; padding: 4px 6px; background: #fff; color: #111; max-width: 130px; }
.bar .add { border: 1px solid #fff; background: transparent; color: #fff; border-radius: 6px; padding: 3px 8px;
  font-size: 12px; cursor: pointer; white-space: nowrap; }
.tools { display: flex; gap: 6px; padding: 6px 8px; background: #f5f6f7; border-bottom: 1px solid #d9dce0;
  overflow-x: auto; }
.tools button { flex: 0 0 auto; border: 1px solid #c9ced6; background: #fff; border-radius: 14px; padding: 4px 10px;
  font-size: 12px; cursor: pointer; }
.tools button:hover { background: #eef7f1; }
.log { flex: 1; overflow-y: auto; padding: 12px 10px 8px; display: flex; flex-direction: column; gap: 8px; }
/* A newcomer's first view: say what to do instead of showing an empty chat. */
.log:empty::before { content: "「友だち追加」を押すと、LINEで友だち追加したときと同じように会話が始まります。下の入力欄に「登録」や質問を送ることもできます。"; margin: auto 16px; padding: 14px 16px; border-radius: 12px; background: rgba(255,255,255,.85); color: #333; font-size: 14px; line-height: 1.6; text-align: center; }
.row { display: flex; align-items: flex-end; gap: 6px; max-width: 100%; }
.row.me { justify-content: flex-end; }
.row .time { font-size: 10px; color: #3d4b63; flex: 0 0 auto; }
.avatar { width: 34px; height: 34px; border-radius: 50%; background: #06c755; color: #fff; font-weight: bold;
  display: flex; align-items: center; justify-content: center; font-size: 14px; flex: 0 0 auto; align-self: flex-start; }
.bot-col { display: flex; flex-direction: column; gap: 2px; min-width: 0; max-width: calc(100% - 40px); }
.bot-col.wide { flex: 1; }
.bot-name { font-size: 11px; color: #27344a; }
.bubble { padding: 8px 12px; border-radius: 18px; font-size: 14px; line-height: 1.5; white-space: pre-wrap;
  overflow-wrap: anywhere; max-width: 260px; }
.bot .bubble { background: #fff; border-top-left-radius: 4px; }
.me .bubble { background: #8de055; border-top-right-radius: 4px; }
.bubble a { color: #1a5fb4; }
.system { align-self: center; background: rgba(0,0,0,.18); color: #fff; font-size: 11px; padding: 3px 10px;
  border-radius: 10px; }
.placeholder { background: #f0f0f0; color: #667; border: 1px dashed #b8bcc4; border-radius: 12px; padding: 16px;
  font-size: 12px; text-align: center; min-width: 120px; }
.alt { font-size: 10px; color: #3d4b63; }
.flex-bubble, .tpl { background: #fff; border-radius: 14px; overflow: hidden; width: 260px; flex: 0 0 auto;
  display: flex; flex-direction: column; font-size: 14px; }
.carousel { display: flex; gap: 8px; overflow-x: auto; max-width: 100%; padding-bottom: 4px;
  scroll-snap-type: x mandatory; }
.carousel > * { scroll-snap-align: start; }
.fx-block { display: flex; flex-direction: column; }
.fx-box { display: flex; min-width: 0; }
.fx-text { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.fx-text.wrap { white-space: pre-wrap; overflow-wrap: anywhere; }
.fx-sep { border: 0; border-top: 1px solid #e0e2e6; margin: 0; flex: 0 0 auto; align-self: stretch; }
.fx-img { background: #dfe3e8; color: #6b7380; display: flex; align-items: center; justify-content: center;
  font-size: 12px; width: 100%; }
.fx-btn { border: 0; border-radius: 8px; cursor: pointer; min-height: 40px; padding: 6px 10px; font-size: 14px;
  width: 100%; }
.fx-btn.primary { background: #06c755; color: #fff; }
.fx-btn.secondary { background: #e6e9ed; color: #111; }
.fx-btn.link { background: transparent; color: #42659a; }
.tpl .tpl-title { font-weight: bold; padding: 12px 14px 0; }
.tpl .tpl-text { padding: 8px 14px 12px; white-space: pre-wrap; overflow-wrap: anywhere; color: #333; }
.tpl .tpl-actions { display: flex; flex-direction: column; border-top: 1px solid #e0e2e6; }
.tpl.confirm .tpl-actions { flex-direction: row; }
.tpl .tpl-actions button { border: 0; border-top: 1px solid #eef0f2; background: #fff; color: #42659a;
  padding: 10px; cursor: pointer; flex: 1; }
.quick { display: flex; gap: 6px; overflow-x: auto; padding: 6px 8px; background: rgba(255,255,255,.35); }
.quick:empty { display: none; }
.chip { flex: 0 0 auto; border: 1px solid #06c755; color: #06a046; background: #fff; border-radius: 16px;
  padding: 6px 12px; font-size: 13px; cursor: pointer; white-space: nowrap; }
.chip:hover { background: #eef9f1; }
.composer { display: flex; gap: 6px; padding: 8px; background: #fff; border-top: 1px solid #d9dce0; }
.composer textarea { flex: 1; resize: none; border: 1px solid #d0d4da; border-radius: 18px; padding: 8px 12px;
  height: 38px; max-height: 96px; font-size: 14px; outline: none; }
.composer textarea:focus { border-color: #06c755; }
.composer button { border: 0; background: #06c755; color: #fff; border-radius: 18px; padding: 0 16px;
  cursor: pointer; font-weight: bold; }
.composer button:disabled { background: #9bd9b2; }
.status { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; color: #555; background: #f5f6f7;
  padding: 3px 10px; border-top: 1px solid #e3e5e8; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.status.error { color: #b00020; }
.toast { position: absolute; left: 50%; bottom: 120px; transform: translateX(-50%); background: rgba(0,0,0,.75);
  color: #fff; padding: 8px 16px; border-radius: 16px; font-size: 13px; pointer-events: none; opacity: 0;
  transition: opacity .2s; }
.toast.show { opacity: 1; }
`;
