// Turns an FAQ result into LINE messages: the answer and its source, a 「もしかして」 list, or an
// honest "not found" with a way to a person. All wording comes from flows/faq/messages.ts.
import { FAQ_MESSAGES as M } from "../../flows/faq/messages.js";
import { type Choice, postbackData, text } from "../engine/messages.js";
import type { LineMessage } from "../engine/types.js";
import type { FaqEntry, FaqResult } from "./types.js";

const personChoices: Choice[] = [
  { label: M.askPerson, data: postbackData("inquiry.create") },
  { label: M.callCentreLabel, data: postbackData("callcentre") },
];

/** The answer, then a small bubble naming the source (and its date), with the entry's own buttons if any. */
export function entryReplies(entry: FaqEntry): LineMessage[] {
  const choices = (entry.choices ?? []).map((c) => ({ label: c.label, data: postbackData(c.action) }));
  return [text(entry.answer), text(M.source(entry.source.title, entry.source.asOf), choices)];
}

export function faqReplies(result: FaqResult): LineMessage[] {
  switch (result.kind) {
    case "confident":
      return entryReplies(result.entry);
    case "unsure":
      return [
        text(M.unsureIntro, [
          ...result.candidates
            .slice(0, 3)
            .map((e) => ({ label: e.label, data: postbackData("faq", { id: e.id }), displayText: e.label })),
          { label: M.noneOfThese, data: postbackData("faq.none") },
        ]),
      ];
    case "none":
      return [text(M.notFound, personChoices)];
  }
}

export function callCentreReplies(): LineMessage[] {
  return [text(M.callCentre)];
}
