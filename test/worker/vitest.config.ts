// The Worker suite: src/worker.ts runs inside workerd (vitest-pool-workers) with a local D1 migrated
// from db/migrations, and its LINE calls go to the real emulator served by Node (global-setup.ts).
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_DATA_KEY, TEST_LINE } from "./line-credentials.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig(async () => {
  const migrations = await readD1Migrations(`${root}/db/migrations`);
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: `${root}/wrangler.toml` },
        miniflare: {
          // Test-only values; they override wrangler.toml's [vars] (APP_ENV, LINE_API_BASE_URL).
          bindings: {
            APP_ENV: "test",
            LINE_CHANNEL_SECRET: TEST_LINE.channelSecret,
            LINE_CHANNEL_ACCESS_TOKEN: TEST_LINE.channelAccessToken,
            LINE_API_BASE_URL: inject("lineEmulatorOrigin"),
            // Sealing on, as in production (a test key: 32 bytes of 0x2a).
            DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
            TEST_LINE_CONTROL_URL: inject("lineControlUrl"),
            TEST_MIGRATIONS: migrations,
          },
          // The optional queue of wrangler.toml, switched on here: 「今すぐ送信」 hands the fan-out to it
          // and the Worker's own queue handler consumes it.
          queueProducers: { SCHEDULED_WORK: "line-helpdesk-ticks" },
          queueConsumers: { "line-helpdesk-ticks": { maxBatchTimeout: 0.05, maxRetries: 2 } },
        },
      })),
    ],
    test: {
      name: "worker",
      root,
      include: ["test/worker/**/*.test.ts"],
      globalSetup: ["test/worker/global-setup.ts"],
      setupFiles: ["test/worker/apply-migrations.ts"],
      // One workerd isolate for all files (~8 s instead of ~18 s); tests use fresh member ids, and
      // the migration setup is idempotent, so sharing the D1 storage is harmless.
      isolate: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
});
