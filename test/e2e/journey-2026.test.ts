// The journey to its real end, exemptions, dated answers and nudges, as a member lives them: through
// the simulator API (signed webhook, engine, libSQL file, real SDK client to the emulator), on
// 2026-12-01 in Japan, with the scheduler driven by hand.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journeyCopy as J } from "../../flows/journey.js";
import { listReminders } from "../../src/store/reminders.js";
import { runScheduled, startTestBot, type TestBot, TestClock } from "../helpers/bot.js";
import { memberRow, pushesTo, unseal } from "../helpers/e2e-db.js";
import { flexTexts, Member, quickActions, readable } from "../helpers/e2e-member.js";

const DAY = 24 * 3_600_000;
let bot: TestBot;
const work = () => runScheduled(bot);

beforeAll(async () => {
  bot = await startTestBot({ clock: new TestClock(new Date("2026-12-01T01:00:00.000Z")) }); // 10:00 JST
});
afterAll(async () => {
  await bot.stop();
});

describe("the steps after 利用開始申請", () => {
  it("walks 承認 → アカウント → 端末 → アプリ → 運用開始日, and only then says 導入完了", async () => {
    const m = new Member(() => bot);
    // A member new to this LINE who did the first steps elsewhere: asked before they are counted.
    await m.say("利用開始申請をしました");
    expect(m.read).toContain("「利用開始申請をする」まで終わったということでよろしいですか");
    await m.tap(J.buttons.yesRecord);
    expect(m.read).toContain("申請の承認を待つ");
    await m.tap("申請が承認された");
    expect(m.read).toContain("「各種申請」→「資格確認アカウント管理」");
    await m.tap("アカウントを作った");
    expect(m.read).toContain("Bluetooth");
    await m.tap("端末を登録した");
    expect(m.read).toContain("Microsoft Store");
    await m.tap("アプリを入れた");
    expect(m.read).toContain("運用開始日登録");
    expect(m.read).not.toContain("これで導入完了");
    expect((await memberRow(bot.db, m.userId))?.journey_step).toBe("appInstalled");
    expect((await listReminders(bot.db, [m.userId])).map((r) => [r.kind, r.status])).toContainEqual([
      "startDate",
      "pending",
    ]);

    await m.say("進み具合");
    expect(flexTexts(m.last[0]!.contents)).toContain(J.steps.started.todo);
    await m.tap("運用開始日を登録した");
    expect(m.read).toContain("これで導入完了です");
    expect((await memberRow(bot.db, m.userId))?.journey_step).toBe("started");
    expect((await listReminders(bot.db, [m.userId])).find((r) => r.kind === "startDate")?.status).toBe(
      "cancelled",
    );
    await m.say("進み具合");
    expect(flexTexts(m.last[0]!.contents)).toContain(J.card.allDone);
  });
});

