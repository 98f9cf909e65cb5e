// Types of the Worker test environment (`env` from cloudflare:workers) and the test module.
/// <reference types="@cloudflare/vitest-pool-workers/types" />
/// <reference types="@cloudflare/workers-types" />
import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      TEST_MIGRATIONS: D1Migration[];
      TEST_LINE_CONTROL_URL: string;
      LINE_CHANNEL_SECRET: string;
      LINE_CHANNEL_ACCESS_TOKEN: string;
      LINE_API_BASE_URL: string;
      DATA_ENCRYPTION_KEY: string;
    }
  }
}
