// The registration conversation as a pure flow: (state, input) → (state, replies, effects), in the
// portal's field order, with the portal's rules, never asking for, echoing or storing a password.
import type { Flow, FlowContext } from "../flow.js";
import { text } from "../messages.js";
import type { ConversationState, StepResult } from "../types.js";
import { detectCommand, runCommand } from "./commands.js";
import { COPY, fill } from "./copy.js";
import { acceptField, onRosterResult } from "./fields.js";
import { start } from "./lifecycle.js";
import { fieldOf, isField, reply, stepOf } from "./model.js";
import { charCount } from "./normalize.js";
import { looksLikePassword } from "./password.js";
import { onPostback } from "./postbacks.js";
import { choicesFor, matchChoice, resume } from "./prompts.js";
import { answerQuestion, answerThenResume } from "./questions.js";

const M = COPY.messages;
const TEXT_STEPS = new Set(["rosterWait", "clinicConfirm", "emailCaseOffer"]);

/** Order matters: refuse passwords and floods first, then buttons typed as words, commands, questions, answers. */
function onText(ctx: FlowContext, state: ConversationState, raw: string): StepResult {
  if (looksLikePassword(raw)) return answerThenResume(state, [text(M.passwordRefused)]);
  const length = charCount(raw);
  if (length > COPY.maxInput) return answerThenResume(state, [text(fill(M.tooLong, { n: length }))]);
  const choice = matchChoice(raw, choicesFor(state));
  if (choice) return onPostback(ctx, state, choice.data);
  const command = detectCommand(raw);
  if (command) return runCommand(state, command);
  const answered = answerQuestion(ctx, state, raw);
  if (answered) return answered;
  const step = stepOf(state);
  const field = fieldOf(state);
  if (field && (isField(step) || TEXT_STEPS.has(step))) return acceptField(state, field, raw);
  return answerThenResume(state, [text(M.pressButton)]);
}

export const registrationFlow: Flow = {
  start,
  step(ctx, state, input) {
    if (input.kind === "postback") return onPostback(ctx, state, input.data);
    if (state.flow !== "registration") return reply(state, []);
    if (input.kind === "text") return onText(ctx, state, input.text);
    if (input.kind === "nonText") return answerThenResume(state, [text(M.nonText)]);
    if (input.kind === "rosterResult") return onRosterResult(state, input);
    return reply(state, []);
  },
  resume: (_ctx, state) => resume(state),
};

export { FIELDS, type Field, registrationNumberOf, type Step } from "./model.js";
export {
  charCount,
  commandKey,
  nfkc,
  normalizeEmail,
  normalizeName,
  normalizeNumberText,
  normalizePhone,
  removeSpaces,
  stripEdges,
  unifyHyphens,
} from "./normalize.js";
export { looksLikePassword, meetsPortalRule, mentionsPassword } from "./password.js";
export { REGISTRATION_POSTBACKS } from "./postbacks.js";
export type { EmailResult, RegistrationNumber, Result } from "./validate.js";
export {
  formatRegistrationNumber,
  parseRegistrationNumber,
  validateEmail,
  validateName,
  validatePhone,
} from "./validate.js";
