import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import type { Audience } from "../../src/broadcast/audience.js";
import { runBroadcast } from "../../src/broadcast/fanout.js";
import { buildMessages } from "../../src/broadcast/messages.js";
import { runScheduledBroadcasts } from "../../src/broadcast/run.js";
import type { Messenger } from "../../src/ports.js";
import { acquireLease } from "../../src/store/broadcast-lease.js";
import { cancelBroadcast, createDraft, getBroadcast, scheduleBroadcast } from "../../src/store/broadcasts.js";
import { type Harness, type seedMember, startHarness, userId } from "../admin/harness.js";

async function seedMany(
  h: Harness,
  n: number,
  seed: Parameters<typeof seedMember>[1] = {},
): Promise<string[]> {
  const ids = Array.from({ length: n }, () => userId());
  for (let i = 0; i < ids.length; i += 200) {
    const now = h.clock.now().toISOString();
    await h.db.insert(schema.members).values(
      ids.slice(i, i + 200).map((id) => ({
        userId: id,
        status: seed.status ?? "active",
        journeyStep: seed.step ?? null,
        affiliation: seed.affiliation ?? null,
        createdAt: now,
      })),
    );
  }
  return ids;
}

async function newBroadcast(
  h: Harness,
  audience: Audience = { kind: "all" },
  text = "総合ポータルサイトの運用再開について",
): Promise<number> {
  const id = await createDraft(
    h.db,
    { messages: buildMessages({ text }), audience, createdBy: 1 },
    h.clock.now(),
  );
  await scheduleBroadcast(h.db, id, h.clock.now());
  return id;
}

function deliveriesPerMember(h: Harness): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of h.emulator.emulator.deliveries())
    if (d.via === "multicast") counts.set(d.userId, (counts.get(d.userId) ?? 0) + 1);
  return counts;
}

/** Crashes at the given chunk: after LINE accepted it ("after") or before sending it ("before"). */
function crashingMessenger(inner: Messenger, atCall: number, when: "before" | "after"): Messenger {
  let calls = 0;
  return {
    ...inner,
    async multicast(ids, messages, key) {
      calls += 1;
      if (calls === atCall && when === "before") throw new Error("process died");
      await inner.multicast(ids, messages, key);
      if (calls === atCall) throw new Error("process died");
    },
  };
}

