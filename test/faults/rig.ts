// The bot built from its exported pieces (createApp + assembleBot + openDatabase + the real LINE
// client against the emulator over HTTP), exactly as src/node.ts wires them, but with a database
// handle the test can break: fail the next commit batch, or really close the libSQL client and
// reopen it later ("recovery").
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { createApp } from "../../src/app.js";
import { TrackedBackground } from "../../src/background.js";
import { assembleBot } from "../../src/bot/assemble.js";
import type { BotDeps } from "../../src/bot/deps.js";
import { createLineMessenger } from "../../src/line/messenger.js";
import { openDatabase } from "../../src/node.js";
import type { Logger } from "../../src/ports.js";
import { plainCipher } from "../../src/store/cipher.js";
import type { Database, Statement } from "../../src/store/database.js";
import { sign } from "../../src/webhook/signature.js";
import { TestClock } from "../helpers/bot.js";
import { type EmulatorServer, startEmulatorServer } from "../helpers/emulator-server.js";

const TOKEN = "faults-access-token";
export const SECRET = "faults-channel-secret";

type BatchHook = (statements: Statement[]) => Promise<void> | void;
/** Picks a batch by its first statement's SQL text and parameters. */
export type BatchMatch = (sql: string, params: unknown[]) => boolean;

/** The commit batch of an event (it starts with the processed_events row), optionally of one member. */
export const commitOf =
  (userId?: string): BatchMatch =>
  (sql, params) =>
    sql.startsWith('insert into "processed_events"') && (userId === undefined || params.includes(userId));

export interface Rig {
  app: Hono;
  bot: BotDeps;
  /** The real database behind the breakable handle (for assertions). */
  real(): Database;
  emu: EmulatorServer;
  background: TrackedBackground;
  logs: string[];
  /** Runs `hook` before the next batch whose first statement matches (then forgets it). */
  beforeNextBatch(match: BatchMatch, hook: BatchHook): void;
  /** Closes the libSQL client for real: every query fails until reopen(). */
  closeClient(): void;
  reopen(): Promise<void>;
  post(body: string): Promise<Response>;
  close(): Promise<void>;
}

/** The SQL text and parameters a drizzle statement will run. */
function sqlOf(statement: Statement): { sql: string; params: unknown[] } {
  return (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
}

/** Where the bot's LINE client goes: by default a fresh emulator server of the rig's own. */
export interface RigOptions {
  line?: { baseURL: string; token: string };
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), "faults-"));
  const url = `file:${join(dir, "faults.db")}`;
  let database = await openDatabase(url);
  const hooks: Array<{ match: BatchMatch; hook: BatchHook }> = [];
  const breakable = new Proxy({} as Database, {
    get(_target, prop) {
      const db = database.db as unknown as Record<PropertyKey, unknown>;
      if (prop === "batch") {
        return async (statements: Statement[]) => {
          const first = sqlOf(statements[0]!);
          const i = hooks.findIndex((h) => h.match(first.sql, first.params));
          if (i >= 0) await hooks.splice(i, 1)[0]!.hook(statements);
          return database.db.batch(statements as [Statement, ...Statement[]]);
        };
      }
      const value = db[prop];
      return typeof value === "function" ? value.bind(database.db) : value;
    },
  });
  const emu = await startEmulatorServer({ channelAccessToken: TOKEN });
  const logs: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ level: "error", event, ...fields })),
  };
  const background = new TrackedBackground(logger);
  const messenger = createLineMessenger(
    { channelAccessToken: options.line?.token ?? TOKEN, baseURL: options.line?.baseURL ?? emu.url },
    { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
  );
  const bot = assembleBot({
    db: breakable,
    cipher: plainCipher,
    messenger,
    clock: new TestClock(),
    logger,
    background,
  });
  const app = createApp({ bot, channelSecret: SECRET });
  return {
    app,
    bot,
    real: () => database.db,
    emu,
    background,
    logs,
    beforeNextBatch: (match, hook) => hooks.push({ match, hook }),
    closeClient: () => database.close(),
    async reopen() {
      database = await openDatabase(url);
    },
    async post(body) {
      const headers = { "content-type": "application/json", "x-line-signature": await sign(body, SECRET) };
      return app.request("/webhook", { method: "POST", headers, body });
    },
    async close() {
      await background.idle();
      await emu.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
