// What the staff area needs from the outside, and the Hono environment its routes share.
import type { Context } from "hono";
import type { FaqEntry } from "../answerer/types.js";
import type { StaffGroup } from "../bot/deps.js";
import type { LiveKnowledge } from "../knowledge/live.js";
import type { Background, Clock, Logger, Messenger } from "../ports.js";
import type { FieldCipher } from "../store/cipher.js";
import type { Database } from "../store/database.js";
import type { SearchIndex } from "../store/search-index.js";
import type { SessionStaff } from "../store/staff-sessions.js";
import type { QuotaSource } from "./quota.js";

/** Read at call time: the Node entry replaces `messenger` once the server listens. */
export interface AdminDeps {
  db: Database;
  cipher: FieldCipher;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** Runs a broadcast after the response; without it "send now" finishes inside the request. */
  background?: Background;
  /** The members' blind index; without it searching by name or phone finds nobody. */
  searchIndex?: SearchIndex;
  /** Set when new inquiries are pushed to a staff LINE group (the dashboard counts them). */
  staffGroup?: StaffGroup;
  /** The bot's FAQ knowledge, rebuilt when staff publish (without it the pages keep their own). */
  knowledge?: LiveKnowledge;
}

/** Scores a knowledge base on the held-out evaluation set (aggregate only); null: not available here. */
export interface HeldOutCheck {
  score(entries: FaqEntry[]): Promise<number | null>;
}

export interface AdminOptions {
  deps: AdminDeps;
  /** Production behind HTTPS: Secure cookies and Strict-Transport-Security. */
  secureCookies: boolean;
  /**
   * The client's address for sign-in throttling, chosen by the entry point (the socket on Node, or the
   * proxy's header when told to trust it; CF-Connecting-IP on Workers). Without it every client
   * shares one address bucket.
   */
  clientAddress?: (c: Context) => string | undefined;
  /** The LINE message quota; the dashboard says "not configured" without it. */
  quota?: QuotaSource;
  /**
   * Hands 「今すぐ送信」 to the runtime's own worker (the Worker's queue); without it the fan-out runs
   * in `deps.background` (Node; the Worker's waitUntil), or inside the request.
   */
  startBroadcast?: (broadcastId: number) => Promise<void>;
  /** Dated FAQ facts older than this many days are flagged for review (KNOWLEDGE_REVIEW_DAYS). */
  knowledgeReviewDays?: number;
  /** Warns before a publish that lowers the held-out FAQ score (Node, where the set is on disk). */
  heldOut?: HeldOutCheck;
}

export type AdminEnv = { Variables: { staff: SessionStaff } };
