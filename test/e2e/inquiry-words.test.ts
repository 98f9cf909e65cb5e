// A question for a person in the member's own words, end to end through the simulator: the draft's
// buttons typed in their natural forms, a call-back wish that asks for the number, what is sent right
// after a question (a number, a time to call, 「追加で…」), and anger or a bow in small talk.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAQ_MESSAGES } from "../../flows/faq/messages.js";
import { menuContent as MENU } from "../../flows/menu.js";
import { understanding as U } from "../../flows/understanding.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { conversation, unseal } from "../helpers/e2e-db.js";
import { completeRegistration, expectAsked, SAMPLE } from "../helpers/e2e-form.js";
import { Member } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const I = MENU.inquiry;
const newMember = () => new Member(() => bot);
const SENT = I.created.split("{hours}")[0]!;
const NUMBER_ASKED = I.callBackNumber.split("\n")[0]!;
const ADDED = I.followUp.noted.split("{date}")[1]!;
const NOT_FOUND = FAQ_MESSAGES.notFoundNear.slice(0, 10);

async function inquiriesOf(userId: string) {
  const rows = await bot.db.all<{ question: string }>(
    sql`select question from inquiries where user_id = ${userId} order by id`,
  );
  return rows.map((r) => unseal(r.question));
}

/** 担当者に聞く, the question, and 送る. */
async function sent(m: Member, question = "アプリの設定画面が出てきません"): Promise<void> {
  await m.say("担当者に聞く");
  await m.say(question);
  await m.tap(I.sendLabel);
  expect(m.read).toContain(SENT);
}

describe("right after a question is sent, what adds to it is passed on", () => {
  it("「うちの電話は048-111-2222です午前中なら出られます」 after a call-back wish is added to it, not answered from the FAQ", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリが起動しません。電話でおしえてほしいです");
    await m.tap(I.sendAsIsLabel);
    expect(m.read).toContain(I.callBackNoted);
    await m.say("うちの電話は048-111-2222です午前中なら出られます");
    expect(m.read).toContain(ADDED);
    expect(m.read).not.toContain(NOT_FOUND);
    const filed = await inquiriesOf(m.userId);
    expect(filed).toHaveLength(2);
    expect(filed[0]).toBe("アプリが起動しません。電話でおしえてほしいです");
    // Staff read which question it adds to (the question itself is sealed: it is filed as its own row).
    expect(filed[1]).toContain(I.followUp.lead.split("{date}")[1]!);
    expect(filed[1]).toContain("うちの電話は048-111-2222です午前中なら出られます");
  });

  it.each([
    "追加で、パソコンはWindows11です",
    "それと、カードリーダーはまだ届いていません",
    "午前中なら出られます",
    "平日の午後2時以降なら大丈夫です",
    "０９０－１２３４－５６７８",
  ])("「%s」 right after sending is added to the question", async (typed) => {
    const m = newMember();
    await sent(m);
    await m.say(typed);
    expect(m.read).toContain(ADDED);
    expect(await inquiriesOf(m.userId)).toEqual([
      "アプリの設定画面が出てきません",
      expect.stringContaining(typed),
    ]);
    // The desk stays open for one more.
    await m.say("携帯は090-1111-2222です");
    expect(await inquiriesOf(m.userId)).toHaveLength(3);
  });

  it("anything else after sending goes on as before: 「まだ？」, a question, small talk; and later a number is not an addition", async () => {
    const m = newMember();
    await sent(m);
    await m.say("まだ？");
    expect(m.read).toContain("担当者へお送りしています");
    await m.say("補助金ってまだ申し込めるんですか？");
    expect(m.read).not.toContain(ADDED);
    await m.say("ありがとうございます");
    expect(m.read).toContain(U.social.thanks.idle);
    expect(await inquiriesOf(m.userId)).toHaveLength(1);
    bot.clock.advance((I.followUp.minutes + 1) * 60_000);
    await m.say("048-111-2222");
    expect(m.read).not.toContain(ADDED);
    expect(await inquiriesOf(m.userId)).toHaveLength(1);
  });

  it("「今日中に電話もらえますか」 right after sending is told when staff answer; no second inquiry (sim3)", async () => {
    const m = newMember();
    await sent(m);
    await m.say("今日中に電話もらえますか");
    expect(m.read).toContain("担当者へお送りしています");
    expect(await inquiriesOf(m.userId)).toHaveLength(1);
  });

  it("「…また分からないことがあったら伺いますね」 is thanks, not a question without an answer (sim2)", async () => {
    const m = newMember();
    await m.say("ご丁寧にありがとうございました。また分からないことがあったら伺いますね");
    expect(m.read).toContain(U.social.thanks.idle);
  });

  it("送る typed again after sending says it was sent, and files nothing more", async () => {
    const m = newMember();
    await sent(m);
    await m.say("送ります");
    expect(m.read).toContain("担当者へお送りしています");
    expect(await inquiriesOf(m.userId)).toHaveLength(1);
  });

  it("while the desk is open after sending, every reply still ends with buttons", async () => {
    const m = newMember();
    await sent(m);
    for (const typed of [
      "こんにちは",
      "補助金はいくら？",
      "あああ",
      "登録ボタンを押した",
      "進み具合",
      "コールセンター",
      "送らない",
      "😡",
      "まだ？",
    ]) {
      await m.say(typed);
      expect(m.quickLabels.length, `after 「${typed}」`).toBeGreaterThan(0);
    }
  });

  it("a command after sending closes the desk: 「登録」 starts the form, and the phone number is the form's", async () => {
    const m = newMember();
    await sent(m);
    await m.say("登録");
    expectAsked(m, "familyName");
    expect((await conversation(bot.db, m.userId)).inquiry).toBeUndefined();
  });
});

