// The staff area works in workerd too: PBKDF2 sign-in over WebCrypto, the double-submit CSRF
// cookie, a session stored in D1, and the dashboard behind it.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema.js";
import { hashPassword } from "../../src/admin/auth/password.js";
import type { Database } from "../../src/store/database.js";
import { createStaff } from "../../src/store/staff.js";
import { callWorker } from "./helpers.js";

const BASE = "https://worker.test";

function cookiesOf(res: Response): string {
  // workerd's Headers has getSetCookie(); the Workers typings here do not declare it yet.
  const headers = res.headers as Headers & { getSetCookie(): string[] };
  return headers
    .getSetCookie()
    .map((c: string) => c.split(";")[0])
    .join("; ");
}

describe("Worker staff area", () => {
  it("signs a staff member in and shows the dashboard", async () => {
    const db = drizzle(env.DB, { schema }) as unknown as Database;
    const loginId = `staff-${crypto.randomUUID().slice(0, 8)}`;
    const password = "correct horse battery staple";
    await createStaff(
      db,
      { loginId, displayName: "事務局", role: "staff", passwordHash: await hashPassword(password) },
      new Date(),
    );

    const form = await callWorker(new Request(`${BASE}/admin/login`));
    expect(form.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const signIn = await callWorker(
      new Request(`${BASE}/admin/login`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: cookiesOf(form),
          origin: BASE,
        },
        body: new URLSearchParams({ _csrf: csrf, loginId, password }).toString(),
      }),
    );
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get("location")).toBe("/admin");

    const dashboard = await callWorker(
      new Request(`${BASE}/admin`, { headers: { cookie: cookiesOf(signIn) } }),
    );
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get("content-type")).toContain("text/html");
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const res = await callWorker(new Request(`${BASE}/admin/members`));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/admin\/login\?next=/);
  });
});

describe("sign-in waits on D1", () => {
  it("are lifted by login and by a pair prefix longer than D1's LIKE limit", async () => {
    const db = drizzle(env.DB, { schema }) as unknown as Database;
    const { clearThrottle, recordFailure, anyBlocked } = await import("../../src/store/staff-throttle.js");
    const { throttleKeys } = await import("../../src/admin/auth/sign-in.js");
    const keys = await throttleKeys(`wait-${crypto.randomUUID().slice(0, 8)}`, "203.0.113.9");
    const now = new Date();
    const rule = { free: 0, baseMs: 60_000, capMs: 60_000 };
    for (let i = 0; i < 3; i++)
      await recordFailure(
        db,
        [
          { key: keys.login, rule },
          { key: keys.pair, rule },
        ],
        now,
      );
    const prefix = `pair:${keys.loginHash}:`;
    expect(prefix.length).toBeGreaterThan(50);
    expect(await anyBlocked(db, [prefix], now)).toBe(true);
    await clearThrottle(db, [keys.login], [prefix]);
    expect(await anyBlocked(db, [prefix], now)).toBe(false);
  });
});
