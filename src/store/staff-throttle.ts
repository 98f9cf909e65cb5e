// Failed staff sign-ins counted per key, for every login id typed (known or not, so the answer never
// tells which ids exist). Each failure pushes the key's "blocked until" further out, doubling up to a
// cap; nothing is ever locked for good, and the counts fade a day after the last failure.
import { type AnyColumn, and, eq, gt, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";

/** `column` begins with `prefix`: substr rather than LIKE, which D1 refuses past 50 bytes of pattern. */
const startsWith = (column: AnyColumn, prefix: string): SQL =>
  sql`substr(${column}, 1, ${prefix.length}) = ${prefix}`;

export interface ThrottleRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait; each further failure doubles it. */
  baseMs: number;
  capMs: number;
}

/** Counts older than this since the last failure start again from zero. */
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export function waitAfter(failures: number, rule: ThrottleRule): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(30, failures - rule.free - 1));
}

/** The latest "blocked until" among the keys still in the future, or null when none blocks. */
export async function blockedUntil(db: Database, keys: string[], now: Date): Promise<Date | null> {
  if (keys.length === 0) return null;
  const t = schema.signInThrottle;
  const rows = await db
    .select({ until: t.blockedUntil })
    .from(t)
    .where(and(inArray(t.key, keys), gt(t.blockedUntil, now.toISOString())));
  const latest = rows
    .map((r) => r.until)
    .sort()
    .at(-1);
  return latest ? new Date(latest) : null;
}

/**
 * One failure under each key, in one batch (two instances racing both count). The new wait is
 * computed in SQL from the stored count so concurrent failures cannot undercount.
 */
export async function recordFailure(
  db: Database,
  keys: Array<{ key: string; rule: ThrottleRule }>,
  now: Date,
): Promise<void> {
  const t = schema.signInThrottle;
  const at = now.toISOString();
  const stale = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  const statements = keys.map(({ key, rule }) => {
    // failures after this one: 1 when the last failure is older than a day.
    const next = sql`case when ${t.lastFailureAt} < ${stale} then 1 else ${t.failures} + 1 end`;
    // wait = min(cap, base * 2^(next - free - 1)) once past the free ones, as milliseconds.
    const exponent = sql`min(30, max(0, ${next} - ${rule.free} - 1))`;
    const waitMs = sql`case when ${next} <= ${rule.free} then 0 else min(${rule.capMs}, ${rule.baseMs} * (1 << ${exponent})) end`;
    const until = sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, '+' || (${waitMs} / 1000.0) || ' seconds')`;
    return db
      .insert(t)
      .values({
        key,
        failures: 1,
        blockedUntil: new Date(now.getTime() + waitAfter(1, rule)).toISOString(),
        lastFailureAt: at,
      })
      .onConflictDoUpdate({ target: t.key, set: { failures: next, blockedUntil: until, lastFailureAt: at } });
  });
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
}

/** Forgets the failures under these keys and every key starting with one of the prefixes. */
export async function clearThrottle(db: Database, keys: string[], prefixes: string[] = []): Promise<void> {
  const t = schema.signInThrottle;
  const conditions = [
    ...(keys.length > 0 ? [inArray(t.key, keys)] : []),
    ...prefixes.map((p) => startsWith(t.key, p)),
  ];
  if (conditions.length === 0) return;
  await db.delete(t).where(or(...conditions));
}

/** Whether any key of these prefixes is blocked now (for the staff accounts page). */
export async function anyBlocked(db: Database, prefixes: string[], now: Date): Promise<boolean> {
  const t = schema.signInThrottle;
  if (prefixes.length === 0) return false;
  const rows = await db
    .select({ key: t.key })
    .from(t)
    .where(and(gt(t.blockedUntil, now.toISOString()), or(...prefixes.map((p) => startsWith(t.key, p)))))
    .limit(1);
  return rows.length > 0;
}

/** Old rows go when a sign-in succeeds somewhere, so the table stays small. */
export async function sweepThrottle(db: Database, now: Date): Promise<void> {
  const t = schema.signInThrottle;
  const stale = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  await db.delete(t).where(and(lt(t.lastFailureAt, stale), lt(t.blockedUntil, now.toISOString())));
}

export async function isKnownDevice(db: Database, tokenHash: string, staffId: number): Promise<boolean> {
  const d = schema.staffDevices;
  const rows = await db
    .select({ staffId: d.staffId })
    .from(d)
    .where(and(eq(d.tokenHash, tokenHash), eq(d.staffId, staffId)))
    .limit(1);
  return rows.length > 0;
}

export async function rememberDevice(
  db: Database,
  tokenHash: string,
  staffId: number,
  now: Date,
  keepMs: number,
): Promise<void> {
  const d = schema.staffDevices;
  const at = now.toISOString();
  await db.batch([
    db.delete(d).where(lt(d.lastUsedAt, new Date(now.getTime() - keepMs).toISOString())),
    db
      .insert(d)
      .values({ tokenHash, staffId, lastUsedAt: at })
      .onConflictDoUpdate({ target: d.tokenHash, set: { staffId, lastUsedAt: at } }),
  ]);
}
