// The Worker's scheduled work (cron trigger, and the optional queue consumer): reminders and
// scheduled broadcasts, through the shared tick (src/scheduler/tick.ts). Progress lives in the
// database (reminder rows, broadcast chunks with retry keys), so a run cut short is resumed by
// the next one without sending anything twice.
import type { MessageBatch } from "@cloudflare/workers-types";
import { ConfigError } from "../config.js";
import { consoleLogger, type Logger } from "../ports.js";
import { runScheduledWork } from "../scheduler/tick.js";
import { errorName } from "./background.js";
import { workerRuntime } from "./bot.js";
import type { WorkerEnv } from "./env.js";

export async function runWorkerTick(env: WorkerEnv, trigger: string, logger: Logger = consoleLogger) {
  const { db, messenger, clock, cipher } = await workerRuntime(env, logger).catch((error: unknown) => {
    if (error instanceof ConfigError)
      logger.error("scheduled.config_invalid", {
        trigger,
        problems: error.problems.map((p) => `${p.setting} ${p.problem}`).join("; "),
      });
    throw error;
  });
  const started = Date.now();
  try {
    const counts = await runScheduledWork({ db, messenger, clock, logger, cipher });
    logger.info("scheduled.done", { trigger, ms: Date.now() - started, ...counts });
    return counts;
  } catch (error) {
    logger.error("scheduled.failed", { trigger, name: errorName(error) });
    throw error;
  }
}

/** A queue message asking for a tick now (e.g. "send this broadcast now" without waiting for cron). */
export interface TickMessage {
  type: "tick";
}

/** Queue consumer: one tick per batch (ticks are idempotent), retried by the queue on failure. */
export async function consumeTickBatch(
  batch: MessageBatch<unknown>,
  env: WorkerEnv,
  logger: Logger = consoleLogger,
) {
  const ticks = batch.messages.filter((m) => (m.body as Partial<TickMessage> | null)?.type === "tick");
  for (const m of batch.messages) if (!ticks.includes(m)) m.ack();
  if (ticks.length === 0) return;
  try {
    await runWorkerTick(env, `queue:${batch.queue}`, logger);
    for (const m of ticks) m.ack();
  } catch {
    for (const m of ticks) m.retry();
  }
}
