// Pushes the journey reminders that are due. Everything lives in the reminders table, so a restart
// loses nothing; each row is claimed with a compare-and-set before its push, so racing runners send
// it once; a run that crashed after claiming is redone after STALE_CLAIM_MS with the same
// X-Line-Retry-Key, so LINE drops the copy if the first push had gone through.
import { journeyCopy } from "../../flows/journey.js";
import { findNotice } from "../../flows/notices.js";
import { type PushHours, pushHours } from "../../flows/push-hours.js";
import {
  isReminderKind,
  isReminderObsolete,
  isReminderTooLate,
  nudgeMessages,
  nudgeStep,
  reminderMessages,
} from "../engine/journey/index.js";
import { isWithinPushHours } from "../engine/journey/push-hours.js";
import { addHours, formatDateTime } from "../engine/journey/steps.js";
import type { LineMessage } from "../engine/types.js";
import { LineApiError } from "../line/messenger.js";
import type { Clock, Logger, Messenger } from "../ports.js";
import type { Database } from "../store/database.js";
import { cancelForInactiveMembers, claim, type DueReminder, findDue, settle } from "../store/reminders.js";

export interface ReminderDeps {
  db: Database;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** When pushes may go out (default: flows/push-hours.ts). */
  pushHours?: PushHours;
}

/** Kind of a staff notice relayed at night and held for the morning: `notice.<id>`. */
export const NOTICE_PREFIX = "notice.";

const DEFAULT_LIMIT = 100;
/** Pushes in flight at once: well under LINE's 2,000 req/s, gentle on a Worker's subrequests. */
const CONCURRENCY = 4;
/** LINE keeps a retry key 24 hours: past that a retry could deliver twice, so we give up instead. */
const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

type Outcome = "sent" | "failed" | "retry" | "cancelled" | "taken" | "held";

export async function runDueReminders(
  deps: ReminderDeps,
  options: { limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const now = deps.clock.now();
  await cancelForInactiveMembers(deps.db, now);
  // Night: nothing is claimed; what is due stays pending until the hours start.
  if (!isWithinPushHours(now, deps.pushHours ?? pushHours)) return { sent: 0, failed: 0 };
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
  // A run that straddles the end of the hours stops pushing at the end.
  if (!isWithinPushHours(clock.now(), deps.pushHours ?? pushHours)) return "held";
  const claimedAt = await claim(db, row, clock.now());
  if (!claimedAt) return "taken";
  const fields = { reminderId: row.id, kind: row.kind };
  const verdict = messagesFor(row, clock.now());
  if (verdict === "unknown") {
    await settle(db, row.id, claimedAt, "failed", clock.now());
    logger.error("reminder.unknown_kind", fields);
    return "failed";
  }
  if (verdict === "obsolete" || verdict === "tooLate") {
    await settle(db, row.id, claimedAt, "cancelled", clock.now());
    logger.info(verdict === "obsolete" ? "reminder.obsolete" : "reminder.too_late", fields);
    return "cancelled";
  }
  try {
    await deps.messenger.push(row.userId, verdict, row.retryKey);
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

/** What to push for a due row: a journey reminder, a nudge, or a staff notice held for the morning. */
function messagesFor(row: DueReminder, now: Date): LineMessage[] | "unknown" | "obsolete" | "tooLate" {
  if (row.kind.startsWith(NOTICE_PREFIX)) {
    const notice = findNotice(row.kind.slice(NOTICE_PREFIX.length));
    return notice ? notice.messages.slice(0, 5).map((m) => ({ type: "text", text: m })) : "unknown";
  }
  // Exempt, or asked for no more reminders: journey reminders and nudges are not pushed (notices are).
  const silenced = row.exemption !== null || row.remindersOffAt !== null;
  const step = nudgeStep(row.kind);
  if (step) {
    if (isReminderObsolete(`nudge.${step}`, row.journeyStep, silenced)) return "obsolete";
    const messages = nudgeMessages(journeyCopy, step);
    return messages.length > 0 ? messages : "obsolete";
  }
  if (!isReminderKind(row.kind)) return "unknown";
  if (isReminderObsolete(row.kind, row.journeyStep, silenced)) return "obsolete";
  if (row.kind === "linkExpiring") {
    // The link dies 24 hours after 「登録ボタンを押した」; a warning after that is pointless, but one
    // held past its evening slot (the hours ended before a run) still helps the next morning.
    const { linkValidHours, reminders } = journeyCopy;
    const deadline = row.stepAt
      ? addHours(new Date(row.stepAt), linkValidHours)
      : addHours(new Date(row.dueAt), linkValidHours - reminders.linkExpiring.afterHours);
    if (row.stepAt ? now >= deadline : isReminderTooLate(journeyCopy, row.kind, row.dueAt, now))
      return "tooLate";
    return reminderMessages(journeyCopy, row.kind, { deadline: formatDateTime(deadline) });
  }
  if (isReminderTooLate(journeyCopy, row.kind, row.dueAt, now)) return "tooLate";
  return reminderMessages(journeyCopy, row.kind);
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
