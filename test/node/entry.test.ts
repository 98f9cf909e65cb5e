// The Node entry's contract: health once migrated, clear start-up errors a newcomer can act on.
import { mkdtempSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";
import { startNode } from "../../src/node.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
});

describe("Node entry", () => {
  it("answers GET /health with 200 once the database is migrated", async () => {
    const res = await fetch(`${bot.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("says which port is taken instead of crashing with a stack trace", async () => {
    const port = new URL(bot.url).port;
    const dir = mkdtempSync(join(tmpdir(), "helpdesk-port-"));
    await expect(
      startNode({ PORT: port, DATABASE_URL: `file:${join(dir, "x.db")}` }, { schedulerIntervalMs: 0 }),
    ).rejects.toThrow(`port ${port} is in use`);
  });

  it("refuses an access token without its channel secret, and production without LINE credentials", () => {
    expect(() => parseConfig({ LINE_CHANNEL_ACCESS_TOKEN: "t" })).toThrow(/LINE_CHANNEL_SECRET/);
    expect(() => parseConfig({ APP_ENV: "production" })).toThrow(/LINE_CHANNEL_ACCESS_TOKEN/);
    expect(parseConfig({}).emulatorMode).toBe(true);
    expect(parseConfig({}).port).toBe(8787);
  });

  it("listens on 127.0.0.1 in development unless HOST says otherwise", async () => {
    expect(parseConfig({}).host).toBe("127.0.0.1");
    expect(parseConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(
      parseConfig({
        APP_ENV: "production",
        LINE_CHANNEL_ACCESS_TOKEN: "t",
        LINE_CHANNEL_SECRET: "s",
        ALLOW_UNSEALED_FIELDS: "tests-only",
      }).host,
    ).toBe("0.0.0.0");
    const dir = mkdtempSync(join(tmpdir(), "helpdesk-host-"));
    const running = await startNode(
      { PORT: "0", DATABASE_URL: `file:${join(dir, "x.db")}` },
      { schedulerIntervalMs: 0 },
    );
    try {
      const port = new URL(running.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      // The machine's other addresses do not answer (the simulator is not on the network).
      const other = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
      if (other) {
        await expect(fetch(`http://${other}:${port}/dev/simulator`)).rejects.toThrow();
      }
    } finally {
      await running.close();
    }
  });

  it("refuses production without an encryption key, unless a test opts out in so many words", async () => {
    const line = { APP_ENV: "production", LINE_CHANNEL_SECRET: "s", LINE_CHANNEL_ACCESS_TOKEN: "t" };
    expect(() => parseConfig(line)).toThrow(
      /DATA_ENCRYPTION_KEY is not set \(required when APP_ENV=production/,
    );
    expect(() => parseConfig({ ...line, ALLOW_UNSEALED_FIELDS: "yes" })).toThrow(/ALLOW_UNSEALED_FIELDS/);
    expect(parseConfig({ ...line, ALLOW_UNSEALED_FIELDS: "tests-only" }).dataEncryptionKey).toBeUndefined();
    const key = Buffer.alloc(32, 1).toString("base64");
    const old = Buffer.alloc(32, 2).toString("base64");
    expect(
      parseConfig({ ...line, DATA_ENCRYPTION_KEY: key, DATA_ENCRYPTION_OLD_KEYS: `${old}, ${old}` }),
    ).toMatchObject({
      dataEncryptionKey: key,
      dataEncryptionOldKeys: [old, old],
    });
    // What is wrong is named, never the value.
    const error = (() => {
      try {
        parseConfig({ ...line, DATA_ENCRYPTION_KEY: "dG9vLXNob3J0", DATA_ENCRYPTION_OLD_KEYS: "bad" });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems.map((p) => p.setting)).toEqual([
      "DATA_ENCRYPTION_KEY",
      "DATA_ENCRYPTION_OLD_KEYS",
    ]);
    expect(error?.message).not.toContain("dG9vLXNob3J0");
    // The Node entry refuses to start, naming the setting.
    await expect(startNode({ ...line, PORT: "0" }, { schedulerIntervalMs: 0 })).rejects.toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
  });
});
