// A question typed in the middle of the form is answered, never stored as a field value: the FAQ
// answers it when it is confident, the password rule is explained, then the current prompt comes again.
import type { FaqEntry } from "../../answerer/types.js";
import type { FlowContext } from "../flow.js";
import { text } from "../messages.js";
import type { ConversationState, LineMessage, StepResult } from "../types.js";
import { COPY, fill } from "./copy.js";
import { fieldOf, reply } from "./model.js";
import { nfkc } from "./normalize.js";
import { mentionsPassword } from "./password.js";
import { resume } from "./prompts.js";

const M = COPY.messages;
const Q = COPY.questionMarkers;

/** The FAQ entry's answer with its source (and the date it was true as of). */
export function faqMessage(entry: FaqEntry): LineMessage {
  const { title, asOf, url } = entry.source;
  const source =
    fill(M.faqSource, { title }) + (asOf ? fill(M.faqAsOf, { asOf }) : "") + (url ? `\n${url}` : "");
  return text(`${entry.answer}\n\n${source}`);
}

/** Answers, then repeats the current prompt; the state does not change. */
export const answerThenResume = (state: ConversationState, lead: LineMessage[]): StepResult =>
  reply(state, [...lead, ...resume(state)]);

/**
 * Treats the text as a question if it ends with ？/?, has a clear question marker (ですか, 教えて…),
 * or a question word (何, どこ…) that the FAQ is confident about. Returns null for an answer.
 */
export function answerQuestion(ctx: FlowContext, state: ConversationState, raw: string): StepResult | null {
  const t = nfkc(raw).trim();
  if (mentionsPassword(t)) return answerThenResume(state, [text(M.passwordRule)]);
  const marked = /[?？]$/u.test(t) || Q.strong.some((w) => t.includes(w));
  if (!marked && !Q.weak.some((w) => t.includes(w))) return null;
  const found = ctx.faq.answer(t);
  if (found.kind === "confident") return answerThenResume(state, [faqMessage(found.entry)]);
  if (!marked) return null;
  const field = fieldOf(state);
  const fallback = field
    ? fill(M.questionFallbackField, { label: COPY.fields[field].label, hint: COPY.fields[field].hint })
    : M.questionFallback;
  return answerThenResume(state, [text(fallback)]);
}
