// LINE misbehaving: 429 and 5xx answers to a push, a 500 after LINE had accepted it, a failing reply,
// connections reset before LINE saw a request or after it accepted it. The real SDK client talks
// over HTTP to the emulator, behind a recorder that notes every attempt's X-Line-Retry-Key and
// status (0: connection dropped), so "the same key on every retry" is seen on the wire.
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLineEmulator, type LineEmulator, mountLineEmulator } from "../../src/line/emulator/index.js";
import { createLineMessenger, LineApiError } from "../../src/line/messenger.js";
import { runDueReminders } from "../../src/scheduler/reminders.js";
import { listReminders } from "../../src/store/reminders.js";
import { newUserId, startTestBot, type TestBot } from "../helpers/bot.js";
import { startRig } from "./rig.js";
import { register, textEvent, webhookBody } from "./support.js";

const TOKEN = "line-faults-token";
const PUSH = "/v2/bot/message/push";
const REPLY = "/v2/bot/message/reply";
const hello = [{ type: "text" as const, text: "お知らせです。" }];

interface Attempt {
  path: string;
  retryKey: string | undefined;
  status: number;
}

let emulator: LineEmulator;
let attempts: Attempt[];
/** Connections to drop, one per request: before the emulator sees it, or after it answered. */
let drops: Array<"before" | "after"> = [];
let server: ReturnType<typeof serve>;
let baseURL: string;

beforeAll(async () => {
  emulator = createLineEmulator({ channelAccessToken: TOKEN });
  const app = new Hono();
  app.use("*", async (c, next) => {
    const drop = drops.shift();
    const socket = (c.env as { incoming: IncomingMessage }).incoming.socket;
    const note = (status: number) =>
      attempts.push({ path: c.req.path, retryKey: c.req.header("x-line-retry-key"), status });
    if (drop === "before") {
      note(0);
      socket.destroy();
      return c.body(null, 500); // never reaches the client: the socket is gone
    }
    await next();
    note(drop === "after" ? 0 : c.res.status);
    if (drop === "after") socket.destroy();
  });
  mountLineEmulator(app, emulator);
  baseURL = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  emulator.reset();
  attempts = [];
  drops = [];
});
attempts = [];

/** A messenger whose backoff sleeps are recorded instead of waited. */
function messenger() {
  const sleeps: number[] = [];
  const client = createLineMessenger(
    { channelAccessToken: TOKEN, baseURL },
    { attempts: 4, baseDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) },
  );
  return { client, sleeps };
}

describe("push retries", () => {
  it("rides out 429 then 503 with backoff and the same retry key: delivered once", async () => {
    const { client, sleeps } = messenger();
    const userId = newUserId();
    emulator.failNext(PUSH, [429, 503]);
    await client.push(userId, hello);
    expect(attempts.map((a) => a.status)).toEqual([429, 503, 200]);
    const keys = new Set(attempts.map((a) => a.retryKey));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(75);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0]!); // exponential: ~100 then ~200 (±25 % jitter)
    const delivered = emulator.deliveries({ userId });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.retryKey).toBe(attempts[0]!.retryKey);
  });

  it("keeps a caller's retry key (reminders, broadcasts) across retries", async () => {
    const { client } = messenger();
    const key = crypto.randomUUID();
    emulator.failNext(PUSH, [500, 502]);
    await client.push(newUserId(), hello, key);
    expect(attempts.map((a) => [a.status, a.retryKey])).toEqual([
      [500, key],
      [502, key],
      [200, key],
    ]);
  });

  it("treats LINE's 409 after an accepted 500 as success: one delivery", async () => {
    const { client } = messenger();
    const userId = newUserId();
    emulator.failNext(PUSH, [{ status: 500, accepted: true }]);
    await client.push(userId, hello);
    expect(attempts.map((a) => a.status)).toEqual([500, 409]);
    expect(attempts[0]!.retryKey).toBe(attempts[1]!.retryKey);
    expect(emulator.deliveries({ userId })).toHaveLength(1);
  });

  it("gives up after its attempts with a LineApiError carrying the status (no message body)", async () => {
    const { client } = messenger();
    emulator.failNext(PUSH, [503, 503, 503, 503]);
    const error = await client.push(newUserId(), hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineApiError);
    expect((error as LineApiError).status).toBe(503);
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((a) => a.retryKey)).size).toBe(1);
  });

  it("never retries a 400 (a wrong request stays wrong)", async () => {
    const { client } = messenger();
    emulator.failNext(PUSH, [400]);
    await expect(client.push(newUserId(), hello)).rejects.toBeInstanceOf(LineApiError);
    expect(attempts).toHaveLength(1);
  });

  it("never retries a reply (its token is single-use)", async () => {
    const { client } = messenger();
    emulator.failNext(REPLY, [503]);
    const token = emulator.issueReplyToken(newUserId());
    await expect(client.reply(token, hello)).rejects.toBeInstanceOf(LineApiError);
    expect(attempts.filter((a) => a.path === REPLY)).toHaveLength(1);
  });
});

