// What the member sees at each step (the prompt and its quick replies), and how a typed word is
// matched back to one of those quick replies, so 「はい」 typed works like 「はい」 tapped.

import { understanding } from "../../../flows/understanding.js";
import { type Choice, postbackData, text } from "../messages.js";
import { AFFILIATIONS, type ConversationState, type LineMessage, type StepResult } from "../types.js";
import { createInterpreter } from "../understand/interpret.js";
import { normalizeCommand } from "../understand/normalize.js";
import { confirmCard } from "./confirm-card.js";
import { COPY, fill } from "./copy.js";
import { answeredCount, FIELDS, type Field, fieldOf, isField, previousField, stepOf } from "./model.js";

/** A quick reply; `answer` lets typed yes/no words pick it. */
export type StepChoice = Choice & { answer?: "yes" | "no" };

/** 「はいそうです」「いいえ違います」 are yes and no too (the engine's interpreter reads them). */
const read = createInterpreter(understanding);
const B = COPY.buttons;
const RB = COPY.reading.buttons;
const RM = COPY.reading.messages;
const M = COPY.messages;

function pb(
  label: string,
  action: string,
  params?: Record<string, string>,
  answer?: "yes" | "no",
): StepChoice {
  const choice: StepChoice = { label, data: postbackData(action, params) };
  if (answer) choice.answer = answer;
  return choice;
}

/** 戻る (not on the first field), ヘルプ and やめる, sent as typed words. */
function commandChoices(field: Field): StepChoice[] {
  const back: StepChoice[] = previousField(field) ? [{ label: B.back, text: B.back }] : [];
  return [...back, { label: B.help, text: B.help }, { label: B.cancel, text: B.cancel }];
}

function fieldChoices(state: ConversationState, field: Field): StepChoice[] {
  const keep = state.answers[field] !== undefined ? [pb(B.keep, "reg.keep", { field }, "yes")] : [];
  if (field === "affiliation") {
    // The postback names the affiliation by its place in AFFILIATIONS (stable), not by the
    // display order, so a button on a phone keeps its meaning when the order changes.
    const options = COPY.affiliations.map((a) => ({
      ...pb(a.label, "reg.choice", { field, value: String(AFFILIATIONS.indexOf(a.value)) }),
      displayText: a.value,
    }));
    return [...options, ...keep, ...commandChoices(field)];
  }
  if (field === "agreementKind") {
    const options = COPY.agreementKinds.map((k) => pb(k.label, "reg.choice", { field, value: k.value }));
    return [...options, ...keep, ...commandChoices(field)];
  }
  return [...keep, ...commandChoices(field)];
}

/** The quick replies of the current step. */
export function choicesFor(state: ConversationState): StepChoice[] {
  switch (stepOf(state)) {
    case "clinicConfirm":
      return [
        pb(B.clinicYes, "reg.clinic.yes", {}, "yes"),
        pb(B.clinicNo, "reg.clinic.no", {}, "no"),
        ...commandChoices("clinicName"),
      ];
    case "emailCaseOffer":
      return [pb(B.mailYes, "reg.mail.yes", {}, "yes"), pb(B.mailRetry, "reg.mail.retry", {}, "no")];
    case "nameSplit":
      if (state.scratch?.whole)
        return [
          pb(RB.splitFamilyOnly, "reg.split.family"),
          pb(RB.splitRetry, "reg.split.retry", {}, "no"),
          ...commandChoices("familyName"),
        ];
      return [
        pb(RB.splitYes, "reg.split.yes", {}, "yes"),
        pb(RB.splitFamilyOnly, "reg.split.family"),
        pb(RB.splitRetry, "reg.split.retry", {}, "no"),
        ...commandChoices("familyName"),
      ];
    case "givenSurname":
      return [
        pb(RB.givenKeep, "reg.given.keep", {}, "yes"),
        pb(RB.givenFixFamily, "reg.given.family", {}, "no"),
        ...commandChoices("givenName"),
      ];
    case "emailTypo":
      return [pb(RB.typoFix, "reg.typo.fix", {}, "yes"), pb(RB.typoKeep, "reg.typo.keep", {}, "no")];
    case "replaceOffer":
      return [pb(RB.replaceYes, "reg.replace.yes", {}, "yes"), pb(RB.replaceNo, "reg.replace.no", {}, "no")];
    case "confirm":
      return [pb(B.ok, "reg.ok", {}, "yes"), pb(B.edit, "reg.edit"), pb(B.restart, "reg.restart")];
    case "editPick":
      return [
        ...FIELDS.map((f) => pb(COPY.fields[f].pick, "reg.edit", { field: f })),
        pb(B.editDone, "reg.edit.done"),
      ];
    case "cancelConfirm":
      return [pb(B.cancelYes, "reg.cancel.yes", {}, "yes"), pb(B.cancelNo, "reg.cancel.no", {}, "no")];
    case "restartConfirm":
      return [pb(B.restartYes, "reg.restart.yes", {}, "yes"), pb(B.restartNo, "reg.restart.no", {}, "no")];
    case "resumeOffer":
      return [pb(B.resume, "reg.resume", {}, "yes"), pb(B.restart, "reg.restart.yes")];
    default:
      return fieldChoices(state, fieldOf(state) ?? "familyName");
  }
}

