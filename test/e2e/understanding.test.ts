// How the bot reads what members really type, end to end through the simulator (real webhook,
// engine, libSQL file, SDK client to the emulator): small talk, the bot's own example questions,
// answers inside sentences, non-answers, typos, corrections at the card, and questions for a person.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { FAQ_MESSAGES } from "../../flows/faq/messages.js";
import { menuContent as MENU } from "../../flows/menu.js";
import { registrationCopy as C } from "../../flows/registration.js";
import { understanding as U } from "../../flows/understanding.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { conversation, memberRow, savedRegistration, unseal } from "../helpers/e2e-db.js";
import {
  atField,
  cardValue,
  completeRegistration,
  expectAsked,
  fillToConfirm,
  ROWS,
  SAMPLE,
} from "../helpers/e2e-form.js";
import { Member } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const newMember = () => new Member(() => bot);
const SENT = MENU.inquiry.created.split("{hours}")[0]!;
const SOURCE_PREFIX = FAQ_MESSAGES.source("").trim();
const APOLOGY = /申し訳/;

async function inquiriesOf(userId: string) {
  const rows = await bot.db.all<{ question: string }>(
    sql`select question from inquiries where user_id = ${userId} order by id`,
  );
  return rows.map((r) => unseal(r.question));
}

/** A member at the given field of a fresh form. */

describe("small talk gets a short human reply and the menu, never an apology", () => {
  it.each([
    "おはようございます。本日もよろしくお願い申し上げます。",
    "失礼いたしました。また改めてご連絡いたします。",
    "ｱﾘｶﾞﾄｳ",
    "おはようございます。朝早くにすみません",
    "わかりました、やってみます",
    "今日は寒いですね",
  ])("「%s」 is small talk: a short reply, no apology", async (said) => {
    const m = newMember();
    await m.say(said);
    expect(m.read).not.toMatch(APOLOGY);
    expect(m.read).not.toContain(FAQ_MESSAGES.notFoundNear.slice(0, 10));
  });

  it("never shows two buttons with the same label (an entry 「コールセンター」 beside the call-centre button)", async () => {
    const m = newMember();
    await m.say("でんわでききたい ばんごうおしえて");
    // The call centre's answer itself, or the call-centre button under another reply: never both.
    const button = m.quickLabels.filter((l) => l === "コールセンター").length;
    expect(button === 1 || m.read.includes("0800-080-4583")).toBe(true);
    expect(button).toBeLessThanOrEqual(1);
    expect(new Set(m.quickLabels).size).toBe(m.quickLabels.length);
  });

  it("a polite closing (「引き続きよろしくお願いいたします」) is returned in kind, and starts nothing", async () => {
    const m = newMember();
    await m.say("お世話になっております。引き続きよろしくお願いいたします。");
    expect(m.read).not.toMatch(APOLOGY);
    expect(m.read).not.toContain(C.intro[0]!.slice(0, 20));
    await m.say("今後ともどうぞよろしくお願いします");
    expect(m.read).toContain("こちらこそ、よろしくお願いいたします");
    expect((await conversation(bot.db, m.userId)).flow).toBe("idle");
  });

  it.each([
    ["こんにちは", U.social.greeting.idle.replace("{greeting}", "こんにちは")],
    ["こんにちは！", U.social.greeting.idle.replace("{greeting}", "こんにちは")],
    ["おはようございます", U.social.greeting.idle.replace("{greeting}", U.greetings.morning)],
    ["こんばんは", U.social.greeting.idle.replace("{greeting}", U.greetings.evening)],
    ["ありがとう", U.social.thanks.idle],
    ["ありがとうございました😊", U.social.thanks.idle],
    ["了解です、ありがとうございます", U.social.thanks.idle],
    ["すみません", U.social.apology.idle],
    ["わからない", U.social.dontKnow.idle],
    ["助けて", U.social.help.idle],
    ["はい", U.social.yes.idle],
    ["ちょっと聞きたいことがあるんですが", U.social.askToAsk.idle],
    ["あのー ちょっとききたいんだけど", U.social.askToAsk.idle],
    ["すこし聞いてもいいですか", U.social.askToAsk.idle],
  ])("「%s」", async (typed, expected) => {
    const m = newMember();
    await m.say(typed);
    expect(m.read).toContain(expected);
    expect(m.read).not.toMatch(APOLOGY);
    expect(m.read).not.toContain(FAQ_MESSAGES.unsureIntro);
    expect(m.quickLabels).toEqual(MENU.menu.map((x) => x.label));
  });

  it.each([
    ["よろしくお願いいたします。", U.social.greeting.idle.split("{greeting}")[1]!],
    ["夜分にすみません", U.social.apology.idle],
    ["すみません まちがえておくりました", U.social.apology.idle],
    ["また夜に続きやります", U.social.later.idle],
  ])("「%s」 (as the blind dev set's writers typed it)", async (typed, expected) => {
    const m = newMember();
    await m.say(typed);
    expect(m.read).toContain(expected);
  });

  it("thanks or a plea wrapped around a question: the question is answered", async () => {
    const m = newMember();
    await m.say("ありがとう、補助金の上限は");
    expect(m.read).toContain("41,000円");
    expect(m.read).not.toContain(U.social.thanks.idle);
    await m.say("困ってます、パスワードの決まり");
    expect(m.read).toContain("英大文字・英小文字・数字");
    expect(m.read).not.toContain(U.social.help.idle);
  });

  it("a greeting before a question: the question is answered", async () => {
    const m = newMember();
    await m.say("こんにちは。リンクの有効期限を教えてください");
    expect(m.read).toContain("24時間");
  });

  it.each(["あなたは人間ですか", "ロボットですか？", "AIなの？", "誰が答えてるの"])(
    "「%s」 is told plainly that the replies are automatic, with 担当者に聞く first",
    async (q) => {
      const m = newMember();
      await m.say(q);
      expect(m.read).toBe(U.social.whoAreYou.idle);
      expect(m.quickLabels[0]).toBe("担当者に聞く");
    },
  );

  it("mid-form, 「ロボットですか」 is answered, the field asked again, and nothing stored", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("ロボットですか");
    expect(m.read).toContain(U.social.whoAreYou.inForm);
    expectAsked(m, "familyName");
    expect(m.quickLabels).toContain("担当者に聞く");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({});
  });
});

describe("the bot's own words work when typed", () => {
  it("「とうろくしたい」 starts the registration, even though an FAQ entry is about registering", async () => {
    const m = newMember();
    await m.say("とうろくしたい");
    expectAsked(m, "familyName");
  });

  it("「とりあえず登録をはじめます」 (said, not tapped) starts it too", async () => {
    const m = newMember();
    await m.say("とりあえず登録をはじめます");
    expectAsked(m, "familyName");
  });

  it("「よくある質問」 typed shows the example questions", async () => {
    const m = newMember();
    await m.say("よくある質問");
    expect(m.quickLabels).toEqual(MENU.faqExamples);
  });

  it.each(MENU.faqExamples)(
    "the example question 「%s」 gets its own entry's answer directly",
    async (example) => {
      // Each example is one of the questions of the entry it stands for.
      const entry = FAQ_ENTRIES.find((e) => e.questions.includes(example));
      expect(entry, example).toBeDefined();
      const m = newMember();
      await m.say("よくある質問");
      await m.tap(example);
      expect(m.read).not.toContain(FAQ_MESSAGES.unsureIntro);
      expect(m.read).not.toContain(FAQ_MESSAGES.notFound);
      expect(m.read).toContain(entry!.answer.split(/[{\n]/)[0]!.slice(0, 30));
      expect(m.last.at(-1)?.text ?? "").toMatch(new RegExp(`^${SOURCE_PREFIX}`));
    },
  );

  it("every 「…」と送って the bot tells members starts what it says", async () => {
    const said = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === "string") for (const m of v.matchAll(/「([^「」]{1,10})」と送/g)) said.add(m[1]!);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk([MENU, C, U]);
    expect([...said].sort()).toEqual(["やめる", "戻る", "登録", "通知を再開"]);
    const other = newMember();
    await other.say("通知を再開");
    expect(other.read).toContain(MENU.reminders.on);
    const m = newMember();
    await m.say("登録");
    expectAsked(m, "familyName");
    await m.say("埼玉");
    await m.say("戻る");
    expectAsked(m, "familyName");
    await m.say("やめる");
    expect(m.read).toContain(C.messages.cancelAsk);
  });
});

