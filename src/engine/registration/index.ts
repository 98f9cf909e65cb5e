// The registration conversation as a pure flow: (state, input) → (state, replies, effects), in the
// portal's field order, with the portal's rules, never asking for, echoing or storing a password.
// Small talk and questions are read by the engine first (src/engine/understand); what reaches
// `step` as text is a button's words, a command, a correction at the card, or an answer.
import type { Flow, FlowContext } from "../flow.js";
import { text } from "../messages.js";
import type { ConversationState, StepResult } from "../types.js";
import { readBlock } from "./block.js";
import { detectCommand, runCommand } from "./commands.js";
import { COPY, fill } from "./copy.js";
import {
  correctionAtConfirm,
  fieldReopenInForm,
  labelledInForm,
  numberCorrectionInForm,
  saysCorrectionOrChange,
  textCorrectionInForm,
} from "./corrections.js";
import { acceptField, ask, onRosterResult, toConfirm } from "./fields.js";
import { start } from "./lifecycle.js";
import { answeredCount, enter, FIELDS, fieldOf, isComplete, isField, reply, stepOf } from "./model.js";
import { charCount, nfkc } from "./normalize.js";
import { looksLikePassword, mentionsPassword } from "./password.js";
import { onPostback } from "./postbacks.js";
import { answerThenResume, choicesFor, matchChoice, resume, resumeAfterAside } from "./prompts.js";
import { matchOption } from "./validate.js";

const M = COPY.messages;
/** 「押した」「押しました」「クリックした」: a button pressed somewhere. */
const PRESSED = /(?:押|お)し(?:た|ました|てある)|クリックし(?:た|ました)/u;
/** Asking whether the password may be kept or sent here (「ここに書いておいても」「LINEで送っても」). */
const KEEP_HERE =
  /(?:ここ|こっち|この(?:LINE|ライン|トーク)|LINE|ライン)(?:に|で).*(?:書|か[いくけ]|送|おく|メモ|残|保存|預)|(?:預か|覚えて|メモして)(?:って|おいて|もらえ|ください)/iu;
/** Where a correction with its new value goes: the change offered, or the address's likely spelling. */
const OFFERS = new Set(["replaceOffer", "emailTypo", "emailCaseOffer"]);
const TEXT_STEPS = new Set([
  "rosterWait",
  "clinicConfirm",
  "emailCaseOffer",
  "nameSplit",
  "givenSurname",
  "emailTypo",
]);

/**
 * At 所属機関 or ①, a word of one option (「じゅうどうせいふく」「ｷｮｳ」) is the answer, not a question
 * (「じゅうどう」 holds 「どう」).
 */
function namesAnOption(state: ConversationState, raw: string): boolean {
  const step = stepOf(state);
  if (step === "affiliation") return matchOption(raw, COPY.affiliations) !== undefined;
  if (step === "agreementKind") return matchOption(raw, COPY.agreementKinds) !== undefined;
  return false;
}

/**
 * Several fields pasted at once, at any question of the form: all valid ones are taken, then the first
 * field still missing is asked (or the card shown). No roster lookup: the clinic name came with them.
 */
function takeBlock(state: ConversationState, raw: string): StepResult | null {
  const field = fieldOf(state);
  if (!field || !isField(stepOf(state))) return null;
  const block = readBlock(raw);
  if (!block) return null;
  const answers = { ...state.answers, ...block.answers };
  // Named as on the card, in form order (① and ② are one 登録記号番号 there).
  const rows = COPY.confirmCard.rows;
  const names = [
    ...new Set(
      FIELDS.filter((f) => block.fields.includes(f)).map((f) =>
        f === "agreementKind" || f === "registrationDigits" ? rows.registrationNumber : rows[f],
      ),
    ),
  ].join("・");
  // A carrier's address: the same word on its filter as when typed alone.
  const carrier = COPY.reading.carrierDomains.some((d) => block.answers.email?.endsWith(`@${d}`));
  const lead = [
    text(fill(M.blockTaken, { fields: names })),
    ...(carrier ? [text(COPY.reading.messages.carrierMail)] : []),
  ];
  const missing = FIELDS.filter((f) => answers[f] === undefined);
  if (missing.length === 0) return toConfirm({ ...state, answers }, [...lead, text(M.passwordRule)]);
  // As an edit: each missing field is asked, then the card (the fields pasted are not asked again).
  return ask(enter(state, missing[0]!, { answers, editing: true }), lead);
}

/**
 * 「はりきゅうです」 while 「姓「山田」、名「花子」でよろしいですか」 is asked: the next question (所属機関)
 * answered early, which says yes to the split; both are taken, the name is not replaced by it.
 */
