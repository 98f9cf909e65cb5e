// The process dying in the middle of a reminder run. A "crash" is a push that never returns (the
// run is abandoned where it stands, its rows left 'sending'), before or after LINE accepted it; the
// next process opens its own connection and runs again. Every member gets their reminder exactly
// once: none twice, none missed. (Broadcast fan-out crashes: test/broadcast/fanout.test.ts.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { createLineMessenger } from "../../src/line/messenger.js";
import { openDatabase } from "../../src/node.js";
import type { Logger, Messenger } from "../../src/ports.js";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { plainCipher } from "../../src/store/cipher.js";
import { type Database, runBatch } from "../../src/store/database.js";
import { effectStatements } from "../../src/store/effect-statements.js";
import { listReminders, STALE_CLAIM_MS } from "../../src/store/reminders.js";
import { newUserId, TestClock } from "../helpers/bot.js";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "crash-test-token";
const HOUR = 3_600_000;
const MEMBERS = 12;
const CRASH_AFTER = 5;
/** The runner's pushes in flight at once (src/scheduler/reminders.ts). */
const IN_FLIGHT = 4;

let emu: EmulatorServer;
let dir: string;
let opened: Array<{ db: Database; close(): Promise<void> }>;
let clock: TestClock;
const quiet: Logger = { info: () => {}, error: () => {} };

beforeAll(async () => {
  emu = await startEmulatorServer({ channelAccessToken: TOKEN });
});
afterAll(() => emu.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "crash-"));
  opened = [];
  clock = new TestClock();
});
afterEach(async () => {
  for (const database of opened) await database.close();
  emu.emulator.reset();
  rmSync(dir, { recursive: true, force: true });
});

/** A new "process": its own connection to the same database file. */
async function connect(): Promise<Database> {
  const database = await openDatabase(`file:${join(dir, "crash.db")}`);
  opened.push(database);
  return database.db;
}

const realMessenger = (): Messenger =>
  createLineMessenger(
    { channelAccessToken: TOKEN, baseURL: emu.url },
    { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
  );

/** Members whose link reminder is due now. */
async function dueMembers(db: Database): Promise<string[]> {
  const users = Array.from({ length: MEMBERS }, () => newUserId());
  const at = clock.now().toISOString();
  for (const userId of users) {
    await db.insert(schema.members).values({ userId, journeyStep: "linkSent", createdAt: at });
    const effects = [{ type: "scheduleReminder" as const, kind: "linkExpiring", dueAt: at }];
    await runBatch(db, await effectStatements(db, plainCipher, userId, effects, clock.now()));
  }
  clock.advance(HOUR);
  return users;
}

/** Pushes normally `after` times, then every push hangs forever: delivered first or not. */
function dyingMessenger(
  after: number,
  deliverBeforeDying: boolean,
): { messenger: Messenger; hung: () => number } {
  const real = realMessenger();
  let pushes = 0;
  let hung = 0;
  const never = new Promise<void>(() => {});
  const messenger: Messenger = {
    ...real,
    async push(userId, messages, retryKey) {
      pushes += 1;
      if (pushes <= after) return real.push(userId, messages, retryKey);
      if (deliverBeforeDying) await real.push(userId, messages, retryKey);
      hung += 1;
      return never;
    },
  };
  return { messenger, hung: () => hung };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

function expectEachOnce(users: string[]): void {
  for (const userId of users) {
    const pushes = emu.emulator.deliveries({ userId }).filter((d) => d.via === "push");
    expect(pushes, userId).toHaveLength(1);
  }
}

describe("a reminder run killed mid-way", () => {
  for (const deliverBeforeDying of [false, true]) {
    const when = deliverBeforeDying ? "after LINE accepted the push" : "before the push reached LINE";
    it(`resumes ${when}: no duplicate, no gap`, async () => {
      const first = await connect();
      const users = await dueMembers(first);
      const dying = dyingMessenger(CRASH_AFTER, deliverBeforeDying);
      void runDueReminders({ db: first, messenger: dying.messenger, clock, logger: quiet });
      await until(() => dying.hung() === IN_FLIGHT);
      const stuck = (await listReminders(first, users)).filter((r) => r.status === "sending");
      expect(stuck).toHaveLength(IN_FLIGHT);

      // The next process, at once: the unclaimed ones go out; fresh claims are left alone.
      const next = await connect();
      const deps = { db: next, messenger: realMessenger(), clock, logger: quiet };
      expect(await runDueReminders(deps)).toEqual({ sent: MEMBERS - CRASH_AFTER - IN_FLIGHT, failed: 0 });
      // Once the claims are stale they are redone with the same retry keys.
      clock.advance(STALE_CLAIM_MS + 60_000);
      expect(await runDueReminders(deps)).toEqual({ sent: IN_FLIGHT, failed: 0 });
      expect(await runDueReminders(deps)).toEqual({ sent: 0, failed: 0 });

      expectEachOnce(users);
      const rows = await listReminders(next, users);
      expect(rows.map((r) => r.status)).toEqual(Array(MEMBERS).fill("sent"));
    });
  }

  it("a connection lost after some pushes (errors, not a crash) leaves the rest for the next run", async () => {
    const db = await connect();
    const users = await dueMembers(db);
    const real = realMessenger();
    let pushes = 0;
    const flaky: Messenger = {
      ...real,
      push: (userId, messages, retryKey) =>
        ++pushes <= CRASH_AFTER
          ? real.push(userId, messages, retryKey)
          : Promise.reject(new TypeError("fetch failed")),
    };
    const firstRun = await runDueReminders({ db, messenger: flaky, clock, logger: quiet });
    expect(firstRun).toEqual({ sent: CRASH_AFTER, failed: MEMBERS - CRASH_AFTER });
    const second = await runDueReminders({ db, messenger: real, clock, logger: quiet });
    expect(second).toEqual({ sent: MEMBERS - CRASH_AFTER, failed: 0 });
    expectEachOnce(users);
  });
});
