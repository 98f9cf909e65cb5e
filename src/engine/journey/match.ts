// Recognises typed reports (「登録ボタンを押した」「メール届いた」「登録完了しました」) only when the
// whole message means exactly that; anything else (questions, negations, longer sentences) is left
// to the FAQ, so a member asking about a step is never recorded as having done it.

import { JOURNEY_STEPS, type JourneyStep } from "../types.js";
import { normalizeCommand } from "../understand/normalize.js";
import type { JourneyCopy } from "./schema.js";

export type TypedReport =
  | { kind: "report"; step: JourneyStep }
  | { kind: "mailArrived" }
  | { kind: "mailMissing" }
  | { kind: "exempt" };

const QUESTION = /[?？]|(ですか|ますか|でしょうか|のか|かな)[。.!！\s]*$/;

/** Normalization shared by the typed text and the listed words: polite past and particles folded. */
export function foldReport(input: string): string {
  return normalizeCommand(input)
    .replace(/((ん|の)(ですが|だけど|です)|けど|よ|ね)$/, "")
    .replace(/ました$/, "た")
    .replace(/[がを]/g, "");
}

export function createMatcher(copy: JourneyCopy): (input: string) => TypedReport | null {
  const table = new Map<string, TypedReport>();
  const add = (words: string[], report: TypedReport) => {
    for (const word of words) if (!table.has(foldReport(word))) table.set(foldReport(word), report);
  };
  add(copy.words.mailArrived, { kind: "mailArrived" });
  add(copy.words.mailMissing, { kind: "mailMissing" });
  add(copy.exemption.words, { kind: "exempt" });
  for (const step of JOURNEY_STEPS)
    add([copy.steps[step].report, ...copy.steps[step].words], { kind: "report", step });
  return (input) => {
    if (input.length > 60 || QUESTION.test(input)) return null;
    return table.get(foldReport(input)) ?? null;
  };
}