function splitThenAffiliation(ctx: FlowContext, state: ConversationState, raw: string): StepResult | null {
  if (stepOf(state) !== "nameSplit" || !state.scratch?.given) return null;
  if (!matchOption(raw, COPY.affiliations)) return null;
  const yes = choicesFor(state).find((c) => c.label === COPY.reading.buttons.splitYes);
  if (!yes || !("data" in yes)) return null;
  const split = onPostback(ctx, state, yes.data);
  if (stepOf(split.state) !== "affiliation") return null;
  const next = acceptField(split.state, "affiliation", raw);
  // The split said back, then what follows the 所属機関 (its own prompt is not shown: it was answered).
  return { ...next, replies: [...split.replies.slice(0, -1), ...next.replies] };
}

/**
 * 「OKしたら会に届くの？それとも自分でポータルに入れるの？」 at the card: what its 「この内容でOK」 does
 * (the sheet to copy; nothing is sent to the portal), not the portal's own OK button.
 */
const ABOUT_OK = /(?:ok|ｏｋ|オーケー|おーけー|この内容で)/iu;
const WHERE_IT_GOES =
  /届く|とどく|送られ|おくられ|送信され|登録され|会に|ポータルに(?:入|い|登録|送)|自分で/u;
const okQuestion = (state: ConversationState, raw: string): boolean => {
  const t = nfkc(raw).toLowerCase();
  return (
    stepOf(state) === "confirm" &&
    ABOUT_OK.test(t) &&
    WHERE_IT_GOES.test(t) &&
    /[?？]|か$|の$/u.test(t.trim())
  );
};

/** Order matters: refuse passwords and floods first, then buttons typed as words, commands, corrections, answers. */
function onText(ctx: FlowContext, state: ConversationState, raw: string): StepResult {
  if (looksLikePassword(raw)) return answerThenResume(state, [text(M.passwordRefused)]);
  const length = charCount(raw);
  if (length > COPY.maxInput) return answerThenResume(state, [text(fill(M.tooLong, { n: length }))]);
  const choice = matchChoice(raw, choicesFor(state));
  if (choice) return onPostback(ctx, state, choice.data);
  const command = detectCommand(raw);
  if (command) return runCommand(state, command);
  // 「パスワード忘れそうだからここに書いておいてもいい？」: a plain no, not the rules again.
  if (mentionsPassword(raw) && KEEP_HERE.test(raw.normalize("NFKC")))
    return answerThenResume(state, [text(M.passwordNotHere)]);
  if (mentionsPassword(raw)) return answerThenResume(state, [text(M.passwordRule)]);
  if (okQuestion(state, raw)) return reply(state, [text(COPY.reading.messages.okMeans), ...resume(state)]);
  const corrected = correctionAtConfirm(state, raw);
  if (corrected) return corrected;
  const renumbered = numberCorrectionInForm(state, raw);
  if (renumbered) return renumbered;
  const renamed = textCorrectionInForm(state, raw);
  if (renamed) return renamed;
  const pasted = takeBlock(state, raw);
  if (pasted) return pasted;
  const labelled = labelledInForm(state, raw);
  if (labelled) return labelled;
  const reopened = fieldReopenInForm(state, raw);
  if (reopened) return reopened;
  const step = stepOf(state);
  const field = fieldOf(state);
  const early = splitThenAffiliation(ctx, state, raw);
  if (early) return early;
  if (field && (isField(step) || TEXT_STEPS.has(step))) return acceptField(state, field, raw);
  // 「いえ、ポータルのほうで押したんです」: the card is taken for the portal's own screen.
  if (step === "confirm" && PRESSED.test(raw.normalize("NFKC")))
    return reply(state, [text(M.cardNotPortal), ...resumeAfterAside(state)]);
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
  claims: (_ctx, state, raw) =>
    looksLikePassword(raw) ||
    (isField(stepOf(state)) && readBlock(raw) !== null) ||
    matchChoice(raw, choicesFor(state)) !== undefined ||
    namesAnOption(state, raw) ||
    detectCommand(raw) !== undefined ||
    mentionsPassword(raw) ||
    okQuestion(state, raw) ||
    correctionAtConfirm(state, raw) !== null,
  paused: (state) =>
    state.flow !== "registration" && answeredCount(state.answers) > 0 && !isComplete(state.answers),
  help(_ctx, state) {
    const field = fieldOf(state);
    return field ? [text(COPY.fields[field].hint)] : [];
  },
  // After the copy sheet: a new value or a field named with a correction word offers the change on the
  // card (「はい、変える」, then 「この内容でOK」 saves it and gives the sheet again).
  correctsFinished(_ctx, state, raw) {
    if (state.flow !== "idle" || !isComplete(state.answers)) return null;
    if (!saysCorrectionOrChange(nfkc(raw).toLowerCase())) return null;
    // Only with the new value in it: 「ポータルでアドレス打ち間違えたかも」 is for the FAQ (the mail).
    const offered = correctionAtConfirm(enter(state, "confirm"), raw);
    return offered && OFFERS.has(stepOf(offered.state)) ? offered : null;
  },
  resume: (_ctx, state) => resume(state),
  resumeAfterAside: (_ctx, state) => resumeAfterAside(state),
};

export { FIELDS, type Field, registrationNumberOf, type Step } from "./model.js";
export {
  charCount,
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
