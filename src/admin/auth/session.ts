// The staff session cookie: HttpOnly, SameSite=Lax, Secure in production, scoped to /admin, 12 hours.
// The database keeps only the token's SHA-256.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createSession, deleteSession, findSession, type SessionStaff } from "../../store/staff-sessions.js";
import type { AdminDeps } from "../deps.js";
import { randomToken, sha256Hex } from "./tokens.js";

export const SESSION_COOKIE = "admin_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const COOKIE_PATH = "/admin";

export async function startSession(
  c: Context,
  deps: AdminDeps,
  staffId: number,
  secure: boolean,
): Promise<void> {
  const token = randomToken();
  const now = deps.clock.now();
  await createSession(
    deps.db,
    {
      tokenHash: await sha256Hex(token),
      staffId,
      csrfToken: randomToken(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    },
    now,
  );
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: COOKIE_PATH,
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export async function currentStaff(c: Context, deps: AdminDeps): Promise<SessionStaff | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  return findSession(deps.db, await sha256Hex(token), deps.clock.now());
}

/** The stored hash of this request's session token (kept when the account changes its password). */
export async function currentSessionHash(c: Context): Promise<string | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? sha256Hex(token) : undefined;
}

export async function endSession(c: Context, deps: AdminDeps, secure: boolean): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(deps.db, await sha256Hex(token));
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure, httpOnly: true, sameSite: "Lax" });
}
