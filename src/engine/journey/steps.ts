// The rules of the journey as plain functions: step order, which reminders a step schedules or makes
// pointless, and dates in Japan time. Shared by the engine (effects) and the reminder runner (a
// last check before pushing), so both agree on when a reminder is no longer wanted.
import { type PushHours, pushHours } from "../../../flows/push-hours.js";
import type { Effect, JourneyStep } from "../types.js";
import { JOURNEY_STEPS } from "../types.js";
import { fitToPushHours } from "./push-hours.js";
import type { JourneyCopy, ReminderKind } from "./schema.js";

/** -1 for a member who has reported nothing yet. */
export function stepIndex(step: JourneyStep | null | undefined): number {
  return step ? JOURNEY_STEPS.indexOf(step) : -1;
}

export function isJourneyStep(value: string | undefined): value is JourneyStep {
  return (JOURNEY_STEPS as readonly string[]).includes(value ?? "");
}

/** The step to do next, or null when every step is done. */
export function currentStep(reached: JourneyStep | null): JourneyStep | null {
  return JOURNEY_STEPS[stepIndex(reached) + 1] ?? null;
}

/** Each reminder is scheduled when `after` is reported and wanted only until `until` is reached. */
export const REMINDER_RULES: ReadonlyArray<{ kind: ReminderKind; after: JourneyStep; until: JourneyStep }> = [
  { kind: "linkExpiring", after: "linkSent", until: "registered" },
  { kind: "linkExpired", after: "linkSent", until: "registered" },
  { kind: "applyStart", after: "registered", until: "applied" },
  { kind: "startDate", after: "appInstalled", until: "started" },
];

/** Reminders that warn before a deadline, in hours after the step that schedules them. */
function deadlineHours(copy: JourneyCopy, kind: ReminderKind): number | null {
  return kind === "linkExpiring" ? copy.linkValidHours : null;
}

/** The one nudge of a step: `nudge.<step>`; pushed when a member stays at that step too long. */
export type NudgeKind = `nudge.${JourneyStep}`;
const NUDGE_PREFIX = "nudge.";

export function nudgeKind(step: JourneyStep): NudgeKind {
  return `${NUDGE_PREFIX}${step}`;
}

/** The step a nudge kind belongs to, or null when the kind is not a nudge. */
export function nudgeStep(kind: string): JourneyStep | null {
  if (!kind.startsWith(NUDGE_PREFIX)) return null;
  const step = kind.slice(NUDGE_PREFIX.length);
  return isJourneyStep(step) ? step : null;
}

export const LINK_REMINDERS: ReminderKind[] = REMINDER_RULES.filter((r) => r.after === "linkSent").map(
  (r) => r.kind,
);

export function isReminderKind(kind: string): kind is ReminderKind {
  return REMINDER_RULES.some((r) => r.kind === kind);
}

/**
 * A warning before a deadline is pointless once the deadline has passed: if no run happened between
 * the two (the runner was down), 「まもなく切れます」 must not arrive beside 「切れました」.
 */
const SUPERSEDED_BY: Partial<Record<ReminderKind, ReminderKind>> = { linkExpiring: "linkExpired" };

/** True when `kind`, due at `dueAt`, is pushed so late that the reminder after it is due too. */
export function isReminderTooLate(copy: JourneyCopy, kind: ReminderKind, dueAt: string, now: Date): boolean {
  const later = SUPERSEDED_BY[kind];
  if (!later) return false;
  const gapHours = copy.reminders[later].afterHours - copy.reminders[kind].afterHours;
  return now.getTime() >= addHours(new Date(dueAt), gapHours).getTime();
}

/**
 * A reminder or nudge whose step was done (or undone) meanwhile must not be pushed, nor any to a
 * member who reported an exemption (対象外（届出）).
 */
export function isReminderObsolete(
  kind: ReminderKind | NudgeKind,
  reached: JourneyStep | null,
  exempt = false,
): boolean {
  if (exempt) return true;
  const step = nudgeStep(kind);
  if (step) return reached !== step;
  const rule = REMINDER_RULES.find((r) => r.kind === kind)!;
  const at = stepIndex(reached);
  return at >= stepIndex(rule.until) || at < stepIndex(rule.after);
}

const HOUR = 3_600_000;

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR);
}

/**
 * When a reminder scheduled at `now` goes out: its delay, fitted into the push hours. A warning
 * before a deadline (the 24-hour link) moves to the evening before rather than to a morning that
 * would come too late.
 */
export function reminderDueAt(
  copy: JourneyCopy,
  kind: ReminderKind,
  now: Date,
  hours: PushHours = pushHours,
): Date {
  const due = addHours(now, copy.reminders[kind].afterHours);
  const limit = deadlineHours(copy, kind);
  const deadline = limit === null ? undefined : addHours(now, limit);
  return fitToPushHours(due, hours, { deadline, notBefore: now });
}

/**
 * Effects of reporting `step` (already known to be ahead of the member's step), done at `at` — now,
 * or earlier when the member said so (「11月10日ごろ登録完了しました」): recorded on that day, and a
 * reminder whose time has already passed is not scheduled (the reply says what it would have).
 */
export function reportEffects(copy: JourneyCopy, step: JourneyStep, at: Date, now: Date = at): Effect[] {
  const reached = stepIndex(step);
  const cancel = REMINDER_RULES.filter((r) => stepIndex(r.until) <= reached).map((r) => r.kind);
  const effects: Effect[] = [];
  if (cancel.length > 0) effects.push({ type: "cancelReminders", kinds: cancel });
  effects.push(
    at < now ? { type: "advanceJourney", step, at: at.toISOString() } : { type: "advanceJourney", step },
  );
  for (const rule of REMINDER_RULES.filter((r) => r.after === step)) {
    const due = reminderDueAt(copy, rule.kind, at);
    if (due > now) effects.push({ type: "scheduleReminder", kind: rule.kind, dueAt: due.toISOString() });
  }
  return effects;
}

const JST_OFFSET = 9 * HOUR;
const pad = (n: number) => String(n).padStart(2, "0");

/** 「11月25日」 in Japan time, whatever the server's zone. */
export function formatDate(at: Date | string): string {
  const jst = new Date(new Date(at).getTime() + JST_OFFSET);
  return `${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`;
}

/** 「11月26日 10:00」 in Japan time. */
export function formatDateTime(at: Date | string): string {
  const jst = new Date(new Date(at).getTime() + JST_OFFSET);
  return `${formatDate(at)} ${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}`;
}

/** Fills `{name}` placeholders; unknown names are left as they are. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
