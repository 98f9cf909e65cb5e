// Taking one answer: validate the typed text for the current field, then move on (next field, the
// roster look-up after the number, or back to 入力内容確認 when correcting). A rejection keeps every answer.
import { text } from "../messages.js";
import type { ConversationState, Input, LineMessage, RegistrationAnswers, StepResult } from "../types.js";
import { COPY, fill } from "./copy.js";
import { enter, type Field, nextField, registrationNumberOf, reply, stepOf } from "./model.js";
import { normalizeName } from "./normalize.js";
import { choicesFor, resume } from "./prompts.js";
import {
  matchOption,
  parseRegistrationNumber,
  validateEmail,
  validateName,
  validatePhone,
} from "./validate.js";

const M = COPY.messages;
const E = COPY.errors;

/** The confirm card, leaving any correction mode. */
export function toConfirm(state: ConversationState, lead: LineMessage[] = []): StepResult {
  const next = enter(state, "confirm");
  return reply(next, [...lead, ...resume(next)]);
}

/** Stores `patch` for `field` and goes to what comes next. */
export function advance(
  state: ConversationState,
  field: Field,
  patch: RegistrationAnswers,
  lead: LineMessage[] = [],
) {
  const answers = { ...state.answers, ...patch };
  const editing = state.editing === true;
  const number = registrationNumberOf(answers);
  const numberChanged =
    patch.registrationDigits !== undefined || (editing && patch.agreementKind !== undefined);
  if (numberChanged && number) {
    const waiting = enter(state, "rosterWait", { answers, editing });
    const derived = text(fill(M.numberDerived, { number }), choicesFor(waiting));
    return reply(waiting, [...lead, derived], [{ type: "lookupRoster", registrationNumber: number }]);
  }
  if (numberChanged && !answers.agreementKind)
    return ask(enter(state, "agreementKind", { answers, editing }), lead);
  if (editing) return toConfirm({ ...state, answers }, lead);
  const next = nextField(field);
  if (!next) return toConfirm({ ...state, answers }, [...lead, text(M.passwordRule)]);
  return ask(enter(state, next, { answers }), lead);
}

export const ask = (state: ConversationState, lead: LineMessage[] = []) =>
  reply(state, [...lead, ...resume(state)]);

/** A rejection: what was wrong and a right example, with the step's quick replies; state untouched. */
const reject = (state: ConversationState, message: string) =>
  reply(state, [text(message, choicesFor(state))]);

function nameField(state: ConversationState, field: "familyName" | "givenName", raw: string): StepResult {
  const f = COPY.fields[field];
  const vars = { label: f.label, example: f.example, max: COPY.maxNameLength };
  const parts = normalizeName(raw).split(" ");
  if (field === "familyName" && parts.length === 2) {
    const [family, given] = parts.map((p) => validateName(p, COPY.maxNameLength));
    if (family?.ok && given?.ok) {
      const lead = [text(fill(M.nameSplit, { family: family.value, given: given.value }))];
      return advance(state, "givenName", { familyName: family.value, givenName: given.value }, lead);
    }
  }
  if (parts.length > 1) return reject(state, fill(E.nameHasSpace, vars));
  const checked = validateName(raw, COPY.maxNameLength);
  if (!checked.ok) return reject(state, fill(E.name[checked.error], { ...vars, n: checked.count ?? 0 }));
  return advance(state, field, { [field]: checked.value });
}

function clinicField(state: ConversationState, raw: string): StepResult {
  const checked = validateName(raw, COPY.maxClinicLength);
  if (checked.ok)
    return advance(enter(state, "clinicName", { editing: state.editing }), "clinicName", {
      clinicName: checked.value,
    });
  const vars = { example: COPY.fields.clinicName.example, max: COPY.maxClinicLength, n: checked.count ?? 0 };
  return reject(state, fill(E.clinic[checked.error], vars));
}

function numberField(state: ConversationState, field: "agreementKind" | "registrationDigits", raw: string) {
  const parsed = parseRegistrationNumber(raw);
  if (parsed.ok && (parsed.value.kind || field === "registrationDigits")) {
    const kind = parsed.value.kind ?? state.answers.agreementKind;
    return advance(state, field, {
      registrationDigits: parsed.value.digits,
      ...(kind ? { agreementKind: kind } : {}),
    });
  }
  if (field === "agreementKind") {
    const option = matchOption(raw, COPY.agreementKinds);
    return option ? advance(state, field, { agreementKind: option.value }) : reject(state, E.agreementKind);
  }
  if (parsed.ok) return reject(state, E.digits.notDigits);
  return reject(state, fill(E.digits[parsed.error], { n: parsed.count ?? 0 }));
}

function emailField(state: ConversationState, raw: string): StepResult {
  const checked = validateEmail(raw);
  const base = enter(state, "email", { editing: state.editing });
  if (checked.ok) return advance(base, "email", { email: checked.value });
  if (checked.error === "upperCase" && checked.suggestion)
    return ask(
      enter(state, "emailCaseOffer", { editing: state.editing, scratch: { emailOffer: checked.suggestion } }),
    );
  return reject(state, E.email[checked.error === "upperCase" ? "badLocal" : checked.error]);
}

/** A typed answer for the field the current step is about. */
export function acceptField(state: ConversationState, field: Field, raw: string): StepResult {
  switch (field) {
    case "familyName":
    case "givenName":
      return nameField(state, field, raw);
    case "affiliation": {
      const option = matchOption(raw, COPY.affiliations);
      return option ? advance(state, field, { affiliation: option.value }) : reject(state, E.affiliation);
    }
    case "agreementKind":
    case "registrationDigits":
      return numberField(state, field, raw);
    case "clinicName":
      return clinicField(state, raw);
    case "phoneNumber": {
      const checked = validatePhone(raw);
      if (checked.ok) return advance(state, field, { phoneNumber: checked.value });
      return reject(state, fill(E.phone[checked.error], { n: checked.count ?? 0 }));
    }
    case "email":
      return emailField(state, raw);
  }
}

/** The runner's answer to lookupRoster; a late or foreign one is ignored. */
export function onRosterResult(state: ConversationState, input: Extract<Input, { kind: "rosterResult" }>) {
  if (stepOf(state) !== "rosterWait" || input.registrationNumber !== registrationNumberOf(state.answers))
    return reply(state, []);
  const name = input.clinicName?.trim();
  const editing = state.editing;
  if (name) return ask(enter(state, "clinicConfirm", { editing, scratch: { rosterName: name } }));
  return ask(enter(state, "clinicName", { editing }));
}
