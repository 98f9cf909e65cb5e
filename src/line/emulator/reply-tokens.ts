// Reply tokens as LINE treats them: issued with a webhook event, single use, expired after a minute.
import { randomBytes } from "node:crypto";

interface Issued {
  userId: string;
  issuedAt: number;
}

export type Redeemed = { ok: true; userId: string } | { ok: false };

export interface ReplyTokens {
  issue(userId: string): string;
  /** Uses the token up: a second redeem of the same token fails, as does one after the TTL. */
  redeem(token: string): Redeemed;
  reset(): void;
}

const SWEEP_EVERY = 1024;

export function createReplyTokens(now: () => number, ttlMs: number): ReplyTokens {
  let live = new Map<string, Issued>();
  let issuedSinceSweep = 0;

  function sweep(): void {
    const cutoff = now() - ttlMs;
    for (const [token, issued] of live) if (issued.issuedAt < cutoff) live.delete(token);
    issuedSinceSweep = 0;
  }

  return {
    issue(userId) {
      if (++issuedSinceSweep >= SWEEP_EVERY) sweep();
      const token = randomBytes(16).toString("hex");
      live.set(token, { userId, issuedAt: now() });
      return token;
    },
    redeem(token) {
      const issued = live.get(token);
      if (!issued) return { ok: false };
      live.delete(token);
      if (now() - issued.issuedAt > ttlMs) return { ok: false };
      return { ok: true, userId: issued.userId };
    },
    reset() {
      live = new Map();
      issuedSinceSweep = 0;
    },
  };
}