describe("direct answers", () => {
  it.each([
    ["補助金ってまだ申し込めるんですか？", "subsidy-closed"],
    ["めーるのりんくはいつまでゆうこう", "link-24h"],
    ["日曜日でも電話できますか", "callcentre-mail|callcentre"],
    ["電話代はかかりますか", "callcentre"],
    ["土曜日もコールセンターやってますか", "callcentre"],
  ])("「%s」 gets the answer (%s), not 「もしかして」", async (question, ids) => {
    const m = newMember();
    await m.say(question);
    expect(m.read).not.toContain(FAQ_MESSAGES.unsureIntro);
    const answered = ids
      .split("|")
      .map((id) => FAQ_ENTRIES.find((e) => e.id === id)!)
      .some((entry) => m.read.includes(entry.answer.split(/[{\n]/)[0]!.slice(0, 30)));
    expect(answered).toBe(true);
  });

  it("a question typed in romaji is answered (「hojokin no shinsei wa mada dekimasu ka」)", async () => {
    const m = newMember();
    await m.say("hojokin no shinsei wa mada dekimasu ka");
    const closed = FAQ_ENTRIES.find((e) => e.id === "subsidy-closed")!;
    expect(m.read).toContain(closed.answer.split(/[{\n]/)[0]!.slice(0, 30));
    expect(m.read).not.toContain(FAQ_MESSAGES.unsureIntro);
  });

  it("a wrong IME conversion is read as the word it sounds like (「雲用開始日」「短末」)", async () => {
    const m = newMember();
    await m.say("利用開始新生ってなんですか");
    const usage = FAQ_ENTRIES.find((e) => e.id === "usage-application")!;
    expect(m.read).toContain(usage.answer.split(/[{\n]/)[0]!.slice(0, 30));
  });

  it("no answer, but entries touch on it: said so, those entries as buttons, and a person", async () => {
    const m = newMember();
    await m.say("メールアドレスを家族と共有してもいいですか");
    expect(m.read).toContain(FAQ_MESSAGES.notFoundNear);
    expect(m.quickLabels[0]).toBe(FAQ_ENTRIES.find((e) => e.id === "email-which")!.label);
    expect(m.quickLabels).toContain(FAQ_MESSAGES.askPerson);
  });

  it("one near entry only: 「…のことでしょうか」, and はい shows it", async () => {
    const m = newMember();
    await m.say("併設ってなに？");
    const nearEntry = FAQ_ENTRIES.find((e) => e.id === "heisetsu")!;
    expect(m.read).toContain(FAQ_MESSAGES.unsureOne(nearEntry.label));
    expect(m.quickLabels).toEqual([FAQ_MESSAGES.yesShow, FAQ_MESSAGES.notThis]);
    await m.tap(FAQ_MESSAGES.yesShow);
    expect(m.read).toContain(nearEntry.answer.slice(0, 20));
  });

  it("「いいえ、ちがいます」 offers a person and keeps the member's own next steps (not a dead end)", async () => {
    const m = newMember();
    await m.say("登録ボタンを押した");
    await m.say("併設ってなに？");
    await m.tap(FAQ_MESSAGES.notThis);
    expect(m.quickLabels).toContain(FAQ_MESSAGES.askPerson);
    expect(m.quickLabels).toContain(MENU.menuLabel);
    expect(m.quickLabels.length).toBeGreaterThan(3);
  });

  it("「はい」 typed after 「…のことでしょうか」 shows the entry; 「いいえ」 offers a person; once only", async () => {
    const nearEntry = FAQ_ENTRIES.find((e) => e.id === "heisetsu")!;
    const m = newMember();
    await m.say("併設ってなに？");
    expect(m.read).toContain(FAQ_MESSAGES.unsureOne(nearEntry.label));
    await m.say("はい");
    expect(m.read).toContain(nearEntry.answer.slice(0, 20));
    await m.say("はい");
    expect(m.read, "the question was answered: 「はい」 again is small talk").toContain(U.social.yes.idle);
    const other = newMember();
    await other.say("併設ってなに？");
    await other.say("いいえ");
    expect(other.quickLabels).toContain(FAQ_MESSAGES.askPerson);
  });

  it("mid-form, 「はい」 after 「…のことでしょうか」 shows the entry, then the form's question again; nothing stored", async () => {
    const nearEntry = FAQ_ENTRIES.find((e) => e.id === "heisetsu")!;
    const m = newMember();
    await atField(m, []);
    await m.say("併設ってなに？");
    expect(m.read).toContain(FAQ_MESSAGES.unsureOne(nearEntry.label));
    await m.say("はい");
    expect(m.read).toContain(nearEntry.answer.slice(0, 20));
    expectAsked(m, "familyName");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({});
  });

  it("mid-form, a question's buttons (「もしかして」's entries, 担当者に聞く) come under the form's question", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say(SAMPLE.familyName);
    await m.say("アプリのこと？");
    expect(m.read).toContain(FAQ_MESSAGES.unsureIntro);
    expectAsked(m, "givenName");
    expect(m.quickLabels).toContain(FAQ_ENTRIES.find((e) => e.id === "app-store")!.label);
    await m.say("つうちしょってどれのこと？");
    expectAsked(m, "givenName");
    expect(m.quickLabels).toContain(FAQ_MESSAGES.askPerson);
  });

  it("two entries that both answer it: one of them, with the other as a button", async () => {
    const m = newMember();
    await m.say("日曜日でも電話できますか");
    const [a, b] = ["callcentre", "callcentre-mail"].map((id) => FAQ_ENTRIES.find((e) => e.id === id)!);
    const shownFirst = m.read.includes(a!.answer.slice(0, 20)) ? a! : b!;
    const other = shownFirst === a ? b! : a!;
    expect(m.quickLabels).toContain(other.label);
  });

  it("an answer keeps a next step: the member's journey button and the menu", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.tap("この内容でOK");
    await m.say("リンクの有効期限は？");
    expect(m.read).toContain("24時間");
    expect(m.quickLabels).toContain("登録ボタンを押した");
    expect(m.quickLabels).toContain(MENU.menuLabel);
  });

  it("an answer that says 「本会にご確認ください」 comes with 担当者に聞く", async () => {
    const m = newMember();
    await m.say("協と契の違いは？");
    expect(m.read).toContain("本会");
    for (const label of m.quickLabels) expect(label.length).toBeGreaterThan(0);
    if (m.read.includes("本会にご確認")) expect(m.quickLabels).toContain(MENU.inquiry.askLabel);
  });

  it("two questions in one message get both answers", async () => {
    const m = newMember();
    await m.say("リンクの有効期限は？それと協と契の違いは？");
    expect(m.read).toContain("24時間");
    expect(m.read).toContain("協定");
    expect(m.last.length).toBeLessThanOrEqual(5);
  });

  it("two questions where only one has an answer: that answer, then the other's own reply, named", async () => {
    const m = newMember();
    await m.say("会費はいくら？あとリンクの有効期限は？");
    expect(m.read).toContain("24時間");
    expect(m.read).toContain(MENU.secondQuestion.replace("{question}", "会費はいくら"));
    expect(m.read).toContain(FAQ_MESSAGES.outsideTopic("本会の会費"));
  });

  it("「さっきのもう一回いってくれる」 shows the last answer again, but not once something else was recorded", async () => {
    const m = newMember();
    await m.say("リンクの有効期限は？");
    await m.say("明日の天気は？");
    await m.say("さっきのもう一回いってくれる");
    expect(m.read).toContain("24時間");
    await m.say("登録ボタンを押した");
    await m.say("さっきのもう一回いってくれる");
    expect(m.read).not.toContain("リンクの有効期限は24時間です");
  });

  it("a short follow-up (「…どこにあるの？アドレスおしえて」) is the same question, answered once", async () => {
    const m = newMember();
    await m.say("ポータルってどこにあるの？アドレスおしえて");
    const access = FAQ_ENTRIES.find((e) => e.id === "portal-access")!;
    expect(m.read).toContain(access.answer.split("\n")[0]!);
    expect(m.read).not.toContain("もう一つの");
    await m.say("補助金の上限は？パスワードは？");
    expect(m.read, "a second topic is still its own question").toContain("もう一つの「パスワードは」");
  });

  it("two sentences of one question (the second near the entry answering the whole) are answered once, never 「お答えできません」 about it", async () => {
    const m = newMember();
    await m.say("患者さんはこれからマイナ保険証持ってこないとダメなの？保険証しか持ってない人はどうなる？");
    const cards = FAQ_ENTRIES.find((e) => e.id === "insurance-card-2026")!;
    expect(m.read).toContain(cards.answer.slice(0, 20));
    expect(m.read).not.toContain("もう一つの");
  });

  it("an either/or (「電話番号は整骨院のですか？父の携帯ですか？」) is one question; a second topic is still its own", async () => {
    const m = newMember();
    await m.say("電話番号は整骨院のですか？父の携帯ですか？");
    const phone = FAQ_ENTRIES.find((e) => e.id === "form-phone")!;
    expect(m.read).toContain(phone.answer.slice(0, 20));
    expect(m.read).not.toContain("もう一つの");
    await m.say("補助金の上限はいくらですか？会費はいくらですか？");
    expect(m.read).toContain("もう一つの「会費はいくらですか」");
  });

  it("「次は何をすればいいですか」 shows the member's own progress card", async () => {
    const m = newMember();
    await m.say("次は何をすればいいですか");
    expect(m.last.at(-1)?.type).toBe("flex");
    expect(m.last.at(-1)?.altText).toContain("進み具合");
  });

  it("「機器ももう買ってあるし、ユーザー登録も完了してるんです。そこからの続きを知りたい」 is a report, not the form again", async () => {
    const m = newMember();
    await m.say("いや機器ももう買ってあるし、ユーザー登録も完了してるんです。そこからの続きを知りたい");
    expect(m.read).not.toContain(C.fields.familyName.prompt);
    expect((await memberRow(bot.db, m.userId))?.journey_step).toBe("registered");
  });

  it("「…1台でやります。端末登録終わりました…」 (登録 and やります in one message) is a report, not the form", async () => {
    const m = newMember();
    await m.say(
      "受付のWindowsパソコン1台でやります。端末登録終わりました、アプリもMicrosoft Storeから入れました",
    );
    expect(m.read).not.toContain(C.fields.familyName.prompt);
    expect(m.read).toContain("「使う端末を登録する」まで終わった");
  });

  it("「いやユーザー登録はもう終わってますって」 at a field leaves the form (answers kept) and records the report", async () => {
    const m = newMember();
    await atField(m, ["佐藤"]);
    await m.say("いやユーザー登録はもう終わってますって");
    expect(m.read).not.toContain(C.fields.givenName.prompt);
    expect((await memberRow(bot.db, m.userId))?.journey_step).toBe("registered");
    const state = await conversation(bot.db, m.userId);
    expect(state.flow).toBe("idle");
    expect(state.answers).toEqual({ familyName: "佐藤" });
  });

  it("a question asked mid-form is answered, then the form goes on where it was", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.say("リンクの有効期限はどのくらいですか");
    expect(m.read).toContain("24時間");
    expectAsked(m, "affiliation");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "埼玉", givenName: "太郎" });
  });
});

