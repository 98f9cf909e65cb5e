// Logs carry event names and counts, never what a member wrote or who they are: neither the bot's
// logger lines (captured by startTestBot) nor anything printed to the console during a full visit
// (registration, FAQ, a question for staff with personal data, a password sent by mistake, erasure)
// and a few failures (bad signature, malformed body, LINE refusing a reply).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PERSONAL_VALUES } from "../faults/support.js";
import { newUserId, startTestBot, type TestBot } from "../helpers/bot.js";
import { fullSession, TYPED } from "./session.js";

const CONSOLE = ["log", "info", "warn", "error", "debug"] as const;

let bot: TestBot;
const printed: string[] = [];
beforeAll(async () => {
  for (const method of CONSOLE)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === "string" ? a : (JSON.stringify(a) ?? String(a)))).join(" "));
    });
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
  vi.restoreAllMocks();
});

describe("logs", () => {
  it("hold no message bodies, personal fields or member ids across a whole visit", async () => {
    const userId = newUserId();
    await fullSession(bot, userId);
    await bot.say(userId, `会費について ${TYPED.faq} ${PERSONAL_VALUES[0]}`);
    bot.emulator!.failNext("/v2/bot/message/reply", [400]);
    await bot.say(userId, "進み具合");
    await bot.postWebhook(JSON.stringify({ events: [{ text: TYPED.inquiry }] }), "bad-signature");
    await bot.postWebhook(`{"events":[{"text":"${TYPED.password}"`);
    await bot.say(userId, "データ削除");
    await bot.send({ userId, postback: "a=erase.yes" });
    await bot.send({ userId, event: "unfollow" });

    const lines = [...bot.logs, ...printed];
    expect(bot.logs.length).toBeGreaterThan(10); // the bot did log: what it logged is checked below
    const joined = lines.join("\n");
    const leaks = [
      ...PERSONAL_VALUES,
      TYPED.faq,
      TYPED.inquiry,
      TYPED.password,
      userId,
      "会費について",
    ].filter((v) => joined.includes(v));
    expect(leaks).toEqual([]);
    for (const line of bot.logs) expect(() => JSON.parse(line)).not.toThrow();
  });
});
