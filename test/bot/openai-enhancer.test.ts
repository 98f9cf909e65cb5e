// The optional OpenAI phrasing through the whole bot: with OPENAI_API_KEY set, a confident FAQ
// answer is phrased by the API (a local stand-in here), the loading animation shows meanwhile, no
// personal value leaves for the API, and any refusal or delay falls back to the offline answer.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAQ_ENTRIES } from "../../flows/faq/index.js";
import { newUserId, startTestBot, type TestBot, texts } from "../helpers/bot.js";

type Reply = { answer: string; usedEntryIds: string[]; supported: boolean } | "hang";
let server: Server;
let next: Reply;
const bodies: string[] = [];
let bot: TestBot;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      bodies.push(raw);
      if (next === "hang") return; // never answers: the phraser's timeout must win
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-1",
          object: "chat.completion",
          created: 0,
          model: "stand-in",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: JSON.stringify(next) },
              finish_reason: "stop",
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  bot = await startTestBot({ env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: baseURL } });
});

afterAll(async () => {
  await bot.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const linkEntry = FAQ_ENTRIES.find((e) => e.id === "link-24h")!;

describe("OpenAI phrasing (optional)", () => {
  it("phrases a confident answer from the retrieved entry, showing the loading animation meanwhile", async () => {
    next = { answer: "リンクは24時間有効です（言い換え）。", usedEntryIds: ["link-24h"], supported: true };
    const userId = newUserId();
    const messages = await bot.say(userId, "登録リンクは何時間有効ですか");
    expect(texts(messages)[0]).toBe("リンクは24時間有効です（言い換え）。");
    expect(bot.emulator!.loadings().some((l) => l.chatId === userId)).toBe(true);
    expect(bodies.at(-1)).toContain(linkEntry.answer.slice(0, 20));
  });

  it("sends no personal value to the API", async () => {
    next = { answer: "リンクは24時間有効です。", usedEntryIds: ["link-24h"], supported: true };
    await bot.say(newUserId(), "0486251211 saiseitaro@gmail.com です。登録リンクは何時間有効ですか");
    expect(bodies.at(-1)).not.toContain("0486251211");
    expect(bodies.at(-1)).not.toContain("saiseitaro@gmail.com");
  });

  it("falls back to the offline answer when the model says the entries do not support an answer", async () => {
    next = { answer: "わかりません", usedEntryIds: [], supported: false };
    const messages = await bot.say(newUserId(), "登録リンクは何時間有効ですか");
    expect(texts(messages)[0]).toBe(linkEntry.answer);
  });

  it("falls back to the offline answer when the API does not answer in time", async () => {
    next = "hang";
    const started = Date.now();
    const messages = await bot.say(newUserId(), "登録リンクは何時間有効ですか");
    expect(texts(messages)[0]).toBe(linkEntry.answer);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
