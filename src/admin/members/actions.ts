// What staff do to one member: relay a notice (journey step recorded as 'staff', reminders settled,
// polite push with a retry key), add a note, erase the member's data. Each audited in the same batch.
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import * as schema from "../../../db/schema.js";
import { journeyCopy } from "../../../flows/journey.js";
import { findNotice } from "../../../flows/notices.js";
import { pushHours } from "../../../flows/push-hours.js";
import { isWithinPushHours, nextPushTime } from "../../engine/journey/push-hours.js";
import { reportEffects, stepIndex } from "../../engine/journey/steps.js";
import { text } from "../../engine/messages.js";
import { formatRegistrationNumber, parseRegistrationNumber } from "../../engine/registration/validate.js";
import { INITIAL_STATE, JOURNEY_STEPS, type JourneyStep } from "../../engine/types.js";
import { NOTICE_PREFIX } from "../../scheduler/reminders.js";
import { resetConversationStatement } from "../../store/conversation-store.js";
import { runBatch, type Statement } from "../../store/database.js";
import { ERASED_MEMBER, effectStatements, eraseStatements } from "../../store/effect-statements.js";
import { rosterHas, staffLinkStatements } from "../../store/roster-coverage.js";
import { auditStatement } from "../../store/staff-audit.js";
import { bumpConversationStatements, versionMarkerStatement } from "../../store/staff-conversation-bump.js";
import type { AdminDeps } from "../deps.js";

export type RelayOutcome =
  | "sent"
  | "sentNoAdvance"
  /** Recorded; at night the push waits for the morning (a reminder row the runner sends). */
  | "held"
  | "recordedNotSent"
  | "inactive"
  | "unknownNotice"
  /** Refused: the member reported 対象外（届出）; nothing recorded or sent. */
  | "exempt"
  /** Not sent: the member is already at or past the notice's step and staff did not confirm it. */
  | "needsConfirm"
  | "notFound";

/** How a notice fits a member: the preview shows it, and the relay refuses or asks to confirm. */
export type NoticeFit = "ahead" | "behind" | "exempt";

export function noticeFit(
  member: { journeyStep: string | null; exemption: string | null },
  step: JourneyStep,
): NoticeFit {
  if (member.exemption) return "exempt";
  return stepIndex(step) > stepIndex(member.journeyStep as JourneyStep | null) ? "ahead" : "behind";
}

export async function relayNotice(
  deps: AdminDeps,
  staffId: number,
  userId: string,
  noticeId: string,
  retryKey: string,
  /** Staff saw that the member is already at or past the notice's step and chose to send anyway. */
  behindConfirmed = false,
): Promise<RelayOutcome> {
  const { db, clock } = deps;
  const notice = findNotice(noticeId);
  if (!notice) return "unknownNotice";
  const [member] = await db
    .select({
      journeyStep: schema.members.journeyStep,
      exemption: schema.members.exemption,
      status: schema.members.status,
    })
    .from(schema.members)
    .where(eq(schema.members.userId, userId));
  if (!member) return "notFound";
  const fit = noticeFit(member, notice.step);
  if (fit === "exempt") return "exempt";
  if (fit === "behind" && !behindConfirmed) return "needsConfirm";
  const now = clock.now();
  const ahead = fit === "ahead";
  const statements: Statement[] = ahead ? await advanceStatements(deps, userId, notice.step, now) : [];
  const night = member.status === "active" && !isWithinPushHours(now, pushHours);
  if (night) {
    const dueAt = nextPushTime(now, pushHours).toISOString();
    const hold = { type: "scheduleReminder" as const, kind: `${NOTICE_PREFIX}${notice.id}`, dueAt };
    statements.push(...(await effectStatements(db, deps.cipher, userId, [hold], now)));
  }
  statements.push(
    auditStatement(
      db,
      { staffId, action: "member.relay", target: userId, detail: { notice: notice.id, advanced: ahead } },
      now,
    ),
  );
  await runBatch(db, statements);
  if (member.status !== "active") return "inactive";
  if (night) return "held";
  try {
    await deps.messenger.push(
      userId,
      notice.messages.slice(0, 5).map((m) => text(m)),
      retryKey,
    );
  } catch (error) {
    deps.logger.error("admin.relay.pushFailed", { name: (error as Error).name });
    return "recordedNotSent";
  }
  return ahead ? "sent" : "sentNoAdvance";
}

