// Checks a login id and password: constant-ish time (the PBKDF2 runs whether the id exists, is locked
// or not), 5 failures lock the account for 15 minutes, and every outcome is audited.

import {
  clearFailedSignIns,
  findStaffByLogin,
  isLocked,
  type LockPolicy,
  recordFailedSignIn,
} from "../../store/staff.js";
import { recordAudit } from "../../store/staff-audit.js";
import type { AdminDeps } from "../deps.js";
import { DUMMY_HASH, verifyPassword } from "./password.js";

export const LOCK_POLICY: LockPolicy = { maxAttempts: 5, lockMs: 15 * 60 * 1000 };

export type SignInResult =
  | { ok: true; staffId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: string };

export async function signIn(deps: AdminDeps, loginId: string, password: string): Promise<SignInResult> {
  const { db, clock } = deps;
  const staff = loginId ? await findStaffByLogin(db, loginId) : null;
  const matches = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
  const now = clock.now();
  if (!staff) return { ok: false, reason: "invalid" };
  if (isLocked(staff, now)) {
    await recordAudit(db, { staffId: staff.id, action: "auth.signInLocked" }, now);
    return { ok: false, reason: "locked", lockedUntil: staff.lockedUntil ?? now.toISOString() };
  }
  if (matches) {
    await clearFailedSignIns(db, staff.id);
    await recordAudit(db, { staffId: staff.id, action: "auth.signIn" }, now);
    return { ok: true, staffId: staff.id };
  }
  const result = await recordFailedSignIn(db, staff.id, now, LOCK_POLICY);
  await recordAudit(
    db,
    { staffId: staff.id, action: result.locked ? "auth.locked" : "auth.signInFailed" },
    now,
  );
  return result.locked && result.lockedUntil
    ? { ok: false, reason: "locked", lockedUntil: result.lockedUntil }
    : { ok: false, reason: "invalid" };
}
