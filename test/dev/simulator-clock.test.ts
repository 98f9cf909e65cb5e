// The simulator's clock over HTTP, as a developer or staff member uses it: report 「登録ボタンを押した」,
// press 「+1時間」 until the link reminder arrives, all without waiting; and the page carries the
// rich menu tiles of flows/rich-menu.ts and the clock buttons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RICH_MENU } from "../../flows/rich-menu.js";
import { newUserId, startTestBot, type TestBot, TestClock } from "../helpers/bot.js";
import { pushesTo } from "../helpers/e2e-db.js";
import { readable } from "../helpers/e2e-member.js";

const HOUR = 3_600_000;
let bot: TestBot;
const move = (body: unknown) =>
  fetch(`${bot.url}/dev/simulator/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  bot = await startTestBot({ clock: new TestClock(new Date("2026-12-01T05:00:00.000Z")) }); // 14:00 JST
});
afterAll(() => bot.stop());

describe("simulator clock", () => {
  it("「+1時間」 moves the bot's time and runs the reminders at once", async () => {
    const userId = newUserId();
    await bot.say(userId, "登録ボタンを押した");
    for (let i = 0; i < 19; i++) expect((await move({ advanceMs: HOUR })).status).toBe(200);
    expect(await pushesTo(bot, userId)).toHaveLength(0);
    const res = await move({ advanceMs: HOUR });
    const body = (await res.json()) as { now: string; offsetMs: number; work: Record<string, number> };
    expect(body.offsetMs).toBe(20 * HOUR);
    expect(body.now).toBe("2026-12-02T01:00:00.000Z");
    expect(body.work.remindersSent).toBe(1);
    const pushes = await pushesTo(bot, userId);
    expect(pushes).toHaveLength(1);
    expect(readable(pushes[0]!.messages)).toContain("有効期限は12月2日 14:00までです");
    // Replies use the moved time too: the card shows the deadline as still ahead.
    const card = await bot.say(userId, "進み具合");
    expect(JSON.stringify(card)).toContain("リンクの有効期限：12月2日 14:00まで");
    expect((await move({ reset: true })).status).toBe(200);
  });

  it("refuses a malformed or huge move with a clean 400", async () => {
    expect((await move({ advanceMs: -HOUR })).status).toBe(400);
    expect((await move({ advanceMs: 365 * 24 * HOUR })).status).toBe(400);
    expect((await move("soon")).status).toBe(400);
    const res = await fetch(`${bot.url}/dev/simulator/clock`);
    expect(await res.json()).toMatchObject({ offsetMs: 0 });
  });

  it("the page shows the clock buttons and the rich menu tiles with their postbacks", async () => {
    const html = await (await fetch(`${bot.url}/dev/simulator`)).text();
    expect(html).toContain('data-advance="3600000"');
    expect(html).toContain('data-advance="86400000"');
    for (const area of RICH_MENU.areas) {
      expect(html).toContain(`>${area.label}<small>`);
      expect(html).toContain(`data-postback="${area.action.data.replaceAll("&", "&#38;")}"`);
    }
  });
});
