// The quick replies of the journey: what a member can report from where they are, and the pushed
// reminders (their wording is in flows/journey.ts) with the buttons to answer them.
import { type Choice, postbackData, text } from "../messages.js";
import type { JourneyStep, LineMessage } from "../types.js";
import type { JourneyCopy, ReminderKind } from "./schema.js";
import { currentStep, fill } from "./steps.js";

export function reportChoice(copy: JourneyCopy, step: JourneyStep): Choice {
  return { label: copy.steps[step].report, data: postbackData("journey.report", { step }) };
}

export function buttonChoices(copy: JourneyCopy) {
  const b = copy.buttons;
  return {
    progress: { label: b.progress, data: postbackData("journey.progress") },
    menu: { label: b.menu, data: postbackData("menu") },
    mailArrived: { label: b.mailArrived, data: postbackData("journey.mail") },
    mailMissing: { label: b.mailMissing, data: postbackData("journey.nomail") },
    redo: { label: b.redo, data: postbackData("journey.redo") },
    startRegistration: { label: b.startRegistration, data: postbackData("reg.start") },
    askPerson: { label: b.askPerson, data: postbackData("inquiry.start") },
    exempt: { label: b.exempt, data: postbackData("journey.exempt") },
    withdrawExemption: { label: b.withdrawExemption, data: postbackData("journey.unexempt") },
  } satisfies Record<string, Choice>;
}

/**
 * What the member can report next, given the step to do now (null: all done). `linkExpired` adds
 * 「やり直す」, offered only once the portal's link can no longer work.
 */
export function nextChoices(copy: JourneyCopy, current: JourneyStep | null, linkExpired = false): Choice[] {
  const b = buttonChoices(copy);
  switch (current) {
    case null:
      return [b.progress, b.menu];
    case "device":
    case "portal":
      // Early on, an exempt clinic may not need the journey at all.
      return [reportChoice(copy, current), b.exempt, b.progress, b.menu];
    case "registering":
      return [b.startRegistration, reportChoice(copy, "registering"), reportChoice(copy, "linkSent"), b.menu];
    case "registered": {
      const choices = [b.mailArrived, reportChoice(copy, "registered"), b.mailMissing];
      return [...choices, ...(linkExpired ? [b.redo, b.askPerson] : [b.menu])];
    }
    default:
      return [reportChoice(copy, current), b.progress, b.menu];
  }
}

const REMINDER_CHOICES: Record<ReminderKind, (copy: JourneyCopy) => Choice[]> = {
  linkExpiring: (copy) => [reportChoice(copy, "registered"), buttonChoices(copy).mailMissing],
  linkExpired: (copy) => {
    const b = buttonChoices(copy);
    return [reportChoice(copy, "registered"), b.redo, b.askPerson];
  },
  applyStart: (copy) => [
    reportChoice(copy, "applied"),
    buttonChoices(copy).askPerson,
    buttonChoices(copy).progress,
  ],
  startDate: (copy) => [
    reportChoice(copy, "started"),
    buttonChoices(copy).askPerson,
    buttonChoices(copy).progress,
  ],
};

/** The push for a reminder: its bubbles (`{deadline}` filled), quick replies on the last one. */
export function reminderMessages(
  copy: JourneyCopy,
  kind: ReminderKind,
  values: Record<string, string> = {},
): LineMessage[] {
  const lines = copy.reminders[kind].messages.map((l) => fill(l, values));
  return lastWithChoices(lines, REMINDER_CHOICES[kind](copy));
}

/** The one gentle push for a member who stayed at `reached`: what the next step is, and help. */
export function nudgeMessages(copy: JourneyCopy, reached: JourneyStep): LineMessage[] {
  const next = currentStep(reached);
  if (!next) return [];
  const values = { title: copy.steps[next].title, todo: copy.steps[next].todo };
  const b = buttonChoices(copy);
  const choices = [reportChoice(copy, next), b.askPerson, b.exempt, b.progress];
  return lastWithChoices(
    copy.nudges.messages.map((l) => fill(l, values)),
    choices,
  );
}

function lastWithChoices(lines: string[], choices: Choice[]): LineMessage[] {
  return lines.map((line, i) => (i === lines.length - 1 ? text(line, choices) : text(line)));
}
