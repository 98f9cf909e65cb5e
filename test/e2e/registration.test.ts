// The registration dialog end to end: real server, simulator API over HTTP, SDK client to the LINE
// emulator, libSQL file. Asserts what a member notices (the prompt of the right field, the buttons,
// the values on the cards) and what is stored, using the wording from flows/ so rewording is free.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { registrationCopy as C } from "../../flows/registration.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { conversation, dumpAllTables, memberRow, savedRegistration } from "../helpers/e2e-db.js";
import { fillToConfirm, SAMPLE } from "../helpers/e2e-form.js";
import { flexActions, flexTexts, Member, type Message } from "../helpers/e2e-member.js";

type FieldName = keyof typeof C.fields;

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const newMember = () => new Member(() => bot);

/** The last bubble asks for `field` (its prompt from flows/registration). */
function expectAsked(m: Member, field: FieldName): void {
  expect(m.last.at(-1)?.text ?? "", `expected the ${field} prompt`).toContain(C.fields[field].prompt);
}

/** The value shown right after a row label in a Flex card. */
function cardValue(card: Message | undefined, label: string): string | undefined {
  const texts = flexTexts(card?.contents);
  const i = texts.indexOf(label);
  return i < 0 ? undefined : texts[i + 1];
}

const ROWS = C.confirmCard.rows;

describe("a clean run", () => {
  it("goes from follow to the copy sheet and saves the registration", async () => {
    const m = newMember();
    await m.follow();
    expect(m.quickLabels).toContain("登録をはじめる");
    await m.tap("登録をはじめる");
    expectAsked(m, "familyName");
    expect(m.quickLabels).toEqual(["ヘルプ", "やめる"]);
    await m.say("鳩ヶ谷");
    expectAsked(m, "givenName");
    expect(m.quickLabels).toContain("戻る");
    await m.say("葵");
    expectAsked(m, "affiliation");
    expect(m.quickLabels.slice(0, 3)).toEqual(C.affiliations.map((a) => a.label));
    await m.tap("施術所（柔道整復）");
    expectAsked(m, "agreementKind");
    expect(m.quickLabels.slice(0, 2)).toEqual(["協", "契"]);
    await m.tap("協");
    expectAsked(m, "registrationDigits");
    await m.say("110123456");
    expect(m.read).toContain("協1101234-5-6");
    expectAsked(m, "clinicName");
    await m.say("鳩ヶ谷ほねつぎ院");
    expectAsked(m, "phoneNumber");
    await m.say("0482221111");
    expectAsked(m, "email");
    await m.say("aoi.hatogaya@example.jp");

    const card = m.last.at(-1);
    expect(card?.type).toBe("flex");
    expect(flexTexts(card?.contents)).toContain(C.confirmCard.title);
    expect(cardValue(card, ROWS.familyName)).toBe("鳩ヶ谷");
    expect(cardValue(card, ROWS.givenName)).toBe("葵");
    expect(cardValue(card, ROWS.affiliation)).toBe("施術所（柔道整復）");
    expect(cardValue(card, ROWS.registrationNumber)).toBe("協1101234-5-6");
    expect(cardValue(card, ROWS.clinicName)).toBe("鳩ヶ谷ほねつぎ院");
    expect(cardValue(card, ROWS.phoneNumber)).toBe("0482221111");
    expect(cardValue(card, ROWS.email)).toBe("aoi.hatogaya@example.jp");
    expect(m.quickLabels).toContain("この内容でOK");
    expect(flexActions([card!]).map((a) => a.label)).toEqual(["この内容でOK", "修正する"]);

    await m.tap("この内容でOK");
    const sheet = m.last.find((msg) => msg.type === "flex");
    const clipboard = flexActions([sheet!]).filter((a) => a.type === "clipboard");
    expect(clipboard.map((a) => a.clipboardText)).toEqual([
      "鳩ヶ谷",
      "葵",
      "110123456",
      "0482221111",
      "aoi.hatogaya@example.jp",
    ]);
    const sheetTexts = flexTexts(sheet?.contents);
    for (const shown of ["施術所（柔道整復）", "協", "協1101234-5-6", "鳩ヶ谷ほねつぎ院"])
      expect(sheetTexts).toContain(shown);
    expect(m.quickLabels).toContain("登録ボタンを押した");

    expect(await savedRegistration(bot.db, m.userId)).toEqual({
      familyName: "鳩ヶ谷",
      givenName: "葵",
      affiliation: "施術所（柔道整復）",
      agreementKind: "協",
      registrationDigits: "110123456",
      clinicName: "鳩ヶ谷ほねつぎ院",
      phoneNumber: "0482221111",
      email: "aoi.hatogaya@example.jp",
    });
    expect((await memberRow(bot.db, m.userId))?.journey_step).toBe("registering");
  });
});

