// The reminder runner on a real libSQL file and the real LINE client against the emulator over HTTP.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import type { Effect, JourneyStep } from "../../src/engine/types.js";
import { createLineMessenger } from "../../src/line/messenger.js";
import { openDatabase } from "../../src/node.js";
import type { Logger, Messenger } from "../../src/ports.js";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { startScheduledWorkTimer } from "../../src/scheduler/tick.js";
import { plainCipher } from "../../src/store/cipher.js";
import { type Database, runBatch } from "../../src/store/database.js";
import { effectStatements } from "../../src/store/effect-statements.js";
import { listReminders } from "../../src/store/reminders.js";
import { newUserId, TestClock } from "../helpers/bot.js";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "reminder-test-token";
const HOUR = 3_600_000;
const PUSH = "/v2/bot/message/push";

let dir: string;
let emu: EmulatorServer;
let messenger: Messenger;
let opened: Array<{ db: Database; close(): Promise<void> }> = [];
let db: Database;
let clock: TestClock;
let logs: string[];
let logger: Logger;

const open = async () => {
  const database = await openDatabase(`file:${join(dir, "reminders.db")}`);
  opened.push(database);
  return database;
};
const deps = (over: { db?: Database } = {}) => ({ db: over.db ?? db, messenger, clock, logger });
const pushesTo = (userId: string) => emu.emulator.deliveries({ userId }).filter((d) => d.via === "push");

async function member(step: JourneyStep | null = "linkSent", status: "active" | "inactive" = "active") {
  const userId = newUserId();
  await db
    .insert(schema.members)
    .values({ userId, status, journeyStep: step, createdAt: clock.now().toISOString() });
  return userId;
}

async function apply(userId: string, effects: Effect[], on: Database = db) {
  await runBatch(on, await effectStatements(on, plainCipher, userId, effects, clock.now()));
}

const schedule = (userId: string, kind: string, hours: number, on?: Database) =>
  apply(
    userId,
    [{ type: "scheduleReminder", kind, dueAt: new Date(clock.now().getTime() + hours * HOUR).toISOString() }],
    on,
  );

async function row(userId: string, kind = "linkExpiring") {
  return (await listReminders(db, [userId])).find((r) => r.kind === kind)!;
}

beforeAll(async () => {
  emu = await startEmulatorServer({ channelAccessToken: TOKEN });
  messenger = createLineMessenger(
    { channelAccessToken: TOKEN, baseURL: emu.url },
    { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
  );
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "reminders-test-"));
  // 14:00 JST, so the delays used here land inside the push hours (those are tested on their own).
  clock = new TestClock(new Date("2026-11-25T05:00:00.000Z"));
  logs = [];
  logger = {
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ level: "error", event, ...fields })),
  };
  db = (await open()).db;
});
afterEach(async () => {
  for (const database of opened) await database.close();
  opened = [];
  emu.emulator.reset();
  rmSync(dir, { recursive: true, force: true });
});

