// Key rotation on the Worker (D1): values sealed with the old key still open when it is listed in
// DATA_ENCRYPTION_OLD_KEYS, the cron's re-seal moves them to the new key, and a member whose state
// no key opens gets one answer per message with 200 (no redelivery loop) and one staff alert.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { faultContent } from "../../flows/faults.js";
import worker from "../../src/worker.js";
import { deliveriesTo, issueReplyToken, newUserId, postWebhook, textEvent, workerEnv } from "./helpers.js";
import { TEST_DATA_KEY } from "./line-credentials.js";

const OLD = btoa(String.fromCharCode(...new Uint8Array(32).fill(1)));
const NEW = btoa(String.fromCharCode(...new Uint8Array(32).fill(2)));

async function runCron(overrides: Record<string, string>): Promise<void> {
  const ctx = createExecutionContext();
  const controller = createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" });
  await worker.scheduled(controller, { ...workerEnv, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
}

async function say(userId: string, text: string, keys: Record<string, string>) {
  const res = await postWebhook(textEvent(userId, text, await issueReplyToken(userId)), undefined, keys);
  const deliveries = await deliveriesTo(userId, 2_000);
  const last = deliveries.at(-1)?.messages ?? [];
  return { status: res.status, texts: last.map((m) => String(m.text ?? m.altText ?? "")) };
}

const stateOf = async (userId: string) =>
  String(
    (await env.DB.prepare("select state from conversations where user_id = ?").bind(userId).first())?.state,
  );

describe("Worker key rotation", () => {
  it("goes on after a rotation and re-seals on the cron", async () => {
    const userId = newUserId();
    const old = { DATA_ENCRYPTION_KEY: OLD, DATA_ENCRYPTION_OLD_KEYS: "" };
    expect((await say(userId, "登録", old)).status).toBe(200);
    expect((await say(userId, "織田", old)).status).toBe(200);
    const sealedOld = await stateOf(userId);

    const rotated = { DATA_ENCRYPTION_KEY: NEW, DATA_ENCRYPTION_OLD_KEYS: OLD };
    const next = await say(userId, "信長", rotated);
    expect(next.status).toBe(200);
    expect(next.texts.join("\n")).not.toContain(faultContent.unreadable.member[0]);
    const prefixNew = (await stateOf(userId)).slice(0, 12);
    expect(prefixNew).not.toBe(sealedOld.slice(0, 12));

    // An inquiry sealed with the old key is moved by the cron's re-seal.
    await env.DB.prepare("update conversations set state = ? where user_id = ?")
      .bind(sealedOld, userId)
      .run();
    await runCron(rotated);
    expect((await stateOf(userId)).startsWith(prefixNew)).toBe(true);
    // And the member still has the family name typed under the old key.
    const after = await say(userId, "進み具合", { DATA_ENCRYPTION_KEY: NEW, DATA_ENCRYPTION_OLD_KEYS: "" });
    expect(after.status).toBe(200);
    expect(after.texts.join("\n")).not.toContain(faultContent.unreadable.member[0]);

    // Put the shared test database back under the suite's key for the other files.
    await runCron({ DATA_ENCRYPTION_KEY: TEST_DATA_KEY, DATA_ENCRYPTION_OLD_KEYS: `${NEW},${OLD}` });
  });

  it("answers a member whose state no key opens with 200 and one message, alerting staff once", async () => {
    const userId = newUserId();
    await say(userId, "登録", { DATA_ENCRYPTION_KEY: OLD });
    const lost = { DATA_ENCRYPTION_KEY: NEW, DATA_ENCRYPTION_OLD_KEYS: "" };
    for (const text of ["こんにちは", "まだですか"]) {
      const answer = await say(userId, text, lost);
      expect(answer.status).toBe(200);
      expect(answer.texts).toEqual(faultContent.unreadable.member);
    }
    const alerts = await env.DB.prepare(
      "select count(*) as n from inquiries where user_id = ? and status = 'open'",
    )
      .bind(userId)
      .first<{ n: number }>();
    expect(alerts?.n).toBe(1);
  });
});
