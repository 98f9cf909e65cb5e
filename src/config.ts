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
  return {
    port: e.PORT,
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
