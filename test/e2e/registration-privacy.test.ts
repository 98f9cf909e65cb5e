// Passwords and logs during registration, end to end: a password sent at any step is neither
// echoed nor stored in any table, and the captured logger lines carry nothing a member typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { conversation, dumpAllTables, expectLogsFree } from "../helpers/e2e-db.js";
import { expectAsked, type FieldName } from "../helpers/e2e-form.js";
import { Member, type Message } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const newMember = () => new Member(() => bot);
const PASSWORDS = ["Abcdefg1", "パスワードはSaitama2024です"];
const SECRETS = ["Abcdefg1", "Saitama2024"];

describe("passwords", () => {
  it("are never echoed, never stored, and never move the form", async () => {
    const m = newMember();
    const replies: Message[] = [];
    const tryPasswords = async (field?: FieldName) => {
      const before = await conversation(bot.db, m.userId);
      for (const p of PASSWORDS) {
        replies.push(...(await m.say(p)));
        expect(m.last.length).toBeGreaterThan(0);
        if (field) expectAsked(m, field);
        expect(await conversation(bot.db, m.userId)).toEqual(before);
      }
    };
    await m.say("登録");
    await tryPasswords("familyName");
    await m.say("鳩ヶ谷");
    await m.say("葵");
    await m.tap("施術所（柔道整復）");
    await tryPasswords("agreementKind");
    await m.tap("協");
    await m.say("110123456");
    await m.say("鳩ヶ谷ほねつぎ院");
    await m.say("0482221111");
    await tryPasswords("email");
    await m.say("aoi.hatogaya@example.jp");
    await tryPasswords();
    // Still at 入力内容確認: its choices come back (the card itself only on 「内容を見る」).
    expect(m.quickLabels).toContain("この内容でOK");
    await m.tap("この内容でOK");
    await tryPasswords();

    const everything = JSON.stringify(replies) + (await dumpAllTables(bot.db));
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});

describe("passwords inside a sentence", () => {
  it("are not kept either, not even in a question handed to staff", async () => {
    const m = newMember();
    for (const sentence of [
      "パスワード、Saitama2024で合っていますか？",
      "ログインできません。Saitama2024と入れています",
    ]) {
      await m.say(sentence);
      expect(JSON.stringify(m.last)).not.toContain("Saitama2024");
      if (m.quickLabels.includes("どれでもない")) await m.tap("どれでもない");
      if (m.quickLabels.includes("担当者に聞く")) await m.tap("担当者に聞く");
    }
    expect(await dumpAllTables(bot.db)).not.toContain("Saitama2024");
  });
});

describe("logs", () => {
  it("never carry what members typed", () => {
    expectLogsFree(bot, [
      "鳩ヶ谷",
      "葵",
      "110123456",
      "0482221111",
      "aoi.hatogaya",
      "ほねつぎ",
      "ログインできません",
      ...SECRETS,
    ]);
  });
});
