// Configuration parsed once from the environment (process.env on Node, bindings on Workers), failing
// fast on nonsense instead of `process.env.X || ""` fallbacks.
import { z } from "zod";
import { decodeKey } from "./store/cipher.js";

/** Development-only channel secret, used when no LINE credentials are set (emulator mode). */
export const DEV_CHANNEL_SECRET = "dev-channel-secret-not-for-production";
export const EMULATOR_ACCESS_TOKEN = "emulator-access-token";
export const EMULATOR_PATH = "/line-emulator";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: optional,
  TRUST_PROXY: optional,
  STAFF_LINE_GROUP_ID: optional,
  SEARCH_INDEX_KEY: optional,
  ADMIN_BASE_URL: optional,
  DATABASE_URL: optional,
  DATABASE_AUTH_TOKEN: optional,
  LINE_CHANNEL_SECRET: optional,
  LINE_CHANNEL_ACCESS_TOKEN: optional,
  LINE_API_BASE_URL: optional,
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  OPENAI_MODEL: optional,
  DATA_ENCRYPTION_KEY: optional,
  DATA_ENCRYPTION_OLD_KEYS: optional,
  ALLOW_UNSEALED_FIELDS: optional,
  APP_ENV: z.enum(["development", "test", "production"]).optional(),
  KNOWLEDGE_REVIEW_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
});

/** The only value of ALLOW_UNSEALED_FIELDS that lets APP_ENV=production run without a key. */
export const UNSEALED_OPT_OUT = "tests-only";

/** One setting that is missing or wrong: its name and what is wrong, never its value. */
export interface ConfigProblem {
  setting: string;
  problem: string;
}

/** The configuration cannot work; `problems` names every setting at fault (safe to log and show). */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: ConfigProblem[]) {
    super(`configuration: ${problems.map((p) => `${p.setting} ${p.problem}`).join("; ")}`);
  }
}

export interface Config {
  port: number;
  /** The Node server's listening address: 127.0.0.1 in development, every interface in production. */
  host: string;
  /** Node behind a reverse proxy: the client address is the last X-Forwarded-For hop. */
  trustProxy: boolean;
  /** A staff LINE group told about each new inquiry (optional). */
  staffGroupId?: string;
  /** 32 bytes, base64: the HMAC key of the members' search index (name, phone). */
  searchIndexKey?: string;
  /** Where staff open the admin area (a link in the staff group's message). */
  adminBaseUrl?: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  /** True when no access token is set: LINE calls go to the local emulator, /dev is served. */
  emulatorMode: boolean;
  line: { channelSecret: string; channelAccessToken: string; apiBaseUrl: string };
  openai?: { apiKey: string; baseURL?: string; model?: string };
  /** The key that seals (base64, 32 bytes); unset only in development or with the test opt-out. */
  dataEncryptionKey?: string;
  /** Older keys that still open values sealed before a rotation (DATA_ENCRYPTION_OLD_KEYS). */
  dataEncryptionOldKeys: string[];
  production: boolean;
  /** A dated FAQ fact older than this many days is flagged to staff for review. */
  knowledgeReviewDays: number;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        setting: String(issue.path[0] ?? "environment"),
        problem:
          issue.path[0] === "APP_ENV"
            ? "must be development, test or production"
            : "has a value that is not valid",
      })),
    );
  }
  const e = parsed.data;
  const problems: ConfigProblem[] = [];
  const emulatorMode = e.LINE_CHANNEL_ACCESS_TOKEN === undefined;
  if (!emulatorMode && e.LINE_CHANNEL_SECRET === undefined)
    problems.push({
      setting: "LINE_CHANNEL_SECRET",
      problem: "is not set (needed with LINE_CHANNEL_ACCESS_TOKEN)",
    });
  const production = e.APP_ENV === "production";
  if (production && emulatorMode)
    problems.push({
      setting: "LINE_CHANNEL_ACCESS_TOKEN",
      problem: "is not set (required when APP_ENV=production)",
    });
  const oldKeys = (e.DATA_ENCRYPTION_OLD_KEYS ?? "").split(/[\s,]+/).filter((k) => k.length > 0);
  if (e.DATA_ENCRYPTION_KEY !== undefined && !isKey(e.DATA_ENCRYPTION_KEY))
    problems.push({
      setting: "DATA_ENCRYPTION_KEY",
      problem: "must be 32 bytes in base64 (openssl rand -base64 32)",
    });
  if (oldKeys.some((k) => !isKey(k)))
    problems.push({
      setting: "DATA_ENCRYPTION_OLD_KEYS",
      problem: "must be keys of 32 bytes in base64, separated by commas",
    });
  if (oldKeys.length > 0 && e.DATA_ENCRYPTION_KEY === undefined)
    problems.push({
      setting: "DATA_ENCRYPTION_KEY",
      problem: "is not set (DATA_ENCRYPTION_OLD_KEYS only opens)",
    });
  if (e.ALLOW_UNSEALED_FIELDS !== undefined && e.ALLOW_UNSEALED_FIELDS !== UNSEALED_OPT_OUT)
    problems.push({ setting: "ALLOW_UNSEALED_FIELDS", problem: `may only be "${UNSEALED_OPT_OUT}"` });
  // Real members' names and numbers must never be stored readable: production refuses to start
  // without a key, unless a test says explicitly that it stores nothing real.
  if (production && e.DATA_ENCRYPTION_KEY === undefined && e.ALLOW_UNSEALED_FIELDS !== UNSEALED_OPT_OUT)
    problems.push({
      setting: "DATA_ENCRYPTION_KEY",
      problem: "is not set (required when APP_ENV=production; openssl rand -base64 32)",
    });
  if (e.STAFF_LINE_GROUP_ID !== undefined && !/^C[0-9a-f]{32}$/.test(e.STAFF_LINE_GROUP_ID))
    problems.push({
      setting: "STAFF_LINE_GROUP_ID",
      problem: "must be a LINE group id (C followed by 32 hex digits)",
    });
  if (e.ADMIN_BASE_URL !== undefined && !/^https?:\/\/[^/]+/.test(e.ADMIN_BASE_URL))
    problems.push({
      setting: "ADMIN_BASE_URL",
      problem: "must be an http(s) URL, e.g. https://helpdesk.example.jp",
    });
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    trustProxy: e.TRUST_PROXY === "1" || e.TRUST_PROXY === "true",
    staffGroupId: e.STAFF_LINE_GROUP_ID,
    searchIndexKey: e.SEARCH_INDEX_KEY,
    adminBaseUrl: e.ADMIN_BASE_URL?.replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL ?? "file:data/helpdesk.db",
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    emulatorMode,
    line: {
      channelSecret: e.LINE_CHANNEL_SECRET ?? DEV_CHANNEL_SECRET,
      channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN ?? EMULATOR_ACCESS_TOKEN,
      apiBaseUrl:
        e.LINE_API_BASE_URL ??
        (emulatorMode ? `http://127.0.0.1:${e.PORT}${EMULATOR_PATH}` : "https://api.line.me"),
    },
    openai: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL }
      : undefined,
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
    dataEncryptionOldKeys: oldKeys,
    production,
    knowledgeReviewDays: e.KNOWLEDGE_REVIEW_DAYS,
  };
}

function isKey(keyBase64: string): boolean {
  try {
    decodeKey(keyBase64);
    return true;
  } catch {
    return false;
  }
}
