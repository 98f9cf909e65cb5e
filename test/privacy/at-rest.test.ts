// Personal fields at rest with DATA_ENCRYPTION_KEY set: the sealed columns hold no plain text (read
// through SQL and as raw bytes of the database files), the real values are inside (so something was
// really encrypted), and a restarted bot decrypts and carries on mid-form.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { INITIAL_STATE } from "../../src/engine/types.js";
import { aesGcmCipher } from "../../src/store/cipher.js";
import { FORM_STEPS, PERSON, PERSONAL_VALUES, walkForm } from "../faults/support.js";
import { newUserId, startTestBot, type TestBot, texts } from "../helpers/bot.js";
import { foundIn, fullSession, rawDatabaseBytes, TYPED } from "./session.js";

const KEY = randomBytes(32).toString("base64");
const SEALED = /^v2:[A-Za-z0-9_-]{8}:[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/;

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ env: { DATA_ENCRYPTION_KEY: KEY } });
});
afterAll(async () => {
  await bot.stop();
});

async function sealedColumns(userId: string): Promise<string[]> {
  const [member] = await bot.db.select().from(schema.members).where(eq(schema.members.userId, userId));
  const [conversation] = await bot.db
    .select()
    .from(schema.conversations)
    .where(eq(schema.conversations.userId, userId));
  const inquiries = await bot.db.select().from(schema.inquiries).where(eq(schema.inquiries.userId, userId));
  return [member?.registration ?? "", conversation?.state ?? "", ...inquiries.map((i) => i.question)];
}

describe("with DATA_ENCRYPTION_KEY", () => {
  it("decrypts after a restart: a form half-filled before it is finished after it", async () => {
    const userId = newUserId();
    await walkForm(bot, userId, 0, 5);
    bot = await bot.restart();
    await walkForm(bot, userId, 5, FORM_STEPS.length - 1);
    const confirm = await bot.say(userId, PERSON.email);
    const card = JSON.stringify(confirm);
    expect(card).toContain(PERSON.familyName);
    expect(card).toContain(PERSON.registrationNumber);
    expect(texts((await bot.send({ userId, postback: "a=reg.ok" })).messages).join("\n")).toContain("シート");
  });

  it("keeps registration, conversation state and questions sealed, in SQL and in the raw file bytes", async () => {
    const userId = newUserId();
    await fullSession(bot, userId);
    const columns = await sealedColumns(userId);
    expect(columns).toHaveLength(3);
    for (const value of columns) expect(value).toMatch(SEALED);

    const cipher = await aesGcmCipher(KEY);
    const opened = (await Promise.all(columns.map((c) => cipher.open(c)))).join("\n");
    expect(opened).toContain(PERSON.email); // the real values are in there, sealed
    expect(opened).toContain(TYPED.inquiry);

    await bot.db.run(sql`PRAGMA wal_checkpoint(FULL)`);
    const bytes = rawDatabaseBytes(bot.dir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(foundIn(bytes, [...PERSONAL_VALUES, TYPED.inquiry, TYPED.password])).toEqual([]);
  });

  it("keeps an unanswerable question sealed, without the member's own name or a name they introduce", async () => {
    const userId = newUserId();
    await walkForm(bot, userId);
    await bot.send({ userId, postback: "a=reg.ok" });
    const question = `${PERSON.familyName}ですが、${PERSON.clinicName}の件で電話${PERSON.phoneNumber}にください`;
    await bot.say(userId, question);
    // A name the form never asked for, in the way people introduce themselves.
    await bot.say(userId, "鈴木花子です。院の駐車場の広さについて教えてください");
    // Once the conversation was reset (retention), the name comes from the stored registration.
    await bot.db.run(
      sql`update conversations set state = ${await (await aesGcmCipher(KEY)).seal(JSON.stringify(INITIAL_STATE))} where user_id = ${userId}`,
    );
    await bot.say(userId, `${PERSON.givenName}と駐車場の看板について相談したいです`);

    const rows = await bot.db.select().from(schema.unansweredQuestions);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.question).toMatch(SEALED);
    const cipher = await aesGcmCipher(KEY);
    const opened = (await Promise.all(rows.map((r) => cipher.open(r.question)))).join("\n");
    expect(foundIn(Buffer.from(opened), [...PERSONAL_VALUES, "鈴木", "花子"])).toEqual([]);
    expect(opened).toContain("駐車場の広さについて教えてください"); // the question itself stays

    // The staff's gap list keeps the same questions the same way: scrubbed, then sealed.
    const outcomes = (await bot.db.select().from(schema.questionOutcomes)).filter((r) => r.question !== null);
    expect(outcomes.length).toBeGreaterThanOrEqual(3);
    for (const row of outcomes) expect(row.question).toMatch(SEALED);
    const listed = (await Promise.all(outcomes.map((r) => cipher.open(r.question!)))).join("\n");
    expect(foundIn(Buffer.from(listed), [...PERSONAL_VALUES, "鈴木", "花子"])).toEqual([]);
    expect(listed).toContain("駐車場の広さについて教えてください");
  });
});
