// The Worker's cron handler in workerd: a due reminder stored in D1 is pushed once (with its retry
// key), and a scheduled broadcast is fanned out in chunks of ≤ 500 and marked sent, on D1.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/worker.js";
import { deliveriesTo, newUserId, workerEnv } from "./helpers.js";

const CRON = "*/5 * * * *";

async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: Date.now(), cron: CRON }),
    workerEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

function insertMember(userId: string, step: string | null, affiliation: string | null = null) {
  return env.DB.prepare(
    "insert into members (user_id, status, journey_step, affiliation, created_at) values (?, 'active', ?, ?, ?)",
  ).bind(userId, step, affiliation, new Date().toISOString());
}

async function insertDueReminder(userId: string): Promise<string> {
  const id = crypto.randomUUID();
  const due = new Date(Date.now() - 60_000).toISOString();
  await env.DB.batch([
    insertMember(userId, "registered"),
    env.DB.prepare(
      "insert into reminders (id, user_id, kind, due_at, status, retry_key, created_at) values (?, ?, 'applyStart', ?, 'pending', ?, ?)",
    ).bind(id, userId, due, crypto.randomUUID(), due),
  ]);
  return id;
}

describe("Worker scheduled handler", () => {
  // Pushes go out only inside the push hours (flows/push-hours.ts): run these at 12:00 JST, whatever
  // the wall clock says (the quiet hours themselves are tested in test/scheduler/push-hours.test.ts).
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T03:00:00.000Z"));
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("pushes a due reminder once, with its retry key, and marks it sent", async () => {
    const userId = newUserId();
    const id = await insertDueReminder(userId);

    await runCron();
    await runCron();

    const deliveries = await deliveriesTo(userId);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ via: "push" });
    const retryKey = (await env.DB.prepare("select retry_key from reminders where id = ?").bind(id).first())
      ?.retry_key;
    expect(deliveries[0]?.retryKey).toBe(retryKey);
    const row = await env.DB.prepare("select status, sent_at from reminders where id = ?").bind(id).first();
    expect(row?.status).toBe("sent");
    expect(row?.sent_at).toBeTruthy();
  });

  it("fans a scheduled broadcast out in chunks on D1 and marks it sent", async () => {
    const affiliation = `worker-test-${crypto.randomUUID()}`;
    const members = Array.from({ length: 600 }, () => newUserId());
    await env.DB.batch(members.map((userId) => insertMember(userId, null, affiliation)));
    const past = new Date(Date.now() - 60_000).toISOString();
    const inserted = await env.DB.prepare(
      "insert into broadcasts (messages, audience, status, scheduled_at, created_at) values (?, ?, 'scheduled', ?, ?) returning id",
    )
      .bind(
        JSON.stringify([{ type: "text", text: "お知らせです。" }]),
        JSON.stringify({ kind: "affiliation", affiliation }),
        past,
        past,
      )
      .first<{ id: number }>();

    await runCron();

    const broadcast = await env.DB.prepare(
      "select status, recipient_count, sent_count from broadcasts where id = ?",
    )
      .bind(inserted?.id)
      .first();
    expect(broadcast).toMatchObject({ status: "sent", recipient_count: 600, sent_count: 600 });
    const chunks = await env.DB.prepare(
      "select seq, status from broadcast_chunks where broadcast_id = ? order by seq",
    )
      .bind(inserted?.id)
      .all();
    expect(chunks.results).toEqual([
      { seq: 0, status: "sent" },
      { seq: 1, status: "sent" },
    ]);
    for (const userId of [members[0]!, members[599]!]) {
      expect((await deliveriesTo(userId)).map((d) => d.via)).toEqual(["multicast"]);
    }
  });

  it("runs a tick for a queue message and acks it (and acks messages it does not know)", async () => {
    const userId = newUserId();
    await insertDueReminder(userId);
    const batch = createMessageBatch("line-helpdesk-ticks", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { type: "tick" } },
      { id: "m2", timestamp: new Date(), attempts: 1, body: { type: "something-else" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, workerEnv);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2"]);
    expect(result.retryMessages).toEqual([]);
    expect((await deliveriesTo(userId)).map((d) => d.via)).toEqual(["push"]);
  });
});
