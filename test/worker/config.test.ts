// The Worker's configuration paths: Turso over HTTP instead of D1 when DATABASE_URL is set, and
// clear failures (500, nothing sent) when the configuration cannot work on Workers.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { callWorker } from "./helpers.js";

const health = () => new Request("https://worker.test/health");

describe("Worker configuration", () => {
  it("uses D1 by default", async () => {
    const res = await callWorker(health());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("talks libSQL over HTTP (Turso) when DATABASE_URL is set, with the auth token", async () => {
    const url = `${env.TEST_LINE_CONTROL_URL}/libsql/`;
    const res = await callWorker(health(), { DATABASE_URL: url, DATABASE_AUTH_TOKEN: "turso-token" });
    // The stand-in server fails every query, so /health fails: what matters is where it went.
    expect(res.status).toBe(500);
    const seen = (await (await fetch(`${env.TEST_LINE_CONTROL_URL}/libsql-requests`)).json()) as Array<{
      path: string;
      authorization: string | null;
    }>;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]?.path).toMatch(/^\/libsql\/v[23]/);
    expect(seen[0]?.authorization).toBe("Bearer turso-token");
  });

  it("refuses a file: database URL (no file system on Workers)", async () => {
    const res = await callWorker(health(), { DATABASE_URL: "file:data/helpdesk.db" });
    expect(res.status).toBe(500);
  });

  it("refuses emulator mode without LINE_API_BASE_URL (there is no emulator in the Worker)", async () => {
    const res = await callWorker(health(), {
      LINE_CHANNEL_ACCESS_TOKEN: "",
      LINE_API_BASE_URL: "",
      APP_ENV: "development",
    });
    expect(res.status).toBe(500);
  });
});
