import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { DEFAULT_ITERATIONS, hashPassword, verifyPassword } from "../../src/admin/auth/password.js";
import { cookiesOf, type Harness, ORIGIN, seedStaff, signIn, startHarness, submitLogin } from "./harness.js";

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
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ _csrf: "forged", loginId: "admin", password: "a-long-password-1" }),
    });
    expect(res.status).toBe(403);
    expect(await h.db.select().from(schema.staffSessions)).toHaveLength(0);
  });

  it("never locks: after wrong passwords the same address waits, with growing delays up to a cap", async () => {
    const attacker = { address: "203.0.113.66" };
    for (let i = 1; i <= 3; i++) {
      const res = await submitLogin(h, "admin", "wrong-password", attacker);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("ログインIDまたはパスワードが違います");
    }
    // The 4th failure starts the waits: 2 s, then 4 s, 8 s … each refused try is not checked.
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      expect((await submitLogin(h, "admin", "wrong-password", attacker)).status).toBe(401);
      const refused = await submitLogin(h, "admin", "a-long-password-1", attacker);
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain("しばらく受け付けを止めています");
      waits.push(Number(refused.headers.get("retry-after")));
      h.clock.advance(waits.at(-1)! * 1000);
    }
    expect(waits.slice(0, 4)).toEqual([2, 4, 8, 16]);
    expect(Math.max(...waits)).toBe(15 * 60); // the cap
    // Once the wait is over the right password works from there too.
    expect((await submitLogin(h, "admin", "a-long-password-1", attacker)).status).toBe(303);
    const actions = (await h.db.select().from(schema.auditLog)).map((r) => r.action);
    expect(actions).toContain("auth.signInThrottled");
    expect(actions.at(-1)).toBe("auth.signIn");
  });

  it("an attacker's wrong passwords from another address do not keep the admin out", async () => {
    for (let i = 0; i < 30; i++) await submitLogin(h, "admin", `guess-${i}`, { address: "203.0.113.66" });
    expect((await submitLogin(h, "admin", "guess-x", { address: "203.0.113.66" })).status).toBe(429);
    const office = await submitLogin(h, "admin", "a-long-password-1", { address: "198.51.100.7" });
    expect(office.status).toBe(303);
  });

  it("a guess spread over many addresses slows a new browser by at most a minute, and a known one not at all", async () => {
    // The admin signed in from this browser before: it holds the remembered-device cookie.
    const first = await submitLogin(h, "admin", "a-long-password-1", { address: "198.51.100.7" });
    const jar = cookiesOf(first)
      .split("; ")
      .filter((kv) => kv.startsWith("admin_device="))
      .join("; ");
    expect(jar).toMatch(/^admin_device=.{43}$/);
    for (let i = 0; i < 20; i++) await submitLogin(h, "admin", `guess-${i}`, { address: `203.0.113.${i}` });
    const known = await submitLogin(h, "admin", "a-long-password-1", { address: "198.51.100.99", jar });
    expect(known.status).toBe(303);
    for (let i = 20; i < 40; i++) await submitLogin(h, "admin", `guess-${i}`, { address: `203.0.113.${i}` });
    const fresh = await submitLogin(h, "admin", "a-long-password-1", { address: "198.51.100.8" });
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    h.clock.advance(60_000);
    expect((await submitLogin(h, "admin", "a-long-password-1", { address: "198.51.100.8" })).status).toBe(
      303,
    );
  });

  it("shows the same page for a real login id and an unknown one, also once waits begin", async () => {
    const page = async (loginId: string, address: string) => {
      const res = await submitLogin(h, loginId, "wrong-password", { address });
      const html = (await res.text())
        .replace(/name="_csrf" value="[^"]*"/, "")
        .replace(`value="${loginId}"`, "");
      return { status: res.status, retryAfter: res.headers.get("retry-after"), html };
    };
    for (let i = 0; i < 6; i++) {
      const real = await page("admin", "203.0.113.1");
      const unknown = await page("nobody", "203.0.113.2");
      expect(unknown).toEqual(real);
    }
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
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
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
