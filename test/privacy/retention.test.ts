// The retention job on a real libSQL file: stale conversations reset (sealed with the cipher, the
// version kept), processed events pruned after a week without breaking de-duplication of recent
// ones, old unanswered questions dropped; bounded work per run; and a member whose conversation was
// reset carries on normally with the running bot.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { retention } from "../../flows/retention.js";
import { INITIAL_STATE } from "../../src/engine/types.js";
import { openDatabase } from "../../src/node.js";
import type { Logger } from "../../src/ports.js";
import { runRetention } from "../../src/scheduler/retention.js";
import { aesGcmCipher, type FieldCipher } from "../../src/store/cipher.js";
import { isProcessed } from "../../src/store/conversation-store.js";
import type { Database } from "../../src/store/database.js";
import { memberRows, PERSON, walkForm } from "../faults/support.js";
import { newUserId, startTestBot, TestClock } from "../helpers/bot.js";

const DAY = 24 * 3_600_000;

let dir: string;
let database: { db: Database; close(): Promise<void> };
let db: Database;
let clock: TestClock;
let cipher: FieldCipher;
let logs: string[];
let logger: Logger;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "retention-"));
  database = await openDatabase(`file:${join(dir, "retention.db")}`);
  db = database.db;
  clock = new TestClock();
  cipher = await aesGcmCipher(randomBytes(32).toString("base64"));
  logs = [];
  logger = {
    info: (e, f) => logs.push(JSON.stringify({ e, ...f })),
    error: (e, f) => logs.push(JSON.stringify({ e, ...f })),
  };
});
afterEach(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const ago = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();
const deps = () => ({ db, clock, logger, cipher });

async function conversation(daysAgo: number, version = 3): Promise<string> {
  const userId = newUserId();
  const state = { flow: "registration", step: "phoneNumber", answers: { familyName: PERSON.familyName } };
  await db.insert(schema.conversations).values({
    userId,
    state: await cipher.seal(JSON.stringify(state)),
    version,
    updatedAt: ago(daysAgo),
  });
  return userId;
}

async function row(userId: string) {
  const [found] = await db.select().from(schema.conversations).where(eq(schema.conversations.userId, userId));
  return found!;
}

describe("runRetention", () => {
  it("resets conversations idle for 180 days through the cipher, keeps the version, leaves the rest", async () => {
    const stale = await conversation(181);
    const fresh = await conversation(179);
    const freshBefore = await row(fresh);
    const result = await runRetention(deps());
    expect(result.conversationsReset).toBe(1);
    const reset = await row(stale);
    expect(reset.state).toMatch(/^v2:/);
    expect(JSON.parse(await cipher.open(reset.state))).toEqual(INITIAL_STATE);
    expect(reset.version).toBe(3);
    expect(reset.updatedAt).toBe(clock.now().toISOString());
    expect(await row(fresh)).toEqual(freshBefore);
    expect(await runRetention(deps())).toEqual({
      conversationsReset: 0,
      processedEventsDeleted: 0,
      unansweredDeleted: 0,
      outcomeQuestionsCleared: 0,
    });
  });

  it("forgets processed events after 7 days; a redelivery of a recent one is still a duplicate", async () => {
    const userId = newUserId();
    const events = [
      { webhookEventId: "old-event", userId, userVersion: 1, processedAt: ago(8) },
      { webhookEventId: "recent-event", userId, userVersion: 2, processedAt: ago(6) },
    ];
    await db.insert(schema.processedEvents).values(events);
    expect((await runRetention(deps())).processedEventsDeleted).toBe(1);
    expect(await isProcessed(db, "old-event")).toBe(false);
    expect(await isProcessed(db, "recent-event")).toBe(true);
  });

  it("drops unanswered questions after the period in flows/retention.ts (90 days)", async () => {
    expect(retention.unansweredQuestionDays).toBe(90);
    await db.insert(schema.unansweredQuestions).values([
      { question: "古い質問", createdAt: ago(91) },
      { question: "新しい質問", createdAt: ago(30) },
    ]);
    expect((await runRetention(deps())).unansweredDeleted).toBe(1);
    const left = await db.select().from(schema.unansweredQuestions);
    expect(left.map((q) => q.question)).toEqual(["新しい質問"]);
  });

  it("honours custom periods and bounds the work of one run", async () => {
    for (let i = 0; i < 10; i++) await conversation(40);
    const options = { conversationDays: 30, batchSize: 3, maxBatches: 2 };
    expect((await runRetention(deps(), options)).conversationsReset).toBe(6);
    expect((await runRetention(deps(), options)).conversationsReset).toBe(4);
    expect((await runRetention(deps(), options)).conversationsReset).toBe(0);
  });

  it("refuses a period under one day, and logs counts only", async () => {
    await expect(runRetention(deps(), { processedEventDays: 0 })).rejects.toThrow(RangeError);
    await conversation(200);
    await runRetention(deps());
    expect(logs).toEqual([
      JSON.stringify({
        e: "retention.done",
        conversationsReset: 1,
        processedEventsDeleted: 0,
        unansweredDeleted: 0,
        outcomeQuestionsCleared: 0,
      }),
    ]);
  });
});

describe("with the running bot", () => {
  it("a member whose half-filled form was reset starts afresh, and events keep committing", async () => {
    const key = randomBytes(32).toString("base64");
    const bot = await startTestBot({ env: { DATA_ENCRYPTION_KEY: key } });
    try {
      const userId = newUserId();
      await walkForm(bot, userId, 0, 3);
      const before = await memberRows(bot.db, userId, bot.bot.cipher);
      expect(before.state?.answers.familyName).toBe(PERSON.familyName);
      bot.clock.advance(181 * DAY);
      const result = await runRetention({
        db: bot.db,
        clock: bot.clock,
        logger: bot.bot.logger,
        cipher: bot.bot.cipher,
      });
      expect(result.conversationsReset).toBe(1);
      expect((await memberRows(bot.db, userId, bot.bot.cipher)).state).toEqual(INITIAL_STATE);

      const again = await bot.say(userId, "登録");
      expect(JSON.stringify(again)).not.toContain(PERSON.familyName);
      await bot.say(userId, "明智");
      const after = await memberRows(bot.db, userId, bot.bot.cipher);
      expect(after.version).toBe(before.version! + 2);
      expect(after.state?.answers.familyName).toBe("明智");
    } finally {
      await bot.stop();
    }
  });
});
