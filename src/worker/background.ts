// The Background port on Workers: work after the response (sending replies) is handed to
// ctx.waitUntil, which keeps the request alive for it (about 30 s) without delaying LINE's 200.
import type { ExecutionContext } from "@cloudflare/workers-types";
import type { Background, Logger } from "../ports.js";

export function waitUntilBackground(ctx: Pick<ExecutionContext, "waitUntil">, logger: Logger): Background {
  return {
    run(task) {
      ctx.waitUntil(
        Promise.resolve()
          .then(task)
          .catch((error: unknown) => logger.error("background.failed", { name: errorName(error) })),
      );
    },
  };
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "unknown";
}
