// The flow's buttons (postbacks `reg.*`). Each is valid only at the step that offered it; a stale
// one (e.g. 「この内容でOK」 tapped after the flow moved on) gets a short explanation and the prompt.
import type { FlowContext } from "../flow.js";
import { parsePostback, text } from "../messages.js";
import { AFFILIATIONS, type ConversationState, type RegistrationAnswers, type StepResult } from "../types.js";
import { cancelNow, continueWhereLeft, keepGoing, restartNow, runCommand } from "./commands.js";
import { COPY, fill } from "./copy.js";
import { copySheetMessages } from "./copy-sheet.js";
import { advance, ask, takeEmail, toConfirm } from "./fields.js";
import { finish, review, start } from "./lifecycle.js";
import { answeredCount, enter, fieldOf, isComplete, isField, reply, type Step, stepOf } from "./model.js";
import { replaceLabelOf, resume } from "./prompts.js";
import { validateEmail } from "./validate.js";

type Params = Record<string, string>;
type Handler = (ctx: FlowContext, state: ConversationState, params: Params) => StepResult | null;

const M = COPY.messages;
const inFlow = (s: ConversationState) => s.flow === "registration";
const at = (s: ConversationState, ...steps: Step[]) => inFlow(s) && steps.includes(stepOf(s));
const editingOf = (s: ConversationState) => ({ editing: s.editing });

function choose(s: ConversationState, p: Params): StepResult | null {
  if (p.field === "affiliation" && at(s, "affiliation")) {
    const option = COPY.affiliations.find((a) => a.value === AFFILIATIONS[Number(p.value)]);
    return option ? advance(s, "affiliation", { affiliation: option.value }) : null;
  }
  if (p.field === "agreementKind" && at(s, "agreementKind") && (p.value === "協" || p.value === "契"))
    return advance(s, "agreementKind", { agreementKind: p.value });
  return null;
}

/** 「そのまま」: keep the current value of the field being asked. */
function keep(s: ConversationState, p: Params): StepResult | null {
  const field = p.field;
  if (!inFlow(s) || at(s, "cancelConfirm", "restartConfirm") || !isField(field) || fieldOf(s) !== field)
    return null;
  if (s.answers[field] === undefined) return null;
  return advance(enter(s, field, editingOf(s)), field, {});
}

function edit(s: ConversationState, p: Params): StepResult | null {
  if (!at(s, "confirm", "editPick")) return null;
  const next = isField(p.field) ? enter(s, p.field, { editing: true }) : enter(s, "editPick");
  return reply(next, resume(next));
}

function clinicYes(s: ConversationState): StepResult | null {
  const name = s.scratch?.rosterName;
  if (!at(s, "clinicConfirm") || !name) return null;
  return advance(enter(s, "clinicName", editingOf(s)), "clinicName", { clinicName: name });
}

function mailYes(s: ConversationState): StepResult | null {
  const offer = s.scratch?.emailOffer;
  if (!at(s, "emailCaseOffer") || !offer) return null;
  // Lower-cased or joined, the address may still be one letter off (「Ogawa@gmial.com」).
  return takeEmail(enter(s, "email", editingOf(s)), offer);
}

function sheet(s: ConversationState): StepResult | null {
  if (inFlow(s)) return null;
  if (isComplete(s.answers)) return reply(s, copySheetMessages(s.answers));
  return reply(s, [text(answeredCount(s.answers) > 0 ? M.notReady : M.notStarted)]);
}

function splitYes(s: ConversationState): StepResult | null {
  const { family, given } = s.scratch ?? {};
  if (!at(s, "nameSplit") || !family || !given) return null;
  const lead = [text(fill(M.nameSplit, { family, given }))];
  return advance(enter(s, "familyName"), "givenName", { familyName: family, givenName: given }, lead);
}

function splitFamilyOnly(s: ConversationState): StepResult | null {
  const typed = s.scratch?.typed;
  if (!at(s, "nameSplit") || !typed) return null;
  return advance(enter(s, "familyName"), "familyName", { familyName: typed });
}

function givenKeep(s: ConversationState): StepResult | null {
  const typed = s.scratch?.typed;
  if (!at(s, "givenSurname") || !typed) return null;
  return advance(enter(s, "givenName", editingOf(s)), "givenName", { givenName: typed });
}

function typoFix(s: ConversationState): StepResult | null {
  const offer = s.scratch?.emailOffer;
  if (!at(s, "emailTypo") || !offer) return null;
  return takeEmail(enter(s, "email", editingOf(s)), offer, { keepTyped: true });
}

