// Turns the engine's database effects into statements for the step's batch, so an event's state
// change and its consequences (journey, reminders, inquiries…) commit together or not at all.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { scrubPersonal } from "../engine/privacy.js";
import { registrationNumberOf } from "../engine/registration/model.js";
import type { Effect } from "../engine/types.js";
import type { FieldCipher } from "./cipher.js";
import type { Database, Statement } from "./database.js";
import { memberLinkStatements, unlinkStatement } from "./roster-coverage.js";
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
  // Read (and opened) once per event, however many questions the effects keep.
  let names: Promise<string[]> | undefined;
  const known = () => {
    names ??= storedNames(db, cipher, userId);
    return names;
  };
  for (const effect of effects) {
    switch (effect.type) {
      case "advanceJourney":
        out.push(
          db
            .update(schema.members)
            .set({ journeyStep: effect.step })
            .where(eq(schema.members.userId, userId)),
          db
            .insert(schema.journeyEvents)
            .values({ userId, step: effect.step, source: "member", at: effect.at ?? at }),
        );
        break;
      case "setExemption":
        out.push(
          db
            .update(schema.members)
            .set({ exemption: effect.reason, exemptedAt: effect.reason ? at : null })
            .where(eq(schema.members.userId, userId)),
        );
        break;
      case "setRemindersOff":
        out.push(
          db
            .update(schema.members)
            .set({ remindersOffAt: effect.off ? at : null })
            .where(eq(schema.members.userId, userId)),
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
      case "saveRegistration": {
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
        // Roster coverage: the confirmed 登録記号番号 links the member to the association's roster row.
        const number = registrationNumberOf(effect.answers);
        if (number) out.push(...memberLinkStatements(db, userId, number, at));
        break;
      }
      case "createInquiry":
        out.push(
          db
            .insert(schema.inquiries)
            .values({ userId, question: await cipher.seal(effect.question), status: "open", createdAt: at }),
        );
        break;
      case "recordUnanswered": {
        // The engine scrubbed what it knew (the form in progress); the member's stored registration
        // is scrubbed here too, and the question is sealed: a scrub can miss a name.
        const question = scrubPersonal(effect.question, await known());
        out.push(
          db
            .insert(schema.unansweredQuestions)
            .values({ question: await cipher.seal(question), createdAt: at }),
        );
        break;
      }
      case "recordQuestion": {
        // As for unanswered questions: scrubbed again with the stored registration, then sealed.
        const question =
          effect.question === undefined
            ? null
            : await cipher.seal(scrubPersonal(effect.question, await known()));
        out.push(
          db.insert(schema.questionOutcomes).values({
            outcome: effect.outcome,
            entryId: effect.entryId ?? null,
            question,
            createdAt: at,
          }),
        );
        break;
      }
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

/** What audit entries about an erased member point at instead of the member's id. */
export const ERASED_MEMBER = "erased-member";

/**
 * Erasure: every row tied to the member goes — the member row (affiliation, journey step, form
 * answers and their search digests, follow times), journey history, reminders, questions for staff and their answers, staff
 * notes, the member's id in broadcast plans and in the audit trail. What stays is what
 * de-duplication needs (processed webhook events, pruned after a week, and the conversation row's
 * version counter with an empty state) and anonymous counts (broadcast recipient totals, the number
 * of erasures). The caller resets the conversation state in the same batch.
 */
export function eraseStatements(db: Database, userId: string): Statement[] {
  const chunks = schema.broadcastChunks;
  const quoted = JSON.stringify(userId);
  return [
    db.delete(schema.members).where(eq(schema.members.userId, userId)),
    db.delete(schema.journeyEvents).where(eq(schema.journeyEvents.userId, userId)),
    db.delete(schema.reminders).where(eq(schema.reminders.userId, userId)),
    db.delete(schema.inquiries).where(eq(schema.inquiries.userId, userId)),
    db.delete(schema.memberNotes).where(eq(schema.memberNotes.userId, userId)),
    db.delete(schema.memberSearchKeys).where(eq(schema.memberSearchKeys.userId, userId)),
    unlinkStatement(db, userId),
    // A broadcast still to send leaves the member out; one already sent keeps its head count.
    db
      .update(chunks)
      .set({
        userIds: sql`(select json_group_array(value) from json_each(${chunks.userIds}) where value <> ${userId})`,
      })
      .where(
        and(inArray(chunks.status, ["pending", "sending"]), sql`instr(${chunks.userIds}, ${quoted}) > 0`),
      ),
    db
      .update(chunks)
      .set({ userIds: sql`replace(${chunks.userIds}, ${quoted}, ${JSON.stringify(ERASED_MEMBER)})` })
      .where(and(inArray(chunks.status, ["sent", "failed"]), sql`instr(${chunks.userIds}, ${quoted}) > 0`)),
    db.update(schema.auditLog).set({ target: ERASED_MEMBER }).where(eq(schema.auditLog.target, userId)),
    db
      .insert(schema.meta)
      .values({ key: "count:erasures", value: "1", updatedAt: new Date().toISOString() })
      .onConflictDoUpdate({
        target: schema.meta.key,
        set: { value: sql`cast(${schema.meta.value} as integer) + 1`, updatedAt: sql`excluded.updated_at` },
      }),
  ];
}

/** The member's own name and clinic as stored with their registration, for scrubbing their words. */
async function storedNames(db: Database, cipher: FieldCipher, userId: string): Promise<string[]> {
  const [row] = await db
    .select({ registration: schema.members.registration })
    .from(schema.members)
    .where(eq(schema.members.userId, userId))
    .limit(1);
  if (!row?.registration) return [];
  try {
    const answers = JSON.parse(await cipher.open(row.registration)) as Record<string, unknown>;
    return Object.values(answers).filter((v): v is string => typeof v === "string");
  } catch {
    return []; // unreadable: the sealed question is still protected
  }
}