describe("exemption (対象外（届出）)", () => {
  it("「わからない」 at the condition records nothing and offers a person", async () => {
    const m = new Member(() => bot);
    await m.say("対象外です");
    await m.tap("廃止・休止");
    expect(m.read).toContain("令和7年（2025年）12月2日までに");
    await m.tap(J.exemption.checkUnsure);
    expect(m.read).toContain(J.exemption.unsureReply);
    expect(m.quickLabels).toContain(J.buttons.askPerson);
    const [row] = await bot.db.all<{ exemption: string | null }>(
      sql`select exemption from members where user_id = ${m.userId}`,
    );
    expect(row?.exemption ?? null).toBeNull();
  });

  it("an own age in a question about being exempt is answered by the 70-year check, unasked", async () => {
    const m = new Member(() => bot);
    await m.say("おれ62だけど たいしょうがいにはならないよね");
    expect(m.read).toContain("59〜60歳ですので");
    expect(m.read).toContain(J.exemption.notApplicableReply);
    // Answered: a later 「はい」 is small talk, not an answer to the check.
    await m.say("はい");
    expect(m.read).not.toContain(J.exemption.notApplicableReply);
    const older = new Member(() => bot);
    await older.say("わたし７８歳ですがそれでもやらないといけませんか");
    expect(older.read).toContain("75〜76歳でした");
    expect(older.quickLabels).toEqual([J.exemption.checkYes, J.exemption.checkNo, J.exemption.checkUnsure]);
    await older.say("ひとりです");
    expect(older.read).toContain(J.exemption.recorded[0]!.split("{")[0]!.slice(0, 10));
  });

  it("「ひとりではなくて息子が…45歳で常勤」 after an age over 70 records nothing and says 導入が必要; a record disputed in words is withdrawn, staff told", async () => {
    const m = new Member(() => bot);
    const exemption = async () =>
      (
        await bot.db.all<{ exemption: string | null }>(
          sql`select exemption from members where user_id = ${m.userId}`,
        )
      )[0]?.exemption ?? null;
    await m.say("今年で74歳になりましたがこれは私のような年寄りでもやらないといけないものなんでしょうか");
    expect(m.read).toContain("71〜72歳でした");
    await m.say(
      "いえいえ私ひとりではなくて息子がいっしょにやっておりまして息子はまだ45歳で常勤で働いておりますのでそれだと駄目ということでしょうか",
    );
    expect(m.read).toContain(J.exemption.notApplicableReply);
    expect(await exemption()).toBeNull();
    // Recorded (「ひとりです」), then disputed in a long sentence: withdrawn, and staff are told.
    await m.say("今年で74歳になりましたがやらないといけないですか");
    await m.say("ひとりです");
    expect(await exemption()).toBe("age70");
    await m.say(
      "ちょっと待ってください私は対象外ではないと思うんですが息子が45歳なので登録しないといけないんじゃないですかね間違って記録されたなら直してほしいです",
    );
    expect(m.read).toContain(J.exemption.withdrawn);
    expect(await exemption()).toBeNull();
    const asked = await bot.db.all<{ question: string }>(
      sql`select question from inquiries where user_id = ${m.userId} order by id`,
    );
    expect(asked.map((r) => unseal(r.question))).toEqual([
      expect.stringContaining("【対象外の届出】"),
      expect.stringContaining("【対象外の取り消し】"),
    ]);
  });

  it("an answer under which 「登録をはじめる」 sits drops it once the member's form is done (導入完了)", async () => {
    const fresh = new Member(() => bot);
    await fresh.say("12月で受領委任がなくなるって本当ですか");
    expect(fresh.quickLabels).toContain("登録をはじめる");
    const done = new Member(() => bot);
    await done.say("運用開始日入れました");
    await done.tap("はい、そこまで終わった");
    await done.say("これで受領委任止められることはないですよね？");
    expect(done.read).toContain("受領委任の取扱いの中止");
    expect(done.quickLabels).not.toContain("登録をはじめる");
    expect(done.quickLabels).toContain("進み具合");
  });

  it("someone younger who may not be full-time (「土曜日だけ息子が手伝いに…45歳」) is asked about, never concluded", async () => {
    const m = new Member(() => bot);
    await m.say(
      "うちは私一人でやってますが土曜日だけ息子が手伝いに来てますその息子は45歳です私は76歳ですがやらないといけないんですか",
    );
    expect(m.read).toContain(J.exemption.age.partTime);
    expect(m.read).not.toContain(J.exemption.notApplicableReply);
    expect(m.quickLabels).toEqual([J.exemption.checkYes, J.exemption.checkNo, J.exemption.checkUnsure]);
  });

  it("「リンクは明日父と一緒に押します」 while the link is open is told when it expires", async () => {
    const m = new Member(() => bot);
    await m.say("登録ボタンを押した");
    await m.say("リンクは明日父と一緒に押します。よろしくお願いします");
    expect(m.read).toContain(J.replies.linkLater.split("{")[0]!);
    expect(m.read).toMatch(/\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}まで/u);
    expect(m.quickLabels).toContain("登録完了した");
  });

  it("「わしは今年80だ。それでもやらなきゃならんのか」 (an age after 今年, no 歳, dialect) gets the same check", async () => {
    const m = new Member(() => bot);
    await m.say("わしは今年80だ。それでもやらなきゃならんのか");
    expect(m.read).toContain("77〜78歳でした");
    expect(m.quickLabels).toEqual([J.exemption.checkYes, J.exemption.checkNo, J.exemption.checkUnsure]);
  });

  it("a birth date typed at the 70-year condition is worked out; 「いいえ」 there says 導入が必要; nothing recorded", async () => {
    const m = new Member(() => bot);
    await m.say("対象外です");
    await m.tap("70歳以上");
    await m.say("しょうわ29ねん8がつうまれです");
    expect(m.read).toContain("令和6年（2024年）4月の時点では69歳ですので");
    expect(m.read).toContain(J.exemption.notApplicableReply);
    await m.tap("対象外の方はこちら");
    await m.tap("70歳以上");
    await m.say("わたしは72さいです");
    expect(m.read, "72 today: 69 or 70 then, so asked again").toContain("69歳か70歳");
    expect(m.quickLabels).toEqual([J.exemption.checkYes, J.exemption.checkNo, J.exemption.checkUnsure]);
    await m.say("いいえ");
    expect(m.read).toContain(J.exemption.notApplicableReply);
    // The question was answered: a later 「いいえ」 is small talk again.
    await m.say("いいえ");
    expect(m.read).not.toContain(J.exemption.notApplicableReply);
    const [row] = await bot.db.all<{ exemption: string | null }>(
      sql`select exemption from members where user_id = ${m.userId}`,
    );
    expect(row?.exemption ?? null).toBeNull();
  });

  it("an age over 70 then 「ひとりです」 records it; the age alone only asks again", async () => {
    const m = new Member(() => bot);
    await m.say("対象外です");
    await m.tap("70歳以上");
    await m.say("昭和25年生まれです");
    expect(m.read).toContain("73〜74歳でした");
    expect(m.quickLabels).toEqual([J.exemption.checkYes, J.exemption.checkNo, J.exemption.checkUnsure]);
    await m.say("ひとりです");
    expect(m.read).toContain("「対象外（届出）」として記録しました");
  });

  it("explains what counts and that it must be reported through the association, records it, stops reminders", async () => {
    const m = new Member(() => bot);
    await m.say("アプリを入れました");
    await m.tap(J.buttons.yesRecord);
    await m.say("対象外です");
    expect(m.last).toHaveLength(3);
    expect(m.read).toContain("常勤の施術者が皆70歳以上");
    expect(m.read).toContain("令和7年12月2日までの廃止・休止");
    expect(m.read).toContain("届出が必要です");
    expect(m.read).toContain("本会を通じて");
    expect(m.quickLabels).toEqual([
      "70歳以上",
      "廃止・休止",
      "受領委任をやめる",
      "視覚障害（あはき）",
      "当てはまらない",
    ]);

    await m.tap("70歳以上");
    // The condition is asked first (as of April 2024, every full-time practitioner): nothing recorded yet.
    expect(m.read).toContain("令和6年（2024年）4月の時点で");
    expect(m.quickLabels).toEqual([J.exemption.checkYes, J.exemption.checkNo, J.exemption.checkUnsure]);
    const [before] = await bot.db.all<{ exemption: string | null }>(
      sql`select exemption from members where user_id = ${m.userId}`,
    );
    expect(before?.exemption ?? null).toBeNull();
    await m.tap(J.exemption.checkYes);
    expect(m.read).toContain("「対象外（届出）」として記録しました（常勤の施術者が皆70歳以上）");
    expect(m.read).toContain("担当者にお伝えしました");
    expect((await memberRow(bot.db, m.userId)) as unknown).toMatchObject({ journey_step: "appInstalled" });
    const [row] = await bot.db.all<{ exemption: string }>(
      sql`select exemption from members where user_id = ${m.userId}`,
    );
    expect(row?.exemption).toBe("age70");
    const inquiries = await bot.db.all<{ n: number }>(
      sql`select count(*) as n from inquiries where user_id = ${m.userId} and status = 'open'`,
    );
    expect(Number(inquiries[0]?.n)).toBe(1);
    expect((await listReminders(bot.db, [m.userId])).find((r) => r.kind === "startDate")?.status).toBe(
      "cancelled",
    );

    await m.say("進み具合");
    expect(m.last[0]!.altText).toBe("対象外（届出）：常勤の施術者が皆70歳以上");
    expect(flexTexts(m.last[0]!.contents)).toContain(J.card.exemptNote);

    // Days later nothing of the journey is pushed: no reminder, no nudge.
    bot.clock.advance(10 * DAY);
    await work();
    expect(await pushesTo(bot, m.userId)).toHaveLength(0);
    bot.clock.advance(-10 * DAY);

    await m.tap("対象外を取り消す");
    expect(m.read).toContain("取り消しました");
    expect(m.read).toContain("運用開始日を登録する");
  });

  it("「当てはまらない」 leads back to the journey", async () => {
    const m = new Member(() => bot);
    await m.say("対象外の届出をしたい");
    await m.tap("当てはまらない");
    expect(m.read).toContain("導入が必要です");
    expect(m.quickLabels[0]).toBe("機器を用意した");
  });
});