function typoKeep(s: ConversationState): StepResult | null {
  const typed = s.scratch?.emailTyped;
  if (!at(s, "emailTypo") || !typed) return null;
  // An address the portal would refuse as typed (「…@docomo.ne.j」) cannot be kept: asked again.
  const checked = validateEmail(typed);
  if (!checked.ok) {
    const next = enter(s, "email", editingOf(s));
    return reply(next, [text(COPY.errors.email.badDomain), ...resume(next).slice(-1)]);
  }
  return takeEmail(enter(s, "email", editingOf(s)), typed, { keepTyped: true });
}

function replaceYes(s: ConversationState): StepResult | null {
  const { replaceField, replaceValue } = s.scratch ?? {};
  if (!at(s, "replaceOffer") || !isField(replaceField) || replaceValue === undefined) return null;
  const patch = JSON.parse(replaceValue) as RegistrationAnswers;
  const label = replaceLabelOf(s);
  const lead = [text(fill(COPY.reading.messages.replaced, { label, value: s.scratch?.replaceShown ?? "" }))];
  return advance(enter(s, replaceField, { editing: true }), replaceField, patch, lead);
}

const HANDLERS = new Map<string, Handler>([
  ["reg.split.yes", (_, s) => splitYes(s)],
  ["reg.split.family", (_, s) => splitFamilyOnly(s)],
  ["reg.split.retry", (_, s) => (at(s, "nameSplit") ? ask(enter(s, "familyName")) : null)],
  ["reg.given.keep", (_, s) => givenKeep(s)],
  [
    "reg.given.family",
    (_, s) => (at(s, "givenSurname") ? ask(enter(s, "familyName", { editing: s.editing })) : null),
  ],
  ["reg.typo.fix", (_, s) => typoFix(s)],
  ["reg.typo.keep", (_, s) => typoKeep(s)],
  ["reg.replace.yes", (_, s) => replaceYes(s)],
  ["reg.replace.no", (_, s) => (at(s, "replaceOffer") ? toConfirm(s) : null)],
  ["reg.start", (ctx, s) => start(ctx, s)],
  ["reg.review", (_, s) => (inFlow(s) ? null : review(s))],
  ["reg.resume", (_, s) => (at(s, "resumeOffer") ? continueWhereLeft(s) : null)],
  // 「入力を続ける」 after 「あとで」: straight back to the first empty field (or the card).
  [
    "reg.continue",
    (ctx, s) =>
      inFlow(s)
        ? null
        : answeredCount(s.answers) > 0 && !isComplete(s.answers)
          ? continueWhereLeft(s)
          : start(ctx, s),
  ],
  ["reg.cancel", (_, s) => (inFlow(s) ? runCommand(s, "cancel") : null)],
  ["reg.cancel.yes", (_, s) => (at(s, "cancelConfirm") ? cancelNow() : null)],
  ["reg.cancel.no", (_, s) => (at(s, "cancelConfirm") ? keepGoing(s) : null)],
  ["reg.restart", (_, s) => (inFlow(s) ? runCommand(s, "restart") : null)],
  ["reg.restart.yes", (_, s) => (at(s, "restartConfirm", "resumeOffer") ? restartNow() : null)],
  ["reg.restart.no", (_, s) => (at(s, "restartConfirm") ? keepGoing(s) : null)],
  ["reg.choice", (_, s, p) => choose(s, p)],
  ["reg.keep", (_, s, p) => keep(s, p)],
  ["reg.clinic.yes", (_, s) => clinicYes(s)],
  ["reg.clinic.no", (_, s) => (at(s, "clinicConfirm") ? ask(enter(s, "clinicName", editingOf(s))) : null)],
  ["reg.mail.yes", (_, s) => mailYes(s)],
  ["reg.mail.retry", (_, s) => (at(s, "emailCaseOffer") ? ask(enter(s, "email", editingOf(s))) : null)],
  ["reg.ok", (ctx, s) => (at(s, "confirm") && isComplete(s.answers) ? finish(ctx, s) : null)],
  ["reg.card", (_, s) => (at(s, "confirm") ? reply(s, resume(s)) : null)],
  ["reg.edit", (_, s, p) => edit(s, p)],
  ["reg.edit.done", (_, s) => (at(s, "editPick") ? toConfirm(s) : null)],
  ["reg.sheet", (_, s) => sheet(s)],
  ["reg.later", (_, s) => (inFlow(s) ? null : reply(s, [text(M.later)]))],
]);

/** The postback names this flow defines (for the router and the tests). */
export const REGISTRATION_POSTBACKS = [...HANDLERS.keys()];

export function onPostback(ctx: FlowContext, state: ConversationState, data: string): StepResult {
  const { action, params } = parsePostback(data);
  const handled = HANDLERS.get(action)?.(ctx, state, params);
  if (handled) return handled;
  if (!inFlow(state)) return reply(state, [text(M.staleIdle)]);
  return reply(state, [text(M.stale), ...resume(state)]);
}