/** 「（3/8）」 + the field's question (+ its current value when going back or editing). */
export function fieldPromptText(state: ConversationState, field: Field): string {
  const progress = fill(M.progress, { n: FIELDS.indexOf(field) + 1, total: FIELDS.length });
  const value = state.answers[field];
  const current = value === undefined ? "" : `\n\n${fill(M.currentValue, { value, keep: B.keep })}`;
  return `${progress}${COPY.fields[field].prompt}${current}`;
}

/** The prompt of the current step, quick replies on the last message. */
/**
 * The prompt after something else was answered mid-form: at 入力内容確認 a short line with the card's
 * choices (the big card again after each side question buried the answer), else the step's prompt.
 */
/** Why a corrected address is offered: a space inside, read aloud in kana, or (default) upper case. */
const OFFER_MESSAGE: Record<string, string> = { space: M.emailSpaceOffer, spoken: M.emailSpokenOffer };

export function resumeAfterAside(state: ConversationState): LineMessage[] {
  if (state.flow !== "registration" || stepOf(state) !== "confirm") return resume(state);
  return [text(M.backAtCard, [...choicesFor(state), pb(B.showCard, "reg.card")])];
}

export function resume(state: ConversationState): LineMessage[] {
  if (state.flow !== "registration") return [];
  const choices = choicesFor(state);
  const step = stepOf(state);
  const progress = fill(M.progress, { n: FIELDS.indexOf("clinicName") + 1, total: FIELDS.length });
  switch (step) {
    case "confirm":
      return [confirmCard(state.answers, choices)];
    case "editPick":
      return [text(M.editAsk, choices)];
    case "cancelConfirm":
      return [text(M.cancelAsk, choices)];
    case "restartConfirm":
      return [text(M.restartAsk, choices)];
    case "resumeOffer":
      return [text(fill(M.resumeAsk, { n: answeredCount(state.answers), total: FIELDS.length }), choices)];
    case "clinicConfirm":
      return [text(progress + fill(M.clinicConfirm, { name: state.scratch?.rosterName ?? "" }), choices)];
    case "emailCaseOffer":
      return [
        text(
          fill(OFFER_MESSAGE[state.scratch?.emailOfferWhy ?? ""] ?? M.emailCaseOffer, {
            email: state.scratch?.emailOffer ?? "",
          }),
          choices,
        ),
      ];
    case "nameSplit":
      if (state.scratch?.whole)
        return [text(fill(RM.kanaWholeAsk, { typed: state.scratch.typed ?? "" }), choices)];
      return [
        text(
          fill(RM.nameSplitAsk, { family: state.scratch?.family ?? "", given: state.scratch?.given ?? "" }),
          choices,
        ),
      ];
    case "givenSurname":
      return [text(fill(RM.givenSurnameAsk, { given: state.scratch?.typed ?? "" }), choices)];
    case "emailTypo": {
      const offer = state.scratch?.emailOffer ?? "";
      const suggestion = offer.slice(offer.lastIndexOf("@") + 1);
      return [text(fill(RM.emailTypoAsk, { suggestion, email: state.scratch?.emailTyped ?? "" }), choices)];
    }
    case "replaceOffer":
      return [
        text(
          fill(RM.replaceAsk, { label: replaceLabelOf(state), value: state.scratch?.replaceShown ?? "" }),
          choices,
        ),
      ];
    default:
      return [text(fieldPromptText(state, fieldOf(state) ?? "familyName"), choices)];
  }
}

