// Keeps only what the journey still needs (DESIGN §5): conversations nobody touched for months go
// back to the initial state (a half-filled form or the answers kept for 「登録」 are personal data),
// the de-duplication log of webhook events is pruned after a week, and unanswered questions (scrubbed
// and sealed, for FAQ statistics) after 90 days. The periods live in flows/retention.ts. Runs from the scheduler tick on both runtimes: bounded work per
// run, plain statements and batches only (no interactive transactions: D1), safe to run twice.
import { and, asc, eq, inArray, isNotNull, lt } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { retention } from "../../flows/retention.js";
import { INITIAL_STATE } from "../engine/types.js";
import type { Clock, Logger } from "../ports.js";
import { type FieldCipher, plainCipher } from "../store/cipher.js";
import type { Database } from "../store/database.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /**
   * Seals the reset state. INITIAL_STATE holds nothing personal, so the plain default is harmless,
   * but pass the bot's cipher to keep every row in one format.
   */
  cipher?: FieldCipher;
}

export interface RetentionOptions {
  /** A conversation untouched this long is reset to the initial state. Default: flows/retention.ts. */
  conversationDays?: number;
  /** Processed webhook events older than this are forgotten. Default: flows/retention.ts. */
  processedEventDays?: number;
  /** Unanswered questions older than this are deleted. Default: flows/retention.ts. */
  unansweredDays?: number;
  /** Rows per statement (default 500) and statements per table per run (default 20). */
  batchSize?: number;
  maxBatches?: number;
}

export interface RetentionResult {
  conversationsReset: number;
  processedEventsDeleted: number;
  unansweredDeleted: number;
  /** Answer-quality rows whose question text was dropped (their counts stay for the weekly figures). */
  outcomeQuestionsCleared: number;
}

export async function runRetention(
  deps: RetentionDeps,
  options: RetentionOptions = {},
): Promise<RetentionResult> {
  const {
    conversationDays = retention.conversationDays,
    processedEventDays = retention.processedEventDays,
    unansweredDays = retention.unansweredQuestionDays,
  } = options;
  const limits = { size: options.batchSize ?? 500, batches: options.maxBatches ?? 20 };
  for (const days of [conversationDays, processedEventDays, unansweredDays])
    if (!(days >= 1)) throw new RangeError("retention periods are whole days, at least 1");
  const now = deps.clock.now();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const result: RetentionResult = {
    conversationsReset: await resetStaleConversations(deps, before(conversationDays), now, limits),
    processedEventsDeleted: await pruneProcessedEvents(deps.db, before(processedEventDays), limits),
    unansweredDeleted: await pruneUnanswered(deps.db, before(unansweredDays), limits),
    outcomeQuestionsCleared: await clearOutcomeQuestions(deps.db, before(unansweredDays), limits),
  };
  deps.logger.info("retention.done", { ...result });
  return result;
}

interface Limits {
  size: number;
  batches: number;
}

const c = schema.conversations;

/**
 * Each reset is a compare-and-set on the row as read (version and updated_at), so a member who
 * writes meanwhile keeps their fresh state. The version is deliberately left alone: it is the
 * optimistic-lock counter of member events, whose (user_id, user_version) slot in processed_events
 * must be claimed by whoever bumps it; a racing event simply commits on top of the reset. updated_at
 * moves to now, so a reset row leaves the stale set and the next page brings new rows.
 */
async function resetStaleConversations(
  deps: RetentionDeps,
  cutoff: string,
  now: Date,
  limits: Limits,
): Promise<number> {
  const { db } = deps;
  const sealed = await (deps.cipher ?? plainCipher).seal(JSON.stringify(INITIAL_STATE));
  const at = now.toISOString();
  let reset = 0;
  for (let round = 0; round < limits.batches; round++) {
    const stale = await db
      .select({ userId: c.userId, version: c.version, updatedAt: c.updatedAt })
      .from(c)
      .where(lt(c.updatedAt, cutoff))
      .orderBy(asc(c.updatedAt))
      .limit(limits.size);
    if (stale.length === 0) break;
    const updates = stale.map((row) =>
      db
        .update(c)
        .set({ state: sealed, updatedAt: at })
        .where(and(eq(c.userId, row.userId), eq(c.version, row.version), eq(c.updatedAt, row.updatedAt)))
        .returning({ userId: c.userId }),
    );
    const done = await db.batch(updates as [(typeof updates)[number], ...typeof updates]);
    reset += done.reduce((n, rows) => n + rows.length, 0);
    if (stale.length < limits.size) break;
  }
  return reset;
}

/**
 * Why a week is safe for de-duplication: a webhookEventId only needs remembering while LINE may
 * still send that event again. LINE redelivers a failed webhook for a limited time and then gives up
 * (it mails the channel admin when it stops); reply tokens die within a minute, retry keys within
 * 24 hours, and nothing LINE documents comes near a week. The rows are also the optimistic lock's
 * (user_id, user_version) slots, but a commit only ever claims the slot just above the current
 * version, which is never an old row, so old rows guard nothing.
 */
async function pruneProcessedEvents(db: Database, cutoff: string, limits: Limits): Promise<number> {
  const p = schema.processedEvents;
  return deleteInRounds(limits, async (size) => {
    const old = db.select({ id: p.webhookEventId }).from(p).where(lt(p.processedAt, cutoff)).limit(size);
    const gone = await db.delete(p).where(inArray(p.webhookEventId, old)).returning({ id: p.webhookEventId });
    return gone.length;
  });
}

async function pruneUnanswered(db: Database, cutoff: string, limits: Limits): Promise<number> {
  const u = schema.unansweredQuestions;
  return deleteInRounds(limits, async (size) => {
    const old = db.select({ id: u.id }).from(u).where(lt(u.createdAt, cutoff)).limit(size);
    const gone = await db.delete(u).where(inArray(u.id, old)).returning({ id: u.id });
    return gone.length;
  });
}

async function clearOutcomeQuestions(db: Database, cutoff: string, limits: Limits): Promise<number> {
  const q = schema.questionOutcomes;
  return deleteInRounds(limits, async (size) => {
    const old = db
      .select({ id: q.id })
      .from(q)
      .where(and(lt(q.createdAt, cutoff), isNotNull(q.question)))
      .limit(size);
    const cleared = await db
      .update(q)
      .set({ question: null })
      .where(inArray(q.id, old))
      .returning({ id: q.id });
    return cleared.length;
  });
}

/** Deletes in bounded statements (a huge DELETE can outlast a Worker's or D1's time limits). */
async function deleteInRounds(limits: Limits, round: (size: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < limits.batches; i++) {
    const n = await round(limits.size);
    total += n;
    if (n < limits.size) break;
  }
  return total;
}
