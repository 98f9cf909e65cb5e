// Free questions, the hand-over to a person, the eligibility check and 「データ削除」, end to end
// through the real server: what the member reads, and the rows staff will see (or must not see).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ELIGIBILITY_TREE } from "../../flows/eligibility.js";
import { FAQ_MESSAGES } from "../../flows/faq/messages.js";
import { OUTSIDE_TOPICS } from "../../flows/faq/outside.js";
import { menuContent as MENU } from "../../flows/menu.js";
import { registrationCopy as C } from "../../flows/registration.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import {
  conversation,
  countRows,
  dumpAllTables,
  expectLogsFree,
  savedRegistration,
  unseal,
} from "../helpers/e2e-db.js";
import { completeRegistration, SAMPLE } from "../helpers/e2e-form.js";
import { Member } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const newMember = () => new Member(() => bot);
const SOURCE_PREFIX = FAQ_MESSAGES.source("").trim();
/** What the member reads once the question is on its way to staff. */
const SENT = MENU.inquiry.created.split("{hours}")[0]!;

const OFF_TOPIC = "駐車場の予約はできますか？連絡は aoi.hatogaya@example.jp か 090-1234-5678 へお願いします";

async function inquiriesOf(userId: string) {
  return bot.db.all<{ question: string; status: string }>(
    sql`select question, status from inquiries where user_id = ${userId}`,
  );
}

describe("questions", () => {
  it("answers a typed question with its source", async () => {
    const m = newMember();
    await m.say("リンクの有効期限は？");
    expect(m.read).toContain("24時間");
    expect(m.last.at(-1)?.text).toMatch(new RegExp(`^${SOURCE_PREFIX}`));
  });

  it("is honest about an off-topic question and hands it to a person without personal data in the statistics", async () => {
    const m = newMember();
    const unansweredBefore = await countRows(bot.db, "unanswered_questions");
    await m.say(OFF_TOPIC);
    // Parking is a topic the desk knows it does not cover: named, with a person to ask.
    expect(m.read).toContain(OUTSIDE_TOPICS.find((t) => t.id === "association-office")!.reply!);
    expect(m.quickLabels).not.toContain(FAQ_MESSAGES.callCentreLabel);
    expect(m.quickLabels).toContain(FAQ_MESSAGES.askPerson);

    await m.tap(FAQ_MESSAGES.askPerson);
    expect(m.read, "the member sees what will be sent").toContain(OFF_TOPIC);
    expect(await inquiriesOf(m.userId), "nothing is sent before 「送る」").toHaveLength(0);
    await m.tap(MENU.inquiry.sendLabel);
    expect(m.read).toContain(SENT);
    const inquiries = await inquiriesOf(m.userId);
    expect(inquiries).toHaveLength(1);
    expect(inquiries[0]?.status).toBe("open");
    expect(unseal(inquiries[0]!.question)).toBe(OFF_TOPIC);

    const unanswered = await bot.db.all<{ question: string }>(
      sql`select question from unanswered_questions order by id desc limit 1`,
    );
    expect(await countRows(bot.db, "unanswered_questions")).toBe(unansweredBefore + 1);
    const kept = unanswered[0]!.question;
    expect(kept).toContain("駐車場");
    for (const personal of ["aoi.hatogaya", "example.jp", "090", "1234", "5678"])
      expect(kept).not.toContain(personal);

    await m.postback("a=inquiry.create");
    expect(await inquiriesOf(m.userId)).toHaveLength(1);
  });
});

describe("typed 「担当者に聞く」", () => {
  it("does not file an old unanswered question without asking", async () => {
    const m = newMember();
    await m.say("駐車場はありますか？");
    expect(m.quickLabels).toContain(FAQ_MESSAGES.askPerson);
    bot.clock.advance(3 * 24 * 3_600_000);
    await m.say("リンクの有効期限は？");
    await m.say("登録ボタンを押した");
    await m.say("担当者に聞く");
    const filed = (await inquiriesOf(m.userId)).map((i) => unseal(i.question));
    expect(filed, "the 3-day-old question was handed to staff").not.toContain("駐車場はありますか？");
  });
});

