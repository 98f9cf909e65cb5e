// The public shapes of the LINE emulator, kept apart so routes and state can share them without cycles.
import type { Hono } from "hono";

export type DeliveryVia = "reply" | "push" | "multicast" | "broadcast";

export interface Delivery {
  seq: number;
  userId: string;
  via: DeliveryVia;
  messages: unknown[];
  retryKey?: string;
  at: number;
}

export interface LineEmulatorOptions {
  channelAccessToken: string;
  now?: () => number;
  /** Default 60_000 (LINE: one minute). */
  replyTokenTtlMs?: number;
  /** "count" keeps sequence numbers and counters only, for benchmarks. Default "full". */
  record?: "full" | "count";
  /** Value answered by GET /v2/bot/message/quota. Default 5000. */
  quota?: number;
}

/** One injected answer: a bare status, or a status with a body; `accepted` processes the request first. */
export type Fault = number | { status: number; body?: unknown; accepted?: boolean };

export interface RichMenuRecord {
  richMenuId: string;
  menu: Record<string, unknown>;
  image?: { contentType: string; bytes: number };
  createdAt: number;
}

export interface LoadingRecord {
  chatId: string;
  loadingSeconds: number;
  at: number;
}

export interface LineEmulator {
  app: Hono;
  issueReplyToken(userId: string): string;
  /** Everything delivered, in order, with a global sequence number. */
  deliveries(filter?: { userId?: string; sinceSeq?: number }): Delivery[];
  lastSeq(): number;
  /** Resolves when a delivery for userId with seq > sinceSeq exists (or after timeoutMs with what there is). */
  waitForDelivery(userId: string, sinceSeq?: number, timeoutMs?: number): Promise<Delivery[]>;
  setProfile(userId: string, displayName: string): void;
  /** Fault injection: the next responses on a path answer these statuses in order, then behave normally. */
  failNext(path: string, statuses: Fault[]): void;
  /** Count per endpoint path (parameters shown as {userId} / {richMenuId}), for benchmarks. */
  stats(): { requests: Record<string, number> };
  richMenus(): RichMenuRecord[];
  defaultRichMenuId(): string | undefined;
  loadings(): LoadingRecord[];
  /** Recipients counted against the monthly quota (push, multicast, broadcast). */
  totalUsage(): number;
  reset(): void;
}

export interface Problem {
  property: string;
  message: string;
}
