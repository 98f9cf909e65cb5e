// Turns an FAQ result into LINE messages: the answer and its source, a 「もしかして」 list, or an
// honest "not found" with a way to a person. All wording comes from flows/faq/messages.ts. Every
// reply ends with buttons, so an answer is never a dead end.
import { FAQ_MESSAGES as M } from "../../flows/faq/messages.js";
import { type Choice, postbackData, text } from "../engine/messages.js";
import type { LineMessage } from "../engine/types.js";
import { fillRelativeDates } from "./relative-date.js";
import type { FaqEntry, FaqResult } from "./types.js";

const personChoices: Choice[] = [
  { label: M.askPerson, data: postbackData("inquiry.create") },
  { label: M.callCentreLabel, data: postbackData("callcentre") },
];
const askPerson: Choice = { label: M.askPerson, data: postbackData("inquiry.start") };

const entryChoice = (e: FaqEntry): Choice => ({
  label: e.label,
  data: postbackData("faq", { id: e.id }),
  displayText: e.label,
});

/** An answer that sends the member to the association comes with the button that does it. */
const sendsToAssociation = (entry: FaqEntry) => M.askAssociationMarkers.some((w) => entry.answer.includes(w));

/**
 * The answer (its dates related to `now`: 「2026年12月ごろ（＝今月）」), then a small bubble naming the
 * source (and its date), with the entry's own buttons, the related entries, and `extra` (the
 * member's next journey step, the menu).
 */
export function entryReplies(
  entry: FaqEntry,
  related: FaqEntry[] = [],
  extra: Choice[] = [],
  now = new Date(),
): LineMessage[] {
  const own = (entry.choices ?? []).map((c) => ({ label: c.label, data: postbackData(c.action) }));
  const person = sendsToAssociation(entry) ? [askPerson] : [];
  const seen = new Set<string>();
  const choices = [...own, ...person, ...related.map(entryChoice), ...extra].filter((c) => {
    if (seen.has(c.label)) return false;
    seen.add(c.label);
    return true;
  });
  const sources = [entry.source, ...(entry.alsoFrom ?? [])].map((x) => M.source(x.title, x.asOf));
  return [text(fillRelativeDates(entry.answer, now)), text(sources.join("\n"), choices)];
}

export function faqReplies(result: FaqResult, extra: Choice[] = [], now?: Date): LineMessage[] {
  switch (result.kind) {
    case "confident":
      return entryReplies(result.entry, result.related, extra, now);
    case "unsure":
      // One near entry: ask about it as a person would (「…のことでしょうか」), はい shows it.
      if (result.candidates.length === 1) {
        const only = result.candidates[0]!;
        return [
          text(M.unsureOne(only.label), [
            { label: M.yesShow, data: postbackData("faq", { id: only.id }), displayText: only.label },
            { label: M.notThis, data: postbackData("faq.none") },
          ]),
        ];
      }
      return [
        text(M.unsureIntro, [
          ...result.candidates.slice(0, 3).map(entryChoice),
          { label: M.noneOfThese, data: postbackData("faq.none") },
        ]),
      ];
    case "none": {
      // A person first, then the member's own next step and the menu: never a dead end. A topic the
      // desk knows it does not cover is named, and only the association is offered (not the portal's call centre).
      const others = extra.filter((c) => c.label !== M.askPerson);
      if (result.outside?.contact === "callcentre")
        return [
          text(M.outsideTopicCallCentre(result.outside.about), [...personChoices].reverse().concat(others)),
        ];
      // Nobody here can help (the weather): said so, with the member's own next step and the menu.
      if (result.outside?.contact === "nobody")
        return [text(result.outside.reply ?? M.outsideTopic(result.outside.about), others)];
      if (result.outside)
        return [
          text(result.outside.reply ?? M.outsideTopic(result.outside.about), [personChoices[0]!, ...others]),
        ];
      // Entries that only touch on the question, said to be only near, then a person.
      if (result.near?.length)
        return [text(M.notFoundNear, [...result.near.map(entryChoice), ...personChoices, ...others])];
      return [text(M.notFound, [...personChoices, ...others])];
    }
  }
}

export function callCentreReplies(): LineMessage[] {
  return [text(M.callCentre)];
}
