// Reminder rows as the runner sees them. Every state change is one conditional UPDATE (compare and
// set on status and claimed_at), so several runners — Node timers, Workers cron instances — can
// share the table and each reminder is pushed by exactly one of them. No interactive transactions.
import { and, asc, eq, inArray, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { JourneyStep } from "../engine/types.js";
import type { Database } from "./database.js";

/** A run that claimed a reminder and did not finish within this long is taken to have crashed. */
export const STALE_CLAIM_MS = 10 * 60 * 1000;

export interface DueReminder {
  id: string;
  userId: string;
  kind: string;
  retryKey: string;
  dueAt: string;
  status: "pending" | "sending";
  claimedAt: string | null;
  journeyStep: JourneyStep | null;
  /** 対象外（届出） reason, if any: nothing of the journey is pushed then. */
  exemption: string | null;
  remindersOffAt: string | null;
  /** When the member reached their current step (the latest journey event of it). */
  stepAt: string | null;
}

const r = schema.reminders;
const m = schema.members;
const e = schema.journeyEvents;

/** Pending reminders of members who left (or whose row is gone) are never sent. */
export async function cancelForInactiveMembers(db: Database, now: Date): Promise<void> {
  const active = db.select({ userId: m.userId }).from(m).where(eq(m.status, "active"));
  await db
    .update(r)
    .set({ status: "cancelled" })
    .where(
      and(
        or(eq(r.status, "pending"), eq(r.status, "sending")),
        lte(r.dueAt, now.toISOString()),
        notInArray(r.userId, active),
      ),
    );
}

/** Due pending reminders and ones stuck in 'sending' by a crashed run, of active members, oldest first. */
export async function findDue(db: Database, now: Date, limit: number): Promise<DueReminder[]> {
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  const rows = await db
    .select({
      id: r.id,
      userId: r.userId,
      kind: r.kind,
      retryKey: r.retryKey,
      dueAt: r.dueAt,
      status: r.status,
      claimedAt: r.claimedAt,
      journeyStep: m.journeyStep,
      exemption: m.exemption,
      remindersOffAt: m.remindersOffAt,
      stepAt: sql<
        string | null
      >`(select max(${e.at}) from ${e} where ${e.userId} = ${r.userId} and ${e.step} = ${m.journeyStep})`,
    })
    .from(r)
    .innerJoin(m, eq(m.userId, r.userId))
    .where(
      and(
        eq(m.status, "active"),
        lte(r.dueAt, now.toISOString()),
        or(eq(r.status, "pending"), and(eq(r.status, "sending"), lte(r.claimedAt, staleBefore))),
      ),
    )
    .orderBy(asc(r.dueAt))
    .limit(limit);
  return rows as DueReminder[];
}

/**
 * Takes a reminder for this run: succeeds only if nobody changed it since it was read (a pending
 * row still pending and due, a stuck row still carrying the claim we saw). Returns the new claim.
 */
export async function claim(db: Database, row: DueReminder, now: Date): Promise<string | null> {
  const claimedAt = now.toISOString();
  const unchanged =
    row.status === "pending"
      ? and(eq(r.status, "pending"), lte(r.dueAt, claimedAt))
      : and(
          eq(r.status, "sending"),
          row.claimedAt === null ? isNull(r.claimedAt) : eq(r.claimedAt, row.claimedAt),
        );
  const won = await db
    .update(r)
    .set({ status: "sending", claimedAt })
    .where(and(eq(r.id, row.id), unchanged))
    .returning({ id: r.id });
  return won.length === 1 ? claimedAt : null;
}

type Outcome = "sent" | "failed" | "cancelled" | "pending";

/** Finishes a claimed reminder; a no-op if another run re-claimed it meanwhile. */
export async function settle(
  db: Database,
  id: string,
  claimedAt: string,
  outcome: Outcome,
  now: Date,
): Promise<void> {
  const set =
    outcome === "sent"
      ? { status: outcome, sentAt: now.toISOString() }
      : outcome === "pending"
        ? { status: outcome, claimedAt: null }
        : { status: outcome };
  await db
    .update(r)
    .set(set)
    .where(and(eq(r.id, id), eq(r.status, "sending"), eq(r.claimedAt, claimedAt)));
}

/** A member's reminders (tests, staff views). */
export async function listReminders(db: Database, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.select().from(r).where(inArray(r.userId, userIds)).orderBy(asc(r.dueAt));
}
