// Turns the engine's database effects into statements for the step's batch, so an event's state
// change and its consequences (journey, reminders, inquiries…) commit together or not at all.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import type { Effect } from "../engine/types.js";
import type { FieldCipher } from "./cipher.js";
import type { Database, Statement } from "./database.js";
import { type SearchIndex, searchIndexStatements } from "./search-index.js";

export async function effectStatements(
  db: Database,
  cipher: FieldCipher,
  userId: string,
  effects: Effect[],
  now: Date,
  searchIndex?: SearchIndex,
): Promise<Statement[]> {
  const at = now.toISOString();
  const out: Statement[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case "advanceJourney":
        out.push(
          db
            .update(schema.members)
            .set({ journeyStep: effect.step })
            .where(eq(schema.members.userId, userId)),
          db.insert(schema.journeyEvents).values({ userId, step: effect.step, source: "member", at }),
        );
        break;
      case "scheduleReminder":
        out.push(
          db
            .insert(schema.reminders)
            .values({
              id: crypto.randomUUID(),
              userId,
              kind: effect.kind,
              dueAt: effect.dueAt,
              retryKey: crypto.randomUUID(),
              createdAt: at,
            })
            // The engine schedules a kind only when the member newly reaches its step (re-reports are
            // no-ops, events are de-duplicated), so a conflict means the step was reached again after
            // 「やり直す」: re-arm it with a fresh retry key (the old one would make LINE drop the push),
            // unless a run is pushing it at this moment.
            .onConflictDoUpdate({
              target: [schema.reminders.userId, schema.reminders.kind],
              set: {
                dueAt: effect.dueAt,
                status: "pending",
                claimedAt: null,
                sentAt: null,
                retryKey: sql`excluded.retry_key`,
              },
              setWhere: ne(schema.reminders.status, "sending"),
            }),
        );
        break;
      case "cancelReminders":
        if (effect.kinds.length > 0)
          out.push(
            db
              .update(schema.reminders)
              .set({ status: "cancelled" })
              .where(
                and(
                  eq(schema.reminders.userId, userId),
                  inArray(schema.reminders.kind, effect.kinds),
                  eq(schema.reminders.status, "pending"),
                ),
              ),
          );
        break;
      case "saveRegistration":
        out.push(
          db
            .update(schema.members)
            .set({
              registration: await cipher.seal(JSON.stringify(effect.answers)),
              affiliation: effect.answers.affiliation ?? null,
            })
            .where(eq(schema.members.userId, userId)),
          ...(searchIndex ? await searchIndexStatements(db, searchIndex, userId, effect.answers) : []),
        );
        break;
      case "createInquiry":
        out.push(
          db
            .insert(schema.inquiries)
            .values({ userId, question: await cipher.seal(effect.question), status: "open", createdAt: at }),
        );
        break;
      case "recordUnanswered":
        out.push(db.insert(schema.unansweredQuestions).values({ question: effect.question, createdAt: at }));
        break;
      case "eraseMember":
        out.push(...eraseStatements(db, userId));
        break;
      case "markInactive":
        out.push(
          db
            .update(schema.members)
            .set({ status: "inactive", unfollowedAt: at })
            .where(eq(schema.members.userId, userId)),
        );
        break;
      case "markActive":
        out.push(
          db
            .update(schema.members)
            .set({ status: "active", followedAt: at, unfollowedAt: null })
            .where(eq(schema.members.userId, userId)),
        );
        break;
      case "lookupRoster":
      case "enhanceAnswer":
        break; // performed by the runner, not stored
    }
  }
  return out;
}

/** Personal data of a member: the form answers (and their search digests), their questions, staff notes, pending pushes. */
export function eraseStatements(db: Database, userId: string): Statement[] {
  return [
    db.update(schema.members).set({ registration: null }).where(eq(schema.members.userId, userId)),
    db.delete(schema.inquiries).where(eq(schema.inquiries.userId, userId)),
    db.delete(schema.memberNotes).where(eq(schema.memberNotes.userId, userId)),
    db.delete(schema.memberSearchKeys).where(eq(schema.memberSearchKeys.userId, userId)),
    db
      .update(schema.reminders)
      .set({ status: "cancelled" })
      .where(and(eq(schema.reminders.userId, userId), eq(schema.reminders.status, "pending"))),
  ];
}