describe("messy input is cleaned to what the portal wants", () => {
  it("splits a full-width-spaced name, takes the whole number at ①, a full-width phone, and offers the mail in lower case", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("　鳩ヶ谷　葵　");
    expect(m.read).toContain("鳩ヶ谷");
    expectAsked(m, "affiliation");
    await m.tap("施術所（柔道整復）");
    await m.say("協1101234-5-6");
    expect(m.read).toContain("協1101234-5-6");
    expectAsked(m, "clinicName");
    await m.say("鳩ヶ谷ほねつぎ院");
    await m.say("０４８－６２５－１２１１");
    expectAsked(m, "email");
    await m.say("Aoi.Hatogaya@Example.JP");
    expect(m.read).toContain("aoi.hatogaya@example.jp");
    expect(m.quickLabels).toContain(C.buttons.mailYes);
    await m.tap(C.buttons.mailYes);
    const card = m.last.at(-1);
    expect(cardValue(card, ROWS.familyName)).toBe("鳩ヶ谷");
    expect(cardValue(card, ROWS.givenName)).toBe("葵");
    expect(cardValue(card, ROWS.registrationNumber)).toBe("協1101234-5-6");
    expect(cardValue(card, ROWS.phoneNumber)).toBe("0486251211");
    expect(cardValue(card, ROWS.email)).toBe("aoi.hatogaya@example.jp");
    await m.tap("この内容でOK");
    expect(await savedRegistration(bot.db, m.userId)).toMatchObject({
      agreementKind: "協",
      registrationDigits: "110123456",
      phoneNumber: "0486251211",
      email: "aoi.hatogaya@example.jp",
    });
  });

  it("takes full-width digits at ② and a half-width kana name as full-width kana", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("ﾊﾄｶﾞﾔ");
    await m.say("ｱｵｲ");
    await m.tap("施術所（柔道整復）");
    await m.tap("契");
    await m.say("１１０１２３４５６");
    expect(m.read).toContain("契1101234-5-6");
    const state = await conversation(bot.db, m.userId);
    expect(state.answers).toMatchObject({
      familyName: "ハトガヤ",
      givenName: "アオイ",
      agreementKind: "契",
      registrationDigits: "110123456",
    });
  });
});

describe("rejections keep every earlier answer", () => {
  it("refuses a bad phone, a bad mail, a sticker and 5,000 emoji, then goes on", async () => {
    const m = newMember();
    await m.say("登録");
    await m.sticker();
    expect(m.read).toContain(C.messages.nonText);
    expectAsked(m, "familyName");
    await m.say("鳩ヶ谷");
    await m.say("葵");
    await m.tap("施術所（柔道整復）");
    await m.tap("協");
    await m.say("110123456");
    await m.say("鳩ヶ谷ほねつぎ院");
    const before = await conversation(bot.db, m.userId);
    expect(before.step).toBe("phoneNumber");

    for (const bad of ["03-1234", "電話はまだありません", "1234567890"]) {
      await m.say(bad);
      expect(m.read).toContain(C.fields.phoneNumber.example);
      expect(m.quickLabels).toEqual(["戻る", "ヘルプ", "やめる"]);
      expect(await conversation(bot.db, m.userId)).toEqual(before);
    }
    await m.sticker();
    expectAsked(m, "phoneNumber");
    await m.say("😀".repeat(5000));
    expect(m.read).not.toContain("😀");
    expectAsked(m, "phoneNumber");
    expect(await conversation(bot.db, m.userId)).toEqual(before);

    await m.say("0482221111");
    expectAsked(m, "email");
    for (const bad of ["aoi@@example.jp", "aoi@example", "あおい@example.jp"]) {
      await m.say(bad);
      expect(m.read).toContain(C.fields.email.example);
      expect((await conversation(bot.db, m.userId)).step).toBe("email");
    }
    await m.sticker();
    expectAsked(m, "email");
    await m.say("aoi.hatogaya@example.jp");
    const card = m.last.at(-1);
    expect(cardValue(card, ROWS.familyName)).toBe("鳩ヶ谷");
    expect(cardValue(card, ROWS.registrationNumber)).toBe("協1101234-5-6");
    expect(cardValue(card, ROWS.clinicName)).toBe("鳩ヶ谷ほねつぎ院");
    expect(cardValue(card, ROWS.phoneNumber)).toBe("0482221111");
    expect(cardValue(card, ROWS.email)).toBe("aoi.hatogaya@example.jp");
  });
});

