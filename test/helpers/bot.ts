// Starts the real Node server (libSQL file in a temp folder, LINE emulator, real SDK client, real
// HTTP) for a test, with a clock the test can move and a logger that keeps lines for inspection.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEV_CHANNEL_SECRET } from "../../src/config.js";
import { type RunningBot, startNode } from "../../src/node.js";
import type { Clock, Logger } from "../../src/ports.js";
import { runScheduledWork } from "../../src/scheduler/tick.js";
import { sign } from "../../src/webhook/signature.js";

/** A LINE message object as JSON from the emulator: tests walk it freely (Flex trees are deep). */
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON read back over HTTP
export type SentMessage = Record<string, any>;

export class TestClock implements Clock {
  constructor(private current = new Date("2026-11-25T01:00:00.000Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface TestBot extends RunningBot {
  clock: TestClock;
  logs: string[];
  dir: string;
  /** Drives the simulator API over HTTP and returns the messages the bot sent back. */
  send(body: Record<string, unknown>): Promise<{ messages: SentMessage[]; webhookStatus: number }>;
  say(userId: string, text: string): Promise<SentMessage[]>;
  postWebhook(body: string, signature?: string | null): Promise<Response>;
  restart(): Promise<TestBot>;
  stop(): Promise<void>;
}

export async function startTestBot(
  options: { dir?: string; env?: Record<string, string>; clock?: TestClock } = {},
): Promise<TestBot> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "helpdesk-test-"));
  const clock = options.clock ?? new TestClock();
  const logs: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ level: "error", event, ...fields })),
  };
  const env: Record<string, string> = {
    PORT: "0",
    DATABASE_URL: `file:${join(dir, "test.db")}`,
    ...options.env,
  };
  const running = await startNode(env, { clock, logger, schedulerIntervalMs: 0 });
  const bot: TestBot = {
    ...running,
    clock,
    logs,
    dir,
    async send(body) {
      const res = await fetch(`${running.url}/dev/simulator/send`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`simulator answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { messages: SentMessage[]; webhookStatus: number };
    },
    async say(userId, text) {
      return (await bot.send({ userId, text })).messages;
    },
    async postWebhook(body, signature) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      const sig =
        signature === undefined ? await sign(body, env.LINE_CHANNEL_SECRET ?? DEV_CHANNEL_SECRET) : signature;
      if (sig !== null) headers["x-line-signature"] = sig;
      return fetch(`${running.url}/webhook`, { method: "POST", headers, body });
    },
    async restart() {
      await running.close();
      return startTestBot({ dir, env: options.env, clock });
    },
    async stop() {
      await running.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return bot;
}

/** The text of every text message, and the altText of Flex ones, for readable assertions. */
export function texts(messages: SentMessage[]): string[] {
  return messages.map((m) =>
    m.type === "text" ? m.text : m.type === "flex" ? `[flex] ${m.altText}` : `[${m.type}]`,
  );
}

export function quickReplyLabels(messages: SentMessage[]): string[] {
  const last = messages.at(-1);
  return (last?.quickReply?.items ?? []).map((i: SentMessage) => i.action.label);
}

let counter = 0;
/** A fresh LINE-like user id per call so tests never share a member. */
export function newUserId(): string {
  counter += 1;
  return `U${(Date.now().toString(16) + counter.toString(16).padStart(6, "0")).padEnd(32, "0")}`;
}

/** The scheduled work (reminders, nudges, broadcasts) run once at the bot's clock, as the cron would. */
export const runScheduled = (bot: TestBot) =>
  runScheduledWork({ db: bot.db, messenger: bot.bot.messenger, clock: bot.clock, logger: bot.bot.logger });
