// The Worker answers LINE's webhook in workerd: signature check, D1 writes, the reply sent to the
// (Node-served) LINE emulator through ctx.waitUntil, and redeliveries processed once.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliveriesTo, issueReplyToken, newUserId, postWebhook, textEvent } from "./helpers.js";

async function rowsFor(userId: string) {
  const members = await env.DB.prepare("select user_id from members where user_id = ?").bind(userId).all();
  const processed = await env.DB.prepare("select webhook_event_id from processed_events where user_id = ?")
    .bind(userId)
    .all();
  return { members: members.results.length, processed: processed.results.map((r) => r.webhook_event_id) };
}

describe("Worker webhook", () => {
  it("answers a signed 「メニュー」 with 200, stores the member and the event, and replies", async () => {
    const userId = newUserId();
    const event = textEvent(userId, "メニュー", await issueReplyToken(userId));
    const res = await postWebhook(event);
    expect(res.status).toBe(200);
    expect(await rowsFor(userId)).toEqual({ members: 1, processed: [event.webhookEventId] });
    const deliveries = await deliveriesTo(userId, 2_000);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.via).toBe("reply");
    // The menu: a prompt with the choices as quick replies.
    const last = deliveries[0]?.messages.at(-1) as { quickReply?: { items: unknown[] } } | undefined;
    expect(last?.quickReply?.items.length).toBeGreaterThan(1);
  });

  it("rejects a bad or missing signature with 401 and stores nothing", async () => {
    const userId = newUserId();
    const event = textEvent(userId, "メニュー", await issueReplyToken(userId));
    expect((await postWebhook(event, "AAAA")).status).toBe(401);
    expect((await postWebhook(event, null)).status).toBe(401);
    expect(await rowsFor(userId)).toEqual({ members: 0, processed: [] });
    expect(await deliveriesTo(userId)).toEqual([]);
  });

  it("processes the same event once when LINE delivers it twice", async () => {
    const userId = newUserId();
    const event = textEvent(userId, "メニュー", await issueReplyToken(userId));
    expect((await postWebhook(event)).status).toBe(200);
    const redelivery = { ...event, deliveryContext: { isRedelivery: true } };
    expect((await postWebhook(redelivery)).status).toBe(200);
    expect((await rowsFor(userId)).processed).toEqual([event.webhookEventId]);
    expect(await deliveriesTo(userId, 300)).toHaveLength(1);
  });

  it("answers LINE's URL check (no events) with 200", async () => {
    expect((await postWebhook([])).status).toBe(200);
  });
});
