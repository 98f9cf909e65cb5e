// The staff area's security answers through app.request(): password changes end other sessions, the
// role and input checks, Hono's secure headers and Origin check, and the friendly error pages.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { createApp } from "../../src/app.js";
import { TrackedBackground } from "../../src/background.js";
import { assembleBot } from "../../src/bot/assemble.js";
import { type Harness, ORIGIN, seedMember, seedStaff, signIn, startHarness, submitLogin } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await seedStaff(h, "admin", "admin-password-1", "admin");
  await seedStaff(h, "clerk", "clerk-password-1", "staff");
});
afterEach(() => h.close());

const sessionsOf = async (loginId: string) => {
  const [u] = await h.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.loginId, loginId));
  return h.db.select().from(schema.staffSessions).where(eq(schema.staffSessions.staffId, u!.id));
};

describe("passwords", () => {
  it("changing one's own password ends one's other sessions and keeps this one", async () => {
    const laptop = await signIn(h, "clerk", "clerk-password-1");
    const phone = await signIn(h, "clerk", "clerk-password-1", { address: "198.51.100.2" });
    const wrong = await laptop.post("/admin/account/password", {
      current: "not-my-password",
      password: "kawagoe-umbrella-2",
      confirm: "kawagoe-umbrella-2",
    });
    expect(wrong.headers.get("location")).toBe("/admin/account?done=wrongCurrent");
    const mismatch = await laptop.post("/admin/account/password", {
      current: "clerk-password-1",
      password: "kawagoe-umbrella-2",
      confirm: "kawagoe-umbrella-3",
    });
    expect(mismatch.headers.get("location")).toBe("/admin/account?done=mismatch");
    expect((await phone.get("/admin")).status).toBe(200); // nothing changed yet

    const changed = await laptop.post("/admin/account/password", {
      current: "clerk-password-1",
      password: "kawagoe-umbrella-2",
      confirm: "kawagoe-umbrella-2",
    });
    expect(changed.headers.get("location")).toBe("/admin/account?done=changed");
    expect(await (await laptop.get("/admin/account?done=changed")).text()).toContain(
      "パスワードを変更しました",
    );
    expect((await phone.get("/admin")).status).toBe(302);
    expect(await sessionsOf("clerk")).toHaveLength(1);
    expect((await submitLogin(h, "clerk", "clerk-password-1")).status).toBe(401);
    expect((await submitLogin(h, "clerk", "kawagoe-umbrella-2")).status).toBe(303);
    const actions = (await h.db.select().from(schema.auditLog)).map((r) => r.action);
    expect(actions).toContain("staff.passwordChange");
  });

  it("an admin sets a new password for someone else, which signs them out everywhere", async () => {
    const clerk = await signIn(h, "clerk", "clerk-password-1");
    const admin = await signIn(h, "admin", "admin-password-1");
    const [u] = await h.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.loginId, "clerk"));
    const short = await admin.post(`/admin/staff/${u!.id}/password`, { password: "short", confirm: "short" });
    expect(short.headers.get("location")).toBe("/admin/staff?done=tooShort");
    const res = await admin.post(`/admin/staff/${u!.id}/password`, {
      password: "kawagoe-umbrella-9",
      confirm: "kawagoe-umbrella-9",
    });
    expect(res.headers.get("location")).toBe("/admin/staff?done=passwordReset");
    expect((await clerk.get("/admin")).status).toBe(302);
    expect(await sessionsOf("clerk")).toHaveLength(0);
    expect((await submitLogin(h, "clerk", "kawagoe-umbrella-9")).status).toBe(303);
    // Staff cannot reset anyone's password.
    const clerkAgain = await signIn(h, "clerk", "kawagoe-umbrella-9");
    const [a] = await h.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.loginId, "admin"));
    expect(
      (
        await clerkAgain.post(`/admin/staff/${a!.id}/password`, {
          password: "x".repeat(12),
          confirm: "x".repeat(12),
        })
      ).status,
    ).toBe(403);
    expect((await submitLogin(h, "admin", "admin-password-1")).status).toBe(303);
  });

  it("the admin can lift a sign-in wait from the accounts page", async () => {
    for (let i = 0; i < 5; i++) await submitLogin(h, "clerk", "wrong-password", { address: "203.0.113.9" });
    expect((await submitLogin(h, "clerk", "clerk-password-1", { address: "203.0.113.9" })).status).toBe(429);
    const admin = await signIn(h, "admin", "admin-password-1");
    const page = await (await admin.get("/admin/staff")).text();
    expect(page).toContain("一時的に制限中");
    const [u] = await h.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.loginId, "clerk"));
    await admin.post(`/admin/staff/${u!.id}/unlock`);
    expect((await submitLogin(h, "clerk", "clerk-password-1", { address: "203.0.113.9" })).status).toBe(303);
  });
});

