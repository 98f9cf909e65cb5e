// The small interfaces between the pure core and the outside world. Only the two entry points
// (src/node.ts, src/worker.ts) choose the adapters behind them.
import type { LineMessage } from "./engine/types.js";

/** Sends messages through the Messaging API (real LINE or the local emulator). */
export interface Messenger {
  reply(replyToken: string, messages: LineMessage[]): Promise<void>;
  /** `retryKey` (a UUID) makes a retried push idempotent on LINE's side. */
  push(userId: string, messages: LineMessage[], retryKey?: string): Promise<void>;
  /** At most 500 user ids; the caller chunks. */
  multicast(userIds: string[], messages: LineMessage[], retryKey?: string): Promise<void>;
  showLoading(userId: string, seconds: number): Promise<void>;
}

/** Wall-clock time, moved by tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Work that may finish after the HTTP response (Workers' waitUntil, a tracked promise on Node). */
export interface Background {
  run(task: () => Promise<unknown>): void;
}

/** Minimal logger: never pass message bodies or personal fields to it. */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean | null>): void;
  error(event: string, fields?: Record<string, string | number | boolean | null>): void;
}

export const consoleLogger: Logger = {
  info: (event, fields) => console.log(JSON.stringify({ level: "info", event, ...fields })),
  error: (event, fields) => console.error(JSON.stringify({ level: "error", event, ...fields })),
};
