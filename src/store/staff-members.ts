// Member queries for the staff area: filtered pages, a keyset scan for searching decrypted fields,
// one member's timeline, notes and inquiries. Registration stays sealed here; pages open it.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, like, type SQL, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { JOURNEY_STEPS } from "../engine/types.js";
import type { Database } from "./database.js";

export interface MemberFilter {
  /**
   * A journey step, "none" for members who reported nothing yet, or "exempt" for 対象外（届出）.
   * A step or "none" leaves out exempt members: staff see them as 対象外, never at their step.
   */
  step?: string;
  affiliation?: string;
  status?: "active" | "inactive";
  userIdPrefix?: string;
}

export type MemberRow = typeof schema.members.$inferSelect;

export function memberWhere(filter: MemberFilter): SQL | undefined {
  const m = schema.members;
  const parts: SQL[] = [];
  if (filter.step === "exempt") parts.push(isNotNull(m.exemption));
  else if (filter.step === "none") parts.push(isNull(m.journeyStep), isNull(m.exemption));
  else if (filter.step && (JOURNEY_STEPS as readonly string[]).includes(filter.step))
    parts.push(eq(m.journeyStep, filter.step), isNull(m.exemption));
  if (filter.affiliation) parts.push(eq(m.affiliation, filter.affiliation));
  if (filter.status) parts.push(eq(m.status, filter.status));
  if (filter.userIdPrefix) parts.push(like(m.userId, `${filter.userIdPrefix.replace(/[%_]/g, "")}%`));
  return parts.length > 0 ? and(...parts) : undefined;
}

export async function listMembers(
  db: Database,
  filter: MemberFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const where = memberWhere(filter);
  const [rows, count] = await db.batch([
    db
      .select()
      .from(schema.members)
      .where(where)
      .orderBy(desc(schema.members.createdAt), asc(schema.members.userId))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)` }).from(schema.members).where(where),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

/** Members matching the filter, `size` at a time in user-id order, for searching decrypted fields. */
export async function* scanMembers(
  db: Database,
  filter: MemberFilter,
  size = 500,
): AsyncGenerator<MemberRow[]> {
  let after = "";
  for (;;) {
    const rows = await db
      .select()
      .from(schema.members)
      .where(and(memberWhere(filter), gt(schema.members.userId, after)))
      .orderBy(asc(schema.members.userId))
      .limit(size);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.userId;
    if (rows.length < size) return;
  }
}

export interface MemberDetail {
  member: MemberRow;
  journey: Array<{ step: string; source: string; at: string }>;
  notes: Array<{ id: number; note: string; at: string; staffName: string | null }>;
  inquiries: Array<{ id: number; status: string; createdAt: string }>;
  reminders: Array<{ kind: string; dueAt: string; status: string }>;
}

export async function memberDetail(db: Database, userId: string): Promise<MemberDetail | null> {
  const [members, journey, notes, inquiries, reminders] = await db.batch([
    db.select().from(schema.members).where(eq(schema.members.userId, userId)),
    db
      .select({
        step: schema.journeyEvents.step,
        source: schema.journeyEvents.source,
        at: schema.journeyEvents.at,
      })
      .from(schema.journeyEvents)
      .where(eq(schema.journeyEvents.userId, userId))
      .orderBy(asc(schema.journeyEvents.at), asc(schema.journeyEvents.id)),
    db
      .select({
        id: schema.memberNotes.id,
        note: schema.memberNotes.note,
        at: schema.memberNotes.at,
        staffName: schema.staffUsers.displayName,
      })
      .from(schema.memberNotes)
      .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.memberNotes.staffId))
      .where(eq(schema.memberNotes.userId, userId))
      .orderBy(desc(schema.memberNotes.id)),
    db
      .select({
        id: schema.inquiries.id,
        status: schema.inquiries.status,
        createdAt: schema.inquiries.createdAt,
      })
      .from(schema.inquiries)
      .where(eq(schema.inquiries.userId, userId))
      .orderBy(desc(schema.inquiries.id)),
    db
      .select({ kind: schema.reminders.kind, dueAt: schema.reminders.dueAt, status: schema.reminders.status })
      .from(schema.reminders)
      .where(and(eq(schema.reminders.userId, userId), inArray(schema.reminders.status, ["pending", "sent"])))
      .orderBy(asc(schema.reminders.dueAt)),
  ]);
  const member = members[0];
  return member ? { member, journey, notes, inquiries, reminders } : null;
}