describe("dated answers", () => {
  it("says how 受領委任の取扱い中止 (2026年12月ごろ) relates to today, what to do now and whom to ask", async () => {
    const m = new Member(() => bot);
    await m.say("受領委任が止まるのはいつ");
    expect(m.read).toContain("令和8年12月ごろ（＝今月）");
    expect(m.read).toContain("令和8年（2026年）1月ごろ（＝11か月前）");
    expect(m.read).toContain("令和7年8月8日時点");
    expect(m.read).toContain("zenseikyo.net");
    // What to do now first: start the registration, see where one is, or report the exemption.
    expect(m.quickLabels.slice(0, 4)).toEqual([
      "登録をはじめる",
      "進み具合",
      "対象外の方はこちら",
      "担当者に聞く",
    ]);
    expect(m.read).toContain("令和8年12月は、中止の予定とされていた時期です");
    await m.tap("対象外の方はこちら");
    expect(m.read).toContain("届出が必要です");
  });

  it("answers about the end of the 保険証 (マイナ保険証 or 資格確認書 from 2026-04), dated and sourced", async () => {
    const m = new Member(() => bot);
    await m.say("保険証はもう使えないの");
    expect(m.read).toContain("令和8年4月（＝8か月前）");
    expect(m.read).toContain("令和7年11月12日");
  });
});

describe("nudges", () => {
  it("one gentle push after 3 days at ポータル, inside the push hours, never a second", async () => {
    const m = new Member(() => bot);
    await m.say("ポータルを開いた");
    expect((await memberRow(bot.db, m.userId))?.journey_step).toBe("portal");
    bot.clock.advance(3 * DAY - 3_600_000);
    await work();
    expect(await pushesTo(bot, m.userId)).toHaveLength(0);
    bot.clock.set("2026-12-04T12:00:00.000Z"); // 21:00 JST: due, but night
    await work();
    expect(await pushesTo(bot, m.userId)).toHaveLength(0);
    bot.clock.set("2026-12-04T23:05:00.000Z"); // 08:05 JST
    await work();
    const pushes = await pushesTo(bot, m.userId);
    expect(pushes).toHaveLength(1);
    expect(readable(pushes[0]!.messages)).toContain("次は「ユーザー登録を入力する」です。");
    expect(quickActions(pushes[0]!.messages).map((a) => a.label)).toContain("担当者に聞く");
    bot.clock.advance(10 * DAY);
    await work();
    expect(await pushesTo(bot, m.userId)).toHaveLength(1);
    bot.clock.set("2026-12-01T01:00:00.000Z");
  });
});
