// Hostile and odd input through the real server: floods, broken Unicode, NUL bytes, every message
// type, garbage postbacks, unknown events and group chats. Each gets a clear answer or a clean
// 2xx/4xx (never a 500), and a member's half-filled form survives all of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuContent as MENU } from "../../flows/menu.js";
import { registrationCopy as C } from "../../flows/registration.js";
import type { ConversationState } from "../../src/engine/types.js";
import { newUserId, startTestBot, type TestBot } from "../helpers/bot.js";
import { conversation, memberRow } from "../helpers/e2e-db.js";
import { Member, type Message } from "../helpers/e2e-member.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.stop();
});

const newMember = () => new Member(() => bot);
const MESSAGE_TYPES = ["image", "video", "audio", "file", "location", "sticker"] as const;
const MENU_LABELS = MENU.menu.map((m) => m.label);

/** A LINE-shaped webhook event (text message unless `extra` says otherwise). */
function event(userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "message",
    mode: "active",
    timestamp: Date.now(),
    webhookEventId: `01J${crypto.randomUUID().replace(/-/g, "").slice(0, 23).toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    source: { type: "user", userId },
    replyToken: bot.emulator!.issueReplyToken(userId),
    ...extra,
  };
}

/** Posts a signed raw body; returns the status and what the member received because of it. */
async function postRaw(userId: string, body: string): Promise<{ status: number; messages: Message[] }> {
  const since = bot.emulator!.lastSeq();
  const res = await bot.postWebhook(body);
  await bot.background.idle();
  const messages = bot
    .emulator!.deliveries({ userId, sinceSeq: since })
    .flatMap((d) => d.messages as Message[]);
  return { status: res.status, messages };
}

const textBody = (userId: string, text: string) =>
  JSON.stringify({ events: [event(userId, { message: { type: "text", id: "1", text } })] });

/** A member half-way through the form: 姓 and 名 given, asked for 所属機関. */
async function memberMidForm(): Promise<{ m: Member; state: ConversationState }> {
  const m = newMember();
  await m.say("登録");
  await m.say("鳩ヶ谷");
  await m.say("葵");
  const state = await conversation(bot.db, m.userId);
  expect(state).toMatchObject({ step: "affiliation", answers: { familyName: "鳩ヶ谷", givenName: "葵" } });
  return { m, state };
}

const expectPrompt = (m: Member, field: keyof typeof C.fields) =>
  expect(m.last.at(-1)?.text ?? "").toContain(C.fields[field].prompt);

describe("floods", () => {
  it("answers 5,000 emoji and 20,000 characters at idle with a short refusal", async () => {
    const m = newMember();
    for (const flood of ["😀".repeat(5000), "😀".repeat(2500), "あ".repeat(20_000)]) {
      await m.say(flood);
      expect(m.last.length).toBeGreaterThan(0);
      expect(m.read.length).toBeLessThan(2000);
      expect(m.read).not.toContain("😀😀");
    }
  });

  it("keeps the form through floods and refuses a body LINE would never send with a 4xx", async () => {
    const { m, state } = await memberMidForm();
    for (const flood of ["😀".repeat(5000), "あ".repeat(20_000), "x".repeat(201)]) {
      await m.say(flood);
      expectPrompt(m, "affiliation");
      expect(await conversation(bot.db, m.userId)).toEqual(state);
    }
    const tooBig = await postRaw(m.userId, textBody(m.userId, "あ".repeat(20_001)));
    expect(tooBig.status).toBeGreaterThanOrEqual(400);
    expect(tooBig.status).toBeLessThan(500);
    expect(await conversation(bot.db, m.userId)).toEqual(state);
  });
});

describe("broken text", () => {
  it("answers a lone surrogate, NUL bytes and empty text at idle without a 500", async () => {
    const userId = newUserId();
    for (const text of ["\ud800", "\udfff\ud800", "\u0000", "登録\u0000", "", "　"]) {
      const { status, messages } = await postRaw(userId, textBody(userId, text));
      expect(status).toBe(200);
      expect(messages.length).toBeGreaterThan(0);
    }
    expect(bot.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it("never stores a lone surrogate or a NUL byte as a form answer", async () => {
    for (const broken of ["\ud800", "葵\ud800", "葵\u0000", "\u0000\u0000"]) {
      const m = newMember();
      await m.say("登録");
      await m.say("鳩ヶ谷");
      const { status, messages } = await postRaw(m.userId, textBody(m.userId, broken));
      expect(status).toBe(200);
      expect(messages.length).toBeGreaterThan(0);
      const given = (await conversation(bot.db, m.userId)).answers.givenName;
      // A control character or half a surrogate pair would end up on the copy sheet, then in the portal.
      if (given !== undefined)
        expect(given, `名 stored as ${JSON.stringify(given)}`).not.toMatch(/[\p{Cc}\p{Cs}]/u);
      expect((await conversation(bot.db, m.userId)).answers.familyName).toBe("鳩ヶ谷");
    }
  });
});

describe("every message type", () => {
  it("gets a clear answer at idle, with the menu", async () => {
    const m = newMember();
    for (const messageType of MESSAGE_TYPES) {
      await m.send({ messageType });
      expect(m.read).toContain(MENU.nonText);
      expect(m.quickLabels).toEqual(MENU_LABELS);
    }
    expect((await conversation(bot.db, m.userId)).flow).toBe("idle");
  });

  it("mid-form says what is expected and keeps the answers", async () => {
    const { m, state } = await memberMidForm();
    for (const messageType of MESSAGE_TYPES) {
      await m.send({ messageType });
      expect(m.read).toContain(C.messages.nonText);
      expectPrompt(m, "affiliation");
      expect(await conversation(bot.db, m.userId)).toEqual(state);
    }
  });
});

describe("garbage postbacks", () => {
  const GARBAGE = [
    "",
    "%%%&&==",
    "a=",
    "a=%E0%A4%A",
    "a=reg.ok",
    "a=journey.report&step=bogus",
    "a=faq&id=nope",
    "?".repeat(1000),
  ];

  it("at idle: a short explanation and the menu", async () => {
    const m = newMember();
    for (const data of GARBAGE) {
      await m.postback(data);
      expect(m.last.length, `postback ${JSON.stringify(data)}`).toBeGreaterThan(0);
      expect((await conversation(bot.db, m.userId)).flow).toBe("idle");
    }
  });

  it("mid-form: the form's prompt again, answers untouched", async () => {
    const { m, state } = await memberMidForm();
    for (const data of [...GARBAGE, "a=reg.choice&field=affiliation&value=99", "a=reg.keep&field=email"]) {
      await m.postback(data);
      expectPrompt(m, "affiliation");
      expect(await conversation(bot.db, m.userId)).toEqual(state);
    }
    await m.tap("施術所（柔道整復）");
    expectPrompt(m, "agreementKind");
  });
});

describe("events the bot does not act on", () => {
  const OTHER_EVENTS = [
    "memberJoined",
    "memberLeft",
    "join",
    "leave",
    "beacon",
    "accountLink",
    "things",
    "unsend",
    "videoPlayComplete",
    "membership",
    "somethingNew",
  ];

  it("answers 200 to unknown event types and leaves the member's form alone", async () => {
    const { m, state } = await memberMidForm();
    for (const type of OTHER_EVENTS) {
      const { status, messages } = await postRaw(
        m.userId,
        JSON.stringify({ events: [event(m.userId, { type })] }),
      );
      expect(status, type).toBe(200);
      expect(messages).toEqual([]);
    }
    expect(await conversation(bot.db, m.userId)).toEqual(state);
  });

  it("ignores group and room chats (200, no reply, no member row)", async () => {
    const userId = newUserId();
    for (const source of [
      { type: "group", groupId: "Cgroup0000", userId },
      { type: "room", roomId: "Rroom0000", userId },
      { type: "group", groupId: "Cgroup0000" },
    ]) {
      const body = JSON.stringify({
        events: [event(userId, { source, message: { type: "text", id: "1", text: "登録" } })],
      });
      const { status, messages } = await postRaw(userId, body);
      expect(status).toBe(200);
      expect(messages).toEqual([]);
    }
    expect(await memberRow(bot.db, userId)).toBeUndefined();
  });

  it("answers 4xx, not 500, to envelopes that are not LINE's", async () => {
    const userId = newUserId();
    for (const body of ["{", "null", '{"events":null}', JSON.stringify({ events: [{ type: "message" }] })]) {
      const res = await bot.postWebhook(body);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
    expect(await memberRow(bot.db, userId)).toBeUndefined();
  });
});