describe("answers inside sentences, non-answers and typos in the form", () => {
  it("a name spelled out after it (「田中です田んぼの田に中学の中」「…と書いて正夫」) is the name, said back", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("田中です田んぼの田に中学の中");
    expect(m.read).toContain("姓は「田中」として受け付けました");
    expectAsked(m, "givenName");
    await m.say("名前はまさおです正しいの正に夫と書いて正夫");
    expect(m.read).toContain("名は「正夫」として受け付けました");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "田中", givenName: "正夫" });
  });

  it("協 said as a word (「強いの強じゃなくて協力の協ですね番号は1102345の7の3…」) is taken with the number", async () => {
    const m = newMember();
    await atField(m, ["田中", "正夫"]);
    await m.tap("施術所（柔道整復）");
    await m.say("通知書を見ましたら強いの強じゃなくて協力の協ですね番号は1102345の7の3と書いてあります");
    expect(m.read).toContain("協1102345-7-3");
    expectAsked(m, "clinicName");
    expect((await conversation(bot.db, m.userId)).answers).toMatchObject({
      agreementKind: "協",
      registrationDigits: "110234573",
    });
  });

  it("「田中接骨院ですひらがなではなく漢字です」 is 田中接骨院; how it is written changes no other field", async () => {
    const m = newMember();
    await atField(m, ["田中", "正夫"]);
    await m.tap("施術所（柔道整復）");
    await m.say("協1105576-8-9");
    await m.say("田中接骨院ですひらがなではなく漢字です");
    expectAsked(m, "phoneNumber");
    expect((await conversation(bot.db, m.userId)).answers).toMatchObject({
      familyName: "田中",
      clinicName: "田中接骨院",
    });
  });

  it("at a field being corrected, 「そのままで」 keeps it and 「姓じゃなくて名の方！」 opens the 名", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.tap("修正する");
    await m.tap("施術所名");
    await m.say("そのままで");
    expect(m.last.at(-1)?.type).toBe("flex");
    expect(cardValue(m.last.at(-1), ROWS.clinicName)).toBe(SAMPLE.clinicName);
    await m.tap("修正する");
    await m.tap("姓");
    await m.say("姓じゃなくて名の方！");
    expectAsked(m, "givenName");
    expect((await conversation(bot.db, m.userId)).answers.familyName).toBe(SAMPLE.familyName);
  });

  it("「はい」 at 名 is not a name", async () => {
    const m = newMember();
    await atField(m, ["埼玉"]);
    await m.say("はい");
    expectAsked(m, "givenName");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "埼玉" });
  });

  it.each(["できた", "機器を用意した", "終わりました", "ムリ", "写真送ります"])(
    "「%s」 at 姓 is a report, not a name: asked again, nothing stored",
    async (said) => {
      const m = newMember();
      await atField(m, []);
      await m.say(said);
      expect(m.read).toContain("お名前として読み取れませんでした");
      const state = await conversation(bot.db, m.userId);
      expect(state.step).toBe("familyName");
      expect(state.answers).toEqual({});
    },
  );

  it("family names that end like a verb in kana (かんだ, はない) and 佐々木 are still names", async () => {
    for (const name of ["かんだ", "はない", "佐々木"]) {
      const m = newMember();
      await atField(m, []);
      await m.say(name);
      expectAsked(m, "givenName");
      expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: name });
    }
  });

  it("「できた」 at 施術所名 is not stored as the clinic", async () => {
    const m = newMember();
    await atField(m, ["田中", "正夫"]);
    await m.tap("施術所（柔道整復）");
    await m.say("協1105576-8-9");
    await m.say("できた");
    expect(m.read).toContain("施術所名として読み取れませんでした");
    const state = await conversation(bot.db, m.userId);
    expect(state.step).toBe("clinicName");
    expect(state.answers.clinicName).toBeUndefined();
  });

  it("「埼玉太郎」 at 姓 offers the split, and 「はい」 takes both", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("埼玉太郎");
    expect(m.read).toContain("姓「埼玉」、名「太郎」でよろしいですか");
    expect(m.quickLabels.slice(0, 3)).toEqual(["はい", "姓だけです", "入力しなおす"]);
    await m.say("はい");
    expectAsked(m, "affiliation");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "埼玉", givenName: "太郎" });
  });

  it("a known family name with a one-letter given name is offered too; 「姓だけです」 keeps it whole", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("佐藤葵");
    expect(m.read).toContain("姓「佐藤」、名「葵」");
    await m.tap("姓だけです");
    expectAsked(m, "givenName");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "佐藤葵" });
  });

  it("「ちょっと電話がきたので後で」 pauses the form and keeps the answers", async () => {
    const m = newMember();
    await atField(m, ["埼玉"]);
    await m.say("ちょっと電話がきたので後で");
    expect(m.read).toContain(U.social.later.inForm);
    const state = await conversation(bot.db, m.userId);
    expect(state.flow).toBe("idle");
    expect(state.answers).toEqual({ familyName: "埼玉" });
    // Back the next day with a greeting: 「入力を続ける」 comes first.
    bot.clock.advance(20 * 3_600_000);
    await m.say("こんにちは");
    expect(m.quickLabels[0]).toBe(MENU.resumeLabel);
    await m.tap(MENU.resumeLabel);
    expectAsked(m, "givenName");
  });

  it("a clinic name at 姓, a mail address or a phone number as a name are refused for what they are", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("さいたま接骨院");
    expect(m.read).toContain("施術所名のようです");
    await m.say("taro@gmail.com");
    expect(m.read).toContain("メールアドレスや電話番号はあとでお聞きします");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({});
  });

  it("a family name typed at 名 is asked about, not stored in silence; 「姓を直す」 goes back to 姓", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("すずき");
    await m.say("鈴木");
    expect(m.read).toContain("「鈴木」は名字のようです");
    await m.tap("姓を直す");
    expectAsked(m, "familyName");
    await m.say("鈴木");
    expectAsked(m, "givenName");
    await m.say("まさお");
    expectAsked(m, "affiliation");
  });

  it("「なまえは田中はなこです」 (voice input) offers the split, not a 姓 of 「なまえは田中はなこ」", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("なまえは田中はなこです");
    expect(m.read).toContain("姓「田中」、名「はなこ」");
  });

  it("a whole name in kana with no space (「おがわしょういち」) is asked about; with a space it is split", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("おがわしょういち");
    expect(m.read).toContain("姓と名の両方でしょうか");
    expect(m.quickLabels.slice(0, 2)).toEqual(["姓だけです", "入力しなおす"]);
    await m.say("おがわ しょういち");
    expect(m.read).toContain("姓「おがわ」、名「しょういち」");
    const other = newMember();
    await atField(other, []);
    await other.say("むしゃのこうじ");
    await other.tap("姓だけです");
    expectAsked(other, "givenName");
  });

  it("a mobile carrier's address is taken with a word on its mail filter", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎", "施術所（柔道整復）", "協1101234-5-6", "さいたま接骨院", "0486251211"]);
    await m.say("suzuki@docomo.ne.jp");
    expect(m.read).toContain("from@mail.iryohokenjyoho-portalsite.jp");
    expect(m.last.at(-1)?.type).toBe("flex");
    expect(m.last.length).toBeLessThanOrEqual(5);
  });

  it("a phone number with a length its prefix never has is questioned, not stored", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎", "施術所（柔道整復）", "協1101234-5-6", "さいたま接骨院"]);
    await m.say("048-123-45678");
    expect(m.read).toContain("固定電話の番号は市外局番から10桁");
    expect((await conversation(bot.db, m.userId)).answers.phoneNumber).toBeUndefined();
    await m.say("048-123-4567");
    expectAsked(m, "email");
  });

  it("「埼玉と申します」 is 埼玉", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("埼玉と申します");
    expectAsked(m, "givenName");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "埼玉" });
  });

  it("at ①, a bare number keeps its digits and asks only 協/契; a short one is said to be short", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.tap("施術所（柔道整復）");
    await m.say("1101234");
    expect(m.read).toContain("7桁");
    await m.say("１１０１２３４５６");
    expect(m.read).toContain("110123456");
    expect(m.quickLabels.slice(0, 2)).toEqual(["協", "契"]);
    await m.tap("協");
    expect(m.read).toContain("協1101234-5-6");
    expectAsked(m, "clinicName");
  });

  it("several fields pasted at once are all taken; only what is missing is asked, then the card", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say(
      "氏名　小川　正夫\n協 ４１０１２３４５６\n【小川接骨院】\nTEL 048-625-1211（代）\nmail ogawa.sekkotsu@gmail.com",
    );
    expect(m.read).toContain("姓・名・登録記号番号・施術所名・電話番号・メールアドレスを受け取りました");
    expectAsked(m, "affiliation");
    await m.tap("施術所（柔道整復）");
    const card = m.last.at(-1);
    expect(card?.type).toBe("flex");
    expect(cardValue(card, ROWS.familyName)).toBe("小川");
    expect(cardValue(card, ROWS.givenName)).toBe("正夫");
    expect(cardValue(card, ROWS.registrationNumber)).toBe("協4101234-5-6");
    expect(cardValue(card, ROWS.clinicName)).toBe("【小川接骨院】");
    expect(cardValue(card, ROWS.phoneNumber)).toBe("0486251211");
    expect(cardValue(card, ROWS.email)).toBe("ogawa.sekkotsu@gmail.com");
  });

  it("the fields pasted in one line before starting (「登録おねがいします。小林 和夫、協…、…」) start the form with them", async () => {
    const m = newMember();
    await m.say(
      "登録おねがいします。小林 和夫、協1105555-1-2、小林整骨院、049-222-3333、kobayashi.k@ezweb.ne.jp",
    );
    expect(m.read).toContain("受け取りました");
    expect(m.read, "a carrier address: the word on its filter").toContain(
      "from@mail.iryohokenjyoho-portalsite.jp",
    );
    expectAsked(m, "affiliation");
    await m.tap("施術所（柔道整復）");
    expect(cardValue(m.last.at(-1), ROWS.familyName)).toBe("小林");
    expect(cardValue(m.last.at(-1), ROWS.registrationNumber)).toBe("協1105555-1-2");
  });

  it("a pasted address one letter off a common domain is not taken with the block: asked, and offered corrected", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("小林 和夫\n協1105555-1-2\n小林整骨院\n0492223333\nkobayashi@gmial.com");
    expectAsked(m, "affiliation");
    await m.tap("施術所（柔道整復）");
    expectAsked(m, "email");
    await m.say("kobayashi@gmial.com");
    expect(m.read).toContain("「gmail.com」ではありませんか");
  });

  it("a pasted block with a wrong value takes the rest and asks for that one", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say(
      "姓：小川 / 名：正夫 / 所属：柔道整復 / 協4101234-5-6 / 小川接骨院 / 電話 0486251211 / mail ogawa@@gmail",
    );
    expect(m.read).toContain("電話番号を受け取りました");
    expectAsked(m, "email");
    const { answers } = await conversation(bot.db, m.userId);
    expect(answers.affiliation).toBe("施術所（柔道整復）");
    expect(answers.email).toBeUndefined();
  });

  it("所属機関 typed in kana (「じゅうどうせいふく」) and ① in half-width kana (「ｷｮｳ」) are answers, not questions", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.say("じゅうどうせいふく");
    expectAsked(m, "agreementKind");
    await m.say("ｷｮｳ");
    expectAsked(m, "registrationDigits");
    const { answers } = await conversation(bot.db, m.userId);
    expect(answers.affiliation).toBe("施術所（柔道整復）");
    expect(answers.agreementKind).toBe("協");
  });

  it("of two numbers in one message, the one written with 協/契 is the registration number", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.tap("施術所（柔道整復）");
    await m.say("第12345号っていうのと、協 4101234-5-7 っていうのがあります");
    expect(m.read).toContain("協4101234-5-7");
    expectAsked(m, "clinicName");
  });

  it("past ②, 「番号まちがえました、協４１０１２３４－５－７ です」 corrects the number, not the field asked", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.tap("施術所（柔道整復）");
    await m.say("協1101234-5-6");
    expectAsked(m, "clinicName");
    await m.say("すみません番号まちがえました、協４１０１２３４－５－７ です");
    expect(m.read).toContain("協4101234-5-7");
    expect(m.read).not.toContain("入れられません");
    expectAsked(m, "clinicName");
    const { answers } = await conversation(bot.db, m.userId);
    expect(answers.registrationDigits).toBe("410123457");
    expect(answers.clinicName).toBeUndefined();
  });

  it("clinic names are kept as typed (brackets, ①, kana); 「です」 is dropped", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.tap("施術所（柔道整復）");
    await m.say("協1101234-5-6");
    await m.say("さいたま接骨院（本院）です");
    expectAsked(m, "phoneNumber");
    expect((await conversation(bot.db, m.userId)).answers.clinicName).toBe("さいたま接骨院（本院）");
    await m.say("戻る");
    await m.say("ほねつぎ①ｻｲﾀﾏ");
    expect((await conversation(bot.db, m.userId)).answers.clinicName).toBe("ほねつぎ①ｻｲﾀﾏ");
  });

  it.each(["taro@gmail.com", "でんわは048の555の1234", "０４８　５５５　１２３４"])(
    "「%s」 as the clinic name is refused (a mail address, a phone number however written)",
    async (typed) => {
      const m = newMember();
      await atField(m, ["埼玉", "太郎"]);
      await m.tap("施術所（柔道整復）");
      await m.say("協1101234-5-6");
      await m.say(typed);
      expect(m.read).toContain(C.reading.messages.dataAtClinic.split("\n")[0]!);
      const state = await conversation(bot.db, m.userId);
      expect(state.step).toBe("clinicName");
      expect(state.answers.clinicName).toBeUndefined();
    },
  );

  async function atPhone(m: Member) {
    await atField(m, ["埼玉", "太郎"]);
    await m.tap("施術所（柔道整復）");
    await m.say("協1101234-5-6");
    await m.say("さいたま接骨院");
    expectAsked(m, "phoneNumber");
  }

  it.each([
    ["あ、施術所名まちがえました。すずき接骨院です", "clinicName", "すずき接骨院"],
    ["すみません、名は太郎じゃなくて次郎でした", "givenName", "次郎"],
    ["姓は埼玉じゃなくて坂井です", "familyName", "坂井"],
  ] as const)(
    "at a later field, 「%s」 corrects %s, and the field asked is asked again",
    async (typed, field, value) => {
      const m = newMember();
      await atPhone(m);
      await m.say(typed);
      expect(m.read).toContain(`「${value}」に変えました`);
      expectAsked(m, "phoneNumber");
      const state = await conversation(bot.db, m.userId);
      expect(state.answers[field]).toBe(value);
      expect(state.answers.phoneNumber).toBeUndefined();
    },
  );

  it.each([
    ["電話は048-625-1211です", "0486251211"],
    ["048-625-1211（代）", "0486251211"],
    ["０４８ー６２５ー１２１１", "0486251211"],
    ["048-625-1211 内線12", "0486251211"],
    ["〇四八の二五一の三六七八です", "0482513678"],
  ])("the phone inside 「%s」 is taken and confirmed", async (typed, value) => {
    const m = newMember();
    await atPhone(m);
    await m.say(typed);
    expectAsked(m, "email");
    expect((await conversation(bot.db, m.userId)).answers.phoneNumber).toBe(value);
    if (typed !== "０４８ー６２５ー１２１１" && !typed.startsWith("〇")) expect(m.read).toContain(value);
    if (typed.includes("内線")) expect(m.read).toContain("内線");
  });

  it("「メールは x@yahoo.co.jp です」 is taken", async () => {
    const m = newMember();
    await atPhone(m);
    await m.say("0486251211");
    await m.say("メールは taro.s@yahoo.co.jp です");
    expect(m.last.at(-1)?.type).toBe("flex");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe("taro.s@yahoo.co.jp");
  });

  it.each([
    ["taro@gmial.com", "gmail.com"],
    ["taro@gmail.con", "gmail.com"],
    ["taro@yahoo.co.pj", "yahoo.co.jp"],
    ["taro@docomo.ne.jo", "docomo.ne.jp"],
    ["taro@icloud.cm", "icloud.com"],
  ])("a mail-domain typo 「%s」 is offered as %s, and このまま keeps it", async (typed, domain) => {
    const m = newMember();
    await atPhone(m);
    await m.say("0486251211");
    await m.say(typed);
    expect(m.read).toContain(`「${domain}」ではありませんか`);
    expect(m.quickLabels).toEqual(["はい", "このまま"]);
    await m.tap("はい");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe(`taro@${domain}`);
  });

  it("このまま keeps a domain that only looks like a typo", async () => {
    const m = newMember();
    await atPhone(m);
    await m.say("0486251211");
    await m.say("taro@gmial.com");
    await m.tap("このまま");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe("taro@gmial.com");
  });

  it("a space inside the address (「ogawa sekkotsu@gmail.com」) is asked about, never half of it taken", async () => {
    const m = newMember();
    await atPhone(m);
    await m.say("0486251211");
    await m.say("ogawa sekkotsu@gmail.com");
    expect(m.read).toContain("空白");
    expect(m.read).toContain("「ogawasekkotsu@gmail.com」でよろしいですか");
    expect((await conversation(bot.db, m.userId)).answers.email).toBeUndefined();
    await m.tap("はい");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe("ogawasekkotsu@gmail.com");
  });

  it("an address read aloud in kana (「やまだ あっと じーめーる どっと こむ」) is offered spelled, and はい takes it", async () => {
    const m = newMember();
    await atPhone(m);
    await m.say("0486251211");
    await m.say("やまだ あっと じーめーる どっと こむ");
    expect(m.read).toContain("「yamada@gmail.com」でよろしいですか");
    expect((await conversation(bot.db, m.userId)).answers.email).toBeUndefined();
    await m.tap("はい");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe("yamada@gmail.com");
  });

  it("upper case and a domain typo together (「Ogawa.Sekkotsu＠gmial.com」): both are offered, one after the other", async () => {
    const m = newMember();
    await atPhone(m);
    await m.say("0486251211");
    await m.say("Ogawa.Sekkotsu＠gmial.com");
    expect(m.read).toContain("英大文字");
    await m.tap("はい");
    expect(m.read).toContain("「gmail.com」ではありませんか");
    await m.tap("はい");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe("ogawa.sekkotsu@gmail.com");
  });

  it("a carrier address reached through the typo offer still comes with the word on its filter", async () => {
    const m = newMember();
    await atPhone(m);
    await m.say("0486251211");
    await m.say("taro@docomo.ne.j");
    await m.tap("はい");
    expect(m.read).toContain("from@mail.iryohokenjyoho-portalsite.jp");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe("taro@docomo.ne.jp");
  });

  it.each(["taro..s@gmail.com", "taro.@gmail.com", "taro@.gmail.com"])(
    "「%s」 is refused with the portal's reason",
    async (typed) => {
      const m = newMember();
      await atPhone(m);
      await m.say("0486251211");
      await m.say(typed);
      expect(m.read).toContain("「.」が続いているか");
      const state = await conversation(bot.db, m.userId);
      expect(state.step).toBe("email");
      expect(state.answers.email).toBeUndefined();
    },
  );
});

