// Finds members who have stayed at one step for the days set in flows/journey.ts (nudges) and
// queues their one gentle push as a reminder row `nudge.<step>`, due now: the reminder runner then
// pushes it within the push hours, once, with its retry key. The (member, kind) unique key makes
// "at most one nudge per step" hold for ever, even across racing runners; exempt members, members
// who left, and those at 導入完了 are never picked.
import { and, eq, isNull, notExists, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { journeyCopy } from "../../flows/journey.js";
import type { JourneyCopy } from "../engine/journey/schema.js";
import { nudgeKind } from "../engine/journey/steps.js";
import type { JourneyStep } from "../engine/types.js";
import type { Clock, Logger } from "../ports.js";
import type { Database } from "../store/database.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface NudgeDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
}

/** Queues the nudges that became due; returns how many. Bounded work per step and run. */
export async function queueNudges(
  deps: NudgeDeps,
  options: { copy?: JourneyCopy; limitPerStep?: number } = {},
): Promise<number> {
  const copy = options.copy ?? journeyCopy;
  const limit = options.limitPerStep ?? 200;
  const now = deps.clock.now();
  const at = now.toISOString();
  const m = schema.members;
  const e = schema.journeyEvents;
  const r = schema.reminders;
  let queued = 0;
  for (const [step, days] of Object.entries(copy.nudges.afterDays) as Array<[JourneyStep, number]>) {
    const kind = nudgeKind(step);
    const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
    const since = sql`coalesce((select max(${e.at}) from ${e} where ${e.userId} = ${m.userId}), ${m.createdAt})`;
    const stalled = await deps.db
      .select({ userId: m.userId })
      .from(m)
      .where(
        and(
          eq(m.status, "active"),
          eq(m.journeyStep, step),
          isNull(m.exemption),
          isNull(m.remindersOffAt),
          sql`${since} <= ${cutoff}`,
          notExists(
            deps.db
              .select({ one: sql`1` })
              .from(r)
              .where(and(eq(r.userId, m.userId), eq(r.kind, kind))),
          ),
        ),
      )
      .limit(limit);
    if (stalled.length === 0) continue;
    const rows = stalled.map(({ userId }) => ({
      id: crypto.randomUUID(),
      userId,
      kind,
      dueAt: at,
      retryKey: crypto.randomUUID(),
      createdAt: at,
    }));
    const inserted = await deps.db.insert(r).values(rows).onConflictDoNothing().returning({ id: r.id });
    queued += inserted.length;
  }
  if (queued > 0) deps.logger.info("nudges.queued", { count: queued });
  return queued;
}
