// The database failing in the middle of a webhook: the answer is a 5xx (so LINE redelivers), nothing
// of the event is half-written, and the redelivery after recovery is processed exactly once.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { newUserId } from "../helpers/bot.js";
import { commitOf, type Rig, startRig } from "./rig.js";
import {
  FORM_STEPS,
  memberRows,
  PERSON,
  postbackEvent,
  redelivered,
  textEvent,
  webhookBody,
} from "./support.js";

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const token = (userId: string) => rig.emu.emulator.issueReplyToken(userId);

/** Types the registration form up to the confirmation card, as signed webhooks. */
async function toConfirm(userId: string): Promise<void> {
  for (const step of FORM_STEPS) {
    const event =
      "text" in step
        ? textEvent(userId, step.text, token(userId))
        : postbackEvent(userId, step.postback, token(userId));
    expect((await rig.post(webhookBody([event]))).status).toBe(200);
  }
  await rig.background.idle();
  expect((await memberRows(rig.real(), userId)).state?.step).toBe("confirm");
}

async function registration(userId: string): Promise<string | null> {
  const [row] = await rig.real().select().from(schema.members).where(eq(schema.members.userId, userId));
  return row?.registration ?? null;
}

const repliesTo = (userId: string, sinceSeq: number) => rig.emu.emulator.deliveries({ userId, sinceSeq });

describe("database unavailable mid-request", () => {
  it("answers 500 when the commit fails, writes nothing, and processes the redelivery once", async () => {
    const userId = newUserId();
    await toConfirm(userId);
    const before = await memberRows(rig.real(), userId);
    const since = rig.emu.emulator.lastSeq();
    const ok = postbackEvent(userId, "a=reg.ok", token(userId));

    rig.beforeNextBatch(commitOf(userId), () => {
      throw Object.assign(new Error("SQLITE_IOERR: disk I/O error"), { code: "SQLITE_IOERR" });
    });
    const failed = await rig.post(webhookBody([ok]));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    await rig.background.idle();
    expect(await memberRows(rig.real(), userId)).toEqual(before);
    expect(await registration(userId)).toBeNull();
    expect(repliesTo(userId, since)).toHaveLength(0);

    expect((await rig.post(webhookBody([redelivered(ok)]))).status).toBe(200);
    expect((await rig.post(webhookBody([redelivered(ok)]))).status).toBe(200);
    await rig.background.idle();
    const after = await memberRows(rig.real(), userId);
    expect(after).toMatchObject({
      version: before.version! + 1,
      processed: before.processed + 1,
      journey: 1,
    });
    expect(after.state?.flow).toBe("idle");
    expect(await registration(userId)).toContain(PERSON.email);
    expect(repliesTo(userId, since)).toHaveLength(1);
  });

  it("answers 5xx while the libSQL client is closed (webhook and /health), then recovers", async () => {
    const userId = newUserId();
    await toConfirm(userId);
    const before = await memberRows(rig.real(), userId);
    const since = rig.emu.emulator.lastSeq();
    const ok = postbackEvent(userId, "a=reg.ok", token(userId));

    // The client goes away for real between the engine's step and the commit.
    rig.beforeNextBatch(commitOf(userId), () => rig.closeClient());
    expect((await rig.post(webhookBody([ok]))).status).toBeGreaterThanOrEqual(500);
    expect((await rig.app.request("/health")).status).toBeGreaterThanOrEqual(500);
    const later = textEvent(userId, "メニュー", token(userId));
    expect((await rig.post(webhookBody([later]))).status).toBeGreaterThanOrEqual(500);
    expect(rig.logs.join("\n")).not.toContain(PERSON.email);

    await rig.reopen();
    expect((await rig.app.request("/health")).status).toBe(200);
    expect(await memberRows(rig.real(), userId)).toEqual(before);
    expect(await registration(userId)).toBeNull();

    // LINE redelivers both, in order.
    expect((await rig.post(webhookBody([redelivered(ok), redelivered(later)]))).status).toBe(200);
    await rig.background.idle();
    const after = await memberRows(rig.real(), userId);
    expect(after).toMatchObject({
      version: before.version! + 2,
      processed: before.processed + 2,
      journey: 1,
    });
    expect(await registration(userId)).toContain(PERSON.email);
    expect(repliesTo(userId, since)).toHaveLength(2);
  });

  it("with two members in one webhook, a failure of one makes LINE redeliver both; each is answered once", async () => {
    const [a, b] = [newUserId(), newUserId()];
    const events = [textEvent(a, "メニュー", token(a)), textEvent(b, "メニュー", token(b))];
    const since = rig.emu.emulator.lastSeq();
    rig.beforeNextBatch(commitOf(b), () => {
      throw new Error("SQLITE_BUSY: database is locked");
    });
    expect((await rig.post(webhookBody(events))).status).toBeGreaterThanOrEqual(500);
    expect((await rig.post(webhookBody(events.map(redelivered)))).status).toBe(200);
    await rig.background.idle();
    for (const userId of [a, b]) {
      expect(repliesTo(userId, since)).toHaveLength(1);
      expect(await memberRows(rig.real(), userId)).toMatchObject({ version: 1, processed: 1 });
    }
  });
});
