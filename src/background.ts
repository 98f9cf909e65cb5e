// Background work on Node: promises tracked so tests and the simulator can wait until the bot has
// finished answering (Workers use executionCtx.waitUntil instead; see src/worker.ts).
import type { Background, Logger } from "./ports.js";

export class TrackedBackground implements Background {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly logger?: Logger) {}

  run(task: () => Promise<unknown>): void {
    const p = task()
      .catch((error: unknown) =>
        this.logger?.error("background.failed", { name: (error as Error)?.name ?? "unknown" }),
      )
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves once every task started so far (and any they started) has settled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