describe("cancel, back and edit", () => {
  it("asks before cancelling; 「いいえ」 keeps the answers, 「はい」 erases them", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("鳩ヶ谷");
    await m.say("葵");
    await m.say("やめる");
    expect(m.quickLabels).toEqual([C.buttons.cancelYes, C.buttons.cancelNo]);
    await m.tap(C.buttons.cancelNo);
    expectAsked(m, "affiliation");
    expect((await conversation(bot.db, m.userId)).answers).toEqual({ familyName: "鳩ヶ谷", givenName: "葵" });

    await m.say("やめる");
    await m.tap(C.buttons.cancelYes);
    const state = await conversation(bot.db, m.userId);
    expect(state.flow).toBe("idle");
    expect(state.answers).toEqual({});
    await m.say("登録");
    expectAsked(m, "familyName");
    expect(m.quickLabels).not.toContain(C.buttons.resume);
  });

  it("「戻る」 shows the previous field with its value and 「そのまま」 keeps it", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.say("戻る");
    expectAsked(m, "email");
    expect(m.read).toContain(SAMPLE.email);
    await m.say("戻る");
    expectAsked(m, "phoneNumber");
    expect(m.read).toContain(SAMPLE.phone);
    expect(m.quickLabels).toContain(C.buttons.keep);
    await m.tap(C.buttons.keep);
    expectAsked(m, "email");
    await m.tap(C.buttons.keep);
    expect(cardValue(m.last.at(-1), ROWS.phoneNumber)).toBe(SAMPLE.phone);
  });

  it("corrects one field from 入力内容確認 and comes back to the card", async () => {
    const m = newMember();
    await fillToConfirm(m);
    await m.tap("修正する");
    expect(m.quickLabels).toContain(C.fields.phoneNumber.pick);
    await m.tap(C.fields.phoneNumber.pick);
    expectAsked(m, "phoneNumber");
    expect(m.read).toContain(SAMPLE.phone);
    await m.say("048-999-0000");
    const card = m.last.at(-1);
    expect(card?.type).toBe("flex");
    expect(cardValue(card, ROWS.phoneNumber)).toBe("0489990000");
    expect(cardValue(card, ROWS.familyName)).toBe(SAMPLE.familyName);
    expect(cardValue(card, ROWS.email)).toBe(SAMPLE.email);
    await m.tap("この内容でOK");
    expect((await savedRegistration(bot.db, m.userId))?.phoneNumber).toBe("0489990000");
  });
});

describe("questions and the roster mid-form", () => {
  it("answers a FAQ question with its source and resumes at the same field", async () => {
    const m = newMember();
    await m.say("登録");
    await m.say("鳩ヶ谷");
    await m.say("葵");
    await m.tap("施術所（柔道整復）");
    await m.tap("協");
    await m.say("110123456");
    await m.say("鳩ヶ谷ほねつぎ院");
    await m.say("リンクの有効期限は？");
    expect(m.read).toContain("24時間");
    expect(m.read).toContain("出典");
    expectAsked(m, "phoneNumber");
    expect((await conversation(bot.db, m.userId)).answers.phoneNumber).toBeUndefined();
    await m.say("0482221111");
    expectAsked(m, "email");
  });

  it("offers the clinic name from the roster for confirmation", async () => {
    await bot.db.insert(schema.roster).values({
      registrationNumber: "協2201234-5-6",
      clinicName: "さいたま中央整骨院",
      importedAt: "2026-11-01T00:00:00.000Z",
    });
    const m = newMember();
    await m.say("登録");
    await m.say("鳩ヶ谷");
    await m.say("葵");
    await m.tap("施術所（柔道整復）");
    await m.say("協2201234-5-6");
    expect(m.read).toContain("さいたま中央整骨院");
    expect(m.quickLabels.slice(0, 2)).toEqual([C.buttons.clinicYes, C.buttons.clinicNo]);
    await m.tap(C.buttons.clinicYes);
    expectAsked(m, "phoneNumber");
    await m.say("0482221111");
    await m.say("aoi.hatogaya@example.jp");
    expect(cardValue(m.last.at(-1), ROWS.clinicName)).toBe("さいたま中央整骨院");
  });
});

describe("resume after a restart", () => {
  it("continues at the right field with the same database", async () => {
    let current = await startTestBot();
    const dir = current.dir;
    try {
      const m = new Member(() => current);
      await m.say("登録");
      await m.say("鳩ヶ谷");
      await m.say("葵");
      await m.tap("施術所（柔道整復）");
      expectAsked(m, "agreementKind");
      current = await current.restart();
      await m.say("協");
      expectAsked(m, "registrationDigits");
      await m.say("110123456");
      await m.say("鳩ヶ谷ほねつぎ院");
      await m.say("0482221111");
      await m.say("aoi.hatogaya@example.jp");
      expect(cardValue(m.last.at(-1), ROWS.familyName)).toBe("鳩ヶ谷");
      expect(cardValue(m.last.at(-1), ROWS.affiliation)).toBe("施術所（柔道整復）");
    } finally {
      await current.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

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
    expect(m.last.at(-1)?.type).toBe("flex");
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
    const lines = bot.logs.join("\n");
    expect(bot.logs.length).toBeGreaterThan(0);
    const personal = [
      "鳩ヶ谷",
      "葵",
      "ハトガヤ",
      "110123456",
      "1101234",
      "0482221111",
      "0486251211",
      "aoi.hatogaya",
      "example.jp",
      "ほねつぎ",
      "さいたま中央整骨院",
      "リンクの有効期限",
      "電話はまだありません",
      "ログインできません",
      ...SECRETS,
    ];
    for (const value of personal) expect(lines).not.toContain(value);
  });
});
