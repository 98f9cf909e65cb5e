// Staff accounts: creation, look-up, password changes (which end the account's other sessions), removal.
import { and, eq, ne } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";

export type StaffRole = "admin" | "staff";

export interface StaffUser {
  id: number;
  loginId: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  createdAt: string;
}

export interface NewStaff {
  loginId: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
}

export async function findStaffByLogin(db: Database, loginId: string): Promise<StaffUser | null> {
  const rows = await db
    .select()
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.loginId, loginId))
    .limit(1);
  return rows[0] ?? null;
}

export async function findStaffById(db: Database, id: number): Promise<StaffUser | null> {
  const rows = await db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listStaff(db: Database): Promise<StaffUser[]> {
  return db.select().from(schema.staffUsers).orderBy(schema.staffUsers.loginId);
}

/** Inserts the account; returns null when the login id is taken. */
export async function createStaff(db: Database, staff: NewStaff, now: Date): Promise<number | null> {
  const rows = await db
    .insert(schema.staffUsers)
    .values({ ...staff, createdAt: now.toISOString() })
    .onConflictDoNothing()
    .returning({ id: schema.staffUsers.id });
  return rows[0]?.id ?? null;
}

/**
 * Replaces the password and, in the same batch, ends every session of the account except `keep`
 * (the hash of the session that changed its own password), so a leaked password stops working at once.
 */
export async function setStaffPassword(
  db: Database,
  id: number,
  passwordHash: string,
  keep?: string,
): Promise<void> {
  const s = schema.staffSessions;
  await db.batch([
    db.update(schema.staffUsers).set({ passwordHash }).where(eq(schema.staffUsers.id, id)),
    db.delete(s).where(keep ? and(eq(s.staffId, id), ne(s.tokenHash, keep)) : eq(s.staffId, id)),
  ]);
}

/** Removes the account, its sessions and remembered browsers together. */
export async function deleteStaff(db: Database, id: number): Promise<void> {
  await db.batch([
    db.delete(schema.staffSessions).where(eq(schema.staffSessions.staffId, id)),
    db.delete(schema.staffDevices).where(eq(schema.staffDevices.staffId, id)),
    db.delete(schema.staffUsers).where(eq(schema.staffUsers.id, id)),
  ]);
}
