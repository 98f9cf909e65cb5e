// A member's own switch for the journey's pushes (a helper playing members found no way to stop them):
// 「通知がうるさいので止めたいです」 stops the reminders and nudges, a staff notice still arrives, and
// 「通知を再開」 brings them back. Through the simulator API, the libSQL file and the scheduled work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuContent as MENU } from "../../flows/menu.js";
import { runScheduled, startTestBot, type TestBot, TestClock } from "../helpers/bot.js";
import { memberRow, pushesTo } from "../helpers/e2e-db.js";
import { Member } from "../helpers/e2e-member.js";

const DAY = 24 * 3_600_000;
let bot: TestBot;
const work = () => runScheduled(bot);

beforeAll(async () => {
  bot = await startTestBot({ clock: new TestClock(new Date("2026-12-01T01:00:00.000Z")) }); // 10:00 JST
});
afterAll(async () => {
  await bot.stop();
});

describe("「通知を止めたい」", () => {
  it("stops the link reminder and the nudges; 「通知を再開」 turns them on for the next step", async () => {
    const quiet = new Member(() => bot);
    const other = new Member(() => bot);
    await quiet.say("通知がうるさいので止めたいです");
    expect(quiet.read).toContain(MENU.reminders.off);
    expect(quiet.quickLabels).toContain(MENU.reminders.onLabel);
    expect((await memberRow(bot.db, quiet.userId))?.reminders_off_at).not.toBeNull();
    await quiet.say("登録ボタンを押した");
    await other.say("登録ボタンを押した");
    bot.clock.set("2026-12-02T00:30:00.000Z"); // 09:30 JST the next day: the link reminders are due
    await work();
    bot.clock.advance(5 * DAY);
    await work();
    expect(await pushesTo(bot, other.userId)).not.toHaveLength(0);
    expect(await pushesTo(bot, quiet.userId)).toHaveLength(0);

    await quiet.say("通知を再開してください");
    expect(quiet.read).toContain(MENU.reminders.on);
    expect((await memberRow(bot.db, quiet.userId))?.reminders_off_at).toBeNull();
    // The next step's reminder (利用開始申請, some days after 登録完了) is pushed again.
    await quiet.say("登録完了した");
    bot.clock.advance(10 * DAY);
    bot.clock.set(new Date(Math.ceil(bot.clock.now().getTime() / DAY) * DAY).toISOString()); // 09:00 JST
    await work();
    expect(await pushesTo(bot, quiet.userId)).not.toHaveLength(0);
  });

  it("「通知書はいらないの？」 and 「受領委任を止められるってお知らせが来た」 are not the switch", async () => {
    const m = new Member(() => bot);
    await m.say("通知書はいらないの？");
    expect(m.read).not.toContain(MENU.reminders.off);
    await m.say("受領委任を止められるってお知らせが来た");
    expect(m.read).not.toContain(MENU.reminders.off);
    expect((await memberRow(bot.db, m.userId))?.reminders_off_at ?? null).toBeNull();
  });
});
