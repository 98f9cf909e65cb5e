// Builds the bot for one Worker invocation. The pure parts are built once per isolate and reused:
// the engine and the FAQ index at module load (Workers' start-up budget, not the first request's
// CPU time), the parsed config, cipher key and LLM phraser on the first request with a given
// configuration. The adapters that touch I/O (database, LINE client, waitUntil) are made per
// request. No member state is ever kept in memory: every event reads its snapshot from the database.
import type { ExecutionContext } from "@cloudflare/workers-types";
import { createOpenAiPhraser } from "../answerer/openai.js";
import { assembleBot } from "../bot/assemble.js";
import type { BotDeps } from "../bot/deps.js";
import { type Config, ConfigError } from "../config.js";
import { createLineMessenger } from "../line/messenger.js";
import {
  type Background,
  type Clock,
  consoleLogger,
  type Logger,
  type Messenger,
  systemClock,
} from "../ports.js";
import { aesGcmCipher, type FieldCipher, plainCipher } from "../store/cipher.js";
import type { Database } from "../store/database.js";
import { waitUntilBackground } from "./background.js";
import { openWorkerDatabase } from "./database.js";
import { bindingProblems, stringVars, type WorkerEnv, workerConfig } from "./env.js";

/** What is shared by every request of an isolate (given the same configuration). */
interface IsolateParts {
  config: Config;
  pure: BotDeps;
}

export interface WorkerRuntime {
  config: Config;
  cipher: FieldCipher;
  db: Database;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
}

let cached: { fingerprint: string; parts: Promise<IsolateParts> } | undefined;

function unused(): never {
  throw new Error("adapter not bound to a request");
}
/** Placeholders in the isolate's copy; every invocation replaces them with its own adapters. */
const UNBOUND = {
  db: {} as Database,
  messenger: { reply: unused, push: unused, multicast: unused, showLoading: unused } satisfies Messenger,
  background: { run: unused } satisfies Background,
};

/** Engine and FAQ index: pure, the same for every configuration, built when the isolate starts. */
const PURE = assembleBot(
  { ...UNBOUND, cipher: plainCipher, clock: systemClock, logger: consoleLogger },
  undefined,
  { watchDatabase: true },
);

async function buildParts(vars: Record<string, string>, logger: Logger): Promise<IsolateParts> {
  const config = workerConfig(vars);
  const cipher = config.dataEncryptionKey
    ? await aesGcmCipher(config.dataEncryptionKey, config.dataEncryptionOldKeys)
    : plainCipher;
  // As assembleBot does on Node, without building the engine and the FAQ index again.
  const phraser = config.openai ? createOpenAiPhraser(config.openai) : undefined;
  return { config, pure: { ...PURE, cipher, logger, phraser } };
}

/** The isolate's parts for this env, rebuilt only when a variable or secret changed. */
function isolateParts(env: WorkerEnv, logger: Logger): Promise<IsolateParts> {
  const vars = stringVars(env);
  const fingerprint = JSON.stringify(Object.entries(vars).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (cached?.fingerprint !== fingerprint) {
    const parts = buildParts(vars, logger);
    // A failed build (bad configuration) is not cached: the next request tries again.
    parts.catch(() => {
      if (cached?.parts === parts) cached = undefined;
    });
    cached = { fingerprint, parts };
  }
  return cached.parts;
}

/** The adapters for one invocation (fetch, scheduled or queue). */
export async function workerRuntime(env: WorkerEnv, logger: Logger = consoleLogger): Promise<WorkerRuntime> {
  const { config, pure } = await isolateParts(env, logger);
  const missing = bindingProblems(env, config);
  if (missing.length > 0) throw new ConfigError(missing);
  return {
    config,
    cipher: pure.cipher,
    db: openWorkerDatabase(env, config),
    messenger: createLineMessenger({
      channelAccessToken: config.line.channelAccessToken,
      baseURL: config.line.apiBaseUrl,
    }),
    clock: systemClock,
    logger,
  };
}

/** The full bot for one request: the isolate's pure parts plus this request's adapters. */
export async function workerBot(
  env: WorkerEnv,
  ctx: Pick<ExecutionContext, "waitUntil">,
  logger: Logger = consoleLogger,
): Promise<{ config: Config; bot: BotDeps }> {
  const { pure } = await isolateParts(env, logger);
  const runtime = await workerRuntime(env, logger);
  const bot: BotDeps = {
    ...pure,
    db: runtime.db,
    messenger: runtime.messenger,
    background: waitUntilBackground(ctx, logger),
  };
  return { config: runtime.config, bot };
}
