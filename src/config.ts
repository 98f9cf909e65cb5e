// Configuration parsed once from the environment (process.env on Node, bindings on Workers), failing
// fast on nonsense instead of `process.env.X || ""` fallbacks.
import { z } from "zod";

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
  APP_ENV: z.enum(["development", "test", "production"]).optional(),
});

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
  dataEncryptionKey?: string;
  production: boolean;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const e = EnvSchema.parse(env);
  const emulatorMode = e.LINE_CHANNEL_ACCESS_TOKEN === undefined;
  if (!emulatorMode && e.LINE_CHANNEL_SECRET === undefined) {
    throw new Error("LINE_CHANNEL_SECRET must be set together with LINE_CHANNEL_ACCESS_TOKEN");
  }
  const production = e.APP_ENV === "production";
  if (production && emulatorMode) throw new Error("APP_ENV=production needs LINE_CHANNEL_ACCESS_TOKEN");
  if (e.STAFF_LINE_GROUP_ID !== undefined && !/^C[0-9a-f]{32}$/.test(e.STAFF_LINE_GROUP_ID))
    throw new Error("STAFF_LINE_GROUP_ID must be a LINE group id (C followed by 32 hex digits)");
  if (e.ADMIN_BASE_URL !== undefined && !/^https?:\/\/[^/]+/.test(e.ADMIN_BASE_URL))
    throw new Error("ADMIN_BASE_URL must be an http(s) URL, e.g. https://helpdesk.example.jp");
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
    production,
  };
}
