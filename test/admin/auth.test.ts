import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { DEFAULT_ITERATIONS, hashPassword, verifyPassword } from "../../src/admin/auth/password.js";
import { cookiesOf, type Harness, seedStaff, signIn, startHarness, submitLogin } from "./harness.js";

describe("admin password hashing", () => {
  it("stores pbkdf2$iter$salt$hash with at least 210,000 iterations and verifies", async () => {
    const stored = await hashPassword("correct horse battery");
    const [scheme, iter, salt, hash] = stored.split("$");
    expect(scheme).toBe("pbkdf2");
    expect(Number(iter)).toBeGreaterThanOrEqual(210_000);
    expect(Number(iter)).toBe(DEFAULT_ITERATIONS);
    expect(atob(salt!).length).toBe(16);
    expect(atob(hash!).length).toBe(32);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  });

  it("salts every hash differently and rejects malformed rows", async () => {
    expect(await hashPassword("x", 1000)).not.toBe(await hashPassword("x", 1000));
    expect(await verifyPassword("x", "pbkdf2$99999999$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("is plain PBKDF2-SHA256 up to 100,000 iterations (segments only beyond)", async () => {
    const stored = await hashPassword("pw", 50_000);
    const [, , salt, hash] = stored.split("$");
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("pw"), "PBKDF2", false, [
      "deriveBits",
    ]);
    const saltBytes = Uint8Array.from(atob(salt!), (c) => c.charCodeAt(0));
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: saltBytes, iterations: 50_000 },
      key,
      256,
    );
    expect(btoa(String.fromCharCode(...new Uint8Array(bits)))).toBe(hash);
  });
});

describe("admin sign-in", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ secureCookies: true });
    await seedStaff(h, "admin", "a-long-password-1", "admin", DEFAULT_ITERATIONS);
  });
  afterEach(() => h.close());

  it("sends anonymous visitors to the sign-in page", async () => {
    const res = await h.app.request("/admin/members");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin/login?next=%2Fadmin%2Fmembers");
  });

  it("sets an HttpOnly, SameSite=Lax, Secure session cookie scoped to /admin for 12 hours", async () => {
    const res = await submitLogin(h, "admin", "a-long-password-1");
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("admin_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/Max-Age=43200/);
    const token = cookie.split(";")[0]!.split("=")[1]!;
    const rows = await h.db.select().from(schema.staffSessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("omits Secure outside production", async () => {
    const dev = await startHarness({ secureCookies: false });
    await seedStaff(dev, "dev", "a-long-password-1");
    const res = await submitLogin(dev, "dev", "a-long-password-1");
    expect(res.headers.getSetCookie().find((c) => c.startsWith("admin_session="))).not.toMatch(/Secure/);
    await dev.close();
  });

  it("rejects the sign-in form without the double-submit token", async () => {
    const res = await h.app.request("/admin/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: "forged", loginId: "admin", password: "a-long-password-1" }),
    });
    expect(res.status).toBe(403);
    expect(await h.db.select().from(schema.staffSessions)).toHaveLength(0);
  });

  it("locks the account for 15 minutes after 5 wrong passwords, and says so", async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await submitLogin(h, "admin", "wrong-password");
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("ログインIDまたはパスワードが違います");
    }
    const fifth = await submitLogin(h, "admin", "wrong-password");
    expect(await fifth.text()).toContain("15分間ロックされています");
    // Even the right password is refused while locked.
    const locked = await submitLogin(h, "admin", "a-long-password-1");
    expect(locked.status).toBe(401);
    expect(await locked.text()).toContain("ロックされています");
    h.clock.advance(15 * 60 * 1000 + 1000);
    expect((await submitLogin(h, "admin", "a-long-password-1")).status).toBe(303);
    const actions = (await h.db.select().from(schema.auditLog)).map((r) => r.action);
    expect(actions.filter((a) => a === "auth.signInFailed")).toHaveLength(4);
    expect(actions).toContain("auth.locked");
    expect(actions).toContain("auth.signInLocked");
    expect(actions.at(-1)).toBe("auth.signIn");
  });

  it("answers an unknown login id like a wrong password, in comparable time", async () => {
    const t0 = performance.now();
    const unknown = await submitLogin(h, "nobody", "whatever-password");
    const t1 = performance.now();
    const wrong = await submitLogin(h, "admin", "whatever-password");
    const t2 = performance.now();
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain("ログインIDまたはパスワードが違います");
    expect(wrong.status).toBe(401);
    // Both run the full PBKDF2: neither answers in a fraction of the other's time.
    expect(t1 - t0).toBeGreaterThan((t2 - t1) / 3);
  });

  it("rejects every staff POST without the session's CSRF token (403)", async () => {
    const s = await signIn(h, "admin", "a-long-password-1");
    const res = await s.post("/admin/broadcasts", { text: "x", audienceKind: "all" }, false);
    expect(res.status).toBe(403);
    const forged = await h.app.request("/admin/broadcasts", {
      method: "POST",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: "not-the-token", text: "x", audienceKind: "all" }),
    });
    expect(forged.status).toBe(403);
    expect(await h.db.select().from(schema.broadcasts)).toHaveLength(0);
    expect((await s.post("/admin/broadcasts", { text: "x", audienceKind: "all" })).status).toBe(303);
  });

  it("signs out: the session row goes and the cookie stops working", async () => {
    const s = await signIn(h, "admin", "a-long-password-1");
    const out = await s.post("/admin/logout");
    expect(out.status).toBe(303);
    expect(cookiesOf(out)).toContain("admin_session=");
    expect(await h.db.select().from(schema.staffSessions)).toHaveLength(0);
    expect((await s.get("/admin")).status).toBe(302);
    const actions = (await h.db.select().from(schema.auditLog)).map((r) => r.action);
    expect(actions).toEqual(["auth.signIn", "auth.signOut"]);
  });

  it("expires sessions after 12 hours", async () => {
    const s = await signIn(h, "admin", "a-long-password-1");
    h.clock.advance(12 * 60 * 60 * 1000 + 1);
    expect((await s.get("/admin")).status).toBe(302);
  });

  it("keeps admin-only pages from staff", async () => {
    await seedStaff(h, "clerk", "a-long-password-2", "staff");
    const s = await signIn(h, "clerk", "a-long-password-2");
    expect((await s.get("/admin/roster")).status).toBe(403);
    expect((await s.get("/admin/staff")).status).toBe(403);
    expect((await s.get("/admin/audit")).status).toBe(403);
    expect((await s.get("/admin/members")).status).toBe(200);
    const [clerk] = await h.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.loginId, "clerk"));
    expect(clerk?.role).toBe("staff");
  });
});
