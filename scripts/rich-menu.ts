// Installs the rich menu on the LINE account (once after deploying, and again after editing
// flows/rich-menu.ts and running `npm run richmenu:image`):
//   npm run richmenu:setup
// Reads LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL (default https://api.line.me) and
// LINE_API_DATA_BASE_URL (default https://api-data.line.me, or LINE_API_BASE_URL when that points
// elsewhere, e.g. the local emulator) from the environment or .dev.vars. Safe to run again.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type RichMenuImageType, setupRichMenu } from "../src/line/rich-menu.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const IMAGES: Array<{ file: string; contentType: RichMenuImageType }> = [
  { file: "assets/rich-menu.png", contentType: "image/png" },
  { file: "assets/rich-menu.jpg", contentType: "image/jpeg" },
];

const HOW_TO_SET_TOKEN = `LINE_CHANNEL_ACCESS_TOKEN is not set.
Copy the long-lived channel access token from the LINE Developers console (your channel →
Messaging API → Channel access token) and either put it in .dev.vars:
  LINE_CHANNEL_ACCESS_TOKEN=...
or run:
  LINE_CHANNEL_ACCESS_TOKEN=... npm run richmenu:setup
To try it on the local emulator instead (while \`npm run dev\` runs without a token):
  LINE_CHANNEL_ACCESS_TOKEN=emulator-access-token LINE_API_BASE_URL=http://127.0.0.1:8787/line-emulator npm run richmenu:setup`;

/** The committed image: the PNG, or the JPEG the generator falls back to when the PNG is over 1 MB. */
export function loadRichMenuImage(root = ROOT): {
  path: string;
  image: Uint8Array;
  contentType: RichMenuImageType;
} {
  for (const { file, contentType } of IMAGES) {
    const path = resolve(root, file);
    if (existsSync(path)) return { path, image: readFileSync(path), contentType };
  }
  throw new Error("assets/rich-menu.png is missing: run `npm run richmenu:image` first");
}

async function main(): Promise<number> {
  if (existsSync(resolve(ROOT, ".dev.vars"))) process.loadEnvFile(resolve(ROOT, ".dev.vars"));
  const value = (name: string) => process.env[name]?.trim() || undefined;
  const channelAccessToken = value("LINE_CHANNEL_ACCESS_TOKEN");
  if (!channelAccessToken) {
    console.error(HOW_TO_SET_TOKEN);
    return 1;
  }
  const { path, image, contentType } = loadRichMenuImage();
  const baseURL = value("LINE_API_BASE_URL");
  const richMenuId = await setupRichMenu({
    channelAccessToken,
    baseURL,
    dataBaseURL: value("LINE_API_DATA_BASE_URL"),
    image,
    contentType,
  });
  console.log(`rich menu ${richMenuId} is now the default (${path}, ${image.byteLength} bytes)`);
  console.log(`API: ${baseURL ?? "https://api.line.me"}; older menus of the same name were deleted.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const detail = error && typeof error === "object" && "body" in error ? ` ${String(error.body)}` : "";
      console.error(
        `rich menu setup failed: ${error instanceof Error ? error.message : String(error)}${detail}`,
      );
      process.exitCode = 1;
    },
  );
}
