// The registration dialog end to end: real server, simulator API over HTTP, SDK client to the LINE
// emulator, libSQL file. A clean run, messy input cleaned to the portal's format, and rejections.
// Asserts what a member notices (the prompt, the buttons, the card values) using flows/ wording.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registrationCopy as C } from "../../flows/registration.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { conversation, expectLogsFree, memberRow, savedRegistration } from "../helpers/e2e-db.js";
import { cardValue, expectAsked, ROWS } from "../helpers/e2e-form.js";
import { flexActions, flexTexts, Member } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const newMember = () => new Member(() => bot);
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
      // A sentence is told what to send instead, and may be put off (「あとで」).
      const extra = bad.startsWith("電話") ? ["あとで"] : [];
      expect(m.quickLabels).toEqual([...extra, "戻る", "ヘルプ", "やめる"]);
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

describe("logs", () => {
  it("never carry what members typed", () => {
    expectLogsFree(bot, [
      "鳩ヶ谷",
      "葵",
      "ハトガヤ",
      "110123456",
      "0482221111",
      "0486251211",
      "aoi.hatogaya",
      "ほねつぎ",
      "電話はまだありません",
    ]);
  });
});
