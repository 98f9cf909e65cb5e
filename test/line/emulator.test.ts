// The emulator driven by the real @line/bot-sdk client over real HTTP, as the bot will use it.
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "test-channel-access-token";
const text = (t: string): messagingApi.Message => ({ type: "text", text: t });

let clock = 1_700_000_000_000;
const server: EmulatorServer = await startEmulatorServer({ channelAccessToken: TOKEN, now: () => clock });
const { emulator } = server;
const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: server.url });

afterAll(() => server.close());
beforeEach(() => emulator.reset());

async function failure(call: Promise<unknown>): Promise<HTTPFetchError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HTTPFetchError);
  return error as HTTPFetchError;
}

describe("line emulator › reply", () => {
  it("accepts a reply token once, then answers 400 Invalid reply token", async () => {
    const replyToken = emulator.issueReplyToken("Ualice");
    const result = await client.replyMessage({ replyToken, messages: [text("hello")] });
    expect(result.sentMessages).toHaveLength(1);
    expect(result.sentMessages[0]?.quoteToken).toBeTruthy();
    expect(emulator.deliveries()).toMatchObject([{ seq: 1, userId: "Ualice", via: "reply" }]);

    const second = await failure(client.replyMessage({ replyToken, messages: [text("again")] }));
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body)).toEqual({ message: "Invalid reply token" });
  });

  it("rejects a reply token older than the TTL", async () => {
    const replyToken = emulator.issueReplyToken("Ualice");
    clock += 60_001;
    const error = await failure(client.replyMessage({ replyToken, messages: [text("late")] }));
    expect(error.status).toBe(400);
    expect(emulator.deliveries()).toEqual([]);
  });
});

describe("line emulator › message checks", () => {
  const push = (messages: unknown[]) =>
    failure(client.pushMessage({ to: "Ualice", messages: messages as messagingApi.Message[] }));

  it("rejects six messages", async () => {
    const error = await push(Array.from({ length: 6 }, (_, i) => text(`m${i}`)));
    expect(error.status).toBe(400);
    expect(JSON.parse(error.body).details[0]).toMatchObject({ property: "messages" });
  });

  it("rejects a 5,001-character text and accepts 5,000", async () => {
    const error = await push([text("あ".repeat(5001))]);
    expect(error.status).toBe(400);
    expect(JSON.parse(error.body)).toMatchObject({
      message: "The request body has 1 error(s)",
      details: [{ property: "messages[0].text" }],
    });
    await client.pushMessage({ to: "Ualice", messages: [text("あ".repeat(5000))] });
  });

  it("rejects 14 quick reply items", async () => {
    const items = Array.from({ length: 14 }, (_, i) => ({
      type: "action",
      action: { type: "message", label: `l${i}`, text: `t${i}` },
    }));
    const error = await push([{ type: "text", text: "pick", quickReply: { items } }]);
    expect(error.status).toBe(400);
    expect(JSON.parse(error.body).details[0].property).toBe("messages[0].quickReply.items");
  });

  it("rejects bad flex: unknown component, box without layout, missing altText", async () => {
    const bubble = {
      type: "bubble",
      body: { type: "box", contents: [{ type: "marquee", text: "x" }] },
    };
    const error = await push([{ type: "flex", altText: "", contents: bubble }]);
    expect(error.status).toBe(400);
    const properties = JSON.parse(error.body).details.map((d: { property: string }) => d.property);
    expect(properties).toEqual([
      "messages[0].altText",
      "messages[0].contents.body.layout",
      "messages[0].contents.body.contents[0].type",
    ]);
  });

  it("answers 401 to a wrong channel access token", async () => {
    const wrong = new messagingApi.MessagingApiClient({ channelAccessToken: "nope", baseURL: server.url });
    const error = await failure(wrong.pushMessage({ to: "Ualice", messages: [text("x")] }));
    expect(error.status).toBe(401);
    expect(JSON.parse(error.body).message).toMatch(/^Authentication failed/);
  });
});

