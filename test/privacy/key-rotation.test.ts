// Changing DATA_ENCRYPTION_KEY: with the old key kept in DATA_ENCRYPTION_OLD_KEYS, members in the
// middle of the form go on where they were (no 500, nothing lost) and the scheduler's re-seal moves
// every value to the new key; a value no key opens is a permanent fault for that member: one clear
// answer per message (200, never a redelivery loop) and one alert for staff.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { faultContent } from "../../flows/faults.js";
import { runScheduledWork } from "../../src/scheduler/tick.js";
import { FORM_STEPS, PERSON, textEvent, walkForm, webhookBody } from "../faults/support.js";
import { newUserId, startTestBot, type TestBot, texts } from "../helpers/bot.js";

const [OLD, NEW, OTHER] = [0, 1, 2].map(() => randomBytes(32).toString("base64")) as [string, string, string];
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "helpdesk-rotation-"));
  dirs.push(dir);
  return dir;
}

/** Every sealed value in the database, with the key prefix each starts with. */
async function sealedValues(bot: TestBot): Promise<string[]> {
  const rows = await bot.db.all<{ v: string }>(sql`
    select state as v from conversations union all
    select registration from members where registration is not null union all
    select question from inquiries`);
  return rows.map((r) => r.v);
}

const tick = (bot: TestBot) => runScheduledWork({ ...bot.bot, cipher: bot.bot.cipher });

describe("key rotation", () => {
  it("keeps members mid-form going after a rotation, and re-seals every old value", async () => {
    const dir = freshDir();
    let bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: OLD } });
    const [midForm, registered] = [newUserId(), newUserId()];
    await walkForm(bot, midForm, 0, 4); // 登録, family name, given name, affiliation
    await walkForm(bot, registered);
    await bot.send({ userId: registered, postback: "a=reg.ok" });
    await bot.send({ userId: registered, postback: "a=inquiry.start" });
    await bot.say(registered, "申請画面が開けません");
    const oldPrefix = bot.bot.cipher.currentKeyPrefix!;
    expect((await sealedValues(bot)).every((v) => v.startsWith(oldPrefix))).toBe(true);
    await bot.stop();

    bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: NEW, DATA_ENCRYPTION_OLD_KEYS: OLD } });
    try {
      const newPrefix = bot.bot.cipher.currentKeyPrefix!;
      expect(newPrefix).not.toBe(oldPrefix);
      // The member mid-form answers the next field and the form goes on from there.
      const next = await bot.send({ userId: midForm, ...FORM_STEPS[4]! });
      expect(next.webhookStatus).toBe(200);
      await walkForm(bot, midForm, 5);
      const card = await bot.send({ userId: midForm, postback: "a=reg.ok" });
      expect(card.webhookStatus).toBe(200);
      const [row] = await bot.db.select().from(schema.members).where(eq(schema.members.userId, midForm));
      const answers = JSON.parse(await bot.bot.cipher.open(row!.registration!)) as Record<string, string>;
      expect(answers).toMatchObject({
        familyName: PERSON.familyName,
        givenName: PERSON.givenName,
        email: PERSON.email,
      });

      // Before the re-seal some values are still under the old key; after it, none.
      expect((await sealedValues(bot)).some((v) => v.startsWith(oldPrefix))).toBe(true);
      const counts = await tick(bot);
      expect(counts.resealed).toBeGreaterThan(0);
      expect(counts.unreadable).toBe(0);
      const after = await sealedValues(bot);
      expect(after.every((v) => v.startsWith(newPrefix))).toBe(true);
      // A second tick has nothing to do and says so with one read.
      expect((await tick(bot)).resealed).toBe(0);
    } finally {
      await bot.stop();
    }

    // Without the old key now, everyone still opens: nothing was left behind.
    bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: NEW } });
    try {
      const progress = await bot.say(registered, "進み具合");
      expect(texts(progress).join("\n")).not.toContain(faultContent.unreadable.member[0]);
      const [row] = await bot.db.select().from(schema.members).where(eq(schema.members.userId, registered));
      expect(JSON.parse(await bot.bot.cipher.open(row!.registration!))).toMatchObject({
        email: PERSON.email,
      });
    } finally {
      await bot.stop();
    }
  });

  it("answers a member whose state no key opens once per message, with 200, and alerts staff once", async () => {
    const dir = freshDir();
    let bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: OLD } });
    const userId = newUserId();
    await walkForm(bot, userId, 0, 3);
    await bot.stop();

    // The key was replaced and the old one lost.
    bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: OTHER } });
    try {
      const first = await bot.send({ userId, text: "続きをお願いします" });
      expect(first.webhookStatus).toBe(200);
      expect(texts(first.messages)).toEqual(faultContent.unreadable.member);

      // LINE redelivering the same event: processed once, no second answer.
      const event = textEvent(userId, "もう一度");
      const body = webhookBody([event]);
      expect((await bot.postWebhook(body)).status).toBe(200);
      await bot.background.idle();
      expect((await bot.postWebhook(body)).status).toBe(200);
      await bot.background.idle();
      const processed = await bot.db
        .select()
        .from(schema.processedEvents)
        .where(eq(schema.processedEvents.webhookEventId, event.webhookEventId));
      expect(processed).toHaveLength(1);

      const second = await bot.send({ userId, text: "まだですか" });
      expect(second.webhookStatus).toBe(200);
      expect(texts(second.messages)).toEqual(faultContent.unreadable.member);

      // Staff see one open inquiry for the member, in plain words, sealed with the current key.
      const open = await bot.db.select().from(schema.inquiries).where(eq(schema.inquiries.userId, userId));
      expect(open).toHaveLength(1);
      expect(await bot.bot.cipher.open(open[0]!.question)).toBe(faultContent.unreadable.staffAlert);
      expect(bot.logs.filter((l) => l.includes("event.unreadable_state")).length).toBe(3);
      expect(bot.logs.join("\n")).not.toContain("request.failed");

      // The re-seal leaves the unreadable value alone (it opens again if the key comes back).
      expect((await tick(bot)).unreadable).toBeGreaterThan(0);
    } finally {
      await bot.stop();
    }

    // The lost key is found and put back as an old key: the member goes on where they were.
    bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: OTHER, DATA_ENCRYPTION_OLD_KEYS: OLD } });
    try {
      const back = await bot.send({ userId, ...FORM_STEPS[3]! });
      expect(back.webhookStatus).toBe(200);
      expect(texts(back.messages).join("\n")).not.toContain(faultContent.unreadable.member[0]);
    } finally {
      await bot.stop();
    }
  });

  it("erases a blocking member even when their state no key opens", async () => {
    const dir = freshDir();
    let bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: OLD } });
    const userId = newUserId();
    await walkForm(bot, userId, 0, 3);
    await bot.stop();
    bot = await startTestBot({ dir, env: { DATA_ENCRYPTION_KEY: OTHER } });
    try {
      const res = await bot.send({ userId, event: "unfollow" });
      expect(res.webhookStatus).toBe(200);
      const [conversation] = await bot.db
        .select()
        .from(schema.conversations)
        .where(eq(schema.conversations.userId, userId));
      expect(await bot.bot.cipher.open(conversation!.state)).toContain('"flow":"idle"');
    } finally {
      await bot.stop();
    }
  });
});
