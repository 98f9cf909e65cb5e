// A member's right to go: 「データ削除」 (confirmed) and blocking the account both erase the form
// answers, the questions for staff, staff notes and pending pushes, and reset the conversation; a
// member who comes back starts from nothing. Checked in SQL and in the raw database bytes.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { INITIAL_STATE } from "../../src/engine/types.js";
import { memberRows, PERSON, PERSONAL_VALUES } from "../faults/support.js";
import { newUserId, quickReplyLabels, startTestBot, type TestBot, texts } from "../helpers/bot.js";
import { foundIn, fullSession, rawDatabaseBytes, TYPED } from "./session.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
});

async function personalRows(userId: string) {
  const [member] = await bot.db.select().from(schema.members).where(eq(schema.members.userId, userId));
  const inquiries = await bot.db.select().from(schema.inquiries).where(eq(schema.inquiries.userId, userId));
  const notes = await bot.db.select().from(schema.memberNotes).where(eq(schema.memberNotes.userId, userId));
  const reminders = await bot.db.select().from(schema.reminders).where(eq(schema.reminders.userId, userId));
  return { member, inquiries, notes, reminders, rows: await memberRows(bot.db, userId) };
}

async function withStaffNote(userId: string): Promise<void> {
  const at = bot.clock.now().toISOString();
  await bot.db
    .insert(schema.memberNotes)
    .values({ userId, staffId: 1, note: `plain:${PERSON.phoneNumber}に折り返し`, at });
}

function expectErased(found: Awaited<ReturnType<typeof personalRows>>): void {
  expect(found.member?.registration).toBeNull();
  expect(found.inquiries).toEqual([]);
  expect(found.notes).toEqual([]);
  expect(found.reminders.filter((r) => r.status === "pending")).toEqual([]);
  expect(found.rows.state).toEqual(INITIAL_STATE);
}

describe("erasure", () => {
  it("「データ削除」 asks first, then erases everything personal", async () => {
    const userId = newUserId();
    await fullSession(bot, userId);
    await withStaffNote(userId);
    const before = await personalRows(userId);
    expect(before.member?.registration).toContain(PERSON.email);
    expect(before.inquiries).toHaveLength(1);
    expect(before.reminders.some((r) => r.status === "pending")).toBe(true);

    const ask = await bot.say(userId, "データ削除");
    expect(quickReplyLabels(ask)).toEqual(["削除する", "やめておく"]);
    expect((await personalRows(userId)).member?.registration).toContain(PERSON.email); // not yet
    const done = await bot.send({ userId, postback: "a=erase.yes" });
    expect(texts(done.messages).join("\n")).toContain("削除しました");
    expectErased(await personalRows(userId));

    // Coming back: the form starts empty, nothing is offered from before.
    const again = await bot.say(userId, "登録");
    expect(JSON.stringify(again)).not.toContain(PERSON.familyName);
  });

  it("「やめておく」 keeps everything", async () => {
    const userId = newUserId();
    await fullSession(bot, userId);
    await bot.say(userId, "データ削除");
    await bot.send({ userId, postback: "a=erase.no" });
    expect((await personalRows(userId)).member?.registration).toContain(PERSON.email);
  });

  it("blocking the account (unfollow) erases and marks the member inactive", async () => {
    const userId = newUserId();
    await fullSession(bot, userId);
    await withStaffNote(userId);
    await bot.send({ userId, event: "unfollow" });
    const after = await personalRows(userId);
    expectErased(after);
    expect(after.member?.status).toBe("inactive");
    const back = await bot.send({ userId, event: "refollow" });
    expect(JSON.stringify(back.messages)).not.toContain(PERSON.familyName);
  });

  it("leaves no personal bytes in the database file once every member who gave them is erased", async () => {
    const own = await startTestBot(); // a database where only these two members ever wrote
    try {
      const [blocks, asks] = [newUserId(), newUserId()];
      await fullSession(own, blocks);
      await own.send({ userId: blocks, event: "unfollow" });
      await fullSession(own, asks);
      await own.say(asks, "データ削除");
      await own.send({ userId: asks, postback: "a=erase.yes" });
      await own.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
      expect(foundIn(rawDatabaseBytes(own.dir), [...PERSONAL_VALUES, TYPED.inquiry])).toEqual([]);
    } finally {
      await own.stop();
    }
  });
});
