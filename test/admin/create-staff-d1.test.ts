// The first admin of a Workers deployment, exactly as README says: migrations applied to a local
// D1, `npm run staff:create -- … --d1 --local` (a password full of `$`, the character the shell
// used to eat), then a sign-in against `wrangler dev` (workerd) on that same database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, runWrangler, startWranglerDev, type WranglerDev } from "../helpers/wrangler-dev.js";

const PASSWORD = "pa$$word-$HOME-`id`-'quoted'";
const KEY = Buffer.alloc(32, 7).toString("base64");

let dir: string;
let dev: WranglerDev | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "staff-d1-"));
});
afterAll(async () => {
  await dev?.close();
  rmSync(dir, { recursive: true, force: true });
});

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function signIn(url: string, loginId: string, password: string): Promise<Response> {
  const form = await fetch(`${url}/admin/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  return fetch(`${url}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesOf(form),
      origin: url,
    },
    body: new URLSearchParams({ _csrf: csrf, loginId, password }),
  });
}

const staffCreate = (...extra: string[]) =>
  runCommand(
    "npm",
    ["run", "staff:create", "--", "--login", "first.admin", "--name", "管理者", "--role", "admin", ...extra],
    { STAFF_PASSWORD: PASSWORD },
  );

describe("staff:create --d1 --local", () => {
  it("creates an admin in local D1 who can then sign in to the Worker", { timeout: 180_000 }, async () => {
    const migrate = await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir]);
    expect(migrate.code, migrate.stderr).toBe(0);

    const created = await staffCreate("--d1", "--local", "--persist-to", dir);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('created admin "first.admin" in D1 (local)');
    expect(created.stdout + created.stderr).not.toContain(PASSWORD);

    // Without --reset a second run refuses, and says how to go on.
    const again = await staffCreate("--d1", "--local", "--persist-to", dir);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("--reset");

    dev = await startWranglerDev({
      persistTo: dir,
      vars: {
        APP_ENV: "test",
        LINE_CHANNEL_SECRET: "staff-d1-secret",
        LINE_CHANNEL_ACCESS_TOKEN: "staff-d1-token",
        LINE_API_BASE_URL: "http://127.0.0.1:9",
        DATA_ENCRYPTION_KEY: KEY,
      },
    });
    const ok = await signIn(dev.url, "first.admin", PASSWORD);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/admin");
    const dashboard = await fetch(`${dev.url}/admin`, { headers: { cookie: cookiesOf(ok) } });
    expect(dashboard.status).toBe(200);
    expect((await signIn(dev.url, "first.admin", "wrong-password-123")).status).toBe(401);

    // --reset sets a new password through the same path.
    const reset = await staffCreate("--d1", "--local", "--persist-to", dir, "--reset");
    expect(reset.code, reset.stderr).toBe(0);
  });

  it("says what is missing instead of guessing where to write", async () => {
    const res = await staffCreate("--d1");
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/--remote.*--local/);
  });
});
