// The push hours as plain functions of time (Japan time, UTC+9, no daylight saving): is a moment
// inside them, the next moment that is, and where a reminder with a deadline should land. Shared by
// the engine (when it schedules) and the runners (a last check before any push).
import type { PushHours } from "../../../flows/push-hours.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const JST_OFFSET = 9 * 60 * MINUTE;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since midnight, Japan time. */
export function jstMinutes(at: Date): number {
  return Math.floor(((((at.getTime() + JST_OFFSET) % DAY) + DAY) % DAY) / MINUTE);
}

/** Midnight (Japan time) of the Japan-time day of `at`, as a UTC instant. */
function jstMidnight(at: Date): number {
  const shifted = at.getTime() + JST_OFFSET;
  return shifted - (((shifted % DAY) + DAY) % DAY) - JST_OFFSET;
}

export function isWithinPushHours(at: Date, hours: PushHours): boolean {
  const m = jstMinutes(at);
  return m >= minutesOf(hours.start) && m < minutesOf(hours.end);
}

/** `at` itself when pushes are allowed then, else the next start of the hours. */
export function nextPushTime(at: Date, hours: PushHours): Date {
  if (isWithinPushHours(at, hours)) return at;
  const startToday = jstMidnight(at) + minutesOf(hours.start) * MINUTE;
  return new Date(at.getTime() < startToday ? startToday : startToday + DAY);
}

/** The last good moment at or before `at`: the end of the hours minus the margin, or `at` itself. */
export function latestPushTimeBefore(at: Date, hours: PushHours): Date {
  if (isWithinPushHours(at, hours)) return at;
  const lastToday = jstMidnight(at) + (minutesOf(hours.end) - hours.earlyMarginMinutes) * MINUTE;
  return new Date(at.getTime() >= lastToday ? lastToday : lastToday - DAY);
}

/**
 * When to push something wanted at `due`. Inside the hours: `due`. Outside: the next morning, unless
 * a `deadline` makes that too late — then the evening before `due`, provided it is still after
 * `notBefore` (when it was scheduled); else the morning anyway (the runner drops a warning that
 * comes after its deadline).
 */
export function fitToPushHours(
  due: Date,
  hours: PushHours,
  options: { deadline?: Date; notBefore?: Date } = {},
): Date {
  const morning = nextPushTime(due, hours);
  const { deadline, notBefore } = options;
  if (!deadline || morning.getTime() <= deadline.getTime() - hours.minLeadMinutes * MINUTE) return morning;
  const evening = latestPushTimeBefore(due, hours);
  return !notBefore || evening.getTime() > notBefore.getTime() ? evening : morning;
}
