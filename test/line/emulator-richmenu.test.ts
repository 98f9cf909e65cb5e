// Rich menus through the real SDK clients (MessagingApiClient and MessagingApiBlobClient).
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "richmenu-token";
const server: EmulatorServer = await startEmulatorServer({ channelAccessToken: TOKEN });
const { emulator } = server;
const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: server.url });
const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL: server.url });

afterAll(() => server.close());
beforeEach(() => emulator.reset());

const AREA: messagingApi.RichMenuArea = {
  bounds: { x: 0, y: 0, width: 1250, height: 843 },
  action: { type: "postback", data: "menu=register" },
};
const MENU: messagingApi.RichMenuRequest = {
  size: { width: 2500, height: 843 },
  selected: true,
  name: "main",
  chatBarText: "メニュー",
  areas: [
    AREA,
    { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, action: { type: "message", text: "ヘルプ" } },
  ],
};
const png = (bytes: number) => new Blob([new Uint8Array(bytes)], { type: "image/png" });

async function failure(call: Promise<unknown>): Promise<HTTPFetchError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HTTPFetchError);
  return error as HTTPFetchError;
}

describe("line emulator › rich menu", () => {
  it("creates, uploads, sets as default, lists and deletes a rich menu", async () => {
    const { richMenuId } = await client.createRichMenu(MENU);
    await blob.setRichMenuImage(richMenuId, png(2048));
    await client.setDefaultRichMenu(richMenuId);

    expect(await client.getDefaultRichMenuId()).toEqual({ richMenuId });
    expect((await client.getRichMenuList()).richmenus).toEqual([{ richMenuId, ...MENU }]);
    expect(emulator.richMenus()).toMatchObject([
      { richMenuId, image: { contentType: "image/png", bytes: 2048 } },
    ]);
    expect(emulator.defaultRichMenuId()).toBe(richMenuId);

    await client.deleteRichMenu(richMenuId);
    expect(emulator.richMenus()).toEqual([]);
    expect((await failure(client.getDefaultRichMenuId())).status).toBe(404);
  });

  it("rejects a chat bar text over 14 characters, 21 areas and a too-narrow size", async () => {
    const bad = {
      ...MENU,
      size: { width: 700, height: 843 },
      chatBarText: "あ".repeat(15),
      areas: Array(21).fill(AREA),
    };
    const error = await failure(client.createRichMenu(bad));
    expect(error.status).toBe(400);
    const properties = JSON.parse(error.body).details.map((d: { property: string }) => d.property);
    expect(properties).toEqual(expect.arrayContaining(["size.width", "chatBarText", "areas"]));
  });

  it("accepts a 2500x1686 menu and rejects an area outside it", async () => {
    const big = { ...MENU, size: { width: 2500, height: 1686 } };
    await client.createRichMenu(big);
    const outside = {
      ...big,
      areas: [{ ...AREA, bounds: { x: 2000, y: 0, width: 600, height: 100 } }],
    };
    expect((await failure(client.createRichMenu(outside))).status).toBe(400);
  });

  it("refuses images over 1 MB, of other types, or uploaded twice", async () => {
    const { richMenuId } = await client.createRichMenu(MENU);
    expect((await failure(blob.setRichMenuImage(richMenuId, png(1024 * 1024 + 1)))).status).toBe(400);
    const gif = new Blob([new Uint8Array(10)], { type: "image/gif" });
    expect((await failure(blob.setRichMenuImage(richMenuId, gif))).status).toBe(415);
    await blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(10)], { type: "image/jpeg" }));
    expect((await failure(blob.setRichMenuImage(richMenuId, png(10)))).status).toBe(400);
  });

  it("will not make a menu without an image the default, and 404s unknown menus", async () => {
    const { richMenuId } = await client.createRichMenu(MENU);
    expect((await failure(client.setDefaultRichMenu(richMenuId))).status).toBe(400);
    expect((await failure(client.setDefaultRichMenu("richmenu-missing"))).status).toBe(404);
    expect((await failure(client.deleteRichMenu("richmenu-missing"))).status).toBe(404);
    expect(emulator.stats().requests["/v2/bot/user/all/richmenu/{richMenuId}"]).toBe(2);
  });
});