/**
 * What a replacement offered at the card is called: the field's label, the number named as the card
 * names it (協1101234-5-6 is shown whole), or several fields' labels together (「姓・名」).
 */
export function replaceLabelOf(state: ConversationState): string {
  const { replaceLabel, replaceField } = state.scratch ?? {};
  if (replaceLabel) return replaceLabel;
  if (replaceField === "registrationDigits") return COPY.confirmCard.rows.registrationNumber;
  return isField(replaceField) ? COPY.fields[replaceField].label : "";
}

/** The postback quick reply a typed text stands for: its label, or a yes/no word for a yes/no choice. */
export function matchChoice(
  input: string,
  choices: StepChoice[],
): (StepChoice & { data: string }) | undefined {
  const key = normalizeCommand(input);
  if (key.length === 0) return undefined;
  const postbacks = choices.filter((c): c is StepChoice & { data: string } => "data" in c);
  const byLabel = postbacks.find(
    (c) =>
      normalizeCommand(c.label) === key ||
      ("displayText" in c && c.displayText && normalizeCommand(c.displayText) === key),
  );
  if (byLabel) return byLabel;
  // 「わかりました、登録は進めます。この内容でOKです」: a button's words as the last sentence, after
  // sentences that neither correct nor ask anything.
  const sentences = input.split(/[。．!！\n、,]+/u).filter((x) => x.trim().length > 0);
  if (sentences.length > 1) {
    const last = normalizeCommand(sentences.at(-1)!);
    const before = sentences.slice(0, -1).join("");
    const quiet = !/[?？]/u.test(before) && !COPY.reading.correctionWords.some((w) => before.includes(w));
    const byLast = quiet ? postbacks.find((c) => normalizeCommand(c.label) === last) : undefined;
    if (byLast) return byLast;
  }
  // 「そのままで」「このままでいい」: the そのまま button, in the member's words.
  if (COPY.answers.keep.some((w) => normalizeCommand(w) === key)) {
    const keep = postbacks.find((c) => c.label === B.keep);
    if (keep) return keep;
  }
  const social = read.social(input);
  const answer =
    COPY.answers.yes.some((w) => normalizeCommand(w) === key) || social === "yes"
      ? "yes"
      : COPY.answers.no.some((w) => normalizeCommand(w) === key) || social === "no"
        ? "no"
        : undefined;
  if (answer) return postbacks.find((c) => c.answer === answer);
  // 「そうそうcomです」「はいお願いしますね」: a yes or a no, then a few words more.
  const lead = leadingAnswer(key);
  if (lead) return postbacks.find((c) => c.answer === lead);
  // 「続けます」「やっぱり続けたい」 for 「いいえ、続ける」: the verb of exactly one button, in a short reply.
  if (Array.from(key).length > 15) return undefined;
  const byVerb = postbacks.filter((c) =>
    c.label
      .split(/[、,]/u)
      .map((part) => normalizeCommand(part))
      .some((part) => part.length >= 3 && part.endsWith("る") && key.includes(part.slice(0, -1))),
  );
  return byVerb.length === 1 ? byVerb[0] : undefined;
}

/** A yes or no word at the start of a short reply (「そうそうcomです」), for questions with yes and no buttons. */
function leadingAnswer(key: string): "yes" | "no" | undefined {
  if (Array.from(key).length > 14) return undefined;
  const starts = (words: readonly string[]) =>
    words.some((w) => {
      const word = normalizeCommand(w);
      // 「はい」, or three letters at least (「ええと…」 is not 「ええ」).
      const long = word.length >= 3 || word === normalizeCommand("はい");
      return long && key.startsWith(word) && Array.from(key).length - word.length <= 8;
    });
  if (starts(COPY.answers.no)) return "no";
  if (starts(COPY.answers.yes)) return "yes";
  return undefined;
}

/** Answers something, then repeats the current prompt; the state does not change. */
export const answerThenResume = (state: ConversationState, lead: LineMessage[]): StepResult => ({
  state,
  replies: [...lead, ...resume(state)],
  effects: [],
});
