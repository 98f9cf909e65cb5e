// The simulator's clock (development only): real time plus an offset staff and developers move with
// 「+1時間」「+1日」 to watch reminders and nudges arrive without waiting days. It lives in the Node
// process on purpose: it is a development tool, never part of the Worker or of stored state.
import type { Clock } from "../ports.js";

export class OffsetClock implements Clock {
  offsetMs = 0;
  constructor(private readonly base: Clock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}
