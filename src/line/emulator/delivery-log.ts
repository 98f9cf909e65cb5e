// What the emulator "delivered" to each user, in order, so tests and the simulator can read it back.
import type { Delivery, DeliveryVia } from "./types.js";

interface Waiter {
  userId: string;
  sinceSeq: number;
  resolve: (deliveries: Delivery[]) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface DeliveryLog {
  /** Records one delivery per recipient; they all share the same messages array. */
  add(via: DeliveryVia, userIds: readonly string[], messages: unknown[], retryKey: string | undefined): void;
  list(filter?: { userId?: string; sinceSeq?: number }): Delivery[];
  lastSeq(): number;
  waitFor(userId: string, sinceSeq: number, timeoutMs: number): Promise<Delivery[]>;
  reset(): void;
}

export function createDeliveryLog(mode: "full" | "count", now: () => number): DeliveryLog {
  let seq = 0;
  let all: Delivery[] = [];
  let byUser = new Map<string, Delivery[]>();
  const waiters = new Set<Waiter>();

  const after = (list: Delivery[], sinceSeq: number) => list.slice(firstAfter(list, sinceSeq));
  const forUser = (userId: string, sinceSeq: number) => after(byUser.get(userId) ?? [], sinceSeq);

  function wake(userIds: readonly string[]): void {
    if (waiters.size === 0) return;
    const targets = userIds.length > 8 ? new Set(userIds) : null;
    for (const waiter of waiters) {
      const hit = targets ? targets.has(waiter.userId) : userIds.includes(waiter.userId);
      if (hit) expire(waiter);
    }
  }

  return {
    add(via, userIds, messages, retryKey) {
      const at = now();
      for (const userId of userIds) {
        seq += 1;
        if (mode === "count") continue;
        const delivery: Delivery = { seq, userId, via, messages, at };
        if (retryKey !== undefined) delivery.retryKey = retryKey;
        all.push(delivery);
        const mine = byUser.get(userId);
        if (mine) mine.push(delivery);
        else byUser.set(userId, [delivery]);
      }
      wake(userIds);
    },
    list(filter = {}) {
      const sinceSeq = filter.sinceSeq ?? 0;
      return filter.userId === undefined ? after(all, sinceSeq) : forUser(filter.userId, sinceSeq);
    },
    lastSeq: () => seq,
    waitFor(userId, sinceSeq, timeoutMs) {
      const ready = forUser(userId, sinceSeq);
      if (ready.length > 0 || mode === "count") return Promise.resolve(ready);
      return new Promise((resolve) => {
        const waiter: Waiter = {
          userId,
          sinceSeq,
          resolve,
          timer: setTimeout(() => expire(waiter), timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    reset() {
      seq = 0;
      all = [];
      byUser = new Map();
      for (const waiter of waiters) expire(waiter);
    },
  };

  function expire(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
    waiter.resolve(forUser(waiter.userId, waiter.sinceSeq));
  }
}

/** Index of the first delivery with seq > sinceSeq (lists are sorted by seq). */
function firstAfter(list: Delivery[], sinceSeq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.seq ?? 0) > sinceSeq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