describe("the eligibility check", () => {
  const question = (id: string) => {
    const node = ELIGIBILITY_TREE.nodes.find((n) => n.id === id);
    if (node?.kind !== "question") throw new Error(`no question ${id}`);
    return node;
  };

  it("walks its quick replies to the end and 「登録をはじめる」 starts the registration", async () => {
    const m = newMember();
    await m.follow();
    await m.tap("対象か確認する");
    expect(m.read).toContain(question("facility").text);
    expect(m.quickLabels).toEqual([
      ...question("facility").choices.map((c) => c.label),
      ELIGIBILITY_TREE.quitLabel,
    ]);
    await m.tap("柔道整復の施術所");
    expect(m.read).toContain(question("juryo").text);
    await m.say("はい");
    expect(m.read).toContain(question("number").text);
    await m.tap("協");
    expect(m.read).toContain(question("device").text);
    await m.tap("パソコン＋カードリーダー");
    expect(m.quickLabels).toContain("登録をはじめる");
    expect((await conversation(bot.db, m.userId)).flow).toBe("idle");

    await m.tap("登録をはじめる");
    expect(m.last.at(-1)?.text).toContain(C.fields.familyName.prompt);
    expect((await conversation(bot.db, m.userId)).flow).toBe("registration");
  });

  it("re-asks on an unknown answer and stops on 「やめる」", async () => {
    const m = newMember();
    await m.say("対象");
    await m.say("たぶん");
    expect(m.read).toContain(ELIGIBILITY_TREE.reask);
    expect(m.read).toContain(question("facility").text);
    await m.tap(ELIGIBILITY_TREE.quitLabel);
    expect(m.read).toContain(ELIGIBILITY_TREE.left);
    expect((await conversation(bot.db, m.userId)).flow).toBe("idle");
  });
});

describe("「データ削除」", () => {
  const ERASED = {
    ...SAMPLE,
    familyName: "蕨野",
    digits: "330123456",
    clinicName: "蕨野接骨院",
    phone: "0481234567",
    email: "warabino.k@example.org",
  };

  it("asks first, then erases the registration and the inquiries and resets the conversation", async () => {
    const m = newMember();
    await completeRegistration(m, ERASED);
    await m.say("駐車場はありますか？ warabino.k@example.org にご連絡ください");
    await m.tap(FAQ_MESSAGES.askPerson);
    await m.tap(MENU.inquiry.sendLabel);
    expect(await inquiriesOf(m.userId)).toHaveLength(1);

    await m.say("データ削除");
    expect(m.quickLabels).toEqual([MENU.erase.yes, MENU.erase.no]);
    await m.tap(MENU.erase.no);
    expect(await savedRegistration(bot.db, m.userId)).not.toBeNull();

    await m.say("データ削除");
    await m.tap(MENU.erase.yes);
    expect(m.read).toContain(MENU.erase.done);
    expect(await savedRegistration(bot.db, m.userId)).toBeNull();
    expect(await inquiriesOf(m.userId)).toHaveLength(0);
    expect(await conversation(bot.db, m.userId)).toEqual({ flow: "idle", answers: {} });

    const everything = await dumpAllTables(bot.db);
    for (const value of ["蕨野", "330123456", "0481234567", "warabino"])
      expect(everything).not.toContain(value);

    await m.say("登録");
    expect(m.last.at(-1)?.text).toContain(C.fields.familyName.prompt);
    expect(m.quickLabels).not.toContain(C.buttons.resume);
  });

  it("mid-form: 「やめておく」 resumes the form, 「削除する」 ends it", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("鳩ヶ谷");
    await m.say("データ削除");
    await m.tap(MENU.erase.no);
    expect(m.last.at(-1)?.text).toContain(C.fields.givenName.prompt);
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "鳩ヶ谷" });
    await m.say("データ削除");
    await m.tap(MENU.erase.yes);
    expect(await conversation(bot.db, m.userId)).toEqual({ flow: "idle", answers: {} });
  });
});

describe("logs", () => {
  it("carry neither the questions nor the personal values in them", () => {
    expectLogsFree(bot, [
      "駐車場",
      "aoi.hatogaya",
      "example",
      "090-1234",
      "5678",
      "蕨野",
      "warabino",
      "0481234567",
      "鳩ヶ谷",
    ]);
  });
});
