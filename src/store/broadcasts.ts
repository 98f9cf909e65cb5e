// Broadcast rows: drafts staff compose, scheduling and cancelling (each a conditional update so a
// broadcast already sending is never rescheduled), and the figures shown per broadcast.
import { and, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { type Audience, audienceWhere } from "../broadcast/audience.js";
import type { LineMessage } from "../engine/types.js";
import type { Database } from "./database.js";

export type BroadcastRow = typeof schema.broadcasts.$inferSelect;

export async function createDraft(
  db: Database,
  draft: { messages: LineMessage[]; audience: Audience; createdBy: number },
  now: Date,
): Promise<number> {
  const rows = await db
    .insert(schema.broadcasts)
    .values({
      messages: JSON.stringify(draft.messages),
      audience: JSON.stringify(draft.audience),
      status: "draft",
      createdBy: draft.createdBy,
      createdAt: now.toISOString(),
    })
    .returning({ id: schema.broadcasts.id });
  return rows[0]!.id;
}

export async function getBroadcast(db: Database, id: number): Promise<BroadcastRow | null> {
  const rows = await db.select().from(schema.broadcasts).where(eq(schema.broadcasts.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listBroadcasts(db: Database, limit = 50): Promise<BroadcastRow[]> {
  return db.select().from(schema.broadcasts).orderBy(desc(schema.broadcasts.id)).limit(limit);
}

/** Draft or scheduled → scheduled at `at`; false when it already started or was cancelled. */
export async function scheduleBroadcast(db: Database, id: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(schema.broadcasts)
    .set({ status: "scheduled", scheduledAt: at.toISOString() })
    .where(and(eq(schema.broadcasts.id, id), inArray(schema.broadcasts.status, ["draft", "scheduled"])))
    .returning({ id: schema.broadcasts.id });
  return rows.length > 0;
}

/** Stops a draft, a scheduled or a sending broadcast (chunks not yet claimed are not sent). */
export async function cancelBroadcast(db: Database, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(schema.broadcasts)
    .set({ status: "cancelled", finishedAt: now.toISOString() })
    .where(
      and(eq(schema.broadcasts.id, id), inArray(schema.broadcasts.status, ["draft", "scheduled", "sending"])),
    )
    .returning({ id: schema.broadcasts.id });
  return rows.length > 0;
}

/** Broadcasts a runner should work on now: due scheduled ones and interrupted sending ones. */
export async function dueBroadcastIds(db: Database, now: Date): Promise<number[]> {
  const b = schema.broadcasts;
  const rows = await db
    .select({ id: b.id })
    .from(b)
    .where(or(and(eq(b.status, "scheduled"), lte(b.scheduledAt, now.toISOString())), eq(b.status, "sending")))
    .orderBy(b.id);
  return rows.map((r) => r.id);
}

export async function countRecipients(db: Database, audience: Audience): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(schema.members)
    .where(audienceWhere(audience));
  return Number(rows[0]?.n ?? 0);
}

/** The recipients in a stable order, frozen into chunks when sending starts. */
export async function recipientIds(db: Database, audience: Audience): Promise<string[]> {
  const rows = await db
    .select({ id: schema.members.userId })
    .from(schema.members)
    .where(audienceWhere(audience))
    .orderBy(schema.members.userId);
  return rows.map((r) => r.id);
}
