// The journey after the copy sheet, end to end: reporting 「登録ボタンを押した」, the progress card,
// and the reminders pushed by the real runner (src/scheduler/reminders.ts) through the SDK client
// to the emulator, with the test clock moved instead of waiting. Each reminder test has its own
// server so its 30-second scheduler timer never fires in the middle (the tests drive the runner).
import { rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { journeyCopy as J } from "../../flows/journey.js";
import { formatDateTime } from "../../src/engine/journey/steps.js";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { listReminders } from "../../src/store/reminders.js";
import { startTestBot, type TestBot, TestClock } from "../helpers/bot.js";
import { memberRow, pushesTo } from "../helpers/e2e-db.js";
import { completeRegistration } from "../helpers/e2e-form.js";
import { flexTexts, Member, quickActions, readable } from "../helpers/e2e-member.js";

const HOUR = 3_600_000;
const running: TestBot[] = [];

afterEach(async () => {
  for (const bot of running.splice(0)) {
    await bot.stop();
    rmSync(bot.dir, { recursive: true, force: true });
  }
});

async function freshBot(): Promise<{ bot: () => TestBot; restart(): Promise<void> }> {
  // 14:00 JST: every delay these tests use lands inside the push hours (quiet hours: push-hours.test.ts).
  let bot = await startTestBot({ clock: new TestClock(new Date("2026-11-25T05:00:00.000Z")) });
  running.push(bot);
  return {
    bot: () => bot,
    async restart() {
      running.splice(running.indexOf(bot), 1);
      bot = await bot.restart();
      running.push(bot);
    },
  };
}

const runReminders = (bot: TestBot) =>
  runDueReminders({ db: bot.db, messenger: bot.bot.messenger, clock: bot.clock, logger: bot.bot.logger });

const statuses = async (bot: TestBot, userId: string) =>
  Object.fromEntries((await listReminders(bot.db, [userId])).map((r) => [r.kind, r.status]));

/** A member who has the copy sheet and tapped 「登録ボタンを押した」. */
async function memberWithLinkSent(bot: () => TestBot): Promise<Member> {
  const m = new Member(bot);
  await completeRegistration(m);
  await m.tap(J.steps.linkSent.report);
  return m;
}

describe("reporting progress", () => {
  it("「登録ボタンを押した」 records linkSent with the link's deadline; 「進み具合」 shows the card", async () => {
    const { bot } = await freshBot();
    const sentAt = bot().clock.now();
    const m = await memberWithLinkSent(bot);
    const deadline = formatDateTime(new Date(sentAt.getTime() + 24 * HOUR));
    expect(m.read).toContain(J.steps.linkSent.done);
    expect(m.read).toContain(deadline);
    expect(m.quickLabels).toContain(J.steps.registered.report);
    expect((await memberRow(bot().db, m.userId))?.journey_step).toBe("linkSent");
    expect(await statuses(bot(), m.userId)).toEqual({ linkExpiring: "pending", linkExpired: "pending" });

    await m.say("進み具合");
    expect(m.last).toHaveLength(1);
    const card = m.last[0]!;
    expect(card.type).toBe("flex");
    expect(card.altText).toContain(J.steps.registered.title);
    const lines = flexTexts(card.contents);
    for (const step of Object.values(J.steps)) expect(lines).toContain(step.title);
    expect(lines).toContain(J.card.nextHeading);
    expect(lines).toContain(J.steps.registered.todo);
    expect(lines.join("\n")).toContain(deadline);
    expect(m.quickLabels).toContain(J.steps.registered.report);
  });

  it("a repeated report is recorded once", async () => {
    const { bot } = await freshBot();
    const m = await memberWithLinkSent(bot);
    await m.say("登録ボタンを押しました");
    expect(m.read).toContain("記録済み");
    expect(await listReminders(bot().db, [m.userId])).toHaveLength(2);
  });
});

describe("reminders", () => {
  it("pushes the link reminder exactly once, 20 hours after the report", async () => {
    const { bot } = await freshBot();
    const m = await memberWithLinkSent(bot);
    const bystander = new Member(bot);
    await completeRegistration(bystander);

    bot().clock.advance(19 * HOUR);
    await runReminders(bot());
    expect(await pushesTo(bot(), m.userId)).toHaveLength(0);

    bot().clock.advance(HOUR);
    await runReminders(bot());
    const pushes = await pushesTo(bot(), m.userId);
    expect(pushes).toHaveLength(1);
    expect(readable(pushes[0]!.messages)).toContain("リンクの有効期限は");
    expect(quickActions(pushes[0]!.messages).map((a) => a.label)).toContain(J.steps.registered.report);

    await runReminders(bot());
    bot().clock.advance(HOUR);
    await runReminders(bot());
    expect(await pushesTo(bot(), m.userId)).toHaveLength(1);
    expect(await pushesTo(bot(), bystander.userId)).toHaveLength(0);
  });

  it("reporting 登録完了 cancels the expiry reminder and schedules the application one", async () => {
    const { bot } = await freshBot();
    const m = await memberWithLinkSent(bot);
    bot().clock.advance(20 * HOUR);
    await runReminders(bot());
    expect(await pushesTo(bot(), m.userId)).toHaveLength(1);

    await m.say("登録完了しました");
    expect(m.read).toContain(J.steps.registered.done);
    expect((await memberRow(bot().db, m.userId))?.journey_step).toBe("registered");
    expect(await statuses(bot(), m.userId)).toEqual({
      linkExpiring: "sent",
      linkExpired: "cancelled",
      applyStart: "pending",
    });

    bot().clock.advance(5 * HOUR);
    await runReminders(bot());
    expect(await pushesTo(bot(), m.userId)).toHaveLength(1);

    bot().clock.advance(7 * 24 * HOUR);
    await runReminders(bot());
    const pushes = await pushesTo(bot(), m.userId);
    expect(pushes).toHaveLength(2);
    expect(readable(pushes[1]!.messages)).toContain(J.reminders.applyStart.messages[0]);
  });

  it("after 24 hours the expiry push comes; 「やり直す」 goes back a step and a new report re-arms the reminder", async () => {
    const { bot } = await freshBot();
    const m = await memberWithLinkSent(bot);
    bot().clock.advance(24 * HOUR);
    await runReminders(bot());
    const expired = J.reminders.linkExpired.messages[0]!;
    const pushes = await pushesTo(bot(), m.userId);
    expect(pushes.filter((p) => readable(p.messages).includes(expired))).toHaveLength(1);

    await m.say("進み具合");
    expect(m.quickLabels).toContain(J.buttons.redo);
    await m.tap(J.buttons.redo);
    expect((await memberRow(bot().db, m.userId))?.journey_step).toBe("registering");

    // Pressing 登録 on the portal again re-arms the reminders: the new push is not dropped as a retry.
    await m.tap(J.steps.linkSent.report);
    expect((await memberRow(bot().db, m.userId))?.journey_step).toBe("linkSent");
    const before = (await pushesTo(bot(), m.userId)).length;
    bot().clock.advance(20 * HOUR);
    await runReminders(bot());
    const again = (await pushesTo(bot(), m.userId)).slice(before);
    expect(again).toHaveLength(1);
    expect(readable(again[0]!.messages)).toContain("リンクの有効期限は");
  });

  it("a restart between scheduling and sending still sends it, once", async () => {
    const server = await freshBot();
    const m = await memberWithLinkSent(server.bot);
    await server.restart();
    server.bot().clock.advance(20 * HOUR);
    await runReminders(server.bot());
    await runReminders(server.bot());
    expect(await pushesTo(server.bot(), m.userId)).toHaveLength(1);
    expect((await statuses(server.bot(), m.userId)).linkExpiring).toBe("sent");
  });

  it("a member who blocked the account gets no reminder", async () => {
    const { bot } = await freshBot();
    const m = await memberWithLinkSent(bot);
    await m.send({ event: "unfollow" });
    bot().clock.advance(25 * HOUR);
    await runReminders(bot());
    expect(await pushesTo(bot(), m.userId)).toHaveLength(0);
  });
});

describe("a report that says when it happened", () => {
  const eventsOf = async (bot: TestBot, userId: string) =>
    bot.db.all<{ step: string; at: string }>(
      sql`select step, at from journey_events where user_id = ${userId} order by id`,
    );

  it("「11月10日ごろ登録完了しました」 is recorded on that day, says the 7-day wait is over, and schedules no reminder", async () => {
    const { bot } = await freshBot();
    const m = new Member(bot);
    await m.say("11月10日ごろ登録完了しました");
    expect(m.read).toContain(J.steps.registered.done);
    expect(m.read).toContain("11月10日のこととして記録しました");
    expect(m.read).toContain("目安（最大7日程度）は過ぎています");
    expect(m.read).not.toContain("ご案内をお送りします");
    expect(await eventsOf(bot(), m.userId)).toEqual([{ step: "registered", at: "2026-11-10T03:00:00.000Z" }]);
    expect(await listReminders(bot().db, [m.userId])).toEqual([]);
    await m.tap(J.buttons.progress);
    expect(flexTexts(m.last.at(-1)?.contents).join(" ")).toContain("11月10日");
  });

  it("「11月10日ごろ登録しました」 asks pressed or completed, and the button keeps the day", async () => {
    const { bot } = await freshBot();
    const m = new Member(bot);
    await m.say("11月10日ごろ登録しました");
    expect(m.read).toContain(J.replies.registeredWhich);
    expect(m.quickLabels.slice(0, 2)).toEqual([J.steps.registered.report, J.steps.linkSent.report]);
    await m.tap(J.steps.registered.report);
    expect(await eventsOf(bot(), m.userId)).toEqual([{ step: "registered", at: "2026-11-10T03:00:00.000Z" }]);
  });

  it("「きのう登録ボタンを押した」 said after 24 hours says the link has expired, and offers やり直す", async () => {
    const { bot } = await freshBot();
    const m = new Member(bot);
    await m.say("きのう登録ボタンを押した");
    expect(m.read).toContain("有効期限（11月25日 14:00）を過ぎています");
    expect(m.quickLabels).toContain(J.buttons.redo);
    expect(await listReminders(bot().db, [m.userId])).toEqual([]);
  });

  it("a registration 3 days ago schedules the 利用開始申請 reminder 4 days from now; a date ahead of today is today", async () => {
    const { bot } = await freshBot();
    const m = new Member(bot);
    await m.say("3日前に登録完了しました");
    const [reminder] = await listReminders(bot().db, [m.userId]);
    expect(reminder?.kind).toBe("applyStart");
    expect(new Date(reminder!.dueAt).getTime() - bot().clock.now().getTime()).toBe(4 * 24 * HOUR);

    const other = new Member(bot);
    await other.say("11月28日に登録完了しました");
    expect(other.read).not.toContain("のこととして記録しました");
    expect(await eventsOf(bot(), other.userId)).toEqual([
      { step: "registered", at: "2026-11-25T05:00:00.000Z" },
    ]);
  });

  it("「運用開始日を12月10日に登録しました」 takes 12月10日 as the day chosen, not the day it was done", async () => {
    const { bot } = await freshBot();
    const m = new Member(bot);
    await m.say("運用開始日を12月10日に登録しました");
    await m.tap(J.buttons.yesRecord);
    expect(m.read).not.toContain("のこととして記録しました");
    expect((await eventsOf(bot(), m.userId)).at(-1)).toEqual({
      step: "started",
      at: "2026-11-25T05:00:00.000Z",
    });
  });
});

describe("a deadline question from a member halfway", () => {
  it("「まだ間に合いますか？」 is answered, then told where they stand, the buttons on that last bubble; a newcomer is not", async () => {
    const { bot } = await freshBot();
    const m = new Member(bot);
    await m.say("登録完了しました");
    await m.say("まだ間に合いますか？");
    const standing = J.standing.next
      .replace("{done}", J.steps.registered.title)
      .replace("{title}", J.steps.applied.title);
    expect(m.last.at(-1)?.text).toBe(standing);
    expect(m.quickLabels).toContain(J.steps.applied.report);
    expect(m.last.at(-2)?.text).toMatch(/^出典：/);

    const newcomer = new Member(bot);
    await newcomer.say("まだ間に合いますか？");
    expect(newcomer.read).not.toContain("こちらの記録では");
  });
});
