import { request } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { DEV_CHANNEL_SECRET } from "../../src/config.js";
import { sign, verifySignature } from "../../src/webhook/signature.js";
import { newUserId, quickReplyLabels, startTestBot, type TestBot, texts } from "../helpers/bot.js";
import { textEvent as lineTextEvent } from "../helpers/webhook-events.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
});

/** A text event with a reply token the emulator issued, as LINE would send it. */
const textEvent = (userId: string, text: string) =>
  lineTextEvent(userId, text, bot.emulator!.issueReplyToken(userId));

describe("signature", () => {
  it("matches LINE's official test vector", async () => {
    const body = '{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}';
    expect(await sign(body, "8c570fa6dd201bb328f1c1eac23a96d8")).toBe(
      "GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=",
    );
    const raw = new TextEncoder().encode(body);
    expect(
      await verifySignature(
        raw,
        "GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=",
        "8c570fa6dd201bb328f1c1eac23a96d8",
      ),
    ).toBe(true);
    expect(
      await verifySignature(
        raw,
        "GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLt=",
        "8c570fa6dd201bb328f1c1eac23a96d8",
      ),
    ).toBe(false);
  });
});

describe("POST /webhook", () => {
  it("answers 200 to LINE's URL check with a valid signature", async () => {
    const res = await bot.postWebhook('{"destination":"Uxxx","events":[]}');
    expect(res.status).toBe(200);
  });

  it("rejects a missing signature with 401", async () => {
    const res = await bot.postWebhook('{"events":[]}', null);
    expect(res.status).toBe(401);
  });

  it("rejects a signature made with another secret with 401", async () => {
    const body = JSON.stringify({ events: [textEvent(newUserId(), "こんにちは")] });
    const res = await bot.postWebhook(body, await sign(body, "not-the-channel-secret"));
    expect(res.status).toBe(401);
  });

  it("rejects a body altered after signing with 401 and does nothing", async () => {
    const userId = newUserId();
    const body = JSON.stringify({ events: [textEvent(userId, "登録")] });
    const signature = await sign(body, DEV_CHANNEL_SECRET);
    const res = await bot.postWebhook(body.replace("登録", "削除"), signature);
    expect(res.status).toBe(401);
    const rows = await bot.db.select().from(schema.members).where(eq(schema.members.userId, userId));
    expect(rows).toHaveLength(0);
  });

  it("keeps emoji bytes intact: the signature is checked on the raw body", async () => {
    const userId = newUserId();
    const body = JSON.stringify({ events: [textEvent(userId, "こんにちは😀👨‍👩‍👧")] });
    const res = await bot.postWebhook(body);
    expect(res.status).toBe(200);
  });

  it("answers 400 to signed malformed JSON", async () => {
    const res = await bot.postWebhook('{"events": [');
    expect(res.status).toBe(400);
  });

  it("answers 400 to a signed body of the wrong shape", async () => {
    expect((await bot.postWebhook('{"events": "none"}')).status).toBe(400);
    expect((await bot.postWebhook("[1,2,3]")).status).toBe(400);
    expect((await bot.postWebhook('{"events":[{"type":"message"}]}')).status).toBe(400);
  });

  it("reads a chunked body (no Content-Length) and still checks its signature", async () => {
    const userId = newUserId();
    const body = JSON.stringify({ events: [textEvent(userId, "こんにちは")] });
    const signature = await sign(body, DEV_CHANNEL_SECRET);
    expect(await postChunked(bot.url, [body.slice(0, 40), body.slice(40)], signature)).toBe(200);
    const rows = await bot.db.select().from(schema.members).where(eq(schema.members.userId, userId));
    expect(rows).toHaveLength(1);
    expect(await postChunked(bot.url, [body.slice(0, 40), body.slice(40)], "forged")).toBe(401);
  });

  it("answers 413 to a chunked body that grows past 1 MB, without waiting for its end", async () => {
    const chunk = "x".repeat(64 * 1024);
    // 17 chunks of 64 KiB: just over the limit; the stream is never ended by the client.
    expect(await postChunked(bot.url, Array(17).fill(chunk), "any", { end: false })).toBe(413);
  });

  it("answers 413 to a declared Content-Length over 1 MB before reading the body", async () => {
    const res = await fetch(`${bot.url}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-line-signature": "any" },
      body: "x".repeat(1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
  });

  it("handles the same event delivered twice only once", async () => {
    const userId = newUserId();
    const event = textEvent(userId, "メニュー");
    const body = JSON.stringify({ events: [event] });
    const since = bot.emulator!.lastSeq();
    expect((await bot.postWebhook(body)).status).toBe(200);
    const redelivered = JSON.stringify({ events: [{ ...event, deliveryContext: { isRedelivery: true } }] });
    expect((await bot.postWebhook(redelivered)).status).toBe(200);
    await bot.background.idle();
    expect(bot.emulator!.deliveries({ userId, sinceSeq: since })).toHaveLength(1);
    const processed = await bot.db
      .select()
      .from(schema.processedEvents)
      .where(eq(schema.processedEvents.userId, userId));
    expect(processed).toHaveLength(1);
  });

  it("handles the same event delivered twice concurrently only once", async () => {
    const userId = newUserId();
    const body = JSON.stringify({ events: [textEvent(userId, "メニュー")] });
    const since = bot.emulator!.lastSeq();
    const statuses = await Promise.all([bot.postWebhook(body), bot.postWebhook(body), bot.postWebhook(body)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    await bot.background.idle();
    expect(bot.emulator!.deliveries({ userId, sinceSeq: since })).toHaveLength(1);
  });

  it("keeps one consistent state when two events of one member race", async () => {
    const userId = newUserId();
    await Promise.all([
      bot.postWebhook(JSON.stringify({ events: [textEvent(userId, "メニュー")] })),
      bot.postWebhook(JSON.stringify({ events: [textEvent(userId, "メニュー")] })),
    ]);
    await bot.background.idle();
    const [conversation] = await bot.db
      .select()
      .from(schema.conversations)
      .where(eq(schema.conversations.userId, userId));
    expect(conversation?.version).toBe(2);
  });
});

describe("member events", () => {
  it("welcomes a new follower with the menu as quick replies", async () => {
    const { messages } = await bot.send({ userId: newUserId(), event: "follow" });
    expect(texts(messages).join("\n")).toContain("友だち追加ありがとうございます");
    expect(quickReplyLabels(messages)).toEqual(
      expect.arrayContaining(["登録をはじめる", "進み具合", "よくある質問"]),
    );
  });

  it("answers a sticker with a polite request for text", async () => {
    const { messages } = await bot.send({ userId: newUserId(), sticker: true });
    expect(texts(messages)[0]).toMatch(/文字で送っていただけますか/);
  });

  it("erases an unfollowing member's row with their personal fields (nobody to send to any more)", async () => {
    const userId = newUserId();
    await bot.send({ userId, event: "follow" });
    await bot.db
      .update(schema.members)
      .set({ registration: 'plain:{"familyName":"埼玉"}' })
      .where(eq(schema.members.userId, userId));
    await bot.send({ userId, event: "unfollow" });
    expect(await bot.db.select().from(schema.members).where(eq(schema.members.userId, userId))).toEqual([]);
    // Coming back (unblocking) makes a fresh, active member row.
    await bot.send({ userId, event: "refollow" });
    const [member] = await bot.db.select().from(schema.members).where(eq(schema.members.userId, userId));
    expect(member?.status).toBe("active");
    expect(member?.registration).toBeNull();
  });

  it("welcomes back a member who unblocks the account and marks them active again", async () => {
    const userId = newUserId();
    await bot.send({ userId, event: "follow" });
    await bot.send({ userId, event: "unfollow" });
    const { messages } = await bot.send({ userId, event: "refollow" });
    expect(texts(messages)[0]).toContain("おかえりなさい");
    const [member] = await bot.db.select().from(schema.members).where(eq(schema.members.userId, userId));
    expect(member?.status).toBe("active");
    expect(member?.unfollowedAt).toBeNull();
  });
});

describe("replies as LINE shows them", () => {
  it("puts quick replies only on the last message of a reply (the roster look-up joins two steps)", async () => {
    const userId = newUserId();
    for (const text of ["登録", "埼玉", "太郎", "施術所（柔道整復）"]) await bot.say(userId, text);
    const messages = await bot.say(userId, "協1101234-5-6");
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.slice(0, -1).filter((m) => m.quickReply)).toEqual([]);
    expect(messages.at(-1)?.quickReply?.items.length).toBeGreaterThan(0);
  });
});

describe("requests typed in the middle of a form", () => {
  it("shows the menu for 「メニュー」 at the name prompt, with a way back to the form, storing nothing", async () => {
    const userId = newUserId();
    await bot.say(userId, "登録");
    const messages = await bot.say(userId, "メニュー");
    expect(quickReplyLabels(messages)).toEqual(
      expect.arrayContaining(["入力を続ける", "登録をはじめる", "進み具合"]),
    );
    const [conversation] = await bot.db
      .select()
      .from(schema.conversations)
      .where(eq(schema.conversations.userId, userId));
    expect(conversation?.state).not.toContain("メニュー");
    const back = await bot.send({ userId, postback: "a=flow.resume" });
    expect(texts(back.messages).at(-1)).toContain("姓");
  });

  it("takes 「登録」 typed mid-form as the request it is, not as a name: 続きから or 最初から", async () => {
    const userId = newUserId();
    await bot.say(userId, "登録");
    await bot.say(userId, "埼玉");
    const messages = await bot.say(userId, "登録");
    expect(texts(messages).at(-1)).toContain("続きから");
    expect(quickReplyLabels(messages)).toEqual(expect.arrayContaining(["続きから"]));
    const next = await bot.send({ userId, postback: "a=reg.resume" });
    // Back at the second field (名): 「登録」 was not stored as an answer.
    expect(texts(next.messages).at(-1)).toContain("名");
    const [conversation] = await bot.db
      .select()
      .from(schema.conversations)
      .where(eq(schema.conversations.userId, userId));
    expect(conversation?.state).not.toContain("登録");
  });

  it("gives the call centre's number for 「コールセンター」 mid-form, then asks the current question again", async () => {
    const userId = newUserId();
    await bot.say(userId, "登録");
    const messages = await bot.say(userId, "コールセンター");
    expect(texts(messages).join("\n")).toMatch(/\d{4}-\d{3}-\d{3}|0120/);
    expect(texts(messages).at(-1)).toContain("姓");
  });

  it("shows the progress card for 「進み具合」 mid-form and asks the current question again", async () => {
    const userId = newUserId();
    await bot.say(userId, "登録");
    await bot.say(userId, "埼玉");
    const messages = await bot.say(userId, "進み具合");
    expect(messages[0]?.type).toBe("flex");
    expect(texts(messages).at(-1)).toContain("名");
  });
});

/** POSTs a body as chunks with Transfer-Encoding: chunked; resolves with the status as soon as it arrives. */
function postChunked(
  base: string,
  chunks: string[],
  signature: string,
  options: { end?: boolean } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-line-signature": signature },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    // The server may close the connection on an early 413 while chunks are still being written.
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    if (options.end !== false) req.end();
  });
}
