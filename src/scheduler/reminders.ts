// Pushes the journey reminders that are due. Everything lives in the reminders table, so a restart
// loses nothing; each row is claimed with a compare-and-set before its push, so racing runners send
// it once; a run that crashed after claiming is redone after STALE_CLAIM_MS with the same
// X-Line-Retry-Key, so LINE drops the copy if the first push had gone through.
import { journeyCopy } from "../../flows/journey.js";
import {
  isReminderKind,
  isReminderObsolete,
  isReminderTooLate,
  reminderMessages,
} from "../engine/journey/index.js";
import { LineApiError } from "../line/messenger.js";
import type { Clock, Logger, Messenger } from "../ports.js";
import type { Database } from "../store/database.js";
import { cancelForInactiveMembers, claim, type DueReminder, findDue, settle } from "../store/reminders.js";

export interface ReminderDeps {
  db: Database;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
}

const DEFAULT_LIMIT = 100;
/** Pushes in flight at once: well under LINE's 2,000 req/s, gentle on a Worker's subrequests. */
const CONCURRENCY = 4;
/** LINE keeps a retry key 24 hours: past that a retry could deliver twice, so we give up instead. */
const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

type Outcome = "sent" | "failed" | "retry" | "cancelled" | "taken";

export async function runDueReminders(
  deps: ReminderDeps,
  options: { limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const now = deps.clock.now();
  await cancelForInactiveMembers(deps.db, now);
  const due = await findDue(deps.db, now, options.limit ?? DEFAULT_LIMIT);
  const counts = { sent: 0, failed: 0 };
  await forEachLimited(due, CONCURRENCY, async (row) => {
    const outcome = await deliver(deps, row).catch((error: unknown) => {
      deps.logger.error("reminder.error", { reminderId: row.id, kind: row.kind, error: errorName(error) });
      return "failed" as const;
    });
    if (outcome === "sent") counts.sent += 1;
    else if (outcome === "failed" || outcome === "retry") counts.failed += 1;
  });
  return counts;
}

async function deliver(deps: ReminderDeps, row: DueReminder): Promise<Outcome> {
  const { db, clock, logger } = deps;
  const claimedAt = await claim(db, row, clock.now());
  if (!claimedAt) return "taken";
  const fields = { reminderId: row.id, kind: row.kind };
  if (!isReminderKind(row.kind)) {
    await settle(db, row.id, claimedAt, "failed", clock.now());
    logger.error("reminder.unknown_kind", fields);
    return "failed";
  }
  if (isReminderObsolete(row.kind, row.journeyStep)) {
    await settle(db, row.id, claimedAt, "cancelled", clock.now());
    logger.info("reminder.obsolete", fields);
    return "cancelled";
  }
  if (isReminderTooLate(journeyCopy, row.kind, row.dueAt, clock.now())) {
    await settle(db, row.id, claimedAt, "cancelled", clock.now());
    logger.info("reminder.too_late", fields);
    return "cancelled";
  }
  try {
    await deps.messenger.push(row.userId, reminderMessages(journeyCopy, row.kind), row.retryKey);
  } catch (error) {
    const status = error instanceof LineApiError ? error.status : null;
    const transient = status === null || status === 429 || status >= 500;
    const retry = transient && clock.now().getTime() - Date.parse(row.dueAt) < RETRY_KEY_TTL_MS;
    await settle(db, row.id, claimedAt, retry ? "pending" : "failed", clock.now());
    logger.error("reminder.push_failed", { ...fields, status, retry, error: errorName(error) });
    return retry ? "retry" : "failed";
  }
  await settle(db, row.id, claimedAt, "sent", clock.now());
  logger.info("reminder.sent", fields);
  return "sent";
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Only the error's class name: messages can carry a request body. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : typeof error;
}
