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
});