/** The journey's own effects of reaching `step` (reminders settled and scheduled), recorded as staff. */
async function advanceStatements(
  deps: AdminDeps,
  userId: string,
  step: JourneyStep,
  now: Date,
): Promise<Statement[]> {
  const { db } = deps;
  const effects = reportEffects(journeyCopy, step, now).filter((e) => e.type !== "advanceJourney");
  const earlier = JOURNEY_STEPS.slice(0, stepIndex(step));
  const behind = or(isNull(schema.members.journeyStep), inArray(schema.members.journeyStep, [...earlier]));
  return [
    ...bumpConversationStatements(db, userId, "relay", now.toISOString()),
    ...(await effectStatements(db, deps.cipher, userId, effects, now)),
    // Conditional: a member who moved further meanwhile is never moved back.
    db
      .update(schema.members)
      .set({ journeyStep: step })
      .where(and(eq(schema.members.userId, userId), behind)),
    db.insert(schema.journeyEvents).values({ userId, step, source: "staff", at: now.toISOString() }),
  ];
}

export type LinkOutcome = "linked" | "linkInvalid" | "linkUnknown" | "notFound";

/** Staff link a member to a roster row by its 登録記号番号 (typed as on the 承諾通知書), audited. */
export async function linkToRoster(
  deps: AdminDeps,
  staffId: number,
  userId: string,
  typed: string,
): Promise<LinkOutcome> {
  const { db } = deps;
  const parsed = parseRegistrationNumber(typed);
  if (!parsed.ok || !parsed.value.kind) return "linkInvalid";
  const number = formatRegistrationNumber(parsed.value.kind, parsed.value.digits);
  const [member] = await db
    .select({ userId: schema.members.userId })
    .from(schema.members)
    .where(eq(schema.members.userId, userId));
  if (!member) return "notFound";
  if (!(await rosterHas(db, number))) return "linkUnknown";
  const now = deps.clock.now();
  await runBatch(db, [
    ...staffLinkStatements(db, userId, number, now.toISOString()),
    auditStatement(db, { staffId, action: "member.rosterLink", target: userId }, now),
  ]);
  return "linked";
}

export const NOTE_MAX = 2000;

export async function addNote(
  deps: AdminDeps,
  staffId: number,
  userId: string,
  note: string,
): Promise<boolean> {
  const trimmed = note.trim();
  if (trimmed.length === 0 || trimmed.length > NOTE_MAX) return false;
  const now = deps.clock.now();
  await runBatch(deps.db, [
    deps.db
      .insert(schema.memberNotes)
      .values({ userId, staffId, note: await deps.cipher.seal(trimmed), at: now.toISOString() }),
    auditStatement(deps.db, { staffId, action: "member.note", target: userId }, now),
  ]);
  return true;
}

/**
 * The same erasure as the member's own 「データ削除」, plus a fresh conversation. It takes the next
 * conversation version, so an event of the member in flight retries on the erased state instead of
 * re-saving what it read before.
 */
export async function eraseMember(deps: AdminDeps, staffId: number, userId: string): Promise<boolean> {
  const { db, cipher } = deps;
  const [known] = await db
    .select({ userId: schema.members.userId })
    .from(schema.members)
    .where(eq(schema.members.userId, userId));
  // Nothing to erase is not "done": no audit entry claims an erasure that did not happen.
  if (!known) return false;
  const now = deps.clock.now();
  const at = now.toISOString();
  await runBatch(db, [
    ...eraseStatements(db, userId),
    // Claims version + 1 first; the reset below bumps the version to it.
    versionMarkerStatement(db, userId, "erase", at),
    resetConversationStatement(db, userId, await cipher.seal(JSON.stringify(INITIAL_STATE)), at),
    // After the erasure statements, so this entry does not name the member either.
    auditStatement(db, { staffId, action: "member.erase", target: ERASED_MEMBER }, now),
  ]);
  return true;
}
