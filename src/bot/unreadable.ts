// A member whose stored state no key opens (a changed key without the old one kept in
// DATA_ENCRYPTION_OLD_KEYS, or a damaged value). Retrying cannot help, and answering 500 would make
// LINE redeliver forever while the member hears nothing. Instead the event is recorded as processed
// (answered 200, never redelivered), the member is told a person will help, and staff get an
// inquiry (once while it is open). The unreadable value itself is kept: with the old key back in the
// ring it opens again and the member goes on where they were.
import { and, eq } from "drizzle-orm";
import * as schema from "../../db/schema.js";
import { faultContent } from "../../flows/faults.js";
import { text } from "../engine/messages.js";
import { INITIAL_STATE, type StepResult } from "../engine/types.js";
import type { CommitOutcome } from "../store/conversation-store.js";
import { isProcessed, isUniqueViolation } from "../store/conversation-store.js";
import { runBatch, type Statement } from "../store/database.js";
import type { MemberEvent } from "../webhook/schema.js";
import { deliverReplies } from "./deliver.js";
import type { BotDeps } from "./deps.js";

const c = schema.conversations;

export async function handleUnreadableState(
  deps: BotDeps,
  event: MemberEvent,
  version: number,
): Promise<CommitOutcome> {
  const { db, cipher } = deps;
  const now = deps.clock.now();
  const at = now.toISOString();
  const copy = faultContent.unreadable;
  const statements: Statement[] = [
    db.insert(schema.processedEvents).values({
      webhookEventId: event.webhookEventId,
      userId: event.userId,
      userVersion: version + 1,
      processedAt: at,
    }),
    db
      .update(c)
      .set({ version: version + 1, updatedAt: at })
      .where(and(eq(c.userId, event.userId), eq(c.version, version))),
  ];
  if (!(await alertIsOpen(deps, event.userId, copy.staffAlert)))
    statements.push(
      db.insert(schema.inquiries).values({
        userId: event.userId,
        question: await cipher.seal(copy.staffAlert),
        status: "open",
        createdAt: at,
      }),
    );
  try {
    await runBatch(db, statements);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await isProcessed(db, event.webhookEventId)) ? "duplicate" : "conflict";
  }
  deps.logger.error("event.unreadable_state", { kind: event.input.kind, alerted: statements.length > 2 });
  // Every event that can be answered gets the same short answer (unfollow never reaches here).
  const result: StepResult = { state: INITIAL_STATE, replies: copy.member.map((m) => text(m)), effects: [] };
  deps.background.run(() => deliverReplies(deps, event, result));
  return "committed";
}

/** Whether this member already has an open alert of this kind (so a chatty member alerts once). */
async function alertIsOpen(deps: BotDeps, userId: string, alert: string): Promise<boolean> {
  const open = await deps.db
    .select({ question: schema.inquiries.question })
    .from(schema.inquiries)
    .where(and(eq(schema.inquiries.userId, userId), eq(schema.inquiries.status, "open")));
  for (const row of open) {
    const question = await deps.cipher.open(row.question).catch(() => null);
    if (question === alert) return true;
  }
  return false;
}