describe("yes and no in the member's own words at the form's questions", () => {
  it("「そうそうcomです」 takes the offered domain; 「続けます」 at the cancel question goes on; 「…もどって」 goes back", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎", "施術所（柔道整復）", "協1101234-5-6", "さいたま接骨院", "0486251211"]);
    await m.say("yamada1954@icloud.con");
    expect(m.read).toContain("icloud.com");
    await m.say("そうそうcomです");
    expect((await conversation(bot.db, m.userId)).answers.email).toBe("yamada1954@icloud.com");
    const other = newMember();
    await atField(other, ["埼玉"]);
    await other.say("やめる");
    await other.say("いや続けます");
    expectAsked(other, "givenName");
    await other.say("あっまちがえたもどって");
    expectAsked(other, "familyName");
  });

  it("「これでおねがいします」 at the card takes it, as 「この内容でOK」 would", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("これでおねがいします");
    expect(m.read).not.toContain(C.messages.pressButton);
    expect(m.quickLabels).toContain("登録ボタンを押した");
  });

  it("「やっぱりやめない」 after 「やめる」 goes on with the form, answers kept", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say(SAMPLE.familyName);
    await m.say("やめる");
    await m.say("やっぱりやめない");
    expect(m.read).not.toContain(C.messages.pressButton);
    expectAsked(m, "givenName");
  });
});

