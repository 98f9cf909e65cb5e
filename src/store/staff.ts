// Staff accounts: creation, look-up by login id, and the failed-attempt counter behind the lock-out.
import { eq, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Database } from "./database.js";

export type StaffRole = "admin" | "staff";

export interface StaffUser {
  id: number;
  loginId: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
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

/** Replaces the password (CLI re-run, admin reset) and clears any lock. */
export async function setStaffPassword(db: Database, id: number, passwordHash: string): Promise<void> {
  await db
    .update(schema.staffUsers)
    .set({ passwordHash, failedAttempts: 0, lockedUntil: null })
    .where(eq(schema.staffUsers.id, id));
}

export interface LockPolicy {
  maxAttempts: number;
  lockMs: number;
}

/**
 * Counts one failed sign-in in a single statement (safe when two instances race); the attempt that
 * reaches the limit locks the account and restarts the count. Returns whether it is now locked.
 */
export async function recordFailedSignIn(
  db: Database,
  id: number,
  now: Date,
  policy: LockPolicy,
): Promise<{ locked: boolean; lockedUntil: string | null }> {
  const until = new Date(now.getTime() + policy.lockMs).toISOString();
  const reached = sql`${schema.staffUsers.failedAttempts} + 1 >= ${policy.maxAttempts}`;
  const rows = await db
    .update(schema.staffUsers)
    .set({
      failedAttempts: sql`case when ${reached} then 0 else ${schema.staffUsers.failedAttempts} + 1 end`,
      lockedUntil: sql`case when ${reached} then ${until} else ${schema.staffUsers.lockedUntil} end`,
    })
    .where(eq(schema.staffUsers.id, id))
    .returning({ lockedUntil: schema.staffUsers.lockedUntil });
  const lockedUntil = rows[0]?.lockedUntil ?? null;
  return { locked: lockedUntil !== null && lockedUntil > now.toISOString(), lockedUntil };
}

export async function clearFailedSignIns(db: Database, id: number): Promise<void> {
  await db
    .update(schema.staffUsers)
    .set({ failedAttempts: 0, lockedUntil: null })
    .where(eq(schema.staffUsers.id, id));
}

/** Removes the account and its sessions together. */
export async function deleteStaff(db: Database, id: number): Promise<void> {
  await db.batch([
    db.delete(schema.staffSessions).where(eq(schema.staffSessions.staffId, id)),
    db.delete(schema.staffUsers).where(eq(schema.staffUsers.id, id)),
  ]);
}

export function isLocked(staff: Pick<StaffUser, "lockedUntil">, now: Date): boolean {
  return staff.lockedUntil !== null && staff.lockedUntil > now.toISOString();
}
