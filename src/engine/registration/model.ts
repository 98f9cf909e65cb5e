// The registration form as the engine sees it: the fields in portal order, the sub-steps between
// them, and small pure helpers over ConversationState (which step, which field, what comes next).
import type { ConversationState, Effect, LineMessage, RegistrationAnswers, StepResult } from "../types.js";
import { type AgreementKind, formatRegistrationNumber } from "./validate.js";

export const FIELDS = [
  "familyName",
  "givenName",
  "affiliation",
  "agreementKind",
  "registrationDigits",
  "clinicName",
  "phoneNumber",
  "email",
] as const satisfies readonly (keyof RegistrationAnswers)[];
export type Field = (typeof FIELDS)[number];

export const SUB_STEPS = [
  "rosterWait", // waiting for the runner's answer to lookupRoster
  "clinicConfirm", // the roster gave a name: はい / ちがう
  "emailCaseOffer", // the mail was right except for upper case: offer the lower-cased form
  "confirm", // 入力内容確認
  "editPick", // 修正する: which field?
  "cancelConfirm",
  "restartConfirm",
  "resumeOffer", // answers from an earlier attempt: 続きから / 最初から
  "nameSplit", // 「埼玉太郎」 typed at 姓: 姓「埼玉」、名「太郎」でよろしいですか
  "givenSurname", // a family name typed at 名 (「鈴木」 after 戻る): 名で合っていますか
  "emailTypo", // 「gmial.com」: 「gmail.com」ではありませんか
  "replaceOffer", // a new value typed at 入力内容確認: change that field to it?
] as const;
export type SubStep = (typeof SUB_STEPS)[number];
export type Step = Field | SubStep;

export const isField = (s: string | undefined): s is Field => FIELDS.includes(s as Field);
const isStep = (s: string | undefined): s is Step => isField(s) || SUB_STEPS.includes(s as SubStep);

/** The current step; an unknown one falls back to the first unanswered field. */
export function stepOf(state: ConversationState): Step {
  return isStep(state.step) ? state.step : (firstMissing(state.answers) ?? "confirm");
}

/** The field a step is about (sub-steps of 施術所名 and メール count as those fields). */
export function fieldOf(state: ConversationState): Field | undefined {
  const step = stepOf(state);
  if (isField(step)) return step;
  if (step === "rosterWait" || step === "clinicConfirm") return "clinicName";
  if (step === "emailCaseOffer" || step === "emailTypo") return "email";
  if (step === "nameSplit") return "familyName";
  if (step === "givenSurname") return "givenName";
  const returnTo = state.scratch?.returnTo;
  if ((step === "cancelConfirm" || step === "restartConfirm") && isField(returnTo)) return returnTo;
  return undefined;
}

export const nextField = (field: Field): Field | undefined => FIELDS[FIELDS.indexOf(field) + 1];
export const previousField = (field: Field): Field | undefined => FIELDS[FIELDS.indexOf(field) - 1];
export const firstMissing = (answers: RegistrationAnswers): Field | undefined =>
  FIELDS.find((f) => answers[f] === undefined);
export const answeredCount = (answers: RegistrationAnswers): number =>
  FIELDS.filter((f) => answers[f] !== undefined).length;
export const isComplete = (answers: RegistrationAnswers): boolean => firstMissing(answers) === undefined;

/** 登録記号番号 as the portal fills it in, once ① and ② are known. */
export function registrationNumberOf(answers: RegistrationAnswers): string | undefined {
  const { agreementKind, registrationDigits } = answers;
  return agreementKind && registrationDigits
    ? formatRegistrationNumber(agreementKind as AgreementKind, registrationDigits)
    : undefined;
}

/** A state inside the flow at `step`, keeping the answers; scratch and editing only when given. */
export function enter(
  state: ConversationState,
  step: Step,
  extra: { scratch?: Record<string, string>; editing?: boolean; answers?: RegistrationAnswers } = {},
): ConversationState {
  const next: ConversationState = { flow: "registration", step, answers: extra.answers ?? state.answers };
  if (extra.scratch && Object.keys(extra.scratch).length > 0) next.scratch = extra.scratch;
  if (extra.editing) {
    next.editing = true;
    if (state.editQueue?.length) next.editQueue = state.editQueue;
  }
  return next;
}

export { without } from "../types.js";

export const reply = (
  state: ConversationState,
  replies: LineMessage[],
  effects: Effect[] = [],
): StepResult => ({
  state,
  replies,
  effects,
});
