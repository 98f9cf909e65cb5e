// One `npm test` runs every suite: Node tests (real libSQL, real HTTP, emulator, browser) here,
// Worker tests in workerd as a second project (see test/worker/vitest.config.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/worker/**", "node_modules/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // Worker tests in workerd (vitest-pool-workers); see that file.
      "test/worker/vitest.config.ts",
    ],
  },
});
