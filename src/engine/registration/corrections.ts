// At 入力内容確認, words are corrections: 「電話番号を間違えました」 opens that field, a new value typed
// (an address, a number) offers to replace the one on the card, 「修正したい」 shows the field list.

import type { ConversationState, RegistrationAnswers, StepResult } from "../types.js";
import { extractEmail, extractPhone, extractRegistrationNumber } from "../understand/extract.js";
import { COPY } from "./copy.js";
import { enter, type Field, reply, stepOf } from "./model.js";
import { nfkc } from "./normalize.js";
import { resume } from "./prompts.js";
import {
  formatRegistrationNumber,
  parseRegistrationNumber,
  validateEmail,
  validatePhone,
} from "./validate.js";

const R = COPY.reading;
const FIELD_WORDS = Object.entries(R.fieldWords) as [Field, string[]][];

const open = (state: ConversationState, field: Field): StepResult => {
  const next = enter(state, field, { editing: true });
  return reply(next, resume(next));
};

function offer(
  state: ConversationState,
  field: Field,
  patch: RegistrationAnswers,
  shown: string,
): StepResult {
  const next = enter(state, "replaceOffer", {
    scratch: { replaceField: field, replaceValue: JSON.stringify(patch), replaceShown: shown },
  });
  return reply(next, resume(next));
}

/** A new value typed at the card: which field it is for, if it is a valid one. */
function newValue(state: ConversationState, raw: string): StepResult | null {
  const mail = extractEmail(raw);
  if (mail) {
    const checked = validateEmail(mail.value);
    const value = checked.ok ? checked.value : checked.suggestion;
    if (value && value !== state.answers.email) return offer(state, "email", { email: value }, value);
    return null;
  }
  const number = extractRegistrationNumber(raw);
  const parsed = number ? parseRegistrationNumber(number.value) : null;
  if (parsed?.ok) {
    const kind = parsed.value.kind ?? state.answers.agreementKind;
    if (
      kind &&
      (parsed.value.digits !== state.answers.registrationDigits || kind !== state.answers.agreementKind)
    )
      return offer(
        state,
        "registrationDigits",
        { agreementKind: kind, registrationDigits: parsed.value.digits },
        formatRegistrationNumber(kind, parsed.value.digits),
      );
  }
  const phone = extractPhone(raw);
  const checkedPhone = phone ? validatePhone(phone.value) : null;
  if (checkedPhone?.ok && checkedPhone.value !== state.answers.phoneNumber)
    return offer(state, "phoneNumber", { phoneNumber: checkedPhone.value }, checkedPhone.value);
  return null;
}

/** What a text typed at 入力内容確認 (or the field list) asks for, or null when it is not a correction. */
export function correctionAtConfirm(state: ConversationState, raw: string): StepResult | null {
  const step = stepOf(state);
  if (step !== "confirm" && step !== "editPick" && step !== "replaceOffer") return null;
  const value = newValue(state, raw);
  if (value) return value;
  const t = nfkc(raw).toLowerCase();
  const corrects = R.correctionWords.some((w) => t.includes(w));
  const field = FIELD_WORDS.find(([, words]) => words.some((w) => t.includes(w.toLowerCase())))?.[0];
  if (field && (corrects || t.length <= 12)) return open(state, field);
  if (corrects) {
    const next = enter(state, "editPick");
    return reply(next, resume(next));
  }
  return null;
}
