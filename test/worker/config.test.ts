// The Worker's configuration paths: Turso over HTTP instead of D1 when DATABASE_URL is set, and
// configurations that cannot work answered clearly: the log and /health name each setting at fault
// (never its value), every other path answers 503 so LINE redelivers once it is fixed.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callWorker, postWebhook, textEvent } from "./helpers.js";

const health = () => new Request("https://worker.test/health");

/** The JSON log lines the Worker wrote with console.error during `run`. */
async function errorLogs(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await run();
    return spy.mock.calls.map((args) => JSON.parse(String(args[0])) as Record<string, unknown>);
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

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

  it("names a missing secret in the log and in /health, and never a value", async () => {
    let res: Response | undefined;
    const logs = await errorLogs(async () => {
      res = await callWorker(health(), {
        LINE_CHANNEL_SECRET: "",
        DATA_ENCRYPTION_KEY: "",
        APP_ENV: "production",
      });
    });
    expect(res?.status).toBe(503);
    const body = (await res?.json()) as {
      ok: boolean;
      problems: Array<{ setting: string; problem: string }>;
    };
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => p.setting).sort()).toEqual([
      "DATA_ENCRYPTION_KEY",
      "LINE_CHANNEL_SECRET",
    ]);
    expect(body.problems.find((p) => p.setting === "LINE_CHANNEL_SECRET")?.problem).toMatch(/not set/);
    const line = logs.find((l) => l.event === "worker.config_invalid");
    expect(line?.settings).toBe("LINE_CHANNEL_SECRET,DATA_ENCRYPTION_KEY");
    expect(JSON.stringify(logs)).not.toContain(env.LINE_CHANNEL_ACCESS_TOKEN);
    expect(JSON.stringify(body)).not.toContain(env.LINE_CHANNEL_ACCESS_TOKEN);
  });

  it("answers LINE's webhook (and Verify) 503 with the names, not an opaque 500", async () => {
    const res = await callWorker(new Request("https://worker.test/webhook", { method: "POST", body: "{}" }), {
      LINE_CHANNEL_SECRET: "",
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ settings: ["LINE_CHANNEL_SECRET"] });
    // With the secret back, the same Worker answers at once (a failed configuration is not cached).
    const ok = await postWebhook(textEvent("Uconfigtest00000000000000000000001", "メニュー"));
    expect(ok.status).toBe(200);
  });

  it("names a malformed encryption key without showing it", async () => {
    const res = await callWorker(health(), { DATA_ENCRYPTION_KEY: "c2hvcnQta2V5" });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain("DATA_ENCRYPTION_KEY");
    expect(text).toContain("32 bytes");
    expect(text).not.toContain("c2hvcnQta2V5");
  });

  it("refuses a file: database URL (no file system on Workers)", async () => {
    const res = await callWorker(health(), { DATABASE_URL: "file:data/helpdesk.db" });
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain("DATABASE_URL");
  });

  it("refuses emulator mode without LINE_API_BASE_URL (there is no emulator in the Worker)", async () => {
    const res = await callWorker(health(), {
      LINE_CHANNEL_ACCESS_TOKEN: "",
      LINE_API_BASE_URL: "",
      APP_ENV: "development",
    });
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain("LINE_CHANNEL_ACCESS_TOKEN");
  });

  it("names a missing D1 binding", async () => {
    const res = await callWorker(health(), { DB: undefined as unknown as string });
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain('"setting":"DB"');
  });
});