describe("broadcast fan-out", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it("freezes recipients into chunks of 500 with one retry key each and sends them all once", async () => {
    const ids = await seedMany(h, 1_234);
    const id = await newBroadcast(h);
    expect(await runScheduledBroadcasts(h.deps)).toBe(1);
    const chunks = await h.db
      .select()
      .from(schema.broadcastChunks)
      .where(eq(schema.broadcastChunks.broadcastId, id));
    expect(chunks.map((c) => (JSON.parse(c.userIds) as string[]).length)).toEqual([500, 500, 234]);
    expect(new Set(chunks.map((c) => c.retryKey)).size).toBe(3);
    expect(chunks.every((c) => c.status === "sent")).toBe(true);
    const per = deliveriesPerMember(h);
    expect(per.size).toBe(ids.length);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    const b = await getBroadcast(h.db, id);
    expect(b).toMatchObject({ status: "sent", recipientCount: 1_234, sentCount: 1_234 });
  });

  for (const when of ["after", "before"] as const) {
    it(`resumes after a crash ${when} chunk 3 was sent: no member twice, none missed`, async () => {
      const ids = await seedMany(h, 2_100);
      const id = await newBroadcast(h);
      const crashing = { ...h.deps, messenger: crashingMessenger(h.messenger, 3, when) };
      expect(await runScheduledBroadcasts(crashing)).toBe(0);
      const mid = await h.db
        .select()
        .from(schema.broadcastChunks)
        .where(eq(schema.broadcastChunks.broadcastId, id));
      expect(mid.map((c) => c.status)).toEqual(["sent", "sent", "sending", "pending", "pending"]);
      expect((await getBroadcast(h.db, id))?.status).toBe("sending");

      expect(await runScheduledBroadcasts(h.deps)).toBe(1);
      const per = deliveriesPerMember(h);
      expect(per.size).toBe(ids.length);
      expect([...per.values()].filter((n) => n !== 1)).toEqual([]);
      const chunk3 = (await h.db.select().from(schema.broadcastChunks)).find((c) => c.seq === 2);
      expect(chunk3).toMatchObject({ status: "sent", attempts: 2 });
      expect((await getBroadcast(h.db, id))?.sentCount).toBe(2_100);
    });
  }

  it("waits for a dead runner's lease to expire, then resumes", async () => {
    await seedMany(h, 600);
    const id = await newBroadcast(h);
    expect(await acquireLease(h.db, id, "dead-runner", h.clock.now())).toBe(true);
    expect(await runBroadcast(h.deps, id)).toBe("busy");
    expect(h.emulator.emulator.deliveries()).toHaveLength(0);
    h.clock.advance(61_000);
    expect(await runBroadcast(h.deps, id)).toBe("finished");
    expect(deliveriesPerMember(h).size).toBe(600);
  });

  it("rides out a 429 (then 200) with the same retry key: the chunk is delivered once", async () => {
    const ids = await seedMany(h, 700);
    h.emulator.emulator.failNext("/v2/bot/message/multicast", [429]);
    const id = await newBroadcast(h);
    expect(await runScheduledBroadcasts(h.deps)).toBe(1);
    expect(h.emulator.emulator.stats().requests["/v2/bot/message/multicast"]).toBe(3);
    const per = deliveriesPerMember(h);
    expect(per.size).toBe(ids.length);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    expect((await getBroadcast(h.db, id))?.status).toBe("sent");
  });

  it("does not double-send when LINE accepted a chunk but the answer was lost (500 after accepting)", async () => {
    await seedMany(h, 300);
    h.emulator.emulator.failNext("/v2/bot/message/multicast", [{ status: 500, accepted: true }]);
    await newBroadcast(h);
    await runScheduledBroadcasts(h.deps);
    expect([...deliveriesPerMember(h).values()].every((n) => n === 1)).toBe(true);
    expect(deliveriesPerMember(h).size).toBe(300);
  });

  it("marks a chunk LINE refuses (400) as failed and goes on with the others", async () => {
    await seedMany(h, 1_100);
    h.emulator.emulator.failNext("/v2/bot/message/multicast", [400]);
    const id = await newBroadcast(h);
    expect(await runScheduledBroadcasts(h.deps)).toBe(1);
    const chunks = await h.db.select().from(schema.broadcastChunks);
    expect(chunks.map((c) => c.status)).toEqual(["failed", "sent", "sent"]);
    expect(chunks[0]?.lastError).toBe("HTTP 400");
    expect(await getBroadcast(h.db, id)).toMatchObject({ status: "sent", sentCount: 600 });
  });

  it("gives up the rest at once when LINE says the month's quota is spent", async () => {
    await seedMany(h, 1_600);
    const spent = { status: 429, body: { message: "You have reached your monthly limit." } };
    const id = await newBroadcast(h);
    const calls = { n: 0 };
    const spending: Messenger = {
      ...h.messenger,
      async multicast(ids, messages, key) {
        calls.n += 1;
        if (calls.n === 2)
          h.emulator.emulator.failNext("/v2/bot/message/multicast", [spent, spent, spent, spent]);
        await h.messenger.multicast(ids, messages, key);
      },
    };
    expect(await runBroadcast({ ...h.deps, messenger: spending }, id)).toBe("finished");
    const chunks = await h.db.select().from(schema.broadcastChunks);
    expect(chunks.map((c) => c.status)).toEqual(["sent", "failed", "failed", "failed"]);
    expect(chunks[1]?.lastError).toBe("HTTP 429 monthly limit");
    expect(calls.n).toBe(2);
    expect(await getBroadcast(h.db, id)).toMatchObject({ status: "sent", sentCount: 500 });
  });

  it("stops between chunks when staff cancel a sending broadcast", async () => {
    await seedMany(h, 1_500);
    const id = await newBroadcast(h);
    const cancelling: Messenger = {
      ...h.messenger,
      async multicast(ids, messages, key) {
        await h.messenger.multicast(ids, messages, key);
        await cancelBroadcast(h.db, id, h.clock.now());
      },
    };
    expect(await runBroadcast({ ...h.deps, messenger: cancelling }, id)).toBe("stopped");
    expect(deliveriesPerMember(h).size).toBe(500);
    expect((await getBroadcast(h.db, id))?.status).toBe("cancelled");
  });

  it("sends a scheduled broadcast only once its time has come", async () => {
    await seedMany(h, 10);
    const id = await createDraft(
      h.db,
      { messages: buildMessages({ text: "予約" }), audience: { kind: "all" }, createdBy: 1 },
      h.clock.now(),
    );
    await scheduleBroadcast(h.db, id, new Date(h.clock.now().getTime() + 3_600_000));
    expect(await runScheduledBroadcasts(h.deps)).toBe(0);
    h.clock.advance(3_600_000);
    expect(await runScheduledBroadcasts(h.deps)).toBe(1);
    expect(deliveriesPerMember(h).size).toBe(10);
  });

  it("reaches exactly the audience: a step, an affiliation, those not yet applied; never blocked members", async () => {
    const none = await seedMany(h, 3);
    const registered = await seedMany(h, 4, { step: "registered" });
    const applied = await seedMany(h, 5, { step: "applied", affiliation: "健診実施機関等" });
    await seedMany(h, 2, { step: "linkSent", status: "inactive" });
    const cases: Array<[Audience, string[]]> = [
      [{ kind: "journeyStep", step: "registered" }, registered],
      [{ kind: "affiliation", affiliation: "健診実施機関等" }, applied],
      [{ kind: "notReached", step: "applied" }, [...none, ...registered]],
      [{ kind: "journeyStep", step: "none" }, none],
    ];
    for (const [audience, expected] of cases) {
      h.emulator.emulator.reset();
      await newBroadcast(h, audience);
      await runScheduledBroadcasts(h.deps);
      expect([...deliveriesPerMember(h).keys()].sort()).toEqual([...expected].sort());
    }
  });

  it("finishes a broadcast with nobody in its audience", async () => {
    const id = await newBroadcast(h, { kind: "journeyStep", step: "appInstalled" });
    expect(await runScheduledBroadcasts(h.deps)).toBe(1);
    expect(await getBroadcast(h.db, id)).toMatchObject({ status: "sent", recipientCount: 0, sentCount: 0 });
  });
});
