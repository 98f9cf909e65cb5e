// A member's right to go: 「データ削除」 (confirmed) and blocking the account both erase every row
// tied to the member — form answers, affiliation, journey step and history, questions for staff,
// staff notes, reminders, their id in broadcast plans and the audit trail — except what
// de-duplication needs (processed events, the conversation's version with an empty state). A member
// who comes back starts from nothing. Checked over every table and column, and in the raw bytes.
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
  expect(found.member).toBeUndefined();
  expect(found.inquiries).toEqual([]);
  expect(found.notes).toEqual([]);
  expect(found.reminders).toEqual([]);
  expect(found.rows.state).toEqual(INITIAL_STATE);
  expect(found.rows.journey).toBe(0);
}

/** Every table and column of the database that still holds the member's id, as "table.column". */
async function tablesNaming(db: TestBot["db"], userId: string): Promise<string[]> {
  const tables = await db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const columns = await db.all<{ name: string }>(sql`select name from pragma_table_info(${name})`);
    for (const column of columns) {
      const [row] = await db.all<{ n: number }>(
        sql`select count(*) as n from ${sql.identifier(name)} where instr(cast(${sql.identifier(column.name)} as text), ${userId}) > 0`,
      );
      if (Number(row?.n) > 0) found.push(`${name}.${column.name}`);
    }
  }
  return found;
}

/** What a staff member does with a member before the erasure: reveal (audited), a note, a broadcast. */
async function staffTouches(userId: string): Promise<void> {
  const at = bot.clock.now().toISOString();
  await bot.db.insert(schema.auditLog).values({ staffId: 1, action: "member.reveal", target: userId, at });
  const sent = await bot.db
    .insert(schema.broadcasts)
    .values({ messages: "[]", audience: '{"kind":"all"}', status: "sent", recipientCount: 2, createdAt: at })
    .returning({ id: schema.broadcasts.id });
  const pending = await bot.db
    .insert(schema.broadcasts)
    .values({
      messages: "[]",
      audience: '{"kind":"all"}',
      status: "sending",
      recipientCount: 2,
      createdAt: at,
    })
    .returning({ id: schema.broadcasts.id });
  const other = "U0000000000000000000000000000other";
  await bot.db.insert(schema.broadcastChunks).values([
    {
      broadcastId: sent[0]!.id,
      seq: 0,
      userIds: JSON.stringify([userId, other]),
      retryKey: "k1",
      status: "sent",
    },
    { broadcastId: pending[0]!.id, seq: 0, userIds: JSON.stringify([other, userId]), retryKey: "k2" },
  ]);
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
    await staffTouches(userId);
    const done = await bot.send({ userId, postback: "a=erase.yes" });
    // The member is told what went and what stays.
    expect(texts(done.messages).join("\n")).toContain("削除しました");
    expect(texts(done.messages).join("\n")).toContain("進み具合の記録");
    expectErased(await personalRows(userId));
    expect(await tablesNaming(bot.db, userId)).toEqual(["conversations.user_id", "processed_events.user_id"]);
    // A broadcast still being sent leaves the member out; one already sent keeps its head count.
    const chunks = await bot.db.select().from(schema.broadcastChunks);
    const lengths = chunks.map((c) => (JSON.parse(c.userIds) as string[]).length).sort();
    expect(lengths.slice(-2)).toEqual([1, 2]);
    const audit = await bot.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, "member.reveal"));
    expect(audit.at(-1)?.target).toBe("erased-member");

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
    expect(await tablesNaming(bot.db, userId)).toEqual(["conversations.user_id", "processed_events.user_id"]);
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
      // The node's own checkpointer thread may hold the log at that moment (busy = 1 under load):
      // the truncating checkpoint is retried until it completes, as the property is about the file after it.
      for (let attempt = 0; attempt < 50; attempt++) {
        const [row] = await own.db.all<{ busy: number }>(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
        if (Number(row?.busy ?? 0) === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(foundIn(rawDatabaseBytes(own.dir), [...PERSONAL_VALUES, TYPED.inquiry])).toEqual([]);
    } finally {
      await own.stop();
    }
  });
});
