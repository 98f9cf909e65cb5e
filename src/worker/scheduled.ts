// The Worker's scheduled work (cron trigger, and the optional queue consumer): reminders and
// scheduled broadcasts, through the shared tick (src/scheduler/tick.ts). Progress lives in the
// database (reminder rows, broadcast chunks with retry keys), so a run cut short is resumed by
// the next one without sending anything twice.
import type { MessageBatch } from "@cloudflare/workers-types";
import { runBroadcast } from "../broadcast/index.js";
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

/** Queue messages: a tick now, or one broadcast's fan-out (「今すぐ送信」). */
export type WorkMessage = { type: "tick" } | { type: "broadcast"; broadcastId: number };

function readMessage(body: unknown): WorkMessage | null {
  const m = body as Partial<{ type: string; broadcastId: unknown }> | null;
  if (m?.type === "tick") return { type: "tick" };
  if (m?.type === "broadcast" && Number.isSafeInteger(m.broadcastId) && Number(m.broadcastId) > 0)
    return { type: "broadcast", broadcastId: Number(m.broadcastId) };
  return null;
}

/**
 * 「今すぐ送信」 on Workers: with the SCHEDULED_WORK queue bound, the fan-out runs in a queue
 * consumer (its own invocation: minutes of wall time and its own subrequests, not the 30 s left to
 * a staff request's waitUntil). Without the binding, undefined: the staff area falls back to waitUntil
 * and the cron finishes whatever is left.
 */
export function queueBroadcastStarter(env: WorkerEnv): ((broadcastId: number) => Promise<void>) | undefined {
  const q = env.SCHEDULED_WORK;
  if (!q) return undefined;
  return async (broadcastId) => {
    await q.send({ type: "broadcast", broadcastId } satisfies WorkMessage, { contentType: "json" });
  };
}

/** Delay before a broadcast cut short (a failed chunk, a lost lease) is tried again. */
const BROADCAST_RETRY_SECONDS = 30;

/**
 * Queue consumer. Ticks: one per batch (they are idempotent). Broadcasts: each run resumes from the
 * chunks in the database, so a retry never sends a chunk twice; one cut short is retried later (and
 * the cron resumes it anyway); one another run holds is left to that run. Unknown messages are acked.
 */
export async function consumeWorkBatch(
  batch: MessageBatch<unknown>,
  env: WorkerEnv,
  logger: Logger = consoleLogger,
): Promise<void> {
  const ticks = [];
  for (const m of batch.messages) {
    const message = readMessage(m.body);
    if (message === null) {
      m.ack();
      continue;
    }
    if (message.type === "tick") {
      ticks.push(m);
      continue;
    }
    try {
      const { db, messenger, clock } = await workerRuntime(env, logger);
      const outcome = await runBroadcast({ db, messenger, clock, logger }, message.broadcastId);
      logger.info("queue.broadcast", { broadcastId: message.broadcastId, outcome });
      if (outcome === "interrupted") m.retry({ delaySeconds: BROADCAST_RETRY_SECONDS });
      else m.ack();
    } catch (error) {
      logger.error("queue.broadcast_failed", { broadcastId: message.broadcastId, name: errorName(error) });
      m.retry({ delaySeconds: BROADCAST_RETRY_SECONDS });
    }
  }
  if (ticks.length === 0) return;
  try {
    await runWorkerTick(env, `queue:${batch.queue}`, logger);
    for (const m of ticks) m.ack();
  } catch {
    for (const m of ticks) m.retry();
  }
}
