// Draws the rich menu image from flows/rich-menu.ts, so the picture and the tappable areas can never
// drift apart: an HTML page (one tile per area, large Japanese labels, simple icons, LINE green, dark
// text on light tiles for older eyes) photographed by Debian's chromium through playwright-core.
//   npm run richmenu:image        → assets/rich-menu.png (commit it: users never need to run this)
// Needs, for generating only: chromium (`apt-get install -y chromium`, or CHROMIUM_PATH) and a
// Japanese font (`fc-list :lang=ja`; on Debian `apt-get install -y fonts-noto-cjk`). LINE takes at
// most 1 MB: if the PNG is larger it falls back to JPEG quality 85 (assets/rich-menu.jpg).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  RICH_MENU,
  type RichMenuArea,
  type RichMenuDefinition,
  type RichMenuIcon,
} from "../flows/rich-menu.js";
import { chromiumPath, launchBrowser } from "./chromium.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const RICH_MENU_PNG = resolve(ROOT, "assets/rich-menu.png");
export const RICH_MENU_JPEG = resolve(ROOT, "assets/rich-menu.jpg");
const MAX_BYTES = 1024 * 1024;

const GREEN = "#06C755";
const INK = "#111111";
const SUB_INK = "#3A3A3A";

/** 24×24 line icons drawn in white on the green disc (the phone handset follows Feather Icons, MIT). */
const ICONS: Record<RichMenuIcon, string> = {
  pen: '<path d="M4 20h4L19.5 8.5a2.1 2.1 0 0 0-4-4L4 16z"/><path d="M14 6l4 4"/>',
  steps:
    '<path d="M3.5 6.3l2 2 3.5-3.6"/><path d="M12 6.5h8.5"/><path d="M3.5 12.3l2 2 3.5-3.6"/><path d="M12 12.5h8.5"/><circle cx="6" cy="18.5" r="1.7"/><path d="M12 18.5h8.5"/>',
  check:
    '<circle cx="10.5" cy="10.5" r="7.2"/><path d="M15.7 15.7L21 21"/><path d="M7.3 10.7l2.2 2.2 3.9-4.1"/>',
  question:
    '<path d="M3 3.5h18v13.5H11l-5 4v-4H3z"/><path d="M9.6 8.3a2.4 2.4 0 1 1 3.4 2.2c-.7.3-1 .8-1 1.5v.4"/><path d="M12 14.6v.1"/>',
  person: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>',
  phone:
    '<path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8.1 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z"/>',
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function tileHtml(area: RichMenuArea): string {
  const { x, y, width, height } = area.bounds;
  return `<div class="tile${area.primary ? " primary" : ""}" style="left:${x}px;top:${y}px;width:${width}px;height:${height}px">
  <div class="disc"><svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[area.icon]}</svg></div>
  <div class="label">${escapeHtml(area.label)}</div>
  <div class="sub">${escapeHtml(area.sublabel)}</div>
</div>`;
}

/** The whole page; every size in CSS pixels equals one image pixel. */
export function richMenuHtml(menu: RichMenuDefinition = RICH_MENU): string {
  const { width, height } = menu.size;
  // Sizes below suit a 833×843 tile (3 × 2 on 2500×1686); smaller tiles scale everything down.
  const scale = Math.min(1, ...menu.areas.map((a) => Math.min(a.bounds.width / 833, a.bounds.height / 843)));
  const px = (n: number) => `${Math.round(n * scale)}px`;
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
html,body{margin:0;padding:0;background:#C9D3CD}
body{width:${width}px;height:${height}px;position:relative;overflow:hidden;
  font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif}
.tile{position:absolute;box-sizing:border-box;border:3px solid #C9D3CD;background:#FFFFFF;
  display:flex;flex-direction:column;align-items:center;justify-content:center}
.tile.primary{background:#E6F8EC}
.disc{width:${px(250)};height:${px(250)};border-radius:50%;background:${GREEN};
  display:flex;align-items:center;justify-content:center;margin-bottom:${px(54)}}
.disc svg{width:${px(150)};height:${px(150)};fill:none;stroke:#FFFFFF;stroke-width:2.1;
  stroke-linecap:round;stroke-linejoin:round}
.label{font-size:${px(100)};font-weight:700;color:${INK};line-height:1.15;white-space:nowrap}
.sub{margin-top:${px(30)};font-size:${px(64)};font-weight:400;color:${SUB_INK};line-height:1.3;white-space:nowrap}
</style></head><body>
${menu.areas.map(tileHtml).join("\n")}
</body></html>`;
}

function requireTools(executablePath: string): void {
  if (!existsSync(executablePath)) {
    throw new Error(
      `chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  let fonts = "";
  try {
    fonts = execFileSync("fc-list", [":lang=ja", "family"], { encoding: "utf8" });
  } catch {
    // fc-list missing: let chromium try; the check below then says what to install.
  }
  if (fonts.trim() === "") throw new Error("no Japanese font installed: apt-get install -y fonts-noto-cjk");
}

/** Renders the menu; returns the file written, its format and byte size. */
export async function renderRichMenuImage(
  menu: RichMenuDefinition = RICH_MENU,
): Promise<{ path: string; type: "png" | "jpeg"; bytes: number }> {
  requireTools(chromiumPath());
  const browser = await launchBrowser();
  try {
    const { width, height } = menu.size;
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.setContent(richMenuHtml(menu), { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const clip = { x: 0, y: 0, width, height };
    mkdirSync(dirname(RICH_MENU_PNG), { recursive: true });
    const png = await page.screenshot({ type: "png", clip });
    if (png.byteLength <= MAX_BYTES) {
      writeFileSync(RICH_MENU_PNG, png);
      rmSync(RICH_MENU_JPEG, { force: true });
      return { path: RICH_MENU_PNG, type: "png", bytes: png.byteLength };
    }
    const jpeg = await page.screenshot({ type: "jpeg", quality: 85, clip });
    if (jpeg.byteLength > MAX_BYTES) throw new Error(`even the JPEG is ${jpeg.byteLength} bytes (> 1 MB)`);
    writeFileSync(RICH_MENU_JPEG, jpeg);
    rmSync(RICH_MENU_PNG, { force: true });
    return { path: RICH_MENU_JPEG, type: "jpeg", bytes: jpeg.byteLength };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  renderRichMenuImage().then(
    ({ path, type, bytes }) => {
      const { width, height } = RICH_MENU.size;
      console.log(`wrote ${path} (${type}, ${width}×${height}, ${(bytes / 1024).toFixed(0)} KB)`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
