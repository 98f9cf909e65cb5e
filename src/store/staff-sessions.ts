// Staff sign-in sessions. Only the SHA-256 of the cookie token is stored, so reading the database
// does not let anyone sign in; each session carries its own CSRF token.
import { and, eq, gt, lte } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";
import type { StaffRole } from "./staff.js";

export interface SessionStaff {
  staffId: number;
  loginId: string;
  displayName: string;
  role: StaffRole;
  csrfToken: string;
  expiresAt: string;
}

export interface NewSession {
  tokenHash: string;
  staffId: number;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(db: Database, session: NewSession, now: Date): Promise<void> {
  await db.batch([
    // Sign-in is a good moment to sweep the expired rows of everyone.
    db.delete(schema.staffSessions).where(lte(schema.staffSessions.expiresAt, now.toISOString())),
    db.insert(schema.staffSessions).values({ ...session, createdAt: now.toISOString() }),
  ]);
}

/** The signed-in staff member behind a token hash, or null when unknown or expired. */
export async function findSession(db: Database, tokenHash: string, now: Date): Promise<SessionStaff | null> {
  const rows = await db
    .select({
      staffId: schema.staffUsers.id,
      loginId: schema.staffUsers.loginId,
      displayName: schema.staffUsers.displayName,
      role: schema.staffUsers.role,
      csrfToken: schema.staffSessions.csrfToken,
      expiresAt: schema.staffSessions.expiresAt,
    })
    .from(schema.staffSessions)
    .innerJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.staffSessions.staffId))
    .where(
      and(
        eq(schema.staffSessions.tokenHash, tokenHash),
        gt(schema.staffSessions.expiresAt, now.toISOString()),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(schema.staffSessions).where(eq(schema.staffSessions.tokenHash, tokenHash));
}
