// All mutable emulator state in one place, so reset() can clear it and routes can share it.
import { randomBytes } from "node:crypto";
import { createDeliveryLog, type DeliveryLog } from "./delivery-log.js";
import { createFaults, type Faults } from "./faults.js";
import { createReplyTokens, type ReplyTokens } from "./reply-tokens.js";
import { createRetryKeys, type RetryKeys } from "./retry-keys.js";
import type { LineEmulatorOptions, LoadingRecord, RichMenuRecord } from "./types.js";

export interface Profile {
  userId: string;
  displayName: string;
  language: string;
}

export interface EmulatorState {
  readonly channelAccessToken: string;
  readonly quota: number;
  now(): number;
  deliveries: DeliveryLog;
  replyTokens: ReplyTokens;
  retryKeys: RetryKeys;
  faults: Faults;
  /** Users seen via issueReplyToken/setProfile: the audience of a broadcast. */
  users: Map<string, Profile>;
  richMenus: Map<string, RichMenuRecord>;
  defaultRichMenuId: string | undefined;
  loadings: LoadingRecord[];
  requests: Record<string, number>;
  totalUsage: number;
  nextMessageId(): string;
  reset(): void;
}

export function createEmulatorState(options: LineEmulatorOptions): EmulatorState {
  const now = options.now ?? Date.now;
  let messageCounter = 0;
  const state: EmulatorState = {
    channelAccessToken: options.channelAccessToken,
    quota: options.quota ?? 5000,
    now,
    deliveries: createDeliveryLog(options.record ?? "full", now),
    replyTokens: createReplyTokens(now, options.replyTokenTtlMs ?? 60_000),
    retryKeys: createRetryKeys(now),
    faults: createFaults(),
    users: new Map(),
    richMenus: new Map(),
    defaultRichMenuId: undefined,
    loadings: [],
    requests: {},
    totalUsage: 0,
    nextMessageId: () => String(500_000_000_000_000_000n + BigInt(++messageCounter)),
    reset() {
      for (const part of [state.deliveries, state.replyTokens, state.retryKeys, state.faults]) part.reset();
      state.users = new Map();
      state.richMenus = new Map();
      state.defaultRichMenuId = undefined;
      state.loadings = [];
      state.requests = {};
      state.totalUsage = 0;
      messageCounter = 0;
    },
  };
  return state;
}

/** A user the emulator has seen; the display name defaults to something readable. */
export function rememberUser(state: EmulatorState, userId: string, displayName?: string): void {
  const known = state.users.get(userId);
  if (known && displayName === undefined) return;
  const name = displayName ?? `User ${userId.slice(-4)}`;
  state.users.set(userId, { userId, displayName: name, language: "ja" });
}

export function quoteToken(): string {
  return randomBytes(24).toString("base64url");
}
