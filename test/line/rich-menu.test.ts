// The rich menu end to end: the definition within LINE's limits, the committed image matching it,
// setupRichMenu through the real SDK against the emulator, and every tile answered by the real bot.
import { readFileSync, statSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { menuContent } from "../../flows/menu.js";
import { RICH_MENU } from "../../flows/rich-menu.js";
import { parsePostback } from "../../src/engine/messages.js";
import { dataBaseUrlFor, richMenuRequest, setupRichMenu } from "../../src/line/rich-menu.js";
import { newUserId, quickReplyLabels, startTestBot, type TestBot, texts } from "../helpers/bot.js";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "rich-menu-test-token";
const PNG_PATH = new URL("../../assets/rich-menu.png", import.meta.url);

/** Width and height from a PNG's IHDR chunk (right after the 8-byte signature). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("rich menu › definition", () => {
  it("stays within LINE's limits", () => {
    const { size, areas, chatBarText } = RICH_MENU;
    expect(size.width).toBeGreaterThanOrEqual(800);
    expect(size.width).toBeLessThanOrEqual(2500);
    expect(size.height).toBeGreaterThanOrEqual(250);
    expect(size.width / size.height).toBeGreaterThanOrEqual(1.45);
    expect([...chatBarText].length).toBeLessThanOrEqual(14);
    expect(areas.length).toBeGreaterThanOrEqual(4);
    expect(areas.length).toBeLessThanOrEqual(20);
    for (const { bounds, action } of areas) {
      expect(bounds.x + bounds.width).toBeLessThanOrEqual(size.width);
      expect(bounds.y + bounds.height).toBeLessThanOrEqual(size.height);
      expect(action.data.length).toBeLessThanOrEqual(300);
    }
  });

  it("covers the whole image with its tiles and offers the six front-desk actions", () => {
    const covered = RICH_MENU.areas.reduce((sum, a) => sum + a.bounds.width * a.bounds.height, 0);
    expect(covered).toBe(RICH_MENU.size.width * RICH_MENU.size.height); // no overlap (zod) + full cover
    expect(RICH_MENU.areas.map((a) => parsePostback(a.action.data).action)).toEqual([
      "reg.start",
      "journey.progress",
      "elig.start",
      "faq.top",
      "inquiry.start",
      "callcentre",
    ]);
  });

  it("has a committed PNG of exactly the defined size, under 1 MB", () => {
    const bytes = readFileSync(PNG_PATH);
    expect(pngSize(bytes)).toEqual(RICH_MENU.size);
    expect(statSync(PNG_PATH).size).toBeLessThanOrEqual(1024 * 1024);
  });

  it("sends the upload to api-data.line.me for real LINE and to the same host otherwise", () => {
    expect(dataBaseUrlFor(undefined)).toBe("https://api-data.line.me");
    expect(dataBaseUrlFor("https://api.line.me")).toBe("https://api-data.line.me");
    expect(dataBaseUrlFor("http://127.0.0.1:8787/line-emulator")).toBe("http://127.0.0.1:8787/line-emulator");
  });
});

describe("rich menu › setupRichMenu against the LINE emulator", () => {
  let server: EmulatorServer;
  const image = readFileSync(PNG_PATH);
  const setup = () =>
    setupRichMenu({ channelAccessToken: TOKEN, baseURL: server.url, image, contentType: "image/png" });

  beforeAll(async () => {
    server = await startEmulatorServer({ channelAccessToken: TOKEN });
  });
  afterAll(() => server.close());
  beforeEach(() => server.emulator.reset());

  it("creates a valid menu, uploads the image and makes it the default", async () => {
    const richMenuId = await setup();
    const [record, ...others] = server.emulator.richMenus();
    expect(others).toEqual([]);
    expect(record).toMatchObject({
      richMenuId,
      menu: richMenuRequest(),
      image: { contentType: "image/png", bytes: image.byteLength },
    });
    expect(server.emulator.defaultRichMenuId()).toBe(richMenuId);
  });

  it("leaves exactly one menu, the newest, when run twice", async () => {
    const first = await setup();
    const second = await setup();
    expect(second).not.toBe(first);
    expect(server.emulator.richMenus().map((r) => r.richMenuId)).toEqual([second]);
    expect(server.emulator.defaultRichMenuId()).toBe(second);
  });

  it("removes the half-made menu and keeps the old default when the upload is refused", async () => {
    const kept = await setup();
    const tooBig = new Uint8Array(1024 * 1024 + 1);
    await expect(
      setupRichMenu({
        channelAccessToken: TOKEN,
        baseURL: server.url,
        image: tooBig,
        contentType: "image/png",
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(server.emulator.richMenus().map((r) => r.richMenuId)).toEqual([kept]);
    expect(server.emulator.defaultRichMenuId()).toBe(kept);
  });

  it("is refused with a wrong token", async () => {
    await expect(
      setupRichMenu({ channelAccessToken: "wrong", baseURL: server.url, image, contentType: "image/png" }),
    ).rejects.toMatchObject({ status: 401 });
    expect(server.emulator.richMenus()).toEqual([]);
  });
});

describe("rich menu › every tile answered by the real bot", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  /** What each tile must lead to, so a wiring slip (e.g. a renamed action) fails here. */
  type Messages = Parameters<typeof texts>[0];
  const EXPECT: Record<string, (messages: Messages) => void> = {
    "reg.start": (m) => {
      expect(texts(m).join("\n")).toMatch(/登録/);
      expect(quickReplyLabels(m)).toContain("やめる");
    },
    "journey.progress": (m) => expect(m.some((x) => x.type === "flex")).toBe(true),
    "elig.start": (m) => {
      expect(texts(m).join("\n")).toMatch(/資格確認限定型/);
      expect(quickReplyLabels(m)).toContain("やめる");
    },
    "faq.top": (m) => {
      expect(texts(m)).toContain(menuContent.faqPrompt);
      expect(quickReplyLabels(m)).toEqual(menuContent.faqExamples);
    },
    "inquiry.start": (m) => expect(texts(m)).toEqual([menuContent.inquiry.askPrompt]),
    callcentre: (m) => expect(texts(m).join("\n")).toMatch(/0800-080-4583/),
  };

  for (const area of RICH_MENU.areas) {
    const action = parsePostback(area.action.data).action;
    it(`answers 「${area.label}」 (${action}) sensibly`, async () => {
      const { messages, webhookStatus } = await bot.send({ userId: newUserId(), postback: area.action.data });
      expect(webhookStatus).toBe(200);
      expect(messages.length).toBeGreaterThan(0);
      expect(texts(messages).join("\n")).not.toContain(menuContent.unknownPostback);
      EXPECT[action]?.(messages);
      expect(EXPECT[action]).toBeDefined();
    });
  }
});