describe("line emulator › push and multicast", () => {
  it("answers 409 to a retry key seen before and records the push once", async () => {
    const key = crypto.randomUUID();
    const first = await client.pushMessageWithHttpInfo({ to: "Ualice", messages: [text("once")] }, key);
    const error = await failure(client.pushMessage({ to: "Ualice", messages: [text("once")] }, key));
    expect(error.status).toBe(409);
    expect(error.headers.get("x-line-accepted-request-id")).toBe(
      first.httpResponse.headers.get("x-line-request-id"),
    );
    expect(JSON.parse(error.body)).toEqual({
      message: "The retry key is already accepted",
      sentMessages: first.body.sentMessages,
    });
    expect(emulator.deliveries()).toMatchObject([{ userId: "Ualice", via: "push", retryKey: key }]);
  });

  it("rejects a multicast to 501 users", async () => {
    const to = Array.from({ length: 501 }, (_, i) => `U${i}`);
    const error = await failure(client.multicast({ to, messages: [text("x")] }));
    expect(error.status).toBe(400);
    expect(JSON.parse(error.body).details[0]).toMatchObject({ property: "to" });
  });

  it("answers injected faults in order, then behaves normally", async () => {
    emulator.failNext("/v2/bot/message/multicast", [429]);
    const error = await failure(client.multicast({ to: ["Ua", "Ub"], messages: [text("x")] }));
    expect(error.status).toBe(429);
    expect(JSON.parse(error.body)).toEqual({ message: "Too Many Requests" });
    expect(await client.multicast({ to: ["Ua", "Ub"], messages: [text("x")] })).toEqual({});
    expect(emulator.deliveries().map((d) => d.userId)).toEqual(["Ua", "Ub"]);
    expect(emulator.stats().requests["/v2/bot/message/multicast"]).toBe(2);
  });

  it("filters deliveries by user and by sequence", async () => {
    await client.multicast({ to: ["Ua", "Ub"], messages: [text("all")] });
    const mark = emulator.lastSeq();
    await client.pushMessage({ to: "Ub", messages: [text("just b")] });
    expect(emulator.deliveries({ userId: "Ua" }).map((d) => d.seq)).toEqual([1]);
    expect(emulator.deliveries({ userId: "Ub" }).map((d) => d.seq)).toEqual([2, 3]);
    expect(emulator.deliveries({ sinceSeq: mark })).toMatchObject([{ seq: 3, userId: "Ub", via: "push" }]);
    const [a, b] = emulator.deliveries({ sinceSeq: 0 });
    expect(a?.messages).toBe(b?.messages); // one array shared by the recipients of a request
  });

  it("waits for a delivery to a user", async () => {
    const waiting = emulator.waitForDelivery("Uc", emulator.lastSeq(), 5_000);
    await client.pushMessage({ to: "Uc", messages: [text("here")] });
    expect((await waiting).map((d) => d.messages)).toEqual([[text("here")]]);
    expect(await emulator.waitForDelivery("Unobody", 0, 10)).toEqual([]);
  });

  it("broadcasts to every user it has seen and counts the quota", async () => {
    emulator.issueReplyToken("Ua");
    emulator.setProfile("Ub", "Bob");
    await client.broadcast({ messages: [text("news")] });
    await client.pushMessage({ to: "Uc", messages: [text("x")] });
    expect(emulator.deliveries({ userId: "Ub" })).toMatchObject([{ via: "broadcast" }]);
    expect(await client.getMessageQuota()).toEqual({ type: "limited", value: 5000 });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 3 });
  });
});

describe("line emulator › loading and profile", () => {
  it("accepts 10 loading seconds with 202 and rejects 7", async () => {
    const ok = await client.showLoadingAnimationWithHttpInfo({ chatId: "Ua", loadingSeconds: 10 });
    expect(ok.httpResponse.status).toBe(202);
    const error = await failure(client.showLoadingAnimation({ chatId: "Ua", loadingSeconds: 7 }));
    expect(error.status).toBe(400);
    expect(emulator.loadings()).toMatchObject([{ chatId: "Ua", loadingSeconds: 10 }]);
  });

  it("answers a profile it knows and 404 for one it does not", async () => {
    emulator.setProfile("Ua", "Alice");
    expect(await client.getProfile("Ua")).toEqual({ userId: "Ua", displayName: "Alice", language: "ja" });
    expect((await failure(client.getProfile("Unknown"))).status).toBe(404);
  });
});
