// Reads of how members' questions were answered: the gap list's questions (opened from their seal)
// and the answer-quality figures per week.
import { and, desc, gte, inArray, isNotNull, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { FieldCipher } from "./cipher.js";
import type { Database } from "./database.js";

const q = schema.questionOutcomes;
export type Outcome = (typeof schema.questionOutcomes.$inferSelect)["outcome"];

export interface GapQuestion {
  outcome: Exclude<Outcome, "direct">;
  question: string;
  at: string;
}

/** Questions not answered directly since `since` (newest first, at most `limit`), opened. */
export async function gapQuestions(
  db: Database,
  cipher: FieldCipher,
  since: Date,
  limit = 2000,
): Promise<GapQuestion[]> {
  const rows = await db
    .select({ outcome: q.outcome, question: q.question, at: q.createdAt })
    .from(q)
    .where(
      and(
        gte(q.createdAt, since.toISOString()),
        inArray(q.outcome, ["suggested", "none", "handover"]),
        isNotNull(q.question),
      ),
    )
    .orderBy(desc(q.id))
    .limit(limit);
  const out: GapQuestion[] = [];
  for (const row of rows) {
    try {
      out.push({
        outcome: row.outcome as GapQuestion["outcome"],
        question: await cipher.open(row.question!),
        at: row.at,
      });
    } catch {
      // sealed with a key no longer configured: left out of the list
    }
  }
  return out;
}

export interface OutcomeCount {
  outcome: Outcome;
  /** Index of the week since `since` (0 = the first). */
  week: number;
  n: number;
}

/** Counts per outcome and week from `since` (a week start), counted by the database. */
export async function weeklyOutcomes(db: Database, since: Date): Promise<OutcomeCount[]> {
  const from = since.toISOString();
  const week = sql<number>`cast((julianday(${q.createdAt}) - julianday(${from})) / 7 as integer)`;
  const rows = await db
    .select({ outcome: q.outcome, week, n: sql<number>`count(*)` })
    .from(q)
    .where(gte(q.createdAt, from))
    .groupBy(q.outcome, week);
  return rows.map((r) => ({ outcome: r.outcome, week: Number(r.week), n: Number(r.n) }));
}

/** The entries answered directly most often since `since`. */
export async function mostAskedEntries(
  db: Database,
  since: Date,
  limit = 10,
): Promise<{ entryId: string; n: number }[]> {
  const rows = await db
    .select({ entryId: q.entryId, n: sql<number>`count(*)` })
    .from(q)
    .where(and(gte(q.createdAt, since.toISOString()), isNotNull(q.entryId)))
    .groupBy(q.entryId)
    .orderBy(desc(sql`count(*)`))
    .limit(limit);
  return rows.map((r) => ({ entryId: r.entryId!, n: Number(r.n) }));
}