describe("a call-back wish asks for the number before it is sent", () => {
  it("「電話で話したいんだけど電話番号おしえて」 asks for the number and a time; they are added to the draft", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("電話で話したいんだけど電話番号おしえて");
    expect(m.read).toContain(NUMBER_ASKED);
    expect(m.read).toContain("「電話で話したいんだけど電話番号おしえて」");
    expect(m.quickLabels).toEqual([I.sendAsIsLabel, I.cancelLabel]);
    expect(await inquiriesOf(m.userId)).toEqual([]);
    await m.say("048-111-2222です。午前中なら出られます");
    expect(m.read).toContain(
      "「電話で話したいんだけど電話番号おしえて\n048-111-2222です。午前中なら出られます」",
    );
    await m.tap(I.sendLabel);
    expect(m.read).toContain(I.callBackNoted);
    expect(await inquiriesOf(m.userId)).toEqual([
      "電話で話したいんだけど電話番号おしえて\n048-111-2222です。午前中なら出られます",
    ]);
  });

  it("asked once: an answer without a number (「午後なら大丈夫です」) shows the draft", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("補助金の書類のことで電話で相談したいです");
    expect(m.read).toContain(NUMBER_ASKED);
    await m.say("午後なら大丈夫です");
    expect(m.quickLabels).toEqual([I.sendLabel, I.addLabel, I.cancelLabel]);
    expect(m.read).not.toContain(NUMBER_ASKED);
  });

  it("a wish that holds its number is shown at once", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定について電話でお願いします。048-111-2222です");
    expect(m.read).not.toContain(NUMBER_ASKED);
    expect(m.quickLabels).toEqual([I.sendLabel, I.addLabel, I.cancelLabel]);
  });

  it("the number the member gave in the form is used, shown in the draft", async () => {
    const m = newMember();
    await completeRegistration(m);
    await m.say("担当者に聞く");
    await m.say("アプリの設定について電話で教えてほしい");
    expect(m.read).not.toContain(NUMBER_ASKED);
    expect(m.read).toContain(I.knownPhone.replace("{phone}", SAMPLE.phone));
    await m.tap(I.sendLabel);
    expect(await inquiriesOf(m.userId)).toEqual([
      `アプリの設定について電話で教えてほしい\n${I.knownPhone.replace("{phone}", SAMPLE.phone)}`,
    ]);
  });
});

describe("the draft's buttons typed in the member's own words", () => {
  it.each([
    "おくります",
    "送ります",
    "おくって",
    "それで送って",
    "はい送信",
    "はい、送ってください",
    "それでお願いします",
    "この内容で送信してください",
    "お願いします",
    "OKです",
  ])("「%s」 sends it, as 送る does", async (typed) => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定ができません");
    await m.say(typed);
    expect(m.read).toContain(SENT);
    expect(await inquiriesOf(m.userId)).toEqual(["アプリの設定ができません"]);
  });

  it.each([
    "やめます",
    "やっぱりいいです",
    "やっぱりやめます",
    "送らないでください",
    "キャンセルで",
    "もういいです",
    "いや、大丈夫です",
  ])("「%s」 drops it, as 送らない does", async (typed) => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定ができません");
    await m.say(typed);
    expect(m.read).toContain(I.cancelled);
    expect(await inquiriesOf(m.userId)).toEqual([]);
  });

  it("「書き足します」 asks for the addition; 「送ります」 there sends what is written", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定ができません");
    await m.say("書き足します");
    expect(m.read).toContain(I.addPrompt);
    await m.say("Windows11のパソコンです");
    await m.say("送ります");
    expect(await inquiriesOf(m.userId)).toEqual(["アプリの設定ができません\nWindows11のパソコンです"]);
  });

  it("a sentence that only holds the words is part of the question (「書類は郵送で送ってください」)", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("補助金の書類がほしいです");
    await m.say("書類は郵送で送ってください");
    expect(m.read).toContain("「補助金の書類がほしいです\n書類は郵送で送ってください」");
    expect(await inquiriesOf(m.userId)).toEqual([]);
  });

  it("「送ります」 before anything is written is not the question", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("送ります");
    expect(m.read).toContain(I.askAgain);
    expect(await inquiriesOf(m.userId)).toEqual([]);
  });
});

describe("anger and bows in small talk", () => {
  it.each(["😡", "もういいです", "使えない", "このLINE使えない", "役に立たない", "💢💢"])(
    "「%s」 gets a short apology, a person and the call centre",
    async (typed) => {
      const m = newMember();
      await m.say(typed);
      expect(m.read).toBe(U.social.frustrated.idle);
      expect(m.read).toMatch(/申し訳/);
      expect(m.read).toContain("コールセンター");
      expect(m.quickLabels[0], "a person first").toBe(I.askLabel);
    },
  );

  it.each(["🙇‍♂️", "🙇", "m(_ _)m", "ぺこり"])("「%s」 is a bow, returned in kind", async (typed) => {
    const m = newMember();
    await m.say(typed);
    expect(m.read).toContain("こちらこそ");
  });

  it("👍 is still a nod", async () => {
    const m = newMember();
    await m.say("👍");
    expect(m.read).toBe(U.social.acknowledge.idle);
  });

  it("a question that holds 「使えない」 is still a question", async () => {
    const m = newMember();
    await m.say("紙の保険証ってもう使えないんですか");
    expect(m.read).not.toBe(U.social.frustrated.idle);
  });

  it("mid-form, 「もういいです」 apologizes and the form's question comes again, answers kept", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("埼玉");
    await m.say("もういいです");
    expect(m.read).toContain(U.social.frustrated.inForm);
    expectAsked(m, "givenName");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "埼玉" });
  });
});
