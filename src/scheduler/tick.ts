// One scheduler tick, shared by the runtimes (Workers cron and queue; Node may call it from a
// timer): due member reminders, scheduled broadcasts, then the retention of stale data. Each part keeps its progress in the
// database (claimed reminder rows, broadcast chunks with retry keys and a lease), so a tick may be
// cut short or run twice without sending anything twice. One part failing does not stop the other.
import { type PushHours, pushHours } from "../../flows/push-hours.js";
import { runScheduledBroadcasts } from "../broadcast/index.js";
import { isWithinPushHours } from "../engine/journey/push-hours.js";
import type { Clock, Logger, Messenger } from "../ports.js";
import type { FieldCipher } from "../store/cipher.js";
import type { Database } from "../store/database.js";
import { queueNudges } from "./nudges.js";
import { runDueReminders } from "./reminders.js";
import { runReseal } from "./reseal.js";
import { runRetention } from "./retention.js";

export interface ScheduledWorkDeps {
  db: Database;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** Seals the reset state of stale conversations (retention) and re-seals after a key rotation. */
  cipher?: FieldCipher;
  /** When pushes may go out (default: flows/push-hours.ts). */
  pushHours?: PushHours;
}

/** Runs every scheduled job; returns counts for the logs (never personal data). */
export async function runScheduledWork(deps: ScheduledWorkDeps): Promise<Record<string, number>> {
  const counts = {
    nudgesQueued: 0,
    remindersSent: 0,
    remindersFailed: 0,
    broadcastsFinished: 0,
    resealed: 0,
    unreadable: 0,
    jobErrors: 0,
  };
  const hours = deps.pushHours ?? pushHours;
  try {
    counts.nudgesQueued = await queueNudges(deps);
  } catch (error) {
    counts.jobErrors += 1;
    deps.logger.error("tick.nudges_failed", { name: nameOf(error) });
  }
  try {
    const reminders = await runDueReminders(deps);
    counts.remindersSent = reminders.sent;
    counts.remindersFailed = reminders.failed;
  } catch (error) {
    counts.jobErrors += 1;
    deps.logger.error("tick.reminders_failed", { name: nameOf(error) });
  }
  try {
    // A scheduled broadcast whose time falls at night (or one resumed then) waits for the morning.
    if (isWithinPushHours(deps.clock.now(), hours))
      counts.broadcastsFinished = await runScheduledBroadcasts(deps);
  } catch (error) {
    counts.jobErrors += 1;
    deps.logger.error("tick.broadcasts_failed", { name: nameOf(error) });
  }
  if (deps.cipher) {
    try {
      const reseal = await runReseal({ ...deps, cipher: deps.cipher });
      counts.resealed = reseal.resealed;
      counts.unreadable = reseal.unreadable;
    } catch (error) {
      counts.jobErrors += 1;
      deps.logger.error("tick.reseal_failed", { name: nameOf(error) });
    }
  }
  try {
    return { ...counts, ...(await runRetention(deps)) };
  } catch (error) {
    counts.jobErrors += 1;
    deps.logger.error("tick.retention_failed", { name: nameOf(error) });
  }
  return counts;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "unknown";
}

/**
 * Node's stand-in for the Workers cron: runs the scheduled work every `intervalMs`. A run still
 * going when the next tick comes is skipped, not doubled; the timer does not keep the process alive.
 */
export function startScheduledWorkTimer(deps: ScheduledWorkDeps, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runScheduledWork(deps)
      .then((counts) => {
        if (Object.values(counts).some((n) => n > 0)) deps.logger.info("tick.done", counts);
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
