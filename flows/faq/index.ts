// The FAQ knowledge base, validated once when the module loads (see schema.ts).
import type { FaqEntry } from "../../src/answerer/types.js";
import { BLIND_PHRASINGS } from "./blind-phrasings.generated.js";
import { AFTER_ENTRIES } from "./entries/after.js";
import { BOT_ENTRIES } from "./entries/bot.js";
import { CONTACT_ENTRIES } from "./entries/contact.js";
import { DATED_ENTRIES } from "./entries/dated.js";
import { DETAIL_ENTRIES } from "./entries/details.js";
import { FORM_ENTRIES } from "./entries/form.js";
import { JOURNEY_ENTRIES } from "./entries/journey.js";
import { MEMBER_PHRASINGS } from "./member-phrasings.js";
import { defineFaq, withPhrasings } from "./schema.js";

/** The entries with their own and the members' phrasings, before the blind writers' messages. */
export const FAQ_SEED_ENTRIES: FaqEntry[] = defineFaq(
  withPhrasings(
    [
      ...JOURNEY_ENTRIES,
      ...FORM_ENTRIES,
      ...AFTER_ENTRIES,
      ...DATED_ENTRIES,
      ...DETAIL_ENTRIES,
      ...CONTACT_ENTRIES,
      ...BOT_ENTRIES,
    ],
    MEMBER_PHRASINGS,
  ),
);

/** The blind dev set's answerable messages by entry (blind-phrasings.generated.ts), optionally without one writer's. */
function blindPhrasings(withoutWriter?: string): Record<string, string[]> {
  const byEntry: Record<string, string[]> = {};
  for (const [writer, entry, question] of BLIND_PHRASINGS) {
    if (entry === "none" || writer === withoutWriter) continue;
    const list = byEntry[entry] ?? [];
    list.push(question);
    byEntry[entry] = list;
  }
  return byEntry;
}

/** The knowledge with every phrasing; `withoutWriter` leaves one blind writer's out (for the evaluation only). */
export const faqEntries = (withoutWriter?: string): FaqEntry[] =>
  defineFaq(withPhrasings(FAQ_SEED_ENTRIES, blindPhrasings(withoutWriter)));

export const FAQ_ENTRIES: FaqEntry[] = faqEntries();

export { CALL_CENTRE_TEXT } from "./entries/contact.js";
export { FAQ_MESSAGES } from "./messages.js";
export { FILLERS, SYNONYMS } from "./synonyms.js";