describe("runDueReminders", () => {
  it("pushes a due reminder once, with its retry key, even when run twice", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 20);
    clock.advance(20 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    expect(await runDueReminders(deps())).toEqual({ sent: 0, failed: 0 });
    const pushes = pushesTo(userId);
    expect(pushes).toHaveLength(1);
    const reminder = await row(userId);
    expect(pushes[0]!.retryKey).toBe(reminder.retryKey);
    expect(JSON.stringify(pushes[0]!.messages)).toContain("有効期限は11月26日 14:00までです");
    expect(reminder).toMatchObject({ status: "sent", sentAt: clock.now().toISOString() });
  });

  it("does not push a reminder before it is due", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 20);
    clock.advance(19 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 0, failed: 0 });
    expect(pushesTo(userId)).toHaveLength(0);
    expect((await row(userId)).status).toBe("pending");
  });

  it("sends only 「期限切れ」 when no run happened between the two link reminders", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 20);
    await schedule(userId, "linkExpired", 24);
    clock.advance(25 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    const pushes = pushesTo(userId);
    expect(pushes).toHaveLength(1);
    expect(JSON.stringify(pushes[0]!.messages)).toContain("有効期限が切れました");
    expect((await row(userId, "linkExpiring")).status).toBe("cancelled");
    expect((await row(userId, "linkExpired")).status).toBe("sent");
  });

  it("still sends 「まもなく切れます」 late, as long as the link has not expired", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 20);
    clock.advance(23 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    expect(JSON.stringify(pushesTo(userId)[0]!.messages)).toContain("有効期限は11月26日 14:00までです");
  });

  it("does not push a cancelled reminder", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 20);
    await apply(userId, [{ type: "cancelReminders", kinds: ["linkExpiring", "linkExpired"] }]);
    clock.advance(21 * HOUR);
    await runDueReminders(deps());
    expect(pushesTo(userId)).toHaveLength(0);
    expect((await row(userId)).status).toBe("cancelled");
  });

  it("cancels the reminders of a member who left, and ones whose step is already done", async () => {
    const gone = await member("linkSent", "inactive");
    const ahead = await member("registered");
    await schedule(gone, "linkExpiring", 1);
    await schedule(ahead, "linkExpiring", 1);
    clock.advance(2 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 0, failed: 0 });
    expect(pushesTo(gone).length + pushesTo(ahead).length).toBe(0);
    expect((await row(gone)).status).toBe("cancelled");
    expect((await row(ahead)).status).toBe("cancelled");
  });

  it("re-sends a reminder stuck in 'sending' by a crashed run with the same key; LINE delivers it once", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 20);
    clock.advance(20 * HOUR);
    const reminder = await row(userId);
    // The crashed run had claimed the row and its push had reached LINE.
    await db
      .update(schema.reminders)
      .set({ status: "sending", claimedAt: clock.now().toISOString() })
      .where(eq(schema.reminders.id, reminder.id));
    await messenger.push(userId, [{ type: "text", text: "first attempt" }], reminder.retryKey);
    clock.advance(5 * 60_000);
    expect(await runDueReminders(deps())).toEqual({ sent: 0, failed: 0 }); // claim still fresh
    clock.advance(6 * 60_000);
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    expect(emu.emulator.stats().requests[PUSH]).toBe(2); // pushed again, with the same key…
    expect(pushesTo(userId)).toHaveLength(1); // …which LINE answered 409: already accepted
    expect((await row(userId)).status).toBe("sent");
  });

  it("keeps every reminder across closing and reopening the database", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 20);
    await schedule(userId, "linkExpired", 24);
    for (const database of opened) await database.close();
    opened = [];
    db = (await open()).db;
    clock.advance(21 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    clock.advance(4 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    expect(pushesTo(userId)).toHaveLength(2);
  });

  it("sends each reminder once when two runners on two connections race", async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => member()));
    for (const userId of users) await schedule(userId, "linkExpiring", 1);
    clock.advance(HOUR);
    const other = (await open()).db;
    const results = await Promise.all([runDueReminders(deps()), runDueReminders(deps({ db: other }))]);
    expect(results[0]!.sent + results[1]!.sent).toBe(12);
    for (const userId of users) expect(pushesTo(userId)).toHaveLength(1);
  });

  it("marks a push LINE refuses as failed and logs no personal data", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 1);
    clock.advance(HOUR);
    emu.emulator.failNext(PUSH, [400]);
    expect(await runDueReminders(deps())).toEqual({ sent: 0, failed: 1 });
    expect((await row(userId)).status).toBe("failed");
    const line = logs.find((l) => l.includes("reminder.push_failed"))!;
    expect(line).toContain('"status":400');
    expect(logs.join("\n")).not.toContain(userId);
    expect(await runDueReminders(deps())).toEqual({ sent: 0, failed: 0 });
  });

  it("retries a transient failure on the next run, with the same key", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 1);
    clock.advance(HOUR);
    emu.emulator.failNext(PUSH, [503, 503, { status: 500, accepted: true }]);
    expect(await runDueReminders(deps())).toEqual({ sent: 0, failed: 1 });
    expect((await row(userId)).status).toBe("pending");
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    expect(pushesTo(userId)).toHaveLength(1);
  });

  it("re-arms a sent reminder with a fresh key when the step is reached again after 「やり直す」", async () => {
    const userId = await member();
    await schedule(userId, "linkExpired", 24);
    clock.advance(24 * HOUR);
    await runDueReminders(deps());
    const first = await row(userId, "linkExpired");
    await schedule(userId, "linkExpired", 24);
    const again = await row(userId, "linkExpired");
    expect(again.status).toBe("pending");
    expect(again.retryKey).not.toBe(first.retryKey);
    clock.advance(24 * HOUR);
    expect(await runDueReminders(deps())).toEqual({ sent: 1, failed: 0 });
    expect(pushesTo(userId)).toHaveLength(2);
  });
});

describe("startScheduledWorkTimer", () => {
  it("runs the reminders on its interval until stopped", async () => {
    const userId = await member();
    await schedule(userId, "linkExpiring", 1);
    clock.advance(HOUR);
    const stop = startScheduledWorkTimer(deps(), 10);
    const delivered = await emu.emulator.waitForDelivery(userId, 0, 2_000);
    stop();
    expect(delivered).toHaveLength(1);
    await schedule(userId, "linkExpired", 0); // due now, but the timer is stopped
    await new Promise((r) => setTimeout(r, 50));
    expect(pushesTo(userId)).toHaveLength(1);
    expect(logs.some((l) => l.includes('"event":"tick.done"'))).toBe(true);
  });
});
