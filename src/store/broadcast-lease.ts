// One runner per broadcast at a time (the Node timer, a Worker cron and a "send now" may overlap): a
// lease row in `meta`, taken only when free or expired, renewed per chunk, released at the end. A
// runner that dies simply lets it expire; the retry keys keep even an overlap from double-sending.
import { and, eq, like, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";

export const LEASE_MS = 60_000;

const keyOf = (broadcastId: number) => `broadcast.lease.${broadcastId}`;
/** `<expiry ISO>|<owner>`: ISO strings compare as text, so "expired" is `value < now`. */
const leaseValue = (owner: string, now: Date) =>
  `${new Date(now.getTime() + LEASE_MS).toISOString()}|${owner}`;
const ownedBy = (owner: string) => like(schema.meta.value, `%|${owner}`);

export async function acquireLease(
  db: Database,
  broadcastId: number,
  owner: string,
  now: Date,
): Promise<boolean> {
  const value = leaseValue(owner, now);
  const rows = await db
    .insert(schema.meta)
    .values({ key: keyOf(broadcastId), value, updatedAt: now.toISOString() })
    .onConflictDoUpdate({
      target: schema.meta.key,
      set: { value, updatedAt: now.toISOString() },
      setWhere: sql`${schema.meta.value} < ${now.toISOString()} or ${ownedBy(owner)}`,
    })
    .returning({ key: schema.meta.key });
  return rows.length > 0;
}

/** False when another runner took the lease over (ours expired): stop working on the broadcast. */
export async function renewLease(
  db: Database,
  broadcastId: number,
  owner: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(schema.meta)
    .set({ value: leaseValue(owner, now), updatedAt: now.toISOString() })
    .where(and(eq(schema.meta.key, keyOf(broadcastId)), ownedBy(owner)))
    .returning({ key: schema.meta.key });
  return rows.length > 0;
}

export async function releaseLease(db: Database, broadcastId: number, owner: string): Promise<void> {
  await db.delete(schema.meta).where(and(eq(schema.meta.key, keyOf(broadcastId)), ownedBy(owner)));
}
