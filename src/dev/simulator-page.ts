// The phone-like chat page at GET /dev/simulator: a newcomer chats with the bot as a LINE member
// would, through the simulator API. Assembled from plain strings (no build step, no CDN).
import { APP_JS } from "./page/app-script.js";
import { CHAT_JS } from "./page/chat-script.js";
import { FLEX_JS } from "./page/flex-script.js";
import { PAGE_BODY } from "./page/markup.js";
import { RENDER_JS } from "./page/render-script.js";
import { RICH_MENU_CSS, RICH_MENU_JS, richMenuMarkup } from "./page/rich-menu-markup.js";
import { PAGE_CSS } from "./page/styles.js";

/** Inline scripts only; data goes out to this origin only; no images or frames from anywhere. */
const CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The page's whole script: one strict IIFE so nothing leaks onto window. */
export const simulatorPageScript = `(function () {\n"use strict";\n${RENDER_JS}\n${FLEX_JS}\n${CHAT_JS}\n${APP_JS}\n${RICH_MENU_JS}\n})();`;

export const simulatorPageHtml = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>LINE シミュレーター</title>
<style>${PAGE_CSS}${RICH_MENU_CSS}</style>
</head>
<body>
${PAGE_BODY.replace("<!--RICH_MENU-->", richMenuMarkup())}
<script>${simulatorPageScript}</script>
</body>
</html>`;
