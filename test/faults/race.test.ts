// Events of one member racing: many signed webhooks at once (LINE sends each event in its own
// request when it likes), and staff erasing the member while one of their events is in flight.
// The member's conversation must stay one consistent history: version = processed events, each
// event answered once, and an erasure never undone by a step computed on the state before it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { eraseMember } from "../../src/admin/members/actions.js";
import { plainCipher } from "../../src/store/cipher.js";
import { newUserId, startTestBot, type TestBot } from "../helpers/bot.js";
import { commitOf, startRig } from "./rig.js";
import {
  FORM_STEPS,
  memberRows,
  PERSON,
  postbackEvent,
  redelivered,
  textEvent,
  walkForm,
  webhookBody,
} from "./support.js";

const RACERS = 24;
const TEXTS = ["信長", "ヘルプ", "補助金はいくら？", "メニュー", "リンクの有効期限は？", "のぶなが"];

describe("concurrent webhooks for one member mid-registration", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("ends in one consistent state: version = processed events, every event answered once", async () => {
    const userId = newUserId();
    await walkForm(bot, userId, 0, 2); // 「登録」, family name: now asked for the given name
    const before = await memberRows(bot.db, userId);
    const since = bot.emulator!.lastSeq();
    const events = Array.from({ length: RACERS }, (_, i) =>
      textEvent(userId, TEXTS[i % TEXTS.length]!, bot.emulator!.issueReplyToken(userId)),
    );
    let pending = events;
    const statuses: number[] = [];
    // Like LINE: whatever was not answered 200 is redelivered (same event id), until it is.
    for (let round = 0; pending.length > 0 && round < 6; round++) {
      const results = await Promise.all(
        pending.map((e) => bot.postWebhook(webhookBody([round === 0 ? e : redelivered(e)]))),
      );
      statuses.push(...results.map((r) => r.status));
      pending = pending.filter((_, i) => results[i]!.status !== 200);
    }
    expect(pending).toHaveLength(0);
    expect(statuses.filter((s) => s !== 200 && s < 500)).toEqual([]);
    await bot.background.idle();

    const after = await memberRows(bot.db, userId);
    expect(after.processed).toBe(before.processed + RACERS);
    expect(after.version).toBe(after.processed);
    const versions = (
      await bot.db.select().from(schema.processedEvents).where(eq(schema.processedEvents.userId, userId))
    ).map((r) => r.userVersion);
    expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: after.processed }, (_, i) => i + 1));
    expect(after.state?.answers.familyName).toBe(PERSON.familyName);
    expect(["registration", "idle"]).toContain(after.state?.flow);
    const replies = bot.emulator!.deliveries({ userId, sinceSeq: since });
    expect(replies).toHaveLength(RACERS);
    expect(replies.every((d) => d.via === "reply")).toBe(true);
  });
});

describe("staff erasing a member while the member's event is in flight", () => {
  it("does not bring back the erased registration (the erasure must win or the event must retry)", async () => {
    const rig = await startRig();
    try {
      const userId = newUserId();
      const token = () => rig.emu.emulator.issueReplyToken(userId);
      for (const step of FORM_STEPS) {
        const event =
          "text" in step
            ? textEvent(userId, step.text, token())
            : postbackEvent(userId, step.postback, token());
        await rig.post(webhookBody([event]));
      }
      const deps = {
        db: rig.real(),
        cipher: plainCipher,
        messenger: rig.bot.messenger,
        clock: rig.bot.clock,
        logger: rig.bot.logger,
      };
      // The member taps 「この内容でOK」; staff erase them after the engine read the state, before the commit.
      expect((await memberRows(rig.real(), userId)).state?.step).toBe("confirm");
      let erased = 0;
      rig.beforeNextBatch(commitOf(userId), async () => {
        await eraseMember(deps, 1, userId);
        erased += 1;
      });
      expect((await rig.post(webhookBody([postbackEvent(userId, "a=reg.ok", token())]))).status).toBe(200);
      await rig.background.idle();
      expect(erased).toBe(1);

      const [member] = await rig
        .real()
        .select()
        .from(schema.members)
        .where(eq(schema.members.userId, userId));
      const rows = await memberRows(rig.real(), userId);
      expect(member?.registration ?? null, "registration re-saved after the erasure").toBeNull();
      expect(rows.state?.answers ?? {}).toEqual({});
    } finally {
      await rig.close();
    }
  });
});
