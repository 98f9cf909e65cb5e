// Node entry point (the embedded default): libSQL file database migrated at start, the real LINE
// client, and — when no LINE credentials are set — the local LINE emulator and the simulator.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import type { Context } from "hono";
import { createApp } from "./app.js";
import { TrackedBackground } from "./background.js";
import { assembleBot } from "./bot/assemble.js";
import type { BotDeps } from "./bot/deps.js";
import { type Config, EMULATOR_PATH, parseConfig } from "./config.js";
import { mountDevTools } from "./dev/mount.js";
import { OffsetClock } from "./dev/offset-clock.js";
import { createLineEmulator, type LineEmulator } from "./line/emulator/index.js";
import { createLineMessenger } from "./line/messenger.js";
import { openDatabase } from "./node/database.js";
import { nodeAesGcmCipher } from "./node/field-cipher.js";
import { heldOutCheck } from "./node/held-out-check.js";
import { installLineApiFetch } from "./node/line-api-fetch.js";
import { type Clock, consoleLogger, type Logger, type Messenger, systemClock } from "./ports.js";
import { runScheduledWork, startScheduledWorkTimer } from "./scheduler/tick.js";
import { plainCipher } from "./store/cipher.js";
import type { Database } from "./store/database.js";
import { searchIndexFor } from "./store/search-index.js";

export { MIGRATIONS_FOLDER, openDatabase } from "./node/database.js";

/** Reminders and scheduled broadcasts are checked this often on Node (Workers: the cron trigger). */
const SCHEDULER_INTERVAL_MS = 30_000;

export interface NodeOverrides {
  clock?: Clock;
  logger?: Logger;
  /** Replace the LINE messenger (benchmarks); default is the real SDK client. */
  messenger?: Messenger;
  /** How often reminders and scheduled broadcasts run; 0 turns the timer off (tests drive it). */
  schedulerIntervalMs?: number;
}

export interface RunningBot {
  url: string;
  config: Config;
  bot: BotDeps;
  db: Database;
  emulator?: LineEmulator;
  background: TrackedBackground;
  close(): Promise<void>;
}

export async function startNode(
  env: Record<string, string | undefined>,
  overrides: NodeOverrides = {},
): Promise<RunningBot> {
  const config = parseConfig(env);
  const logger = overrides.logger ?? consoleLogger;
  if (!config.dataEncryptionKey && !config.emulatorMode)
    logger.error("config.unsealed", {
      setting: "DATA_ENCRYPTION_KEY",
      problem: "not set: personal fields are stored unsealed",
    });
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  const background = new TrackedBackground(logger);
  const emulator = config.emulatorMode
    ? createLineEmulator({ channelAccessToken: config.line.channelAccessToken })
    : undefined;
  // In emulator mode the simulator can move the clock (「+1時間」「+1日」); never in production.
  const devClock = emulator ? new OffsetClock(overrides.clock ?? systemClock) : undefined;
  const bot = assembleBot(
    {
      db: database.db,
      cipher: config.dataEncryptionKey
        ? nodeAesGcmCipher(config.dataEncryptionKey, config.dataEncryptionOldKeys)
        : plainCipher,
      messenger: overrides.messenger ?? lateMessenger(),
      clock: devClock ?? overrides.clock ?? systemClock,
      logger,
      background,
      searchIndex: searchIndexFor(config.searchIndexKey, config.dataEncryptionKey),
      staffGroup: config.staffGroupId
        ? { groupId: config.staffGroupId, adminBaseUrl: config.adminBaseUrl }
        : undefined,
    },
    config.openai,
  );
  // Staff's published changes to the FAQ, from the start (later ones rebuild the index in process).
  await bot.knowledge?.reload(database.db);
  let lineApi = { baseURL: config.line.apiBaseUrl, channelAccessToken: config.line.channelAccessToken };
  const app = createApp({
    bot,
    channelSecret: config.line.channelSecret,
    production: config.production,
    lineApi: () => lineApi,
    clientAddress: (c) => nodeClientAddress(c, config.trustProxy),
    knowledgeReviewDays: config.knowledgeReviewDays,
    heldOut: heldOutCheck(),
    mount: emulator
      ? (root) =>
          mountDevTools(root, {
            emulator,
            background,
            channelSecret: config.line.channelSecret,
            emulatorPath: EMULATOR_PATH,
            clock: devClock,
            runScheduledWork: () => runScheduledWork(bot),
          })
      : undefined,
  });
  const server = await listen(app.fetch, config.port, config.host);
  const port = (server.address() as { port: number }).port;
  const baseURL =
    config.emulatorMode && !env.LINE_API_BASE_URL
      ? `http://127.0.0.1:${port}${EMULATOR_PATH}`
      : config.line.apiBaseUrl;
  lineApi = { baseURL, channelAccessToken: config.line.channelAccessToken };
  let uninstallFetch = () => {};
  if (!overrides.messenger) {
    // The LINE SDK has no fetch option, only the global fetch: on Node that costs twice the CPU of
    // node:http for the bot's one hot host and has no timeout, so the LINE API origin goes over
    // node:http with a keep-alive agent and a timeout; every other request still uses Node's fetch.
    uninstallFetch = installLineApiFetch(baseURL);
    bot.messenger = createLineMessenger(lineApi);
  }
  const intervalMs = overrides.schedulerIntervalMs ?? SCHEDULER_INTERVAL_MS;
  const stopTimer = intervalMs > 0 ? startScheduledWorkTimer(bot, intervalMs) : () => undefined;
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    config,
    bot,
    db: database.db,
    emulator,
    background,
    async close() {
      stopTimer();
      await background.idle();
      await new Promise<void>((r) => server.close(() => r()));
      uninstallFetch();
      await database.close();
    },
  };
}

/** How to reach the server from this machine, given what it listens on. */
function urlHost(host: string): string {
  // "localhost" for the loopback too: the LINE emulator's base URL is 127.0.0.1, and the Node entry
  // tells the two apart (only the LINE origin goes over its keep-alive agent).
  if (host === "0.0.0.0" || host === "::" || host === "127.0.0.1") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * The socket's peer address; behind a reverse proxy (TRUST_PROXY) the last X-Forwarded-For hop, the
 * one the proxy itself added (earlier hops are whatever the client sent).
 */
function nodeClientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const hop = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (hop) return hop;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

/** The LINE client needs the listening port in emulator mode; nothing is sent before listen. */
function lateMessenger(): Messenger {
  const fail = async () => {
    throw new Error("messenger used before the server listened");
  };
  return { reply: fail, push: fail, multicast: fail, showLoading: fail };
}

function listen(
  fetch: (r: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<ServerType> {
  return new Promise((resolveServer, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolveServer(server));
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" ? new Error(`port ${port} is in use: set PORT to another port`) : error,
      ),
    );
  });
}

async function main(): Promise<void> {
  if (existsSync(".dev.vars")) process.loadEnvFile(".dev.vars");
  const running = await startNode(process.env);
  const mode = running.config.emulatorMode ? "LINE emulator (no LINE credentials set)" : "LINE Messaging API";
  console.log(`LINE helpdesk listening on ${running.url}  [${mode}]`);
  if (running.emulator) console.log(`Open the simulator: ${running.url}/dev/simulator`);
  if (running.emulator && !["127.0.0.1", "localhost", "::1"].includes(running.config.host))
    console.log(`Note: listening on ${running.config.host}: the simulator answers anyone who can reach it`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