describe("role and input checks", () => {
  it("staff cannot cancel an admin's broadcast to everyone, but can cancel a segment one", async () => {
    const admin = await signIn(h, "admin", "admin-password-1");
    const clerk = await signIn(h, "clerk", "clerk-password-1");
    await admin.post("/admin/broadcasts", { text: "全員へ", audienceKind: "all" });
    await admin.post("/admin/broadcasts", {
      text: "一部へ",
      audienceKind: "journeyStep",
      step: "registered",
    });
    const [all, segment] = await h.db.select().from(schema.broadcasts).orderBy(schema.broadcasts.id);
    await admin.post(`/admin/broadcasts/${all!.id}/schedule`, { at: "2026-12-24T10:00" });
    const refused = await clerk.post(`/admin/broadcasts/${all!.id}/cancel`);
    expect(refused.headers.get("location")).toBe(`/admin/broadcasts/${all!.id}?done=allAdminOnly`);
    const [still] = await h.db.select().from(schema.broadcasts).where(eq(schema.broadcasts.id, all!.id));
    expect(still?.status).toBe("scheduled");
    await clerk.post(`/admin/broadcasts/${segment!.id}/cancel`);
    const [cancelled] = await h.db
      .select()
      .from(schema.broadcasts)
      .where(eq(schema.broadcasts.id, segment!.id));
    expect(cancelled?.status).toBe("cancelled");
  });

  it("refuses an impossible schedule date (2099-13-45) and leaves the draft a draft", async () => {
    const admin = await signIn(h, "admin", "admin-password-1");
    await admin.post("/admin/broadcasts", { text: "予約", audienceKind: "journeyStep", step: "registered" });
    const [b] = await h.db.select().from(schema.broadcasts);
    for (const at of ["2099-13-45T10:00", "2027-02-30T10:00", "2027-01-01T24:30", "2027-01-01T10:61"]) {
      const res = await admin.post(`/admin/broadcasts/${b!.id}/schedule`, { at });
      expect(res.headers.get("location"), at).toBe(`/admin/broadcasts/${b!.id}?done=badTime`);
    }
    const [after] = await h.db.select().from(schema.broadcasts);
    expect(after?.status).toBe("draft");
    expect(await (await admin.get(`/admin/broadcasts/${b!.id}?done=badTime`)).text()).toContain(
      "予約日時が正しくありません",
    );
  });

  it("erasing an unknown member is a 404 with nothing audited", async () => {
    const admin = await signIn(h, "admin", "admin-password-1");
    const res = await admin.post("/admin/members/U00000000000000000000000000000bad/erase");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("この会員は見つかりませんでした");
    const actions = (await h.db.select().from(schema.auditLog)).map((r) => r.action);
    expect(actions).not.toContain("member.erase");
    const known = await seedMember(h);
    expect((await admin.post(`/admin/members/${known}/erase`)).status).toBe(303);
  });

  it("refuses a members filter the lists do not offer", async () => {
    const admin = await signIn(h, "admin", "admin-password-1");
    const bad = await admin.get("/admin/members?affiliation=%E3%81%AA%E3%81%AB%E3%81%8B");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("所属機関の指定が正しくありません");
    expect((await admin.get("/admin/members?step=nonsense")).status).toBe(400);
    expect((await admin.get("/admin/members?status=deleted")).status).toBe(400);
    const ok = await admin.get(`/admin/members?affiliation=${encodeURIComponent("施術所（柔道整復）")}`);
    expect(ok.status).toBe(200);
  });

  it("refuses a broadcast to an affiliation that does not exist", async () => {
    const admin = await signIn(h, "admin", "admin-password-1");
    const res = await admin.post("/admin/broadcasts", {
      text: "x",
      audienceKind: "affiliation",
      affiliation: "存在しない機関",
    });
    expect(res.status).toBe(400);
    expect(await h.db.select().from(schema.broadcasts)).toHaveLength(0);
  });
});

describe("headers and origin", () => {
  it("sends a CSP without 'unsafe-inline' scripts, no inline script or handler, and the script as a file", async () => {
    const admin = await signIn(h, "admin", "admin-password-1");
    const res = await admin.get("/admin");
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc.trim()).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("strict-transport-security")).toBeNull(); // not in development
    const seeded = await seedMember(h);
    for (const path of [
      "/admin",
      "/admin/members",
      `/admin/members/${seeded}`,
      "/admin/broadcasts/new",
      "/admin/staff",
      "/admin/account",
    ]) {
      const html = await (await admin.get(path)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\son[a-z]+=/);
    }
    const script = await h.app.request("/admin/assets/admin.js");
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect(await script.text()).toContain("data-confirm");
  });

  it("sends Strict-Transport-Security in production", async () => {
    const prod = await startHarness({ secureCookies: true });
    const res = await prod.app.request("/admin/login");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    await prod.close();
  });

  it("refuses a form post from another site even with a valid token (Origin check)", async () => {
    const admin = await signIn(h, "admin", "admin-password-1");
    const foreign: Array<Record<string, string>> = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      {},
    ];
    for (const headers of foreign) {
      const res = await h.app.request("/admin/broadcasts", {
        method: "POST",
        headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ _csrf: admin.csrf, text: "x", audienceKind: "all" }),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("ほかのサイトから送られた操作は受け付けません");
    }
    const sameSite = await h.app.request("/admin/broadcasts", {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ _csrf: admin.csrf, text: "x", audienceKind: "all" }),
    });
    expect(sameSite.status).toBe(303);
  });
});

describe("error pages", () => {
  it("answers unknown pages and failures with a Japanese page that leaks nothing", async () => {
    const bot = assembleBot({ ...h.deps, background: new TrackedBackground(h.deps.logger) });
    const app = createApp({
      bot,
      channelSecret: "test-secret",
      mount: (root) =>
        root.get("/boom", () => {
          throw new Error("SQLITE_CONSTRAINT at /srv/app/secret.ts:12");
        }),
    });
    const missing = await app.request("/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("text/html");
    expect(await missing.text()).toContain("ページが見つかりません");
    const boom = await app.request("/boom");
    expect(boom.status).toBe(500);
    const html = await boom.text();
    expect(html).toContain("エラーが発生しました");
    expect(html).not.toMatch(/SQLITE|secret|Error/);
    expect(h.logs.some((l) => l.includes("request.failed"))).toBe(true);
    // The webhook still speaks JSON to LINE.
    expect((await app.request("/webhook/x")).headers.get("content-type")).toContain("application/json");
  });
});
