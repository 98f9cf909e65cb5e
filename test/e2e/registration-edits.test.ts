// The registration dialog end to end, continued: cancel (asked first), 「戻る」, correcting one field
// from 入力内容確認, a FAQ question mid-form, the roster's 施術所名, and resuming after a restart.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { registrationCopy as C } from "../../flows/registration.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { conversation, expectLogsFree, savedRegistration } from "../helpers/e2e-db.js";
import { cardValue, expectAsked, fillToConfirm, ROWS, SAMPLE } from "../helpers/e2e-form.js";
import { Member } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const newMember = () => new Member(() => bot);
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

describe("logs", () => {
  it("never carry what members typed", () => {
    expectLogsFree(bot, [
      "鳩ヶ谷",
      "葵",
      "110123456",
      "0482221111",
      "0489990000",
      "aoi.hatogaya",
      "リンクの有効期限",
      "さいたま中央整骨院",
    ]);
  });
});
