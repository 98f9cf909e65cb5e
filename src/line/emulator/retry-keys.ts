// X-Line-Retry-Key bookkeeping: a key accepted once answers 409 for the next 24 hours.
import type { Problem } from "./types.js";

const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Accepted {
  requestId: string;
  acceptedAt: number;
  sentMessages?: unknown[];
}

export interface RetryKeys {
  find(key: string): Accepted | undefined;
  accept(key: string, accepted: Omit<Accepted, "acceptedAt">): void;
  reset(): void;
}

export function createRetryKeys(now: () => number): RetryKeys {
  let keys = new Map<string, Accepted>();
  return {
    find(key) {
      const accepted = keys.get(key);
      if (!accepted) return undefined;
      if (now() - accepted.acceptedAt < RETRY_KEY_TTL_MS) return accepted;
      keys.delete(key);
      return undefined;
    },
    accept(key, accepted) {
      keys.set(key, { ...accepted, acceptedAt: now() });
    },
    reset() {
      keys = new Map();
    },
  };
}

/** LINE wants a hexadecimal UUID; anything else is a 400. */
export function checkRetryKey(key: string): Problem[] {
  return UUID.test(key) ? [] : [{ property: "X-Line-Retry-Key", message: "The retry key must be a UUID" }];
}
