// Emulator edges best driven by hand: raw bodies, headers, mounting, fault variants and volume.
import { messagingApi } from "@line/bot-sdk";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createLineEmulator, mountLineEmulator } from "../../src/line/emulator/index.js";
import { startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "edge-token";
const AUTH = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
const message = { type: "text", text: "hi" };

function post(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  body: string,
  headers: Record<string, string> = AUTH,
) {
  return app.request(path, { method: "POST", headers, body });
}

describe("line emulator › raw requests", () => {
  const { app } = createLineEmulator({ channelAccessToken: TOKEN });

  it("answers 400 to malformed JSON and 413 to a body over 2 MB", async () => {
    const bad = await post(app, "/v2/bot/message/push", "{not json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/could not be parsed as JSON/);
    const huge = JSON.stringify({
      to: "Ua",
      messages: [{ type: "text", text: "x".repeat(2 * 1024 * 1024) }],
    });
    expect((await post(app, "/v2/bot/message/push", huge)).status).toBe(413);
  });

  it("answers 401 without a bearer token and 404 on unknown endpoints, with a request id", async () => {
    const res = await post(app, "/v2/bot/message/push", "{}", { "content-type": "application/json" });
    expect(res.status).toBe(401);
    const unknown = await app.request("/v2/bot/nothing", { headers: AUTH });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-line-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a retry key on reply, and one that is not a UUID on push", async () => {
    const reply = JSON.stringify({ replyToken: "t", messages: [message] });
    expect(
      (await post(app, "/v2/bot/message/reply", reply, { ...AUTH, "x-line-retry-key": crypto.randomUUID() }))
        .status,
    ).toBe(400);
    const push = JSON.stringify({ to: "Ua", messages: [message] });
    expect(
      (await post(app, "/v2/bot/message/push", push, { ...AUTH, "x-line-retry-key": "abc" })).status,
    ).toBe(400);
  });

  it("checks quick reply action labels and types", async () => {
    const items = [
      { type: "action", action: { type: "message", label: "x".repeat(21), text: "a" } },
      { type: "action", action: { type: "clipboard", label: "copy", clipboardText: "y".repeat(1001) } },
      { type: "action", action: { type: "richmenuswitch", label: "sw", richMenuAliasId: "a", data: "d" } },
    ];
    const body = JSON.stringify({ to: "Ua", messages: [{ ...message, quickReply: { items } }] });
    const res = await post(app, "/v2/bot/message/push", body);
    const properties = (await res.json()).details.map((d: { property: string }) => d.property);
    expect(properties).toEqual([
      "messages[0].quickReply.items[0].action.label",
      "messages[0].quickReply.items[1].action.clipboardText",
      "messages[0].quickReply.items[2].action.type",
    ]);
  });

  it("rejects a carousel of 13 bubbles and a bubble over 30 KB", async () => {
    const bubble = {
      type: "bubble",
      body: { type: "box", layout: "vertical", contents: [{ type: "text", text: "t" }] },
    };
    const carousel = { type: "carousel", contents: Array(13).fill(bubble) };
    const fat = {
      type: "bubble",
      body: { ...bubble.body, contents: [{ type: "text", text: "x".repeat(4000) }] },
    };
    fat.body.contents = Array(8).fill(fat.body.contents[0]);
    for (const contents of [carousel, fat]) {
      const body = JSON.stringify({ to: "Ua", messages: [{ type: "flex", altText: "a", contents }] });
      expect((await post(app, "/v2/bot/message/push", body)).status).toBe(400);
    }
    const ok = JSON.stringify({ to: "Ua", messages: [{ type: "flex", altText: "a", contents: bubble }] });
    expect((await post(app, "/v2/bot/message/push", ok)).status).toBe(200);
  });
});

describe("line emulator › faults and volume", () => {
  it("processes an accepted fault, so the retry with the same key gets 409", async () => {
    const emulator = createLineEmulator({ channelAccessToken: TOKEN });
    emulator.failNext("/v2/bot/message/push", [{ status: 500, accepted: true }]);
    const body = JSON.stringify({ to: "Ua", messages: [message] });
    const headers = { ...AUTH, "x-line-retry-key": crypto.randomUUID() };
    expect((await post(emulator.app, "/v2/bot/message/push", body, headers)).status).toBe(500);
    const retry = await post(emulator.app, "/v2/bot/message/push", body, headers);
    expect(retry.status).toBe(409);
    expect(emulator.deliveries()).toHaveLength(1);
  });

  it("counts a 50,000-member multicast in 100 calls without keeping deliveries", async () => {
    const emulator = createLineEmulator({ channelAccessToken: TOKEN, record: "count" });
    for (let call = 0; call < 100; call++) {
      const to = Array.from({ length: 500 }, (_, i) => `U${call}-${i}`);
      const res = await post(
        emulator.app,
        "/v2/bot/message/multicast",
        JSON.stringify({ to, messages: [message] }),
      );
      expect(res.status).toBe(200);
    }
    expect(emulator.lastSeq()).toBe(50_000);
    expect(emulator.totalUsage()).toBe(50_000);
    expect(emulator.deliveries()).toEqual([]);
    expect(emulator.stats().requests).toEqual({ "/v2/bot/message/multicast": 100 });
  });
});

describe("line emulator › mounting", () => {
  it("is unreachable for the SDK when mounted under /line-emulator only (the SDK drops the path)", async () => {
    const server = await startEmulatorServer({ channelAccessToken: TOKEN, rootMount: false });
    try {
      const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: server.url });
      await expect(client.getMessageQuota()).rejects.toMatchObject({ status: 404 });
      const direct = await fetch(`${server.url}/v2/bot/message/quota`, { headers: AUTH });
      expect(await direct.json()).toEqual({ type: "limited", value: 5000 });
    } finally {
      await server.close();
    }
  });

  it("claims only /v2/bot/* when mounted at the root of a parent app", async () => {
    const parent = new Hono();
    parent.get("/health", (c) => c.json({ ok: true }));
    mountLineEmulator(parent, createLineEmulator({ channelAccessToken: TOKEN }));
    parent.notFound((c) => c.json({ message: "not found" }, 404));
    expect(await (await parent.request("/health")).json()).toEqual({ ok: true });
    expect(await (await parent.request("/elsewhere")).json()).toEqual({ message: "not found" });
    expect((await parent.request("/line-emulator/v2/bot/message/quota", { headers: AUTH })).status).toBe(200);
    expect((await parent.request("/v2/bot/message/quota", { headers: AUTH })).status).toBe(200);
  });
});