describe("connections lost", () => {
  it("retries a push whose connection was reset before LINE saw it, with the same key: delivered once", async () => {
    const { client } = messenger();
    const userId = newUserId();
    drops = ["before"];
    await client.push(userId, hello);
    expect(attempts.map((a) => a.status)).toEqual([0, 200]);
    expect(attempts[0]!.retryKey).toBe(attempts[1]!.retryKey);
    expect(emulator.deliveries({ userId })).toHaveLength(1);
  });

  it("a push whose answer was lost after LINE accepted it: the retry gets 409, delivered once", async () => {
    const { client } = messenger();
    const userId = newUserId();
    drops = ["after"];
    await client.push(userId, hello);
    expect(attempts.map((a) => a.status)).toEqual([0, 409]);
    expect(emulator.deliveries({ userId })).toHaveLength(1);
  });

  it("a reply whose connection was reset before LINE saw it still reaches the member, by push", async () => {
    const rig = await startRig({ line: { baseURL, token: TOKEN } });
    try {
      const userId = newUserId();
      drops = ["before"];
      const event = textEvent(userId, "メニュー", emulator.issueReplyToken(userId));
      expect((await rig.post(webhookBody([event]))).status).toBe(200);
      await rig.background.idle();
      expect(attempts[0]).toMatchObject({ path: REPLY, status: 0 });
      expect(emulator.deliveries({ userId })).toHaveLength(1);
    } finally {
      await rig.close();
    }
  });
});

describe("through the running bot", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("a due reminder meeting 429 then 500 reaches the member once, with the reminder's key", async () => {
    const userId = newUserId();
    await register(bot, userId);
    bot.clock.advance(22 * 3_600_000); // 08:00 JST: 20 h after 10:00 is night, the warning waits for the push hours
    const lineEmu = bot.emulator!;
    const pushesBefore = lineEmu.stats().requests[PUSH] ?? 0;
    lineEmu.failNext(PUSH, [429, 500]);
    const run = await runDueReminders({
      db: bot.db,
      messenger: bot.bot.messenger,
      clock: bot.clock,
      logger: bot.bot.logger,
    });
    expect(run).toEqual({ sent: 1, failed: 0 });
    expect((lineEmu.stats().requests[PUSH] ?? 0) - pushesBefore).toBe(3);
    const pushes = lineEmu.deliveries({ userId }).filter((d) => d.via === "push");
    expect(pushes).toHaveLength(1);
    const [reminder] = (await listReminders(bot.db, [userId])).filter((r) => r.kind === "linkExpiring");
    expect(pushes[0]!.retryKey).toBe(reminder!.retryKey);
  });

  it("a reply LINE answers 503 (not accepted) still reaches the member, by push", async () => {
    const userId = newUserId();
    await bot.send({ userId, event: "follow" });
    bot.emulator!.failNext(REPLY, [503]);
    const { messages, webhookStatus } = await bot.send({ userId, text: "メニュー" });
    expect(webhookStatus).toBe(200);
    expect(messages.length).toBeGreaterThan(0);
  });
});