describe("corrections at 入力内容確認 and after the copy sheet", () => {
  it("several fields corrected in one message are offered together; 「はい」 changes them all (play16)", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say(
      "名前のところがおかしなことになってますね姓は田中で名は正夫ですそれと施術所名は田中接骨院だけです",
    );
    expect(m.read).toContain("姓・名・施術所名を「田中／正夫／田中接骨院」に変えますか");
    await m.say("はい");
    expect((await conversation(bot.db, m.userId)).answers).toMatchObject({
      familyName: "田中",
      givenName: "正夫",
      clinicName: "田中接骨院",
    });
    // Only the one that changes is offered (「姓は田中」 again); 「…にしてください」 is not part of the value.
    await m.say("は？？姓がおかしくなってる😡 姓は田中、名は健太");
    expect(m.read).toContain("名を「健太」に変えますか");
    await m.say("いいえ");
    await m.say("施術所名は田中整骨院にしてください");
    expect(m.read).toContain("施術所名を「田中整骨院」に変えますか");
  });

  it("「…この内容でOKです」 as the last sentence is OK; 「メアド間違えた gmailです」 offers the gmail.com kept as typed (play17)", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("わかりました、登録は進めます。この内容でOKです");
    expect(m.read).toContain("ポータル入力用シート");
    const typo = newMember();
    await typo.say("登録");
    for (const v of [SAMPLE.familyName, SAMPLE.givenName]) await typo.say(v);
    await typo.tap(SAMPLE.affiliationLabel);
    await typo.tap(SAMPLE.agreementKind);
    for (const v of [SAMPLE.digits, SAMPLE.clinicName, SAMPLE.phone, "sato@gmial.com"]) await typo.say(v);
    await typo.tap("このまま");
    expect((await conversation(bot.db, typo.userId)).answers.email).toBe("sato@gmial.com");
    await typo.say("メアド間違えた gmailです");
    expect(typo.read).toContain("メールアドレスを「sato@gmail.com」に変えますか");
    await typo.say("はい");
    expect((await conversation(bot.db, typo.userId)).answers.email).toBe("sato@gmail.com");
  });

  it("「じゃあ父の名前にします。山本 茂です」 at the card offers both names", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("じゃあ父の名前にします。山本 茂です");
    expect(m.read).toContain("姓・名を「山本／茂」に変えますか");
    await m.say("はい");
    expect((await conversation(bot.db, m.userId)).answers).toMatchObject({
      familyName: "山本",
      givenName: "茂",
    });
  });

  it("a mail address with a comma for the dot (「info@satou-sekotsu,jp」) is offered with the dot, at the field and at the card", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("メアドやっぱ仕事用にする info@satou-sekotsu,jp");
    expect(m.read).toContain("「satou-sekotsu.jp」ではありませんか？");
    await m.say("はい");
    expect((await conversation(bot.db, m.userId)).answers.email).toBe("info@satou-sekotsu.jp");
  });

  it("a question about later (「めーるあとからかえられるの？」) is answered as a question, not a correction; 「きいてるだけ」 at the field list goes back to the card", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("めーるあとからかえられるの？");
    expect(m.read).not.toContain(C.reading.onlyAsking);
    expect(m.quickLabels).not.toContain("メールアドレス");
    expect(m.quickLabels).toContain("この内容でOK");
    await m.tap("修正する");
    expect(m.quickLabels).toContain("メールアドレス");
    await m.say("ちがうの　きいてるだけ");
    expect(m.read).toContain(C.reading.onlyAsking);
    expect(m.quickLabels).toContain("この内容でOK");
    expect((await conversation(bot.db, m.userId)).answers.email).toBe(SAMPLE.email);
  });

  it("a question at the card is answered without the whole card again; 「内容を見る」 shows it", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("リンクの有効期限は？");
    expect(m.read).toContain("24時間");
    expect(m.last.some((x) => x.type === "flex")).toBe(false);
    expect(m.quickLabels).toEqual(expect.arrayContaining(["この内容でOK", "修正する", "内容を見る"]));
    await m.tap("内容を見る");
    expect(m.last.at(-1)?.type).toBe("flex");
  });

  it("「はい、それです」 of a 「…のことでしょうか」 is not put beside the form's own buttons", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("併設ってなに？");
    const nearEntry = FAQ_ENTRIES.find((e) => e.id === "heisetsu")!;
    expect(m.read).toContain(FAQ_MESSAGES.unsureOne(nearEntry.label));
    expect(m.quickLabels).not.toContain(FAQ_MESSAGES.yesShow);
    expect(m.quickLabels).not.toContain(FAQ_MESSAGES.notThis);
    expect(m.quickLabels[0]).toBe(nearEntry.label);
  });

  it("「電話番号を間違えました」 opens the phone number; the new one goes back to the card", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("電話番号を間違えました");
    expectAsked(m, "phoneNumber");
    await m.say("048-222-3333");
    expect(cardValue(m.last.at(-1), ROWS.phoneNumber)).toBe("0482223333");
  });

  it("after the portal registration, 「登録」「続きから」 say it is done and offer the sheet, not the card", async () => {
    const m = newMember();
    await completeRegistration(m);
    await m.say("登録ボタンを押した");
    for (const typed of ["登録", "続きから"]) {
      await m.say(typed);
      expect(m.read).toContain(C.messages.alreadyRegistered);
      expect(m.read).not.toContain("まだ登録は終わっていません");
      expect(m.quickLabels).toEqual([C.buttons.sheet, C.buttons.review, C.buttons.progress]);
    }
    await m.tap(C.buttons.sheet);
    expect(m.read).toContain(SAMPLE.email);
    await m.say("登録");
    await m.tap(C.buttons.review);
    expect(m.last.at(-1)?.type).toBe("flex");
    expect(m.quickLabels).toContain("この内容でOK");
  });

  it("an old form button during the eligibility check says so and asks the check's question again", async () => {
    const m = newMember();
    await m.say("対象");
    const question = m.last.at(-1)?.text ?? "";
    await m.postback("a=reg.ok");
    expect(m.read).toContain(C.messages.staleIdle);
    expect(m.last.at(-1)?.text).toBe(question);
    expect(m.quickLabels.length).toBeGreaterThan(2);
  });

  it("「よくある質問」 mid-form shows the example questions as buttons under the form's question", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("よくある質問");
    expect(m.read).toContain(MENU.faqPromptInForm);
    expectAsked(m, "familyName");
    expect(m.quickLabels.slice(0, MENU.faqExamples.length)).toEqual(MENU.faqExamples);
    expect(m.quickLabels).toContain("やめる");
  });

  it("「データ全部消して」 asks before erasing; 「シート」 with nothing entered says so", async () => {
    const m = newMember();
    await m.say("データ全部消して");
    expect(m.read).toContain(MENU.erase.confirm);
    expect(m.quickLabels).toEqual([MENU.erase.yes, MENU.erase.no]);
    await m.tap(MENU.erase.no);
    await m.say("シート");
    expect(m.read).toContain(C.messages.notStarted);
  });

  it.each(["さっきのシートもう一回", "入力シート見たい"])(
    "「%s」 shows the copy sheet again",
    async (typed) => {
      const m = newMember();
      await completeRegistration(m);
      await m.say("こんにちは");
      await m.say(typed);
      expect(m.read).toContain(SAMPLE.email);
    },
  );

  it("「手続き」 holds 「続き」 but is not 「続きから」: a question about a procedure is not the form", async () => {
    const m = newMember();
    await m.say("息子は何か別に手続きがいりますか");
    expect((await conversation(bot.db, m.userId)).flow).toBe("idle");
    expect(m.read).not.toContain(C.intro[0]!);
  });

  it("voice input spacing every character (「山 田 一 郎 です」) is one name, offered split", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("山 田 一 郎 です");
    expect(m.read).toContain("姓「山田」、名「一郎」でよろしいですか");
  });

  it("「ポータルのほうで押したんです」 at the card: the card is this LINE's, and nothing is recorded", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("いえそうじゃなくてポータルのほうで押したんです");
    expect(m.read).toContain(C.messages.cardNotPortal);
    expect(m.quickLabels).toContain("この内容でOK");
    expect((await conversation(bot.db, m.userId)).step).toBe("confirm");
  });

  it.each([
    ["すすみぐあい", "progress"],
    ["とうろくをはじめたいです", "registration"],
  ])("a command typed in kana (「%s」) does what the kanji one does", async (typed, kind) => {
    const m = newMember();
    await m.say(typed);
    if (kind === "progress") expect(m.last.at(-1)?.type).toBe("flex");
    else expectAsked(m, "familyName");
  });

  it("「よくあるしつもん」 in kana mid-form shows the examples, and nothing is stored as the name", async () => {
    const m = newMember();
    await atField(m, ["埼玉"]);
    await m.say("よくあるしつもん");
    expect(m.read).toContain(MENU.faqPromptInForm);
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "埼玉" });
  });

  it("mid-form, a trouble told without a question mark that the FAQ answers is answered, then the field again", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.tap("施術所（柔道整復）");
    await m.say("しょうだくつうちしょがみあたらないんだけど");
    const numberWhere = FAQ_ENTRIES.find((e) => e.id === "number-where")!;
    expect(m.read).toContain(numberWhere.answer.slice(0, 20));
    expectAsked(m, "agreementKind");
  });

  it("「登録ボタンを押した」 tapped at the card confirms it and records the report", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.postback("a=journey.report&step=linkSent");
    expect(m.read).toContain("リンクの有効期限は24時間");
    expect((await conversation(bot.db, m.userId)).flow).toBe("idle");
    expect(await savedRegistration(bot.db, m.userId)).toMatchObject({ email: SAMPLE.email });
  });

  it("past ②, 「番号まちがえました、4101234-5-7です」 without 協 corrects ② too (the 協/契 kept)", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    await m.tap("施術所（柔道整復）");
    await m.say("協1101234-5-6");
    await m.say("番号まちがえました、4101234-5-7です");
    expect(m.read).toContain("協4101234-5-7");
    expect((await conversation(bot.db, m.userId)).answers.registrationDigits).toBe("410123457");
  });

  it("voice input's fillers before a name (「えーとですね、あの、山田です」) are not part of it", async () => {
    const m = newMember();
    await atField(m, []);
    await m.say("えーとですね、あの、山田です");
    expect((await conversation(bot.db, m.userId)).answers.familyName).toBe("山田");
  });

  it("a kana family name ending in だ (「よしだ」) is stored whole", async () => {
    const m = newMember();
    await atField(m, ["よしだ"]);
    expectAsked(m, "givenName");
    expect((await conversation(bot.db, m.userId)).answers.familyName).toBe("よしだ");
  });

  it("「名前まちがえた 健一だわ」 at the card offers the 名 「健一」 (not the 姓 opened and 健一 lost)", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("名前まちがえた 健一だわ");
    expect(m.read).toContain("名を「健一」に変えますか");
    await m.tap("はい、変える");
    expect(cardValue(m.last.at(-1), ROWS.givenName)).toBe("健一");
    expect(cardValue(m.last.at(-1), ROWS.familyName)).toBe(SAMPLE.familyName);
  });

  it("「名は正志で」 at the card offers 「正志」, not 「正志で」", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("名は正志で");
    expect(m.read).toContain("名を「正志」に変えますか");
  });

  it("「電話は…に戻してください」 at the card opens the phone number (a correction without the new value)", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("電話は医院の方に戻してください");
    expectAsked(m, "phoneNumber");
  });

  it.each([
    ["施術所名の【】はいらないです", "【小川接骨院】（本院）", "小川接骨院（本院）"],
    ["（本院）は消して", "【小川接骨院】（本院）", "【小川接骨院】"],
  ])("「%s」 at the card offers the name without that part", async (typed, clinicName, offered) => {
    const m = newMember();
    await fillToConfirm(m, { ...SAMPLE, clinicName });
    await m.say(typed);
    expect(m.read).toContain(`「${offered}」に変えますか`);
    await m.tap("はい、変える");
    expect(cardValue(m.last.at(-1), ROWS.clinicName)).toBe(offered);
  });

  it("「ちょっと院長に確認してきます」 at the card pauses, keeping every answer", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("ちょっと院長に確認してきます");
    expect(m.read).toContain(U.social.later.inForm);
    expect((await conversation(bot.db, m.userId)).answers.email).toBe(SAMPLE.email);
    await m.tap(MENU.resumeLabel);
    expect(m.last.at(-1)?.type).toBe("flex");
  });

  it("a new address typed at the card offers to replace it", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("aoi.new@example.jp");
    expect(m.read).toContain("メールアドレスを「aoi.new@example.jp」に変えますか");
    await m.tap("はい、変える");
    expect(cardValue(m.last.at(-1), ROWS.email)).toBe("aoi.new@example.jp");
  });

  it.each([
    [`名前の漢字が違います。${SAMPLE.givenName}じゃなくて茜です`, ROWS.givenName, "茜"],
    ["名は茜です", ROWS.givenName, "茜"],
    ["施術所名は鳩ヶ谷接骨院に直してください", ROWS.clinicName, "鳩ヶ谷接骨院"],
    ["施術所名おかしなってるやん やまだ整骨院に直して", ROWS.clinicName, "やまだ整骨院"],
    ["正しくは鳩ヶ谷整骨院（本院）です", ROWS.clinicName, "鳩ヶ谷整骨院（本院）"],
  ])("「%s」 at the card offers the new value", async (typed, row, value) => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say(typed);
    expect(m.read).toContain(`「${value}」に変えますか`);
    await m.tap("はい、変える");
    expect(cardValue(m.last.at(-1), row)).toBe(value);
  });

  it("「姓を間違えました」 opens 姓, with no value taken from the words", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("姓を間違えました");
    expectAsked(m, "familyName");
    expect((await conversation(bot.db, m.userId)).answers.familyName).toBe(SAMPLE.familyName);
  });

  it("「さっきの表もういっかいみせて」 after the copy sheet shows it again", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.tap("この内容でOK");
    await m.say("さっきの表もういっかいみせて");
    expect(m.last[0]?.altText ?? "").toContain("ポータル入力用シート");
  });

  it("「修正したい」 after the copy sheet reopens the card with the answers", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.tap("この内容でOK");
    expect(await savedRegistration(bot.db, m.userId)).not.toBeNull();
    await m.say("修正したい");
    expect(m.last.at(-1)?.type).toBe("flex");
    expect(cardValue(m.last.at(-1), ROWS.clinicName)).toBe(SAMPLE.clinicName);
  });
});

