// End to end through the running server: a member reports a step in the simulator, time moves, the
// runner pushes the reminder to that member, and a later report cancels the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { listReminders } from "../../src/store/reminders.js";
import { newUserId, startTestBot, type TestBot, TestClock, texts } from "../helpers/bot.js";

const HOUR = 3_600_000;

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ clock: new TestClock(new Date("2026-11-25T05:00:00.000Z")) });
});
afterAll(async () => {
  await bot?.stop();
});

const run = () =>
  runDueReminders({ db: bot.db, messenger: bot.bot.messenger, clock: bot.clock, logger: bot.bot.logger });

async function pushes(
  userId: string,
): Promise<Array<{ via: string; messages: Array<Record<string, unknown>> }>> {
  const res = await fetch(`${bot.url}/dev/simulator/messages?userId=${userId}&sinceSeq=0`);
  const body = (await res.json()) as {
    deliveries: Array<{ via: string; messages: Array<Record<string, unknown>> }>;
  };
  return body.deliveries.filter((d) => d.via === "push");
}

describe("journey reminders through the simulator", () => {
  it("reminds 20 hours after 「登録ボタンを押した」 and stops once 登録完了 is reported", async () => {
    const userId = newUserId();
    await bot.send({ userId, event: "follow" });
    const reported = await bot.say(userId, "登録ボタンを押した");
    expect(texts(reported).join("\n")).toContain("11月26日 14:00まで");

    bot.clock.advance(19 * HOUR);
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    bot.clock.advance(HOUR);
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    const [reminder] = await pushes(userId);
    expect(texts(reminder!.messages).join("\n")).toContain("有効期限は11月26日 14:00までです");

    const done = await bot.send({ userId, postback: "a=journey.report&step=registered" });
    expect(texts(done.messages).join("\n")).toContain("おめでとうございます");
    const rows = await listReminders(bot.db, [userId]);
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.status]))).toEqual({
      linkExpiring: "sent",
      linkExpired: "cancelled",
      applyStart: "pending",
    });

    bot.clock.advance(5 * HOUR);
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(await pushes(userId)).toHaveLength(1);

    const again = await bot.say(userId, "登録完了しました");
    expect(texts(again).join("\n")).toContain("記録済み");
    expect(await listReminders(bot.db, [userId])).toHaveLength(3);
  });

  it("pressed at 09:24 with the runner seen only hourly: the warning still comes before the link dies", async () => {
    // 09:24 Japan time (00:24 UTC) the next day: the warning's slot is 19:30 the same evening
    // (05:24 is night and 08:00 is less than 2 hours before expiry); an hourly run misses 19:30–20:00.
    const now = bot.clock.now();
    const next = new Date(now);
    next.setUTCHours(0, 24, 0, 0);
    if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
    bot.clock.advance(next.getTime() - now.getTime());
    const userId = newUserId();
    await bot.send({ userId, event: "follow" });
    await bot.say(userId, "登録ボタンを押した");
    const seen: string[] = [];
    for (let hour = 1; hour <= 23; hour++) {
      bot.clock.advance(HOUR);
      await run();
      seen.push(...(await pushes(userId)).slice(seen.length).map((p) => texts(p.messages).join("\n")));
    }
    expect(
      seen.some((t) => t.includes("有効期限は")),
      "warned before 09:24 the next day",
    ).toBe(true);
    expect(
      seen.some((t) => t.includes("切れました")),
      "not yet expired",
    ).toBe(false);
  });
});
