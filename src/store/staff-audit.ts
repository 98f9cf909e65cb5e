// The audit trail of staff actions (sign-in/out, reveals, relays, broadcasts, imports, erasures).
// Details are short identifiers and counts, never personal fields or message bodies.
import { desc, eq, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database, Statement } from "./database.js";

/** Every action the code audits; the audit page has a Japanese label for each (checked by type and test). */
export const AUDIT_ACTIONS = [
  "auth.signIn",
  "auth.signOut",
  "auth.signInFailed",
  "auth.signInThrottled",
  "staff.passwordChange",
  "member.reveal",
  "member.relay",
  "member.note",
  "member.rosterLink",
  "member.erase",
  "broadcast.create",
  "broadcast.send",
  "broadcast.schedule",
  "broadcast.cancel",
  "roster.import",
  "roster.importRejected",
  "roster.exportNotDone",
  "members.export",
  "inquiry.answer",
  "inquiry.close",
  "inquiry.reopen",
  "staff.create",
  "staff.passwordReset",
  "staff.unlock",
  "staff.delete",
  "knowledge.draft",
  "knowledge.publish",
  "knowledge.revert",
  "knowledge.discard",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  staffId: number | null;
  action: AuditAction;
  target?: string | null;
  detail?: Record<string, string | number | boolean | null> | null;
}

export interface AuditRow {
  id: number;
  at: string;
  action: string;
  target: string | null;
  detail: string | null;
  staffName: string | null;
}

/** The audit insert as a statement, to commit in the same batch as the action it records. */
export function auditStatement(db: Database, entry: AuditEntry, now: Date): Statement {
  return db.insert(schema.auditLog).values({
    staffId: entry.staffId,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    at: now.toISOString(),
  });
}

export async function recordAudit(db: Database, entry: AuditEntry, now: Date): Promise<void> {
  await auditStatement(db, entry, now);
}

export async function listAudit(
  db: Database,
  page: { limit: number; offset: number; action?: string },
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = page.action ? eq(schema.auditLog.action, page.action) : undefined;
  const [rows, count] = await Promise.all([
    db
      .select({
        id: schema.auditLog.id,
        at: schema.auditLog.at,
        action: schema.auditLog.action,
        target: schema.auditLog.target,
        detail: schema.auditLog.detail,
        staffName: schema.staffUsers.displayName,
      })
      .from(schema.auditLog)
      .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.auditLog.staffId))
      .where(where)
      .orderBy(desc(schema.auditLog.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)` }).from(schema.auditLog).where(where),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}
