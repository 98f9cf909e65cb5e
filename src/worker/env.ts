// The Worker's bindings and how they become the shared configuration: parseConfig (src/config.ts)
// only sees string variables and secrets; bindings (D1, queues) stay here.
import type { D1Database, Queue } from "@cloudflare/workers-types";
import { type Config, ConfigError, type ConfigProblem, parseConfig } from "../config.js";

/** Bindings declared in wrangler.toml plus the secrets set with `wrangler secret put`. */
export interface WorkerEnv {
  /** D1 database (the default store). */
  DB?: D1Database;
  /** Optional queue: 「今すぐ送信」 fan-outs and ticks on demand (src/worker/scheduled.ts). */
  SCHEDULED_WORK?: Queue<unknown>;
  /** libsql:// or https:// (Turso): when set, used instead of DB. */
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  LINE_CHANNEL_SECRET?: string;
  LINE_CHANNEL_ACCESS_TOKEN?: string;
  LINE_API_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  DATA_ENCRYPTION_KEY?: string;
  APP_ENV?: string;
  [binding: string]: unknown;
}

/** The string-valued entries of env (vars and secrets), the only ones parseConfig may read. */
export function stringVars(env: WorkerEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") vars[name] = value;
  return vars;
}

/**
 * parseConfig plus the rules that only hold on Workers: there is no file system (so no `file:`
 * database) and no in-process LINE emulator (so emulator mode needs LINE_API_BASE_URL).
 */
export function workerConfig(vars: Record<string, string>): Config {
  const problems: ConfigProblem[] = [];
  let config: Config | undefined;
  try {
    config = parseConfig({ ...vars, PORT: undefined });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const databaseUrl = vars.DATABASE_URL?.trim();
  if (databaseUrl && !/^(libsql|https?):\/\//.test(databaseUrl))
    problems.push({
      setting: "DATABASE_URL",
      problem: "must be a libsql:// or https:// URL (Turso) on Workers; leave it unset to use D1",
    });
  if (!vars.LINE_CHANNEL_ACCESS_TOKEN?.trim() && !vars.LINE_API_BASE_URL?.trim())
    problems.push({
      setting: "LINE_CHANNEL_ACCESS_TOKEN",
      problem:
        "is not set (the Worker has no LINE emulator; `wrangler secret put LINE_CHANNEL_ACCESS_TOKEN`)",
    });
  if (problems.length > 0 || !config) throw new ConfigError(dedupe(problems));
  return { ...config, databaseUrl: databaseUrl ?? "d1:DB" };
}

/** The D1 binding is not a string variable: checked here, with the other settings. */
export function bindingProblems(env: WorkerEnv, config: Config): ConfigProblem[] {
  if (config.databaseUrl.startsWith("d1:") && !env.DB)
    return [
      {
        setting: "DB",
        problem: "no D1 database is bound (wrangler.toml [[d1_databases]]) and DATABASE_URL is not set",
      },
    ];
  return [];
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.setting) && seen.add(p.setting));
}
