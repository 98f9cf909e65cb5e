// Members' questions handed over to a person: the staff list, and answering as a conditional update
// (open → answered) so two staff members cannot both answer the same question.
import { and, asc, desc, eq, getTableColumns, gte, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";

export type InquiryRow = typeof schema.inquiries.$inferSelect;
export type InquiryStatus = InquiryRow["status"];

const q = schema.inquiries;

/** An inquiry with the asking member's sealed answers (the page shows the masked name and clinic). */
export type InquiryWithMember = InquiryRow & { registration: string | null };

export async function listInquiries(
  db: Database,
  status: InquiryStatus,
  page: { limit: number; offset: number },
): Promise<{ rows: InquiryWithMember[]; total: number }> {
  const [rows, count] = await db.batch([
    db
      .select({ ...getTableColumns(q), registration: schema.members.registration })
      .from(q)
      .leftJoin(schema.members, eq(schema.members.userId, q.userId))
      .where(eq(q.status, status))
      .orderBy(status === "open" ? asc(q.createdAt) : desc(q.createdAt))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)` }).from(q).where(eq(q.status, status)),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

export async function getInquiry(db: Database, id: number): Promise<InquiryWithMember | null> {
  const rows = await db
    .select({ ...getTableColumns(q), registration: schema.members.registration })
    .from(q)
    .leftJoin(schema.members, eq(schema.members.userId, q.userId))
    .where(eq(q.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Staff-group alerts sent since `since` (each one LINE message). */
export async function staffAlertsSince(db: Database, since: Date): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(q)
    .where(gte(q.staffNotifiedAt, since.toISOString()));
  return Number(rows[0]?.n ?? 0);
}

/** Marks an open inquiry answered; null when it was not open any more. */
export async function claimAnswer(
  db: Database,
  id: number,
  answer: { sealed: string; staffName: string },
  now: Date,
): Promise<{ userId: string } | null> {
  const rows = await db
    .update(q)
    .set({
      status: "answered",
      answer: answer.sealed,
      answeredBy: answer.staffName,
      answeredAt: now.toISOString(),
    })
    .where(and(eq(q.id, id), eq(q.status, "open")))
    .returning({ userId: q.userId });
  return rows[0] ?? null;
}

/** Undoes a claim whose push failed, so the question shows as open again. */
export async function reopenInquiry(db: Database, id: number): Promise<void> {
  await db
    .update(q)
    .set({ status: "open", answer: null, answeredBy: null, answeredAt: null })
    .where(eq(q.id, id));
}

/** Closes without an answer (e.g. settled by phone). */
export async function closeInquiry(db: Database, id: number, staffName: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(q)
    .set({ status: "closed", answeredBy: staffName, answeredAt: now.toISOString() })
    .where(and(eq(q.id, id), eq(q.status, "open")))
    .returning({ id: q.id });
  return rows.length > 0;
}

/** Closes an answered inquiry once staff finished with it; the answer and who sent it stay. */
export async function closeAnsweredInquiry(db: Database, id: number): Promise<boolean> {
  const rows = await db
    .update(q)
    .set({ status: "closed" })
    .where(and(eq(q.id, id), eq(q.status, "answered")))
    .returning({ id: q.id });
  return rows.length > 0;
}

/** Opens a closed inquiry again (it shows among 未対応); an answer already sent stays on record. */
export async function reopenClosedInquiry(db: Database, id: number): Promise<boolean> {
  const rows = await db
    .update(q)
    .set({ status: "open" })
    .where(and(eq(q.id, id), eq(q.status, "closed")))
    .returning({ id: q.id });
  return rows.length > 0;
}
