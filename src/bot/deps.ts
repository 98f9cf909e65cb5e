// Everything the bot needs to handle an event, chosen by the entry points (Node, Worker, tests).
import type { FaqEntry, FaqLookup } from "../answerer/types.js";
import type { Engine } from "../engine/router.js";
import type { LiveKnowledge } from "../knowledge/live.js";
import type { Background, Clock, Logger, Messenger } from "../ports.js";
import type { FieldCipher } from "../store/cipher.js";
import type { Database } from "../store/database.js";
import type { SearchIndex } from "../store/search-index.js";

/** Optional LLM phrasing of FAQ answers (OpenAI); null means "use the offline answer". */
export interface Phraser {
  phrase(question: string, entries: FaqEntry[]): Promise<{ text: string; entryIds: string[] } | null>;
}

export interface BotDeps {
  db: Database;
  cipher: FieldCipher;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  background: Background;
  engine: Engine;
  faq: FaqLookup;
  /** The knowledge `faq` answers from: rebuilt when staff publish (see src/knowledge/live.ts). */
  knowledge?: LiveKnowledge;
  phraser?: Phraser;
  /** The members' blind index (name, phone) written with each saved registration. */
  searchIndex?: SearchIndex;
  /** A staff LINE group told about each new inquiry (optional). */
  staffGroup?: StaffGroup;
}

export interface StaffGroup {
  groupId: string;
  /** Where staff open the admin area, for a link in the message. */
  adminBaseUrl?: string;
}
