// The fan-out plan of a broadcast: recipients frozen into chunks of ≤ 500 ids, each with its own
// X-Line-Retry-Key, when sending starts. Progress is persisted per chunk so a crashed run resumes
// where it stopped: a chunk left 'sending' is sent again with the same key (LINE answers 409).
import { and, eq, inArray, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { type Database, runBatch, type Statement } from "./database.js";

export const CHUNK_SIZE = 500;

export interface ClaimedChunk {
  seq: number;
  userIds: string[];
  retryKey: string;
  attempts: number;
}

const c = schema.broadcastChunks;
const b = schema.broadcasts;

/** Splits the recipients, writes every chunk and moves the broadcast to 'sending', atomically. */
export async function freezeRecipients(
  db: Database,
  broadcastId: number,
  userIds: string[],
  now: Date,
): Promise<boolean> {
  const statements: Statement[] = [];
  for (let seq = 0; seq * CHUNK_SIZE < userIds.length; seq++) {
    const ids = userIds.slice(seq * CHUNK_SIZE, (seq + 1) * CHUNK_SIZE);
    statements.push(
      db
        .insert(c)
        .values({ broadcastId, seq, userIds: JSON.stringify(ids), retryKey: crypto.randomUUID() })
        .onConflictDoNothing(),
    );
  }
  const started = db
    .update(b)
    .set({ status: "sending", recipientCount: userIds.length, startedAt: now.toISOString() })
    .where(and(eq(b.id, broadcastId), eq(b.status, "scheduled")))
    .returning({ id: b.id });
  const results = await db.batch([started, ...statements] as [typeof started, ...Statement[]]);
  return (results[0] as Array<{ id: number }>).length > 0;
}

/**
 * Takes the lowest unfinished chunk ('pending', or 'sending' left by a crashed run), counting the
 * attempt, only while the broadcast is still sending (a cancel stops the fan-out between chunks).
 */
export async function claimNextChunk(db: Database, broadcastId: number): Promise<ClaimedChunk | null> {
  const unfinished = inArray(c.status, ["pending", "sending"]);
  const rows = await db
    .update(c)
    .set({ status: "sending", attempts: sql`${c.attempts} + 1` })
    .where(
      and(
        eq(c.broadcastId, broadcastId),
        eq(
          c.seq,
          sql`(select min(${c.seq}) from ${c} where ${c.broadcastId} = ${broadcastId} and ${unfinished})`,
        ),
        sql`exists (select 1 from ${b} where ${b.id} = ${broadcastId} and ${b.status} = 'sending')`,
      ),
    )
    .returning({ seq: c.seq, userIds: c.userIds, retryKey: c.retryKey, attempts: c.attempts });
  const row = rows[0];
  return row ? { ...row, userIds: JSON.parse(row.userIds) as string[] } : null;
}

const sentRecipients = (broadcastId: number) =>
  sql`(select coalesce(sum(json_array_length(${c.userIds})), 0) from ${c} where ${c.broadcastId} = ${broadcastId} and ${c.status} = 'sent')`;

export async function markChunkSent(
  db: Database,
  broadcastId: number,
  seq: number,
  now: Date,
): Promise<void> {
  await runBatch(db, [
    db
      .update(c)
      .set({ status: "sent", sentAt: now.toISOString(), lastError: null })
      .where(and(eq(c.broadcastId, broadcastId), eq(c.seq, seq))),
    db
      .update(b)
      .set({ sentCount: sentRecipients(broadcastId) })
      .where(eq(b.id, broadcastId)),
  ]);
}

/** Records why a send failed; `final` gives the chunk up ('failed'), else it stays to be resumed. */
export async function markChunkError(
  db: Database,
  broadcastId: number,
  seq: number,
  error: string,
  final: boolean,
): Promise<void> {
  await db
    .update(c)
    .set(final ? { status: "failed", lastError: error } : { lastError: error })
    .where(and(eq(c.broadcastId, broadcastId), eq(c.seq, seq)));
}

/** Gives up every chunk not sent yet (e.g. the month's message quota is spent). */
export async function failUnfinishedChunks(db: Database, broadcastId: number, error: string): Promise<void> {
  await db
    .update(c)
    .set({ status: "failed", lastError: error })
    .where(and(eq(c.broadcastId, broadcastId), inArray(c.status, ["pending", "sending"])));
}

/** Closes a broadcast with no unfinished chunk: 'sent', or 'failed' when nothing could be sent. */
export async function finishIfDone(db: Database, broadcastId: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(b)
    .set({
      status: sql`case when ${b.recipientCount} > 0 and ${sentRecipients(broadcastId)} = 0 then 'failed' else 'sent' end`,
      finishedAt: now.toISOString(),
      sentCount: sentRecipients(broadcastId),
    })
    .where(
      and(
        eq(b.id, broadcastId),
        eq(b.status, "sending"),
        sql`not exists (select 1 from ${c} where ${c.broadcastId} = ${broadcastId} and ${c.status} in ('pending', 'sending'))`,
      ),
    )
    .returning({ id: b.id });
  return rows.length > 0;
}

export interface ChunkFigures {
  chunks: number;
  sent: number;
  failed: number;
  pending: number;
  /** Chunks that failed for a passing reason and will be sent again by the next run. */
  retrying: number;
  failedRecipients: number;
  /** Distinct reasons recorded on failed chunks (e.g. "HTTP 400"). */
  errors: string[];
}

export async function chunkFigures(db: Database, broadcastId: number): Promise<ChunkFigures> {
  const rows = await db
    .select({
      status: c.status,
      n: sql<number>`count(*)`,
      people: sql<number>`sum(json_array_length(${c.userIds}))`,
      errors: sql<string | null>`group_concat(distinct ${c.lastError})`,
      withError: sql<number>`sum(case when ${c.lastError} is not null then 1 else 0 end)`,
    })
    .from(c)
    .where(eq(c.broadcastId, broadcastId))
    .groupBy(c.status);
  const get = (s: string) => rows.find((r) => r.status === s);
  const count = (s: string) => Number(get(s)?.n ?? 0);
  return {
    chunks: rows.reduce((t, r) => t + Number(r.n), 0),
    sent: count("sent"),
    failed: count("failed"),
    pending: count("pending") + count("sending"),
    // Not yet sent but already failed once: waiting for the next run to try again.
    retrying: Number(get("pending")?.withError ?? 0) + Number(get("sending")?.withError ?? 0),
    failedRecipients: Number(get("failed")?.people ?? 0),
    errors: get("failed")?.errors?.split(",") ?? [],
  };
}
