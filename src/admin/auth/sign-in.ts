// Checks a login id and password without ever locking an account or telling which ids exist:
// failures are counted per login id (typed, known or not), per client address and per pair, each
// with growing waits up to a cap (src/store/staff-throttle.ts). While a wait runs, attempts under
// that key are refused without checking the password. A browser that signed in to the account
// before skips the per-login wait, so an attacker elsewhere cannot keep the real user out.

import { findStaffByLogin } from "../../store/staff.js";
import { recordAudit } from "../../store/staff-audit.js";
import {
  blockedUntil,
  clearThrottle,
  isKnownDevice,
  recordFailure,
  sweepThrottle,
  type ThrottleRule,
} from "../../store/staff-throttle.js";
import type { AdminDeps } from "../deps.js";
import { DUMMY_HASH, verifyPassword } from "./password.js";
import { sha256Hex } from "./tokens.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** One address guessing one login: 3 free tries, then 2 s, 4 s, … up to 15 minutes. */
export const PAIR_RULE: ThrottleRule = { free: 3, baseMs: 2 * SECOND, capMs: 15 * MINUTE };
/** One address trying many logins (spraying): 10 free, then growing up to 15 minutes. */
export const ADDRESS_RULE: ThrottleRule = { free: 10, baseMs: 2 * SECOND, capMs: 15 * MINUTE };
/**
 * One login from anywhere (a distributed guess): 10 free, then growing up to 1 minute — at most about
 * 60 guesses an hour, while a new browser of the real user waits a minute at worst.
 */
export const LOGIN_RULE: ThrottleRule = { free: 10, baseMs: 2 * SECOND, capMs: MINUTE };

export type SignInResult =
  | { ok: true; staffId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "wait"; retryAfterMs: number };

export interface SignInAttempt {
  loginId: string;
  password: string;
  /** The client's address as the entry point sees it. */
  address: string;
  /** SHA-256 of this browser's device cookie, if it has one. */
  deviceHash?: string;
}

export async function throttleKeys(loginId: string, address: string) {
  const login = await sha256Hex(loginId.trim().toLowerCase());
  const ip = await sha256Hex(address);
  return { login: `login:${login}`, address: `ip:${ip}`, pair: `pair:${login}:${ip}`, loginHash: login };
}

export async function signIn(deps: AdminDeps, attempt: SignInAttempt): Promise<SignInResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const keys = await throttleKeys(attempt.loginId, attempt.address);
  const staff = attempt.loginId ? await findStaffByLogin(db, attempt.loginId) : null;
  const trusted =
    staff !== null &&
    attempt.deviceHash !== undefined &&
    (await isKnownDevice(db, attempt.deviceHash, staff.id));
  const checked = trusted ? [keys.pair, keys.address] : [keys.pair, keys.address, keys.login];
  const until = await blockedUntil(db, checked, now);
  if (until) {
    if (staff) await recordAudit(db, { staffId: staff.id, action: "auth.signInThrottled" }, now);
    return { ok: false, reason: "wait", retryAfterMs: until.getTime() - now.getTime() };
  }
  // The full PBKDF2 runs whether or not the id exists, so timing says little.
  const matches = await verifyPassword(attempt.password, staff?.passwordHash ?? DUMMY_HASH);
  if (staff && matches) {
    await clearThrottle(db, [keys.pair, keys.login]);
    await sweepThrottle(db, now);
    await recordAudit(db, { staffId: staff.id, action: "auth.signIn" }, now);
    return { ok: true, staffId: staff.id };
  }
  await recordFailure(
    db,
    [
      { key: keys.pair, rule: PAIR_RULE },
      { key: keys.address, rule: ADDRESS_RULE },
      { key: keys.login, rule: LOGIN_RULE },
    ],
    now,
  );
  if (staff) await recordAudit(db, { staffId: staff.id, action: "auth.signInFailed" }, now);
  return { ok: false, reason: "invalid" };
}

/** Forgets an account's failed sign-ins (the admin's 「ログイン制限を解除」). */
export async function releaseThrottle(deps: AdminDeps, loginId: string): Promise<void> {
  const keys = await throttleKeys(loginId, "");
  await clearThrottle(deps.db, [keys.login], [`pair:${keys.loginHash}:`]);
}