describe("a question for a person is never lost", () => {
  it("mid-form: 「担当者に聞く」, the question, 送る: filed, and the form resumes", async () => {
    const m = newMember();
    await atField(m, ["埼玉"]);
    await m.say("担当者に聞く");
    expect(m.read).toContain(MENU.inquiry.askPrompt);
    await m.say("受領委任承諾通知書が見つかりません。再発行はどこに頼めばいいですか");
    expect(m.read).toContain("受領委任承諾通知書が見つかりません");
    expect(m.quickLabels).toEqual([MENU.inquiry.sendLabel, MENU.inquiry.addLabel, MENU.inquiry.cancelLabel]);
    expect(await inquiriesOf(m.userId)).toEqual([]);
    await m.tap(MENU.inquiry.sendLabel);
    expect(m.read).toContain(SENT);
    expect(m.read).toContain(MENU.inquiry.staffHours);
    expectAsked(m, "givenName");
    expect(await inquiriesOf(m.userId)).toEqual([
      "受領委任承諾通知書が見つかりません。再発行はどこに頼めばいいですか",
    ]);
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "埼玉" });
  });

  it("「担当者」 then 「登録」 starts the registration and files nothing", async () => {
    const m = newMember();
    await m.say("担当者");
    await m.say("登録");
    expectAsked(m, "familyName");
    expect(await inquiriesOf(m.userId)).toEqual([]);
  });

  it("「担当者」 then 「はい」 asks what it is about", async () => {
    const m = newMember();
    await m.say("担当者");
    await m.say("はい");
    expect(m.read).toContain(MENU.inquiry.askAgain);
    await m.say("アプリの設定ができません");
    await m.say("書き足す");
    expect(m.read).toContain(MENU.inquiry.addPrompt);
    await m.say("Windows11のパソコンです");
    expect(m.read).toContain("アプリの設定ができません\nWindows11のパソコンです");
    await m.say("送る");
    expect(await inquiriesOf(m.userId)).toEqual(["アプリの設定ができません\nWindows11のパソコンです"]);
  });

  it("「まだ？」 after sending says when it was sent and when staff answer", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定画面が出てきません");
    await m.say("おくる");
    expect(m.read).toContain(SENT);
    await m.say("まだ？");
    expect(m.read).toContain("担当者へお送りしています");
    expect(m.read).toContain(MENU.inquiry.staffHours);
    expect(m.read, "a Wednesday").not.toContain(MENU.inquiry.weekend);
    expect(await inquiriesOf(m.userId)).toHaveLength(1);
    expect(m.read).not.toContain(MENU.inquiry.sorryWait);
    await m.say("きのう質問したのに まだですか？");
    expect(m.read, "asked again: an apology first").toContain(MENU.inquiry.sorryWait);
    // On a Saturday in Japan the member is told the answer comes on Monday at the earliest.
    const before = bot.clock.now();
    bot.clock.set("2026-12-05T01:00:00.000Z");
    try {
      await m.say("まだ？");
      expect(m.read).toContain(MENU.inquiry.weekend);
    } finally {
      bot.clock.set(before.toISOString());
    }
  });

  it("once staff answered, 「へんじまだ？」 says the answer was sent to this chat, not 「お待ちください」", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定画面が出てきません");
    await m.say("送る");
    await m.say("へんじきた？");
    expect(m.read, "not answered yet").toContain("担当者へお送りしています");
    // What the staff page's answer writes (its own route is tested in test/admin): answered, with the time.
    await bot.db.run(
      sql`update inquiries set status = 'answered', answered_at = ${bot.clock.now().toISOString()} where user_id = ${m.userId}`,
    );
    await m.say("へんじまだ？");
    expect(m.read).toContain("担当者からのお返事は");
    expect(m.read).not.toContain("もうしばらくお待ちください");
    await m.say("きのうじむきょくにしつもんおくったんだけどどうなった");
    expect(m.read).toContain("担当者からのお返事は");
  });

  it("「まだ？」 in the middle of a form, days later, still asks after the question sent", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定画面が出てきません");
    await m.say("おくる");
    await atField(m, ["埼玉"]);
    await m.say("でんわまだこないんだけど");
    expect(m.read).toContain("担当者へお送りしています");
    expectAsked(m, "givenName");
    expect((await conversation(bot.db, m.userId)).answers.givenName).toBeUndefined();
  });

  it("with a question sent, 「カードリーダーはまだ買ってないんだけど大丈夫？」 is a question, not 「まだ？」", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリの設定画面が出てきません");
    await m.say("おくる");
    await m.say("カードリーダーはまだ買ってないんだけど大丈夫？");
    expect(m.read).not.toContain("担当者へお送りしています");
  });

  it("「ちがいます」 to the question shown for sending asks for the one meant; nothing is appended", async () => {
    const m = newMember();
    await m.say("会費はいつまでに払えばいいですか");
    await m.tap(FAQ_MESSAGES.askPerson);
    expect(m.read).toContain("会費はいつまでに払えばいいですか");
    await m.say("ちがいます会費じゃないです");
    expect(m.read).toContain(MENU.inquiry.notThis);
    await m.say("補助金の申請のことで相談したい");
    expect(m.read).toContain("補助金の申請のことで相談したい");
    expect(m.read).not.toContain("会費");
    // The weather is nobody's job here: not offered to a person, not the draft of a later request.
    const w = newMember();
    await w.say("明日の天気は？");
    expect(w.quickLabels).not.toContain(FAQ_MESSAGES.askPerson);
    await w.say("人と話したい");
    expect(w.read).not.toContain("天気");
  });

  it("a call-back wish with no topic asks what it is about and keeps the wish, never the question before it", async () => {
    const m = newMember();
    await m.say("明日の天気は？");
    await m.say("人と話したいです。電話してもらえますか");
    expect(m.read).toContain(MENU.inquiry.callBackTopic);
    expect(m.quickLabels).toEqual([MENU.inquiry.sendAsIsLabel, MENU.inquiry.cancelLabel]);
    await m.say("はい");
    expect(m.read).toContain("「人と話したいです。電話してもらえますか」");
    expect(m.read).not.toContain("天気");
    await m.say("アプリの設定のことです。午後なら出られます");
    expect(m.read).toContain(
      "「人と話したいです。電話してもらえますか\nアプリの設定のことです。午後なら出られます」",
    );
    await m.tap(MENU.inquiry.sendLabel);
    expect(m.read).toContain(MENU.inquiry.callBackNoted);
    expect(await inquiriesOf(m.userId)).toEqual([
      "人と話したいです。電話してもらえますか\nアプリの設定のことです。午後なら出られます",
    ]);
  });

  it.each(["担当者に電話してほしい", "電話ください", "人と話せる？電話してほしい"])(
    "「%s」 asks the topic of the call; 「このまま送る」 sends the wish as it is",
    async (typed) => {
      const m = newMember();
      await m.say(typed);
      expect(m.read).toContain(MENU.inquiry.callBackTopic);
      await m.tap(MENU.inquiry.sendAsIsLabel);
      expect(m.read).toContain(MENU.inquiry.callBackNoted);
      expect(await inquiriesOf(m.userId)).toEqual([typed]);
    },
  );

  it("a call-back wish that says its topic (「担当の人から電話もらえますか、補助金の書類…」) is the draft at once; only the number is asked", async () => {
    const m = newMember();
    await m.say("担当の人から電話もらえますか、補助金の書類の書き方がわからない");
    expect(m.read).toContain("「担当の人から電話もらえますか、補助金の書類の書き方がわからない」");
    expect(m.read).not.toContain(MENU.inquiry.callBackTopic);
    expect(m.read).toContain(MENU.inquiry.callBackNumber.split("\n")[0]!);
  });

  it.each([
    ["ロボットじゃなくて人に代わってもらえますか"],
    ["担当の方に代わってください"],
    ["事務局の人につないでください"],
    ["だれか人間いないの"],
    ["ひとにはなしたい"],
    ["たんとうのひとにききたいんだけど"],
    ["だれかじむきょくのひとにきいてもらえる？"],
    ["かかりの人につないでもらえますか"],
    // A sentence of 「わからない」 before it says nothing of the member's own either (play16).
    ["うーんよくわからん。誰か人と話せない？"],
  ])(
    "「%s」 starts the question to staff at once (not an FAQ about the button, nor a draft of itself)",
    async (typed) => {
      const m = newMember();
      await m.say(typed);
      expect(m.read).toContain(MENU.inquiry.askPrompt);
      expect(m.read).not.toContain(`「${typed}」`);
      await m.say("補助金の書類はどこで手に入りますか");
      expect(m.read).toContain("「補助金の書類はどこで手に入りますか」");
      await m.tap(MENU.inquiry.sendLabel);
      expect(await inquiriesOf(m.userId)).toEqual(["補助金の書類はどこで手に入りますか"]);
    },
  );

  it("a request for a person with a question of its own sends that question", async () => {
    const m = newMember();
    await m.say("担当の人に聞きたいんだけど補助金の書類はどこにあるの");
    expect(m.read).toContain("「担当の人に聞きたいんだけど補助金の書類はどこにあるの」");
  });

  it("asked to be called back, the number is asked and the member is told so; 送る tapped twice sends once", async () => {
    const m = newMember();
    await m.say("担当者に聞く");
    await m.say("アプリが起動しません。電話でおしえてほしいです");
    expect(m.read).toContain(MENU.inquiry.callBackNumber.split("\n")[0]!);
    await m.say("048-111-2222 午前中なら出られます");
    await m.tap(MENU.inquiry.sendLabel);
    expect(m.read).toContain(MENU.inquiry.callBackNoted);
    await m.postback("a=inquiry.send");
    expect(m.read).toContain("担当者へお送りしています");
    expect(await inquiriesOf(m.userId)).toHaveLength(1);
  });

  it("送らない drops it", async () => {
    const m = newMember();
    await m.say("担当者に聞きたい");
    await m.say("会費の振込先を知りたい");
    await m.tap(MENU.inquiry.cancelLabel);
    expect(m.read).toContain(MENU.inquiry.cancelled);
    expect(await inquiriesOf(m.userId)).toEqual([]);
  });
});

describe("no dead ends", () => {
  it("every reply to a varied chat ends with buttons", async () => {
    const m = newMember();
    for (const typed of [
      "こんにちは",
      "補助金はいくら？",
      "会費はいくらですか",
      "ありがとう",
      "よくある質問",
      "リンクの有効期限は？",
      "あああ",
      "進み具合",
      "担当者",
      "送らない",
      "コールセンター",
      "登録",
      "やめる",
      "はい、やめる",
      "データ削除",
      "やめておく",
    ]) {
      await m.say(typed);
      expect(m.quickLabels.length, `after 「${typed}」`).toBeGreaterThan(0);
    }
  });

  it("the likeliest 所属機関 comes first", async () => {
    const m = newMember();
    await atField(m, ["埼玉", "太郎"]);
    expect(m.quickLabels[0]).toBe("施術所（柔道整復）");
  });
});
