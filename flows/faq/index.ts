// The FAQ knowledge base, validated once when the module loads (see schema.ts).
import type { FaqEntry } from "../../src/answerer/types.js";
import { AFTER_ENTRIES } from "./entries/after.js";
import { BOT_ENTRIES } from "./entries/bot.js";
import { CONTACT_ENTRIES } from "./entries/contact.js";
import { DATED_ENTRIES } from "./entries/dated.js";
import { DETAIL_ENTRIES } from "./entries/details.js";
import { FORM_ENTRIES } from "./entries/form.js";
import { JOURNEY_ENTRIES } from "./entries/journey.js";
import { MEMBER_PHRASINGS } from "./member-phrasings.js";
import { defineFaq, withPhrasings } from "./schema.js";

export const FAQ_ENTRIES: FaqEntry[] = defineFaq(
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

export { CALL_CENTRE_TEXT } from "./entries/contact.js";
export { FAQ_MESSAGES } from "./messages.js";
export { FILLERS, SYNONYMS } from "./synonyms.js";
